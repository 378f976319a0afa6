import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { readBundle } from '../../db/sync/bundle/read';
import type { ChangeRecord } from '../../db/sync/bundle/format';
import { writeBundle } from '../../db/sync/bundle/write';
import { benchApp } from './fixtures';
import { department, importBoth, importFigures } from './sync';
import { figure, timeMsAsync } from './stats';

// `npm run bench -- sync1m` (not in the default run: about ten minutes here): a department imports
// 1,000,000 activity records, checked first, in a child process whose peak memory is the figure. The
// bundle is written from a real site's export (its agreement and parties, one activity) with the activity
// repeated under new ids, seqs and clocks and signed with the site's own key: what 1,000,000 saves would
// export, without making them through the API first.

const N = Number(process.env.BENCH_SYNC1M_RECORDS ?? 1_000_000);

export const runSync1mBench = async (root: string): Promise<void> => {
  const site = await benchApp(root, 'sync1m-site');
  try {
    await site.call('activities.create', {
      agreementId: site.agreementId,
      type: '培训',
      title: '教师信息技术应用能力培训（第1期）',
      startDate: '2023-12-14',
      teachers: 50,
      notes: '佐证材料：签到表、现场照片',
    });
    const real = await readBundle(Buffer.from((await site.call('sync.export', {})).dataBase64, 'base64'));
    const setup = real.records.filter((r) => r.t !== 'activities');
    const activity = real.records.find((r) => r.t === 'activities')!;
    const last = real.records.at(-1)!;
    const node = last.h.slice(-16);
    const startMs = Date.now() - N;
    // The first copy takes the real activity's own seq: a seq left out is a gap, and every change behind a
    // gap is parked, not applied (this bench measured parking until that was noticed).
    const top = Math.max(...real.records.map((r) => r.s));
    function* stream(): Generator<ChangeRecord> {
      yield* setup;
      for (let i = 0; i < N; i++) {
        const s = i === 0 ? activity.s : top + i;
        const h = `${(startMs + i).toString(16).padStart(12, '0')}-0000-${node}`;
        const v = { ...activity.v, title: `教师信息技术应用能力培训（第${i + 1}期）` };
        yield { ...activity, s, x: s, h, r: uuidv7(), v };
      }
    }
    const { manifest } = real;
    const header = {
      format: manifest.format,
      version: manifest.version,
      bundleId: uuidv7(),
      kind: manifest.kind,
      siteId: manifest.siteId,
      deviceId: manifest.deviceId,
      publicKey: manifest.publicKey,
      appVersion: manifest.appVersion,
      schemaVersion: manifest.schemaVersion,
      createdAt: Date.now(),
      has: manifest.has,
    };
    const key = readFileSync(join(site.dir, 'device-key.pem'), 'utf8');
    let bytes: Buffer = Buffer.alloc(0);
    const writeMs = await timeMsAsync(async () => {
      bytes = (await writeBundle(header, stream(), () => null, key)).bytes;
    });
    const bundlePath = join(root, 'sync-1m.bfb');
    writeFileSync(bundlePath, bytes);
    const deptDir = join(root, 'sync-dept-1m');
    await department(deptDir);
    const status = await site.call('app.status', {});
    const both = await importBoth(root, '1m', deptDir, bundlePath, status.keyFingerprint!);
    const records = setup.length + N;
    console.log(
      `${records} change records (1m): bundle ${(bytes.length / 1024 / 1024).toFixed(1)} MB written in ` +
        `${(writeMs / 1000).toFixed(1)} s; 检查 ${(both.imported.inspectMs / 1000).toFixed(1)} s, import ` +
        `${(both.imported.ms / 1000).toFixed(1)} s (CPU ${(both.imported.cpuMs / 1000).toFixed(1)} s), raw ` +
        `${(both.raw.ms / 1000).toFixed(1)} s (CPU ${(both.raw.cpuMs / 1000).toFixed(1)} s, ${both.raw.peakMb.toFixed(0)} MB)`,
    );
    if (both.imported.records !== records)
      console.log(`warning: the import applied ${both.imported.records} of ${records} records`);
    importFigures('1m', records, both);
    figure('import.1m_seconds', both.imported.ms / 1000, 's');
    figure('import.1m_cpu_seconds', both.imported.cpuMs / 1000, 's');
    figure('import.peak_mb', both.imported.peakMb, 'MB');
    figure('sync1m.bench_process_peak_mb', process.resourceUsage().maxRSS / 1024, 'MB');
  } finally {
    site.dispose();
  }
};
