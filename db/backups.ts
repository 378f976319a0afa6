import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppFailure } from '../electron/shared/errors';
import { backupFileName } from './client';
import { storageFailure } from './storageErrors';

// Backup files of one database: where they are, what each is (scheduled, manual, before a migration),
// when it was taken and how large it is, whether it is sound. Plain functions over a folder and a
// connection, so backing up, the Settings list and restoring all read the same facts.

export type BackupKind = 'scheduled' | 'manual' | 'migration';

export interface BackupInfo {
  path: string;
  name: string;
  kind: BackupKind;
  /** When it was taken (from its name; the file's time if the name has none). */
  takenAt: number;
  size: number;
}

export interface BackupCheck {
  ok: boolean;
  problems: string[];
}

/** The label each kind carries in its file name. */
export const BACKUP_LABELS = { scheduled: 'auto', manual: 'manual' } as const;

export const backupDirFor = (dbPath: string): string => join(dirname(dbPath), 'backups');

const NAME = /\.([\w-]+)\.(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;

const kindOf = (label: string): BackupKind | null =>
  label === BACKUP_LABELS.scheduled
    ? 'scheduled'
    : label === BACKUP_LABELS.manual
      ? 'manual'
      : label.startsWith('before-')
        ? 'migration'
        : null;

/** Every finished backup in `dir`, newest first. Files still being written (`.partial`) are not listed. */
export const listBackups = (dir: string): BackupInfo[] => {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    const kind = m ? kindOf(m[1]!) : null;
    if (!m || !kind) continue;
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const takenAt = Date.parse(`${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z`);
    found.push({
      path,
      name,
      kind,
      takenAt: Number.isNaN(takenAt) ? stat.mtimeMs : takenAt,
      size: stat.size,
    });
  }
  return found.sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
};

/**
 * Runs integrity_check on a backup file through `conn` (attached under the connection's own open flags,
 * so a read-only connection cannot change the file). Never throws: an unreadable file is a problem found.
 */
export const verifyBackup = (conn: Database.Database, file: string): BackupCheck => {
  try {
    conn.prepare('ATTACH DATABASE ? AS bf_backup').run(file);
  } catch (e) {
    return { ok: false, problems: [`无法打开备份文件：${(e as Error).message}`] };
  }
  try {
    const rows = conn.pragma('bf_backup.integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const tables = conn
      .prepare("SELECT count(*) FROM bf_backup.sqlite_master WHERE type = 'table'")
      .pluck()
      .get() as number;
    if (tables === 0) problems.push('备份文件中没有任何数据表');
    return { ok: problems.length === 0, problems: problems.slice(0, 50) };
  } catch (e) {
    return { ok: false, problems: [`备份文件已损坏：${(e as Error).message}`] };
  } finally {
    conn.exec('DETACH DATABASE bf_backup');
  }
};

/**
 * An online backup of the database `source` writes, checked with integrity_check through `checker`
 * before it gets its final name: a backup cut short (full disk, a pulled stick) or unsound is removed and
 * reported, never listed as if it could be restored.
 */
export const writeBackup = async (
  source: Database.Database,
  checker: Database.Database,
  dbPath: string,
  kind: Exclude<BackupKind, 'migration'>,
  at: Date,
): Promise<BackupInfo> => {
  const dir = backupDirFor(dbPath);
  const file = join(dir, backupFileName(dbPath, BACKUP_LABELS[kind], at));
  const partial = `${file}.partial`;
  try {
    mkdirSync(dir, { recursive: true });
    await source.backup(partial);
    // The copy is in WAL mode like its source; a lone file in rollback mode is what a backup should be,
    // and reading it later (read-only) then leaves no -wal and -shm files behind.
    source.prepare('ATTACH DATABASE ? AS bf_new_backup').run(partial);
    try {
      source.pragma('bf_new_backup.journal_mode = DELETE');
    } finally {
      source.exec('DETACH DATABASE bf_new_backup');
    }
    const check = verifyBackup(checker, partial);
    if (!check.ok)
      throw new AppFailure(
        'STORAGE',
        `备份未通过完整性检查（${check.problems[0]}），已删除这份备份。请重试。`,
      );
    renameSync(partial, file);
  } catch (e) {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing was written where the folder cannot be reached; the first error is the one to report.
    }
    if (e instanceof AppFailure) throw e;
    throw storageFailure(e, kind === 'scheduled' ? '自动备份' : '备份') ?? e;
  }
  return { path: file, name: basename(file), kind, takenAt: at.getTime(), size: statSync(file).size };
};

/** Removes the oldest backups of one kind beyond `keep`; returns how many remain. */
export const pruneBackups = (dir: string, kind: BackupKind, keep: number): number => {
  const ofKind = listBackups(dir).filter((b) => b.kind === kind);
  for (const old of ofKind.slice(keep)) rmSync(old.path, { force: true });
  return Math.min(ofKind.length, keep);
};
