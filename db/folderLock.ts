import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { AppFailure } from '../electron/shared/errors';

// One app per data folder: two processes writing the same database and attachment folder (two bridges,
// Electron beside the bridge, a demo load while the app runs) would each keep their own device clock and
// change counter and hand out the same sequence numbers. The first to open takes this lock; any other is
// told which process holds it. A lock left by a process that no longer runs (a crash, a power cut) is
// taken over.

export const LOCK_FILE_NAME = 'bangfu-ledger.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it, in words a person recognises (网页版 / 桌面版 …). */
  app: string;
  startedAt: number;
  nonce: string;
}

export interface FolderLock {
  readonly holder: LockHolder;
  release(): void;
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (file: string): LockHolder | null => {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.nonce === 'string'
      ? (h as LockHolder)
      : null;
  } catch {
    return null;
  }
};

/** The locks this process holds now: one naming this process but not among them was copied in with a folder. */
const heldHere = new Set<string>();

/** A holder that cannot still be running: on this machine and gone, or from before the last boot. */
const isStale = (h: LockHolder | null, file: string, now: number): boolean => {
  if (!h) {
    // Unreadable: a lock being written this instant, or the wreck of a crash long ago.
    try {
      return now - statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  if (h.host !== hostname()) return false;
  if (h.pid === process.pid) return !heldHere.has(h.nonce);
  return !isRunning(h.pid) || h.startedAt < now - uptime() * 1000;
};

const heldMessage = (h: LockHolder | null): string => {
  if (!h) return '数据文件夹正被另一个帮扶台账程序打开。请关闭它后再试。';
  const since = new Date(h.startedAt).toLocaleString('zh-CN', { hour12: false });
  const where = h.host === hostname() ? '' : `，在计算机“${h.host}”上`;
  return (
    `数据文件夹已被另一个帮扶台账程序打开（${h.app}，进程号 ${h.pid}${where}，${since} 起）。` +
    '同一个数据文件夹不能同时由两个程序打开：请切换到那个窗口继续使用，或先关闭它再打开。'
  );
};

/** Takes the data folder's lock, or throws DATA_IN_USE naming the process that holds it. */
export const lockDataFolder = (dir: string, app: string, now: () => number = Date.now): FolderLock => {
  const file = join(dir, LOCK_FILE_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    app,
    startedAt: now(),
    nonce: randomBytes(16).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = readHolder(file);
      if (!isStale(current, file, now())) throw new AppFailure('DATA_IN_USE', heldMessage(current));
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(holder));
    } finally {
      closeSync(fd);
    }
    // Two starting at once may both have removed the same stale lock; only the one whose lock is on disk won.
    if (readHolder(file)?.nonce === holder.nonce) {
      heldHere.add(holder.nonce);
      return {
        holder,
        release: () => {
          heldHere.delete(holder.nonce);
          if (readHolder(file)?.nonce === holder.nonce) rmSync(file, { force: true });
        },
      };
    }
  }
  throw new AppFailure('DATA_IN_USE', heldMessage(readHolder(file)));
};
