import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../electron/main/window';

describe('window options', () => {
  const options = buildWindowOptions('/app/dist-electron/preload.cjs');

  it('keep the renderer isolated and sandboxed, without Node, webviews or insecure content', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
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
    });
  });

  it('stay hidden until the page is ready, titled 帮扶台账, at a size a ledger table fits', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('帮扶台账');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.width).toBeGreaterThanOrEqual(1024);
    expect(options.minWidth).toBeLessThanOrEqual(options.width!);
  });
});
