import type { ReportScope } from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { detailsOf } from '../repositories/rows';
import type { ActivityFact } from './facts';

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

type ActivityRow = [
  id: string,
  agreementId: string,
  taskId: string | null,
  type: string,
  title: string,
  startDate: string,
  endDate: string | null,
  online: number,
  teachers: number | null,
  students: number | null,
  cadres: number | null,
  instructorCount: number | null,
  lectures: number | null,
  hours: number | null,
  days: number | null,
  satisfactionPct: number | null,
  amountFen: number | null,
  details: string | null,
  evidence: number,
];

/**
 * Activities whose start falls in the year; a site scope keeps the rows that site wrote. Read as arrays and
 * shaped here: a department's year is 100,000 rows, and letting the driver build each row object took a
 * third of the read.
 */
export const readActivities = (db: ReadDb, ids: string[], scope: ReportScope): ActivityFact[] => {
  const rows = db.sqlite
    .prepare(
      `SELECT a.id, a.agreement_id, a.task_id, a.type, a.title, a.start_date, a.end_date, a.online,
              a.teachers, a.students, a.cadres, a.instructor_count, a.lectures, a.hours, a.days,
              a.satisfaction_pct, a.amount_fen, a.details,
              (SELECT count(*) FROM attachments f WHERE f.entity_table = 'activities'
                 AND f.entity_id = a.id AND f.deleted_at IS NULL) AS evidence
       FROM activities a
       WHERE a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ?
         AND a.agreement_id IN (${placeholders(ids.length)})
         AND (? IS NULL OR a.owner_site = ?)
       ORDER BY a.start_date, a.created_at`,
    )
    .raw()
    .all(
      `${scope.year}-01-01`,
      `${scope.year}-12-31`,
      ...ids,
      scope.agreementId ? null : scope.siteId,
      scope.agreementId ? null : scope.siteId,
    ) as ActivityRow[];
  return rows.map((r) => ({
    id: r[0],
    agreementId: r[1],
    taskId: r[2],
    type: r[3],
    title: r[4],
    startDate: r[5],
    endDate: r[6],
    online: r[7] === 1,
    teachers: r[8],
    students: r[9],
    cadres: r[10],
    instructorCount: r[11],
    lectures: r[12],
    hours: r[13],
    days: r[14],
    satisfactionPct: r[15],
    amountFen: r[16],
    details: detailsOf(r[17]),
    evidence: r[18],
  }));
};
