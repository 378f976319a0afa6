import { describe, expect, it } from 'vitest';
import { electronBindingPath, nodeGypArgs, packagedBindingPath } from '../../scripts/electron-sqlite';
import { browserOpener } from '../../scripts/start';

describe('npm start helpers', () => {
  it('builds SQLite for Electron’s ABI outside node_modules, so Node’s build stays for the tests', () => {
    expect(electronBindingPath('/repo', '45.4.1')).toBe(
      '/repo/.cache/electron-sqlite/45.4.1/better_sqlite3.node',
    );
    expect(packagedBindingPath('/repo')).toBe('/repo/.cache/electron-sqlite/current/better_sqlite3.node');
    expect(nodeGypArgs('45.4.1', 'x64')).toEqual(
      expect.arrayContaining(['rebuild', '--target=45.4.1', '--arch=x64', '--runtime=electron']),
    );
  });

  it('opens the browser with each platform’s own opener', () => {
    expect(browserOpener('linux')).toEqual(['xdg-open']);
    expect(browserOpener('darwin')).toEqual(['open']);
    expect(browserOpener('win32')[0]).toBe('cmd');
  });
});
