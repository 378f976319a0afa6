import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir, packageVersion } from './data-dir';
import { ensureElectronSqlite } from './electron-sqlite';
import { startBridge } from './serve';

// `npm start`: the desktop window where Electron's binary can be had; otherwise the same app through the
// local web bridge in the browser, said in one plain sentence.

const root = resolve(import.meta.dirname, '..');

export type Fallback = { kind: 'no-electron' } | { kind: 'no-sqlite'; detail: string };
export type LaunchPlan =
  { mode: 'electron'; binary: string; binding: string } | { mode: 'browser'; fallback: Fallback };

export const fallbackSentence = (f: Fallback): string =>
  f.kind === 'no-electron'
    ? '未找到 Electron 程序（无法下载），改为在浏览器中打开：Electron is not available, opening the app in your browser instead.'
    : `无法为 Electron 编译 SQLite 模块（${f.detail}），改为在浏览器中打开：SQLite could not be built for Electron, opening the app in your browser instead.`;

/** The decision, apart from the slow parts: no binary, or no SQLite build for it, means the browser. */
export const planLaunch = (
  binary: string | null,
  buildSqlite: () => { path: string } | { error: string },
): LaunchPlan => {
  if (!binary) return { mode: 'browser', fallback: { kind: 'no-electron' } };
  const sqlite = buildSqlite();
  if ('error' in sqlite) return { mode: 'browser', fallback: { kind: 'no-sqlite', detail: sqlite.error } };
  return { mode: 'electron', binary, binding: sqlite.path };
};

/**
 * Holds a child's output back for `delayMs`: an offline machine fails at once and shows only our sentence,
 * while a real download (which takes longer) shows its progress from then on.
 */
export const deferredEcho = (write: (chunk: string) => void, delayMs: number) => {
  let buffered = '';
  let live = false;
  const timer = setTimeout(() => {
    live = true;
    write(buffered);
    buffered = '';
  }, delayMs);
  return {
    push(chunk: string) {
      if (live) write(chunk);
      else buffered += chunk;
    },
    stop() {
      clearTimeout(timer);
    },
  };
};

const PATH_MARK = 'BANGFU_ELECTRON_PATH=';

/** The node arguments that ask electron's package for its binary path (it downloads on first use). */
export const electronProbeArgs = (): string[] => [
  '-e',
  // The path goes on its own marked line, apart from the download's messages; a failure's stack stays quiet.
  `try { process.stdout.write('\\n${PATH_MARK}' + require('electron') + '\\n') } catch { process.exit(1) }`,
];

/** Splits the probe's stdout into the binary path (from its marked line) and everything else. */
export const parseProbeOutput = (stdout: string): { path: string | null; rest: string } => {
  const lines = stdout.split(/\r?\n/);
  const marked = lines.find((l) => l.startsWith(PATH_MARK));
  return {
    path: marked ? marked.slice(PATH_MARK.length).trim() || null : null,
    rest: lines.filter((l) => !l.startsWith(PATH_MARK)).join('\n'),
  };
};

export const electronBinary = (timeoutMs = 180_000): Promise<string | null> =>
  new Promise((done) => {
    const child = spawn(process.execPath, electronProbeArgs(), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const echo = deferredEcho((s) => process.stderr.write(s), 3_000);
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      // Progress lines are shown (after the delay); the marked path line comes last and is held back.
      if (!b.toString().includes(PATH_MARK)) echo.push(b.toString());
    });
    child.stderr.on('data', (b: Buffer) => echo.push(b.toString()));
    child.on('error', () => {
      echo.stop();
      done(null);
    });
    child.on('close', (code) => {
      echo.stop();
      const { path } = parseProbeOutput(stdout);
      done(code === 0 && path && existsSync(path) ? path : null);
    });
  });

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

const runBridge = async (fallback: Fallback) => {
  console.log(fallbackSentence(fallback));
  let bridge: Awaited<ReturnType<typeof startBridge>>;
  try {
    bridge = await startBridge({ dataDir: defaultDataDir(), appVersion: packageVersion() });
  } catch (e) {
    console.error(`帮扶台账无法启动：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  console.log(`请在浏览器中打开 / Open: ${bridge.url}`);
  console.log('按 Ctrl+C 退出 / Press Ctrl+C to quit.');
  openInBrowser(bridge.url);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

const main = async () => {
  const electronVersion = (
    JSON.parse(readFileSync(resolve(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const plan = planLaunch(await electronBinary(), () => ensureElectronSqlite(root, electronVersion));
  if (plan.mode === 'browser') return runBridge(plan.fallback);
  const child = spawn(plan.binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, BANGFU_SQLITE_BINDING: plan.binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
