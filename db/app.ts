import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../electron/shared/errors';
import type { AppEvent, AppEventListener } from '../electron/shared/events';
import { callThrough, createDispatcher } from './api/registry';
import { openStore, type Store } from './client';
import { swapDatabase } from './swapDatabase';
import { lockDataFolder } from './folderLock';
import { DB_FILE_NAME, KEY_FILE_NAME } from './paths';
import type { ReportPrinter } from './reports/printer';
import type { Identity, ServiceContext, WorkProgress } from './services/context';
import { readIdentity } from './services/setup';
import { FileKeyStore, type KeyStore } from './sync/keystore';
import { rotateIfStale } from './sync/recover';
import { FileSecretStore, type SecretStore } from './sync/secrets';

/** What a shell serves: the store on the shell's own thread (openApp) or in a worker (db/worker/host). */
export interface ServedApp {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  close(): void | Promise<void>;
  /** The running app's way out: the scheduled backup if a day has passed since the last, then close. */
  quit(): Promise<void>;
  readonly dataDir: string;
  readonly dbPath: string;
  /** The shell's way to print reports to PDF, once it has a window (or a browser) to print with. */
  setPrinter(printer: ReportPrinter | null): void;
  /** What the backend pushes (progress of a long task); returns how to stop listening. */
  onEvent(listener: AppEventListener): () => void;
}

export interface AppHandle extends ServedApp {
  close(): void;
}

export interface OpenAppOptions {
  dataDir: string;
  keyStore?: KeyStore;
  secrets?: SecretStore;
  /** Deliver the outbox and look at the inbox folder on a timer (the running app; tests call them). */
  background?: boolean;
  nativeBinding?: string;
  appVersion: string;
  wallClock?: () => number;
  log?: (e: unknown) => void;
  /** Who holds the data folder, as a second instance is told (网页版 / 桌面版 …). */
  holder?: string;
  /**
   * False when the caller already holds the folder's lock. The worker host takes it on the shell's thread:
   * a lock records its process, and only the thread that took it knows it is held, so a worker could not
   * tell another thread's live lock from one copied in with the folder.
   */
  lockFolder?: boolean;
}

/** Opens the store in `dataDir` and returns the API both transports serve. Plain Node: no Electron here. */
export const openApp = async (opts: OpenAppOptions): Promise<AppHandle> => {
  const dbPath = join(opts.dataDir, DB_FILE_NAME);
  mkdirSync(opts.dataDir, { recursive: true });
  const lock =
    opts.lockFolder === false
      ? { release: () => undefined }
      : lockDataFolder(opts.dataDir, opts.holder ?? '帮扶台账');
  const storeOptions = {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.wallClock ? { wallClock: opts.wallClock } : {}),
  };
  let store: Store;
  try {
    store = await openStore(dbPath, storeOptions);
  } catch (e) {
    lock.release();
    throw e;
  }
  const keyStore = opts.keyStore ?? new FileKeyStore(join(opts.dataDir, KEY_FILE_NAME));
  let identity: Identity | null = null;
  // A database older than what its identity already sent, or without its key, continues as a new device.
  const adopt = () => {
    rotateIfStale(store, keyStore, opts.dataDir);
    identity = readIdentity(store.read);
    if (identity) store.attachClock(identity.deviceId);
  };
  adopt();
  const listeners = new Set<AppEventListener>();
  const emit = (event: AppEvent) => {
    for (const listener of listeners) listener(event);
  };
  let work: WorkProgress | null = null;
  const ctx: ServiceContext = {
    get store() {
      return store;
    },
    async replaceDatabase(from) {
      const open = () => openStore(dbPath, storeOptions);
      store.close();
      try {
        store = await swapDatabase(dbPath, from, open);
      } catch (e) {
        store = await open();
        throw e;
      } finally {
        adopt();
      }
    },
    keyStore,
    secrets: opts.secrets ?? new FileSecretStore(join(opts.dataDir, 'secrets')),
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    // Services set the long task's progress here; every change is also pushed, so no one has to poll.
    work: {
      get current() {
        return work;
      },
      set current(progress) {
        work = progress;
        emit({ type: 'progress', progress });
      },
    },
    printer: { current: null },
    identity: () => identity,
    setIdentity: (i) => {
      identity = i;
    },
    call: (method, input) => callThrough(invoke)(method, input),
  };
  const invoke = createDispatcher(ctx, opts.log);
  const timers = opts.background ? [startBackgroundWork(invoke), startBackupSchedule(invoke)] : [];
  const close = () => {
    for (const timer of timers) clearInterval(timer);
    store.close();
    lock.release();
  };
  return {
    invoke,
    close,
    quit: async () => {
      // A failure is recorded where Settings shows it; quitting goes on.
      if (opts.background) await invoke('backups.runScheduled', {});
      close();
    },
    dataDir: opts.dataDir,
    dbPath,
    setPrinter: (printer) => {
      ctx.printer.current = printer;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

const BACKGROUND_EVERY_MS = 20_000;
const BACKUP_CHECK_EVERY_MS = 60 * 60_000;

/**
 * Hourly: the daily backup if it is due (the service decides, and records a failure where Settings shows
 * it). Not at once on start, so opening the app stays quick; a short session is covered at quit.
 */
const startBackupSchedule = (invoke: AppHandle['invoke']): NodeJS.Timeout => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void invoke('backups.runScheduled', {}).finally(() => {
      running = false;
    });
  }, BACKUP_CHECK_EVERY_MS);
  timer.unref();
  return timer;
};

/**
 * Every 20 s: what the outbox has due and what the inbox folder holds, through the API like any caller.
 * One pass at a time; failures land in the outbox and inbox lists, where people see them.
 */
const startBackgroundWork = (invoke: AppHandle['invoke']): NodeJS.Timeout => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const status = await invoke('app.status', {});
      if (status.ok && (status.value as { mode: string | null }).mode) {
        await invoke('delivery.run', {});
        await invoke('inbox.scan', {});
      }
    })().finally(() => {
      running = false;
    });
  }, BACKGROUND_EVERY_MS);
  timer.unref();
  return timer;
};
