import { spawn } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript } from '../../../scripts/bundleScript';
import { openTestApp, seedAgreement, tempDir } from '../../helpers/db';

// Crash safety: a department importing a bundle is killed (SIGKILL) at random moments. Each time the file
// must be intact and the bundle either wholly applied or not at all; importing it again then succeeds.

const TRIALS = Number(process.env.CRASH_TRIALS ?? 30);
const RECORDS = 3000;

let work: { dir: string; cleanup: () => void };
let child: string;
let bundlePath: string;
let fingerprint: string;
let total: number;
/** How long one unkilled import takes here, start-up included: kills are spread over a bit more than that. */
let fullRunMs: number;

/** Runs the import in a child process; kills it after `ms` unless it finished first. */
const importKilledAfter = (dir: string, ms: number): Promise<'killed' | 'finished'> =>
  new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, dir, bundlePath, fingerprint], { stdio: 'ignore' });
    const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });

beforeAll(async () => {
  child = await bundleScript('scripts/bench/syncImport.ts');
  work = tempDir('bangfu-crash-');
  const site = await openTestApp({ dir: join(work.dir, 'site') });
  const { agreement } = await seedAgreement(site);
  for (let i = 0; i < RECORDS; i += 500)
    await site.call('activities.createBatch', {
      activities: Array.from({ length: 500 }, (_, j) => ({
        agreementId: agreement.id,
        type: '培训' as const,
        title: `教师培训（第${i + j + 1}期）`,
        startDate: '2023-12-14',
      })),
    });
  const out = await site.call('sync.export', {});
  total = out.records;
  bundlePath = join(work.dir, 'site.bfb');
  writeFileSync(bundlePath, Buffer.from(out.dataBase64, 'base64'));
  fingerprint = (await site.call('app.status', {})).keyFingerprint!;
  site.close();
  const dept = await openTestApp({ dir: join(work.dir, 'dept'), setup: false });
  await dept.call('app.setup', {
    mode: 'department',
    siteName: '教育厅',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  dept.close();
  const calibrate = join(work.dir, 'calibrate');
  cpSync(join(work.dir, 'dept'), calibrate, { recursive: true });
  const start = Date.now();
  await importKilledAfter(calibrate, 120_000);
  fullRunMs = Date.now() - start;
}, 180_000);
afterAll(() => {
  work.cleanup();
  rmSync(child, { force: true });
});

const state = (dir: string) => {
  const db = new Database(join(dir, 'bangfu-ledger.sqlite'));
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      activities: db.prepare('SELECT count(*) FROM activities').pluck().get() as number,
      // Search entries go with their rows, both indexes: neither half survives a kill alone.
      indexed: [
        db.prepare('SELECT count(*) FROM activities_fts').pluck().get() as number,
        db.prepare('SELECT count(*) FROM activities_bigrams').pluck().get() as number,
      ],
      bundles: db.prepare("SELECT count(*) FROM sync_bundles WHERE direction = 'in'").pluck().get() as number,
      changes: db.prepare('SELECT count(*) FROM change_log WHERE device_no <> 1').pluck().get() as number,
    };
  } finally {
    db.close();
  }
};

describe('sync import crash safety', () => {
  it(`leaves the store intact and the bundle all-or-nothing when the importer is killed (${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = join(work.dir, `trial-${trial}`);
      cpSync(join(work.dir, 'dept'), dir, { recursive: true });
      // Machines differ (CI runs other test files beside this one): the window follows the measured run.
      const outcome = await importKilledAfter(dir, Math.floor(Math.random() * fullRunMs * 1.4));
      const after = state(dir);
      expect(after.integrity).toBe('ok');
      const applied = after.bundles === 1;
      expect([after.activities, after.changes]).toEqual(applied ? [RECORDS, total] : [0, 0]);
      expect(after.indexed).toEqual([after.activities, after.activities]);
      outcomes.push(`${outcome}:${applied ? 'applied' : 'none'}`);
      expect(await importKilledAfter(dir, 60_000)).toBe('finished');
      expect(state(dir)).toMatchObject({
        integrity: 'ok',
        activities: RECORDS,
        indexed: [RECORDS, RECORDS],
        bundles: 1,
        changes: total,
      });
    }
    // The kills must have landed on both sides of the commit at least once, or the test proved little.
    expect(outcomes).toContain('killed:none');
    expect(outcomes).toContain('finished:applied');
  }, 600_000);
});
