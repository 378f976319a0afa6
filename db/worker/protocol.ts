import type { MessagePort } from 'node:worker_threads';
import type { AppEvent } from '../../electron/shared/events';
import { AppFailure, type AppError, type Result } from '../../electron/shared/errors';
import type { PrintTarget } from '../../electron/shared/print';
import type { WorkProgress } from '../services/context';

// The messages between the shell's thread (the host: Electron's main process or the web bridge) and the
// worker that holds the store and runs the dispatcher. Calls and their answers are matched by id; the
// worker pushes events; the worker asks the host for what only the host has (the OS keychain behind the
// key store and the saved passwords, the clock and log a test supplies, the printer's window or browser).

/** What the worker opens with (workerData): the app's options, and which parts the host answers. */
export interface WorkerOptions {
  /** 'store' opens the app; 'reader' only answers read methods on a read-only connection (readerApp.ts). */
  role: 'store' | 'reader';
  dataDir: string;
  appVersion: string;
  background: boolean;
  nativeBinding?: string;
  /** Set when the host holds the store: its protection, shown in Settings. */
  keyStore: Protection | null;
  secrets: Protection | null;
  wallClock: boolean;
  log: boolean;
  /** The channel of the blocking asks (key store, secrets, clock): their port and the flag to wait on. */
  syncPort: MessagePort;
  syncFlag: SharedArrayBuffer;
}

export type Protection = 'os-keychain' | 'file-0600';

export type HostMessage =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'printer'; available: boolean }
  | { type: 'progress'; progress: WorkProgress | null }
  | { type: 'printed'; id: number; result: Result<Uint8Array> }
  | { type: 'quit' }
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'ready'; dbPath: string }
  | { type: 'failed'; error: AppError }
  | { type: 'answer'; id: number; result: Result<unknown> }
  | { type: 'event'; event: AppEvent }
  | { type: 'print'; id: number; target: PrintTarget }
  | { type: 'log'; error: AppError }
  | { type: 'closed' };

/**
 * What the worker asks and must have answered before it can go on: the key store and secret store are
 * synchronous interfaces used deep inside services, and so is the clock. The worker posts the ask, waits
 * on the shared flag, and takes the answer off its port (receiveMessageOnPort), while the host, whose
 * event loop is free, answers.
 */
export type SyncAsk =
  | { store: 'keyStore'; op: 'load' }
  | { store: 'keyStore'; op: 'save'; pem: string }
  | { store: 'secrets'; op: 'get'; name: string }
  | { store: 'secrets'; op: 'set'; name: string; value: string }
  | { store: 'secrets'; op: 'delete'; name: string }
  | { store: 'clock'; op: 'now' };

export type SyncAnswer = { ok: true; value: unknown } | { ok: false; error: AppError };

/** Index 0 of the shared flag: 0 while an ask is out, 1 once the host has posted its answer. */
export const ANSWERED = 1;
export const ASKING = 0;

/** An error as plain data, whatever was thrown: an AppFailure keeps its code and Chinese message. */
export const errorData = (e: unknown): AppError =>
  e instanceof AppFailure
    ? { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) }
    : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
