import { z } from 'zod';

export const BACKUP_KINDS = ['scheduled', 'manual', 'migration'] as const;

export const backupEntry = z.strictObject({
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  takenAt: z.number(),
  size: z.number(),
});

/** What Settings shows: the backups kept, how many scheduled ones to keep, and the last failure if any. */
export const backupOverview = z.strictObject({
  folder: z.string(),
  keep: z.number(),
  backups: z.array(backupEntry),
  lastScheduledAt: z.number().nullable(),
  /** No scheduled backup for more than two days: something keeps it from running. */
  overdue: z.boolean(),
  lastFailure: z.strictObject({ at: z.number(), message: z.string() }).nullable(),
});

export const backupKeepInput = z.strictObject({
  keep: z
    .number({ error: '请填写保留份数' })
    .int({ error: '保留份数应为整数' })
    .min(1, { error: '至少保留 1 份' })
    .max(365, { error: '最多保留 365 份' }),
});

export const restoreInput = z.strictObject({
  name: z.string({ error: '请选择要恢复的备份' }).min(1, { error: '请选择要恢复的备份' }).max(255),
});

export const restoreResult = z.strictObject({
  restored: z.string(),
  takenAt: z.number(),
  /** The database as it was before the restore, kept as a backup of its own. */
  keptCurrentAs: z.string(),
  /** This PC continues under a new device identity: the backup is older than what it had already sent. */
  newIdentity: z.boolean(),
});

/** The database's newest full integrity check (run on a schedule or from Settings), and whether one runs now. */
export const integrityStatus = z.strictObject({
  running: z.boolean(),
  last: z
    .strictObject({ checkedAt: z.number(), ok: z.boolean(), problems: z.array(z.string()), ms: z.number() })
    .nullable(),
  /** A full check is due this many days after the last. */
  everyDays: z.number(),
});

export type IntegrityStatus = z.output<typeof integrityStatus>;
export type RestoreResult = z.output<typeof restoreResult>;
export type BackupEntry = z.output<typeof backupEntry>;
export type BackupOverview = z.output<typeof backupOverview>;
