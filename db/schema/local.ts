import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Tables below are this installation's own bookkeeping: never synced, so no sync columns and no triggers.

/** Singleton row: who this device is and the next value of its gapless change counter. */
export const deviceState = sqliteTable('device_state', {
  one: integer('one').primaryKey(),
  deviceId: text('device_id').notNull(),
  siteId: text('site_id').notNull(),
  mode: text('mode').notNull(),
  publicKey: text('public_key').notNull(),
  seq: integer('seq').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Devices this replica knows; `no` is a compact local number used by the change log instead of the UUID. */
export const devices = sqliteTable(
  'devices',
  {
    no: integer('no').primaryKey(),
    deviceId: text('device_id').notNull(),
    siteId: text('site_id').notNull(),
    publicKey: text('public_key').notNull(),
    enrolledAt: integer('enrolled_at').notNull(),
    /** Highest seq of this device applied here; the next one must be appliedSeq + 1 (else parked). */
    appliedSeq: integer('applied_seq').notNull().default(0),
    /** What this peer last said it holds ({deviceId: seq}), from its latest bundle: what it still needs. */
    peerHas: text('peer_has'),
    /** Department: when this device was retired (replaced, restored under a new identity); its bundles are refused. */
    retiredAt: integer('retired_at'),
    retiredReason: text('retired_reason'),
    /**
     * An identity this installation used before (its database was restored, copied in or moved to a new PC):
     * its stamps are still this machine's own when the clock resumes, but it never writes under it again.
     */
    formerSelf: integer('former_self').notNull().default(0),
  },
  (t) => [uniqueIndex('devices_device_id_idx').on(t.deviceId)],
);

/** Every bundle written or read here: a bundle id is applied once, and reused ids with other bytes refused. */
export const syncBundles = sqliteTable('sync_bundles', {
  id: text('id').primaryKey(),
  direction: text('direction').notNull(),
  deviceId: text('device_id').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
  records: integer('records').notNull(),
  at: integer('at').notNull(),
  /** Outgoing: the highest of this device's own seqs the bundle carries (records up to it are "exported"). */
  seqTo: integer('seq_to'),
  fileName: text('file_name'),
});

/**
 * Changes the department refused to apply (a row another college owns, a month already approved), with the
 * reason. The department keeps the record itself; a site keeps what its return bundle said of its own.
 */
export const returnedChanges = sqliteTable(
  'returned_changes',
  {
    id: integer('id').primaryKey(),
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    reason: text('reason').notNull(),
    record: text('record'),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('returned_changes_device_seq_idx').on(t.deviceId, t.seq),
    index('returned_changes_row_idx').on(t.rowId),
  ],
);

/** Where bundles are delivered: a folder (USB stick, network share) or a WebDAV server. */
export const deliveryTargets = sqliteTable('delivery_targets', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  /** A folder path or a WebDAV collection URL. Passwords are never stored here (see SecretStore). */
  location: text('location').notNull(),
  username: text('username'),
  enabled: integer('enabled').notNull().default(1),
  createdAt: integer('created_at').notNull(),
});

/** One bundle waiting for, or delivered to, one target; retried with back-off until it arrives. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey(),
    bundleId: text('bundle_id').notNull(),
    targetId: text('target_id').notNull(),
    fileName: text('file_name').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: integer('next_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('outbox_bundle_target_idx').on(t.bundleId, t.targetId)],
);

/** Files seen in the department's watched inbox folder, so each is inspected once until it changes. */
export const inboxFiles = sqliteTable('inbox_files', {
  path: text('path').primaryKey(),
  size: integer('size').notNull(),
  mtime: integer('mtime').notNull(),
  bundleId: text('bundle_id'),
  state: text('state').notNull(),
  message: text('message'),
  report: text('report'),
  seenAt: integer('seen_at').notNull(),
});

/** Changes received but not applicable yet: a gap in their device's seq, or a table or column unknown here. */
export const parkedChanges = sqliteTable(
  'parked_changes',
  {
    id: integer('id').primaryKey(),
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    record: text('record').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('parked_changes_device_seq_idx').on(t.deviceId, t.seq)],
);

/** Concurrent edits of one field: the value that lost, kept for a person to review and, if need be, restore. */
export const syncConflicts = sqliteTable('sync_conflicts', {
  id: integer('id').primaryKey(),
  tbl: text('tbl').notNull(),
  rowId: text('row_id').notNull(),
  col: text('col').notNull(),
  winnerHlc: text('winner_hlc').notNull(),
  winnerValue: text('winner_value'),
  loserHlc: text('loser_hlc').notNull(),
  loserValue: text('loser_value'),
  at: integer('at').notNull(),
  resolvedAt: integer('resolved_at'),
});

/**
 * One record per row write, listing the columns it changed with their new values (JSON object). Chosen
 * over one record per column because it measured smaller and faster (see scripts/bench); `seq` is
 * gapless per device, `hlc` orders concurrent edits, `tx` groups the records of one transaction.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: integer('id').primaryKey(),
    deviceNo: integer('device_no').notNull(),
    seq: integer('seq').notNull(),
    hlc: text('hlc').notNull(),
    tx: integer('tx').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op').notNull(),
    data: text('data').notNull(),
  },
  (t) => [
    uniqueIndex('change_log_device_seq_idx').on(t.deviceNo, t.seq),
    index('change_log_row_idx').on(t.rowId),
  ],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
