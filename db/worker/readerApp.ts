import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AppFailure } from '../../electron/shared/errors';
import { callThrough, createDispatcher, type Invoke } from '../api/registry';
import type { ReadDb, Store } from '../client';
import { readMigrations } from '../migrate';
import { DB_FILE_NAME, migrationsFolder } from '../paths';
import * as schema from '../schema';
import type { ServiceContext, WorkProgress } from '../services/context';
import { readIdentity } from '../services/setup';
import type { KeyStore } from '../sync/keystore';
import type { SecretStore } from '../sync/secrets';
import { integrityMonitor } from '../integrity';

export interface ReaderApp {
  invoke: Invoke;
  /** The writer's progress, mirrored so `sync.progress` answers here too. */
  setProgress(progress: WorkProgress | null): void;
  close(): void;
}

const readOnly = (): never => {
  throw new AppFailure('INTERNAL', '内部错误：只读连接不能写入，操作未执行');
};

/**
 * The reader: a second worker with its own read-only connection, answering the methods the contract marks
 * 'read' while the store's worker is busy with a call that runs alone (a bundle import holds its thread
 * between chunks for seconds). In WAL it sees the last commit, never the import's open transaction. It
 * takes no folder lock and runs no migration: the store's worker has opened the database before it starts.
 */
export const openReaderApp = (opts: {
  dataDir: string;
  appVersion: string;
  nativeBinding?: string;
  keyStore: KeyStore;
  secrets: SecretStore;
  log?: (e: unknown) => void;
}): ReaderApp => {
  const path = join(opts.dataDir, DB_FILE_NAME);
  const sqlite = new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  const read: ReadDb = { kind: 'read', sqlite, orm: drizzle(sqlite, { schema }) };
  const store: Store = {
    path,
    read,
    get write(): never {
      return readOnly();
    },
    schemaVersion: readMigrations(migrationsFolder()).length,
    tx: readOnly,
    applyRemote: readOnly,
    applyRemoteAsync: readOnly,
    attachClock: readOnly,
    // The store's worker runs the checks; this one only reads the result they record beside the file.
    integrity: integrityMonitor(path, {
      nativeBinding: opts.nativeBinding,
      now: Date.now,
      scheduleAfterMs: null,
    }),
    close: () => sqlite.close(),
  };
  const work: { current: WorkProgress | null } = { current: null };
  const ctx: ServiceContext = {
    store,
    keyStore: opts.keyStore,
    secrets: opts.secrets,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    // Read afresh each time: the store's worker may set the identity up (joining) while this one reads.
    identity: () => readIdentity(read),
    setIdentity: readOnly,
    work,
    printer: { current: null },
    replaceDatabase: readOnly,
    call: (method, input) => callThrough(invoke)(method, input),
  };
  const invoke = createDispatcher(ctx, opts.log);
  return {
    invoke,
    setProgress: (progress) => {
      work.current = progress;
    },
    close: () => sqlite.close(),
  };
};
