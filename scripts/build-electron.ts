import { build } from 'esbuild';

// Main and preload as CommonJS bundles: a sandboxed preload cannot be an ES module, and one file each keeps
// the packaged app small. Native and Electron modules stay external.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
} as const;

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist-electron/main.cjs',
    external: ['electron', 'better-sqlite3'],
    // db/paths.ts reads import.meta only when __dirname is absent, which never happens in this bundle.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist-electron/preload.cjs',
    external: ['electron'],
  }),
]);
console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
