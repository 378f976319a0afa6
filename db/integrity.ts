import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { writeDurably } from './files/durable';

// Integrity of the database file. A full integrity_check reads every page: 4-13 s on a department's
// 800 MB file, half a minute from a cold disk, so opening the app cannot wait for it. At start only what
// opening reads is checked (the file header, the schema, the small tables of identity and migrations);
// the full check runs on its own thread and read-only connection, a while after opening and then weekly,
// and whenever Settings asks. Its result is kept in a file beside the database (a damaged database may
// not take the write) and shown in Settings.

export interface IntegrityResult {
  /** When the check finished (Unix ms). */
  checkedAt: number;
  ok: boolean;
  /** What integrity_check reported, at most 50 lines. */
  problems: string[];
  /** How long it took. */
  ms: number;
}

export interface IntegrityMonitor {
  /** The newest full check of this file, or null when none has run on it. */
  last(): IntegrityResult | null;
  running(): boolean;
  /** Runs the full check now (or joins the one running) and records its result. */
  check(): Promise<IntegrityResult>;
  close(): void;
}

export const FULL_CHECK_EVERY_MS = 7 * 24 * 60 * 60 * 1000;
/** How long after opening the scheduled check starts, so it does not compete with the first screens. */
export const FULL_CHECK_DELAY_MS = 60_000;
/** How often a scheduled check that found a long write under way looks again. */
export const FULL_CHECK_BUSY_RETRY_MS = 5_000;

// Read while opening: the schema, the migrations, who this device is. Each is a few pages.
const START_TABLES = ['sqlite_schema', 'schema_migrations', 'device_state', 'devices', 'sites', 'settings'];

/** quick_check of the tables opening reads; an empty list means they are sound. */
export const startupCheck = (sqlite: Database.Database): string[] => {
  const present = new Set(
    sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  return START_TABLES.filter((t) => t === 'sqlite_schema' || present.has(t)).flatMap((t) =>
    (sqlite.pragma(`quick_check("${t}")`) as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((m) => m !== 'ok'),
  );
};

const recordPath = (file: string) => join(dirname(file), `${basename(file, '.sqlite')}.integrity.json`);

interface Saved extends IntegrityResult {
  /** The file checked (its inode): a database put in place by a restore is another file. */
  ino: number;
}

const readRecord = (file: string): IntegrityResult | null => {
  const path = recordPath(file);
  if (!existsSync(path) || !existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Saved;
    if (r.ino !== statSync(file).ino) return null;
    return { checkedAt: r.checkedAt, ok: r.ok, problems: r.problems, ms: r.ms };
  } catch {
    return null;
  }
};

const writeRecord = (file: string, result: IntegrityResult) => {
  const record: Saved = { ...result, ino: statSync(file).ino };
  writeDurably(recordPath(file), Buffer.from(JSON.stringify(record)));
};

// CommonJS, evaluated as the worker's source: the bundled Electron main has no file of its own for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  const options = { readonly: true, fileMustExist: true };
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
  db = new Database(workerData.file, options);
  db.pragma('busy_timeout = 5000');
  const lines = db.pragma('integrity_check').map((r) => r.integrity_check);
  parentPort.postMessage(lines.filter((m) => m !== 'ok'));
} catch (e) {
  parentPort.postMessage([String((e && e.message) || e)]);
} finally {
  if (db) db.close();
}
`;

const sqliteModule = (): string =>
  (typeof require === 'function' ? require : createRequire(import.meta.url)).resolve('better-sqlite3');

/** integrity_check of `file` on a worker thread with its own read-only connection. */
const checkOnWorker = (file: string, nativeBinding: string | undefined, now: () => number) => {
  const start = now();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, module: sqliteModule(), nativeBinding },
  });
  // A check still running must not keep a closing process alive.
  worker.unref();
  const done = new Promise<IntegrityResult>((resolve, reject) => {
    worker.once('message', (problems: string[]) =>
      resolve({
        checkedAt: now(),
        ok: problems.length === 0,
        problems: problems.slice(0, 50),
        ms: now() - start,
      }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`integrity check stopped (exit ${code})`)));
  });
  return { done, stop: () => void worker.terminate() };
};

export interface MonitorOptions {
  nativeBinding?: string | undefined;
  now: () => number;
  /** Delay before the scheduled check, or null for none (only when asked). */
  scheduleAfterMs: number | null;
  /**
   * A write under way. An import holds its transaction open for minutes at a department: a scheduled check
   * then would check the file as it was before it, beside it on the same cores and in its memory peak, so
   * it waits for the write's end. A check a person asks for runs at once.
   */
  busy?: () => boolean;
}

export const integrityMonitor = (file: string, opts: MonitorOptions): IntegrityMonitor => {
  let current: { done: Promise<IntegrityResult>; stop(): void } | null = null;
  let closed = false;
  const check = (): Promise<IntegrityResult> => {
    if (closed) return Promise.reject(new Error('store closed'));
    if (!current) {
      const run = checkOnWorker(file, opts.nativeBinding, opts.now);
      current = run;
      run.done = run.done.then((result) => {
        if (!closed) writeRecord(file, result);
        return result;
      });
      void run.done
        .finally(() => {
          if (current === run) current = null;
        })
        .catch(() => undefined);
    }
    return current.done;
  };
  const last = () => readRecord(file);
  const due = () => {
    const prior = last();
    return !prior || opts.now() - prior.checkedAt >= FULL_CHECK_EVERY_MS;
  };
  // First a while after opening, then hourly: a week after the last check it is due again.
  let hourly: NodeJS.Timeout | null = null;
  let waiting: NodeJS.Timeout | null = null;
  const tick = () => {
    if (closed || !due()) return;
    if (opts.busy?.()) {
      if (waiting) clearTimeout(waiting);
      waiting = setTimeout(tick, FULL_CHECK_BUSY_RETRY_MS);
      waiting.unref();
      return;
    }
    // A failure to run is not a finding about the file; the next tick tries again.
    check().catch(() => undefined);
  };
  const timer =
    opts.scheduleAfterMs === null
      ? null
      : setTimeout(() => {
          tick();
          hourly = setInterval(tick, 60 * 60_000);
          hourly.unref();
        }, opts.scheduleAfterMs);
  timer?.unref();
  return {
    last,
    running: () => current !== null,
    check,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (hourly) clearInterval(hourly);
      if (waiting) clearTimeout(waiting);
      current?.stop();
    },
  };
};
