import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mimeOf, resolveStatic } from '../../../electron/main/static-files';

const root = mkdtempSync(join(tmpdir(), 'bangfu-static-'));
mkdirSync(join(root, 'www', 'assets'), { recursive: true });
writeFileSync(join(root, 'www', 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'www', 'assets', 'app.js'), '');
writeFileSync(join(root, 'secret.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static path resolver', () => {
  it('maps paths inside the root and refuses traversal, backslashes, drive letters and NUL', () => {
    const www = join(root, 'www');
    expect(resolveStatic(www, '/assets/app.js')).toBe(join(www, 'assets', 'app.js'));
    expect(resolveStatic(www, '/')).toBe(join(www, 'index.html'));
    expect(resolveStatic(www, '/agreements/123')).toBe(join(www, 'index.html'));
    for (const bad of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/a/%2e%2e%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/x%00.js',
      '/%E0%A4%A',
      '/C:/Windows/win.ini',
    ]) {
      expect(resolveStatic(www, bad)).toBeNull();
    }
  });
});

describe('MIME types', () => {
  it('names the UI’s file types and falls back to a download type', () => {
    expect(mimeOf('/x/app.js')).toMatch(/javascript/);
    expect(mimeOf('/x/INDEX.HTML')).toMatch(/html/);
    expect(mimeOf('/x/data.bin')).toBe('application/octet-stream');
  });
});
