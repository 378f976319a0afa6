import { AppFailure } from '../../electron/shared/errors';
import type { DeviceInfo, SiteClaim } from '../../electron/shared/schemas/sync';
import { requireIdentity, type ServiceContext } from '../services/context';
import { fingerprint } from './identity';
import { LOCAL_DEVICE_NO } from './triggers';

// Devices of each college as this replica knows them: at the department every enrolled device; at a
// college its own devices, from the directory the department's return bundles carry.

export type { DeviceInfo, SiteClaim };

interface DeviceRow {
  no: number;
  device_id: string;
  site_id: string;
  site_name: string | null;
  public_key: string;
  applied_seq: number;
  retired_at: number | null;
  retired_reason: string | null;
  former_self: number;
  last_at: number | null;
}

const SELECT = `SELECT d.no, d.device_id, d.site_id, s.name AS site_name, d.public_key, d.applied_seq,
    d.retired_at, d.retired_reason, d.former_self,
    (SELECT max(at) FROM sync_bundles b WHERE b.device_id = d.device_id AND b.direction = 'in') AS last_at
  FROM devices d LEFT JOIN sites s ON s.id = d.site_id`;

const info = (r: DeviceRow, ownSeq: number): DeviceInfo => ({
  deviceId: r.device_id,
  siteId: r.site_id,
  siteName: r.site_name,
  fingerprint: r.public_key ? fingerprint(r.public_key) : null,
  lastSeq: r.no === LOCAL_DEVICE_NO ? ownSeq : r.applied_seq,
  lastBundleAt: r.last_at,
  state: r.no === LOCAL_DEVICE_NO ? 'this' : r.retired_at ? 'retired' : r.former_self ? 'former' : 'active',
  retiredAt: r.retired_at,
  retiredReason: r.retired_reason,
});

/** Department: every device of every college; a college: its own devices, this one first. */
export const listDevices = (ctx: ServiceContext): DeviceInfo[] => {
  const me = requireIdentity(ctx);
  const db = ctx.store.read.sqlite;
  const ownSeq = db.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;
  const rows = (
    me.mode === 'department'
      ? db
          .prepare(`${SELECT} WHERE d.no <> ? AND d.public_key <> '' ORDER BY s.name, d.enrolled_at`)
          .all(LOCAL_DEVICE_NO)
      : db
          .prepare(`${SELECT} WHERE d.site_id = ? ORDER BY d.no = ${LOCAL_DEVICE_NO} DESC, d.enrolled_at`)
          .all(me.siteId)
  ) as DeviceRow[];
  return rows.map((r) => info(r, ownSeq));
};

/** What the department is shown before it enrols a device: the college it claims and that college's devices. */
export const siteClaim = (ctx: ServiceContext, siteId: string): SiteClaim => {
  const db = ctx.store.read.sqlite;
  const site = db.prepare('SELECT name FROM sites WHERE id = ?').pluck().get(siteId) as string | undefined;
  const devices = (
    db
      .prepare(`${SELECT} WHERE d.site_id = ? AND d.public_key <> '' AND d.no <> ?`)
      .all(siteId, LOCAL_DEVICE_NO) as DeviceRow[]
  ).map((r) => info(r, 0));
  return { siteId, siteName: site ?? null, knownSite: site !== undefined, devices };
};

/** The devices the department knows, carried in each return bundle. */
export const deviceDirectory = (ctx: ServiceContext) =>
  (
    ctx.store.read.sqlite
      .prepare(
        "SELECT device_id, site_id, public_key, retired_at FROM devices WHERE public_key <> '' AND site_id <> ''",
      )
      .all() as { device_id: string; site_id: string; public_key: string; retired_at: number | null }[]
  ).map((d) => ({
    deviceId: d.device_id,
    siteId: d.site_id,
    publicKey: d.public_key,
    retiredAt: d.retired_at,
  }));

/**
 * Department: a device is retired when it has been replaced (a dead PC, a database restored under a new
 * identity). What it already sent stays; bundles it sends later are refused, saying why.
 */
export const retireDevice = (ctx: ServiceContext, deviceId: string, reason: string): DeviceInfo[] => {
  if (requireIdentity(ctx).mode !== 'department')
    throw new AppFailure('VALIDATION', '只有教育主管部门可以停用设备');
  ctx.store.tx((w) => {
    const done = w.sqlite
      .prepare(
        `UPDATE devices SET retired_at = ?, retired_reason = ?
         WHERE device_id = ? AND no <> ? AND public_key <> '' AND retired_at IS NULL`,
      )
      .run(w.now(), reason, deviceId, LOCAL_DEVICE_NO);
    if (done.changes === 0) throw new AppFailure('NOT_FOUND', '找不到该设备，或它已停用');
  });
  return listDevices(ctx);
};
