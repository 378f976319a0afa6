import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron's productName: its user-data folder is named after it, and the browser fallback uses the same. */
export const PRODUCT_NAME = '帮扶台账 Bangfu Ledger';

/** Where Electron's app.getPath('userData') points for this app, so every entry point shares one database. */
export const userDataDir = (
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string => {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
};

export const defaultDataDir = (): string =>
  process.env.BANGFU_DATA_DIR ?? userDataDir(process.platform, process.env, homedir());

/** The app's version as package.json states it: what Settings shows and what bundles will carry. */
export const packageVersion = (): string =>
  (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
