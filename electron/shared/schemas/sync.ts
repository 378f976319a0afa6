import { z } from 'zod';
import { base64Limit, MAX_BUNDLE_BYTES } from '../limits';
import { uuid } from './common';

export { MAX_BUNDLE_BYTES };

export const syncExportInput = z.strictObject({
  full: z.boolean().optional(),
  to: uuid('学校设备').optional(),
  encrypt: z.boolean().optional(),
  /** Also put the bundle in the outbox, for every enabled delivery target. */
  deliver: z.boolean().optional(),
});

export const syncExportOutput = z.strictObject({
  fileName: z.string(),
  dataBase64: z.string(),
  bundleId: z.string(),
  records: z.number(),
  /** Outbox entries made (one per enabled target). */
  queued: z.number(),
});

export const syncFileInput = z.strictObject({
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .max(255)
    .refine((n) => /\.bfb$/i.test(n), { error: '请选择 .bfb 格式的同步包' }),
  dataBase64: z
    .string({ error: '缺少文件内容' })
    .max(base64Limit(MAX_BUNDLE_BYTES), { error: '同步包过大：不能超过 256 MB' }),
  /** The sending device's fingerprint as the person confirmed it, on first sight of that device. */
  confirmFingerprint: z.string().max(100).optional(),
});

const tableCounts = z.strictObject({
  new: z.number(),
  had: z.number(),
  conflicts: z.number(),
  parked: z.number(),
  rejected: z.number(),
});

export const deviceInfo = z.strictObject({
  deviceId: z.string(),
  siteId: z.string(),
  siteName: z.string().nullable(),
  fingerprint: z.string().nullable(),
  /** The highest of its changes held here. */
  lastSeq: z.number(),
  lastBundleAt: z.number().nullable(),
  /** this: this installation; former: an identity it used before its database was restored or moved. */
  state: z.enum(['this', 'active', 'retired', 'former']),
  retiredAt: z.number().nullable(),
  retiredReason: z.string().nullable(),
});
export type DeviceInfo = z.output<typeof deviceInfo>;

export const siteClaim = z.strictObject({
  siteId: z.string(),
  siteName: z.string().nullable(),
  /** The college is already known here: the new device joins it rather than starting a new one. */
  knownSite: z.boolean(),
  devices: z.array(deviceInfo),
});
export type SiteClaim = z.output<typeof siteClaim>;

export const retireDeviceInput = z.strictObject({
  deviceId: uuid('设备'),
  reason: z
    .string({ error: '请填写停用原因' })
    .trim()
    .min(1, { error: '请填写停用原因' })
    .max(200, { error: '停用原因不能超过 200 字' }),
});

export const joinExportInput = z.strictObject({
  /** Department: the college the new PC joins. A college's own device makes join files for itself only. */
  siteId: uuid('学校').optional(),
});

export const recoverInput = z.strictObject({
  /** Also give fresh stamps to changes stamped while the computer's clock was set far ahead. */
  restamp: z.boolean().optional(),
});

export const recoverOutput = z.strictObject({
  deviceId: z.string(),
  previousDeviceId: z.string(),
  keptSeq: z.number(),
  reissued: z.number(),
});

/** What a join file holds, shown before a new PC becomes a device of that college. */
export const joinPreview = z.strictObject({
  siteId: z.string(),
  siteName: z.string(),
  madeBy: z.enum(['site', 'department']),
  fingerprint: z.string(),
  records: z.number(),
  createdAt: z.number(),
});
export type JoinPreview = z.output<typeof joinPreview>;

export const bundleReport = z.strictObject({
  bundleId: z.string(),
  kind: z.enum(['changes', 'return', 'join']),
  deviceId: z.string(),
  siteId: z.string(),
  fingerprint: z.string(),
  newDevice: z.boolean(),
  alreadyImported: z.boolean(),
  records: z.number(),
  claims: siteClaim.nullable(),
  summary: z.strictObject({
    ...tableCounts.shape,
    tables: z.record(z.string(), tableCounts),
    reasons: z.array(z.strictObject({ reason: z.string(), count: z.number() })),
  }),
});

export type BundleReport = z.output<typeof bundleReport>;

export const syncPeer = z.strictObject({
  deviceId: z.string(),
  siteId: z.string(),
  siteName: z.string().nullable(),
  fingerprint: z.string().nullable(),
  appliedSeq: z.number(),
  /** What that device told us it holds of ours: our changes it has acknowledged. */
  acknowledgesOurs: z.number().nullable(),
  lastBundleAt: z.number().nullable(),
  parked: z.number(),
  /** Seqs not yet received while later ones wait, parked. */
  gap: z.strictObject({ from: z.number(), to: z.number() }).nullable(),
});

export const syncConflict = z.strictObject({
  id: z.number(),
  table: z.string(),
  rowId: z.string(),
  column: z.string(),
  winnerValue: z.string().nullable(),
  winnerAt: z.number(),
  /** The site whose device made the edit, when known. */
  winnerBy: z.string().nullable(),
  loserValue: z.string().nullable(),
  loserAt: z.number(),
  loserBy: z.string().nullable(),
});

export const RECORD_STATES = ['pending', 'exported', 'acknowledged', 'returned'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const syncRecord = z.strictObject({
  table: z.string(),
  rowId: z.string(),
  label: z.string(),
  state: z.enum(RECORD_STATES),
  seq: z.number(),
  changedAt: z.number(),
  /** The bundle file that carried it, while it waits for the department's acknowledgement. */
  bundle: z.string().nullable(),
  /** Why the department returned it. */
  reason: z.string().nullable(),
});
export type SyncRecord = z.output<typeof syncRecord>;

export const syncRecordsInput = z.strictObject({
  state: z.enum(RECORD_STATES).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export const syncRecordPage = z.strictObject({ total: z.number(), rows: z.array(syncRecord) });

const version = z
  .string()
  .trim()
  .regex(/^\d+\.\d+\.\d+$/, { error: '版本号格式应为 主版本.次版本.修订号，例如 1.2.0' });

export const syncSettings = z.strictObject({
  /** Department: the oldest app version whose bundles it accepts, sent to sites in return bundles. */
  minAppVersion: version.nullable(),
  /** Department: a folder it watches for incoming bundles (a shared folder, a synced directory). */
  inboxFolder: z.string().trim().max(1000).nullable(),
});
export type SyncSettings = z.output<typeof syncSettings>;

export const syncStatus = z.strictObject({
  deviceId: z.string(),
  /** Records this device changed, by where they stand with the department. */
  records: z.strictObject({
    pending: z.number(),
    exported: z.number(),
    acknowledged: z.number(),
    returned: z.number(),
  }),
  /** Site: the version the department last asked for, when this app is older. */
  upgradeTo: z.string().nullable(),
  /** Changes this device has made. */
  ownSeq: z.number(),
  /** Of those, acknowledged by the department (site) — the next cumulative bundle starts after it. */
  acknowledged: z.number(),
  bundlesOut: z.number(),
  bundlesIn: z.number(),
  lastExportAt: z.number().nullable(),
  peers: z.array(syncPeer),
  conflicts: z.array(syncConflict),
  /** Site: the department holds more of this device's changes than its database does (restored or copied). */
  recovery: z.strictObject({ held: z.number(), mine: z.number() }).nullable(),
  /** The computer's clock looks wrong: why, in words a coordinator can act on. */
  clockWarning: z.string().nullable(),
  /** This installation continued under a new identity, when and why (restored, key missing or other, recovery). */
  identityChange: z
    .strictObject({
      cause: z.enum(['restored', 'no-key', 'other-key', 'department-holds-more']),
      previousDeviceId: z.string(),
      at: z.number(),
    })
    .nullable(),
  /** Changes of this device carry stamps beyond the bound ahead of its clock: they can be stamped again. */
  restampable: z.boolean(),
});

export type SyncStatus = z.output<typeof syncStatus>;
export type SyncPeer = z.output<typeof syncPeer>;
export type SyncConflict = z.output<typeof syncConflict>;

export const conflictResolveInput = z.strictObject({
  id: z.number().int().positive(),
  keep: z.enum(['winner', 'loser'], { error: '请选择保留哪个值' }),
});

export const inboxEntry = z.strictObject({
  path: z.string(),
  fileName: z.string(),
  state: z.enum(['ready', 'imported', 'refused']),
  message: z.string().nullable(),
  report: bundleReport.nullable(),
  seenAt: z.number(),
});
export type InboxEntry = z.output<typeof inboxEntry>;

export const inboxImportInput = z.strictObject({
  path: z.string().min(1).max(2000),
  confirmFingerprint: z.string().max(100).optional(),
});

export const workProgress = z
  .strictObject({ task: z.enum(['inspect', 'import']), done: z.number(), total: z.number() })
  .nullable();
