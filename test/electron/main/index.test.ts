import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The lifecycle module against fakes of Electron and of the store: what it registers, opens and shows.

const state = vi.hoisted(() => ({
  lock: true,
  openApp: null as unknown as (opts: unknown) => Promise<unknown>,
}));

const fakes = vi.hoisted(() => {
  const calls: Record<string, unknown[][]> = {};
  const record =
    (name: string, ret?: unknown) =>
    (...args: unknown[]) => {
      (calls[name] ??= []).push(args);
      return ret;
    };
  return { calls, record };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    enableSandbox: fakes.record('enableSandbox'),
    requestSingleInstanceLock: () => state.lock,
    quit: fakes.record('quit'),
    whenReady: () => Promise.resolve(),
    getPath: () => '/data/帮扶台账 Bangfu Ledger',
    getVersion: () => '0.1.0',
    getAppPath: () => '/src/bangfu',
    isPackaged: false,
  });
  class BrowserWindow extends Emitter {
    static getAllWindows = () => [];
    constructor(options: unknown) {
      super();
      fakes.record('BrowserWindow')(options);
    }
    loadURL = fakes.record('loadURL', Promise.resolve());
    show = fakes.record('show');
    destroy = fakes.record('destroy');
    isDestroyed = () => false;
    webContents = {
      send: fakes.record('send'),
      getURL: () => 'app://bangfu/index.html',
      executeJavaScript: () => Promise.resolve(true),
      printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.7')),
    };
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: fakes.record('showErrorBox') },
    ipcMain: { handle: fakes.record('ipcMain.handle') },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: fakes.record('setApplicationMenu') },
    protocol: {
      registerSchemesAsPrivileged: fakes.record('registerSchemesAsPrivileged'),
      handle: fakes.record('protocol.handle'),
    },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: vi.fn(), decryptString: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: fakes.record('setPermissionRequestHandler'),
        setPermissionCheckHandler: fakes.record('setPermissionCheckHandler'),
      },
    },
    shell: { openExternal: vi.fn() },
  };
});

vi.mock('../../../db/worker/host', () => ({
  openAppInWorker: (opts: unknown) => state.openApp(opts),
  bundledWorkerFile: (dir: string) => `${dir}/storeWorker.cjs`,
}));

const settle = () => new Promise((r) => setTimeout(r, 0));

const load = async () => {
  vi.resetModules();
  for (const k of Object.keys(fakes.calls)) delete fakes.calls[k];
  await import('../../../electron/main/index');
  await settle();
  const { app } = await import('electron');
  return app as unknown as EventEmitter;
};

describe('main process lifecycle', () => {
  beforeEach(() => {
    state.lock = true;
    delete process.env.BANGFU_SQLITE_BINDING;
  });

  it('sandboxes every renderer and registers app:// before the app is ready', async () => {
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: vi.fn(() => () => undefined),
    });
    await load();
    expect(fakes.calls.enableSandbox).toHaveLength(1);
    expect(fakes.calls.registerSchemesAsPrivileged?.[0]?.[0]).toEqual([
      expect.objectContaining({ scheme: 'app' }),
    ]);
  });

  it('opens the store in the user-data folder with the keychain store and the Electron SQLite build', async () => {
    let opts: Record<string, unknown> = {};
    state.openApp = async (o) => {
      opts = o as Record<string, unknown>;
      return {
        invoke: vi.fn(),
        close: vi.fn(),
        quit: vi.fn(async () => undefined),
        dataDir: '',
        setPrinter: vi.fn(),
        onEvent: vi.fn(() => () => undefined),
      };
    };
    process.env.BANGFU_SQLITE_BINDING = '/cache/better_sqlite3.node';
    await load();
    expect(opts).toMatchObject({
      dataDir: '/data/帮扶台账 Bangfu Ledger',
      appVersion: '0.1.0',
      nativeBinding: '/cache/better_sqlite3.node',
    });
    expect((opts.keyStore as { protection: string }).protection).toBe('os-keychain');
    expect((opts.secrets as { protection: string }).protection).toBe('os-keychain');
    // The store runs in a worker thread from the bundle beside main.cjs; this process only relays.
    expect(opts.workerFile).toMatch(/storeWorker\.cjs$/);
  });

  it('relays what the store pushes to the window on the event channel', async () => {
    let push: ((event: unknown) => void) | null = null;
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: (listener: (event: unknown) => void) => {
        push = listener;
        return () => undefined;
      },
    });
    await load();
    const { EVENT_CHANNEL } = await import('../../../electron/shared/ipc');
    const event = { type: 'progress', progress: { task: 'import', done: 5, total: 10 } };
    push!(event);
    expect(fakes.calls.send).toEqual([[EVENT_CHANNEL, event]]);
  });

  it('serves app://, registers one IPC handler, denies permissions and opens one hidden window', async () => {
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: vi.fn(() => () => undefined),
    });
    await load();
    expect(fakes.calls['protocol.handle']?.[0]?.[0]).toBe('app');
    expect(fakes.calls['ipcMain.handle']).toHaveLength(1);
    expect(fakes.calls.setPermissionRequestHandler).toHaveLength(1);
    expect(fakes.calls.setPermissionCheckHandler).toHaveLength(1);
    expect(fakes.calls.BrowserWindow).toHaveLength(1);
    const options = fakes.calls.BrowserWindow![0]![0] as {
      show: boolean;
      webPreferences: { sandbox: boolean };
    };
    expect(options.show).toBe(false);
    expect(options.webPreferences.sandbox).toBe(true);
    expect(fakes.calls.loadURL?.[0]?.[0]).toBe('app://bangfu/index.html');
    expect(fakes.calls.setApplicationMenu?.[0]?.[0]).not.toBeNull();
  });

  it('gives the store a printer for PDF exports, before the page can ask for one', async () => {
    const setPrinter = vi.fn();
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter,
      onEvent: vi.fn(() => () => undefined),
    });
    await load();
    expect(setPrinter).toHaveBeenCalledTimes(1);
    const printer = setPrinter.mock.calls[0]![0] as { print(t: unknown): Promise<Uint8Array> };
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    await printer.print({ kind: 'report', id });
    // A second window, hidden and sandboxed like the first, opened on the print view and destroyed.
    const options = fakes.calls.BrowserWindow![1]![0] as {
      show: boolean;
      webPreferences: { sandbox: boolean };
    };
    expect([options.show, options.webPreferences.sandbox]).toEqual([false, true]);
    expect(fakes.calls.loadURL?.[1]?.[0]).toBe(`app://bangfu/index.html#print=${id}`);
    expect(fakes.calls.destroy).toHaveLength(1);
  });

  it('closes the store when the app quits, after the backup that quitting may take', async () => {
    const quit = vi.fn(async () => undefined);
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit,
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: vi.fn(() => () => undefined),
    });
    // Earlier loads in this file left their handlers on the shared fake app.
    ((await import('electron')).app as unknown as EventEmitter).removeAllListeners('will-quit');
    const app = await load();
    const preventDefault = vi.fn();
    app.emit('will-quit', { preventDefault });
    expect(quit).toHaveBeenCalledTimes(1);
    expect(preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fakes.calls.quit).toHaveLength(1));
    // The second will-quit (from that quit) lets the app go.
    app.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });

  it('brings the first window back, restored and focused, when the app is launched again', async () => {
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: vi.fn(() => () => undefined),
    });
    ((await import('electron')).app as unknown as EventEmitter).removeAllListeners('second-instance');
    const app = await load();
    const win = { isMinimized: () => true, restore: vi.fn(), focus: vi.fn() };
    const { BrowserWindow } = (await import('electron')) as unknown as {
      BrowserWindow: { getAllWindows: () => unknown[] };
    };
    const before = BrowserWindow.getAllWindows;
    BrowserWindow.getAllWindows = () => [win];
    try {
      app.emit('second-instance');
    } finally {
      BrowserWindow.getAllWindows = before;
    }
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('shows the store’s Chinese message and quits when the database cannot be opened', async () => {
    state.openApp = async () => {
      // Imported here, after the module reset, so it is the class index.ts sees.
      const { AppFailure } = await import('../../../electron/shared/errors');
      throw new AppFailure('DB_TOO_NEW', '数据库由更新版本的帮扶台账创建，请升级程序后再打开。');
    };
    await load();
    expect(fakes.calls.showErrorBox?.[0]).toEqual([
      '帮扶台账无法启动',
      '数据库由更新版本的帮扶台账创建，请升级程序后再打开。',
    ]);
    expect(fakes.calls.quit).toHaveLength(1);
    expect(fakes.calls.BrowserWindow).toBeUndefined();
    expect(fakes.calls['ipcMain.handle']).toBeUndefined();
  });

  it('leaves at once when another instance already holds the lock', async () => {
    state.lock = false;
    const openApp = vi.fn();
    state.openApp = openApp;
    await load();
    expect(fakes.calls.quit).toHaveLength(1);
    expect(openApp).not.toHaveBeenCalled();
  });

  it('names the cause of an unexpected startup failure after a Chinese lead-in', async () => {
    state.openApp = async () => ({
      invoke: vi.fn(),
      close: vi.fn(),
      quit: vi.fn(async () => undefined),
      dataDir: '',
      setPrinter: vi.fn(),
      onEvent: vi.fn(() => () => undefined),
    });
    await load();
    const { startupErrorMessage } = await import('../../../electron/main/index');
    expect(startupErrorMessage(new Error('NODE_MODULE_VERSION 115'))).toBe(
      '启动失败：NODE_MODULE_VERSION 115',
    );
  });
});
