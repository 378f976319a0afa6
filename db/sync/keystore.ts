import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the device's private signing key lives. It never enters the database (so no backup, copy or
 * bundle of the database carries it). Electron supplies a keystore that encrypts with the OS keychain
 * (safeStorage); under plain Node the key sits in a file only the user may read.
 */
export interface KeyStore {
  load(): string | null;
  save(privateKeyPem: string): void;
  /** How the key is protected, shown in Settings. */
  readonly protection: 'os-keychain' | 'file-0600';
}

export class FileKeyStore implements KeyStore {
  readonly protection = 'file-0600' as const;
  constructor(private readonly file: string) {}

  load(): string | null {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8') : null;
  }

  save(privateKeyPem: string): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, privateKeyPem, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
