import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check, so a misspelt key fails here rather than at release time.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig: (dir: string, file: string, cli: null, meta: { value: Promise<null> }) => Promise<Config>;
  validateConfiguration: (c: Config, log: { isEnabled: boolean; add(): void }) => Promise<void>;
};

interface Config {
  asar?: boolean;
  npmRebuild?: boolean;
  files?: { filter?: string[] }[] | string[];
  electronFuses?: Record<string, boolean>;
  extraResources?: { from: string; to: string }[];
  win?: { target: unknown };
  linux?: { target: unknown };
  mac?: { target: unknown };
  [key: string]: unknown;
}

const load = () => getConfig(process.cwd(), 'electron-builder.yml', null, { value: Promise.resolve(null) });
const quiet = { isEnabled: false, add() {} };

describe('electron-builder.yml', () => {
  it('matches electron-builder’s schema, which would refuse a misspelt key', async () => {
    const config = await load();
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt, quiet)).rejects.toThrow(/configuration/);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; only the integrity-checked asar', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the UI, the bundles and the migrations into the asar, with our own SQLite build beside it', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    const files = JSON.stringify(config.files);
    for (const f of ['dist/renderer/**', 'dist-electron/**', 'db/migrations/**', 'package.json'])
      expect(files).toContain(f);
    expect(config.extraResources).toEqual([
      expect.objectContaining({ to: 'electron-sqlite/better_sqlite3.node' }),
    ]);
  });

  it('builds installers for Windows, Linux and macOS', async () => {
    const config = await load();
    expect(config.appId).toBe('cn.bangfu.ledger');
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
  });
});
