import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../electron/main/menu';

const items = (menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  menu.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s is labelled in Chinese throughout', (platform) => {
    for (const item of items(buildMenuTemplate(platform))) {
      if (item.type === 'separator') continue;
      expect(item.label, JSON.stringify(item)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(['linux', 'win32', 'darwin'] as const)(
    'on %s keeps copy and paste but offers no reload or DevTools',
    (platform) => {
      const roles = items(buildMenuTemplate(platform)).map((i) => i.role);
      expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'quit']));
      for (const dev of ['reload', 'forceReload', 'toggleDevTools']) expect(roles).not.toContain(dev);
    },
  );

  it('puts the app menu first on macOS, as the platform expects', () => {
    expect(buildMenuTemplate('darwin')[0]!.label).toBe('帮扶台账');
    expect(buildMenuTemplate('linux')[0]!.label).toBe('文件');
  });
});
