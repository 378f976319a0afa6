import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
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
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (res.status !== 0 || !existsSync(built)) return { error: `node-gyp exited with ${res.status}` };
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return publish();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
