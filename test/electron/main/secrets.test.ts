import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore } from '../../../electron/main/secrets';
import { tempDir } from '../../helpers/db';
import { fakeSafeStorage } from '../../helpers/safeStorage';

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
const folder = () => {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  return join(dir, 'secrets.enc');
};
const ID = '019a0000-0000-7000-8000-000000000001';

describe('keychain-backed delivery passwords', () => {
  it('keeps each password encrypted in a file only the user can read, and gives it back', () => {
    const dir = folder();
    const store = new SafeStorageSecretStore(dir, fakeSafeStorage());
    store.set(ID, 'Jy-2023!');
    const file = join(dir, ID);
    expect(readFileSync(file).includes(Buffer.from('Jy-2023!'))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.get(ID)).toBe('Jy-2023!');
    store.delete(ID);
    expect(store.get(ID)).toBeNull();
  });

  it('refuses to keep a password in plain text when the keychain is unavailable', () => {
    const dir = folder();
    const store = new SafeStorageSecretStore(dir, fakeSafeStorage(false));
    expect(() => store.set(ID, 'Jy-2023!')).toThrow(/不以明文保存/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('asks for the password again when the keychain cannot decrypt it', () => {
    const dir = folder();
    new SafeStorageSecretStore(dir, fakeSafeStorage()).set(ID, 'x');
    writeFileSync(join(dir, ID), 'garbage-not-base64-!!');
    const broken = {
      ...fakeSafeStorage(),
      decryptString: () => {
        throw new Error('bad');
      },
    };
    expect(() => new SafeStorageSecretStore(dir, broken).get(ID)).toThrow('请在“发送目标”中重新输入密码');
  });

  it('refuses names that could leave its folder', () => {
    const store = new SafeStorageSecretStore(folder(), fakeSafeStorage());
    expect(() => store.set('../device-key', 'x')).toThrow(/bad secret name/);
  });
});
