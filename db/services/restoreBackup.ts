import { AppFailure } from '../../electron/shared/errors';
import type { RestoreResult } from '../../electron/shared/schemas/backups';
import { backupDirFor, listBackups, verifyBackup, writeBackup } from '../backups';
import type { ServiceContext } from './context';

// 从备份恢复 (Settings): the backup is checked first; the database as it is now is backed up too, so the
// restore can itself be undone; then the backup opens in its place. A restored database never reuses a
// (device, seq) that already left this PC: it continues under a new identity and the department sends back
// what the old one had sent (db/sync/recover.ts).

export const restoreBackup = async (ctx: ServiceContext, name: string): Promise<RestoreResult> => {
  const backup = listBackups(backupDirFor(ctx.store.path)).find((b) => b.name === name);
  if (!backup) throw new AppFailure('NOT_FOUND', '找不到这份备份，可能已被删除。请刷新备份列表后重试。');
  const check = verifyBackup(ctx.store.read.sqlite, backup.path);
  if (!check.ok)
    throw new AppFailure(
      'VALIDATION',
      `这份备份未通过完整性检查（${check.problems[0]}），没有恢复。请选择另一份备份。`,
    );
  const before = ctx.identity()?.deviceId ?? null;
  const kept = await writeBackup(
    ctx.store.write.sqlite,
    ctx.store.read.sqlite,
    ctx.store.path,
    'manual',
    new Date(ctx.store.write.now()),
  );
  await ctx.replaceDatabase(backup.path);
  const after = ctx.identity()?.deviceId ?? null;
  return {
    restored: backup.name,
    takenAt: backup.takenAt,
    keptCurrentAs: kept.name,
    newIdentity: before !== null && after !== null && before !== after,
  };
};
