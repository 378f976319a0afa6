import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import { secretFile, writePrivate, type SecretStore } from '../../db/sync/secrets';
import { AppFailure } from '../shared/errors';

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/** Delivery passwords encrypted with the OS keychain (DPAPI, Keychain, libsecret) through safeStorage. */
export class SafeStorageSecretStore implements SecretStore {
  readonly protection = 'os-keychain' as const;
  constructor(
    private readonly dir: string,
    private readonly safe: Safe,
  ) {}

  get(name: string): string | null {
    const file = secretFile(this.dir, name);
    if (!existsSync(file)) return null;
    try {
      return this.safe.decryptString(readFileSync(file));
    } catch {
      throw new AppFailure('VALIDATION', '无法用系统密钥环解密已保存的密码，请在“发送目标”中重新输入密码');
    }
  }

  set(name: string, value: string): void {
    if (!this.safe.isEncryptionAvailable())
      throw new AppFailure(
        'VALIDATION',
        '系统密钥环不可用，无法加密保存密码；为安全起见不以明文保存。请先启用系统密钥环后重试。',
      );
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writePrivate(secretFile(this.dir, name), this.safe.encryptString(value));
  }

  delete(name: string): void {
    rmSync(secretFile(this.dir, name), { force: true });
  }
}
