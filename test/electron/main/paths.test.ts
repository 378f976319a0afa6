import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath, preloadPath, rendererDir } from '../../../electron/main/paths';

const base = {
  env: {},
  isPackaged: false,
  resourcesPath: '/opt/bangfu/resources',
  appPath: '/src/bangfu',
  electronVersion: '45.4.1',
  exists: () => false,
};

describe('Electron-ABI SQLite build location', () => {
  it('prefers the build npm start names in BANGFU_SQLITE_BINDING', () => {
    expect(
      nativeBindingPath({ ...base, isPackaged: true, env: { BANGFU_SQLITE_BINDING: '/cache/b.node' } }),
    ).toBe('/cache/b.node');
  });

  it('uses the build packed as a resource in an installed app', () => {
    expect(nativeBindingPath({ ...base, isPackaged: true })).toBe(
      join('/opt/bangfu/resources', 'electron-sqlite', 'better_sqlite3.node'),
    );
  });

  it('finds the development cache for this Electron version, and only if it is there', () => {
    const dev = join('/src/bangfu', '.cache', 'electron-sqlite', '45.4.1', 'better_sqlite3.node');
    expect(nativeBindingPath({ ...base, exists: (p) => p === dev })).toBe(dev);
    expect(nativeBindingPath(base)).toBeUndefined();
  });
});

describe('bundle layout', () => {
  it('finds the UI and the preload beside the main bundle', () => {
    expect(rendererDir('/app.asar/dist-electron')).toBe(join('/app.asar', 'dist', 'renderer'));
    expect(preloadPath('/app.asar/dist-electron')).toBe(join('/app.asar/dist-electron', 'preload.cjs'));
  });
});
