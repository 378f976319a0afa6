import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  denyPermissions,
  externalWebUrl,
  hardenApp,
  hardenContents,
  isAppUrl,
  isExternalWebUrl,
} from '../../../electron/main/security';

describe('URL allow-list', () => {
  it('allows the app’s own pages, however the parser is asked', () => {
    expect(isAppUrl('app://bangfu/index.html')).toBe(true);
    expect(isAppUrl('app://bangfu/agreements?id=1#x')).toBe(true);
    // The parser drops surrounding spaces and inner tabs as Chromium does, so both see the same address.
    expect(isAppUrl('  app://bangfu/index.html ')).toBe(true);
    expect(isAppUrl('APP://bangfu/')).toBe(true);
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
    'APP://BANGFU.EVIL/',
    'app://BANGFU/index.html',
    'app://bangfu%2eevil/',
    'app://evil.com\\@bangfu/',
    'app://evil.com#@bangfu/',
    'app:bangfu/index.html',
    'app:///bangfu/index.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('opens only plain web links outside the app', () => {
    expect(isExternalWebUrl('https://jyt.gd.gov.cn/notice')).toBe(true);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isExternalWebUrl('smb://share/x')).toBe(false);
    expect(isExternalWebUrl('https://user:pw@example.com/')).toBe(false);
    expect(isExternalWebUrl('app://bangfu/')).toBe(false);
  });

  it('hands the browser the parsed address, not the raw text', () => {
    expect(externalWebUrl(' HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
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
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens nothing when a window.open target is not a plain web link', () => {
    const { contents, shell } = setup();
    for (const url of ['file:///etc/passwd', 'app://bangfu/index.html', 'data:text/html,x', 'about:blank']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('lets navigation stay inside the app only', () => {
    const { contents, event } = setup();
    for (const url of ['app://bangfu.evil/', 'app://bangfu@evil.com/', 'javascript:alert(1)', 'data:,x']) {
      const e = event();
      contents.emit('will-navigate', e, url);
      expect(e.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('hardens every web contents the app creates, not only the first window', () => {
    const app = new EventEmitter();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenApp(app as never, shell);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler).not.toBeNull();
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e);
    expect(e.preventDefault).toHaveBeenCalled();
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
