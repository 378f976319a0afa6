import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppPath, serveAppRequest } from '../../../electron/main/protocol';

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
