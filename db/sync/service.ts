import semver from 'semver';
import { v7 as uuidv7 } from 'uuid';
import { AppFailure } from '../../electron/shared/errors';
import type { RecordState, SyncSettings, SyncStatus } from '../../electron/shared/schemas/sync';
import { blobStore } from '../services/attachments';
import type { ArchiveBytes } from '../zip/archiveBytes';
import type { WriteDb } from '../client';
import { requireIdentity, type ServiceContext } from '../services/context';
import { createApplier, SeqReused, type ApplySummary } from './apply';
import { writeStore } from './applyStore';
import { deviceDirectory, siteClaim, type SiteClaim } from './devices';
import { overlayStore, type OverlayStore } from './overlayStore';
import { markSent } from './sentMark';
import { clockWarning, restampable } from './clockCheck';
import { identityChange } from './recover';
import {
  acknowledgedOf,
  ENCRYPTION_SETTING,
  keepNewestReturnState,
  mergeHas,
  MIN_VERSION_SETTING,
  ownSeqOf,
  readRecovery,
  recoveryNeeded,
} from './returnState';
import { readChangeRecord, type ChangeRecord, type Manifest } from './bundle/format';
import { BundleRefused, openBundle, readContents, type OpenedBundle, type Unsealer } from './bundle/read';
import { encryptionKeyOf, openerWith } from './bundle/seal';
import { writeBundle, type SealTo } from './bundle/write';
import { stageForOutbox } from './delivery/outbox';
import { nodeFromDeviceId } from './hlc';
import { fingerprint, loadOrCreateKeys } from './identity';
import { listRecordStates, recordStateCounts } from './recordStates';
import { LOCAL_DEVICE_NO, syncedTables } from './triggers';

// Export and import of sync bundles. A site sends its own changes since the department's last
// acknowledgement; the department answers each site with everything the site does not yet hold. Nothing is
// written until a bundle has passed every check, and then in one transaction.

/** A change_log row as the export reads it: device_id, seq, hlc, tx, tbl, row_id, op, data. */
type LogColumns = [string, number, string, number, string, string, string, string];

type Has = Record<string, number>;

const refuse = (message: string): never => {
  throw new AppFailure('VALIDATION', message, { file: message });
};

/** What this replica holds, per device: its own counter, and the highest seq applied from each other. */
const holdings = (ctx: ServiceContext): Has => {
  const db = ctx.store.read.sqlite;
  const has: Has = {};
  for (const d of db
    .prepare('SELECT device_id, applied_seq FROM devices WHERE no <> ?')
    .all(LOCAL_DEVICE_NO) as {
    device_id: string;
    applied_seq: number;
  }[])
    has[d.device_id] = d.applied_seq;
  const self = db.prepare('SELECT device_id, seq FROM device_state WHERE one = 1').get() as {
    device_id: string;
    seq: number;
  };
  has[self.device_id] = self.seq;
  return has;
};

const peerHas = (ctx: ServiceContext, deviceId: string): Has | null => {
  const row = ctx.store.read.sqlite
    .prepare('SELECT peer_has FROM devices WHERE device_id = ?')
    .get(deviceId) as { peer_has: string | null } | undefined;
  return row?.peer_has ? (JSON.parse(row.peer_has) as Has) : null;
};

/** The highest seq of a device any peer has acknowledged: a site's cumulative export starts after it. */
const acknowledged = (ctx: ServiceContext, deviceId: string): number =>
  acknowledgedOf(ctx.store.read.sqlite, deviceId);

export interface ExportOptions {
  /** Everything this device ever recorded, not only what is unacknowledged. */
  full?: boolean;
  /** Department: the site device the return bundle is for. */
  to?: string;
  /** Site: seal the contents to the department's key (for files carried on USB sticks). */
  encrypt?: boolean;
  /** A join file for a new PC of this college (a site), or of the given college (the department). */
  join?: { siteId?: string | undefined };
  /** Also put the bundle in the outbox, for every enabled delivery target. */
  deliver?: boolean;
}

export { MIN_VERSION_SETTING };
export const INBOX_SETTING = 'sync.inboxFolder';

export const readSetting = (ctx: ServiceContext, key: string): string | undefined =>
  ctx.store.read.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as
    string | undefined;

const returnedTo = (ctx: ServiceContext, deviceId: string) =>
  ctx.store.read.sqlite
    .prepare(
      'SELECT seq, tbl AS "table", row_id AS row, reason FROM returned_changes WHERE device_id = ? ORDER BY seq',
    )
    .all(deviceId) as { seq: number; table: string; row: string; reason: string }[];

/** Identities this installation used before its database was restored, copied or restamped. */
const formerSelves = (ctx: ServiceContext) => {
  const rows = ctx.store.read.sqlite
    .prepare('SELECT device_id AS deviceId, applied_seq AS after FROM devices WHERE former_self = 1')
    .all() as { deviceId: string; after: number }[];
  return rows.length > 0 ? { supersedes: rows } : {};
};

/** The newest change of a device held here: the device compares it with its own to see it was not rolled back. */
const lastHeldOf = (ctx: ServiceContext, deviceId: string) => {
  const last = ctx.store.read.sqlite
    .prepare(
      `SELECT c.seq, c.hlc FROM change_log c JOIN devices d ON d.no = c.device_no
       WHERE d.device_id = ? ORDER BY c.seq DESC LIMIT 1`,
    )
    .get(deviceId) as { seq: number; hlc: string } | undefined;
  return last ? { lastOfYours: last } : {};
};

// Rows read from the change log at a time. A page is held while its records are written, so each of its
// rows outlives the young generation's collections; pages of a whole chunk (5,000 rows of 700-byte text)
// were promoted and collected again, and an export spent twice as long collecting garbage (profile: 1.45
// against 0.68 s per 100,000 records with pages of 500).
const PAGE_ROWS = 500;

/**
 * The change log's records in clock order, read a page at a time: the row ids are sorted first (small
 * keys), then each page's rows are fetched by id when the writer asks for them. No statement stays open
 * while the bundle is deflated and written between chunks, so other calls use the connection meanwhile,
 * and only a page of rows is in memory. Each record is checked as every reader will check it: a bundle
 * this exports is one its receiver can read.
 */
function* changesInClockOrder(
  db: ServiceContext['store']['read']['sqlite'],
  where: string,
  params: unknown[],
): Generator<ChangeRecord> {
  const ids = db
    .prepare(`SELECT c.id FROM change_log c JOIN devices d ON d.no = c.device_no ${where} ORDER BY c.hlc`)
    .pluck()
    .all(...params) as number[];
  // Rows as arrays: better-sqlite3 building an object per row was most of the reading.
  const page = db
    .prepare(
      `SELECT d.device_id, c.seq, c.hlc, c.tx, c.tbl, c.row_id, c.op, c.data
       FROM json_each(?) j CROSS JOIN change_log c ON c.id = j.value JOIN devices d ON d.no = c.device_no
       ORDER BY j.key`,
    )
    .raw();
  let line = 0;
  for (let at = 0; at < ids.length; at += PAGE_ROWS) {
    const rows = page.all(JSON.stringify(ids.slice(at, at + PAGE_ROWS))) as LogColumns[];
    for (const [d, s, h, x, t, r, o, data] of rows) {
      line++;
      let record: ChangeRecord;
      try {
        record = readChangeRecord({ d, s, h, x, t, r, o, v: JSON.parse(data) as unknown });
      } catch {
        throw new BundleRefused(`同步包第 ${line} 条变更格式不正确`);
      }
      yield record;
    }
  }
}

export const exportBundle = async (ctx: ServiceContext, opts: ExportOptions = {}) => {
  const me = requireIdentity(ctx);
  const db = ctx.store.read.sqlite;
  let records: () => Iterable<ChangeRecord>;
  let kind: 'changes' | 'return' | 'join';
  let joinSite: { siteId: string; name: string } | undefined;
  if (opts.join) {
    const siteId = me.mode === 'site' ? me.siteId : opts.join.siteId;
    if (me.mode === 'site' && opts.join.siteId && opts.join.siteId !== me.siteId)
      return refuse('学校只能为本单位的新电脑生成加入文件');
    const site = siteId
      ? (db.prepare("SELECT id, name FROM sites WHERE id = ? AND mode = 'site'").get(siteId) as
          { id: string; name: string } | undefined)
      : undefined;
    if (!site) return refuse('请选择要加入的学校（须已收到过该校的同步包）');
    joinSite = { siteId: site.id, name: site.name };
    // Everything this replica holds, every device's changes in clock order: the new PC starts where it is.
    records = () => changesInClockOrder(db, '', []);
    kind = 'join';
  } else if (me.mode === 'site' && recoveryNeeded(ctx)) {
    return refuse(
      '教育主管部门收到的本机变更与本机数据库不一致：这台电脑的数据库可能是从备份恢复或复制来的。' +
        '请先在“数据同步”页面点击“以新设备身份继续”，再导出同步包，以免覆盖已发送的记录。',
    );
  } else if (me.mode === 'department') {
    const to = opts.to;
    if (!to) return refuse('请选择要发送回执的学校设备');
    const theirs = opts.full ? {} : (peerHas(ctx, to) ?? {});
    // Clock order across devices: the receiver applies each chunk as it comes, creations before edits.
    records = () =>
      changesInClockOrder(
        db,
        `WHERE d.device_id <> ? AND c.seq > coalesce(json_extract(?, '$."' || d.device_id || '"'), 0)`,
        [to, JSON.stringify(theirs)],
      );
    kind = 'return';
  } else {
    // Its own changes since the department's acknowledgement, and those of the college's other devices
    // (its former selves, a PC that made its join file and died) that the department has not got yet.
    const mates = db
      .prepare("SELECT no, device_id FROM devices WHERE no = ? OR (site_id = ? AND site_id <> '')")
      .all(LOCAL_DEVICE_NO, me.siteId) as { no: number; device_id: string }[];
    const after = mates.map((d) => [
      d.no,
      opts.full && d.no === LOCAL_DEVICE_NO ? 0 : acknowledged(ctx, d.device_id),
    ]);
    records = () =>
      changesInClockOrder(
        db,
        `WHERE ${after.map(() => '(c.device_no = ? AND c.seq > ?)').join(' OR ')}`,
        after.flat(),
      );
    kind = 'changes';
  }
  const store = blobStore(ctx);
  const keys = loadOrCreateKeys(ctx.keyStore, me.publicKeyPem);
  let sealTo: SealTo | undefined;
  if (opts.encrypt && me.mode === 'site' && !joinSite) {
    const stored = readSetting(ctx, ENCRYPTION_SETTING);
    if (!stored) return refuse('尚未收到教育主管部门的加密公钥：请先导入一次回执包，再导出加密同步包');
    sealTo = { publicKeyPem: stored, fingerprint: fingerprint(stored) };
  }
  const bundleId = uuidv7();
  const written = await writeBundle(
    {
      format: 'bangfu-bundle',
      version: 1,
      bundleId,
      kind,
      siteId: me.siteId,
      deviceId: me.deviceId,
      publicKey: me.publicKeyPem,
      appVersion: ctx.appVersion,
      schemaVersion: ctx.store.schemaVersion,
      createdAt: ctx.store.write.now(),
      has: holdings(ctx),
      ...(joinSite ? { joinSite } : {}),
      ...(kind === 'changes' ? formerSelves(ctx) : {}),
      ...(kind === 'return' && opts.to
        ? {
            to: opts.to,
            encryptionKey: encryptionKeyOf(keys.privateKeyPem).publicKeyPem,
            returned: returnedTo(ctx, opts.to),
            ...lastHeldOf(ctx, opts.to),
            minAppVersion: readSetting(ctx, MIN_VERSION_SETTING) ?? '0.0.0',
            directory: deviceDirectory(ctx),
          }
        : {}),
    },
    records(),
    (sha) => store.get(sha),
    keys.privateKeyPem,
    sealTo,
  ).catch((e: unknown) =>
    e instanceof BundleRefused ? refuse(`同步包写出后校验失败：${e.message}`) : Promise.reject(e),
  );
  const { bytes, manifest } = written;
  // Read back before anyone carries it away: a bundle that fails here is never handed out. Its records
  // were each checked on the way in; this proves the archive, the signature and every entry's hash.
  const check = await openBundle(bytes);
  if (check.manifest.bundleId !== bundleId || check.manifest.records !== manifest.records)
    return refuse('同步包写出后校验失败，请重试');
  const day = new Date().toISOString().slice(0, 10);
  if (joinSite) {
    // A join file goes to a new PC of the college, not to the department: it acknowledges nothing.
    const fileName = `帮扶台账-加入文件-${joinSite.name.replace(/[\\/:*?"<>|]/g, '')}-${day}.bfb`;
    return { fileName, bytes, bundleId, records: manifest.records, manifest, queued: 0 };
  }
  const fileName = `帮扶台账-${day}-${bundleId.slice(-8)}.bfb`;
  const ownTo = manifest.ranges.find((r) => r.deviceId === me.deviceId)?.to ?? null;
  // The outbox's copy is on the disk before the export is recorded: an export whose file could not be
  // written is not counted as exported, and its records stay 未导出.
  const staged = opts.deliver ? stageForOutbox(ctx, bundleId, fileName, bytes) : null;
  try {
    ctx.store.tx((w) => {
      w.sqlite
        .prepare(
          `INSERT INTO sync_bundles (id, direction, device_id, manifest_sha256, records, at, seq_to, file_name)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          bundleId,
          'out',
          me.deviceId,
          check.manifestSha256,
          manifest.records,
          ctx.store.write.now(),
          ownTo,
          fileName,
        );
      staged?.record(w);
    });
  } catch (e) {
    staged?.discard();
    throw e;
  }
  if (ownTo !== null) markSent(ctx.dataDir, me.deviceId, ownTo);
  return {
    fileName,
    bytes,
    bundleId,
    records: manifest.records,
    manifest,
    queued: staged?.count ?? 0,
  };
};

export interface BundleReport {
  bundleId: string;
  kind: Manifest['kind'];
  deviceId: string;
  siteId: string;
  fingerprint: string;
  /** First sight of the sending device: its fingerprint must be confirmed before anything is applied. */
  newDevice: boolean;
  alreadyImported: boolean;
  records: number;
  /** Department, a device's first bundle: the college it claims and the devices that college already has. */
  claims: SiteClaim | null;
  summary: ApplySummary;
}

/** Carries the dry run's answer out of its transaction, which rolls back (it wrote nothing to keep). */
class DryRun extends Error {
  constructor(readonly summary: ApplySummary) {
    super('dry run');
  }
}

const verify = async (
  ctx: ServiceContext,
  bytes: ArchiveBytes,
): Promise<{ bundle: OpenedBundle; report: Omit<BundleReport, 'summary'> }> => {
  const me = requireIdentity(ctx);
  let bundle: OpenedBundle;
  try {
    bundle = await openBundle(bytes);
  } catch (e) {
    if (e instanceof BundleRefused) return refuse(e.message);
    throw e;
  }
  const m = bundle.manifest;
  if (m.encryption && !unsealerFor(ctx)(m)) refuse('该同步包已加密给教育主管部门，本设备无法读取');
  const db = ctx.store.read.sqlite;
  if (m.deviceId === me.deviceId) refuse('这是本设备自己导出的同步包，无需导入');
  if (m.schemaVersion > ctx.store.schemaVersion)
    refuse(`同步包来自更新版本的帮扶台账（数据结构版本 ${m.schemaVersion}），请先升级本程序`);
  if (m.kind === 'join')
    refuse('这是“加入文件”：请在新电脑的首次设置中选择“加入已有单位”后使用，不能在这里导入');
  if (me.mode === 'department' && m.kind !== 'changes') refuse('教育主管部门只导入学校的同步包');
  if (me.mode === 'site' && m.kind !== 'return') refuse('学校只导入教育主管部门的回执包');
  if (me.mode === 'site' && m.to !== me.deviceId)
    refuse(
      `这个回执包是发给另一台设备（${(m.to ?? '未注明').slice(-8)}）的，不能在本机导入：` +
        `请教育主管部门为本机（设备 ${me.deviceId.slice(-8)}）生成回执包`,
    );
  const retired = db
    .prepare('SELECT retired_at, retired_reason FROM devices WHERE device_id = ? AND retired_at IS NOT NULL')
    .get(m.deviceId) as { retired_at: number; retired_reason: string | null } | undefined;
  if (retired)
    refuse(
      `发送该同步包的设备已于 ${new Date(retired.retired_at).toISOString().slice(0, 10)} 停用` +
        `（${retired.retired_reason ?? '已由新设备接替'}），不再接收它的同步包。请使用接替它的设备导出。`,
    );
  const minimum = me.mode === 'department' ? readSetting(ctx, MIN_VERSION_SETTING) : undefined;
  if (minimum && semver.valid(m.appVersion) && semver.lt(m.appVersion, minimum))
    refuse(
      `发送方使用的帮扶台账版本 ${m.appVersion} 低于要求的 ${minimum}：请对方先导入回执包、升级程序后重新导出`,
    );
  // A college may pass on the changes of its own other devices (a PC that died after making a join file);
  // never those of a device another college registered.
  if (me.mode === 'department')
    for (const r of m.ranges) {
      const site = db.prepare('SELECT site_id FROM devices WHERE device_id = ?').pluck().get(r.deviceId) as
        string | undefined;
      if (r.deviceId !== m.deviceId && site && site !== m.siteId)
        refuse('同步包含有其他单位设备的变更，已拒绝');
    }
  const enrolled = db
    .prepare("SELECT public_key FROM devices WHERE device_id = ? AND public_key <> ''")
    .pluck()
    .get(m.deviceId) as string | undefined;
  if (enrolled && fingerprint(enrolled) !== fingerprint(m.publicKey))
    refuse('该设备的签名密钥与登记的不一致：同步包可能被冒用，已拒绝');
  const enrolledSite = db
    .prepare("SELECT site_id FROM devices WHERE device_id = ? AND public_key <> ''")
    .pluck()
    .get(m.deviceId) as string | undefined;
  if (enrolledSite && enrolledSite !== m.siteId) refuse('该设备登记的学校与同步包声明的不一致，已拒绝');
  const seen = db.prepare('SELECT manifest_sha256 FROM sync_bundles WHERE id = ?').pluck().get(m.bundleId) as
    string | undefined;
  if (seen && seen !== bundle.manifestSha256) refuse('同一同步包编号的内容与之前导入的不同，已拒绝');
  return {
    bundle,
    report: {
      bundleId: m.bundleId,
      kind: m.kind,
      deviceId: m.deviceId,
      siteId: m.siteId,
      fingerprint: fingerprint(m.publicKey),
      newDevice: !enrolled,
      alreadyImported: seen !== undefined,
      records: m.records,
      claims: me.mode === 'department' && !enrolled ? siteClaim(ctx, m.siteId) : null,
    },
  };
};

/** The department opens bundles sealed to its own key; a site opens none. */
const unsealerFor =
  (ctx: ServiceContext): Unsealer =>
  (m) => {
    const me = requireIdentity(ctx);
    if (me.mode !== 'department' || !m.encryption) return null;
    const key = encryptionKeyOf(loadOrCreateKeys(ctx.keyStore, me.publicKeyPem).privateKeyPem);
    if (m.encryption.recipient !== fingerprint(key.publicKeyPem)) return null;
    return openerWith(key.privateKey, m.encryption.ephemeralKey, m.bundleId);
  };

const empty = (): ApplySummary => ({
  new: 0,
  had: 0,
  conflicts: 0,
  parked: 0,
  rejected: 0,
  tables: {},
  reasons: [],
});

/**
 * Reads the bundle's chunks and applies them in one transaction, reporting progress between chunks. A dry
 * run makes the same decisions on an overlay of the database (overlayStore.ts) and writes nothing. Any
 * refusal on the way (a malformed line, another device's change in a college's bundle) rolls back
 * everything.
 */
const apply = async (
  ctx: ServiceContext,
  bundle: OpenedBundle,
  mode: { dryRun: boolean },
): Promise<ApplySummary> => {
  const m = bundle.manifest;
  const me = requireIdentity(ctx);
  const now = ctx.store.write.now();
  const blobs = blobStore(ctx);
  ctx.work.current = { task: mode.dryRun ? 'inspect' : 'import', done: 0, total: m.records };
  try {
    return await ctx.store.applyRemoteAsync(
      async (w) => {
        const db = w.sqlite;
        const overlay = mode.dryRun ? overlayStore(db) : null;
        const store = overlay ?? writeStore(db);
        store.enroll(m.deviceId, m.siteId, m.publicKey, now);
        // Devices a college's bundle speaks for are that college's, when the department has not met them yet.
        const declared = new Set(m.ranges.map((r) => r.deviceId));
        if (m.kind === 'changes')
          for (const d of declared) if (d !== m.deviceId) store.adopt(d, m.siteId, now);
        const applier = createApplier(w, now, {
          ...(m.kind === 'changes' ? { sender: { siteId: m.siteId } } : {}),
          store,
        });
        let summary: ApplySummary;
        try {
          if (me.mode === 'department')
            for (const s of m.supersedes ?? [])
              if (s.deviceId !== m.deviceId && store.siteOf(s.deviceId) === m.siteId)
                applier.settleSuperseded(s.deviceId, s.after);
          await readContents(
            bundle,
            {
              change: (r) => {
                if (me.mode === 'department' && !declared.has(r.d))
                  refuse('同步包含有未在清单中声明的设备的变更，已拒绝');
                applier.takeOne(r);
              },
              progress: (done, total) => {
                applier.chunkDone();
                ctx.work.current = { task: mode.dryRun ? 'inspect' : 'import', done, total };
              },
              // Content-addressed files: one left behind by a rolled-back import is harmless and reused later.
              ...(mode.dryRun ? {} : { blob: (_sha: string, data: Buffer) => void blobs.put(data) }),
            },
            unsealerFor(ctx),
          );
          if (m.returned) applier.withdrawOwn(m.returned.map((r) => r.seq));
          summary = applier.finish();
        } finally {
          applier.release();
        }
        // The import's deferred keys are checked at its commit; the dry run checks them itself, so it
        // refuses what the import would. The rest is bookkeeping of an import that happened.
        if (overlay) throw new DryRun(refuseDangling(overlay, summary));
        recordImport(ctx, w, bundle, now);
        return summary;
      },
      { tempOnDisk: mode.dryRun },
    );
  } catch (e) {
    if (e instanceof DryRun) return e.summary;
    if (e instanceof BundleRefused || e instanceof SeqReused) return refuse(e.message);
    if (e instanceof Error && /FOREIGN KEY/i.test(e.message))
      return refuse('同步包中的记录引用了尚未收到的数据：请先导入更早的同步包');
    throw e;
  } finally {
    ctx.work.current = null;
  }
};

const refuseDangling = (overlay: OverlayStore, summary: ApplySummary): ApplySummary => {
  const bad = overlay.dangling();
  if (bad)
    throw new AppFailure(
      'VALIDATION',
      `同步包中的记录引用了尚未收到的数据（${bad.table}，${bad.count} 条）：导入将被拒绝，请先导入更早的同步包`,
    );
  return summary;
};

/** An import that happened: what it returned, what the sender holds, and the bundle itself. */
const recordImport = (ctx: ServiceContext, w: WriteDb, bundle: OpenedBundle, now: number) => {
  const m = bundle.manifest;
  const me = requireIdentity(ctx);
  const db = w.sqlite;
  if (m.returned) {
    const keep = db.prepare(
      `INSERT INTO returned_changes (device_id, seq, tbl, row_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (device_id, seq) DO UPDATE SET reason = excluded.reason`,
    );
    for (const r of m.returned) keep.run(me.deviceId, r.seq, r.table, r.row, r.reason, now);
  }
  if (m.kind === 'return') keepNewestReturnState(w, m, me.deviceId, now);
  const before = peerHas(ctx, m.deviceId) ?? {};
  db.prepare('UPDATE devices SET peer_has = ? WHERE device_id = ?').run(
    JSON.stringify(mergeHas(before, m.has, me.deviceId, ownSeqOf(db))),
    m.deviceId,
  );
  db.prepare(
    'INSERT INTO sync_bundles (id, direction, device_id, manifest_sha256, records, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(m.bundleId, 'in', m.deviceId, bundle.manifestSha256, m.records, now);
};

/** Every check, then what applying would do (new / had / conflicts / parked per table); writes nothing. */
export const inspectBundle = async (ctx: ServiceContext, bytes: ArchiveBytes): Promise<BundleReport> => {
  const { bundle, report } = await verify(ctx, bytes);
  return {
    ...report,
    summary: report.alreadyImported ? empty() : await apply(ctx, bundle, { dryRun: true }),
  };
};

/**
 * Applies a verified bundle in one transaction. A device seen for the first time is enrolled only when the
 * caller passes the fingerprint the person confirmed. The same bundle twice is a no-op.
 */
export const importBundle = async (
  ctx: ServiceContext,
  bytes: ArchiveBytes,
  confirmedFingerprint?: string,
): Promise<BundleReport> => {
  const { bundle, report } = await verify(ctx, bytes);
  if (report.alreadyImported) return { ...report, summary: empty() };
  if (report.newDevice && confirmedFingerprint !== report.fingerprint)
    refuse(`首次收到该设备（指纹 ${report.fingerprint}）的同步包：请核对指纹后确认登记`);
  return { ...report, summary: await apply(ctx, bundle, { dryRun: false }) };
};

const msOfHlc = (hlc: string) => parseInt(hlc.slice(0, 12), 16);

/** Where this replica stands: its own changes and their acknowledgement, the peers it knows, open conflicts. */
export const syncStatus = (ctx: ServiceContext): SyncStatus => {
  const me = requireIdentity(ctx);
  const db = ctx.store.read.sqlite;
  const ownSeq = db.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;
  const bundles = (direction: string) =>
    db
      .prepare('SELECT count(*) AS n, max(at) AS last FROM sync_bundles WHERE direction = ?')
      .get(direction) as {
      n: number;
      last: number | null;
    };
  const peers = db
    .prepare(
      `SELECT d.device_id, d.site_id, s.name AS site_name, d.public_key, d.applied_seq, d.peer_has,
         (SELECT max(at) FROM sync_bundles b WHERE b.device_id = d.device_id AND b.direction = 'in') AS last_at,
         (SELECT count(*) FROM parked_changes p WHERE p.device_id = d.device_id) AS parked,
         (SELECT min(seq) FROM parked_changes p WHERE p.device_id = d.device_id AND p.seq > d.applied_seq)
           AS waiting_from
       FROM devices d LEFT JOIN sites s ON s.id = d.site_id
       WHERE d.no <> ? ORDER BY last_at DESC`,
    )
    .all(LOCAL_DEVICE_NO) as {
    device_id: string;
    site_id: string;
    site_name: string | null;
    public_key: string;
    applied_seq: number;
    peer_has: string | null;
    last_at: number | null;
    parked: number;
    waiting_from: number | null;
  }[];
  // A clock stamp ends with its device's node id; the device's site names who made the edit.
  const sites = new Map<string, string>();
  for (const d of db
    .prepare('SELECT d.device_id, s.name FROM devices d LEFT JOIN sites s ON s.id = d.site_id')
    .all() as { device_id: string; name: string | null }[])
    sites.set(nodeFromDeviceId(d.device_id), d.name ?? d.device_id.slice(-8));
  const whoMade = (hlc: string) => sites.get(hlc.slice(-16)) ?? null;
  const conflicts = db
    .prepare('SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id DESC LIMIT 200')
    .all() as {
    id: number;
    tbl: string;
    row_id: string;
    col: string;
    winner_hlc: string;
    winner_value: string | null;
    loser_hlc: string;
    loser_value: string | null;
  }[];
  const ack = acknowledged(ctx, me.deviceId);
  const wanted = me.mode === 'site' ? readSetting(ctx, MIN_VERSION_SETTING) : undefined;
  const recovery = me.mode === 'site' ? readRecovery(ctx) : null;
  return {
    recovery: recovery ? { held: recovery.held, mine: recovery.mine } : null,
    clockWarning: clockWarning(ctx),
    identityChange: identityChange(ctx),
    restampable: me.mode === 'site' && restampable(ctx),
    deviceId: me.deviceId,
    records: recordStateCounts(ctx, ack),
    upgradeTo: wanted && semver.valid(ctx.appVersion) && semver.lt(ctx.appVersion, wanted) ? wanted : null,
    ownSeq,
    acknowledged: ack,
    bundlesOut: bundles('out').n,
    bundlesIn: bundles('in').n,
    lastExportAt: bundles('out').last,
    peers: peers.map((p) => ({
      deviceId: p.device_id,
      siteId: p.site_id,
      siteName: p.site_name,
      fingerprint: p.public_key ? fingerprint(p.public_key) : null,
      appliedSeq: p.applied_seq,
      acknowledgesOurs: p.peer_has ? ((JSON.parse(p.peer_has) as Has)[me.deviceId] ?? 0) : null,
      lastBundleAt: p.last_at,
      parked: p.parked,
      // Changes held beyond a missing stretch: seqs applied+1 up to the first one held are still to come.
      gap: p.waiting_from ? { from: p.applied_seq + 1, to: p.waiting_from - 1 } : null,
    })),
    conflicts: conflicts.map((c) => ({
      id: c.id,
      table: c.tbl,
      rowId: c.row_id,
      column: c.col,
      winnerValue: c.winner_value,
      winnerAt: msOfHlc(c.winner_hlc),
      winnerBy: whoMade(c.winner_hlc),
      loserValue: c.loser_value,
      loserAt: msOfHlc(c.loser_hlc),
      loserBy: whoMade(c.loser_hlc),
    })),
  };
};

/**
 * Settles a conflict. Keeping the winner only marks it reviewed; restoring the overwritten value writes it
 * as a new local edit, which the change log records and the next bundle carries everywhere.
 */
export const resolveConflict = (
  ctx: ServiceContext,
  id: number,
  keep: 'winner' | 'loser',
): { id: number } => {
  requireIdentity(ctx);
  ctx.store.tx((w) => {
    const c = w.sqlite
      .prepare('SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL')
      .get(id) as { tbl: string; row_id: string; col: string; loser_value: string | null } | undefined;
    if (!c) throw new AppFailure('NOT_FOUND', '该冲突不存在或已处理');
    if (keep === 'loser') {
      const table = syncedTables().find((t) => t.name === c.tbl);
      if (!table || !table.columns.includes(c.col) || c.col === 'id')
        throw new AppFailure('VALIDATION', '该字段不能在此恢复');
      const value = c.loser_value === null ? null : (JSON.parse(c.loser_value) as string | number | null);
      w.sqlite
        .prepare(`UPDATE "${c.tbl}" SET "${c.col}" = ?, updated_at = ? WHERE id = ?`)
        .run(value, w.now(), c.row_id);
    }
    w.sqlite.prepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(w.now(), id);
  });
  return { id };
};

export const syncRecords = (
  ctx: ServiceContext,
  opts: { state?: RecordState | undefined; offset: number; limit: number },
) => listRecordStates(ctx, acknowledged(ctx, requireIdentity(ctx).deviceId), opts);

export const syncSettings = (ctx: ServiceContext): SyncSettings => ({
  minAppVersion: readSetting(ctx, MIN_VERSION_SETTING) ?? null,
  inboxFolder: readSetting(ctx, INBOX_SETTING) ?? null,
});

/** The department's own settings; a site learns its minimum version from return bundles instead. */
export const saveSyncSettings = (ctx: ServiceContext, input: SyncSettings): SyncSettings => {
  if (requireIdentity(ctx).mode !== 'department') refuse('只有教育主管部门可以设置这些选项');
  ctx.store.tx((w) => {
    const put = w.sqlite.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    const drop = w.sqlite.prepare('DELETE FROM settings WHERE key = ?');
    for (const [key, value] of [
      [MIN_VERSION_SETTING, input.minAppVersion],
      [INBOX_SETTING, input.inboxFolder || null],
    ] as const)
      if (value) put.run(key, value);
      else drop.run(key);
  });
  return syncSettings(ctx);
};
