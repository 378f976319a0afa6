import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHODS, type Method } from '../../../electron/shared/contract';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { hostileValue, inputFor } from '../../helpers/schemaArbitrary';

// Every contract method, fed inputs generated from its own schema and then spoiled (wrong types, hostile
// strings, prototype keys, junk at the top level): the answer is always a result, never a throw, never
// INTERNAL, and a refused call leaves the database exactly as it was. FUZZ_RUNS sets the runs per method.

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/**
 * These act on folders and servers named in the settings other generated calls saved (any path on this
 * machine), so they get only inputs their schema refuses.
 */
const OUTSIDE_WORLD: ReadonlySet<Method> = new Set(['delivery.run', 'inbox.scan']);

let t: TestApp;
let versionOf: () => number;

beforeAll(async () => {
  t = await openTestApp();
  await seedAgreement(t);
  // The read connection sees data_version move when any other connection commits.
  const raw = t.raw();
  versionOf = () => raw.pragma('data_version', { simple: true }) as number;
});
afterAll(() => t?.close());

describe('every contract method against generated and hostile input', () => {
  it.each(METHODS)(
    '%s answers with a typed result, never INTERNAL, and a refusal writes nothing',
    async (method) => {
      const schema = contract[method].input;
      const input = OUTSIDE_WORLD.has(method)
        ? fc.oneof(inputFor(schema), hostileValue).filter((v) => !schema.safeParse(v ?? {}).success)
        : inputFor(schema);
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = versionOf();
          const res = await t.app.invoke(method, value);
          expect(res).toHaveProperty('ok');
          if (res.ok) return;
          expect(res.error.code, `${res.error.message} ← ${method}`).not.toBe('INTERNAL');
          expect(typeof res.error.message).toBe('string');
          if (res.error.code === 'VALIDATION' && res.error.fields)
            for (const message of Object.values(res.error.fields)) expect(typeof message).toBe('string');
          expect(versionOf(), `${method} wrote although it failed: ${res.error.message}`).toBe(before);
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('names the field when the whole input is not an object, for the methods that crashed on it', async () => {
    for (const method of [
      'activities.create',
      'activities.update',
      'agreements.create',
      'agreements.update',
    ] as const) {
      for (const value of [5, 'x', [], true]) {
        const res = await t.app.invoke(method, value);
        expect(res).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', fields: { _: expect.any(String) } },
        });
      }
    }
    const batch = await t.app.invoke('activities.createBatch', { activities: [5, null] });
    expect(batch).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'activities.0': expect.any(String) } },
    });
    expect(await t.app.invoke(7 as unknown as string, {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { method: expect.any(String) } },
    });
  });
});
