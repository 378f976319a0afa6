import { createHash } from 'node:crypto';
import type { ImportField, ImportResult, ImportRow } from '../../electron/shared/schemas/ledgerImport';
import type { ReadDb, WriteDb } from '../client';
import { activitiesOnDays, activityInserter, updateActivity } from '../repositories/activities';
import { withBulkSearch } from '../search/bulkIndex';
import { HEADERS } from './columns';
import { changedFields, matchStored, positionKey, type Stored } from './identity';
import type { ReadRow } from './readTables';

// Each activity row's fate against the ledger as it is (new, an update of a stored activity, the same,
// or held), and the writes that carry it out.

export interface DecidedActivity extends ReadRow {
  status: ImportRow['status'];
  key: string;
  stored: Stored | null;
}

/** The fields a row writes: its sheet's columns, and the end date a date range gives. */
const written = (r: ReadRow): ImportField[] =>
  r.mapped.includes('startDate') && !r.mapped.includes('endDate') ? [...r.mapped, 'endDate'] : r.mapped;

export const decideActivities = (db: ReadDb, agreementId: string, rows: ReadRow[]): DecidedActivity[] => {
  const days = [...new Set(rows.flatMap((r) => (r.input ? [r.input.startDate] : [])))];
  const byDay = new Map<string, Stored[]>();
  for (const s of activitiesOnDays(db, agreementId, days)) {
    const list = byDay.get(s.startDate);
    if (list) list.push(s);
    else byDay.set(s.startDate, [s]);
  }
  const claimed = new Set<string>();
  const inFile = new Map<string, { sheet: string; row: number }>();
  // Each row is decided in place: a 50,000-row ledger is not copied once more.
  return rows.map((row) => {
    const r = row as DecidedActivity;
    r.key = positionKey(agreementId, r.sheet, r.row);
    r.stored = null;
    if (!r.input) return Object.assign(r, { status: 'held' as const });
    const content = createHash('sha1').update(JSON.stringify(r.input)).digest('base64');
    const twin = inFile.get(content);
    if (twin) {
      r.warnings.push({ field: 'row', message: `与${twin.sheet} 第 ${twin.row} 行相同，不再导入` });
      return Object.assign(r, { status: 'same' as const });
    }
    inFile.set(content, r);
    const stored = matchStored(r.input, r.key, byDay.get(r.input.startDate) ?? [], claimed);
    if (!stored) return Object.assign(r, { status: 'new' as const });
    claimed.add(stored.id);
    r.stored = stored;
    const changed = changedFields(r.input, stored, written(r));
    if (changed.length === 0) return Object.assign(r, { status: 'same' as const });
    r.warnings.push({
      field: 'row',
      message: `将更新已有记录：${changed.map((f) => HEADERS[f][0]).join('、')}`,
    });
    return Object.assign(r, { status: 'update' as const });
  });
};

export const commitActivities = (w: WriteDb, site: string, rows: DecidedActivity[]): ImportResult => {
  const count = (s: ImportRow['status']) => rows.filter((r) => r.status === s).length;
  // The sheet's rows are indexed for search together, before the caller's transaction commits.
  withBulkSearch(w.sqlite, () => {
    const insert = activityInserter(w, site);
    for (const r of rows) {
      if (r.status === 'new') {
        // The row's reading is written as it is: adding the absent task and plan item to it made V8 copy
        // each 30-field object into a new, larger one (≈1.5 KB a row, 74 MB of a 50,000-row commit).
        insert(r.input!, r.key);
      }
      if (r.status !== 'update') continue;
      const { id, evidenceCount: _e, updatedAt: _u, importKey: _k, ...kept } = r.stored!;
      const next = { ...kept };
      for (const f of written(r)) Object.assign(next, { [f]: r.input![f] ?? null });
      updateActivity(w, id, next, r.key);
    }
  });
  return {
    layout: 'activities',
    created: count('new'),
    updated: count('update'),
    same: count('same'),
    held: count('held'),
  };
};
