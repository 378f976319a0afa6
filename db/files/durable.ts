import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Files the app publishes (attachment blobs, the outbox's bundles, bundles delivered to a folder) are
// written under a temporary name, flushed to the disk, and only then renamed to their real name, whose
// folder is flushed too. A power cut or a pulled USB stick leaves either the whole file under its name or
// nothing there; never a name pointing at half the bytes. A write that fails removes its temporary file.

/** A temporary name beside `path` that no other writer (another process, another import) is using. */
export const temporaryName = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);

/** Flushes a folder's entries (the rename) to the disk, where the system allows opening a folder. */
const flushFolder = (dir: string): void => {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    // Windows cannot open a folder like a file: there the rename is flushed with the file system's journal.
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes((e as { code?: string }).code ?? '')) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

/**
 * Writes `bytes` to `path` durably (see above). A failure is the system's error, named for the person by the
 * API's one storage-error table (db/storageErrors.ts) with what the call was doing.
 */
export const writeDurably = (path: string, bytes: Buffer): void => {
  const tmp = temporaryName(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    flushFolder(dirname(path));
  } catch (e) {
    try {
      if (fd !== undefined) closeSync(fd);
    } finally {
      rmSync(tmp, { force: true });
    }
    throw e;
  }
};
