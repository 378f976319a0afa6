import type Database from 'better-sqlite3';
import type { WriteDb } from '../client';
import type { ChangeRecord } from './bundle/format';
import { LOCAL_DEVICE_NO, SHARED_TABLES, syncedTables, type SyncedTable } from './triggers';
import { recordValidator } from './validateRecord';

// Merge (DESIGN.md section 3): per (table, row, column) the greatest HLC wins, so applying is idempotent and
// order-free. Each received change is logged under its own device, seq and clock, which is also where the
// clock of every held value is read from. A device's changes apply in seq order; one beyond a gap, or naming
// a table or column this version does not know, or updating a row not yet here, is parked. At the department
// a college's change to a row another college owns, or to a month the department approved, is returned:
// kept with its reason, never applied, and reported back to the college in its return bundle.

export interface TableCounts {
  new: number;
  had: number;
  conflicts: number;
  parked: number;
  rejected: number;
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

export const RETURN_REASONS = {
  notOwner: '该记录由其他单位登记，学校只能修改本单位的记录',
  foreignInsert: '新记录的所属单位不是发送同步包的学校',
  ownerChange: '记录的所属单位不能更改',
  locked: '该月工作计划已由教育主管部门审核锁定，修改未被接受；如需修改，请联系教育主管部门退回',
} as const;

export interface ApplyOptions {
  /** The college that sent the bundle, when the department applies it; its changes are checked. */
  sender?: { siteId: string };
  /** The tables and columns this version knows; the schema's, unless a test stands in for an upgrade. */
  tables?: SyncedTable[];
}

export interface Applier {
  /** Applies (or parks, or returns) a batch, sorted into clock order first. */
  take(records: ChangeRecord[]): void;
  /** One record of a stream already in clock order (a bundle as written). */
  takeOne(record: ChangeRecord): void;
  /** Then whatever the batches unblocked; the counts of all of it. */
  finish(): ApplySummary;
}

export const applyRecords = (
  w: WriteDb,
  records: ChangeRecord[],
  now: number,
  opts: ApplyOptions = {},
): ApplySummary => {
  const applier = createApplier(w, now, opts);
  applier.take(records);
  return applier.finish();
};

/** One applier per bundle, inside the caller's transaction: statements are prepared once for all batches. */
export const createApplier = (
  w: WriteDb,
  now: number,
  { sender, tables = syncedTables() }: ApplyOptions = {},
): Applier => {
  const db = w.sqlite;
  // Records of several devices may depend on each other's rows; keys are checked when the transaction ends.
  db.pragma('defer_foreign_keys = ON');
  const known = new Map(tables.map((t) => [t.name, new Set(t.columns)]));
  const summary: ApplySummary = { new: 0, had: 0, conflicts: 0, parked: 0, rejected: 0, tables: {} };
  const count = (t: string, k: keyof TableCounts) => {
    summary[k]++;
    const row = (summary.tables[t] ??= { new: 0, had: 0, conflicts: 0, parked: 0, rejected: 0 });
    row[k]++;
  };

  const deviceRow = db.prepare('SELECT no, applied_seq AS applied FROM devices WHERE device_id = ?');
  const addDevice = db.prepare(
    "INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES (?, '', '', ?) RETURNING no",
  );
  const setApplied = db.prepare('UPDATE devices SET applied_seq = ? WHERE no = ?');
  const history = db.prepare('SELECT hlc, data FROM change_log WHERE row_id = ? AND tbl = ?');
  const log = db.prepare(
    'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const park = db.prepare(
    'INSERT OR IGNORE INTO parked_changes (device_id, seq, record, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  const giveBack = db.prepare(
    `INSERT OR IGNORE INTO returned_changes (device_id, seq, tbl, row_id, reason, record, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const planStatus = db.prepare('SELECT status FROM monthly_plans WHERE id = ?').pluck();
  // Approved here, by this department, is what locks a month; a college approving its own plan does not.
  const lastStatusBy = db
    .prepare(
      `SELECT device_no FROM change_log WHERE tbl = 'monthly_plans' AND row_id = ?
         AND json_extract(data, '$.status') IS NOT NULL ORDER BY hlc DESC LIMIT 1`,
    )
    .pluck();
  const lockedPlan = (planId: unknown) =>
    typeof planId === 'string' &&
    planStatus.get(planId) === '已审核' &&
    lastStatusBy.get(planId) === LOCAL_DEVICE_NO;

  /** Why the department will not apply this college's change, or null when it may. */
  const refusal = (r: ChangeRecord, current: Record<string, Value> | undefined): string | null => {
    if (!sender) return null;
    const claimed = r.v.owner_site;
    if (!current) {
      if (claimed !== sender.siteId) return RETURN_REASONS.foreignInsert;
    } else {
      if (claimed !== undefined && claimed !== current.owner_site) return RETURN_REASONS.ownerChange;
      if (!SHARED_TABLES.has(r.t) && current.owner_site !== sender.siteId) return RETURN_REASONS.notOwner;
    }
    if (r.t === 'monthly_plans' && current && lockedPlan(r.r)) return RETURN_REASONS.locked;
    if (r.t === 'plan_items' && lockedPlan(r.v.plan_id ?? current?.plan_id)) return RETURN_REASONS.locked;
    return null;
  };

  const invalid = recordValidator(db);
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

  // Read once per bundle and kept current as records apply; the table is written through for the queries
  // that find what a filled gap unblocks.
  const devices = new Map<string, { no: number; applied: number }>();
  const device = (id: string): { no: number; applied: number } => {
    let dev = devices.get(id);
    if (!dev) {
      dev = (deviceRow.get(id) as { no: number; applied: number } | undefined) ?? {
        no: (addDevice.get(id, now) as { no: number }).no,
        applied: 0,
      };
      devices.set(id, dev);
    }
    return dev;
  };

  /** Applies one record whose seq is next for its device, or parks it (unknown names, row not here yet). */
  const applyOne = (r: ChangeRecord): 'new' | 'unknown' | 'missing' | 'rejected' => {
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
    // A record no form could have written goes back to its sender, at the department and at every replica.
    const refused = invalid(r.t, { ...current, ...r.v }, Object.keys(r.v)) ?? refusal(r, current);
    if (refused) {
      giveBack.run(r.d, r.s, r.t, r.r, refused, JSON.stringify(r), now);
      return 'rejected';
    }
    const clocks = new Map<string, string>();
    // A row not here has no applied history (changes parked for it are not logged): nothing to compare.
    if (current)
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
    // This replica's own changes coming back, or ones already applied.
    if (dev.no === LOCAL_DEVICE_NO || r.s <= dev.applied) {
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
    // Only applied changes are logged: a parked or returned one's clock would claim a value not held.
    if (result === 'new' || result === 'unknown')
      log.run(dev.no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
    setApplied.run(r.s, dev.no);
    dev.applied = r.s;
    if (result === 'new') {
      unpark.run(r.d, r.s);
      count(r.t, 'new');
    } else if (result === 'rejected') {
      count(r.t, 'rejected');
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

  const byClock = (a: ChangeRecord, b: ChangeRecord) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0);

  // Then whatever this bundle (or an upgrade) unblocked: changes behind a filled gap, edits of rows that have
  // now arrived, and changes naming columns this version has learnt since they were parked.
  const behindGap = db.prepare(
    `SELECT p.record FROM parked_changes p JOIN devices d ON d.device_id = p.device_id
     WHERE p.seq = d.applied_seq + 1 AND p.reason = ?`,
  );
  const parkedFor = db.prepare('SELECT record FROM parked_changes WHERE reason = ? ORDER BY id');
  // A change parked as unknown was logged so it travels on; it is logged again once it really applies.
  const unlog = db.prepare('DELETE FROM change_log WHERE device_no = ? AND seq = ?');
  const retry = (r: ChangeRecord) => {
    unpark.run(r.d, r.s);
    settle(r);
    const no = device(r.d).no;
    unlog.run(no, r.s);
    const result = applyOne(r);
    if (result === 'new' || result === 'unknown')
      log.run(no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
    if (result === 'new' || result === 'rejected') count(r.t, result);
    else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
  };
  const parsed = (reason: string) =>
    (parkedFor.all(reason) as { record: string }[]).map(({ record }) => JSON.parse(record) as ChangeRecord);
  const unblock = () => {
    for (let moved = true; moved;) {
      moved = false;
      for (const { record } of behindGap.all(GAP) as { record: string }[]) {
        const r = JSON.parse(record) as ChangeRecord;
        unpark.run(r.d, r.s);
        settle(r);
        take(r);
        moved = true;
      }
      for (const r of parsed(MISSING)) {
        if (!known.has(r.t) || !statement(`SELECT 1 FROM "${r.t}" WHERE id = ?`).get(r.r)) continue;
        retry(r);
        moved = true;
      }
      for (const r of parsed(UNKNOWN)) {
        const columns = known.get(r.t);
        if (!columns || Object.keys(r.v).some((c) => !columns.has(c))) continue;
        retry(r);
        moved = true;
      }
    }
  };

  return {
    // Clock order keeps each device's own order and puts every row's creation before edits made after it.
    // Bundles are written in that order; a bundle that is not only parks more (gaps, rows not yet here).
    take(records) {
      for (const r of [...records].sort(byClock)) take(r);
    },
    takeOne: take,
    finish() {
      unblock();
      return summary;
    },
  };
};
