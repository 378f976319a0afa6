// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events within the same
// millisecond or while the wall clock lags, and the device's node id as the final tie-breaker. Encoded as
// fixed-width hex so plain string comparison is clock order, in SQL and in JS alike.

const MAX_COUNTER = 0xffff;

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export const nodeFromDeviceId = (deviceId: string): string => {
  const hex = deviceId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: ${deviceId}`);
  // The tail of a UUIDv7 is random; its head is a timestamp that two devices made together would share.
  return hex.slice(16);
};

export const encodeHlc = ({ ms, counter, node }: HlcParts): string =>
  `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

export const decodeHlc = (hlc: string): HlcParts => {
  const m = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9a-f]{16})$/.exec(hlc);
  if (!m) throw new Error(`malformed HLC: ${hlc}`);
  return { ms: parseInt(m[1]!, 16), counter: parseInt(m[2]!, 16), node: m[3]! };
};

export class HybridLogicalClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
    /** A remote clock further ahead than this is refused rather than dragging every later stamp along. */
    private readonly maxDriftMs = 24 * 3600 * 1000,
  ) {
    if (!/^[0-9a-f]{16}$/.test(node)) throw new Error(`malformed HLC node: ${node}`);
  }

  /** Resume after a restart from the last stamp issued, so a wall clock set backwards cannot reorder. */
  restore(last: string | null | undefined): void {
    if (!last) return;
    const p = decodeHlc(last);
    if (p.ms > this.ms || (p.ms === this.ms && p.counter > this.counter)) {
      this.ms = p.ms;
      this.counter = p.counter;
    }
  }

  /**
   * A stamp for a local event. `above` is the stamp of the value being overwritten: an edit must sort after
   * it, or it would win here and lose everywhere else (its stamp may come from a clock ahead of ours).
   */
  now(above?: string | null): string {
    const wall = this.wallClock();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    if (above) {
      const f = decodeHlc(above);
      if (f.ms > this.ms || (f.ms === this.ms && f.counter >= this.counter)) {
        this.ms = f.ms;
        this.counter = f.counter;
        this.bump();
      }
    }
    return encodeHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  /** How far a stamp is ahead of this device's wall clock, in ms (0 when it is not ahead). */
  aheadBy(remote: string): number {
    return Math.max(0, decodeHlc(remote).ms - this.wallClock());
  }

  get maxDrift(): number {
    return this.maxDriftMs;
  }

  /** Merge a stamp seen on an incoming change so every later local stamp sorts after it. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const wall = this.wallClock();
    if (r.ms - wall > this.maxDriftMs) {
      throw new Error(`remote clock ${remote} is more than ${this.maxDriftMs} ms ahead of this device`);
    }
    if (wall > this.ms && wall > r.ms) {
      this.ms = wall;
      this.counter = 0;
    } else if (r.ms > this.ms) {
      this.ms = r.ms;
      this.counter = r.counter;
      this.bump();
    } else if (r.ms === this.ms) {
      this.counter = Math.max(this.counter, r.counter);
      this.bump();
    } else {
      this.bump();
    }
    return encodeHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      // 65,536 stamps in one millisecond: borrow the next millisecond rather than wrap and reorder.
      this.ms += 1;
      this.counter = 0;
    }
  }
}
