import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppFailure } from '../electron/shared/errors';

// Our own runner around drizzle-kit's files. Drizzle's migrator applies only migrations newer than the last
// recorded one, never checks hashes, and runs them all in one transaction, where `PRAGMA foreign_keys=OFF`
// is ignored, so the DROP TABLE of a table rebuild cascades into child rows. This runner refuses databases
// newer than the app, never skips a migration, and applies each one with foreign keys off at the
// connection level, checking them before it commits.

export interface Migration {
  idx: number;
  tag: string;
  hash: string;
  statements: string[];
}

interface JournalEntry {
  idx: number;
  tag: string;
}

export const readMigrations = (folder: string): Migration[] => {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.map((e, position) => {
    if (e.idx !== position) throw new Error(`migration journal out of order at ${e.tag}`);
    const sql = readFileSync(join(folder, `${e.tag}.sql`), 'utf8');
    return {
      idx: e.idx,
      tag: e.tag,
      hash: createHash('sha256').update(sql).digest('hex'),
      statements: sql
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    };
  });
};

const ensureLedger = (db: Database.Database) => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
};

export interface MigrationPlan {
  applied: number;
  pending: Migration[];
}

/** Reads what the file has applied and refuses anything this app cannot safely continue from. */
export const planMigrations = (db: Database.Database, migrations: Migration[]): MigrationPlan => {
  ensureLedger(db);
  const rows = db.prepare('SELECT idx, tag, hash FROM schema_migrations ORDER BY idx').all() as {
    idx: number;
    tag: string;
    hash: string;
  }[];
  const known = migrations.length;
  const newest = rows.at(-1);
  if (newest && newest.idx >= known) {
    throw new AppFailure(
      'DB_TOO_NEW',
      `此数据库由更新版本的帮扶台账创建（数据库结构版本 ${newest.idx + 1}，本程序支持到 ${known}）。请升级程序后再打开，数据未作任何改动。`,
    );
  }
  rows.forEach((row, i) => {
    const m = migrations[i];
    if (row.idx !== i || !m) {
      throw new AppFailure(
        'MIGRATION_FAILED',
        `数据库升级记录不连续（缺少第 ${i + 1} 步），为保护数据已停止打开。`,
      );
    }
    if (row.hash !== m.hash) {
      throw new AppFailure(
        'MIGRATION_FAILED',
        `数据库升级记录“${row.tag}”与本程序的版本不一致，为保护数据已停止打开。`,
      );
    }
  });
  return { applied: rows.length, pending: migrations.slice(rows.length) };
};

export const applyMigrations = (db: Database.Database, pending: Migration[], now: () => number): void => {
  if (pending.length === 0) return;
  if (db.inTransaction) throw new Error('migrations must start outside a transaction');
  db.pragma('foreign_keys = OFF');
  if (db.pragma('foreign_keys', { simple: true }) !== 0) {
    throw new AppFailure('MIGRATION_FAILED', '无法在升级期间关闭外键检查，为保护数据已停止升级。');
  }
  try {
    for (const m of pending) {
      const run = db.transaction(() => {
        for (const statement of m.statements) db.exec(statement);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new AppFailure(
            'MIGRATION_FAILED',
            `数据库升级“${m.tag}”会破坏 ${broken.length} 条记录之间的关联，已撤销该步升级。`,
          );
        }
        db.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)').run(
          m.idx,
          m.tag,
          m.hash,
          now(),
        );
      });
      try {
        run.immediate();
      } catch (e) {
        if (e instanceof AppFailure) throw e;
        throw new AppFailure(
          'MIGRATION_FAILED',
          `数据库升级“${m.tag}”失败：${(e as Error).message}。数据未改动。`,
        );
      }
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
};
