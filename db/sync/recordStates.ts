import type { RecordState, SyncRecord } from '../../electron/shared/schemas/sync';
import type { ServiceContext } from '../services/context';
import { LOCAL_DEVICE_NO } from './triggers';

// Where each record this device changed stands on its way to the department (DESIGN.md section 3): not
// yet exported, exported in a bundle, acknowledged, or returned with the department's reason. A record's
// state is that of its latest own change.

// A party or beneficiary is recognised by its institution's name (the stored role, 支援方, is a domain term
// the screen would have to translate, and says less than the name).
const INSTITUTION_NAME = '(SELECT name FROM institutions WHERE id = institution_id)';

/** What a person recognises a row by, per table: a column, or an expression over the row. */
const LABELS: Record<string, string> = {
  activities: 'title',
  monthly_plans: 'month',
  plan_items: 'content',
  agreements: 'title',
  agreement_parties: INSTITUTION_NAME,
  agreement_phases: 'name',
  tasks: 'name',
  secondments: 'person',
  outcomes: 'title',
  attachments: 'file_name',
  institutions: 'name',
  group_revisions: 'revised_on',
  group_members: 'name',
  reports: 'title',
  report_sections: 'heading',
  sites: 'name',
  activity_beneficiaries: INSTITUTION_NAME,
};

const bounds = (ctx: ServiceContext, acknowledged: number) => {
  const db = ctx.store.read.sqlite;
  const exported = (db
    .prepare("SELECT max(seq_to) FROM sync_bundles WHERE direction = 'out'")
    .pluck()
    .get() ?? 0) as number;
  return { ack: acknowledged, exported, me: LOCAL_DEVICE_NO };
};

// One row per record this device changed, with its latest own seq and whether that change came back.
const LATEST = `
  WITH own AS (
    SELECT tbl, row_id, max(seq) AS seq FROM change_log WHERE device_no = @me GROUP BY tbl, row_id
  ), states AS (
    SELECT own.tbl, own.row_id, own.seq, r.reason,
      CASE WHEN r.seq IS NOT NULL THEN 'returned'
           WHEN own.seq <= @ack THEN 'acknowledged'
           WHEN own.seq <= @exported THEN 'exported'
           ELSE 'pending' END AS state
    FROM own LEFT JOIN returned_changes r
      ON r.device_id = (SELECT device_id FROM device_state WHERE one = 1) AND r.seq = own.seq
  )`;

export const recordStateCounts = (ctx: ServiceContext, acknowledged: number): Record<RecordState, number> => {
  const rows = ctx.store.read.sqlite
    .prepare(`${LATEST} SELECT state, count(*) AS n FROM states GROUP BY state`)
    .all(bounds(ctx, acknowledged)) as { state: RecordState; n: number }[];
  const counts: Record<RecordState, number> = { pending: 0, exported: 0, acknowledged: 0, returned: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
};

export const listRecordStates = (
  ctx: ServiceContext,
  acknowledged: number,
  opts: { state?: RecordState | undefined; offset: number; limit: number },
): { total: number; rows: SyncRecord[] } => {
  const db = ctx.store.read.sqlite;
  const params = { ...bounds(ctx, acknowledged), state: opts.state ?? null };
  const where = 'WHERE @state IS NULL OR state = @state';
  const total = db.prepare(`${LATEST} SELECT count(*) FROM states ${where}`).pluck().get(params) as number;
  const page = db
    .prepare(`${LATEST} SELECT * FROM states ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: opts.limit, offset: opts.offset }) as {
    tbl: string;
    row_id: string;
    seq: number;
    reason: string | null;
    state: RecordState;
  }[];
  const bundleOf = db
    .prepare("SELECT file_name FROM sync_bundles WHERE direction = 'out' AND seq_to >= ? ORDER BY at LIMIT 1")
    .pluck();
  const at = db.prepare('SELECT hlc FROM change_log WHERE device_no = ? AND seq = ?').pluck();
  const rows = page.map((r): SyncRecord => {
    const column = LABELS[r.tbl];
    const label = column
      ? (db
          .prepare(`SELECT ${column.startsWith('(') ? column : `"${column}"`} FROM "${r.tbl}" WHERE id = ?`)
          .pluck()
          .get(r.row_id) as string | null)
      : null;
    const hlc = at.get(LOCAL_DEVICE_NO, r.seq) as string;
    return {
      table: r.tbl,
      rowId: r.row_id,
      label: label ?? r.row_id.slice(-8),
      state: r.state,
      seq: r.seq,
      changedAt: parseInt(hlc.slice(0, 12), 16),
      bundle: r.state === 'exported' ? ((bundleOf.get(r.seq) as string | undefined) ?? null) : null,
      reason: r.reason,
    };
  });
  return { total, rows };
};
