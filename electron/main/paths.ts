import { join } from 'node:path';

/** Where the shell finds its files. Pure, so the packaged and development layouts are both tested. */

export interface BindingContext {
  env: Record<string, string | undefined>;
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  electronVersion: string;
  exists: (path: string) => boolean;
}

/**
 * The better-sqlite3 build for Electron's ABI (node_modules holds Node's build, for the tests): the one
 * `npm start` names in BANGFU_SQLITE_BINDING, else the one packed as a resource, else the development cache
 * that scripts/electron-sqlite.ts fills. Undefined means better-sqlite3's default, which fails with a clear
 * ABI message in the error dialog.
 */
export const nativeBindingPath = (ctx: BindingContext): string | undefined => {
  const fromEnv = ctx.env.BANGFU_SQLITE_BINDING;
  if (fromEnv) return fromEnv;
  if (ctx.isPackaged) return join(ctx.resourcesPath, 'electron-sqlite', 'better_sqlite3.node');
  const dev = join(ctx.appPath, '.cache', 'electron-sqlite', ctx.electronVersion, 'better_sqlite3.node');
  return ctx.exists(dev) ? dev : undefined;
};

/** The bundles live in dist-electron/; the built UI beside it in dist/renderer (inside app.asar when packed). */
export const rendererDir = (bundleDir: string): string => join(bundleDir, '..', 'dist', 'renderer');
export const preloadPath = (bundleDir: string): string => join(bundleDir, 'preload.cjs');
