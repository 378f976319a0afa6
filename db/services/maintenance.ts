import { backupDirFor, pruneBackups, writeBackup } from '../backups';
import type { ServiceContext } from './context';

export const BACKUPS_KEPT = 10;

/** Full check on the read connection, from Settings; startup runs the quicker quick_check. */
export const integrityCheck = (ctx: ServiceContext): { ok: boolean; problems: string[] } => {
  const rows = ctx.store.read.sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  return { ok: problems.length === 0, problems: problems.slice(0, 50) };
};

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
