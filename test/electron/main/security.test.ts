import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { denyPermissions, hardenContents, isAppUrl, isExternalWebUrl } from '../../../electron/main/security';
import { buildWindowOptions } from '../../../electron/main/window';

describe('window options', () => {
  it('keep the renderer isolated and sandboxed, without Node', () => {
    const w = buildWindowOptions('/app/preload.cjs').webPreferences!;
    expect(w).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('content security policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
  );
  it('allows scripts only from the app itself, and no plugins, frames or forms', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe('URL allow-list', () => {
  it('allows the app’s own pages', () => {
    expect(isAppUrl('app://bangfu/index.html')).toBe(true);
    expect(isAppUrl('app://bangfu/agreements?id=1#x')).toBe(true);
  });

  it.each([
    'https://example.com.attacker.com',
    'https://bangfu',
    'app://bangfu.evil/index.html',
    'app://evil/bangfu',
    'app://bangfu@evil.com/',
    'app://user:pw@bangfu/',
    'app://bangfu:8080/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    ' app://bangfu.evil/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('opens only plain web links outside the app', () => {
    expect(isExternalWebUrl('https://jyt.gd.gov.cn/notice')).toBe(true);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isExternalWebUrl('smb://share/x')).toBe(false);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

describe('window hardening', () => {
  const setup = () => {
    const contents = new FakeContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenContents(contents as never, shell);
    const event = () => ({ preventDefault: vi.fn() });
    return { contents, shell, event };
  };

  it('stops navigation and redirects away from the app', () => {
    const { contents, event } = setup();
    const away = event();
    contents.emit('will-navigate', away, 'https://example.com.attacker.com');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = event();
    contents.emit('will-navigate', home, 'app://bangfu/index.html');
    expect(home.preventDefault).not.toHaveBeenCalled();
    const redirect = event();
    contents.emit('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, handing plain web links to the system browser', () => {
    const { contents, shell } = setup();
    expect(contents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com');
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses webviews', () => {
    const { contents, event } = setup();
    const e = event();
    contents.emit('will-attach-webview', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
    } as never);
    const cb = vi.fn();
    request!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
  });
});
