import { resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

// Main and preload as CommonJS bundles: a sandboxed preload cannot be an ES module (and may require only
// 'electron' and a few polyfilled modules), and one file each keeps the packaged app small. Native and
// Electron modules stay external.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

export const mainBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist-electron/main.cjs',
  external: ['electron', 'better-sqlite3'],
  // db/paths.ts reads import.meta only when __dirname is absent, which never happens in this bundle.
  logOverride: { 'empty-import-meta': 'silent' },
};

/** The worker thread that holds the store (db/worker); only the SQLite build stays outside. */
export const workerBundle: BuildOptions = {
  ...common,
  entryPoints: ['db/worker/storeWorker.ts'],
  outfile: 'dist-electron/storeWorker.cjs',
  external: ['better-sqlite3'],
  logOverride: { 'empty-import-meta': 'silent' },
};

export const preloadBundle: BuildOptions = {
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
};

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await Promise.all([build(mainBundle), build(workerBundle), build(preloadBundle)]);
  console.log('built dist-electron/main.cjs, dist-electron/storeWorker.cjs and dist-electron/preload.cjs');
}
