import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { KeyStore } from '../../db/sync/keystore';

/** The device's private key, encrypted with the OS keychain (DPAPI, Keychain, libsecret) via safeStorage. */
export class SafeStorageKeyStore implements KeyStore {
  readonly protection = 'os-keychain' as const;
  constructor(
    private readonly file: string,
    private readonly safe: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  ) {}

  load(): string | null {
    if (!existsSync(this.file)) return null;
    return this.safe.decryptString(readFileSync(this.file));
  }

  save(privateKeyPem: string): void {
    if (!this.safe.isEncryptionAvailable()) {
      throw new Error('系统密钥环不可用，无法加密保存本设备的私钥；为安全起见不以明文保存。');
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, this.safe.encryptString(privateKeyPem), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
