import type { Institution } from '../../electron/shared/contract';

type Searchable = Pick<Institution, 'id' | 'name' | 'shortName' | 'region'>;

/**
 * Institutions matching what was typed, best first: a name that starts with it, then a short name that
 * does (people type 揭阳职院), then any other hit in name, short name or region. Case-insensitive for
 * Latin letters; whitespace ignored, since Chinese names have none and people paste them with spaces.
 */
export const matchInstitutions = <T extends Searchable>(all: readonly T[], query: string): T[] => {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q) return [...all];
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, '').toLowerCase();
  const rank = (i: T): number => {
    const name = norm(i.name);
    const short = norm(i.shortName);
    if (name.startsWith(q)) return 0;
    if (short.startsWith(q)) return 1;
    if (name.includes(q) || short.includes(q)) return 2;
    if (norm(i.region).includes(q)) return 3;
    return -1;
  };
  return all
    .map((i) => ({ i, r: rank(i) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.i);
};

/** Whether the typed text is exactly an existing name, so "新建" would only make a duplicate. */
export const hasExactName = (all: readonly Searchable[], query: string): boolean => {
  const q = query.trim();
  return all.some((i) => i.name === q);
};
