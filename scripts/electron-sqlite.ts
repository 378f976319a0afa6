import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Electron has its own Node ABI, so it needs its own better-sqlite3 build. It is built from a copy of the
// package into .cache/ and loaded through better-sqlite3's `nativeBinding` option: node_modules keeps
// Node's build, so `npm test` and `npm start` never break each other.

const require = createRequire(import.meta.url);

export const electronBindingPath = (root: string, electronVersion: string): string =>
  join(root, '.cache', 'electron-sqlite', electronVersion, 'better_sqlite3.node');

/** What electron-builder.yml packs as a resource: the build for the Electron version installed now. */
export const packagedBindingPath = (root: string): string =>
  join(root, '.cache', 'electron-sqlite', 'current', 'better_sqlite3.node');

export const nodeGypArgs = (electronVersion: string, arch: string): string[] => [
  'rebuild',
  '--release',
  `--target=${electronVersion}`,
  `--arch=${arch}`,
  '--runtime=electron',
  '--dist-url=https://electronjs.org/headers',
];

const findNodeGyp = (): string | null => {
  for (const candidate of [
    () => require.resolve('node-gyp/bin/node-gyp.js'),
    () =>
      join(
        dirname(process.execPath),
        '..',
        'lib',
        'node_modules',
        'npm',
        'node_modules',
        'node-gyp',
        'bin',
        'node-gyp.js',
      ),
  ]) {
    try {
      const path = candidate();
      if (existsSync(path)) return path;
    } catch {
      // try the next place
    }
  }
  return null;
};

/** Returns the path of an Electron-ABI build, building it once; null (with the reason) when it cannot. */
export const ensureElectronSqlite = (
  root: string,
  electronVersion: string,
): { path: string } | { error: string } => {
  const target = electronBindingPath(root, electronVersion);
  const publish = () => {
    mkdirSync(dirname(packagedBindingPath(root)), { recursive: true });
    copyFileSync(target, packagedBindingPath(root));
    return { path: target };
  };
  if (existsSync(target)) return publish();
  const gyp = findNodeGyp();
  if (!gyp) return { error: 'node-gyp not found' };
  const work = mkdtempSync(join(tmpdir(), 'bangfu-sqlite-'));
  try {
    cpSync(resolve(root, 'node_modules', 'better-sqlite3'), work, {
      recursive: true,
      filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
    });
    const res = spawnSync(process.execPath, [gyp, ...nodeGypArgs(electronVersion, process.arch)], {
      cwd: work,
      stdio: 'inherit',
      env: { ...process.env, npm_config_nodedir: '' },
      // Headers download plus a C compile of SQLite: minutes, not forever.
      timeout: 15 * 60_000,
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (res.status !== 0 || !existsSync(built)) {
      return { error: res.error ? `node-gyp: ${res.error.message}` : `node-gyp exited with ${res.status}` };
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return publish();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

// `tsx scripts/electron-sqlite.ts`: build (or reuse) it for the installed Electron, e.g. before packaging;
// exits non-zero when it cannot, so a packaging run never ships without it.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  const res = ensureElectronSqlite(root, version);
  if ('error' in res) {
    console.error(`无法为 Electron ${version} 编译 SQLite 模块：${res.error}`);
    process.exit(1);
  }
  console.log(`Electron ${version} SQLite build: ${res.path}`);
}
