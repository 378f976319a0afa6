import { backupDirFor, pruneBackups, writeBackup } from '../backups';
import type { IntegrityStatus } from '../../electron/shared/schemas/backups';
import { FULL_CHECK_EVERY_MS } from '../integrity';
import type { ServiceContext } from './context';

export const BACKUPS_KEPT = 10;

/**
 * The full check, from Settings: on its own thread (the app stays usable for the seconds it takes on a
 * large file), and recorded as the scheduled one is.
 */
export const integrityCheck = async (ctx: ServiceContext): Promise<{ ok: boolean; problems: string[] }> => {
  const { ok, problems } = await ctx.store.integrity.check();
  return { ok, problems };
};

/** The newest full check of this database (scheduled or asked for), and whether one is running now. */
export const integrityStatus = (ctx: ServiceContext): IntegrityStatus => ({
  running: ctx.store.integrity.running(),
  last: ctx.store.integrity.last(),
  everyDays: FULL_CHECK_EVERY_MS / 86_400_000,
});

/**
 * An online backup (consistent while the app keeps working), checked with integrity_check, then the
 * oldest manual backups beyond BACKUPS_KEPT are removed. Pre-migration backups are never pruned: they are
 * the way back from an upgrade.
 */
export const backupNow = async (
  ctx: ServiceContext,
): Promise<{ file: string; size: number; kept: number }> => {
  const { store } = ctx;
  const made = await writeBackup(
    store.write.sqlite,
    store.read.sqlite,
    store.path,
    'manual',
    new Date(store.write.now()),
  );
  const kept = pruneBackups(backupDirFor(store.path), 'manual', BACKUPS_KEPT);
  return { file: made.path, size: made.size, kept };
};
