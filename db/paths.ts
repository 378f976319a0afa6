import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The committed migrations folder. Found by walking up from this module, so it works from the source
 * tree (tsx, vitest), from the esbuild bundle in dist-electron/ and from inside the packaged asar.
 */
export const migrationsFolder = (): string => {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'db', 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const sibling = join(dir, 'migrations');
    if (existsSync(join(sibling, 'meta', '_journal.json'))) return sibling;
    dir = resolve(dir, '..');
  }
  throw new Error(`migrations folder not found from ${here}`);
};

export const DB_FILE_NAME = 'bangfu-ledger.sqlite';
export const KEY_FILE_NAME = 'device-key.pem';
