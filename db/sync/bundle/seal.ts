import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

// Optional encryption of a bundle's contents (everything but the manifest and its signature) to the
// department, for files carried on USB sticks: an ephemeral X25519 key agrees a secret with the department's
// X25519 key, HKDF-SHA256 (salted with the bundle id) turns it into an AES-256-GCM key, and each entry is
// sealed with its own nonce and its name as associated data. The department's X25519 key is derived from
// its Ed25519 device key, so no second secret has to be stored or backed up. Entries are deflated before
// sealing: ciphertext does not compress, and change records compress thirtyfold.

export const SEAL_ALG = 'deflate+x25519-hkdf-sha256-aes256gcm';

/** No sealed entry may inflate beyond this (a chunk of 5,000 long records, or a 10 MB attachment, is far less). */
export const SEALED_ENTRY_MAX_BYTES = 256 * 1024 * 1024;

// PKCS#8 prefix of a raw 32-byte X25519 private key (RFC 8410).
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The department's bundle-encryption key, derived from its device signing key. */
export const encryptionKeyOf = (
  devicePrivateKeyPem: string,
): { privateKey: KeyObject; publicKeyPem: string } => {
  const seed = createPrivateKey(devicePrivateKeyPem).export({ format: 'jwk' }).d;
  if (!seed) throw new Error('not an Ed25519 private key');
  const raw = Buffer.from(
    hkdfSync('sha256', Buffer.from(seed, 'base64url'), 'bangfu', 'bundle-encryption-x25519', 32),
  );
  const privateKey = createPrivateKey({
    key: Buffer.concat([X25519_PKCS8, raw]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
};

const keyFor = (shared: Buffer, bundleId: string) =>
  Buffer.from(hkdfSync('sha256', shared, bundleId, 'bangfu-bundle-v1', 32));

/** A sealer for one bundle, and the ephemeral public key the manifest carries. */
export const sealerTo = (recipientPublicPem: string, bundleId: string) => {
  const eph = generateKeyPairSync('x25519');
  const key = keyFor(
    diffieHellman({ privateKey: eph.privateKey, publicKey: createPublicKey(recipientPublicPem) }),
    bundleId,
  );
  return {
    ephemeralKey: eph.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    seal(name: string, data: Buffer): Buffer {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const body = Buffer.concat([cipher.update(deflateRawSync(data)), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]);
    },
  };
};

/** Opens entries sealed to this key; throws on a wrong key or altered bytes (GCM authentication). */
export const openerWith = (privateKey: KeyObject, ephemeralKeyPem: string, bundleId: string) => {
  const key = keyFor(diffieHellman({ privateKey, publicKey: createPublicKey(ephemeralKeyPem) }), bundleId);
  return (name: string, sealed: Buffer): Buffer => {
    if (sealed.length < 28) throw new Error('sealed entry too short');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const packed = Buffer.concat([
      decipher.update(sealed.subarray(12, sealed.length - 16)),
      decipher.final(),
    ]);
    return inflateRawSync(packed, { maxOutputLength: SEALED_ENTRY_MAX_BYTES });
  };
};
