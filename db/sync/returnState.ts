import type Database from 'better-sqlite3';
import type { WriteDb } from '../client';
import type { ServiceContext } from '../services/context';
import type { Manifest } from './bundle/format';
import { LOCAL_DEVICE_NO } from './triggers';

// What a return bundle tells a device besides its records: acknowledgements, the minimum app version, the
// department's key and its device directory. Each only moves forward: a return bundle older than one
// already applied changes none of them, and an acknowledgement never goes back.

type Has = Record<string, number>;

const RETURN_AT = 'sync.returnCreatedAt';
export const ENCRYPTION_SETTING = 'sync.departmentEncryptionKey';
/** Department: the oldest app version it accepts. Site: what the department last asked for. */
export const MIN_VERSION_SETTING = 'sync.minAppVersion';
/** Department's clock as the newest return bundle stated it, and this device's clock when it arrived. */
export const DEPARTMENT_CLOCK = 'sync.departmentClock';
/** Set when the department holds more of this device's changes than its database does. */
export const RECOVERY_SETTING = 'sync.recovery';

export interface Recovery {
  /** What the department holds of this device's changes. */
  held: number;
  /** What this database holds. */
  mine: number;
  /** The last acknowledgement this database had seen: changes up to it are the department's too. */
  acknowledged: number;
}

export const ownSeqOf = (db: Database.Database): number =>
  db.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;

const setting = (db: Database.Database, key: string) =>
  db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;

const put = (db: Database.Database, key: string, value: string) =>
  db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);

/**
 * Acknowledgements merged, never lowered. What a peer claims to hold of this device beyond what this device
 * ever made is not believed (it means this database is older than what left it: see RECOVERY_SETTING).
 */
export const mergeHas = (before: Has, incoming: Has, selfId: string, ownSeq: number): Has => {
  const out: Has = { ...before };
  for (const [device, seq] of Object.entries(incoming)) {
    const claimed = device === selfId ? Math.min(seq, ownSeq) : seq;
    out[device] = Math.max(out[device] ?? 0, claimed);
  }
  return out;
};

/** The highest seq of a device any peer has acknowledged (at a college: what the department holds of it). */
export const acknowledgedOf = (db: Database.Database, deviceId: string): number => {
  const rows = db
    .prepare('SELECT peer_has FROM devices WHERE peer_has IS NOT NULL')
    .pluck()
    .all() as string[];
  return Math.max(0, ...rows.map((r) => (JSON.parse(r) as Has)[deviceId] ?? 0));
};

export const keepNewestReturnState = (w: WriteDb, m: Manifest, selfId: string, now: number): void => {
  const db = w.sqlite;
  const mine = ownSeqOf(db);
  const held = m.has[selfId] ?? 0;
  const last = m.lastOfYours;
  const ownHlc = last
    ? (db
        .prepare('SELECT hlc FROM change_log WHERE device_no = ? AND seq = ?')
        .pluck()
        .get(LOCAL_DEVICE_NO, last.seq) as string | undefined)
    : undefined;
  // The department holds more of this device's changes than this database made, or other ones under the
  // same numbers: this database is older than what it sent.
  if (held > mine || (last && ownHlc !== undefined && ownHlc !== last.hlc)) {
    const recovery: Recovery = { held, mine, acknowledged: Math.min(acknowledgedOf(db, selfId), mine) };
    put(db, RECOVERY_SETTING, JSON.stringify(recovery));
  }
  const upsert = db.prepare(
    `INSERT INTO devices (device_id, site_id, public_key, enrolled_at, retired_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET
       site_id = CASE WHEN devices.site_id = '' THEN excluded.site_id ELSE devices.site_id END,
       public_key = CASE WHEN devices.public_key = '' THEN excluded.public_key ELSE devices.public_key END,
       retired_at = coalesce(devices.retired_at, excluded.retired_at)`,
  );
  for (const d of m.directory ?? [])
    if (d.deviceId !== selfId) upsert.run(d.deviceId, d.siteId, d.publicKey, now, d.retiredAt);
  const newest = Number(setting(db, RETURN_AT) ?? 0);
  if (m.createdAt < newest) return;
  put(db, RETURN_AT, String(m.createdAt));
  put(db, DEPARTMENT_CLOCK, JSON.stringify({ createdAt: m.createdAt, seenAt: now }));
  if (m.minAppVersion) put(db, MIN_VERSION_SETTING, m.minAppVersion);
  if (m.encryptionKey) put(db, ENCRYPTION_SETTING, m.encryptionKey);
};

export const readRecovery = (ctx: ServiceContext): Recovery | null => {
  const db = ctx.store.read.sqlite;
  const raw = setting(db, RECOVERY_SETTING);
  if (!raw) return null;
  const r = JSON.parse(raw) as Recovery;
  return r;
};

export const recoveryNeeded = (ctx: ServiceContext): boolean => readRecovery(ctx) !== null;
