import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openApp, type AppHandle } from '../../db/app';
import { DB_FILE_NAME } from '../../db/paths';
import { COLLEGES, PER_COLLEGE } from './departmentData';
import { callerOf, SEARCH_QUERIES } from './fixtures';
import { figure, percentile, timeMsAsync } from './stats';

// Child process of the department benchmark (department.ts builds the data): each figure is what a person
// waits for through the API, with the app's code bundled as it ships (under tsx the same calls also paid
// for the transpiler's helpers, about a fifth of a report's build).

const YEAR = 2023;
const RUNS = 10;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const [dataDir] = process.argv.slice(2) as [string];

// As a department's file is: no planner statistics (the app never runs ANALYZE; the builder does, for its
// own speed, and its stat4 samples alone turned one report query to an automatic index over every
// attachment), and migrated by one untimed start, so the starts timed below are ordinary ones.
const raw = new Database(join(dataDir, DB_FILE_NAME));
raw.exec('DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4');
raw.close();
const migrated = await timeMsAsync(async () => (await openApp({ dataDir, appVersion: 'bench' })).close());
console.log(`  first start (migrations, if any): ${(migrated / 1000).toFixed(1)} s`);

// Start to first answer, three times (the file is in the page cache after the first).
const opens: number[] = [];
let openCpu = 0;
for (let r = 0; r < 3; r++) {
  const cpu = cpuMs();
  let app: AppHandle | null = null;
  opens.push(
    await timeMsAsync(async () => {
      app = await openApp({ dataDir, appVersion: 'bench' });
      await callerOf(app)('app.status', {});
    }),
  );
  openCpu = cpuMs() - cpu;
  (app as AppHandle | null)?.close();
}

figure('department.open_ms', percentile(sorted(opens), 50), 'ms');
figure('department.open_cpu_ms', openCpu, 'ms');

const app = await openApp({ dataDir, appVersion: 'bench' });
try {
  const call = callerOf(app);
  // The store answers on this thread here, so CPU time beside wall time says what a loaded machine adds.
  const cpuOf = async (runs: number, fn: () => Promise<unknown>) => {
    const start = cpuMs();
    for (let r = 0; r < runs; r++) await fn();
    return (cpuMs() - start) / runs;
  };
  const dashboards: number[] = [];
  for (let r = 0; r < RUNS; r++)
    dashboards.push(await timeMsAsync(() => call('dashboard.get', { agreementId: null, year: YEAR })));
  figure('department.dashboard_ms', percentile(sorted(dashboards), 50), 'ms');
  figure(
    'department.dashboard_cpu_ms',
    await cpuOf(RUNS, () => call('dashboard.get', { agreementId: null, year: YEAR })),
    'ms',
  );

  const opened = await call('reports.open', { agreementId: null, year: YEAR, template: 'seed004' });
  const reports: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 5; r++)
    reports.push(
      await timeMsAsync(async () => {
        bytes = JSON.stringify(await call('reports.get', { id: opened.reportId })).length;
      }),
    );
  figure('department.report_repeat_ms', percentile(sorted(reports), 50), 'ms');
  figure(
    'department.report_repeat_cpu_ms',
    await cpuOf(3, async () => JSON.stringify(await call('reports.get', { id: opened.reportId })).length),
    'ms',
  );
  figure('department.report_json_mb', bytes / 1e6, 'MB');
  const searches: number[] = [];
  for (let r = 0; r < 5; r++)
    for (const query of SEARCH_QUERIES)
      searches.push(await timeMsAsync(() => call('activities.list', { query, limit: 50 })));
  const first = await call('activities.list', { query: SEARCH_QUERIES[0]!, limit: 1 });
  console.log(`  search ${SEARCH_QUERIES[0]}: ${first.total} matches`);

  const total = COLLEGES * PER_COLLEGE;
  const pages: number[] = [];
  const pageCpu: number[] = [];
  for (let r = 0; r < 100; r++) {
    const cpu = cpuMs();
    pages.push(
      await timeMsAsync(() =>
        call('activities.list', {
          sort: 'startDate',
          direction: 'desc',
          limit: 50,
          offset: (r * 4_999) % (total - 50),
        }),
      ),
    );
    pageCpu.push(cpuMs() - cpu);
  }

  // The report calls above find the year read at the last commit and only write the text from it. Saving a
  // section is a commit, so the report it returns is counted from the database again: the cold build,
  // which is what department.report_ms measured before reads were kept and still names. Last, so that its
  // commits do not touch the figures above (the ledger's count is kept until a commit).
  const edits: number[] = [];
  const editCpu = cpuMs();
  for (let r = 0; r < 3; r++)
    edits.push(
      await timeMsAsync(() =>
        call('reports.saveSection', { reportId: opened.reportId, key: 'problems', body: `问题 ${r}` }),
      ),
    );
  figure('department.report_ms', percentile(sorted(edits), 50), 'ms');
  figure('department.report_cpu_ms', (cpuMs() - editCpu) / 3, 'ms');

  const probe = new Database(app.dbPath, { readonly: true });
  const dbBytes =
    (probe.pragma('page_count', { simple: true }) as number) *
    (probe.pragma('page_size', { simple: true }) as number);
  probe.close();

  console.log(
    `${COLLEGES * PER_COLLEGE} activities; report ${YEAR} of every college; ${SEARCH_QUERIES.length} queries x 5; 100 ledger pages over all colleges; file ${(statSync(app.dbPath).size / 1e6).toFixed(0)} MB`,
  );
  figure('department.search_p95_ms', percentile(sorted(searches), 95), 'ms');
  figure('department.search_median_ms', percentile(sorted(searches), 50), 'ms');
  figure('department.ledger_page_ms', percentile(sorted(pages), 95), 'ms');
  figure('department.ledger_page_cpu_ms', percentile(sorted(pageCpu), 95), 'ms');
  console.log(`  first ledger page (the list counted): ${pages[0]!.toFixed(1)} ms`);
  figure('department.db_bytes_per_activity', dbBytes / total, 'bytes');
} finally {
  app.close();
}
