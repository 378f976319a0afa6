import { join } from 'node:path';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../electron/shared/errors';
import { openApp, type AppHandle } from '../app';
import { DB_FILE_NAME, KEY_FILE_NAME } from '../paths';
import type { ReportPrinter } from '../reports/printer';
import { FileKeyStore, type KeyStore } from '../sync/keystore';
import { FileSecretStore, type SecretStore } from '../sync/secrets';
import { openReaderApp } from './readerApp';
import {
  ASKING,
  errorData,
  type HostMessage,
  type SyncAnswer,
  type SyncAsk,
  type WorkerMessage,
  type WorkerOptions,
} from './protocol';

// The worker thread that holds the store: it opens the app (database, folder lock, timers) and runs every
// call through the dispatcher here, so the shell's thread only relays. Started as a 'reader', it answers
// read methods on its own read-only connection while the store's worker runs a call alone. See
// protocol.ts for the messages.

const opts = workerData as WorkerOptions;
const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const flag = new Int32Array(opts.syncFlag);

const ask = (question: SyncAsk): unknown => {
  Atomics.store(flag, 0, ASKING);
  opts.syncPort.postMessage(question);
  Atomics.wait(flag, 0, ASKING);
  const answer = receiveMessageOnPort(opts.syncPort)?.message as SyncAnswer | undefined;
  if (!answer) throw new AppFailure('INTERNAL', '内部错误：主进程没有回答数据服务的请求');
  if (!answer.ok) throw new AppFailure(answer.error.code, answer.error.message, answer.error.fields);
  return answer.value;
};

const keyStore = (protection: KeyStore['protection']): KeyStore => ({
  protection,
  load: () => ask({ store: 'keyStore', op: 'load' }) as string | null,
  save: (pem) => void ask({ store: 'keyStore', op: 'save', pem }),
});

const secrets = (protection: SecretStore['protection']): SecretStore => ({
  protection,
  get: (name) => ask({ store: 'secrets', op: 'get', name }) as string | null,
  set: (name, value) => void ask({ store: 'secrets', op: 'set', name, value }),
  delete: (name) => void ask({ store: 'secrets', op: 'delete', name }),
});

let nextPrint = 1;
const printing = new Map<number, { ok: (b: Uint8Array) => void; fail: (e: unknown) => void }>();
const printer: ReportPrinter = {
  print: (target) =>
    new Promise((ok, fail) => {
      const id = nextPrint++;
      printing.set(id, { ok, fail });
      post({ type: 'print', id, target });
    }),
};

const start = async (): Promise<AppHandle> =>
  openApp({
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    background: opts.background,
    lockFolder: false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.keyStore ? { keyStore: keyStore(opts.keyStore) } : {}),
    ...(opts.secrets ? { secrets: secrets(opts.secrets) } : {}),
    ...(opts.wallClock ? { wallClock: () => ask({ store: 'clock', op: 'now' }) as number } : {}),
    ...(log ? { log } : {}),
  });

const log = opts.log ? (e: unknown) => post({ type: 'log', error: errorData(e) }) : undefined;

const closed = () => {
  for (const { fail } of printing.values()) fail(new AppFailure('INTERNAL', '程序正在退出，打印已取消'));
  post({ type: 'closed' });
};

const answer = (app: Pick<AppHandle, 'invoke'>, id: number, method: string, input: unknown) =>
  void app.invoke(method, input).then((result) => post({ type: 'answer', id, result }));

const serve = (app: AppHandle) => {
  app.onEvent((event) => post({ type: 'event', event }));
  port.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'call':
        return answer(app, message.id, message.method, message.input);
      case 'printer':
        app.setPrinter(message.available ? printer : null);
        return;
      case 'printed': {
        const waiting = printing.get(message.id);
        printing.delete(message.id);
        if (!waiting) return;
        const { result } = message;
        if (result.ok) waiting.ok(result.value);
        else waiting.fail(new AppFailure(result.error.code, result.error.message));
        return;
      }
      case 'quit':
        void app.quit().finally(closed);
        return;
      case 'close':
        app.close();
        closed();
        return;
    }
  });
  post({ type: 'ready', dbPath: app.dbPath });
};

const serveReads = () => {
  const reader = openReaderApp({
    dataDir: opts.dataDir,
    appVersion: opts.appVersion,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    keyStore: opts.keyStore ? keyStore(opts.keyStore) : new FileKeyStore(join(opts.dataDir, KEY_FILE_NAME)),
    secrets: opts.secrets ? secrets(opts.secrets) : new FileSecretStore(join(opts.dataDir, 'secrets')),
    ...(log ? { log } : {}),
  });
  port.on('message', (message: HostMessage) => {
    if (message.type === 'call') answer(reader, message.id, message.method, message.input);
    else if (message.type === 'progress') reader.setProgress(message.progress);
    else if (message.type === 'close' || message.type === 'quit') {
      reader.close();
      closed();
    }
  });
  post({ type: 'ready', dbPath: join(opts.dataDir, DB_FILE_NAME) });
};

if (opts.role === 'reader') {
  try {
    serveReads();
  } catch (e) {
    post({ type: 'failed', error: errorData(e) });
  }
} else start().then(serve, (e: unknown) => post({ type: 'failed', error: errorData(e) }));
