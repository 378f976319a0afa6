import type Database from 'better-sqlite3';
import {
  insertSql,
  statementCache,
  updateSql,
  type ApplyStore,
  type Held,
  type HeldRecord,
  type LogEntry,
  type ParkedRecord,
  type Row,
} from './applyStore';

// The dry run's store (检查). It reads the replica's tables as they are and keeps what the bundle would do
// in TEMP tables beside them: a row written (a copy with the table's own columns, types, NOT NULLs and
// defaults, so what is read back is what the import would read), a change logged, parked or returned, and
// tombstones for held rows the bundle would delete. Reads look at the overlay first. Nothing of the
// database is written, the TEMP tables go to a temporary file (memory stays bounded whatever the bundle's
// size) and are dropped at the end. Devices are few: they are kept in memory.

export interface OverlayStore extends ApplyStore {
  /** References the bundle would leave dangling (checked at the import's commit): the first table and count. */
  dangling(): { table: string; count: number } | null;
  /** Drops the TEMP tables. */
  close(): void;
}

interface Device {
  no: number;
  deviceId: string;
  siteId: string;
  applied: number;
}

const T = 'temp."bf_dry';
const LIVE_LOG = `NOT EXISTS (SELECT 1 FROM ${T}_unlogged" u WHERE u.device_no = c.device_no AND u.seq = c.seq)`;
const LIVE_PARKED = `NOT EXISTS (SELECT 1 FROM ${T}_unparked" u WHERE u.device_id = p.device_id AND u.seq = p.seq)`;

const SETUP = [
  `CREATE TEMP TABLE "bf_dry_log" (device_no INTEGER, seq INTEGER, hlc TEXT, tx INTEGER, tbl TEXT, row_id TEXT,
     op TEXT, data TEXT, PRIMARY KEY (device_no, seq)) WITHOUT ROWID`,
  'CREATE INDEX temp."bf_dry_log_row" ON "bf_dry_log" (row_id, tbl)',
  `CREATE TEMP TABLE "bf_dry_unlogged" (device_no INTEGER, seq INTEGER, PRIMARY KEY (device_no, seq))
     WITHOUT ROWID`,
  `CREATE TEMP TABLE "bf_dry_parked" (id INTEGER PRIMARY KEY, device_id TEXT, seq INTEGER, record TEXT,
     reason TEXT, UNIQUE (device_id, seq))`,
  'CREATE TEMP TABLE "bf_dry_unparked" (device_id TEXT, seq INTEGER, PRIMARY KEY (device_id, seq)) WITHOUT ROWID',
  `CREATE TEMP TABLE "bf_dry_returned" (device_id TEXT, seq INTEGER, row_id TEXT, record TEXT,
     PRIMARY KEY (device_id, seq)) WITHOUT ROWID`,
  'CREATE INDEX temp."bf_dry_returned_row" ON "bf_dry_returned" (row_id)',
  'CREATE TEMP TABLE "bf_dry_gone" (tbl TEXT, id TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID',
];

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export const overlayStore = (db: Database.Database): OverlayStore => {
  for (const sql of SETUP) db.exec(sql);
  const statement = statementCache(db);

  // Rows: one TEMP copy per table written, created on first use with the table's own column definitions.
  const copies = new Map<string, string>();
  const copyOf = (table: string): string => {
    let name = copies.get(table);
    if (!name) {
      name = `temp.${q(`bf_dry_row_${table}`)}`;
      const cols = db.pragma(`main.table_info(${q(table)})`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const defs = cols.map(
        (c) =>
          `${q(c.name)} ${c.type}${c.pk ? ' PRIMARY KEY' : ''}${c.notnull ? ' NOT NULL' : ''}` +
          (c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ''),
      );
      db.exec(`CREATE TABLE ${name} (${defs.join(', ')}) WITHOUT ROWID`);
      copies.set(table, name);
    }
    return name;
  };
  let goneRows = 0;
  const isGone = (table: string, id: string) =>
    goneRows > 0 &&
    statement(`SELECT 1 FROM ${T}_gone" WHERE tbl = ? AND id = ?`).get(table, id) !== undefined;
  const inCopy = (table: string, id: string, what: string) => {
    const copy = copies.get(table);
    return copy ? statement(`SELECT ${what} FROM ${copy} WHERE id = ?`).get(id) : undefined;
  };
  const read = (table: string, id: string, what: string): unknown => {
    const copied = inCopy(table, id, what);
    if (copied !== undefined || isGone(table, id)) return copied;
    return statement(`SELECT ${what} FROM main.${q(table)} WHERE id = ?`).get(id);
  };

  // Devices: what the database holds, with what this run changed laid over it.
  const devices = new Map<string, Device>();
  const byNo = new Map<number, Device>();
  const mainDevice = db.prepare(
    'SELECT no, device_id AS deviceId, site_id AS siteId, applied_seq AS applied FROM main.devices WHERE device_id = ?',
  );
  let lastNo = db.prepare('SELECT coalesce(max(no), 0) FROM main.devices').pluck().get() as number;
  const known = (deviceId: string): Device | undefined => {
    let d = devices.get(deviceId);
    if (!d) {
      d = mainDevice.get(deviceId) as Device | undefined;
      if (d) {
        devices.set(deviceId, d);
        byNo.set(d.no, d);
      }
    }
    return d;
  };
  const add = (deviceId: string, siteId: string): Device => {
    const d = { no: ++lastNo, deviceId, siteId, applied: 0 };
    devices.set(deviceId, d);
    byNo.set(d.no, d);
    return d;
  };

  const parkedAt = db.prepare(
    `SELECT record, reason FROM ${T}_parked" WHERE device_id = ? AND seq = ?
     UNION ALL SELECT record, reason FROM main.parked_changes p WHERE device_id = ? AND seq = ? AND ${LIVE_PARKED}
     LIMIT 1`,
  );
  const mainParked = db.prepare(
    `SELECT 1 FROM main.parked_changes p WHERE device_id = ? AND seq = ? AND ${LIVE_PARKED}`,
  );
  const mainLogged = db.prepare(
    `SELECT hlc, tx, tbl, row_id, op, data FROM main.change_log c WHERE device_no = ? AND seq = ? AND ${LIVE_LOG}`,
  );
  const insertLog = db.prepare(
    `INSERT INTO ${T}_log" (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const settleOwn = db.prepare(`UPDATE ${T}_log" SET op = 'n', data = '{}' WHERE device_no = ? AND seq = ?`);
  const buryLog = db.prepare(`INSERT OR IGNORE INTO ${T}_unlogged" (device_no, seq) VALUES (?, ?)`);
  const history = db.prepare(
    `SELECT hlc, op, data FROM main.change_log c WHERE row_id = ? AND tbl = ? AND op <> 'n' AND ${LIVE_LOG}
     UNION ALL SELECT hlc, op, data FROM ${T}_log" WHERE row_id = ? AND tbl = ? AND op <> 'n'`,
  );
  const heldRange = db.prepare(
    `SELECT seq, hlc, tbl, row_id FROM main.change_log c WHERE device_no = ? AND seq BETWEEN ? AND ? AND ${LIVE_LOG}
     UNION ALL SELECT seq, hlc, tbl, row_id FROM ${T}_log" WHERE device_no = ? AND seq BETWEEN ? AND ?`,
  );
  const heldRecord = db.prepare(
    `SELECT hlc, tbl, row_id, op, data FROM ${T}_log" WHERE device_no = ? AND seq = ?
     UNION ALL SELECT hlc, tbl, row_id, op, data FROM main.change_log c WHERE device_no = ? AND seq = ? AND ${LIVE_LOG}
     LIMIT 1`,
  );
  const lastStatusBy = db
    .prepare(
      `SELECT device_no FROM (
         SELECT device_no, hlc, data FROM main.change_log c WHERE tbl = 'monthly_plans' AND row_id = ? AND ${LIVE_LOG}
         UNION ALL SELECT device_no, hlc, data FROM ${T}_log" WHERE tbl = 'monthly_plans' AND row_id = ?)
       WHERE json_extract(data, '$.status') IS NOT NULL ORDER BY hlc DESC LIMIT 1`,
    )
    .pluck();
  const anyParked = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM main.parked_changes p WHERE device_id = ? AND ${LIVE_PARKED})
         OR EXISTS (SELECT 1 FROM ${T}_parked" WHERE device_id = ?)`,
    )
    .pluck();
  const park = db.prepare(
    `INSERT OR IGNORE INTO ${T}_parked" (device_id, seq, record, reason) VALUES (?, ?, ?, ?)`,
  );
  const unparkOwn = db.prepare(`DELETE FROM ${T}_parked" WHERE device_id = ? AND seq = ?`);
  const buryParked = db.prepare(`INSERT OR IGNORE INTO ${T}_unparked" (device_id, seq) VALUES (?, ?)`);
  const parkedFor = [
    db
      .prepare(`SELECT record FROM main.parked_changes p WHERE reason = ? AND ${LIVE_PARKED} ORDER BY id`)
      .pluck(),
    db.prepare(`SELECT record FROM ${T}_parked" WHERE reason = ? ORDER BY id`).pluck(),
  ];
  const allDevices = db.prepare('SELECT device_id FROM main.devices ORDER BY no').pluck();
  const parkedAfter = db.prepare(
    `SELECT seq, record, reason FROM (
       SELECT seq, record, reason FROM main.parked_changes p WHERE device_id = ? AND seq > ? AND ${LIVE_PARKED}
       UNION ALL SELECT seq, record, reason FROM ${T}_parked" WHERE device_id = ? AND seq > ?)
     ORDER BY seq`,
  );
  const waitingCreate = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM main.parked_changes p
           WHERE json_extract(record, '$.t') = ? AND json_extract(record, '$.r') = ? AND ${LIVE_PARKED})
         OR EXISTS (SELECT 1 FROM ${T}_parked" WHERE json_extract(record, '$.t') = ? AND json_extract(record, '$.r') = ?)`,
    )
    .pluck();
  const mainReturned = db.prepare('SELECT 1 FROM main.returned_changes WHERE device_id = ? AND seq = ?');
  const giveBack = db.prepare(
    `INSERT OR IGNORE INTO ${T}_returned" (device_id, seq, row_id, record) VALUES (?, ?, ?, ?)`,
  );
  const createReturned = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM main.returned_changes WHERE row_id = ? AND json_extract(record, '$.o') = 'i')
         OR EXISTS (SELECT 1 FROM ${T}_returned" WHERE row_id = ? AND json_extract(record, '$.o') = 'i')`,
    )
    .pluck();

  const store: OverlayStore = {
    dry: true,
    enroll(deviceId, siteId) {
      const d = known(deviceId) ?? add(deviceId, siteId);
      d.siteId = siteId;
    },
    adopt(deviceId, siteId) {
      const d = known(deviceId) ?? add(deviceId, siteId);
      if (d.siteId === '') d.siteId = siteId;
    },
    siteOf: (deviceId) => known(deviceId)?.siteId,
    device: (deviceId) => known(deviceId),
    addDevice: (deviceId) => add(deviceId, '').no,
    setApplied(no, applied) {
      const d = byNo.get(no);
      if (!d) throw new Error(`device ${no} was not read before its applied seq was set`);
      d.applied = applied;
    },

    current: (table, id) => read(table, id, '*') as Row | undefined,
    exists: (table, id) => read(table, id, '1') !== undefined,
    insert(table, names, values) {
      statement(insertSql(copyOf(table), names)).run(...values);
      if (isGone(table, values[0] as string))
        statement(`DELETE FROM ${T}_gone" WHERE tbl = ? AND id = ?`).run(table, values[0]);
    },
    update(table, id, columns, values) {
      // What the database's trigger refuses (bf_<table>_id_fixed), refused here too.
      const at = columns.indexOf('id');
      if (at >= 0 && values[at] !== id) throw new Error('row ids never change');
      const copy = copyOf(table);
      if (inCopy(table, id, '1') === undefined)
        statement(`INSERT INTO ${copy} SELECT * FROM main.${q(table)} WHERE id = ?`).run(id);
      statement(updateSql(copy, columns)).run(...values, id);
    },
    remove(table, id) {
      statement(`DELETE FROM ${copyOf(table)} WHERE id = ?`).run(id);
      statement(`INSERT OR IGNORE INTO ${T}_gone" (tbl, id) VALUES (?, ?)`).run(table, id);
      goneRows++;
    },

    history: (table, rowId) => history.all(rowId, table, rowId, table) as LogEntry[],
    heldRange: (no, from, to) => heldRange.all(no, from, to, no, from, to) as Held[],
    heldRecord: (no, seq) => heldRecord.get(no, seq, no, seq) as HeldRecord | undefined,
    log: (...args) => void insertLog.run(...args),
    unlog(no, seq) {
      if (statement(`DELETE FROM ${T}_log" WHERE device_no = ? AND seq = ?`).run(no, seq).changes === 0)
        if (mainLogged.get(no, seq)) buryLog.run(no, seq);
    },
    settleLogged(no, seq) {
      if (settleOwn.run(no, seq).changes > 0) return;
      const held = mainLogged.get(no, seq) as
        { hlc: string; tx: number; tbl: string; row_id: string } | undefined;
      if (!held) return;
      buryLog.run(no, seq);
      insertLog.run(no, seq, held.hlc, held.tx, held.tbl, held.row_id, 'n', '{}');
    },
    lastStatusBy: (planId) => lastStatusBy.get(planId, planId) as number | undefined,

    anyParked: (deviceId) => anyParked.get(deviceId, deviceId) === 1,
    park(deviceId, seq, record, reason) {
      if (!mainParked.get(deviceId, seq)) park.run(deviceId, seq, record, reason);
    },
    unpark(deviceId, seq) {
      if (unparkOwn.run(deviceId, seq).changes === 0 && mainParked.get(deviceId, seq))
        buryParked.run(deviceId, seq);
    },
    // A change parked anew goes after every one parked before, as it does in the table.
    parkedFor: (reason) => parkedFor.flatMap((st) => st.all(reason) as string[]),
    nextParked() {
      const order = (allDevices.all() as string[]).map((id) => known(id)!);
      for (const d of devices.values()) if (!order.includes(d)) order.push(d);
      order.sort((a, b) => a.no - b.no);
      const next: { record: string; reason: string }[] = [];
      for (const d of order) {
        const p = parkedAt.get(d.deviceId, d.applied + 1, d.deviceId, d.applied + 1) as
          { record: string; reason: string } | undefined;
        if (p) next.push(p);
      }
      return next;
    },
    parkedAfter: (deviceId, after) => parkedAfter.all(deviceId, after, deviceId, after) as ParkedRecord[],
    waitingCreate: (table, id) => waitingCreate.get(table, id, table, id) === 1,

    giveBack(deviceId, seq, _tbl, rowId, _reason, record) {
      if (!mainReturned.get(deviceId, seq)) giveBack.run(deviceId, seq, rowId, record);
    },
    createReturned: (rowId) => createReturned.get(rowId, rowId) === 1,
    conflict: () => undefined,

    dangling: () => danglingKeys(db, copies),
    close() {
      for (const name of [
        ...copies.values(),
        ...['log', 'unlogged', 'parked', 'unparked', 'returned', 'gone'].map((n) => `${T}_${n}"`),
      ])
        db.exec(`DROP TABLE IF EXISTS ${name}`);
      copies.clear();
    },
  };
  return store;
};

/**
 * The import's foreign keys are checked when it commits (deferred). Here: every row the bundle would write
 * must find what it references, in the overlay or the database, and no row left must reference one the
 * bundle would delete.
 */
const danglingKeys = (
  db: Database.Database,
  copies: Map<string, string>,
): { table: string; count: number } | null => {
  const fks = (table: string) =>
    (
      db.pragma(`main.foreign_key_list(${q(table)})`) as { table: string; from: string; to: string | null }[]
    ).map((f) => ({ parent: f.table, from: f.from, to: f.to ?? 'id' }));
  const gone = (parent: string, alias: string, col: string) =>
    `EXISTS (SELECT 1 FROM ${T}_gone" g WHERE g.tbl = '${parent.replace(/'/g, "''")}' AND g.id = ${alias}.${q(col)})`;
  const present = (parent: string, to: string, alias: string, col: string) => {
    const copy = copies.get(parent);
    const inMain = `(EXISTS (SELECT 1 FROM main.${q(parent)} m WHERE m.${q(to)} = ${alias}.${q(col)}) AND NOT ${gone(parent, alias, col)})`;
    return copy
      ? `(EXISTS (SELECT 1 FROM ${copy} o WHERE o.${q(to)} = ${alias}.${q(col)}) OR ${inMain})`
      : inMain;
  };
  const tables = db
    .prepare(
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const keys = fks(table);
    if (keys.length === 0) continue;
    const copy = copies.get(table);
    let count = 0;
    for (const k of keys) {
      if (copy)
        count += db
          .prepare(
            `SELECT count(*) FROM ${copy} c WHERE c.${q(k.from)} IS NOT NULL AND NOT ${present(k.parent, k.to, 'c', k.from)}`,
          )
          .pluck()
          .get() as number;
      // Rows of the database that the bundle leaves as they are, pointing at a row it deletes.
      count += db
        .prepare(
          `SELECT count(*) FROM ${T}_gone" g JOIN main.${q(table)} c ON c.${q(k.from)} = g.id
           WHERE g.tbl = ? AND NOT EXISTS (SELECT 1 FROM ${T}_gone" h WHERE h.tbl = ? AND h.id = c.id)
           ${copy ? `AND NOT EXISTS (SELECT 1 FROM ${copy} o WHERE o.id = c.id)` : ''}`,
        )
        .pluck()
        .get(k.parent, table) as number;
    }
    if (count > 0) return { table, count };
  }
  return null;
};
