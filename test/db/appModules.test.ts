import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// exceljs is ≈26 MB of memory in a process that loads it: the app loads it only when a workbook is written
// (the ledger export, a report as .xlsx), so opening the app and importing a ledger do not carry it.

const root = join(import.meta.dirname, '..', '..');

const script = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
await import(pathToFileURL(${JSON.stringify(join(root, 'db', 'app.ts'))}).href);
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('/exceljs/'));
console.log(JSON.stringify(loaded.length));
`;

describe('modules the app loads', () => {
  it('does not load exceljs until a workbook is written', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toBe(0);
  }, 120_000);
});
