import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { temporaryName } from './files/durable';
import type { Store } from './client';

// Putting a backup in place of the (closed) database: the current files are moved aside, not deleted, until
// the backup has opened; a backup that will not open is taken away again and the files put back as they
// were, for the caller to open.

const SIDE_FILES = ['', '-wal', '-shm'];

export const swapDatabase = async (
  dbPath: string,
  from: string,
  open: () => Promise<Store>,
): Promise<Store> => {
  const aside = temporaryName(dbPath);
  for (const suffix of SIDE_FILES)
    if (existsSync(`${dbPath}${suffix}`)) renameSync(`${dbPath}${suffix}`, `${aside}${suffix}`);
  const tmp = temporaryName(dbPath);
  try {
    copyFileSync(from, tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dbPath);
    const store = await open();
    for (const suffix of SIDE_FILES) rmSync(`${aside}${suffix}`, { force: true });
    return store;
  } catch (e) {
    rmSync(tmp, { force: true });
    for (const suffix of SIDE_FILES) {
      rmSync(`${dbPath}${suffix}`, { force: true });
      if (existsSync(`${aside}${suffix}`)) renameSync(`${aside}${suffix}`, `${dbPath}${suffix}`);
    }
    throw e;
  }
};
