import type { WriteDb } from '../client';
import { bulkSearch } from '../search/bulkIndex';
import { writeStore, type ApplyStore, type Held, type Row, type Value } from './applyStore';
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

export interface ApplyOptions {
  /** The college that sent the bundle, when the department applies it; its changes are checked. */
  sender?: { siteId: string };
  /** Where the applier reads and writes: the database itself (the import), or an overlay (the dry run). */
  store?: ApplyStore;
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
  /**
   * Department: a college's new identity says it issued again, with sound stamps, what an identity of its
   * own sent while the computer's clock was set years ahead. Those changes, held back for their stamps, are
   * settled (they will never apply), and everyone can move past them. Only when a stamp is what holds the
   * device back: changes waiting for a gap could still arrive from a PC that is alive.
   */
  settleSuperseded(deviceId: string, after: number): void;
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
  { sender, store = writeStore(w.sqlite), tables = syncedTables() }: ApplyOptions = {},
): Applier => {
  const db = w.sqlite;
  // Activities are indexed for search chunk by chunk rather than row by row (db/search/bulkIndex.ts); a dry
  // run writes no row to index.
  const search = store.dry ? null : bulkSearch(db);
  // Records of several devices may depend on each other's rows; keys are checked when the transaction ends.
  if (!store.dry) db.pragma('defer_foreign_keys = ON');
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

  // Approved here, by this department, is what locks a month; a college approving its own plan does not.
  const lockedPlan = (planId: unknown) =>
    typeof planId === 'string' &&
    store.current('monthly_plans', planId)?.status === '已审核' &&
    store.lastStatusBy(planId) === LOCAL_DEVICE_NO;

  /** Why the department will not apply this college's change, or null when it may. */
  const refusal = (r: ChangeRecord, current: Row | undefined): string | null => {
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

  const invalid = recordValidator(store.exists, store.waitingCreate);

  /**
   * A change withdrawn after it applied here (the department returned it): its columns go back to the
   * newest value any other change gave them, and a row only it created is removed, so this replica ends
   * where the department is.
   */
  const withdraw = (no: number, seq: number) => {
    const held = store.heldRecord(no, seq);
    if (!held || held.op === 'n') return;
    store.settleLogged(no, seq);
    if (!known.has(held.tbl)) return;
    const latest = new Map<string, { hlc: string; value: Value }>();
    let created = false;
    for (const h of store.history(held.tbl, held.row_id)) {
      created ||= h.op === 'i';
      for (const [c, v] of Object.entries(JSON.parse(h.data) as Record<string, Value>))
        if ((latest.get(c)?.hlc ?? '') < h.hlc) latest.set(c, { hlc: h.hlc, value: v });
    }
    // Without its creation the row has no place here, whatever edits of it remain.
    if (!created) {
      store.remove(held.tbl, held.row_id);
      return;
    }
    const cols = Object.keys(JSON.parse(held.data) as object).filter((c) => known.get(held.tbl)!.has(c));
    if (cols.length === 0) return;
    store.update(
      held.tbl,
      held.row_id,
      cols,
      cols.map((c) => latest.get(c)?.value ?? null),
    );
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
  const devices = new Map<string, Device>();
  const device = (id: string): Device => {
    let dev = devices.get(id);
    if (!dev) {
      const row = store.device(id);
      const no = row?.no ?? store.addDevice(id, now);
      const applied = row?.applied ?? 0;
      dev = { no, applied, saved: applied, parked: store.anyParked(id) };
      devices.set(id, dev);
    }
    return dev;
  };
  const saveApplied = () => {
    for (const dev of devices.values())
      if (dev.applied !== dev.saved) {
        store.setApplied(dev.no, dev.applied);
        dev.saved = dev.applied;
      }
  };
  const parkRecord = (r: ChangeRecord, reason: string) => {
    store.park(r.d, r.s, JSON.stringify(r), reason, now);
    device(r.d).parked = true;
  };
  const giveBack = (r: ChangeRecord, reason: string) => {
    store.giveBack(r.d, r.s, r.t, r.r, reason, JSON.stringify(r), now);
    noteReason(reason);
  };

  // What this replica logged for a run of a device's seqs, read a block at a time: a bundle overlapping what
  // is held repeats many changes in seq order, and each is checked against the one held. Only seqs already
  // applied are read, and those rows' clock, table and row never change while a bundle applies.
  let heldBlock: { no: number; from: number; to: number; rows: Map<number, Held> } | null = null;
  const heldAt = (dev: Device, seq: number): Held | undefined => {
    const b = heldBlock;
    if (!b || b.no !== dev.no || seq < b.from || seq > b.to) {
      // This device's own log does not grow while received changes apply (capture is off).
      const to = dev.no === LOCAL_DEVICE_NO ? seq + 999 : Math.min(seq + 999, dev.applied);
      const rows = new Map(store.heldRange(dev.no, seq, to).map((h) => [h.seq, h]));
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
    const current = store.current(r.t, r.r);
    if (!current && r.o !== 'i') {
      if (sender && store.createReturned(r.r)) {
        giveBack(r, RETURN_REASONS.createWithdrawn);
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
      giveBack(r, refused);
      return 'rejected';
    }
    const clocks = new Map<string, string>();
    // A row not here has no applied history (changes parked for it are not logged): nothing to compare.
    if (current)
      for (const h of store.history(r.t, r.r))
        for (const c of Object.keys(JSON.parse(h.data) as object))
          if ((clocks.get(c) ?? '') < h.hlc) clocks.set(c, h.hlc);
    const winners: string[] = [];
    for (const c of cols) {
      const held = clocks.get(c);
      const mine = r.v[c] ?? null;
      if (!held || r.h > held) {
        winners.push(c);
        if (held && current && !QUIET.has(c) && node(held) !== node(r.h) && current[c] !== mine) {
          store.conflict(r.t, r.r, c, r.h, JSON.stringify(mine), held, JSON.stringify(current[c]), now);
          count(r.t, 'conflicts');
        }
      } else if (current && !QUIET.has(c) && node(held) !== node(r.h) && current[c] !== mine) {
        store.conflict(r.t, r.r, c, held, JSON.stringify(current[c]), r.h, JSON.stringify(mine), now);
        count(r.t, 'conflicts');
      }
    }
    if (!current) store.insert(r.t, ['id', ...cols], [r.r, ...cols.map((c) => r.v[c] ?? null)]);
    else if (winners.length > 0)
      store.update(
        r.t,
        r.r,
        winners,
        winners.map((c) => r.v[c] ?? null),
      );
    return 'new';
  };

  const logAs = (no: number, r: ChangeRecord, result: string) => {
    // A parked change's clock would claim a value not held, so it is logged once it applies; a returned one
    // is logged as settled, so that every replica can move past its seq.
    if (result === 'new' || result === 'unknown')
      store.log(no, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
    else if (result === 'rejected' || result === 'settled') store.log(no, r.s, r.h, r.x, r.t, r.r, 'n', '{}');
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
    logAs(dev.no, r, result);
    dev.applied = r.s;
    if (result === 'new') {
      if (dev.parked) store.unpark(r.d, r.s);
      count(r.t, 'new');
    } else if (result === 'rejected') {
      if (dev.parked) store.unpark(r.d, r.s);
      count(r.t, 'rejected');
    } else if (result === 'settled') {
      if (dev.parked) store.unpark(r.d, r.s);
      count(r.t, 'had');
    } else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
    // The dry run leaves no trace, this device's clock included (it decides nothing the run reports).
    if (!store.dry) w.clock?.receive(r.h);
  };

  const byClock = (a: ChangeRecord, b: ChangeRecord) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0);

  // Then whatever this bundle (or an upgrade) unblocked: changes behind a filled gap, edits of rows that have
  // now arrived, and changes naming columns this version has learnt since they were parked.
  const retry = (r: ChangeRecord) => {
    store.unpark(r.d, r.s);
    settle(r);
    const no = device(r.d).no;
    // A change parked as unknown was logged so it travels on; it is logged again once it really applies.
    store.unlog(no, r.s);
    const result = applyOne(r);
    logAs(no, r, result);
    if (result === 'new' || result === 'rejected') count(r.t, result);
    else {
      parkedNow.add(`${r.d}:${r.s}`);
      count(r.t, 'parked');
    }
  };
  const parsed = (reason: string) =>
    store.parkedFor(reason).map((record) => JSON.parse(record) as ChangeRecord);
  const nextParked = (held: (reason: string) => boolean) =>
    store
      .nextParked()
      .filter((p) => held(p.reason))
      .map((p) => JSON.parse(p.record) as ChangeRecord);
  const unblock = () => {
    for (let moved = true; moved;) {
      moved = false;
      saveApplied();
      // Held back for a clock ahead of ours: tried again once this clock has come within the bound.
      for (const r of nextParked((reason) => reason.startsWith(FUTURE))) {
        if (w.clock && w.clock.aheadBy(r.h) > w.clock.maxDrift) continue;
        store.unpark(r.d, r.s);
        settle(r);
        take(r);
        moved = true;
      }
      for (const r of nextParked((reason) => reason === GAP)) {
        store.unpark(r.d, r.s);
        settle(r);
        take(r);
        moved = true;
      }
      for (const r of parsed(MISSING)) {
        if (!known.has(r.t) || !store.exists(r.t, r.r)) continue;
        retry(r);
        moved = true;
      }
      for (const r of parsed(AWAITING_REFERENCE)) {
        const current = known.has(r.t) ? store.current(r.t, r.r) : undefined;
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

  const settleSuperseded = (deviceId: string, after: number) => {
    const dev = store.device(deviceId);
    if (!dev) return;
    const parked = store.parkedAfter(deviceId, Math.max(after, dev.applied));
    if (parked[0]?.seq !== dev.applied + 1 || !parked[0].reason.startsWith(FUTURE)) return;
    let next = dev.applied + 1;
    for (const p of parked) {
      if (p.seq !== next) break;
      const r = JSON.parse(p.record) as ChangeRecord;
      store.log(dev.no, r.s, r.h, r.x, r.t, r.r, 'n', '{}');
      store.unpark(deviceId, p.seq);
      next++;
    }
    store.setApplied(dev.no, next - 1);
  };

  const flush = () => {
    saveApplied();
    search?.flush();
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
    settleSuperseded,
    chunkDone: flush,
    finish() {
      unblock();
      flush();
      search?.end();
      summary.reasons = [...because].map(([reason, count]) => ({ reason, count }));
      return summary;
    },
    release: () => search?.end(),
  };
};
