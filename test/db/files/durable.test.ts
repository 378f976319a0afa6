import * as realFs from 'node:fs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlobStore } from '../../../db/attachments/blobs';
import { temporaryName, writeDurably } from '../../../db/files/durable';
import { openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';
import { bundleFile, exchange, exportFrom, importInto, openDepartment, wholeDump } from '../../helpers/sync';

// Durable files (issue 12, item 9). The file system is the real one, seen through a thin wrapper that
// records the calls the app makes and, when a test says so, fails them the way a full disk (on write) or
// a read-only folder (on open) does: running as root, permissions alone cannot make a folder read-only.

const fsState = vi.hoisted(() => ({
  calls: [] as string[],
  fault: null as null | { code: 'ENOSPC' | 'EROFS'; under: string },
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const paths = new Map<number, string>();
  const hits = (path: string | undefined, code: string) =>
    fsState.fault?.code === code && path !== undefined && path.includes(fsState.fault.under);
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  const wrapped = {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      const path = String(args[0]);
      if (args[1] === 'wx' && hits(path, 'EROFS')) throw fail('EROFS');
      const fd = fs.openSync(...args);
      paths.set(fd, path);
      fsState.calls.push(`open ${path}`);
      return fd;
    },
    writeSync: ((fd: number, ...rest: unknown[]) => {
      if (hits(paths.get(fd), 'ENOSPC')) throw fail('ENOSPC');
      fsState.calls.push(`write ${paths.get(fd)}`);
      return (fs.writeSync as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync,
    fsyncSync: (fd: number) => {
      fsState.calls.push(`fsync ${paths.get(fd)}`);
      fs.fsyncSync(fd);
    },
    renameSync: (from: realFs.PathLike, to: realFs.PathLike) => {
      fsState.calls.push(`rename ${String(from)} -> ${String(to)}`);
      fs.renameSync(from, to);
    },
  };
  return { ...wrapped, default: wrapped };
});

// The smallest valid PNG: a 1x1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('bangfu-durable-');
  fsState.calls = [];
  fsState.fault = null;
});
afterEach(() => {
  fsState.fault = null;
  tmp.cleanup();
});

describe('writing a file durably', () => {
  it('flushes the file before the rename that publishes it, and the folder after', () => {
    const target = join(tmp.dir, 'a.bfb');
    writeDurably(target, Buffer.from('同步包'));
    const [open, write, flush, rename, folder, flushFolder] = fsState.calls;
    const part = open!.slice('open '.length);
    expect(part).toMatch(/^.*\/\.a\.bfb\.[0-9a-f]{16}\.tmp$/);
    expect([write, flush, rename, folder, flushFolder]).toEqual([
      `write ${part}`,
      `fsync ${part}`,
      `rename ${part} -> ${target}`,
      `open ${tmp.dir}`,
      `fsync ${tmp.dir}`,
    ]);
    expect(readFileSync(target, 'utf8')).toBe('同步包');
    expect(readdirSync(tmp.dir)).toEqual(['a.bfb']);
  });

  it('gives each write its own temporary name, so a leftover or a concurrent writer never collides', () => {
    const target = join(tmp.dir, 'x');
    expect(new Set(Array.from({ length: 100 }, () => temporaryName(target))).size).toBe(100);
    const store = new BlobStore(tmp.dir);
    const sha = BlobStore.hash(PNG);
    // What a write cut short by a crash under the old scheme (pid-named) left behind.
    realFs.mkdirSync(join(tmp.dir, sha.slice(0, 2)));
    writeFileSync(`${store.pathOf(sha)}.${process.pid}.tmp`, 'half');
    expect(store.put(PNG)).toBe(sha);
    expect(store.get(sha)!.equals(PNG)).toBe(true);
  });

  it('passes a full disk and a read-only folder on with their codes and leaves no temporary file', () => {
    for (const code of ['ENOSPC', 'EROFS'] as const) {
      fsState.fault = { code, under: tmp.dir };
      expect(() => writeDurably(join(tmp.dir, 'b.bfb'), Buffer.from('x'))).toThrow(
        expect.objectContaining({ code }),
      );
      expect(readdirSync(tmp.dir)).toEqual([]);
    }
  });
});

describe('attachment blobs', () => {
  it('treats a blob whose bytes do not match its hash as missing, and writes it again when it comes', () => {
    const store = new BlobStore(tmp.dir);
    const sha = store.put(PNG);
    writeFileSync(store.pathOf(sha), Buffer.from('damaged'));
    expect(store.has(sha)).toBe(false);
    expect(store.get(sha)).toBeNull();
    store.put(PNG);
    expect(store.get(sha)!.equals(PNG)).toBe(true);
  });
});

describe('files the app writes for sync', () => {
  let site: TestApp;
  let dept: TestApp;
  let activityId: string;
  beforeEach(async () => {
    site = await openTestApp();
    dept = await openDepartment();
    const { agreement } = await seedAgreement(site);
    activityId = (
      await site.call('activities.create', {
        agreementId: agreement.id,
        type: '培训',
        title: '教师信息技术应用能力培训',
        startDate: '2023-12-14',
      })
    ).id;
  });
  afterEach(() => {
    site.close();
    dept.close();
  });

  const attach = (t: TestApp) =>
    t.app.invoke('attachments.add', {
      entityTable: 'activities',
      entityId: activityId,
      fileName: '培训现场.png',
      dataBase64: PNG.toString('base64'),
    });

  it('re-fetches a damaged blob from the next bundle that carries it', async () => {
    const added = await attach(site);
    expect(added.ok).toBe(true);
    const attachmentId = added.ok ? (added.value as { id: string }).id : '';
    await exchange(site, dept);
    const held = new BlobStore(join(dept.dir, 'attachments'));
    writeFileSync(held.pathOf(BlobStore.hash(PNG)), Buffer.from('bad sector'));
    expect(await dept.app.invoke('attachments.read', { id: attachmentId })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/文件缺失或已损坏/) },
    });
    await importInto(dept, (await exportFrom(site, { full: true })).bytes);
    const read = await dept.call('attachments.read', { id: attachmentId });
    expect(Buffer.from(read.dataBase64, 'base64').equals(PNG)).toBe(true);
  });

  it('records an export only once its outbox copy is on the disk; a full disk records nothing', async () => {
    await site.call('delivery.saveTarget', { kind: 'folder', label: 'U 盘', location: tmp.dir });
    const pending = (await site.call('sync.status', {})).records.pending;
    fsState.fault = { code: 'ENOSPC', under: join(site.dir, 'outbox') };
    expect(await site.app.invoke('sync.export', { deliver: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^导出未完成：磁盘空间已满/) },
    });
    const db = site.raw();
    expect(db.prepare("SELECT count(*) FROM sync_bundles WHERE direction = 'out'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(readdirSync(join(site.dir, 'outbox'))).toEqual([]);
    expect((await site.call('sync.status', {})).records).toMatchObject({ pending, exported: 0 });

    fsState.fault = null;
    const calls = fsState.calls.length;
    const done = await exportFrom(site, { deliver: true });
    const file = join(site.dir, 'outbox', `${done.bundleId}.bfb`);
    expect(readFileSync(file).equals(done.bytes)).toBe(true);
    expect(fsState.calls.slice(calls).some((c) => c.startsWith('fsync') && c.includes('outbox'))).toBe(true);
    expect((await site.call('sync.status', {})).records).toMatchObject({ pending: 0, exported: pending });
  });

  it('refuses an attachment or an import on a read-only or full disk with the cause, writing nothing', async () => {
    fsState.fault = { code: 'EROFS', under: join(site.dir, 'attachments') };
    expect(await attach(site)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^添加附件未完成：磁盘或文件夹是只读的/) },
    });
    expect(site.raw().prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    fsState.fault = null;
    expect((await attach(site)).ok).toBe(true);

    const bundle = await exportFrom(site);
    const { fingerprint } = await dept.call('sync.inspect', bundleFile(bundle.bytes));
    const before = wholeDump(dept.raw());
    fsState.fault = { code: 'ENOSPC', under: join(dept.dir, 'attachments') };
    expect(await dept.app.invoke('sync.import', bundleFile(bundle.bytes, fingerprint))).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^导入未完成：磁盘空间已满/) },
    });
    expect(wholeDump(dept.raw())).toBe(before);
    const blobs = join(dept.dir, 'attachments');
    expect(
      existsSync(blobs)
        ? readdirSync(blobs, { recursive: true }).filter((n) => /\.tmp$/.test(String(n)))
        : [],
    ).toEqual([]);
  });
});
