import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openApp } from '../../db/app';
import { readBundle } from '../../db/sync/bundle/read';
import { benchApp, type BenchApp } from './fixtures';
import { figure, timeMs, timeMsAsync } from './stats';

// Issue 5's bundle benchmark: a site records N activities (one change record each), exports them, the
// bundle is verified, and a department imports it in a child process (its own peak memory). The ceiling is
// plain prepared INSERTs of the same records into a table with no triggers or indexes.

const SIZES = (process.env.BENCH_SYNC_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Sealing for USB sticks is measured on the sizes up to this (its cost per record does not change). */
const SEALED_UP_TO = 100_000;
const BATCH = 1000;

const department = async (dir: string) => {
  mkdirSync(dir);
  const app = await openApp({ dataDir: dir, appVersion: 'bench', log: () => undefined });
  const res = await app.invoke('app.setup', {
    mode: 'department',
    siteName: '教育厅',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  app.close();
  if (!res.ok) throw new Error(res.error.message);
};

/** The department answers the site (which brings its encryption key); the site then seals a full export. */
const sealedBytesPerRecord = async (deptDir: string, site: BenchApp): Promise<number> => {
  const dept = await openApp({ dataDir: deptDir, appVersion: 'bench', log: () => undefined });
  try {
    const to = (await site.call('app.status', {})).deviceId!;
    const back = await dept.invoke('sync.export', { to });
    if (!back.ok) throw new Error(back.error.message);
    const { dataBase64 } = back.value as { dataBase64: string };
    const file = { fileName: 'back.bfb', dataBase64 };
    const seen = await site.call('sync.inspect', file);
    await site.call('sync.import', { ...file, confirmFingerprint: seen.fingerprint });
    const sealed = await site.call('sync.export', { full: true, encrypt: true });
    return Buffer.from(sealed.dataBase64, 'base64').length / sealed.records;
  } finally {
    dept.close();
  }
};

const rawInsert = (path: string, lines: string[]): number => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE changes (device TEXT, seq INTEGER, hlc TEXT, tbl TEXT, row_id TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)');
  const ms = timeMs(() =>
    db.transaction(() => {
      for (const line of lines) {
        const r = JSON.parse(line) as { d: string; s: number; h: string; t: string; r: string; v: unknown };
        insert.run(r.d, r.s, r.h, r.t, r.r, JSON.stringify(r.v));
      }
    })(),
  );
  db.close();
  return ms;
};

export const runSyncBench = async (root: string): Promise<void> => {
  let last: { ratio: number; peakMb: number } | null = null;
  let sealed: number | null = null;
  for (const n of SIZES) {
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    const site = await benchApp(root, `sync-site-${label}`);
    try {
      for (let i = 0; i < n; i += BATCH) {
        const activities = Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => ({
          agreementId: site.agreementId,
          type: '培训' as const,
          title: `教师信息技术应用能力培训（第${i + j + 1}期）`,
          startDate: '2023-12-14',
          teachers: 50,
          notes: '佐证材料：签到表、现场照片',
        }));
        await site.call('activities.createBatch', { activities });
      }
      let out: { dataBase64: string; records: number } = { dataBase64: '', records: 0 };
      const exportMs = await timeMsAsync(async () => {
        out = await site.call('sync.export', {});
      });
      const bytes = Buffer.from(out.dataBase64, 'base64');
      let lines: string[] = [];
      const verifyMs = await timeMsAsync(async () => {
        const verified = await readBundle(bytes);
        lines = verified.records.map((r) => JSON.stringify(r));
      });
      const bundlePath = join(root, `sync-${label}.bfb`);
      writeFileSync(bundlePath, bytes);
      const deptDir = join(root, `sync-dept-${label}`);
      await department(deptDir);
      const status = await site.call('app.status', {});
      const child = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'syncImport.ts'),
          deptDir,
          bundlePath,
          status.keyFingerprint!,
        ],
        { encoding: 'utf8', maxBuffer: 1024 * 1024 },
      );
      const imported = JSON.parse(child.trim().split('\n').at(-1)!) as { ms: number; peakMb: number };
      if (n <= SEALED_UP_TO) sealed = await sealedBytesPerRecord(deptDir, site);
      const rawMs = rawInsert(join(root, `sync-raw-${label}.sqlite`), lines);

      console.log(
        `${out.records} change records (${label}): bundle ${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
      );
      figure(`export.${label}_records_per_s`, out.records / (exportMs / 1000), 'records/s');
      figure(`verify.${label}_records_per_s`, out.records / (verifyMs / 1000), 'records/s');
      figure(`import.${label}_records_per_s`, out.records / (imported.ms / 1000), 'records/s');
      figure(`import.${label}_raw_records_per_s`, out.records / (rawMs / 1000), 'records/s');
      figure(`import.${label}_ratio_vs_raw`, rawMs / imported.ms, 'x');
      figure(`bundle.${label}_bytes_per_record`, bytes.length / out.records, 'B');
      figure(`import.${label}_peak_mb`, imported.peakMb, 'MB');
      if (n === 1_000_000) figure('import.1m_seconds', imported.ms / 1000, 's');
      last = { ratio: rawMs / imported.ms, peakMb: imported.peakMb };
    } finally {
      site.dispose();
    }
  }
  // The issue's own names, from the largest size run.
  if (last) {
    figure('import.ratio_vs_raw', last.ratio, 'x');
    figure('import.peak_mb', last.peakMb, 'MB');
  }
  if (sealed !== null) figure('bundle.encrypted_bytes_per_record', sealed, 'B');
};
