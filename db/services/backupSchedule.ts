import { AppFailure } from '../../electron/shared/errors';
import type { BackupOverview } from '../../electron/shared/schemas/backups';
import { backupDirFor, listBackups, pruneBackups, writeBackup } from '../backups';
import { storageFailure } from '../storageErrors';
import type { ServiceContext } from './context';

// The daily backup: taken while the app runs once the newest scheduled one is a day old (and at quit on
// the same rule), keeping the newest N. A failure is kept where Settings shows it until a backup succeeds.

export const DEFAULT_BACKUPS_KEPT = 14;
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
const OVERDUE_MS = 2 * BACKUP_EVERY_MS;
const KEEP_KEY = 'backup.keep';
const FAILURE_KEY = 'backup.lastFailure';

type Failure = { at: number; message: string };

/** A failure that could not be written to the database either (the disk is full): kept in memory. */
const unsaved = new WeakMap<object, Failure>();

const readSetting = (ctx: ServiceContext, key: string): string | null =>
  (ctx.store.read.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as
    string | undefined) ?? null;

const writeSetting = (ctx: ServiceContext, key: string, value: string | null) =>
  ctx.store.tx((w) => {
    if (value === null) w.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else
      w.sqlite
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  });

export const backupsKept = (ctx: ServiceContext): number => {
  const n = Number(readSetting(ctx, KEEP_KEY));
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_BACKUPS_KEPT;
};

const lastFailure = (ctx: ServiceContext): Failure | null => {
  const inMemory = unsaved.get(ctx.store);
  if (inMemory) return inMemory;
  const raw = readSetting(ctx, FAILURE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Failure;
  } catch {
    return { at: 0, message: '上次备份失败，但失败原因未能读出。请在下方查看最近的备份是否存在。' };
  }
};

export const backupOverview = (ctx: ServiceContext): BackupOverview => {
  const folder = backupDirFor(ctx.store.path);
  const backups = listBackups(folder);
  const lastScheduledAt = backups.find((b) => b.kind === 'scheduled')?.takenAt ?? null;
  const now = ctx.store.write.now();
  return {
    folder,
    keep: backupsKept(ctx),
    backups: backups.map(({ name, kind, takenAt, size }) => ({ name, kind, takenAt, size })),
    lastScheduledAt,
    overdue: ctx.identity() !== null && lastScheduledAt !== null && now - lastScheduledAt > OVERDUE_MS,
    lastFailure: lastFailure(ctx),
  };
};

const recordFailure = (ctx: ServiceContext, failure: Failure | null) => {
  if (failure) unsaved.set(ctx.store, failure);
  else unsaved.delete(ctx.store);
  try {
    writeSetting(ctx, FAILURE_KEY, failure ? JSON.stringify(failure) : null);
    unsaved.delete(ctx.store);
  } catch {
    // The memory copy stands until the disk takes writes again.
  }
};

/** Takes the scheduled backup if the newest is a day old (or there is none); a set-up device only. */
export const runScheduledBackup = async (ctx: ServiceContext): Promise<BackupOverview> => {
  if (!ctx.identity()) return backupOverview(ctx);
  const now = ctx.store.write.now();
  const last = listBackups(backupDirFor(ctx.store.path)).find((b) => b.kind === 'scheduled');
  if (last && now - last.takenAt < BACKUP_EVERY_MS) return backupOverview(ctx);
  try {
    const { store } = ctx;
    await writeBackup(store.write.sqlite, store.read.sqlite, store.path, 'scheduled', new Date(now));
    pruneBackups(backupDirFor(store.path), 'scheduled', backupsKept(ctx));
  } catch (e) {
    const failure =
      e instanceof AppFailure
        ? e
        : (storageFailure(e, '自动备份') ??
          new AppFailure('STORAGE', `自动备份未完成：${(e as Error).message}`));
    recordFailure(ctx, { at: now, message: failure.message });
    throw failure;
  }
  if (lastFailure(ctx)) recordFailure(ctx, null);
  return backupOverview(ctx);
};

export const setBackupsKept = (ctx: ServiceContext, keep: number): BackupOverview => {
  writeSetting(ctx, KEEP_KEY, String(keep));
  pruneBackups(backupDirFor(ctx.store.path), 'scheduled', keep);
  return backupOverview(ctx);
};
