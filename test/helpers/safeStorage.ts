/** A stand-in for Electron's safeStorage (the OS keychain): reversible, and visibly not plain text. */
export const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from(Buffer.from(s).toString('base64').split('').reverse().join('')),
  decryptString: (b: Buffer) => Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString(),
});
