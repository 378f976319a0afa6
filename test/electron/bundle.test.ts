import { builtinModules } from 'node:module';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mainBundle, preloadBundle, workerBundle } from '../../scripts/build-electron';

// What each bundle still requires at run time, found by building it in memory with the real options.
const requires = async (options: BuildOptions): Promise<string[]> => {
  const out = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent' });
  const js = out.outputFiles.find((f) => f.path.endsWith('.cjs'))!.text;
  return [...new Set([...js.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
};

describe('Electron bundles', () => {
  it('give the sandboxed preload nothing to require but electron (a sandbox cannot load other modules)', async () => {
    expect(await requires(preloadBundle)).toEqual(['electron']);
  });

  it('keep the preload to one small file: no zod, no contract code, only the channel name', async () => {
    const out = await build({ ...preloadBundle, write: false, sourcemap: false, logLevel: 'silent' });
    expect(out.outputFiles[0]!.text.length).toBeLessThan(4_000);
  });

  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

  it('leave main requiring only electron and Node built-ins: SQLite is loaded by the store worker', async () => {
    const external = (await requires(mainBundle)).filter((m) => !builtins.has(m));
    expect(external).toEqual(['electron']);
  });

  it('leave the store worker requiring only better-sqlite3 and Node built-ins, never electron', async () => {
    const external = (await requires(workerBundle)).filter((m) => !builtins.has(m));
    expect(external).toEqual(['better-sqlite3']);
    expect(workerBundle).toMatchObject({ format: 'cjs', outfile: 'dist-electron/storeWorker.cjs' });
  });

  it('are CommonJS, which a sandboxed preload and package.json "main" both need', () => {
    expect(mainBundle).toMatchObject({ format: 'cjs', outfile: 'dist-electron/main.cjs', platform: 'node' });
    expect(preloadBundle).toMatchObject({ format: 'cjs', outfile: 'dist-electron/preload.cjs' });
  });
});
