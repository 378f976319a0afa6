import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openApp, type ServedApp } from '../../db/app';
import { openAppInWorker } from '../../db/worker/host';
import { addTrainings, benchApp } from './fixtures';
import { figure, percentile } from './stats';

// Issue 15: how live the shell's thread stays (Electron's main process, the bridge's event loop) while a
// department imports a large bundle. The store runs in its worker thread; the same import with the store on
// the shell's own thread, as before, is printed beside it. Meanwhile a read is asked every 50 ms, as a page
// would, and its answer time recorded.

const RECORDS = Number(process.env.BENCH_UI_RECORDS ?? 100_000);
const READ_EVERY_MS = 50;

const department = async (dir: string, open: (dir: string) => Promise<ServedApp>) => {
  mkdirSync(dir);
  const app = await open(dir);
  const res = await app.invoke('app.setup', {
    mode: 'department',
    siteName: '教育厅',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  if (!res.ok) throw new Error(res.error.message);
  return app;
};

const importWatched = async (app: ServedApp, file: Record<string, string>) => {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const reads: number[] = [];
  let importing = true;
  const reading = (async () => {
    while (importing) {
      const asked = performance.now();
      await app.invoke('agreements.list', {});
      reads.push(performance.now() - asked);
      await new Promise((r) => setTimeout(r, READ_EVERY_MS));
    }
  })();
  lag.enable();
  const started = performance.now();
  const busyBefore = performance.eventLoopUtilization();
  const res = await app.invoke('sync.import', file);
  const busy = performance.eventLoopUtilization(busyBefore).utilization;
  const seconds = (performance.now() - started) / 1000;
  lag.disable();
  importing = false;
  await reading;
  if (!res.ok) throw new Error(res.error.message);
  return {
    seconds,
    lagP99: lag.percentile(99) / 1e6,
    lagMax: lag.max / 1e6,
    readP95: percentile(
      reads.sort((a, b) => a - b),
      95,
    ),
    reads: reads.length,
    busy,
  };
};

/** The same measure with nothing running: this machine's own noise floor (it is shared and loaded). */
const idleLagP99 = async (): Promise<number> => {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  await new Promise((r) => setTimeout(r, 3000));
  lag.disable();
  return lag.percentile(99) / 1e6;
};

export const runUiBench = async (root: string): Promise<void> => {
  const site = await benchApp(root, 'ui-site');
  let file: Record<string, string>;
  try {
    await addTrainings(site, RECORDS);
    const out = await site.call('sync.export', {});
    const { keyFingerprint } = await site.call('app.status', {});
    file = { fileName: 'ui.bfb', dataBase64: out.dataBase64, confirmFingerprint: keyFingerprint! };
    console.log(`ui: importing ${out.records} change records, reading every ${READ_EVERY_MS} ms meanwhile`);
  } finally {
    site.dispose();
  }
  const quiet = () => undefined;
  const inWorker = await department(join(root, 'ui-dept-worker'), (dataDir) =>
    openAppInWorker({ dataDir, appVersion: 'bench', log: quiet }),
  );
  const worker = await importWatched(inWorker, file).finally(() => inWorker.close());
  const onThread = await department(join(root, 'ui-dept-thread'), (dataDir) =>
    openApp({ dataDir, appVersion: 'bench', log: quiet }),
  );
  const same = await importWatched(onThread, file).finally(() => onThread.close());

  figure('ui.idle_event_loop_lag_p99_ms', await idleLagP99(), 'ms');
  figure('ui.event_loop_lag_p99_ms', worker.lagP99, 'ms');
  figure('ui.event_loop_lag_max_ms', worker.lagMax, 'ms');
  figure('ui.read_during_import_p95_ms', worker.readP95, 'ms');
  // How much of the import this thread spent working (relaying): the rest of any lag is the machine's.
  figure('ui.relay_event_loop_busy_percent', worker.busy * 100, '%');
  figure('ui.import_seconds', worker.seconds, 's');
  figure('ui.same_thread_event_loop_lag_p99_ms', same.lagP99, 'ms');
  figure('ui.same_thread_event_loop_lag_max_ms', same.lagMax, 'ms');
  figure('ui.same_thread_event_loop_busy_percent', same.busy * 100, '%');
  figure('ui.same_thread_import_seconds', same.seconds, 's');
};
