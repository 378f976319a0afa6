import { cpSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpHash } from '../../../db/sync/dump';
import { openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';

// Convergence (DESIGN.md section 3): two sites and the department edit offline; bundles travel in random
// order, twice, or are lost and healed by later cumulative bundles. After a final round every replica must
// hold the same data, and the department every change a site has had acknowledged.

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 500);

type Replica = 0 | 1 | 2; // site A, site B, department
const DEPT = 2;

type Action =
  | { kind: 'create'; at: Replica; title: string }
  | { kind: 'edit'; at: Replica; pick: number; notes: string; teachers: number }
  | { kind: 'delete'; at: Replica; pick: number }
  | { kind: 'send'; from: 0 | 1; copies: 0 | 1 | 2 }
  | { kind: 'answer'; to: 0 | 1; copies: 0 | 1 | 2 }
  | { kind: 'deliver'; pick: number };

const replica = fc.constantFrom<Replica>(0, 1, 2);
const site = fc.constantFrom<0 | 1>(0, 1);
const copies = fc.constantFrom<0 | 1 | 2>(0, 1, 1, 2);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    at: replica,
    title: fc.constantFrom('培训', '调研', '送教', '会议'),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    at: replica,
    pick: fc.nat(20),
    notes: fc.constantFrom('甲', '乙', '丙', ''),
    teachers: fc.nat(60),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: replica, pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('send' as const), from: site, copies }),
  fc.record({ kind: fc.constant('answer' as const), to: site, copies }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20) }),
);

/** Counterexamples fast-check found once, kept so they are checked on every run. */
const FOUND: [Action[]][] = [
  // The department edits a site's row; the edit must reach the other site after the row itself.
  [
    [
      { kind: 'create', at: 0, title: '培训' },
      { kind: 'send', from: 0, copies: 1 },
      { kind: 'deliver', pick: 0 },
      { kind: 'edit', at: 2, pick: 0, notes: '甲', teachers: 0 },
      { kind: 'answer', to: 1, copies: 1 },
      { kind: 'deliver', pick: 0 },
    ],
  ],
];

let template: { dir: string; cleanup: () => void };
let agreementId: string;

const bytesOf = (out: { dataBase64: string }) => out.dataBase64;
const file = (dataBase64: string) => ({ fileName: 'b.bfb', dataBase64 });

/** Sends one site's bundle to the department and the answer back, confirming devices on first sight. */
const roundTrip = async (apps: TestApp[], s: 0 | 1) => {
  const up = bytesOf(await apps[s]!.call('sync.export', {}));
  const seen = await apps[DEPT]!.call('sync.inspect', file(up));
  await apps[DEPT]!.call('sync.import', { ...file(up), confirmFingerprint: seen.fingerprint });
  const to = (await apps[s]!.call('app.status', {})).deviceId!;
  const back = bytesOf(await apps[DEPT]!.call('sync.export', { to }));
  const got = await apps[s]!.call('sync.inspect', file(back));
  await apps[s]!.call('sync.import', { ...file(back), confirmFingerprint: got.fingerprint });
};

beforeAll(async () => {
  // One set of three enrolled replicas sharing an agreement, copied for every run instead of rebuilt.
  template = tempDir('bangfu-conv-');
  const dirs = ['a', 'b', 'd'].map((n) => join(template.dir, n));
  const apps = [
    await openTestApp({ dir: dirs[0]! }),
    await openTestApp({ dir: dirs[1]! }),
    await openTestApp({ dir: dirs[2]!, setup: false }),
  ];
  await apps[DEPT]!.call('app.setup', {
    mode: 'department',
    siteName: '教育厅',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  agreementId = (await seedAgreement(apps[0]!)).agreement.id;
  await roundTrip(apps, 0);
  await roundTrip(apps, 1);
  await roundTrip(apps, 0);
  for (const a of apps) a.app.close();
}, 60_000);
afterAll(() => template.cleanup());

const run = async (actions: Action[]) => {
  const tmp = tempDir('bangfu-conv-run-');
  const apps: TestApp[] = [];
  try {
    for (const n of ['a', 'b', 'd']) {
      cpSync(join(template.dir, n), join(tmp.dir, n), { recursive: true });
      apps.push(await openTestApp({ dir: join(tmp.dir, n), setup: false }));
    }
    // A college edits only its own rows (the department any): what a person there could pick.
    const editable = (at: Replica) => {
      const db = apps[at]!.raw();
      const own = db.prepare('SELECT site_id FROM device_state').pluck().get() as string;
      return db
        .prepare('SELECT id FROM activities WHERE deleted_at IS NULL AND (? OR owner_site = ?) ORDER BY id')
        .pluck()
        .all(at === DEPT ? 1 : 0, own) as string[];
    };
    const mail: { to: Replica; data: string }[] = [];
    for (const a of actions) {
      if (a.kind === 'create') {
        await apps[a.at]!.call('activities.create', {
          agreementId,
          type: '培训',
          title: a.title,
          startDate: '2024-03-01',
        });
      } else if (a.kind === 'edit' || a.kind === 'delete') {
        const list = editable(a.at);
        if (list.length === 0) continue;
        const id = list[a.pick % list.length]!;
        if (a.kind === 'delete') await apps[a.at]!.call('activities.delete', { id });
        else {
          const {
            evidenceCount: _e,
            updatedAt: _u,
            ...input
          } = await apps[a.at]!.call('activities.get', { id });
          await apps[a.at]!.call('activities.update', {
            ...input,
            notes: a.notes,
            teachers: a.teachers,
          } as never);
        }
      } else if (a.kind === 'send') {
        const data = bytesOf(await apps[a.from]!.call('sync.export', {}));
        for (let i = 0; i < a.copies; i++) mail.push({ to: DEPT, data });
      } else if (a.kind === 'answer') {
        const to = (await apps[a.to]!.call('app.status', {})).deviceId!;
        const data = bytesOf(await apps[DEPT]!.call('sync.export', { to }));
        for (let i = 0; i < a.copies; i++) mail.push({ to: a.to, data });
      } else if (mail.length > 0) {
        const [m] = mail.splice(a.pick % mail.length, 1);
        await apps[m!.to]!.call('sync.import', file(m!.data));
      }
    }
    // Whatever is still in the post arrives now, in the order it was sent; then two healing rounds.
    for (const m of mail) await apps[m.to]!.call('sync.import', file(m.data));
    for (let round = 0; round < 2; round++) for (const s of [0, 1] as const) await roundTrip(apps, s);

    const hashes = apps.map((a) => dumpHash(a.raw()));
    expect(new Set(hashes).size).toBe(1);
    for (const s of [0, 1] as const) {
      const { deviceId } = await apps[s]!.call('app.status', {});
      const made = apps[s]!.raw().prepare('SELECT seq FROM device_state').pluck().get();
      const applied = apps[DEPT]!.raw()
        .prepare('SELECT applied_seq FROM devices WHERE device_id = ?')
        .pluck()
        .get(deviceId);
      expect(applied).toBe(made);
    }
  } finally {
    for (const a of apps) a.close();
    tmp.cleanup();
  }
};

describe('sync convergence', () => {
  it(`brings every replica to the same data after random edits and disordered, duplicated and lost bundles (${RUNS} runs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), run), {
      numRuns: RUNS,
      examples: FOUND,
    });
  }, 600_000);
});
