import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir } from './data-dir';
import { ensureElectronSqlite } from './electron-sqlite';
import { startBridge } from './serve';

// `npm start`: the desktop window where Electron's binary can be had; otherwise the same app through the
// local web bridge in the browser, said plainly.

const root = resolve(import.meta.dirname, '..');

/** Asks electron's package for its binary (it downloads on first use); bounded so a dead network fails fast. */
export const electronBinary = (): string | null => {
  const res = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    // A failed download prints a stack trace; the one sentence below says what matters.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return res.status === 0 && res.stdout ? res.stdout.trim() : null;
};

export const browserOpener = (platform: NodeJS.Platform): string[] =>
  platform === 'win32' ? ['cmd', '/c', 'start', '""'] : platform === 'darwin' ? ['open'] : ['xdg-open'];

const openInBrowser = (url: string) => {
  const [cmd, ...args] = browserOpener(process.platform);
  try {
    const child = spawn(cmd!, [...args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The printed address is enough.
  }
};

const runBridge = async (reason: string) => {
  console.log(
    `${reason}，改为在浏览器中打开帮扶台账。Electron is not available here, so the app opens in your browser instead.`,
  );
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const bridge = await startBridge({ dataDir: defaultDataDir(), appVersion: version });
  console.log(`请在浏览器中打开 / Open: ${bridge.url}`);
  console.log('按 Ctrl+C 退出 / Press Ctrl+C to quit.');
  openInBrowser(bridge.url);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

const main = async () => {
  const binary = electronBinary();
  if (!binary) return runBridge('未找到 Electron 程序（无法下载）');
  const electronVersion = (
    JSON.parse(readFileSync(resolve(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const sqlite = ensureElectronSqlite(root, electronVersion);
  if ('error' in sqlite) return runBridge(`无法为 Electron 编译 SQLite 模块（${sqlite.error}）`);
  const child = spawn(binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, BANGFU_SQLITE_BINDING: sqlite.path },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
