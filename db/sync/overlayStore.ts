import type Database from 'better-sqlite3';
import type { ApplyStore, Held, HeldRecord, LogEntry, ParkedRecord } from './applyStore';
import { overlayRows } from './overlayRows';

// The dry run's store (检查). It reads the replica's tables as they are and keeps what the bundle would do
// in TEMP tables beside them: the rows it would write (overlayRows.ts), the changes it would log, park and
// return, and tombstones for what it would remove from the log and from the parked changes. Reads look at
// both. Nothing of the database is written; the TEMP tables live in a temporary file (memory stays
// bounded whatever the bundle's size). Devices are few: they are kept in memory.

export interface OverlayStore extends ApplyStore {
  /** References the bundle would leave dangling (checked at the import's commit): the first table and count. */
  dangling(): { table: string; count: number } | null;
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
];

export const overlayStore = (db: Database.Database): OverlayStore => {
  // Its TEMP tables go when the caller's transaction rolls back, as a dry run's always does: dropping them
  // would cost as much again as filling them.
  if (!db.inTransaction) throw new Error('a dry run keeps its overlay inside a transaction it rolls back');
  for (const sql of SETUP) db.exec(sql);

  const rows = overlayRows(db);

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
  const unlogOwn = db.prepare(`DELETE FROM ${T}_log" WHERE device_no = ? AND seq = ?`);
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

    current: rows.current,
    exists: rows.exists,
    insert: rows.insert,
    update: rows.update,
    remove: rows.remove,

    history: (table, rowId) => history.all(rowId, table, rowId, table) as LogEntry[],
    heldRange: (no, from, to) => heldRange.all(no, from, to, no, from, to) as Held[],
    heldRecord: (no, seq) => heldRecord.get(no, seq, no, seq) as HeldRecord | undefined,
    log: (...args) => void insertLog.run(...args),
    unlog(no, seq) {
      if (unlogOwn.run(no, seq).changes === 0) if (mainLogged.get(no, seq)) buryLog.run(no, seq);
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

    dangling: rows.dangling,
  };
  return store;
};
