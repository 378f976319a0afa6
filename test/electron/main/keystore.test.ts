import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageKeyStore } from '../../../electron/main/keystore';
import { tempDir } from '../../helpers/db';
import { fakeSafeStorage } from '../../helpers/safeStorage';

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

describe('keychain-backed key store', () => {
  it('stores the private key encrypted, readable only by the user, and reads it back', () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const file = join(dir, 'device-key.pem');
    const store = new SafeStorageKeyStore(file, fakeSafeStorage());
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n';
    store.save(pem);
    expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE KEY');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.load()).toBe(pem);
  });

  it('refuses to save the key in plain text when the keychain is unavailable', () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const store = new SafeStorageKeyStore(join(dir, 'k.pem'), fakeSafeStorage(false));
    expect(() => store.save('secret')).toThrow(/不以明文保存/);
    expect(existsSync(join(dir, 'k.pem'))).toBe(false);
    expect(existsSync(join(dir, 'k.pem.tmp'))).toBe(false);
    expect(store.load()).toBeNull();
  });

  it('takes over a key the browser fallback stored in plain text: encrypts it and removes the plain copy', () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const plain = join(dir, 'device-key.pem');
    const pem = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n';
    writeFileSync(plain, pem, { mode: 0o600 });
    const store = new SafeStorageKeyStore(join(dir, 'device-key.pem.enc'), fakeSafeStorage(), plain);
    expect(store.load()).toBe(pem);
    expect(existsSync(plain)).toBe(false);
    expect(readFileSync(join(dir, 'device-key.pem.enc'), 'utf8')).not.toContain('PRIVATE KEY');
    expect(store.load()).toBe(pem);
  });

  it('leaves a plain key where it is when the keychain cannot take it', () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const plain = join(dir, 'device-key.pem');
    writeFileSync(plain, 'pem', { mode: 0o600 });
    const store = new SafeStorageKeyStore(join(dir, 'device-key.pem.enc'), fakeSafeStorage(false), plain);
    expect(store.load()).toBe('pem');
    expect(existsSync(plain)).toBe(true);
  });

  it('says in Chinese why a key it cannot decrypt cannot be used', () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const file = join(dir, 'k.enc');
    writeFileSync(file, 'garbage');
    const safe = {
      ...fakeSafeStorage(),
      decryptString: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    expect(() => new SafeStorageKeyStore(file, safe).load()).toThrow(/无法用系统密钥环解密/);
  });

  it('reports its protection as the OS keychain', () => {
    expect(new SafeStorageKeyStore('/nowhere', fakeSafeStorage()).protection).toBe('os-keychain');
  });
});
