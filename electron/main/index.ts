import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { openApp, type AppHandle } from '../../db/app';
import { AppFailure } from '../shared/errors';
import { registerIpc } from './ipc';
import { SafeStorageKeyStore } from './keystore';
import { PRIVILEGED_SCHEME, serveAppRequest } from './protocol';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, hardenApp } from './security';
import { buildWindowOptions } from './window';

// Lifecycle only: all behaviour lives in db/ (plain Node) and reaches the page through one IPC channel.

protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);

const rendererDir = join(__dirname, '..', 'dist', 'renderer');
const nativeBinding = (): string | undefined =>
  process.env.BANGFU_SQLITE_BINDING ??
  (app.isPackaged ? join(process.resourcesPath, 'electron-sqlite', 'better_sqlite3.node') : undefined);

let handle: AppHandle | null = null;

const createWindow = () => {
  const win = new BrowserWindow(buildWindowOptions(join(__dirname, 'preload.cjs')));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
};

const start = async () => {
  hardenApp(app, shell);
  denyPermissions(session.defaultSession);
  Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
  const dataDir = app.getPath('userData');
  const binding = nativeBinding();
  handle = await openApp({
    dataDir,
    appVersion: app.getVersion(),
    keyStore: new SafeStorageKeyStore(join(dataDir, 'device-key.pem'), safeStorage),
    ...(binding ? { nativeBinding: binding } : {}),
  });
  registerIpc(ipcMain, handle);
  createWindow();
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => handle?.close());
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = e instanceof AppFailure ? e.message : `启动失败：${(e as Error).message}`;
      dialog.showErrorBox('帮扶台账无法启动', message);
      app.quit();
    });
}
