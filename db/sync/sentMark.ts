import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The highest seq of each identity that has left this machine in a bundle, kept beside the database rather
// than in it: a database restored from a backup, or copied in by hand, is then seen to be older than what it
// already sent, and continues under a new identity instead of reusing those seqs.

const FILE = 'sync-sent.json';

type Sent = Record<string, number>;

const read = (dataDir: string): Sent => {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Sent;
  } catch {
    return {};
  }
};

export const sentSeq = (dataDir: string, deviceId: string): number => read(dataDir)[deviceId] ?? 0;

export const markSent = (dataDir: string, deviceId: string, seq: number): void => {
  const sent = read(dataDir);
  if ((sent[deviceId] ?? 0) >= seq) return;
  sent[deviceId] = seq;
  const file = join(dataDir, FILE);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(sent));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
};
