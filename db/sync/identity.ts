import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyStore } from './keystore';

// Each installation is a device with an Ed25519 key pair made at first run. The public key is stored in
// the database (it travels in bundles); the private key stays in the KeyStore.

export interface DeviceKeys {
  publicKeyPem: string;
  privateKeyPem: string;
}

export const generateDeviceKeys = (): DeviceKeys => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

/** Raw 32-byte key, hashed: the same fingerprint whatever PEM line endings a file picked up. */
export const fingerprint = (publicKeyPem: string): string => {
  const raw = createPublicKey(publicKeyPem).export({ format: 'jwk' }).x;
  if (!raw) throw new Error('not an Ed25519 public key');
  const hex = createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('hex').toUpperCase();
  return hex.slice(0, 32).match(/.{4}/g)!.join(' ');
};

export const signBytes = (privateKeyPem: string, data: Buffer): Buffer =>
  sign(null, data, createPrivateKey(privateKeyPem));

export const verifyBytes = (publicKeyPem: string, data: Buffer, signature: Buffer): boolean =>
  verify(null, data, createPublicKey(publicKeyPem), signature);

/** Loads the device key, or makes and stores one; refuses a stored key that does not match the database. */
export const loadOrCreateKeys = (store: KeyStore, expectedPublicPem: string | null): DeviceKeys => {
  const pem = store.load();
  if (pem) {
    const publicKeyPem = createPublicKey(createPrivateKey(pem))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    if (expectedPublicPem && fingerprint(expectedPublicPem) !== fingerprint(publicKeyPem)) {
      throw new Error('本设备的私钥与数据库记录的公钥不一致');
    }
    return { publicKeyPem, privateKeyPem: pem };
  }
  if (expectedPublicPem) throw new Error('找不到本设备的私钥：签名功能不可用，请从备份恢复密钥文件');
  const keys = generateDeviceKeys();
  store.save(keys.privateKeyPem);
  return keys;
};
