import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Input } from '../../electron/shared/contract';
import { join } from 'node:path';
import { benchApp, SEARCH_QUERIES } from './fixtures';
import { rawActivityWriter } from './rawActivities';
import { figure, percentile, timeMs, timeMsAsync } from './stats';

// Issue 4's ledger benchmark: 200,000 activities through the API's batch path, then Chinese searches of
// two to six characters and ledger pages, as the UI asks for them.

const TOTAL = Number(process.env.BENCH_LEDGER_TOTAL ?? 200_000);
const BATCH = 1_000;
const RUNS = 20;

const PLACES = [
  '普宁市教育局',
  '广太镇仁美小学',
  '南溪镇南溪小学',
  '揭阳职院',
  '线上（腾讯会议）',
  '和田职业技术学院',
];
const SUBJECTS = [
  '教师信息技术应用能力培训',
  '美育浸润活动',
  '送教下乡讲座',
  '骨干教师跟岗学习',
  '幼儿园教师学历提升',
  '调研对接',
  '技能竞赛指导',
];
const TYPES = ['培训', '会议', '送教讲座', '跟岗学习', '调研对接', '志愿服务', '技能竞赛指导'] as const;

const row = (agreementId: string, i: number): Input<'activities.create'> => {
  const day = new Date(Date.UTC(2021, 0, 1) + (i % 1800) * 86_400_000).toISOString().slice(0, 10);
  return {
    agreementId,
    type: TYPES[i % TYPES.length]!,
    title: `${SUBJECTS[i % SUBJECTS.length]}（第${(i % 300) + 1}期）`,
    startDate: day,
    place: PLACES[i % PLACES.length]!,
    teachers: 10 + (i % 90),
    days: 1 + (i % 5),
    outcome: i % 3 === 0 ? `培训教师 ${10 + (i % 90)} 人次，满意度 ${90 + (i % 10)}%` : null,
    notes: i % 7 === 0 ? '佐证材料：签到表、现场照片' : null,
  };
};

export const runLedgerBench = async (root: string): Promise<void> => {
  const { app, call, agreementId, dispose } = await benchApp(root, 'ledger');
  try {
    let insertMs = 0;
    for (let i = 0; i < TOTAL; i += BATCH) {
      const activities = Array.from({ length: BATCH }, (_, j) => row(agreementId, i + j));
      insertMs += await timeMsAsync(() => call('activities.createBatch', { activities }));
    }

    const reader = new Database(app.dbPath, { readonly: true });
    const context = reader.prepare('SELECT context FROM activity_search LIMIT 1').pluck().get() as string;
    reader.close();
    const raw = rawActivityWriter(app.dbPath, join(root, 'raw-activities.sqlite'), { context });
    let rawMs = 0;
    for (let i = 0; i < TOTAL; i += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, j) => row(agreementId, i + j));
      rawMs += timeMs(() => raw.write(rows));
    }
    const rawSearchMs = raw.searchMs();
    raw.close();

    const searches: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      for (const query of SEARCH_QUERIES)
        searches.push(await timeMsAsync(() => call('activities.list', { query, limit: 50 })));
    }
    const pages: number[] = [];
    for (let r = 0; r < 200; r++) {
      const offset = (r * 997) % (TOTAL - 50);
      pages.push(
        await timeMsAsync(() =>
          call('activities.list', { agreementId, sort: 'startDate', direction: 'desc', limit: 50, offset }),
        ),
      );
    }
    searches.sort((a, b) => a - b);
    pages.sort((a, b) => a - b);

    const probe = new Database(app.dbPath, { readonly: true });
    const bytes =
      (probe.pragma('page_count', { simple: true }) as number) *
      (probe.pragma('page_size', { simple: true }) as number);
    probe.close();

    console.log(
      `${TOTAL} activities through activities.createBatch (${BATCH} per transaction); ${SEARCH_QUERIES.length} queries x ${RUNS}`,
    );
    figure('ledger.insert_rows_per_s', TOTAL / (insertMs / 1000), 'rows/s');
    figure('ledger.raw_insert_rows_per_s', TOTAL / (rawMs / 1000), 'rows/s');
    // The ceiling keeps the same search indexes (issue 15); without them, the figure printed before.
    figure('ledger.api_vs_raw', rawMs / insertMs, 'x');
    figure('ledger.raw_no_search_rows_per_s', TOTAL / ((rawMs - rawSearchMs) / 1000), 'rows/s');
    figure('ledger.api_vs_raw_no_search', (rawMs - rawSearchMs) / insertMs, 'x');
    figure('search.median_ms', percentile(searches, 50), 'ms');
    figure('search.p95_ms', percentile(searches, 95), 'ms');
    figure('ledger.page_ms', percentile(pages, 95), 'ms');
    figure('ledger.db_mb', bytes / 1024 / 1024, 'MB');
    figure('ledger.db_file_mb', statSync(app.dbPath).size / 1024 / 1024, 'MB');
  } finally {
    dispose();
  }
};
