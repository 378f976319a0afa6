import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from '../files/durable';

/**
 * Attachments live outside the database, named by their SHA-256: the same photo added twice is stored
 * once, a file's name never decides where it lands, and bundles (issue 5) can carry blobs by hash. A file
 * whose bytes no longer hash to its name (a bad sector, a half-copied folder) counts as missing: it is
 * never handed out or sent on, and the next bundle that carries the blob writes it again.
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

  /** The stored bytes, or null when the file is missing or does not match its hash. */
  get(sha256: string): Buffer | null {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) return null;
    const bytes = readFileSync(path);
    return BlobStore.hash(bytes) === sha256 ? bytes : null;
  }

  has(sha256: string): boolean {
    return this.get(sha256) !== null;
  }

  /** Writes the bytes unless held intact already (durably: see db/files/durable.ts); returns the hash. */
  put(bytes: Buffer): string {
    const sha256 = BlobStore.hash(bytes);
    if (!this.has(sha256)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      writeDurably(this.pathOf(sha256), bytes);
    }
    return sha256;
  }

  read(sha256: string): Buffer {
    const bytes = this.get(sha256);
    if (!bytes) throw new Error(`blob missing or damaged: ${sha256}`);
    return bytes;
  }
}
