import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Passwords for delivery targets (WebDAV). They never enter the database, so no backup, copy or bundle of
 * it carries them. Electron supplies a store that encrypts with the OS keychain (safeStorage); under plain
 * Node (the browser bridge) each sits in its own file only the user may read, like the device key.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  readonly protection: 'os-keychain' | 'file-0600';
}

/** Names are ids the app makes (UUIDs); anything else could walk out of the folder. */
export const secretFile = (dir: string, name: string): string => {
  if (!/^[0-9a-z-]{1,64}$/.test(name)) throw new Error(`bad secret name: ${name}`);
  return join(dir, name);
};

export const writePrivate = (file: string, data: string | Buffer): void => {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
};

export class FileSecretStore implements SecretStore {
  readonly protection = 'file-0600' as const;
  constructor(private readonly dir: string) {}

  get(name: string): string | null {
    const file = secretFile(this.dir, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  set(name: string, value: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writePrivate(secretFile(this.dir, name), value);
  }

  delete(name: string): void {
    rmSync(secretFile(this.dir, name), { force: true });
  }
}
