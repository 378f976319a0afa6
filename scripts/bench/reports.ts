import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { ReadDb } from '../../db/client';
import { DASHBOARD_QUERIES, dashboardWhere } from '../../db/reports/dashboard';
import type { Input } from '../../electron/shared/contract';
import { ACTIVITY_TYPES } from '../../electron/shared/domain';
import { startBridge } from '../serve';
import { benchApp } from './fixtures';
import { figure, percentile, timeMs, timeMsAsync } from './stats';

// Issue 6's benchmark: a site with 5 agreements, 20,000 activities in 2023 among 200,000 over ten years.
// The report model for the whole site and its PDF (printed by the bridge's Chromium, as 导出 PDF does),
// and each dashboard query over all agreements and over one.

const AGREEMENTS = 5;
const TASKS_PER_AGREEMENT = 20;
const TOTAL = 200_000;
const IN_YEAR = 20_000;
const YEAR = 2023;
const BATCH = 1_000;
const RUNS = 10;

const dayOf = (year: number, i: number) =>
  new Date(Date.UTC(year, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);

const activity = (
  agreementId: string,
  taskIds: string[],
  i: number,
  year: number,
): Input<'activities.create'> => {
  const type = ACTIVITY_TYPES[i % ACTIVITY_TYPES.length]!;
  const training = type === '培训' || type === '送教讲座';
  return {
    agreementId,
    taskId: i % 2 === 0 ? taskIds[i % taskIds.length]! : null,
    type,
    title: `${type}（第${(i % 500) + 1}期）`,
    startDate: dayOf(year, i),
    teachers: training ? 10 + (i % 90) : null,
    students: training && i % 3 === 0 ? 20 + (i % 50) : null,
    days: training ? 1 + (i % 5) : null,
    satisfactionPct: training ? 85 + (i % 15) : null,
    amountYuan: type === '捐赠' ? 1000 + (i % 50) * 10 : null,
  };
};

export const runReportsBench = async (root: string): Promise<void> => {
  const { app, call, agreementId, dispose } = await benchApp(root, 'reports');
  try {
    const agreementIds = [agreementId];
    const [first, second] = await call('institutions.list', {});
    const parties = [
      { institutionId: first!.id, role: '支援方' as const },
      { institutionId: second!.id, role: '受援方' as const },
    ];
    for (let a = 1; a < AGREEMENTS; a++)
      agreementIds.push(
        (
          await call('agreements.create', {
            title: `对口支援协议 ${a + 1}`,
            programType: '对口支援',
            deliveryMode: '一对一',
            documentForm: '协议',
            periodStart: '2019',
            periodEnd: '2028',
            status: '执行中',
            budgetYuan: 200_000 + a * 10_000,
            parties,
            phases: [],
          })
        ).id,
      );
    const tasks = new Map<string, string[]>();
    for (const id of agreementIds) {
      const created = await call('tasks.createBatch', {
        agreementId: id,
        tasks: Array.from({ length: TASKS_PER_AGREEMENT }, (_, i) => ({
          name: `帮扶项目 ${i + 1}`,
          category: '师资培训' as const,
          department: '继续教育部',
          year: YEAR,
          status: '进行中' as const,
        })),
      });
      tasks.set(id, created.ids);
    }
    // 20,000 activities in the report's year, the rest spread over nine other years.
    const otherYears = [2018, 2019, 2020, 2021, 2022, 2024, 2025, 2026, 2027];
    for (let i = 0; i < TOTAL; i += BATCH) {
      const activities = Array.from({ length: BATCH }, (_, j) => {
        const n = i + j;
        const id = agreementIds[n % AGREEMENTS]!;
        const year = n < IN_YEAR ? YEAR : otherYears[n % otherYears.length]!;
        return activity(id, tasks.get(id)!, n, year);
      });
      await call('activities.createBatch', { activities });
    }

    const opened = await call('reports.open', { agreementId: null, year: YEAR, template: 'seed004' });
    const models: number[] = [];
    for (let r = 0; r < RUNS; r++)
      models.push(await timeMsAsync(() => call('reports.get', { id: opened.reportId })));
    models.sort((a, b) => a - b);

    const bridge = await startBridge({ dataDir: app.dataDir, app });
    let firstPdfMs = 0;
    let pages = 0;
    const pdfs: number[] = [];
    try {
      firstPdfMs = await timeMsAsync(() => call('reports.pdf', { reportId: opened.reportId }));
      for (let r = 0; r < 3; r++) {
        let bytes = '';
        pdfs.push(
          await timeMsAsync(async () => {
            bytes = (await call('reports.pdf', { reportId: opened.reportId })).dataBase64;
          }),
        );
        pages = (
          Buffer.from(bytes, 'base64')
            .toString('latin1')
            .match(/\/Type\s*\/Page[^s]/g) ?? []
        ).length;
      }
    } finally {
      await bridge.close();
    }
    pdfs.sort((a, b) => a - b);
    const sqlite = new Database(app.dbPath, { readonly: true });
    const db = { kind: 'read', sqlite, orm: drizzle(sqlite) } as unknown as ReadDb;
    const today = `${YEAR}-07-01`;
    const scopes = {
      all: { agreementId: null, siteId: null, year: YEAR },
      one: { agreementId, siteId: null, year: YEAR },
    };
    let slowest = 0;
    for (const [scopeName, scope] of Object.entries(scopes)) {
      const w = dashboardWhere(db, scope, today);
      for (const [name, query] of Object.entries(DASHBOARD_QUERIES)) {
        const times = Array.from({ length: RUNS }, () => timeMs(() => query(db, w)));
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 50);
        slowest = Math.max(slowest, p50);
        console.log(`  dashboard ${scopeName}.${name}: ${p50.toFixed(2)} ms (median of ${RUNS})`);
      }
    }
    sqlite.close();
    const dashboards: number[] = [];
    for (let r = 0; r < RUNS; r++)
      dashboards.push(await timeMsAsync(() => call('dashboard.get', { agreementId: null, year: YEAR })));
    dashboards.sort((a, b) => a - b);
    // The report reads above find the year read at the last commit; saving a section is a commit, so the
    // report it returns is counted from the database again (the cold build). Last, so that those commits and
    // what they keep do not touch the figures above.
    const edits: number[] = [];
    for (let r = 0; r < RUNS; r++)
      edits.push(
        await timeMsAsync(() =>
          call('reports.saveSection', { reportId: opened.reportId, key: 'problems', body: `问题 ${r}` }),
        ),
      );
    edits.sort((a, b) => a - b);

    console.log(
      `${AGREEMENTS} agreements x ${TASKS_PER_AGREEMENT} tasks; ${IN_YEAR} activities in ${YEAR} of ${TOTAL}; the report covers the whole site; PDF ${pages} pages`,
    );
    // report.model_ms keeps its meaning from before reads were kept: a build counted from the database.
    figure('report.model_ms', percentile(edits, 50), 'ms');
    figure('report.model_repeat_ms', percentile(models, 50), 'ms');
    figure('report.pdf_ms', percentile(pdfs, 50), 'ms');
    figure('report.pdf_first_ms', firstPdfMs, 'ms');
    figure('report.pdf_pages', pages, 'pages');
    figure('dashboard.max_query_ms', slowest, 'ms');
    figure('dashboard.api_ms', percentile(dashboards, 50), 'ms');
  } finally {
    dispose();
  }
};
