import fc from 'fast-check';
import { z } from 'zod';

// Inputs for a contract method, generated from its zod schema (through zod's JSON Schema export, which
// covers every construct the contract uses), then spoiled: shaped values mostly, with hostile strings,
// wrong types, prototype keys and junk in any field.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  'C:\\Windows\\system32',
  '__proto__',
  'constructor',
  '照片\u202egnp.exe',
  '\u200b\u200d\ufeff',
  '\ud800',
  '\u0000\u0007\u001b[31m',
  "'; DROP TABLE activities; --",
  '2024-02-30',
  '9999-99-99',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '𠀀'.repeat(3),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    NaN,
    Infinity,
    -0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
    { toString: 1, valueOf: 'x' },
  ),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }),
);

const SHORT = 24;

const stringOf = (s: JsonSchema): fc.Arbitrary<unknown> => {
  if (s.pattern) {
    try {
      return fc.oneof(fc.stringMatching(new RegExp(s.pattern)), fc.constantFrom(...HOSTILE_STRINGS));
    } catch {
      // A pattern fast-check cannot invert: plain strings instead.
    }
  }
  const max = Math.min(s.maxLength ?? SHORT, SHORT);
  const min = Math.min(s.minLength ?? 0, max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
};

const numberOf = (s: JsonSchema, integer: boolean): fc.Arbitrary<unknown> => {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6);
  const max = s.maximum ?? 1e9;
  return fc.oneof(
    integer
      ? fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31 - 1)) })
      : fc.double({ min, max, noNaN: true }),
    fc.constantFrom(min, max, -1, 0, 1.5),
  );
};

const fromJsonSchema = (s: JsonSchema): fc.Arbitrary<unknown> => {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(fromJsonSchema));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => fromJsonSchema({ ...s, type })));
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) record[key] = fromJsonSchema(sub);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
    }
    case 'array':
      return fc.array(s.items ? fromJsonSchema(s.items) : hostileValue, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostileValue;
  }
};

/** One field of a shaped object replaced by junk, or a prototype key added. */
const spoil = (shaped: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(shaped, fc.nat(), hostileValue, fc.constantFrom('__proto__', 'constructor', 'prototype', 'x'))
    .map(([value, pick, junk, extraKey]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return junk;
      const copy: Record<string, unknown> = { ...value };
      const keys = Object.keys(copy);
      if (keys.length > 0 && pick % 3 !== 0) copy[keys[pick % keys.length]!] = junk;
      else Object.defineProperty(copy, extraKey, { value: junk, enumerable: true, writable: true });
      return copy;
    });

export const inputFor = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const shaped = fromJsonSchema(
    z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  );
  return fc.oneof(
    { weight: 3, arbitrary: shaped },
    { weight: 2, arbitrary: spoil(shaped) },
    { weight: 1, arbitrary: hostileValue },
  );
};
