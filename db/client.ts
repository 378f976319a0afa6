import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppFailure } from '../electron/shared/errors';
import { FULL_CHECK_DELAY_MS, integrityMonitor, startupCheck, type IntegrityMonitor } from './integrity';
import { applyMigrations, planMigrations, readMigrations } from './migrate';
import { migrationsFolder } from './paths';
import * as schema from './schema';
import { bigrams } from './search/bigrams';
import { registerSearchFunctions } from './search/bulkIndex';
import { encodeHlc, HybridLogicalClock, nodeFromDeviceId } from './sync/hlc';
import { dropChangeTriggers, installChangeTriggers, LOCAL_DEVICE_NO } from './sync/triggers';

export type Orm = BetterSQLite3Database<typeof schema>;

/** A handle that can only read: a separate read-only connection, so a read path cannot write by mistake. */
export interface ReadDb {
  readonly kind: 'read';
  readonly sqlite: Database.Database;
  readonly orm: Orm;
}

/** The one writing connection. Writes happen only inside `tx`, which is one IMMEDIATE transaction. */
export interface WriteDb {
  readonly kind: 'write';
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  readonly clock: HybridLogicalClock | null;
  now(): number;
}

export interface Store {
  readonly path: string;
  readonly read: ReadDb;
  readonly write: WriteDb;
  readonly schemaVersion: number;
  /** Runs `fn` in one transaction; its change records share one tx number. */
  tx<T>(fn: (w: WriteDb) => T): T;
  /**
   * One transaction applying changes made elsewhere: the change triggers stay quiet, because the caller
   * records each received change under its own device, seq and clock instead of as a new local edit.
   */
  applyRemote<T>(fn: (w: WriteDb) => T): T;
  /**
   * The same, for work that awaits between batches (a large bundle read chunk by chunk). The transaction
   * stays open across the awaits, so the caller must keep every other writer out meanwhile: the API
   * dispatcher runs such calls exclusively.
   */
  applyRemoteAsync<T>(fn: (w: WriteDb) => Promise<T>, opts?: RemoteTxOptions): Promise<T>;
  /** Starts the device's clock once its identity exists (first run creates it). */
  attachClock(deviceId: string): void;
  /** The full integrity check, run away from this thread on a schedule or when asked. */
  readonly integrity: IntegrityMonitor;
  close(): void;
}

export interface RemoteTxOptions {
  /**
   * TEMP tables of the transaction (a dry run's overlay, as large as the bundle) go to a temporary file
   * rather than memory, where the writing connection otherwise keeps its statement journals.
   */
  tempOnDisk?: boolean;
}

export interface OpenOptions {
  /** A better-sqlite3 build for another ABI (Electron's); Node's build in node_modules is the default. */
  nativeBinding?: string;
  /** Where pre-migration backups go; defaults to a `backups` folder beside the database. */
  backupDir?: string;
  wallClock?: () => number;
  migrations?: string;
  /**
   * When the scheduled full integrity check first runs after opening (ms), or null for never unless asked;
   * FULL_CHECK_DELAY_MS by default.
   */
  fullCheckAfterMs?: number | null;
}

const SQLITE_HEADER = 'SQLite format 3\0';

const corrupt = (file: string, detail: string) =>
  new AppFailure(
    'DB_CORRUPT',
    `数据库文件已损坏，无法打开：${file}（${detail}）。请从“备份”文件夹恢复最近的备份，原文件未作改动。`,
  );

const checkHeader = (file: string) => {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) throw corrupt(file, '不是 SQLite 数据库');
  } finally {
    closeSync(fd);
  }
};

const connect = (file: string, opts: OpenOptions, readonly: boolean): Database.Database => {
  const options: Database.Options = { readonly, fileMustExist: readonly };
  if (opts.nativeBinding) options.nativeBinding = opts.nativeBinding;
  return new Database(file, options);
};

/**
 * Drizzle prepares every query afresh, and a write to a synced table compiles its change-log triggers
 * into each statement: that compile was most of a single write's cost. Identical SQL reuses one statement.
 * Nothing here iterates statements lazily (`iterate()`), which is what could make a shared one busy.
 */
const cacheStatements = (db: Database.Database, max = 500): void => {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Drizzle switches statements to array rows for typed selects; hand each caller the default mode.
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    return stmt;
  }) as typeof db.prepare;
};

const hasUserTables = (db: Database.Database) =>
  (db
    .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .get() as number) > 0;

export const backupFileName = (dbFile: string, label: string, at: Date) =>
  `${basename(dbFile, '.sqlite')}.${label}.${at.toISOString().replace(/[:.]/g, '-')}.sqlite`;

export const openStore = async (file: string, opts: OpenOptions = {}): Promise<Store> => {
  const wallClock = opts.wallClock ?? Date.now;
  mkdirSync(dirname(file), { recursive: true });
  checkHeader(file);

  let sqlite: Database.Database;
  try {
    sqlite = connect(file, opts, false);
    sqlite.pragma('busy_timeout = 5000');
    // Only what opening reads; the whole file is checked on another thread (see ./integrity).
    const problems = startupCheck(sqlite);
    if (problems.length > 0) {
      sqlite.close();
      throw corrupt(file, problems.slice(0, 3).join('；'));
    }
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (/SQLITE_(CORRUPT|NOTADB)/.test(code)) throw corrupt(file, code);
    throw e;
  }

  try {
    // WAL for readers beside the writer; FULL because sites lose power and NORMAL can lose a commit.
    if (sqlite.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('WAL unavailable');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');

    let clock: HybridLogicalClock | null = null;
    let txDepth = 0;
    let currentTx: number | null = null;
    sqlite.function('bf_hlc', { deterministic: false }, (above: unknown) => {
      if (!clock) throw new Error('device clock not started');
      return clock.now(above as string | null);
    });
    // Groups a transaction's change records under the seq of its first record.
    sqlite.function('bf_tx', { deterministic: false }, (seq: unknown) => {
      if (txDepth === 0) return seq as number;
      currentTx ??= seq as number;
      return currentTx;
    });

    let capturing = true;
    sqlite.function('bf_capturing', { deterministic: false }, () => (capturing ? 1 : 0));

    sqlite.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
    registerSearchFunctions(sqlite);

    const migrations = readMigrations(opts.migrations ?? migrationsFolder());
    const plan = planMigrations(sqlite, migrations);
    if (plan.pending.length > 0) {
      if (hasUserTables(sqlite) && plan.applied > 0) {
        const dir = opts.backupDir ?? join(dirname(file), 'backups');
        mkdirSync(dir, { recursive: true });
        await sqlite.backup(
          join(dir, backupFileName(file, `before-${plan.pending[0]!.tag}`, new Date(wallClock()))),
        );
      }
      dropChangeTriggers(sqlite);
      applyMigrations(sqlite, plan.pending, wallClock);
    }
    installChangeTriggers(sqlite);
    cacheStatements(sqlite);
    // A write to a table with triggers (every synced table) keeps a statement journal, the pages it changes
    // to undo that statement alone; in a temporary file that was a dozen pwrite calls a row, 3 to 4 times
    // the cost of the row's own insert in a bulk import. In memory it holds what one statement changes: set
    // after the migrations, whose backfills may rewrite a whole table in one statement. Only a dry run
    // makes TEMP tables (it asks for them on disk); the app never VACUUMs; the large reads that could sort
    // on disk use the read connection.
    const TEMP_IN_MEMORY = 'temp_store = MEMORY';
    sqlite.pragma(TEMP_IN_MEMORY);

    const reader = connect(file, opts, true);
    cacheStatements(reader);
    const write: { -readonly [K in keyof WriteDb]: WriteDb[K] } = {
      kind: 'write',
      sqlite,
      orm: drizzle(sqlite, { schema }),
      clock: null,
      now: wallClock,
    };
    const read: ReadDb = { kind: 'read', sqlite: reader, orm: drizzle(reader, { schema }) };
    const runTx = sqlite.transaction((fn: (w: WriteDb) => unknown) => fn(write));
    const integrity = integrityMonitor(file, {
      nativeBinding: opts.nativeBinding,
      now: wallClock,
      scheduleAfterMs: opts.fullCheckAfterMs === undefined ? FULL_CHECK_DELAY_MS : opts.fullCheckAfterMs,
      busy: () => sqlite.inTransaction,
    });

    const store: Store = {
      path: file,
      read,
      write,
      schemaVersion: migrations.length,
      integrity,
      tx<T>(fn: (w: WriteDb) => T): T {
        if (txDepth > 0) return fn(write);
        txDepth = 1;
        currentTx = null;
        try {
          return runTx.immediate(fn) as T;
        } finally {
          txDepth = 0;
          currentTx = null;
        }
      },
      applyRemote<T>(fn: (w: WriteDb) => T): T {
        if (txDepth > 0) throw new Error('applyRemote cannot nest in another transaction');
        capturing = false;
        try {
          return store.tx(fn);
        } finally {
          capturing = true;
        }
      },
      async applyRemoteAsync<T>(fn: (w: WriteDb) => Promise<T>, opts: RemoteTxOptions = {}): Promise<T> {
        if (txDepth > 0) throw new Error('applyRemoteAsync cannot nest in another transaction');
        capturing = false;
        txDepth = 1;
        currentTx = null;
        // Set outside a transaction: SQLite refuses to move a TEMP schema that is open inside one.
        if (opts.tempOnDisk) sqlite.pragma('temp_store = FILE');
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(write);
          sqlite.exec('COMMIT');
          return result;
        } catch (e) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw e;
        } finally {
          txDepth = 0;
          currentTx = null;
          capturing = true;
          // Back to statement journals in memory; this also drops the TEMP schema the transaction used.
          if (opts.tempOnDisk) sqlite.pragma(TEMP_IN_MEMORY);
        }
      },
      attachClock(deviceId: string) {
        clock = new HybridLogicalClock(nodeFromDeviceId(deviceId), wallClock);
        // Only this machine's own stamps: a peer's clock far ahead must not become ours at the next start.
        // Nor a stamp of its own made while its clock was set years ahead: what carries one waits at every
        // receiver until it is issued again (以新设备身份继续), and new edits would only join it there.
        clock.restore(
          sqlite
            .prepare(
              `SELECT max(hlc) FROM change_log
               WHERE device_no IN (SELECT no FROM devices WHERE no = ${LOCAL_DEVICE_NO} OR former_self = 1)
                 AND hlc < ?`,
            )
            .pluck()
            .get(encodeHlc({ ms: wallClock() + clock.maxDrift, counter: 0, node: '0'.repeat(16) })) as
            string | null,
        );
        write.clock = clock;
      },
      close() {
        integrity.close();
        reader.close();
        sqlite.close();
      },
    };
    return store;
  } catch (e) {
    sqlite.close();
    throw e;
  }
};
