import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { KeyStore } from '../../db/sync/keystore';
import { AppFailure } from '../shared/errors';

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/**
 * The device's private key, encrypted with the OS keychain (DPAPI, Keychain, libsecret) via safeStorage.
 * `plainFile` is where the browser fallback (FileKeyStore) keeps the same key unencrypted: on first load it
 * is encrypted into `file` and the plain copy removed, so one user-data folder serves both entry points.
 */
export class SafeStorageKeyStore implements KeyStore {
  readonly protection = 'os-keychain' as const;
  constructor(
    private readonly file: string,
    private readonly safe: Safe,
    private readonly plainFile?: string,
  ) {}

  load(): string | null {
    if (existsSync(this.file)) {
      try {
        return this.safe.decryptString(readFileSync(this.file));
      } catch {
        throw new AppFailure(
          'INTERNAL',
          '无法用系统密钥环解密本设备的私钥（可能换了系统用户或密钥环）。请在原来的系统用户下打开本程序。',
        );
      }
    }
    if (this.plainFile && existsSync(this.plainFile)) {
      const pem = readFileSync(this.plainFile, 'utf8');
      if (this.safe.isEncryptionAvailable()) {
        this.save(pem);
        rmSync(this.plainFile, { force: true });
      }
      return pem;
    }
    return null;
  }

  save(privateKeyPem: string): void {
    if (!this.safe.isEncryptionAvailable()) {
      throw new AppFailure(
        'INTERNAL',
        '系统密钥环不可用，无法加密保存本设备的私钥；为安全起见不以明文保存。请先启用系统密钥环（如 GNOME 密钥环）后重试。',
      );
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, this.safe.encryptString(privateKeyPem), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
