import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { contract, isMethod, type Access } from '../../electron/shared/contract';
import type { AppEventListener } from '../../electron/shared/events';
import { AppFailure, type AppError, type Result } from '../../electron/shared/errors';
import type { PrintTarget } from '../../electron/shared/print';
import type { ServedApp } from '../app';
import { lockDataFolder } from '../folderLock';
import type { ReportPrinter } from '../reports/printer';
import type { KeyStore } from '../sync/keystore';
import type { SecretStore } from '../sync/secrets';
import {
  ANSWERED,
  errorData,
  type HostMessage,
  type SyncAnswer,
  type SyncAsk,
  type WorkerMessage,
  type WorkerOptions,
} from './protocol';

/**
 * Node worker_threads rather than Electron's utilityProcess: a worker runs the same in plain Node (the web
 * bridge, the tests, the benchmarks) as in Electron's main process, so one host serves both shells and is
 * tested without the Electron binary; and a thread can wait on shared memory, which lets the synchronous
 * key store and secret store (safeStorage exists only in the main process) be answered by the host without
 * turning every service that signs or reads a password asynchronous.
 */
export interface WorkerAppOptions {
  dataDir: string;
  appVersion: string;
  background?: boolean;
  holder?: string;
  nativeBinding?: string;
  /** Stores that must stay on the host's thread (Electron's, behind safeStorage); files otherwise. */
  keyStore?: KeyStore;
  secrets?: SecretStore;
  /** Tests' clock and log, answered on the host's thread. */
  wallClock?: () => number;
  log?: (e: AppError) => void;
  /** The worker's script: the bundled one in the packaged app; the TypeScript source otherwise. */
  workerFile?: string;
}

const STOPPED = '数据服务意外停止，操作未完成。请关闭并重新打开帮扶台账（已保存的数据不受影响）。';
const CLOSING = '程序正在退出，操作未执行';

/**
 * Under TypeScript sources (tsx, vitest) the worker first registers tsx's loader, then imports the source:
 * Node 20 does not carry a parent's loader into a worker, nor apply `--import` before a worker's entry.
 */
const sourceWorker = (): { file: string; eval: boolean } => {
  const here = import.meta.url;
  // require.resolve picks the package's CommonJS build; the worker imports its ES module twin.
  const api = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./storeWorker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return { file: boot, eval: true };
};

interface Thread {
  /** Resolves once the worker serves calls; rejects with its typed error if it could not start. */
  readonly ready: Promise<string>;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  send(message: HostMessage): void;
  /** Closes (or quits) the worker's app, waits for it, and ends the thread. */
  finish(message: Extract<HostMessage, { type: 'quit' | 'close' }>): Promise<void>;
  readonly stopped: boolean;
}

interface ThreadHooks {
  event?: (message: Extract<WorkerMessage, { type: 'event' }>) => void;
  print?: (id: number, target: PrintTarget) => void;
  stopped?: () => void;
}

const startThread = (role: WorkerOptions['role'], opts: WorkerAppOptions, hooks: ThreadHooks): Thread => {
  const sync = new MessageChannel();
  const syncFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(syncFlag);
  const workerData: WorkerOptions = {
    role,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    background: opts.background ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    keyStore: opts.keyStore?.protection ?? null,
    secrets: opts.secrets?.protection ?? null,
    wallClock: opts.wallClock !== undefined,
    log: opts.log !== undefined,
    syncPort: sync.port2,
    syncFlag,
  };
  const script = opts.workerFile ? { file: opts.workerFile, eval: false } : sourceWorker();
  const worker = new Worker(script.file, { workerData, transferList: [sync.port2], eval: script.eval });

  const answerAsk = (q: SyncAsk): unknown => {
    switch (q.store) {
      case 'keyStore':
        return q.op === 'load' ? opts.keyStore!.load() : opts.keyStore!.save(q.pem);
      case 'secrets':
        if (q.op === 'get') return opts.secrets!.get(q.name);
        return q.op === 'set' ? opts.secrets!.set(q.name, q.value) : opts.secrets!.delete(q.name);
      case 'clock':
        return opts.wallClock!();
    }
  };
  sync.port1.on('message', (q: SyncAsk) => {
    let answer: SyncAnswer;
    try {
      answer = { ok: true, value: answerAsk(q) ?? null };
    } catch (e) {
      answer = { ok: false, error: errorData(e) };
    }
    sync.port1.postMessage(answer);
    Atomics.store(flag, 0, ANSWERED);
    Atomics.notify(flag, 0);
  });
  sync.port1.unref();

  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  // Why calls are refused from now on: the worker stopped, or the app is closing.
  let refusal: AppError | null = null;
  let exited = false;
  let closing: Promise<void> | null = null;
  let onClosed: () => void = () => undefined;
  const send = (message: HostMessage) => {
    if (!exited) worker.postMessage(message);
  };
  const refuse = (error: AppError) => {
    refusal ??= error;
    for (const answer of pending.values()) answer({ ok: false, error });
    pending.clear();
  };

  const ready = new Promise<string>((resolve, fail) => {
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          return resolve(message.dbPath);
        case 'failed':
          void worker.terminate();
          return fail(new AppFailure(message.error.code, message.error.message));
        case 'answer': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          return answer?.(message.result);
        }
        case 'event':
          return hooks.event?.(message);
        case 'print':
          return hooks.print?.(message.id, message.target);
        case 'log':
          return opts.log?.(message.error);
        case 'closed':
          return onClosed();
      }
    });
    worker.on('error', (e) => {
      refuse({ code: 'INTERNAL', message: STOPPED });
      fail(e);
    });
    worker.on('exit', () => {
      exited = true;
      refuse({ code: 'INTERNAL', message: STOPPED });
      fail(new AppFailure('INTERNAL', STOPPED));
      onClosed();
      if (!closing) hooks.stopped?.();
    });
  });
  ready.catch(() => undefined);

  return {
    ready,
    get stopped() {
      return refusal !== null;
    },
    send,
    call: (method, input) => {
      if (refusal) return Promise.resolve({ ok: false, error: refusal });
      const id = nextId++;
      return new Promise((answer) => {
        pending.set(id, answer);
        send({ type: 'call', id, method, input });
      });
    },
    finish: (message) => {
      closing ??= new Promise<void>((done) => {
        refuse({ code: 'INTERNAL', message: CLOSING });
        if (exited) return done();
        onClosed = done;
        send(message);
      }).then(() => worker.terminate().then(() => undefined));
      return closing;
    },
  };
};

/**
 * Opens the app in a worker thread; this thread only relays calls, answers and events. While a call that
 * runs alone (a bundle import) is under way there, read methods go to a second worker, the reader, with
 * its own read-only connection, so they are answered at once instead of between the import's chunks.
 */
export const openAppInWorker = async (opts: WorkerAppOptions): Promise<ServedApp> => {
  const listeners = new Set<AppEventListener>();
  let printer: ReportPrinter | null = null;
  let reader: Thread | null = null;
  const running: Record<Access, number> = { read: 0, write: 0, alone: 0, exclusive: 0 };

  mkdirSync(opts.dataDir, { recursive: true });
  const lock = lockDataFolder(opts.dataDir, opts.holder ?? '帮扶台账');
  const store: Thread = startThread('store', opts, {
    event: ({ event }) => {
      if (event.type === 'progress') reader?.send({ type: 'progress', progress: event.progress });
      for (const listener of listeners) listener(event);
    },
    print: (id, target) => {
      const printing = printer
        ? printer.print(target)
        : Promise.reject(new AppFailure('UNSUPPORTED', '此环境不能直接生成 PDF'));
      void printing.then(
        (bytes): void => store.send({ type: 'printed', id, result: { ok: true, value: bytes } }),
        (e: unknown): void => store.send({ type: 'printed', id, result: { ok: false, error: errorData(e) } }),
      );
    },
  });
  let dbPath: string;
  try {
    dbPath = await store.ready;
  } catch (e) {
    lock.release();
    throw e;
  }

  const startReader = () => {
    const started = startThread('reader', opts, {
      stopped: () => {
        if (reader === started) reader = null;
      },
    });
    started.ready.catch(() => {
      if (reader === started) reader = null;
    });
    return started;
  };

  /** Through the reader only while the store's worker is held by a call running alone; else as ever. */
  const viaReader = async (method: string, input: unknown): Promise<Result<unknown> | null> => {
    const current = reader;
    if (!current || running.alone === 0 || running.exclusive > 0) return null;
    try {
      await current.ready;
    } catch {
      return null;
    }
    return current.stopped ? null : current.call(method, input);
  };

  let finishing: Promise<void> | null = null;
  const finish = (message: Extract<HostMessage, { type: 'quit' | 'close' }>) => {
    finishing ??= (async () => {
      const closingReader = reader;
      reader = null;
      await closingReader?.finish({ type: 'close' });
      await store.finish(message);
      lock.release();
    })();
    return finishing;
  };

  return {
    dataDir: opts.dataDir,
    dbPath,
    invoke: async (method, input) => {
      const access = isMethod(method) ? contract[method].access : 'write';
      if (access === 'read') {
        const answered = await viaReader(method, input);
        if (answered) return answered;
      }
      if (access === 'alone' && !finishing) reader ??= startReader();
      // A restore replaces the database file, which cannot be renamed on Windows while the reader holds it.
      if (access === 'exclusive' && reader) {
        const closing = reader;
        reader = null;
        await closing.finish({ type: 'close' });
      }
      running[access]++;
      try {
        return await store.call(method, input);
      } finally {
        running[access]--;
      }
    },
    setPrinter: (next) => {
      printer = next;
      store.send({ type: 'printer', available: next !== null });
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    quit: () => finish({ type: 'quit' }),
    close: () => finish({ type: 'close' }),
  };
};

/** Where the bundled worker sits beside Electron's main bundle (dist-electron/). */
export const bundledWorkerFile = (bundleDir: string): string => join(bundleDir, 'storeWorker.cjs');
