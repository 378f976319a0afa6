import type Database from 'better-sqlite3';

// activity_evidence is kept by migration 0014's triggers; this is the same table counted afresh from the
// attachments and activities (the migration's backfill), for a file written with those triggers off (the
// department benchmark's builder) and for the tests that hold the triggers to it.

const RECOUNT = `SELECT f.entity_id AS activity_id, count(*) AS files, a.start_date, a.agreement_id,
    a.owner_site AS site
  FROM attachments f LEFT JOIN activities a ON a.id = f.entity_id AND a.deleted_at IS NULL
  WHERE f.entity_table = 'activities' AND f.deleted_at IS NULL
  GROUP BY f.entity_id`;

export interface EvidenceRow {
  activity_id: string;
  files: number;
  start_date: string | null;
  agreement_id: string | null;
  site: string | null;
}

/** What activity_evidence must hold, by activity id. */
export const recountedEvidence = (db: Database.Database): EvidenceRow[] =>
  db.prepare(`${RECOUNT} ORDER BY f.entity_id`).all() as EvidenceRow[];

/** Refills activity_evidence from the attachments and activities. */
export const recountEvidence = (db: Database.Database): void => {
  db.exec(`DELETE FROM activity_evidence;
    INSERT INTO activity_evidence (activity_id, files, start_date, agreement_id, site) ${RECOUNT};`);
};
