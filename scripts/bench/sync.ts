import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp } from '../../db/app';
import { readBundle } from '../../db/sync/bundle/read';
import { runChild } from './child';
import { addTrainings, benchApp, type BenchApp } from './fixtures';
import { figure, timeMsAsync } from './stats';

// Issue 5's bundle benchmark: a site records N activities (one change record each), exports them, the
// bundle is verified, and a department checks (检查, the dry run) and imports it in a child process (its own
// peak memory). The ceiling (rawImport.ts, another child) puts the same bundle into the same empty store with
// the same indexes, search included, by plain prepared INSERTs. `sync1m` (sync1m.ts) runs 1,000,000.

const SIZES = (process.env.BENCH_SYNC_SIZES ?? '10000,100000').split(',').map(Number);
/** Sealing for USB sticks is measured on the sizes up to this (its cost per record does not change). */
const SEALED_UP_TO = 100_000;

export const department = async (dir: string) => {
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

export interface Imported {
  ms: number;
  cpuMs: number;
  inspectMs: number;
  inspectCpuMs: number;
  peakMb: number;
  /** Changes the import applied (new), so that a bundle parked behind a gap is not timed as an import. */
  records: number;
}

/** The department's dry run and import of the bundle, in a child; then the raw ceiling, in another. */
export const importBoth = async (
  root: string,
  label: string,
  deptDir: string,
  bundlePath: string,
  key: string,
) => {
  const template = join(root, `sync-template-${label}.sqlite`);
  copyFileSync(join(deptDir, 'bangfu-ledger.sqlite'), template);
  const imported = await runChild<Imported>('syncImport.ts', [deptDir, bundlePath, key, 'inspect']);
  const raw = await runChild<{ ms: number; cpuMs: number; peakMb: number }>('rawImport.ts', [
    template,
    join(root, `sync-raw-${label}.sqlite`),
    bundlePath,
  ]);
  return { imported, raw };
};

/** Figures shared by every size: the import, its dry run, its ceiling and its memory. */
export const importFigures = (
  label: string,
  records: number,
  { imported, raw }: Awaited<ReturnType<typeof importBoth>>,
) => {
  const perS = (ms: number) => records / (ms / 1000);
  figure(`import.${label}_records_per_s`, perS(imported.ms), 'records/s');
  figure(`import.${label}_cpu_records_per_s`, perS(imported.cpuMs), 'records/s');
  figure(`import.${label}_raw_records_per_s`, perS(raw.ms), 'records/s');
  figure(`import.${label}_ratio_vs_raw`, raw.ms / imported.ms, 'x');
  figure(`import.${label}_cpu_ratio_vs_raw`, raw.cpuMs / imported.cpuMs, 'x');
  figure(`inspect.${label}_records_per_s`, perS(imported.inspectMs), 'records/s');
  figure(`inspect.${label}_vs_import`, imported.inspectMs / imported.ms, 'x');
  figure(`inspect.${label}_cpu_vs_import`, imported.inspectCpuMs / imported.cpuMs, 'x');
  figure(`import.${label}_peak_mb`, imported.peakMb, 'MB');
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

export const runSyncBench = async (root: string): Promise<void> => {
  let last: { ratio: number } | null = null;
  let sealed: number | null = null;
  for (const n of SIZES) {
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    const site = await benchApp(root, `sync-site-${label}`);
    try {
      await addTrainings(site, n);
      let out: { dataBase64: string; records: number } = { dataBase64: '', records: 0 };
      // CPU beside wall: the export deflates on libuv's pool while it reads the next chunk.
      const exportCpu = process.cpuUsage();
      const exportMs = await timeMsAsync(async () => {
        out = await site.call('sync.export', {});
      });
      const exportCpuUsed = process.cpuUsage(exportCpu);
      const exportCpuMs = (exportCpuUsed.user + exportCpuUsed.system) / 1000;
      const bytes = Buffer.from(out.dataBase64, 'base64');
      const verifyMs = await timeMsAsync(() => readBundle(bytes));
      const bundlePath = join(root, `sync-${label}.bfb`);
      writeFileSync(bundlePath, bytes);
      const deptDir = join(root, `sync-dept-${label}`);
      await department(deptDir);
      const status = await site.call('app.status', {});
      const both = await importBoth(root, label, deptDir, bundlePath, status.keyFingerprint!);
      if (n <= SEALED_UP_TO) sealed = await sealedBytesPerRecord(deptDir, site);

      console.log(
        `${out.records} change records (${label}): bundle ${(bytes.length / 1024 / 1024).toFixed(1)} MB;` +
          ` export ${(exportMs / 1000).toFixed(1)} s (CPU ${(exportCpuMs / 1000).toFixed(1)} s), 检查 ${(both.imported.inspectMs / 1000).toFixed(1)} s,` +
          ` import ${(both.imported.ms / 1000).toFixed(1)} s (CPU ${(both.imported.cpuMs / 1000).toFixed(1)} s),` +
          ` raw ${(both.raw.ms / 1000).toFixed(1)} s (CPU ${(both.raw.cpuMs / 1000).toFixed(1)} s)`,
      );
      figure(`export.${label}_records_per_s`, out.records / (exportMs / 1000), 'records/s');
      figure(`export.${label}_cpu_records_per_s`, out.records / (exportCpuMs / 1000), 'records/s');
      figure(`verify.${label}_records_per_s`, out.records / (verifyMs / 1000), 'records/s');
      importFigures(label, out.records, both);
      // The way a person does it: export, 检查 (the dry run), import.
      const e2eMs = exportMs + both.imported.inspectMs + both.imported.ms;
      figure(`sync.e2e_${label}_records_per_s`, out.records / (e2eMs / 1000), 'records/s');
      figure(`bundle.${label}_bytes_per_record`, bytes.length / out.records, 'B');
      last = { ratio: both.raw.ms / both.imported.ms };
    } finally {
      site.dispose();
    }
  }
  // The issue's own name, from the largest size run (import.peak_mb and import.1m_seconds: `sync1m`).
  if (last) figure('import.ratio_vs_raw', last.ratio, 'x');
  if (sealed !== null) figure('bundle.encrypted_bytes_per_record', sealed, 'B');
  figure('sync.bench_process_peak_mb', process.resourceUsage().maxRSS / 1024, 'MB');
};
