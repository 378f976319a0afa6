import type Database from 'better-sqlite3';
import type { WriteDb } from '../client';
import type { ChangeRecord } from './bundle/format';
import { syncedTables } from './triggers';

// Merge (DESIGN.md section 3): per (table, row, column) the greatest HLC wins, so applying is idempotent and
// order-free. Each received change is logged under its own device, seq and clock, which is also where the
// clock of every held value is read from. A device's changes apply in seq order; one beyond a gap, or naming
// a table or column this version does not know, or updating a row not yet here, is parked.

export interface TableCounts {
  new: number;
  had: number;
  conflicts: number;
  parked: number;
}
export interface ApplySummary extends TableCounts {
  tables: Record<string, TableCounts>;
}

type Value = string | number | null;

const node = (hlc: string) => hlc.slice(-16);

/** Bookkeeping every edit touches: merged like any column, but two edits of a row are not a conflict over it. */
const QUIET = new Set(['updated_at']);

const GAP = '该设备的变更序号有缺口';
const MISSING = '所修改的记录尚未收到';
const UNKNOWN = '本版本不认识的表或字段';

export const applyRecords = (w: WriteDb, records: ChangeRecord[], now: number): ApplySummary => {
  const db = w.sqlite;
  // Records of several devices may depend on each other's rows; keys are checked when the transaction ends.
  db.pragma('defer_foreign_keys = ON');
  const known = new Map(syncedTables().map((t) => [t.name, new Set(t.columns)]));
  const summary: ApplySummary = { new: 0, had: 0, conflicts: 0, parked: 0, tables: {} };
  const count = (t: string, k: keyof TableCounts) => {
    summary[k]++;
    const row = (summary.tables[t] ??= { new: 0, had: 0, conflicts: 0, parked: 0 });
    row[k]++;
  };

  const deviceRow = db.prepare('SELECT no, applied_seq AS applied FROM devices WHERE device_id = ?');
  const addDevice = db.prepare(
    "INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES (?, '', '', ?) RETURNING no",
  );
  const setApplied = db.prepare('UPDATE devices SET applied_seq = ? WHERE no = ?');
  const logged = db.prepare('SELECT 1 FROM change_log WHERE device_no = ? AND seq = ?');
  const history = db.prepare('SELECT hlc, data FROM change_log WHERE row_id = ? AND tbl = ?');
  const log = db.prepare(
    'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const park = db.prepare(
    'INSERT OR IGNORE INTO parked_changes (device_id, seq, record, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  const unpark = db.prepare('DELETE FROM parked_changes WHERE device_id = ? AND seq = ?');
  const conflict = db.prepare(
    `INSERT INTO sync_conflicts (tbl, row_id, col, winner_hlc, winner_value, loser_hlc, loser_value, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // Each table and column set gets its statement prepared once per bundle, not once per record.
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      statements.set(sql, st);
    }
    return st;
  };

  const device = (id: string): { no: number; applied: number } => {
    const row = deviceRow.get(id) as { no: number; applied: number } | undefined;
    if (row) return row;
    return { no: (addDevice.get(id, now) as { no: number }).no, applied: 0 };
  };

  /** Applies one record whose seq is next for its device, or parks it (unknown names, row not here yet). */
  const applyOne = (r: ChangeRecord): 'new' | 'unknown' | 'missing' => {
    const columns = known.get(r.t);
    const cols = Object.keys(r.v);
    if (!columns || cols.some((c) => !columns.has(c))) {
      park.run(r.d, r.s, JSON.stringify(r), UNKNOWN, now);
      return 'unknown';
    }
    const table = `"${r.t}"`;
    const current = statement(`SELECT * FROM ${table} WHERE id = ?`).get(r.r) as
      Record<string, Value> | undefined;
    if (!current && r.o !== 'i') {
      park.run(r.d, r.s, JSON.stringify(r), MISSING, now);
      return 'missing';
    }
    const clocks = new Map<string, string>();
    for (const h of history.all(r.r, r.t) as { hlc: string; data: string }[])
      for (const c of Object.keys(JSON.parse(h.data) as object))
        if ((clocks.get(c) ?? '') < h.hlc) clocks.set(c, h.hlc);
    const winners: string[] = [];
    for (const c of cols) {
      const held = clocks.get(c);
      const mine = r.v[c] ?? null;
      if (!held || r.h > held) {
        winners.push(c);
        if (held && current && !QUIET.has(c) && node(held) !== node(r.h) && current[c] !== mine) {
          conflict.run(r.t, r.r, c, r.h, JSON.stringify(mine), held, JSON.stringify(current[c]), now);
          count(r.t, 'conflicts');
        }
      } else if (current && !QUIET.has(c) && node(held) !== node(r.h) && current[c] !== mine) {
        conflict.run(r.t, r.r, c, held, JSON.stringify(current[c]), r.h, JSON.stringify(mine), now);
        count(r.t, 'conflicts');
      }
    }
    if (!current) {
      const names = ['id', ...cols];
      statement(
        `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ).run(r.r, ...cols.map((c) => r.v[c] ?? null));
    } else if (winners.length > 0) {
      statement(`UPDATE ${table} SET ${winners.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(
        ...winners.map((c) => r.v[c] ?? null),
        r.r,
      );
    }
    return 'new';
  };

  const parkedNow = new Set<string>();
  const settle = (r: ChangeRecord) => {
    if (parkedNow.delete(`${r.d}:${r.s}`)) {
      summary.parked--;
      summary.tables[r.t]!.parked--;
    }
  };
  const take = (r: ChangeRecord) => {
    const dev = device(r.d);
    if (r.s <= dev.applied || logged.get(dev.no, r.s)) {
      count(r.t, 'had');
      return;
    }
    if (r.s > dev.applied + 1) {
      park.run(r.d, r.s, JSON.stringify(r), GAP, now);
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
      return;
    }
    const result = applyOne(r);
    // A change to a row not here yet is logged when it finally applies; its clock would claim a value unheld.
    if (result !== 'missing') log.run(dev.no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
    setApplied.run(r.s, dev.no);
    if (result === 'new') {
      unpark.run(r.d, r.s);
      count(r.t, 'new');
    } else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
    try {
      w.clock?.receive(r.h);
    } catch {
      // A sender's clock far ahead is not followed; its change still merges by its own stamp.
    }
  };

  // Clock order keeps each device's own order and puts every row's creation before edits made after it.
  const sorted = [...records].sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
  for (const r of sorted) take(r);

  // Then whatever this bundle unblocked: changes behind a filled gap, edits of rows that have now arrived.
  const behindGap = db.prepare(
    `SELECT p.record FROM parked_changes p JOIN devices d ON d.device_id = p.device_id
     WHERE p.seq = d.applied_seq + 1 AND p.reason = ?`,
  );
  const awaitingRow = db.prepare('SELECT record FROM parked_changes WHERE reason = ? ORDER BY id');
  for (let moved = true; moved;) {
    moved = false;
    for (const { record } of behindGap.all(GAP) as { record: string }[]) {
      const r = JSON.parse(record) as ChangeRecord;
      unpark.run(r.d, r.s);
      settle(r);
      take(r);
      moved = true;
    }
    for (const { record } of awaitingRow.all(MISSING) as { record: string }[]) {
      const r = JSON.parse(record) as ChangeRecord;
      if (!known.has(r.t) || !statement(`SELECT 1 FROM "${r.t}" WHERE id = ?`).get(r.r)) continue;
      unpark.run(r.d, r.s);
      settle(r);
      applyOne(r);
      log.run(device(r.d).no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
      count(r.t, 'new');
      moved = true;
    }
  }
  return summary;
};
