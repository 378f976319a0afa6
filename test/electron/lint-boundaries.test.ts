import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries are enforced by ESLint in `npm test`; these cases prove the rules fire.
const eslint = new ESLint({ cwd: process.cwd() });

const problems = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('import boundaries', () => {
  it('keeps electron out of domain code', async () => {
    expect(
      (await problems('db/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).join(),
    ).toMatch(/no-restricted-imports/);
  });

  it('keeps the renderer away from SQLite, Node and db/', async () => {
    const cases = [
      "import Database from 'better-sqlite3';\nexport const a = Database;\n",
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      "import { openApp } from '../db/app';\nexport const a = openApp;\n",
      "import { eq } from 'drizzle-orm';\nexport const a = eq;\n",
      "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
    ];
    for (const code of cases)
      expect((await problems('renderer/features/x.ts', code)).join()).toMatch(/no-restricted-imports/);
  });

  it('lets the renderer import types, and only types, from electron/shared', async () => {
    expect(
      await problems(
        'renderer/api.ts',
        "import type { Method } from '../electron/shared/contract';\nexport type M = Method;\n",
      ),
    ).toEqual([]);
    expect(
      (
        await problems(
          'renderer/api.ts',
          "import { contract } from '../electron/shared/contract';\nexport const c = contract;\n",
        )
      ).join(),
    ).toMatch(/only types/);
  });

  it('lets the shell import electron', async () => {
    expect(
      await problems('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([]);
  });
});
