import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME, userDataDir } from '../../scripts/data-dir';

describe('user-data folder', () => {
  it('matches Electron’s location on each platform', () => {
    expect(userDataDir('linux', {}, '/home/li')).toBe(join('/home/li/.config', PRODUCT_NAME));
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/li')).toBe(join('/cfg', PRODUCT_NAME));
    expect(userDataDir('darwin', {}, '/Users/li')).toBe(
      join('/Users/li/Library/Application Support', PRODUCT_NAME),
    );
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'C:\\Users\\li')).toContain(
      PRODUCT_NAME,
    );
  });
});

describe('package version', () => {
  it('reads the version Settings shows from package.json', async () => {
    const { packageVersion } = await import('../../scripts/data-dir');
    const { readFileSync } = await import('node:fs');
    expect(packageVersion()).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    );
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
