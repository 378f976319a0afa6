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
  };
};

type Query<K extends keyof Dashboard> = (db: ReadDb, w: Where) => Dashboard[K];

const byType: Query<'byType'> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT a.type AS key, count(*) AS value FROM activities a WHERE ${w.sql} GROUP BY a.type ORDER BY value DESC`,
    )
    .all(...w.params) as Dashboard['byType'];

const byMonth: Query<'byMonth'> = (db, w) => {
  const rows = db.sqlite
    .prepare(
      `SELECT CAST(substr(a.start_date, 6, 2) AS INTEGER) AS month, a.type, count(*) AS n
       FROM activities a WHERE ${w.sql} GROUP BY month, a.type`,
    )
    .all(...w.params) as { month: number; type: string; n: number }[];
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    counts: {} as Record<string, number>,
  }));
  for (const r of rows) if (months[r.month - 1]) months[r.month - 1]!.counts[r.type] = r.n;
  return months;
};

const trained: Query<'trained'> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT count(*) AS sessions, coalesce(sum(a.teachers), 0) AS teachers,
              coalesce(sum(a.students), 0) AS students, coalesce(sum(a.cadres), 0) AS cadres,
              -- Days as recorded, else the calendar span, else one: as the report counts them.
              coalesce(sum(coalesce(a.days,
                CASE WHEN a.end_date IS NULL THEN 1
                     ELSE max(1, julianday(a.end_date) - julianday(a.start_date) + 1) END)), 0) AS days
       FROM activities a WHERE ${w.sql} AND a.type IN (${[...TRAINING_TYPES].map(() => '?').join(', ')})`,
    )
    .get(...w.params, ...TRAINING_TYPES) as Dashboard['trained'];

const money: Query<'money'> = (db, w) => {
  const spent = db.sqlite
    .prepare(
      `SELECT coalesce(sum(CASE WHEN a.type = '捐赠' THEN 0 ELSE a.amount_fen END), 0) AS spent,
              coalesce(sum(CASE WHEN a.type = '捐赠' THEN a.amount_fen ELSE 0 END), 0) AS donated
       FROM activities a WHERE ${w.sql} AND a.amount_fen IS NOT NULL`,
    )
    .get(...w.params) as { spent: number; donated: number };
  const tasks = db.sqlite
    .prepare(
      `SELECT count(budget_fen) AS n, coalesce(sum(budget_fen), 0) AS fen FROM tasks
       WHERE deleted_at IS NULL AND year = ? AND ${w.inScope('agreement_id')}`,
    )
    .get(w.year, ...w.agreementParams) as { n: number; fen: number };
  // Task budgets are the year's (a task spanning years counts in the year it starts); without them the
  // agreements' own budget stands in (as the report does).
  const budget =
    tasks.n > 0
      ? tasks.fen
      : (
          db.sqlite
            .prepare(
              `SELECT coalesce(sum(budget_fen), 0) AS fen FROM agreements WHERE deleted_at IS NULL AND ${w.inScope('id')}`,
            )
            .get(...w.agreementParams) as { fen: number }
        ).fen;
  return { budgetYuan: budget / 100, spentYuan: spent.spent / 100, donatedYuan: spent.donated / 100 };
};

const completion: Query<'completion'> = (db, w) => {
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

const outcomesByLevel: Query<'outcomesByLevel'> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT coalesce(o.level, '其他') AS key, sum(o.quantity) AS value FROM outcomes o
       WHERE o.deleted_at IS NULL AND o.date >= ? AND o.date <= ? AND ${w.inScope('o.agreement_id')}
       GROUP BY key ORDER BY value DESC`,
    )
    .all(w.from, w.to, ...w.agreementParams) as Dashboard['outcomesByLevel'];

const secondmentsInPost: Query<'secondmentsInPost'> = (db, w) =>
  (
    db.sqlite
      .prepare(
        `SELECT count(*) AS n FROM secondments WHERE deleted_at IS NULL AND ${w.inScope('agreement_id')}
         AND start_date <= ? AND ${SECONDMENT_END_SQL} >= ?`,
      )
      .get(...w.agreementParams, w.day, w.day) as { n: number }
  ).n;

const evidence: Query<'evidence'> = (db, w) =>
  db.sqlite
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(EXISTS (SELECT 1 FROM attachments f
          WHERE f.entity_table = 'activities' AND f.entity_id = a.id AND f.deleted_at IS NULL)), 0) AS withEvidence
       FROM activities a WHERE ${w.sql}`,
    )
    .get(...w.params) as Dashboard['evidence'];

const OPEN = "('未开始', '进行中', '延期')";

/** Plan items past their date and not done, and the year's tasks marked 延期. */
const overdue: Query<'overdue'> = (db, w) =>
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

const activitiesCount: Query<'activities'> = (db, w) =>
  (
    db.sqlite.prepare(`SELECT count(*) AS n FROM activities a WHERE ${w.sql}`).get(...w.params) as {
      n: number;
    }
  ).n;

export const DASHBOARD_QUERIES = {
  activities: activitiesCount,
  byType,
  byMonth,
  trained,
  money,
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
  return {
    activities: activitiesCount(db, w),
    byType: byType(db, w),
    byMonth: byMonth(db, w),
    trained: trained(db, w),
    money: money(db, w),
    completion: completion(db, w),
    outcomesByLevel: outcomesByLevel(db, w),
    secondmentsInPost: secondmentsInPost(db, w),
    evidence: evidence(db, w),
    overdue: overdue(db, w),
    sites,
  };
};

/**
 * Years in which an agreement (or any) has activities, tasks or monthly plans, newest first; a task
 * spanning several years names each of them.
 */
export const recordYears = (db: ReadDb, agreementId: string | null): number[] =>
  (
    db.sqlite
      .prepare(
        `WITH RECURSIVE task_years(y, last) AS (
           SELECT year, coalesce(year_end, year) FROM tasks
             WHERE deleted_at IS NULL AND (@a IS NULL OR agreement_id = @a)
           UNION SELECT y + 1, last FROM task_years WHERE y < last AND y < 2100
         )
         SELECT DISTINCT y FROM (
           SELECT CAST(substr(start_date, 1, 4) AS INTEGER) AS y FROM activities
             WHERE deleted_at IS NULL AND (@a IS NULL OR agreement_id = @a)
           UNION SELECT y FROM task_years
           UNION SELECT CAST(substr(month, 1, 4) AS INTEGER) FROM monthly_plans
             WHERE deleted_at IS NULL AND (@a IS NULL OR agreement_id = @a)
         ) WHERE y IS NOT NULL ORDER BY y DESC`,
      )
      .pluck()
      .all({ a: agreementId }) as number[]
  ).filter((y) => y >= 2000 && y <= 2100);
