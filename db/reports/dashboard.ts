import type { Dashboard, ReportScope } from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { SECONDMENT_END_SQL } from '../repositories/secondments';
import { scopeAgreements, TASK_IN_YEAR } from './facts';
import { TRAINING_TYPES } from './figures';

// 概览: each panel is one aggregate query over the year's live activities (the partial date index), so the
// page stays quick on a department database holding every site's ledger. The queries are named so the
// benchmark can time each one.

interface Where {
  /** SQL over activities aliased `a`, with its parameters. */
  sql: string;
  params: unknown[];
  from: string;
  to: string;
  year: number;
  /** The day "now" means: today within the year, else the year's last day. */
  day: string;
  /** `column IN (agreements in scope)`, or true when the scope is everything. */
  inScope: (column: string) => string;
  agreementParams: string[];
  /** The one site in scope (a site's view at a department), else null. */
  site: string | null;
}

export const dashboardWhere = (db: ReadDb, scope: ReportScope, today: string): Where => {
  const from = `${scope.year}-01-01`;
  const to = `${scope.year}-12-31`;
  const all = scope.agreementId === null && scope.siteId === null;
  const ids = all ? [] : scopeAgreements(db, scope).map((a) => a.id);
  // With no agreement in scope the IN list is (NULL) and nothing matches, as it should.
  const inScope = (column: string) =>
    all ? '1' : `${column} IN (${ids.map(() => '?').join(',') || 'NULL'})`;
  const site = scope.agreementId === null && scope.siteId !== null;
  return {
    sql: `a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ? AND ${inScope('a.agreement_id')}${site ? ' AND a.owner_site = ?' : ''}`,
    params: [from, to, ...ids, ...(site ? [scope.siteId] : [])],
    from,
    to,
    year: scope.year,
    day: today >= from && today <= to ? today : to,
    inScope,
    agreementParams: ids,
    site: site ? scope.siteId : null,
  };
};

type Query<T> = (db: ReadDb, w: Where) => T;

type ActivityTotals = Pick<Dashboard, 'activities' | 'byType' | 'byMonth' | 'trained'> & {
  spentFen: number;
  donatedFen: number;
};

const TRAINING = `a.type IN (${[...TRAINING_TYPES].map((t) => `'${t}'`).join(', ')})`;

// Every activity panel comes from one pass over the year in the figures index, grouped by its leading
// columns (start_date, type) so SQLite adds up as it walks, with no sort; months and types are added up
// here. Two passes grouped by month and by type, each sorting 100,000 entries, took twice as long.

/** How many activities per type and per month and type, people trained, and money. */
const activityTotals: Query<ActivityTotals> = (db, w) => {
  const rows = db.sqlite
    .prepare(
      `SELECT a.start_date AS date, a.type, count(*) AS n,
              coalesce(sum(a.teachers), 0) AS teachers, coalesce(sum(a.students), 0) AS students,
              coalesce(sum(a.cadres), 0) AS cadres,
              -- Days as recorded, else the calendar span, else one: as the report counts them.
              coalesce(sum(CASE WHEN ${TRAINING} THEN coalesce(a.days,
                CASE WHEN a.end_date IS NULL THEN 1
                     ELSE max(1, julianday(a.end_date) - julianday(a.start_date) + 1) END) END), 0) AS days,
              coalesce(sum(a.amount_fen), 0) AS fen
       FROM activities a WHERE ${w.sql} GROUP BY a.start_date, a.type`,
    )
    .all(...w.params) as {
    date: string;
    type: string;
    n: number;
    teachers: number;
    students: number;
    cadres: number;
    days: number;
    fen: number;
  }[];
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    counts: {} as Record<string, number>,
  }));
  const types = new Map<string, number>();
  const trained = { sessions: 0, teachers: 0, students: 0, cadres: 0, days: 0 };
  let activities = 0;
  let spentFen = 0;
  let donatedFen = 0;
  for (const r of rows) {
    const month = months[Number(r.date.slice(5, 7)) - 1];
    if (month) month.counts[r.type] = (month.counts[r.type] ?? 0) + r.n;
    types.set(r.type, (types.get(r.type) ?? 0) + r.n);
    activities += r.n;
    if (r.type === '捐赠') donatedFen += r.fen;
    else spentFen += r.fen;
    if (TRAINING_TYPES.has(r.type)) {
      trained.sessions += r.n;
      trained.teachers += r.teachers;
      trained.students += r.students;
      trained.cadres += r.cadres;
      trained.days += r.days;
    }
  }
  // Most first; ties in descending type order, as SQLite's ORDER BY value DESC over the types gave them.
  const byType = [...types]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return { activities, byType, byMonth: months, trained, spentFen, donatedFen };
};

/** The year's budget: its tasks' budgets, else the agreements' own (as the report does). */
const budgetFen: Query<number> = (db, w) => {
  const tasks = db.sqlite
    .prepare(
      `SELECT count(budget_fen) AS n, coalesce(sum(budget_fen), 0) AS fen FROM tasks
       WHERE deleted_at IS NULL AND year = ? AND ${w.inScope('agreement_id')}`,
    )
    .get(w.year, ...w.agreementParams) as { n: number; fen: number };
  // A task spanning years counts in the year it starts.
  return tasks.n > 0
    ? tasks.fen
    : (
        db.sqlite
          .prepare(
            `SELECT coalesce(sum(budget_fen), 0) AS fen FROM agreements WHERE deleted_at IS NULL AND ${w.inScope('id')}`,
          )
          .get(...w.agreementParams) as { fen: number }
      ).fen;
};

const completion: Query<Dashboard['completion']> = (db, w) => {
  const rows = db.sqlite
    .prepare(
      `SELECT CAST(substr(p.month, 6, 2) AS INTEGER) AS month,
              sum(i.status <> '取消') AS planned, sum(i.status = '已完成') AS done
       FROM plan_items i JOIN monthly_plans p ON p.id = i.plan_id
       WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.month LIKE ? AND ${w.inScope('p.agreement_id')}
       GROUP BY month`,
    )
    .all(`${w.year}-%`, ...w.agreementParams) as { month: number; planned: number; done: number }[];
  return Array.from({ length: 12 }, (_, i) => {
    const r = rows.find((x) => x.month === i + 1);
    const planned = r?.planned ?? 0;
    const done = r?.done ?? 0;
    return { month: i + 1, planned, done, rate: planned ? (done / planned) * 100 : null };
  });
};

const outcomesByLevel: Query<Dashboard['outcomesByLevel']> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT coalesce(o.level, '其他') AS key, sum(o.quantity) AS value FROM outcomes o
       WHERE o.deleted_at IS NULL AND o.date >= ? AND o.date <= ? AND ${w.inScope('o.agreement_id')}
       GROUP BY key ORDER BY value DESC`,
    )
    .all(w.from, w.to, ...w.agreementParams) as Dashboard['outcomesByLevel'];

const secondmentsInPost: Query<Dashboard['secondmentsInPost']> = (db, w) =>
  (
    db.sqlite
      .prepare(
        `SELECT count(*) AS n FROM secondments WHERE deleted_at IS NULL AND ${w.inScope('agreement_id')}
         AND start_date <= ? AND ${SECONDMENT_END_SQL} >= ?`,
      )
      .get(...w.agreementParams, w.day, w.day) as { n: number }
  ).n;

// Activities with evidence, from the trigger-kept activity_evidence (migration 0014): one range of its date
// index, where probing the attachments once per activity of the year was half the overview's time.
const evidence: Query<number> = (db, w) =>
  (
    db.sqlite
      .prepare(
        `SELECT count(*) AS n FROM activity_evidence e
         WHERE e.start_date >= ? AND e.start_date <= ? AND ${w.inScope('e.agreement_id')}${w.site ? ' AND e.site = ?' : ''}`,
      )
      .get(w.from, w.to, ...w.agreementParams, ...(w.site ? [w.site] : [])) as { n: number }
  ).n;

const OPEN = "('未开始', '进行中', '延期')";

/** Plan items past their date and not done, and the year's tasks marked 延期. */
const overdue: Query<Dashboard['overdue']> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT 'plan_item' AS kind, i.id, i.content AS title, i.planned_date AS date, i.status
       FROM plan_items i JOIN monthly_plans p ON p.id = i.plan_id
       WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.month LIKE ? AND ${w.inScope('p.agreement_id')}
         AND i.planned_date < ? AND i.status IN ${OPEN}
       UNION ALL
       SELECT 'task', t.id, t.name, NULL, t.status FROM tasks t
       WHERE ${TASK_IN_YEAR} AND ${w.inScope('t.agreement_id')} AND t.status = '延期'
       ORDER BY date LIMIT 200`,
    )
    .all(
      `${w.year}-%`,
      ...w.agreementParams,
      w.day,
      w.year,
      w.year,
      ...w.agreementParams,
    ) as Dashboard['overdue'];

export const DASHBOARD_QUERIES = {
  activityTotals,
  budgetFen,
  completion,
  outcomesByLevel,
  secondmentsInPost,
  evidence,
  overdue,
} as const;

export const readDashboard = (db: ReadDb, scope: ReportScope, today: string): Dashboard => {
  const w = dashboardWhere(db, scope, today);
  const sites = db.sqlite
    .prepare(`SELECT id AS siteId, name FROM sites WHERE deleted_at IS NULL AND mode = 'site' ORDER BY name`)
    .all() as Dashboard['sites'];
  const { activities, byType, byMonth, trained, spentFen, donatedFen } = activityTotals(db, w);
  return {
    activities,
    byType,
    byMonth,
    trained,
    money: { budgetYuan: budgetFen(db, w) / 100, spentYuan: spentFen / 100, donatedYuan: donatedFen / 100 },
    completion: completion(db, w),
    outcomesByLevel: outcomesByLevel(db, w),
    secondmentsInPost: secondmentsInPost(db, w),
    evidence: { total: activities, withEvidence: evidence(db, w) },
    overdue: overdue(db, w),
    sites,
  };
};

// A year's latest activity before a bound, found by one seek in a date index: a department holds
// 500,000 activities over a handful of years, and reading every start date took most of a second.
const latestBefore = (db: ReadDb, agreementId: string | null) =>
  agreementId === null
    ? db.sqlite.prepare(
        `SELECT start_date FROM activities INDEXED BY activities_live_date_idx
         WHERE deleted_at IS NULL AND start_date < ? ORDER BY start_date DESC LIMIT 1`,
      )
    : db.sqlite.prepare(
        `SELECT start_date FROM activities INDEXED BY activities_live_agreement_date_idx
         WHERE deleted_at IS NULL AND agreement_id = ? AND start_date < ? ORDER BY start_date DESC LIMIT 1`,
      );

/** The distinct years of live activities' start dates, newest first, one index seek per year. */
const activityYears = (db: ReadDb, agreementId: string | null): number[] => {
  const seek = latestBefore(db, agreementId).pluck();
  const years: number[] = [];
  // Dates are 'YYYY-MM-DD': every date of year Y sorts after 'Y' itself, so the next seek skips the year.
  let bound: string | undefined = '\uffff';
  for (;;) {
    const date = (agreementId === null ? seek.get(bound) : seek.get(agreementId, bound)) as
      string | undefined;
    if (date === undefined) return years;
    bound = date.slice(0, 4);
    years.push(Number.parseInt(bound, 10));
  }
};

/**
 * Years in which an agreement (or any) has activities, tasks or monthly plans, newest first; a task
 * spanning several years names each of them.
 */
export const recordYears = (db: ReadDb, agreementId: string | null): number[] => {
  const others = db.sqlite
    .prepare(
      `WITH RECURSIVE task_years(y, last) AS (
         SELECT year, coalesce(year_end, year) FROM tasks
           WHERE deleted_at IS NULL AND (@a IS NULL OR agreement_id = @a)
         UNION SELECT y + 1, last FROM task_years WHERE y < last AND y < 2100
       )
       SELECT y FROM task_years
       UNION SELECT CAST(substr(month, 1, 4) AS INTEGER) FROM monthly_plans
         WHERE deleted_at IS NULL AND (@a IS NULL OR agreement_id = @a)`,
    )
    .pluck()
    .all({ a: agreementId }) as (number | null)[];
  const years = new Set([...activityYears(db, agreementId), ...others]);
  return [...years]
    .filter((y): y is number => y !== null && Number.isFinite(y) && y >= 2000 && y <= 2100)
    .sort((a, b) => b - a);
};
