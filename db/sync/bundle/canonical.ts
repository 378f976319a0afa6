import type { ChangeRecord } from './format';

/** JSON with object keys sorted at every level and no whitespace: the same value always gives the same bytes. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

// Most records of a table list the same columns in the same order: their sorted order is worked out once
// per table and column list, and a key set that the sorted object cannot spell (a name V8 would put first,
// such as "12", or `__proto__`) is marked to go the general way.
const keySets = new Map<string, { keys: string[]; sorted: string[] | null }[]>();
const MAX_KEY_SETS_PER_TABLE = 200;

const sortedKeysOf = (table: string, v: object): string[] | null => {
  const keys = Object.keys(v);
  let known = keySets.get(table);
  if (!known) keySets.set(table, (known = []));
  search: for (const set of known) {
    if (set.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (set.keys[i] !== keys[i]) continue search;
    return set.sorted;
  }
  const plain = keys.every((k) => k !== '__proto__' && !/^[0-9]/.test(k));
  const sorted = plain ? [...keys].sort() : null;
  if (known.length >= MAX_KEY_SETS_PER_TABLE) known.length = 0;
  known.push({ keys, sorted });
  return sorted;
};

/**
 * `canonicalJson` of a change record, for its one shape (a bundle line per record: the general walk was
 * most of an export's time): the values re-keyed in sorted order and written by the engine's own
 * JSON.stringify. Anything but strings, numbers and null among the values goes the general way, so the
 * bytes are always the same as `canonicalJson`'s.
 */
export const canonicalChange = (r: ChangeRecord): string => {
  const v = r.v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return canonicalJson(r);
  const sorted = sortedKeysOf(r.t, v);
  if (!sorted) return canonicalJson(r);
  const values: Record<string, unknown> = {};
  for (const k of sorted) {
    const value = v[k];
    if (typeof value === 'object' && value !== null) return canonicalJson(r);
    values[k] = value;
  }
  return JSON.stringify({ d: r.d, h: r.h, o: r.o, r: r.r, s: r.s, t: r.t, v: values, x: r.x });
};
