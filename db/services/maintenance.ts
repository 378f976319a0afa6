import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppFailure } from '../../electron/shared/errors';
import { backupFileName } from '../client';
import type { ServiceContext } from './context';

export const BACKUPS_KEPT = 10;

const backupDir = (ctx: ServiceContext) => join(dirname(ctx.store.path), 'backups');

/** Full check on the read connection, from Settings; startup runs the quicker quick_check. */
export const integrityCheck = (ctx: ServiceContext): { ok: boolean; problems: string[] } => {
  const rows = ctx.store.read.sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  return { ok: problems.length === 0, problems: problems.slice(0, 50) };
};

/**
 * An online backup (consistent while the app keeps working), then the oldest manual backups beyond
 * BACKUPS_KEPT are removed. Pre-migration backups are never pruned: they are the way back from an upgrade.
 */
export const backupNow = async (
  ctx: ServiceContext,
): Promise<{ file: string; size: number; kept: number }> => {
  const dir = backupDir(ctx);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupFileName(ctx.store.path, 'manual', new Date(ctx.store.write.now())));
  try {
    await ctx.store.write.sqlite.backup(file);
  } catch (e) {
    throw new AppFailure('INTERNAL', `备份失败：${(e as Error).message}。请检查磁盘空间后重试。`);
  }
  const manual = readdirSync(dir)
    .filter((f) => f.includes('.manual.'))
    .sort();
  for (const old of manual.slice(0, Math.max(0, manual.length - BACKUPS_KEPT))) rmSync(join(dir, old));
  return { file, size: statSync(file).size, kept: Math.min(manual.length, BACKUPS_KEPT) };
};
