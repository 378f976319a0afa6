import type { BrowserWindowConstructorOptions } from 'electron';

/** The one window's options, as a pure function so tests can hold every security switch in place. */
export const buildWindowOptions = (preloadPath: string): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 820,
  minWidth: 960,
  minHeight: 600,
  title: '帮扶台账',
  backgroundColor: '#f5f6f8',
  show: false,
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // A middle click would ask for a new window; they are all denied anyway (security.ts).
    disableBlinkFeatures: 'Auxclick',
  },
});
