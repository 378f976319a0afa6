import type { ReportScope } from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { SECONDMENT_END_SQL } from '../repositories/secondments';
import { numeric, placeholders, readActivities } from './yearActivities';

// The rows a year's report or dashboard is counted from, read with plain SQL (the aggregates below run on
// the live partial indexes; a report's read is kept until the next commit, see readFacts). Everything after
// this is arithmetic in TypeScript, so each figure can name the rows it came from.

export interface AgreementFact {
  id: string;
  title: string;
  budgetFen: number | null;
  ownerSite: string;
}

/** An activity of the year as the report counts it; stored values that are not numbers read as none. */
export interface ActivityFact {
  readonly id: string;
  readonly taskId: string | null;
  readonly type: string;
  readonly title: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly online: boolean;
  readonly teachers: number | null;
  readonly students: number | null;
  readonly cadres: number | null;
  readonly instructorCount: number | null;
  readonly days: number | null;
  readonly satisfactionPct: number | null;
  readonly amountFen: number | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** Files attached to it. */
  readonly evidence: number;
}

export interface TaskFact {
  id: string;
  agreementId: string;
  name: string;
  category: string;
  description: string | null;
  department: string | null;
  responsiblePerson: string | null;
  liaison: string | null;
  contact: string | null;
  year: number;
  /** Last year of a task spanning several; null for one year. */
  yearEnd: number | null;
  targetText: string | null;
  targetValue: number | null;
  targetUnit: string | null;
  budgetFen: number | null;
  status: string;
  notes: string | null;
  evidence: number;
}

export interface PlanItemFact {
  id: string;
  taskId: string | null;
  month: string;
  content: string;
  plannedDate: string | null;
  status: string;
}

export interface OutcomeFact {
  id: string;
  kind: string;
  title: string;
  level: string | null;
  quantity: number;
  date: string | null;
}

export interface SecondmentFact {
  id: string;
  person: string;
  direction: string;
  hostPost: string | null;
  startDate: string;
  endDate: string | null;
  months: number | null;
}

export interface GroupMemberFact {
  kind: string;
  name: string;
  role: string;
  post: string | null;
  institution: string | null;
  /** The member's side of the agreement (支援方 / 受援方), when their institution is one of its parties. */
  side: string | null;
}

export interface GroupFact {
  revisedOn: string;
  approvedBy: string | null;
  documentNumber: string | null;
  revisions: number;
  members: GroupMemberFact[];
}

export interface Facts {
  readonly scope: ReportScope;
  readonly agreements: readonly AgreementFact[];
  readonly activities: readonly ActivityFact[];
  readonly tasks: readonly TaskFact[];
  readonly planItems: readonly PlanItemFact[];
  readonly outcomes: readonly OutcomeFact[];
  readonly secondments: readonly SecondmentFact[];
  /** The leadership group in force at the end of the year, per agreement in scope. */
  readonly groups: readonly GroupFact[];
}

/** The agreements a scope covers: one, a site's, or all; live ones only. */
export const scopeAgreements = (db: ReadDb, scope: ReportScope): AgreementFact[] => {
  const rows = db.sqlite
    .prepare(
      `SELECT id, title, budget_fen AS budgetFen, owner_site AS ownerSite FROM agreements
       WHERE deleted_at IS NULL AND (@agreementId IS NULL OR id = @agreementId)
         AND (@siteId IS NULL OR owner_site = @siteId OR @agreementId IS NOT NULL)
       ORDER BY created_at`,
    )
    .all({ agreementId: scope.agreementId, siteId: scope.siteId }) as AgreementFact[];
  return rows;
};

/** A live task of the year or spanning it (a 2023—2024 task is in both reports); the year twice as parameters. */
export const TASK_IN_YEAR = 't.deleted_at IS NULL AND t.year <= ? AND coalesce(t.year_end, t.year) >= ?';

// Each task's evidence: files on its activities of the year, counted in one pass over the year's rows
// rather than a scan of every activity per task. '2023-' <= d < '2023.' is LIKE '2023-%'. The named index
// and CROSS JOIN (SQLite keeps its left side outer) fix the plan: the year's rows, then one probe each;
// left to itself the planner walks every attachment and searches the year for each.
const taskEvidence = (db: ReadDb, ids: string[], year: number): Map<string, number> =>
  new Map(
    (
      db.sqlite
        .prepare(
          `SELECT a.task_id AS taskId, count(*) AS n
           FROM activities a INDEXED BY activities_live_figures_idx
             CROSS JOIN attachments f ON f.entity_table = 'activities' AND f.entity_id = a.id
           WHERE a.deleted_at IS NULL AND f.deleted_at IS NULL AND a.start_date >= ? AND a.start_date < ?
             AND a.task_id IN (SELECT t.id FROM tasks t WHERE ${TASK_IN_YEAR}
                                 AND t.agreement_id IN (${placeholders(ids.length)}))
           GROUP BY a.task_id`,
        )
        .all(`${year}-`, `${year}.`, year, year, ...ids) as { taskId: string; n: number }[]
    ).map((r) => [r.taskId, r.n]),
  );

/** The year's tasks: those of the year and those spanning it (a 2023—2024 task is in both reports). */
const readTasks = (db: ReadDb, ids: string[], year: number): TaskFact[] => {
  const evidence = taskEvidence(db, ids, year);
  const rows = db.sqlite
    .prepare(
      `SELECT t.id, t.agreement_id AS agreementId, t.name, t.category, t.description, t.department,
              t.responsible_person AS responsiblePerson, t.liaison, t.contact, t.year, t.year_end AS yearEnd,
              t.target_text AS targetText,
              t.target_value AS targetValue, t.target_unit AS targetUnit, t.budget_fen AS budgetFen,
              t.status, t.notes
       FROM tasks t
       WHERE ${TASK_IN_YEAR}
         AND t.agreement_id IN (${placeholders(ids.length)})
       ORDER BY t.agreement_id, t.sort`,
    )
    .all(year, year, ...ids) as Omit<TaskFact, 'evidence'>[];
  return rows.map((t) => ({ ...t, evidence: evidence.get(t.id) ?? 0 }));
};

const readPlanItems = (db: ReadDb, ids: string[], year: number): PlanItemFact[] =>
  db.sqlite
    .prepare(
      `SELECT i.id, i.task_id AS taskId, p.month, i.content, i.planned_date AS plannedDate, i.status
       FROM plan_items i JOIN monthly_plans p ON p.id = i.plan_id
       WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.month LIKE ? || '-%'
         AND p.agreement_id IN (${placeholders(ids.length)})
       ORDER BY p.month, i.sort`,
    )
    .all(String(year), ...ids) as PlanItemFact[];

const readOutcomes = (db: ReadDb, ids: string[], year: number): OutcomeFact[] =>
  db.sqlite
    .prepare(
      `SELECT o.id, o.kind, o.title, o.level, o.quantity, coalesce(o.date, a.start_date) AS date
       FROM outcomes o LEFT JOIN activities a ON a.id = o.activity_id
       WHERE o.deleted_at IS NULL AND o.agreement_id IN (${placeholders(ids.length)})
         AND coalesce(o.date, a.start_date) LIKE ? || '-%'
       ORDER BY date`,
    )
    .all(...ids, String(year)) as OutcomeFact[];

/** Secondments that overlap the year. */
const readSecondments = (db: ReadDb, ids: string[], year: number): SecondmentFact[] =>
  db.sqlite
    .prepare(
      `SELECT id, person, direction, host_post AS hostPost, start_date AS startDate, end_date AS endDate, months
       FROM secondments
       WHERE deleted_at IS NULL AND agreement_id IN (${placeholders(ids.length)})
         AND start_date <= ? AND ${SECONDMENT_END_SQL} >= ?
       ORDER BY start_date`,
    )
    .all(...ids, `${year}-12-31`, `${year}-01-01`) as SecondmentFact[];

const readGroups = (db: ReadDb, ids: string[], year: number): GroupFact[] =>
  ids.flatMap((agreementId) => {
    const revisions = db.sqlite
      .prepare(
        `SELECT id, revised_on AS revisedOn, approved_by AS approvedBy, document_number AS documentNumber
         FROM group_revisions
         WHERE deleted_at IS NULL AND agreement_id = ? AND revised_on <= ? ORDER BY revised_on DESC`,
      )
      .all(agreementId, `${year}-12-31`) as {
      id: string;
      revisedOn: string;
      approvedBy: string | null;
      documentNumber: string | null;
    }[];
    const latest = revisions[0];
    if (!latest) return [];
    const members = db.sqlite
      .prepare(
        `SELECT m.group_kind AS kind, m.name, m.role, m.post, i.name AS institution,
                (SELECT p.role FROM agreement_parties p WHERE p.agreement_id = ? AND p.deleted_at IS NULL
                   AND p.institution_id = m.institution_id ORDER BY p.sort LIMIT 1) AS side
         FROM group_members m LEFT JOIN institutions i ON i.id = m.institution_id
         WHERE m.deleted_at IS NULL AND m.revision_id = ? ORDER BY m.sort`,
      )
      .all(agreementId, latest.id) as GroupMemberFact[];
    const inYear = revisions.filter((r) => r.revisedOn.startsWith(String(year))).length;
    return [
      {
        revisedOn: latest.revisedOn,
        approvedBy: latest.approvedBy,
        documentNumber: latest.documentNumber,
        revisions: inYear,
        members,
      },
    ];
  });

const numbersIn = <T extends object>(rows: T[], keys: (keyof T)[]): T[] => {
  for (const row of rows) for (const k of keys) (row as Record<keyof T, unknown>)[k] = numeric(row[k]);
  return rows;
};
const readYear = (db: ReadDb, scope: ReportScope): Facts => {
  const agreements = numbersIn(scopeAgreements(db, scope), ['budgetFen']);
  const ids = agreements.map((a) => a.id);
  if (ids.length === 0)
    return {
      scope,
      agreements,
      activities: [],
      tasks: [],
      planItems: [],
      outcomes: [],
      secondments: [],
      groups: [],
    };
  return {
    scope,
    agreements,
    activities: readActivities(db, ids, scope),
    tasks: numbersIn(readTasks(db, ids, scope.year), ['targetValue', 'budgetFen']),
    planItems: readPlanItems(db, ids, scope.year),
    outcomes: readOutcomes(db, ids, scope.year).map((o) => ({ ...o, quantity: numeric(o.quantity) ?? 1 })),
    secondments: numbersIn(readSecondments(db, ids, scope.year), ['months']),
    groups: readGroups(db, ids, scope.year),
  };
};

// The facts read last on each read connection, kept while nothing is committed: the connection's
// data_version moves with every commit of another connection (this one only reads). Reading a department's
// year is most of its report's cost, and a report is read again and again while a person works on it (each
// page visit, the print view, Word, Excel, a figure's records); a report's own edits are commits, so they
// are never shown from an older read. Nothing downstream changes the facts it is given.
const lastRead = new WeakMap<ReadDb['sqlite'], { key: string; facts: Facts }>();

/** The year's facts for a scope, as the database holds them now. */
export const readFacts = (db: ReadDb, scope: ReportScope): Facts => {
  const version = db.sqlite.pragma('data_version', { simple: true }) as number;
  const key = `${version}:${scope.agreementId}:${scope.siteId}:${scope.year}`;
  const cached = lastRead.get(db.sqlite);
  if (cached?.key === key) return cached.facts;
  const facts = readYear(db, scope);
  lastRead.set(db.sqlite, { key, facts });
  return facts;
};
