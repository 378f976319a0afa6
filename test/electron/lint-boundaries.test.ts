import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries are enforced by ESLint in `npm test`; these cases prove the rules fire (and stay quiet
// where imports are allowed), through the repository's own eslint.config.js.
const eslint = new ESLint({ cwd: process.cwd() });

const problems = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

const importing = (what: string) => `import * as m from '${what}';\nexport const a = m;\n`;

describe('import boundaries', () => {
  it.each([
    'db/services/x.ts',
    'db/sync/x.ts',
    'electron/shared/x.ts',
    'scripts/serve-x.ts',
    'renderer/features/x.tsx',
  ])('keeps electron out of %s', async (file) => {
    expect((await problems(file, importing('electron'))).join()).toMatch(/no-restricted-imports/);
  });

  it.each([
    'better-sqlite3',
    'drizzle-orm',
    'drizzle-orm/sqlite-core',
    'node:fs',
    'fs',
    'path',
    'node:child_process',
    '../db/app',
    '../../db/services/agreements',
    '../../electron/main/security',
    '../../electron/preload/index',
  ])('keeps the renderer away from %s', async (what) => {
    expect((await problems('renderer/features/x.ts', importing(what))).join()).toMatch(
      /no-restricted-imports/,
    );
  });

  it('lets the renderer import types, and only types, from electron/shared', async () => {
    expect(
      await problems(
        'renderer/api.ts',
        "import type { Method } from '../electron/shared/contract';\nexport type M = Method;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'renderer/api.ts',
        "import { type Method } from '../electron/shared/contract';\nexport type M = Method;\n",
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

  it('lets the renderer import the zod-free limits module’s values, and no other shared module’s', async () => {
    const importsLimit = (from: string) =>
      `import { MAX_ATTACHMENT_BYTES } from '${from}';\nexport const m = MAX_ATTACHMENT_BYTES;\n`;
    expect(await problems('renderer/features/x.ts', importsLimit('../../electron/shared/limits'))).toEqual(
      [],
    );
    expect(
      (
        await problems('renderer/features/x.ts', importsLimit('../../electron/shared/schemas/attachments'))
      ).join(),
    ).toMatch(/only types/);
  });

  it('lets the renderer import React and its own modules', async () => {
    expect(await problems('renderer/features/x.ts', importing('react'))).toEqual([]);
    expect(await problems('renderer/features/x.ts', importing('../stores/agreements'))).toEqual([]);
  });

  it('lets the shell import electron and the domain', async () => {
    expect(await problems('electron/main/x.ts', importing('electron'))).toEqual([]);
    expect(await problems('electron/main/x.ts', importing('../../db/app'))).toEqual([]);
    expect(await problems('electron/preload/x.ts', importing('electron'))).toEqual([]);
  });
});
