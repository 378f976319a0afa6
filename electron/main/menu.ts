import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: only what a ledger needs, labelled in Chinese. The Edit menu stays because on macOS
 * copy and paste shortcuts work only through it; there is no developer menu (no reload, no DevTools).
 */
export const buildMenuTemplate = (platform: NodeJS.Platform): MenuItemConstructorOptions[] => {
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { role: 'resetZoom', label: '实际大小' },
      { role: 'zoomIn', label: '放大' },
      { role: 'zoomOut', label: '缩小' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: '全屏' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: '窗口',
    submenu: [
      { role: 'minimize', label: '最小化' },
      { role: 'close', label: '关闭窗口' },
    ],
  };
  if (platform === 'darwin') {
    return [
      {
        label: '帮扶台账',
        submenu: [
          { role: 'about', label: '关于帮扶台账' },
          { type: 'separator' },
          { role: 'hide', label: '隐藏帮扶台账' },
          { role: 'hideOthers', label: '隐藏其他' },
          { role: 'unhide', label: '全部显示' },
          { type: 'separator' },
          { role: 'quit', label: '退出帮扶台账' },
        ],
      },
      edit,
      view,
      window,
    ];
  }
  return [{ label: '文件', submenu: [{ role: 'quit', label: '退出' }] }, edit, view, window];
};
