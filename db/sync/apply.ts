import type Database from 'better-sqlite3';
import type { WriteDb } from '../client';
import { bulkSearch } from '../search/bulkIndex';
import type { ChangeRecord } from './bundle/format';
import { LOCAL_DEVICE_NO, SHARED_TABLES, syncedTables, type SyncedTable } from './triggers';
import { AWAITING_REFERENCE, recordValidator } from './validateRecord';

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
  /** Why changes were parked or returned, each reason with how many it held back. */
  reasons: { reason: string; count: number }[];
}

type Value = string | number | null;

const node = (hlc: string) => hlc.slice(-16);

/** Bookkeeping every edit touches: merged like any column, but two edits of a row are not a conflict over it. */
const QUIET = new Set(['updated_at']);

const GAP = '该设备的变更序号有缺口';
const MISSING = '所修改的记录尚未收到';
const UNKNOWN = '本版本不认识的表或字段';
/** Prefix of the reason a change stamped too far ahead of this device's clock is held back with. */
const FUTURE = '时钟超前：';

const DAY_MS = 24 * 3600 * 1000;
const futureReason = (device: string, aheadMs: number) =>
  `${FUTURE}设备 ${device.slice(-8)} 的时钟比本机快约 ${Math.max(1, Math.round(aheadMs / DAY_MS))} 天，` +
  '该变更暂不应用：请核对那台电脑的日期和时间，本机时间到达后会自动应用';

/** A (device, seq) that arrives with other content than the one held: a database restored or copied in. */
export class SeqReused extends Error {
  constructor(
    readonly deviceId: string,
    readonly seq: number,
  ) {
    super(
      `同步包中设备 ${deviceId.slice(-8)} 的第 ${seq} 条变更与本机已收到的内容不同：` +
        '该设备的数据库可能是从备份恢复或从别处复制来的。已拒绝整个同步包。' +
        '请在那台电脑的“数据同步”页面选择“以新设备身份继续”，再重新导出同步包。',
    );
  }
}

export const RETURN_REASONS = {
  notOwner: '该记录由其他单位登记，学校只能修改本单位的记录',
  createWithdrawn: '所修改的记录的新建已被退回',
  foreignInsert: '新记录的所属单位不是发送同步包的学校',
  ownerChange: '记录的所属单位不能更改',
  locked: '该月工作计划已由教育主管部门审核锁定，修改未被接受；如需修改，请联系教育主管部门退回',
} as const;

/**
 * Department: a college's new identity says it issued again, with sound stamps, what an identity of its own
 * sent while the computer's clock was set years ahead. Those changes, held back for their stamps, are
 * settled (they will never apply), and everyone can move past them. Only when a stamp is what holds the
 * device back: changes waiting for a gap could still arrive from a PC that is alive.
 */
export const settleSuperseded = (w: WriteDb, deviceId: string, after: number): number => {
  const db = w.sqlite;
  const dev = db.prepare('SELECT no, applied_seq FROM devices WHERE device_id = ?').get(deviceId) as
    { no: number; applied_seq: number } | undefined;
  if (!dev) return 0;
  const parked = db
    .prepare('SELECT seq, record, reason FROM parked_changes WHERE device_id = ? AND seq > ? ORDER BY seq')
    .all(deviceId, Math.max(after, dev.applied_seq)) as { seq: number; record: string; reason: string }[];
  if (parked[0]?.seq !== dev.applied_seq + 1 || !parked[0].reason.startsWith(FUTURE)) return 0;
  const log = db.prepare(
    "INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, 'n', '{}')",
  );
  const drop = db.prepare('DELETE FROM parked_changes WHERE device_id = ? AND seq = ?');
  let next = dev.applied_seq + 1;
  for (const p of parked) {
    if (p.seq !== next) break;
    const r = JSON.parse(p.record) as ChangeRecord;
    log.run(dev.no, r.s, r.h, r.x, r.t, r.r);
    drop.run(deviceId, p.seq);
    next++;
  }
  db.prepare('UPDATE devices SET applied_seq = ? WHERE no = ?').run(next - 1, dev.no);
  return next - 1 - dev.applied_seq;
};

export interface ApplyOptions {
  /** The college that sent the bundle, when the department applies it; its changes are checked. */
  sender?: { siteId: string };
  /** A dry run, rolled back whatever happens: the search indexes are not brought up to date. */
  dryRun?: boolean;
  /** The tables and columns this version knows; the schema's, unless a test stands in for an upgrade. */
  tables?: SyncedTable[];
}

export interface Applier {
  /** Applies (or parks, or returns) a batch, sorted into clock order first. */
  take(records: ChangeRecord[]): void;
  /** One record of a stream already in clock order (a bundle as written). */
  takeOne(record: ChangeRecord): void;
  /** This device's own changes the department returned: withdrawn here, as everywhere else. */
  withdrawOwn(seqs: number[]): void;
  /** After each chunk of a bundle: the chunk's rows are indexed for search and its bookkeeping written. */
  chunkDone(): void;
  /** Then whatever the batches unblocked; the counts of all of it. Everything applied is indexed. */
  finish(): ApplySummary;
  /** Always, once done or failed (try/finally): the connection indexes row by row again. */
  release(): void;
}

export const applyRecords = (
  w: WriteDb,
  records: ChangeRecord[],
  now: number,
  opts: ApplyOptions = {},
): ApplySummary => {
  const applier = createApplier(w, now, opts);
  try {
    applier.take(records);
    return applier.finish();
  } finally {
    applier.release();
  }
};

/** One applier per bundle, inside the caller's transaction: statements are prepared once for all batches. */
export const createApplier = (
  w: WriteDb,
  now: number,
  { sender, dryRun = false, tables = syncedTables() }: ApplyOptions = {},
): Applier => {
  const db = w.sqlite;
  // Activities are indexed for search chunk by chunk rather than row by row (db/search/bulkIndex.ts).
  const search = bulkSearch(db);
  // Records of several devices may depend on each other's rows; keys are checked when the transaction ends.
  db.pragma('defer_foreign_keys = ON');
  const known = new Map(tables.map((t) => [t.name, new Set(t.columns)]));
  const summary: ApplySummary = {
    new: 0,
    had: 0,
    conflicts: 0,
    parked: 0,
    rejected: 0,
    tables: {},
    reasons: [],
  };
  const because = new Map<string, number>();
  const noteReason = (reason: string) => because.set(reason, (because.get(reason) ?? 0) + 1);
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
  const history = db.prepare(
    "SELECT hlc, op, data FROM change_log WHERE row_id = ? AND tbl = ? AND op <> 'n'",
  );
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

  const waitingCreate = db.prepare(
    "SELECT 1 FROM parked_changes WHERE json_extract(record, '$.t') = ? AND json_extract(record, '$.r') = ?",
  );
  const invalid = recordValidator(db, (table, id) => waitingCreate.get(table, id) !== undefined);
  const unpark = db.prepare('DELETE FROM parked_changes WHERE device_id = ? AND seq = ?');
  const heldRecord = db.prepare(
    'SELECT hlc, tbl, row_id, op, data FROM change_log WHERE device_no = ? AND seq = ?',
  );
  const settleLogged = db.prepare(
    "UPDATE change_log SET op = 'n', data = '{}' WHERE device_no = ? AND seq = ?",
  );
  const createReturned = db
    .prepare("SELECT 1 FROM returned_changes WHERE row_id = ? AND json_extract(record, '$.o') = 'i'")
    .pluck();

  /**
   * A change withdrawn after it applied here (the department returned it): its columns go back to the
   * newest value any other change gave them, and a row only it created is removed, so this replica ends
   * where the department is.
   */
  const withdraw = (no: number, seq: number) => {
    const held = heldRecord.get(no, seq) as
      { hlc: string; tbl: string; row_id: string; op: string; data: string } | undefined;
    if (!held || held.op === 'n') return;
    settleLogged.run(no, seq);
    if (!known.has(held.tbl)) return;
    const table = `"${held.tbl}"`;
    const latest = new Map<string, { hlc: string; value: Value }>();
    let created = false;
    for (const h of history.all(held.row_id, held.tbl) as { hlc: string; op: string; data: string }[]) {
      created ||= h.op === 'i';
      for (const [c, v] of Object.entries(JSON.parse(h.data) as Record<string, Value>))
        if ((latest.get(c)?.hlc ?? '') < h.hlc) latest.set(c, { hlc: h.hlc, value: v });
    }
    // Without its creation the row has no place here, whatever edits of it remain.
    if (!created) {
      statement(`DELETE FROM ${table} WHERE id = ?`).run(held.row_id);
      return;
    }
    const cols = Object.keys(JSON.parse(held.data) as object).filter((c) => known.get(held.tbl)!.has(c));
    if (cols.length === 0) return;
    statement(`UPDATE ${table} SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(
      ...cols.map((c) => latest.get(c)?.value ?? null),
      held.row_id,
    );
  };
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

  // Read once per bundle and kept current in memory as records apply; applied_seq is written back after each
  // chunk and before the queries that read it (what a filled gap unblocks), not once per record.
  interface Device {
    no: number;
    applied: number;
    saved: number;
    /** Whether any of its changes may be parked here: only then is a parked copy looked for to delete. */
    parked: boolean;
  }
  const anyParked = db.prepare('SELECT 1 FROM parked_changes WHERE device_id = ? LIMIT 1').pluck();
  const devices = new Map<string, Device>();
  const device = (id: string): Device => {
    let dev = devices.get(id);
    if (!dev) {
      const row = deviceRow.get(id) as { no: number; applied: number } | undefined;
      const no = row?.no ?? (addDevice.get(id, now) as { no: number }).no;
      const applied = row?.applied ?? 0;
      dev = { no, applied, saved: applied, parked: anyParked.get(id) !== undefined };
      devices.set(id, dev);
    }
    return dev;
  };
  const saveApplied = () => {
    for (const dev of devices.values())
      if (dev.applied !== dev.saved) {
        setApplied.run(dev.applied, dev.no);
        dev.saved = dev.applied;
      }
  };
  const parkRecord = (r: ChangeRecord, reason: string) => {
    park.run(r.d, r.s, JSON.stringify(r), reason, now);
    device(r.d).parked = true;
  };

  // What this replica logged for a run of a device's seqs, read a block at a time: a bundle overlapping what
  // is held repeats many changes in seq order, and each is checked against the one held. Only seqs already
  // applied are read, and those rows' clock, table and row never change while a bundle applies.
  const heldRange = db.prepare(
    'SELECT seq, hlc, tbl, row_id FROM change_log WHERE device_no = ? AND seq BETWEEN ? AND ?',
  );
  type Held = { seq: number; hlc: string; tbl: string; row_id: string };
  let heldBlock: { no: number; from: number; to: number; rows: Map<number, Held> } | null = null;
  const heldAt = (dev: Device, seq: number): Held | undefined => {
    const b = heldBlock;
    if (!b || b.no !== dev.no || seq < b.from || seq > b.to) {
      // This device's own log does not grow while received changes apply (capture is off).
      const to = dev.no === LOCAL_DEVICE_NO ? seq + 999 : Math.min(seq + 999, dev.applied);
      const rows = new Map((heldRange.all(dev.no, seq, to) as Held[]).map((h) => [h.seq, h]));
      heldBlock = { no: dev.no, from: seq, to, rows };
      return rows.get(seq);
    }
    return b.rows.get(seq);
  };

  /** Applies one record whose seq is next for its device, or parks it (unknown names, row not here yet). */
  const applyOne = (r: ChangeRecord): 'new' | 'unknown' | 'missing' | 'rejected' => {
    const columns = known.get(r.t);
    const cols = Object.keys(r.v);
    if (!columns || cols.some((c) => !columns.has(c))) {
      parkRecord(r, UNKNOWN);
      noteReason(UNKNOWN);
      return 'unknown';
    }
    const table = `"${r.t}"`;
    const current = statement(`SELECT * FROM ${table} WHERE id = ?`).get(r.r) as
      Record<string, Value> | undefined;
    if (!current && r.o !== 'i') {
      if (sender && createReturned.get(r.r)) {
        giveBack.run(r.d, r.s, r.t, r.r, RETURN_REASONS.createWithdrawn, JSON.stringify(r), now);
        noteReason(RETURN_REASONS.createWithdrawn);
        return 'rejected';
      }
      parkRecord(r, MISSING);
      noteReason(MISSING);
      return 'missing';
    }
    // A record no form could have written goes back to its sender, at the department and at every replica.
    const refused = invalid(r.t, { ...current, ...r.v }, Object.keys(r.v)) ?? refusal(r, current);
    if (refused === AWAITING_REFERENCE) {
      parkRecord(r, AWAITING_REFERENCE);
      noteReason(AWAITING_REFERENCE);
      return 'missing';
    }
    if (refused) {
      giveBack.run(r.d, r.s, r.t, r.r, refused, JSON.stringify(r), now);
      noteReason(refused);
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
  const holdBack = (r: ChangeRecord, reason: string) => {
    parkRecord(r, reason);
    parkedNow.add(`${r.d}:${r.s}`);
    count(r.t, 'parked');
  };
  const take = (r: ChangeRecord) => {
    const dev = device(r.d);
    if (dev.no === LOCAL_DEVICE_NO || r.s <= dev.applied) {
      const held = heldAt(dev, r.s);
      // The same (device, seq) must always be the same change; a restored database would reuse it.
      if (held && (held.hlc !== r.h || held.row_id !== r.r || held.tbl !== r.t))
        throw new SeqReused(r.d, r.s);
      // A change this replica holds that has since been returned: it is withdrawn here too.
      if (r.o === 'n') withdraw(dev.no, r.s);
      count(r.t, 'had');
      return;
    }
    if (r.s > dev.applied + 1) {
      holdBack(r, GAP);
      noteReason(GAP);
      return;
    }
    const ahead = w.clock ? w.clock.aheadBy(r.h) : 0;
    if (w.clock && ahead > w.clock.maxDrift) {
      const reason = futureReason(r.d, ahead);
      holdBack(r, reason);
      noteReason(reason);
      return;
    }
    // A returned change travels on as settled: nothing to apply, but its seq is no longer a gap.
    const result = r.o === 'n' ? 'settled' : applyOne(r);
    // A parked change's clock would claim a value not held, so it is logged once it applies; a returned one
    // is logged as settled, so that every replica can move past its seq.
    if (result === 'new' || result === 'unknown')
      log.run(dev.no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
    else if (result === 'rejected' || result === 'settled')
      log.run(dev.no, r.s, r.h, r.x, r.t, r.r, 'n', '{}');
    dev.applied = r.s;
    if (result === 'new') {
      if (dev.parked) unpark.run(r.d, r.s);
      count(r.t, 'new');
    } else if (result === 'rejected') {
      if (dev.parked) unpark.run(r.d, r.s);
      count(r.t, 'rejected');
    } else if (result === 'settled') {
      if (dev.parked) unpark.run(r.d, r.s);
      count(r.t, 'had');
    } else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
    w.clock?.receive(r.h);
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
    else if (result === 'rejected') log.run(no, r.s, r.h, r.x, r.t, r.r, 'n', '{}');
    if (result === 'new' || result === 'rejected') count(r.t, result);
    else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
  };
  const parsed = (reason: string) =>
    (parkedFor.all(reason) as { record: string }[]).map(({ record }) => JSON.parse(record) as ChangeRecord);
  const aheadNext = db.prepare(
    `SELECT p.record FROM parked_changes p JOIN devices d ON d.device_id = p.device_id
     WHERE p.seq = d.applied_seq + 1 AND p.reason LIKE '${FUTURE}%'`,
  );
  const unblock = () => {
    for (let moved = true; moved;) {
      moved = false;
      saveApplied();
      // Held back for a clock ahead of ours: tried again once this clock has come within the bound.
      for (const { record } of aheadNext.all() as { record: string }[]) {
        const r = JSON.parse(record) as ChangeRecord;
        if (w.clock && w.clock.aheadBy(r.h) > w.clock.maxDrift) continue;
        unpark.run(r.d, r.s);
        settle(r);
        take(r);
        moved = true;
      }
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
      for (const r of parsed(AWAITING_REFERENCE)) {
        const current = known.has(r.t)
          ? (statement(`SELECT * FROM "${r.t}" WHERE id = ?`).get(r.r) as Record<string, Value> | undefined)
          : undefined;
        if (invalid(r.t, { ...current, ...r.v }, Object.keys(r.v)) === AWAITING_REFERENCE) continue;
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
    withdrawOwn(seqs) {
      // Newest first: a row's later edits go before its creation, so no step leaves a half row.
      for (const seq of [...seqs].sort((x, y) => y - x)) withdraw(LOCAL_DEVICE_NO, seq);
    },
    chunkDone() {
      saveApplied();
      if (dryRun) search.discard();
      else search.flush();
    },
    finish() {
      unblock();
      saveApplied();
      if (dryRun) search.discard();
      else search.flush();
      search.end();
      summary.reasons = [...because].map(([reason, count]) => ({ reason, count }));
      return summary;
    },
    release: () => search.end(),
  };
};
