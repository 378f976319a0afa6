import type { ReportScope } from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { detailsOf } from '../repositories/rows';
import type { ActivityFact } from './facts';

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** A stored value that is not a number (kept from before received records were checked) counts as none. */
export const numeric = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

type ActivityRow = [
  id: string,
  taskId: string | null,
  type: string,
  title: string,
  startDate: string,
  endDate: string | null,
  online: number,
  teachers: unknown,
  students: unknown,
  cadres: unknown,
  instructorCount: unknown,
  days: unknown,
  satisfactionPct: unknown,
  amountFen: unknown,
  details: string | null,
  evidence: number,
];

// Most activities have no details; one shared empty object instead of 100,000 (nothing writes to it).
const NO_DETAILS: Record<string, unknown> = Object.freeze({});

/**
 * Activities whose start falls in the year; a site scope keeps the rows that site wrote. Only the columns
 * the report counts with are read, each row shaped straight from the statement's arrays.
 */
export const readActivities = (db: ReadDb, ids: string[], scope: ReportScope): ActivityFact[] => {
  const rows = db.sqlite
    .prepare(
      `SELECT a.id, a.task_id, a.type, a.title, a.start_date, a.end_date, a.online,
              a.teachers, a.students, a.cadres, a.instructor_count, a.days, a.satisfaction_pct, a.amount_fen,
              a.details,
              (SELECT count(*) FROM attachments f WHERE f.entity_table = 'activities'
                 AND f.entity_id = a.id AND f.deleted_at IS NULL) AS evidence
       FROM activities a
       WHERE a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ?
         AND a.agreement_id IN (${placeholders(ids.length)})
         AND (? IS NULL OR a.owner_site = ?)
       ORDER BY a.start_date, a.created_at`,
    )
    .raw()
    .iterate(
      `${scope.year}-01-01`,
      `${scope.year}-12-31`,
      ...ids,
      scope.agreementId ? null : scope.siteId,
      scope.agreementId ? null : scope.siteId,
    ) as IterableIterator<ActivityRow>;
  const out: ActivityFact[] = [];
  for (const r of rows)
    out.push({
      id: r[0],
      taskId: r[1],
      type: r[2],
      title: r[3],
      startDate: r[4],
      endDate: r[5],
      online: r[6] === 1,
      teachers: numeric(r[7]),
      students: numeric(r[8]),
      cadres: numeric(r[9]),
      instructorCount: numeric(r[10]),
      days: numeric(r[11]),
      satisfactionPct: numeric(r[12]),
      amountFen: numeric(r[13]),
      details: r[14] === null ? NO_DETAILS : detailsOf(r[14]),
      evidence: r[15],
    });
  return out;
};
