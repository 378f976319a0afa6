import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeRecord, readChangeRecord } from '../../../../db/sync/bundle/format';

// The hand-compiled reader of bundle lines must agree with the zod schema on every value: the same records
// accepted (with the same content, keys in the same order) and the same refused.

const verdict = (read: (v: unknown) => unknown, value: unknown) => {
  try {
    return { ok: true, value: JSON.stringify(read(value)) };
  } catch {
    return { ok: false };
  }
};

const uuid = fc.uuid().map((u) => u.toLowerCase());
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const hlc = fc.tuple(hex(12), hex(4), hex(16)).map(([a, b, c]) => `${a}-${b}-${c}`);
const name = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
  fc.constantFrom('__proto__', 'A', '', 'x y'),
);
const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer()),
);
const seq = fc.oneof(fc.integer({ min: 1 }), fc.integer(), fc.double(), fc.constant(2 ** 60), fc.string());
const good = fc.record({
  d: uuid,
  s: fc.integer({ min: 1 }),
  h: hlc,
  x: fc.integer({ min: 1 }),
  t: name,
  r: uuid,
  o: fc.constantFrom('i', 'u', 'n'),
  v: fc.dictionary(name, fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
});
const mangled = fc
  .tuple(
    good,
    fc.record(
      {
        d: fc.oneof(uuid, fc.string()),
        s: seq,
        h: fc.oneof(hlc, fc.string()),
        x: seq,
        t: fc.oneof(name, fc.integer()),
        r: fc.oneof(uuid, fc.constant('ABC')),
        o: fc.constantFrom('i', 'u', 'n', 'd', 1),
        v: fc.oneof(fc.dictionary(name, scalar), fc.constant(null), fc.array(fc.string()), fc.string()),
        extra: scalar,
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.constantFrom('d', 's', 'h', 'x', 't', 'r', 'o', 'v'), { maxLength: 2 }),
  )
  .map(([base, patch, drop]) => {
    const out: Record<string, unknown> = { ...base, ...patch };
    for (const k of drop) delete out[k];
    return out;
  });

describe('reading a bundle line', () => {
  it('accepts and refuses exactly what the zod schema does, giving back the same record', () => {
    fc.assert(
      fc.property(fc.oneof(good, mangled), (value) => {
        // Through JSON, as a line arrives: a parsed line is what the reader is given.
        const line = JSON.parse(JSON.stringify(value)) as unknown;
        expect(verdict(readChangeRecord, line)).toEqual(verdict((v) => changeRecord.parse(v), line));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a name zod would rewrite to zod', () => {
    const line = JSON.parse(
      '{"d":"0190a5f2-0000-7000-8000-000000000001","s":1,"h":"0190a5f20000-0000-aaaaaaaaaaaaaaaa","x":1,"t":"activities","r":"0190a5f2-0000-7000-8000-000000000002","o":"i","v":{"__proto__":"x","title":"t"}}',
    ) as unknown;
    expect(verdict(readChangeRecord, line)).toEqual(verdict((v) => changeRecord.parse(v), line));
  });
});
