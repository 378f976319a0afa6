import { AppFailure } from '../../electron/shared/errors';
import type { AppStatus, JoinPreview } from '../../electron/shared/contract';
import { blobStore } from '../services/attachments';
import type { Identity, ServiceContext } from '../services/context';
import { appStatus } from '../services/setup';
import { newId } from '../repositories/rows';
import { createApplier } from './apply';
import { BundleRefused, openBundle, readContents, type OpenedBundle } from './bundle/read';
import { fingerprint, loadOrCreateKeys } from './identity';
import type { ArchiveBytes } from '../zip/archiveBytes';
import { LOCAL_DEVICE_NO } from './triggers';

// A new PC joins a college that already keeps its ledger (DESIGN.md 3.1): it takes a join file made by a
// device of that college or by the department, becomes a new device of the same site, and starts from
// everything the maker held. The department enrols it on its first bundle, shown the college it claims.

const refuse = (message: string): never => {
  throw new AppFailure('VALIDATION', message, { file: message });
};

const open = async (
  ctx: ServiceContext,
  bytes: ArchiveBytes,
): Promise<{ bundle: OpenedBundle; preview: JoinPreview }> => {
  if (ctx.identity()) refuse('本机已完成设置，不能再加入其他单位');
  let bundle: OpenedBundle;
  try {
    bundle = await openBundle(bytes);
  } catch (e) {
    if (e instanceof BundleRefused) return refuse(e.message);
    throw e;
  }
  const m = bundle.manifest;
  if (m.kind !== 'join' || !m.joinSite)
    return refuse('这不是加入文件：请在本单位已使用的电脑上（或请教育主管部门）生成“加入文件”');
  if (m.schemaVersion > ctx.store.schemaVersion)
    refuse(`加入文件来自更新版本的帮扶台账（数据结构版本 ${m.schemaVersion}），请先升级本程序`);
  if (m.encryption) refuse('加入文件不应加密，请重新生成');
  return {
    bundle,
    preview: {
      siteId: m.joinSite.siteId,
      siteName: m.joinSite.name,
      madeBy: m.siteId === m.joinSite.siteId ? 'site' : 'department',
      fingerprint: fingerprint(m.publicKey),
      records: m.records,
      createdAt: m.createdAt,
    },
  };
};

export const previewJoin = async (ctx: ServiceContext, bytes: ArchiveBytes): Promise<JoinPreview> =>
  (await open(ctx, bytes)).preview;

/** Becomes a new device of the file's college, holding everything the file carries, in one transaction. */
export const joinCollege = async (
  ctx: ServiceContext,
  bytes: ArchiveBytes,
  confirmedFingerprint: string | undefined,
): Promise<AppStatus> => {
  const { bundle, preview } = await open(ctx, bytes);
  if (confirmedFingerprint !== preview.fingerprint)
    refuse(`请核对生成加入文件的设备指纹（${preview.fingerprint}）后确认`);
  const m = bundle.manifest;
  const keys = loadOrCreateKeys(ctx.keyStore, null);
  const identity: Identity = {
    deviceId: newId(),
    siteId: preview.siteId,
    mode: 'site',
    publicKeyPem: keys.publicKeyPem,
  };
  const blobs = blobStore(ctx);
  const now = ctx.store.write.now();
  ctx.work.current = { task: 'import', done: 0, total: m.records };
  try {
    await ctx.store.applyRemoteAsync(async (w) => {
      const db = w.sqlite;
      db.prepare(
        `INSERT INTO device_state (one, device_id, site_id, mode, public_key, seq, created_at)
         VALUES (1, ?, ?, 'site', ?, 0, ?)`,
      ).run(identity.deviceId, identity.siteId, identity.publicKeyPem, now);
      db.prepare(
        'INSERT INTO devices (no, device_id, site_id, public_key, enrolled_at) VALUES (?, ?, ?, ?, ?)',
      ).run(LOCAL_DEVICE_NO, identity.deviceId, identity.siteId, identity.publicKeyPem, now);
      // What the department holds is what it acknowledges; what another PC of the college holds is not.
      db.prepare(
        'INSERT INTO devices (device_id, site_id, public_key, enrolled_at, peer_has) VALUES (?, ?, ?, ?, ?)',
      ).run(
        m.deviceId,
        m.siteId,
        m.publicKey,
        now,
        preview.madeBy === 'department' ? JSON.stringify(m.has) : null,
      );
      ctx.store.attachClock(identity.deviceId);
      const applier = createApplier(w, now);
      try {
        await readContents(bundle, {
          change: (r) => applier.takeOne(r),
          progress: (done, total) => {
            applier.chunkDone();
            ctx.work.current = { task: 'import', done, total };
          },
          blob: (_sha: string, data: Buffer) => void blobs.put(data),
        });
        applier.finish();
      } finally {
        applier.release();
      }
      if (!db.prepare("SELECT 1 FROM sites WHERE id = ? AND mode = 'site'").get(identity.siteId))
        refuse('加入文件中没有该学校的资料：请在该校已使用的电脑上重新生成加入文件');
      db.prepare(
        'INSERT INTO sync_bundles (id, direction, device_id, manifest_sha256, records, at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(m.bundleId, 'in', m.deviceId, bundle.manifestSha256, m.records, now);
    });
  } catch (e) {
    if (e instanceof BundleRefused) refuse(e.message);
    throw e;
  } finally {
    ctx.work.current = null;
  }
  ctx.setIdentity(identity);
  return appStatus(ctx);
};
