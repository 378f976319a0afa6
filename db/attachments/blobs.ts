import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Attachments live outside the database, named by their SHA-256: the same photo added twice is stored
 * once, a file's name never decides where it lands, and bundles (issue 5) can carry blobs by hash.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  static hash(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Writes the bytes unless already present; returns the hash. Written to a temp name, then renamed. */
  put(bytes: Buffer): string {
    const sha256 = BlobStore.hash(bytes);
    const target = this.pathOf(sha256);
    if (!existsSync(target)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      // Left by a write this pid's predecessor did not finish (a crash, a pulled stick).
      rmSync(tmp, { force: true });
      writeFileSync(tmp, bytes, { flag: 'wx' });
      renameSync(tmp, target);
    }
    return sha256;
  }

  read(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }
}
