import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRIVILEGED_SCHEME, resolveAppPath, serveAppRequest } from '../../../electron/main/protocol';

const root = mkdtempSync(join(tmpdir(), 'bangfu-app-'));
mkdirSync(join(root, 'www', 'assets'), { recursive: true });
writeFileSync(join(root, 'www', 'index.html'), '<!doctype html><title>帮扶台账</title>');
writeFileSync(join(root, 'www', 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'secret');
const www = join(root, 'www');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// path resolver', () => {
  it('maps the app’s URLs to files in the UI folder', () => {
    expect(resolveAppPath(www, 'app://bangfu/')).toBe(join(www, 'index.html'));
    expect(resolveAppPath(www, 'app://bangfu/index.html')).toBe(join(www, 'index.html'));
    expect(resolveAppPath(www, 'app://bangfu/assets/app.js?v=1')).toBe(join(www, 'assets', 'app.js'));
    expect(resolveAppPath(www, 'app://bangfu/agreements/42')).toBe(join(www, 'index.html'));
  });

  it.each([
    'app://bangfu/../secret.txt',
    'app://bangfu/%2e%2e/secret.txt',
    'app://bangfu/%2E%2E/secret.txt',
    'app://bangfu/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bangfu/..%2fsecret.txt',
    'app://bangfu/..%5csecret.txt',
    'app://bangfu/assets\\..\\..\\secret.txt',
    'app://bangfu/C:/Windows/win.ini',
    'app://bangfu/index.html%00.js',
    'app://evil/index.html',
    'app://bangfu.evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(www, url)).toBeNull();
  });

  it('serves files with their type and the CSP header, and 404s the rest', async () => {
    const ok = await serveAppRequest(www, new Request('app://bangfu/assets/app.js'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/javascript/);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const missing = await serveAppRequest(www, new Request('app://bangfu/assets/none.js'));
    expect(missing.status).toBe(404);
    const escape = await serveAppRequest(www, new Request('app://bangfu/%2e%2e/secret.txt'));
    expect(escape.status).toBe(404);
  });
});

describe('app:// resolver, folded and disguised paths', () => {
  it.each([
    'app://bangfu/assets/.\t./index.html',
    'app://bangfu/assets/.\r\n./index.html',
    'app://bangfu/.\t./secret.txt',
    'app://bangfu/.%09./secret.txt',
    'app://bangfu/assets/\n../../secret.txt',
    'app://bangfu/ ../secret.txt',
    'app://bangfu/%5C..%5Csecret.txt',
    'app://bangfu/C:%5CWindows%5Cwin.ini',
    'app://bangfu/c:/windows/win.ini',
    'app://bangfu/%2F%2Fetc%2Fpasswd',
    'app://BANGFU/index.html',
    'app://bangfu@evil/index.html',
    'app://evil@bangfu/index.html',
    'app://bangfu:8080/index.html',
    'https://bangfu/index.html',
    'not a url',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(www, url)).toBeNull();
  });

  it('keeps double-encoded dots as a literal (missing) name inside the UI folder', () => {
    expect(resolveAppPath(www, 'app://bangfu/%252e%252e/secret.txt')).toBeNull();
    expect(resolveAppPath(www, 'app://bangfu//etc/passwd')).toBe(join(www, 'index.html'));
  });
});

describe('app:// handler', () => {
  it('puts the policy on every response, refusals included', async () => {
    for (const url of ['app://bangfu/', 'app://bangfu/none.js', 'app://bangfu/%2e%2e/secret.txt']) {
      const res = await serveAppRequest(www, new Request(url));
      expect(res.headers.get('content-security-policy'), url).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('serves the app shell as HTML for / and client-side routes', async () => {
    const res = await serveAppRequest(www, new Request('app://bangfu/agreements/42'));
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('帮扶台账');
  });

  it('is read-only: anything but GET or HEAD is refused', async () => {
    const post = await serveAppRequest(
      www,
      new Request('app://bangfu/index.html', { method: 'POST', body: 'x' }),
    );
    expect(post.status).toBe(405);
    const head = await serveAppRequest(www, new Request('app://bangfu/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });

  it('registers app:// as a standard, secure scheme that fetch may use', () => {
    expect(PRIVILEGED_SCHEME).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});
