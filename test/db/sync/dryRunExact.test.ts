import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../db/sync/bundle/read';
import { fingerprint } from '../../../db/sync/identity';
import { fixedClock, seedAgreement, tempDir } from '../../helpers/db';
import { Fleet, type Pc } from '../../helpers/fleet';
import { bundleFile, deviceOf, wholeDump } from '../../helpers/sync';

// The dry run (检查) says exactly what the import will do (issue 15): for bundles arriving at random, in any
// order, twice, from a college that forged an edit of another's record, from a clock ahead within and beyond
// the bound, from a PC rolled back to a backup, the summary of 检查 equals the import's, a refusal is the
// import's refusal, and 检查 leaves every table of the database (change log, parked, returned, conflicts,
// devices, bookkeeping) as it was.

const RUNS = Number(process.env.DRY_RUN_RUNS ?? 30);
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3600 * 1000;

type Action =
  | { kind: 'create'; at: number }
  | { kind: 'edit'; at: number; pick: number; notes: string }
  | { kind: 'send'; from: number; copies: 1 | 2; full: boolean }
  | { kind: 'answer'; to: number; copies: 1 | 2 }
  | { kind: 'deliver'; pick: number }
  | { kind: 'snapshot'; at: number }
  | { kind: 'rollBack'; at: number; wholeFolder: boolean }
  | { kind: 'forge'; pc: number; pick: number }
  | { kind: 'skew'; pc: number; ahead: 0 | 2 | 72 };

const at = fc.integer({ min: -1, max: 1 });
const pc = fc.nat(1);
const copies = fc.constantFrom<1 | 2>(1, 1, 2);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), at }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      at,
      pick: fc.nat(3),
      notes: fc.constantFrom('甲', '乙', ''),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('send' as const), from: pc, copies, full: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answer' as const), to: pc, copies }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), at }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('rollBack' as const), at, wholeFolder: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('forge' as const), pc, pick: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('skew' as const),
      pc,
      ahead: fc.constantFrom<0 | 2 | 72>(0, 2, 72),
    }),
  },
);

/** Paths a random run reaches only now and then, checked on every run. */
const EXAMPLES: [Action[]][] = [
  // The department restored from a backup: a college's next bundle waits behind the gap until a full export.
  [
    [
      { kind: 'snapshot', at: -1 },
      { kind: 'create', at: 0 },
      { kind: 'edit', at: 0, pick: 0, notes: '甲' },
      { kind: 'send', from: 0, copies: 1, full: false },
      { kind: 'deliver', pick: 0 },
      { kind: 'answer', to: 0, copies: 1 },
      { kind: 'deliver', pick: 0 },
      { kind: 'rollBack', at: -1, wholeFolder: false },
      { kind: 'create', at: 0 },
      { kind: 'edit', at: -1, pick: 0, notes: '乙' },
      { kind: 'send', from: 0, copies: 1, full: false },
      { kind: 'deliver', pick: 0 },
      { kind: 'send', from: 0, copies: 1, full: true },
      { kind: 'deliver', pick: 0 },
    ],
  ],
  // A college PC restored from a backup, key and marks included, sends other changes under numbers the department holds.
  [
    [
      { kind: 'snapshot', at: 0 },
      { kind: 'create', at: 0 },
      { kind: 'send', from: 0, copies: 1, full: false },
      { kind: 'deliver', pick: 0 },
      { kind: 'rollBack', at: 0, wholeFolder: true },
      { kind: 'create', at: 0 },
      { kind: 'send', from: 0, copies: 1, full: true },
      { kind: 'deliver', pick: 0 },
    ],
  ],
  // A clock three days ahead: held back at the department, applied once the days have passed.
  [
    [
      { kind: 'skew', pc: 1, ahead: 72 },
      { kind: 'create', at: 1 },
      { kind: 'edit', at: 1, pick: 1, notes: '乙' },
      { kind: 'send', from: 1, copies: 2, full: false },
      { kind: 'deliver', pick: 0 },
      { kind: 'skew', pc: 1, ahead: 0 },
      { kind: 'forge', pc: 1, pick: 0 },
      { kind: 'send', from: 1, copies: 1, full: false },
      { kind: 'deliver', pick: 1 },
      { kind: 'deliver', pick: 0 },
    ],
  ],
];

let template: { dir: string; cleanup: () => void };
let agreementId: string;

interface Mail {
  to: Pc;
  bytes: Buffer;
}

const outcome = async <T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> => {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
};

/** 检查, then the import: the same answer, and 检查 changed nothing. */
const deliver = async ({ to, bytes }: Mail) => {
  const file = bundleFile(bytes);
  const before = wholeDump(to.app.raw());
  const seen = await outcome(() => to.app.call('sync.inspect', file));
  expect(wholeDump(to.app.raw()), '检查 changed the database').toBe(before);
  const confirm = fingerprint((await openBundle(bytes)).manifest.publicKey);
  const done = await outcome(() => to.app.call('sync.import', { ...file, confirmFingerprint: confirm }));
  if (done.ok && seen.ok) expect(seen.value.summary).toEqual(done.value.summary);
  else if (!done.ok && !seen.ok) {
    // A reference left dangling is refused by 检查 before the import's commit would be: worded for each.
    const dangling = /引用了尚未收到的数据/;
    if (dangling.test(done.error)) expect(seen.error).toMatch(dangling);
    else expect(seen.error).toBe(done.error.replace('sync.import failed', 'sync.inspect failed'));
  } else expect({ inspect: seen, import: done }).toBe('the same outcome');
};

const exportFrom = async (p: Pc, full = false): Promise<Buffer> => {
  if ((await p.app.call('sync.status', {})).recovery) await p.app.call('sync.recover', {});
  return Buffer.from((await p.app.call('sync.export', { full })).dataBase64, 'base64');
};

const roundTrip = async (fleet: Fleet, p: Pc) => {
  const dept = fleet.dept();
  await deliver({ to: dept, bytes: await exportFrom(p) });
  const back = await dept.app.call('sync.export', { to: await deviceOf(p.app) });
  await deliver({ to: p, bytes: Buffer.from(back.dataBase64, 'base64') });
};

beforeAll(async () => {
  template = tempDir('bangfu-dry-');
  const fleet = new Fleet(template.dir, fixedClock(T0));
  const { a1, b1, dept } = await fleet.setUpPlaces();
  agreementId = (await seedAgreement(a1.app)).agreement.id;
  for (const p of [a1, b1]) await roundTrip(fleet, p);
  // Rows of every place held everywhere: edits can cross (conflicts) and be forged (returned).
  for (const p of [a1, b1, dept])
    for (const title of ['送教下乡', '跟岗培训'])
      await p.app.call('activities.create', { agreementId, type: '培训', title, startDate: '2024-03-01' });
  for (const p of [a1, b1, a1]) await roundTrip(fleet, p);
  fleet.closeAll();
}, 300_000);
afterAll(() => template.cleanup());

const run = async (actions: Action[]) => {
  const tmp = tempDir('bangfu-dry-run-');
  const fleet = new Fleet(tmp.dir, fixedClock(T0 + HOUR));
  try {
    for (const [name, college] of [
      ['A1', 'A'],
      ['B1', 'B'],
      ['D', 'dept'],
    ] as const) {
      Fleet.copy(join(template.dir, name), join(tmp.dir, name));
      await fleet.open(name, college, join(tmp.dir, name));
    }
    const pcAt = (i: number) => fleet.live()[i % fleet.live().length]!;
    const placeOf = (i: number) => (i < 0 ? fleet.dept() : pcAt(i));
    const rows = async (p: Pc, mine: boolean) => {
      const { siteId } = await p.app.call('app.status', {});
      return p.app
        .raw()
        .prepare(
          `SELECT id FROM activities WHERE deleted_at IS NULL AND (? OR (owner_site = ?) = ?) ORDER BY id`,
        )
        .pluck()
        .all(p.college === 'dept' ? 1 : 0, siteId, mine ? 1 : 0) as string[];
    };
    const mail: Mail[] = [];
    for (const a of actions) {
      fleet.base.advance(1000);
      if (a.kind === 'create')
        await placeOf(a.at).app.call('activities.create', {
          agreementId,
          type: '培训',
          title: '送教下乡',
          startDate: '2024-03-01',
        });
      else if (a.kind === 'edit') {
        const p = placeOf(a.at);
        const list = await rows(p, true);
        if (list.length === 0) continue;
        const id = list[a.pick % list.length]!;
        const { evidenceCount: _e, updatedAt: _u, ...input } = await p.app.call('activities.get', { id });
        await p.app.call('activities.update', { ...input, notes: a.notes } as never);
      } else if (a.kind === 'send') {
        const bytes = await exportFrom(pcAt(a.from), a.full);
        for (let i = 0; i < a.copies; i++) mail.push({ to: fleet.dept(), bytes });
      } else if (a.kind === 'answer') {
        const p = pcAt(a.to);
        const back = await fleet.dept().app.call('sync.export', { to: await deviceOf(p.app) });
        for (let i = 0; i < a.copies; i++)
          mail.push({ to: p, bytes: Buffer.from(back.dataBase64, 'base64') });
      } else if (a.kind === 'deliver') {
        const m = mail.splice(a.pick % Math.max(1, mail.length), 1)[0];
        if (m) await deliver(m);
      } else if (a.kind === 'snapshot') await fleet.takeSnapshot(placeOf(a.at));
      // The department restored from a backup: what it had since is sent again only in a full export.
      else if (a.kind === 'rollBack') await fleet.rollBack(placeOf(a.at), a.wholeFolder);
      else if (a.kind === 'forge') {
        const p = pcAt(a.pc);
        const theirs = await rows(p, false);
        if (theirs.length > 0)
          await fleet.forge(
            p,
            "UPDATE activities SET notes = '越权修改' WHERE id = ?",
            theirs[a.pick % theirs.length],
          );
      } else pcAt(a.pc).skew = a.ahead * HOUR;
    }
    // What is still in the post arrives, then a round from each college: more gaps filled, more unblocked.
    for (const m of mail) await deliver(m);
    for (const p of fleet.live()) await roundTrip(fleet, p);
  } finally {
    fleet.closeAll();
    tmp.cleanup();
  }
};

describe('an exact dry run', () => {
  it(`answers as the import does and changes nothing, for bundles out of order, twice, forged, from clocks ahead and from rolled-back PCs (${RUNS} runs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 24 }), run), {
      numRuns: RUNS,
      examples: EXAMPLES,
    });
  }, 1_800_000);
});
