import type Database from 'better-sqlite3';

// What applying a bundle reads from this replica and writes to it, behind one seam. The import writes
// through `writeStore`, the statements it has always run; the dry run (检查) through `overlayStore`
// (overlayStore.ts), which reads the same tables and keeps what the bundle would do beside them, so the
// applier's decisions are the same code whichever it runs on.

export type Value = string | number | null;
export type Row = Record<string, Value>;

export interface LogEntry {
  hlc: string;
  op: string;
  data: string;
}
export interface Held {
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
}
export interface HeldRecord extends LogEntry {
  tbl: string;
  row_id: string;
}
export interface ParkedRecord {
  seq: number;
  record: string;
  reason: string;
}

export interface ApplyStore {
  /** True when nothing reaches the database: search is not indexed and the clock does not move. */
  readonly dry: boolean;
  /** The sending device, enrolled (or its site and key brought up to date). */
  enroll(deviceId: string, siteId: string, publicKey: string, now: number): void;
  /** A device a college's bundle speaks for, that college's when no site is known for it yet. */
  adopt(deviceId: string, siteId: string, now: number): void;
  siteOf(deviceId: string): string | undefined;
  device(deviceId: string): { no: number; applied: number } | undefined;
  /** A device first seen in a record: its number. */
  addDevice(deviceId: string, now: number): number;
  setApplied(no: number, applied: number): void;

  current(table: string, id: string): Row | undefined;
  exists(table: string, id: string): boolean;
  insert(table: string, names: string[], values: Value[]): void;
  update(table: string, id: string, columns: string[], values: Value[]): void;
  remove(table: string, id: string): void;

  /** A row's applied changes (settled ones left out), whose clocks say which value each column holds. */
  history(table: string, rowId: string): LogEntry[];
  heldRange(no: number, from: number, to: number): Held[];
  heldRecord(no: number, seq: number): HeldRecord | undefined;
  log(
    no: number,
    seq: number,
    hlc: string,
    tx: number,
    tbl: string,
    rowId: string,
    op: string,
    data: string,
  ): void;
  unlog(no: number, seq: number): void;
  /** A logged change withdrawn: it stays in the log as settled, so its seq is not a gap. */
  settleLogged(no: number, seq: number): void;
  /** Which device last set a monthly plan's status. */
  lastStatusBy(planId: string): number | undefined;

  anyParked(deviceId: string): boolean;
  park(deviceId: string, seq: number, record: string, reason: string, at: number): void;
  unpark(deviceId: string, seq: number): void;
  /** Parked changes held back for `reason`, oldest first. */
  parkedFor(reason: string): string[];
  /** For every device (in enrolment order), its parked change that is next in seq order, if any. */
  nextParked(): { record: string; reason: string }[];
  parkedAfter(deviceId: string, after: number): ParkedRecord[];
  /** Whether a change creating this row is parked here (a reference to it waits rather than fails). */
  waitingCreate(table: string, id: string): boolean;

  giveBack(
    deviceId: string,
    seq: number,
    tbl: string,
    rowId: string,
    reason: string,
    record: string,
    at: number,
  ): void;
  /** Whether a change creating this row was returned. */
  createReturned(rowId: string): boolean;
  conflict(
    tbl: string,
    rowId: string,
    col: string,
    winnerHlc: string,
    winnerValue: string,
    loserHlc: string,
    loserValue: string,
    at: number,
  ): void;
}

/** Each table gets its statement prepared once per bundle, found by the table's name alone. */
export const tableStatements = (db: Database.Database, sqlOf: (table: string) => string) => {
  const statements = new Map<string, Database.Statement>();
  return (table: string) => {
    let st = statements.get(table);
    if (!st) {
      st = db.prepare(sqlOf(table));
      statements.set(table, st);
    }
    return st;
  };
};

/**
 * Each table and column list gets its statement prepared once per bundle. This is the per-record path:
 * most records of a table list the same columns in the same order, so the list is first compared with the
 * one the table used last, name by name, before any text is built (building the statement's text and
 * looking it up for every record was about 0.3 s per 100,000 records).
 */
export const columnStatements = (
  db: Database.Database,
  sqlOf: (table: string, columns: string[]) => string,
) => {
  const statements = new Map<string, Database.Statement>();
  const last = new Map<string, { columns: string[]; statement: Database.Statement }>();
  return (table: string, columns: string[]) => {
    const was = last.get(table);
    if (was && was.columns.length === columns.length && was.columns.every((c, i) => c === columns[i]))
      return was.statement;
    const key = `${table}\0${columns.join('\0')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(sqlOf(table, columns));
      statements.set(key, statement);
    }
    last.set(table, { columns: [...columns], statement });
    return statement;
  };
};

export const insertSql = (table: string, names: string[]) =>
  `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
export const updateSql = (table: string, columns: string[]) =>
  `UPDATE ${table} SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`;

/** The import's store: every write goes to the database, inside the caller's transaction. */
export const writeStore = (db: Database.Database): ApplyStore => {
  const currentRow = tableStatements(db, (table) => `SELECT * FROM "${table}" WHERE id = ?`);
  const hasRow = tableStatements(db, (table) => `SELECT 1 FROM "${table}" WHERE id = ?`);
  const removeRow = tableStatements(db, (table) => `DELETE FROM "${table}" WHERE id = ?`);
  const insertRow = columnStatements(db, (table, names) => insertSql(`"${table}"`, names));
  const updateRow = columnStatements(db, (table, columns) => updateSql(`"${table}"`, columns));
  const enroll = db.prepare(
    `INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET site_id = excluded.site_id, public_key = excluded.public_key`,
  );
  const adopt = db.prepare(
    `INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES (?, ?, '', ?)
     ON CONFLICT (device_id) DO UPDATE SET site_id = excluded.site_id WHERE devices.site_id = ''`,
  );
  const siteOf = db.prepare('SELECT site_id FROM devices WHERE device_id = ?').pluck();
  const deviceRow = db.prepare('SELECT no, applied_seq AS applied FROM devices WHERE device_id = ?');
  const addDevice = db
    .prepare(
      "INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES (?, '', '', ?) RETURNING no",
    )
    .pluck();
  const setApplied = db.prepare('UPDATE devices SET applied_seq = ? WHERE no = ?');
  const history = db.prepare(
    "SELECT hlc, op, data FROM change_log WHERE row_id = ? AND tbl = ? AND op <> 'n'",
  );
  const heldRange = db.prepare(
    'SELECT seq, hlc, tbl, row_id FROM change_log WHERE device_no = ? AND seq BETWEEN ? AND ?',
  );
  const heldRecord = db.prepare(
    'SELECT hlc, tbl, row_id, op, data FROM change_log WHERE device_no = ? AND seq = ?',
  );
  const log = db.prepare(
    'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const unlog = db.prepare('DELETE FROM change_log WHERE device_no = ? AND seq = ?');
  const settleLogged = db.prepare(
    "UPDATE change_log SET op = 'n', data = '{}' WHERE device_no = ? AND seq = ?",
  );
  const lastStatusBy = db
    .prepare(
      `SELECT device_no FROM change_log WHERE tbl = 'monthly_plans' AND row_id = ?
         AND json_extract(data, '$.status') IS NOT NULL ORDER BY hlc DESC LIMIT 1`,
    )
    .pluck();
  const anyParked = db.prepare('SELECT 1 FROM parked_changes WHERE device_id = ? LIMIT 1').pluck();
  const park = db.prepare(
    'INSERT OR IGNORE INTO parked_changes (device_id, seq, record, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  const unpark = db.prepare('DELETE FROM parked_changes WHERE device_id = ? AND seq = ?');
  const parkedFor = db.prepare('SELECT record FROM parked_changes WHERE reason = ? ORDER BY id').pluck();
  const nextParked = db.prepare(
    `SELECT p.record, p.reason FROM parked_changes p JOIN devices d ON d.device_id = p.device_id
     WHERE p.seq = d.applied_seq + 1 ORDER BY d.no`,
  );
  const parkedAfter = db.prepare(
    'SELECT seq, record, reason FROM parked_changes WHERE device_id = ? AND seq > ? ORDER BY seq',
  );
  const waitingCreate = db.prepare(
    "SELECT 1 FROM parked_changes WHERE json_extract(record, '$.t') = ? AND json_extract(record, '$.r') = ?",
  );
  const giveBack = db.prepare(
    `INSERT OR IGNORE INTO returned_changes (device_id, seq, tbl, row_id, reason, record, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const createReturned = db
    .prepare("SELECT 1 FROM returned_changes WHERE row_id = ? AND json_extract(record, '$.o') = 'i'")
    .pluck();
  const conflict = db.prepare(
    `INSERT INTO sync_conflicts (tbl, row_id, col, winner_hlc, winner_value, loser_hlc, loser_value, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    dry: false,
    enroll: (deviceId, siteId, publicKey, now) => void enroll.run(deviceId, siteId, publicKey, now),
    adopt: (deviceId, siteId, now) => void adopt.run(deviceId, siteId, now),
    siteOf: (deviceId) => siteOf.get(deviceId) as string | undefined,
    device: (deviceId) => deviceRow.get(deviceId) as { no: number; applied: number } | undefined,
    addDevice: (deviceId, now) => addDevice.get(deviceId, now) as number,
    setApplied: (no, applied) => void setApplied.run(applied, no),
    current: (table, id) => currentRow(table).get(id) as Row | undefined,
    exists: (table, id) => hasRow(table).get(id) !== undefined,
    insert: (table, names, values) => void insertRow(table, names).run(...values),
    update: (table, id, columns, values) => void updateRow(table, columns).run(...values, id),
    remove: (table, id) => void removeRow(table).run(id),
    history: (table, rowId) => history.all(rowId, table) as LogEntry[],
    heldRange: (no, from, to) => heldRange.all(no, from, to) as Held[],
    heldRecord: (no, seq) => heldRecord.get(no, seq) as HeldRecord | undefined,
    log: (...args) => void log.run(...args),
    unlog: (no, seq) => void unlog.run(no, seq),
    settleLogged: (no, seq) => void settleLogged.run(no, seq),
    lastStatusBy: (planId) => lastStatusBy.get(planId) as number | undefined,
    anyParked: (deviceId) => anyParked.get(deviceId) !== undefined,
    park: (...args) => void park.run(...args),
    unpark: (deviceId, seq) => void unpark.run(deviceId, seq),
    parkedFor: (reason) => parkedFor.all(reason) as string[],
    nextParked: () => nextParked.all() as { record: string; reason: string }[],
    parkedAfter: (deviceId, after) => parkedAfter.all(deviceId, after) as ParkedRecord[],
    waitingCreate: (table, id) => waitingCreate.get(table, id) !== undefined,
    giveBack: (...args) => void giveBack.run(...args),
    createReturned: (rowId) => createReturned.get(rowId) !== undefined,
    conflict: (...args) => void conflict.run(...args),
  };
};
