/**
 * The pages of one long list that are held or asked for, under the key (filters, sort) they answer. A new
 * key forgets every page; an answer for a key no longer current is dropped, so a slow page of the previous
 * search never shows under the new one.
 */
export class PageBook<T> {
  private key: string | null = null;
  private held = new Map<number, T[]>();
  private asked = new Set<number>();

  setKey(key: string | null): void {
    if (key === this.key) return;
    this.key = key;
    this.held = new Map();
    this.asked = new Set();
  }

  /** Whether to ask for `page` now: it is neither held nor already asked for under the current key. */
  claim(page: number): boolean {
    if (this.key === null || this.held.has(page) || this.asked.has(page)) return false;
    this.asked.add(page);
    return true;
  }

  /** Keeps an answer if it answers the current key; false when it was dropped. */
  answer(key: string, page: number, rows: T[]): boolean {
    if (key !== this.key) return false;
    this.held.set(page, rows);
    return true;
  }

  /** A page that failed may be asked for again. */
  failed(key: string, page: number): void {
    if (key === this.key) this.asked.delete(page);
  }

  get current(): string | null {
    return this.key;
  }
}
