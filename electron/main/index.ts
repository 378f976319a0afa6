import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { ServedApp } from '../../db/app';
import { bundledWorkerFile, openAppInWorker } from '../../db/worker/host';
import { SafeStorageSecretStore } from './secrets';
import { KEY_FILE_NAME } from '../../db/paths';
import { AppFailure } from '../shared/errors';
import { registerIpc, relayEvents } from './ipc';
import { electronPrinter } from './pdf';
import { SafeStorageKeyStore } from './keystore';
import { buildMenuTemplate } from './menu';
import { nativeBindingPath, preloadPath, rendererDir } from './paths';
import { PRIVILEGED_SCHEME, serveAppRequest } from './protocol';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, hardenApp } from './security';
import { buildWindowOptions } from './window';

// Lifecycle only: all behaviour lives in db/ (plain Node), runs in a worker thread so this process stays
// free for the window and its menus, and reaches the page through one IPC channel (events on one more).

// Both must happen before 'ready': every renderer sandboxed, and app:// a standard, secure origin.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);

let handle: ServedApp | null = null;

const createWindow = () => {
  const win = new BrowserWindow(buildWindowOptions(preloadPath(__dirname)));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
};

/** What the person sees when the store cannot be opened (corrupt file, newer schema, missing SQLite build). */
export const startupErrorMessage = (e: unknown): string =>
  e instanceof AppFailure ? e.message : `启动失败：${e instanceof Error ? e.message : String(e)}`;

const start = async () => {
  hardenApp(app, shell);
  denyPermissions(session.defaultSession);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform)));
  const ui = rendererDir(__dirname);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(ui, request));
  const dataDir = app.getPath('userData');
  const binding = nativeBindingPath({
    env: process.env,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '',
    exists: existsSync,
  });
  handle = await openAppInWorker({
    workerFile: bundledWorkerFile(__dirname),
    dataDir,
    appVersion: app.getVersion(),
    keyStore: new SafeStorageKeyStore(
      join(dataDir, `${KEY_FILE_NAME}.enc`),
      safeStorage,
      join(dataDir, KEY_FILE_NAME),
    ),
    secrets: new SafeStorageSecretStore(join(dataDir, 'secrets.enc'), safeStorage),
    background: true,
    holder: '桌面版',
    ...(binding ? { nativeBinding: binding } : {}),
  });
  // PDFs print in a hidden window with the main window's options: same sandbox, same isolation.
  handle.setPrinter(
    electronPrinter(() => new BrowserWindow({ ...buildWindowOptions(preloadPath(__dirname)), show: false })),
  );
  registerIpc(ipcMain, handle);
  const win = createWindow();
  relayEvents(handle, () => (win.isDestroyed() ? [] : [win.webContents]));
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
  // Quitting waits for the daily backup when one is due (a short session still gets its backup).
  app.on('will-quit', (event) => {
    const closing = handle;
    if (!closing) return;
    handle = null;
    event.preventDefault();
    void closing.quit().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('帮扶台账无法启动', startupErrorMessage(e));
      app.quit();
    });
}
