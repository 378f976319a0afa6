import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../db/app';
import { LOCK_FILE_NAME, lockDataFolder } from '../../db/folderLock';
import { startBridge } from '../../scripts/serve';
import { tempDir } from '../helpers/db';

const tmp = tempDir();
afterEach(() => tmp.cleanup());

const open = (dir: string, holder = '桌面版') =>
  openApp({ dataDir: dir, appVersion: '0.0.0-test', log: () => undefined, holder });

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
};

/** The pid of a process that has already ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

const writeLock = (dir: string, holder: object) =>
  writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ nonce: 'x', app: '桌面版', ...holder }));

describe('one app per data folder', () => {
  it('takes over a lock naming this very process that it does not hold: one copied in with the folder', async () => {
    const dir = join(tmp.dir, 'copied');
    mkdirSync(dir, { recursive: true });
    writeLock(dir, { pid: process.pid, host: hostname(), startedAt: Date.now() });
    const app = await open(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).nonce).not.toBe('x');
    app.close();
  });

  it('refuses a second app on the same folder, naming the process that holds it, until the first closes', async () => {
    const dir = join(tmp.dir, 'data');
    const first = await open(dir, '桌面版');
    const refused = await failure(open(dir, '浏览器版'));
    expect(refused.code).toBe('DATA_IN_USE');
    expect(refused.message).toContain(`进程号 ${process.pid}`);
    expect(refused.message).toContain('桌面版');
    expect(refused.message).toMatch(/请切换到那个窗口/);
    first.close();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    (await open(dir)).close();
  });

  it('refuses a web bridge beside a running app, with the same message', async () => {
    const dir = join(tmp.dir, 'data');
    const first = await open(dir, '桌面版');
    try {
      expect((await failure(startBridge({ dataDir: dir }))).code).toBe('DATA_IN_USE');
    } finally {
      first.close();
    }
  });

  it('takes over a lock left by a process that no longer runs, or from before the last boot', async () => {
    const dir = join(tmp.dir, 'data');
    (await open(dir)).close();
    writeLock(dir, { pid: deadPid(), host: hostname(), startedAt: Date.now() });
    const app = await open(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    app.close();
    writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: 0 });
    (await open(dir)).close();
  });

  it('respects a lock held from another computer (a shared folder), whose process it cannot see', async () => {
    const dir = join(tmp.dir, 'data');
    (await open(dir)).close();
    writeLock(dir, { pid: 4242, host: '教务处-PC', startedAt: Date.now() });
    const refused = await failure(open(dir));
    expect(refused.code).toBe('DATA_IN_USE');
    expect(refused.message).toContain('教务处-PC');
  });

  it('leaves another process’s lock in place when releasing its own twice', () => {
    const dir = join(tmp.dir, 'data');
    mkdirSync(dir, { recursive: true });
    const lock = lockDataFolder(dir, '桌面版');
    lock.release();
    writeLock(dir, { pid: process.ppid, host: hostname(), startedAt: Date.now(), nonce: 'other' });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
  });
});
