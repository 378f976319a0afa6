import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../db/client';
import { storageFailure } from '../../db/storageErrors';
import { openTestApp, seedAgreement, type TestApp } from '../helpers/db';
import { bundleFile, exportFrom, openDepartment } from '../helpers/sync';

// Issue 13, item 6: a full disk, a read-only folder, a file another program holds, a stick pulled
// mid-write. SQLite's own errors are real (a page limit, query_only, another connection's lock); the
// file system's are injected into node:fs where a path matches.

const fault = vi.hoisted(() => ({ match: null as RegExp | null, code: '' }));
const stores = vi.hoisted(() => [] as unknown[]);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const guard =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      const paths = a.filter((x) => typeof x === 'string').join(' ');
      if (fault.match?.test(paths))
        throw Object.assign(new Error(`${fault.code}: injected`), { code: fault.code, path: paths });
      return f(...a);
    };
  const wrapped = {
    ...fs,
    writeFileSync: guard(fs.writeFileSync),
    copyFileSync: guard(fs.copyFileSync),
    renameSync: guard(fs.renameSync),
  };
  return { ...wrapped, default: wrapped };
});

vi.mock('../../db/client', async (importOriginal) => {
  const client = await importOriginal<typeof import('../../db/client')>();
  return {
    ...client,
    openStore: async (...a: Parameters<typeof client.openStore>) => {
      const store = await client.openStore(...a);
      stores.push(store);
      return store;
    },
  };
});

const storeOf = (t: TestApp) => (stores as Store[]).find((s) => s.path === t.app.dbPath)!;

/** The database file cannot grow: what SQLite reports on a full disk. */
const fillDisk = (t: TestApp) => {
  const w = storeOf(t).write.sqlite;
  w.pragma(`max_page_count = ${w.pragma('page_count', { simple: true }) as number}`);
};

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => {
  fault.match = null;
  t.close();
});

const activities = (agreementId: string, n: number) => ({
  activities: Array.from({ length: n }, (_, i) => ({
    agreementId,
    type: '培训' as const,
    title: `教师培训第 ${i + 1} 期`,
    startDate: '2023-12-14',
    notes: '培训内容记录。'.repeat(200),
  })),
});

describe('storage errors, by cause', () => {
  it.each([
    ['SQLITE_FULL', /磁盘空间已满/],
    ['ENOSPC', /磁盘空间已满/],
    ['SQLITE_CANTOPEN', /没有写入权限/],
    ['EACCES', /没有写入权限/],
    ['SQLITE_READONLY_DBMOVED', /只读/],
    ['EROFS', /只读/],
    ['SQLITE_BUSY', /其他程序占用/],
    ['EBUSY', /其他程序占用/],
    ['SQLITE_IOERR_WRITE', /U 盘或移动硬盘可能已被拔出/],
    ['EIO', /U 盘或移动硬盘可能已被拔出/],
    ['ENOENT', /找不到目标位置/],
  ])('%s names its cause and what to do', (code, says) => {
    const failure = storageFailure(Object.assign(new Error('x'), { code, path: '/media/u/帮扶' }), '导出');
    expect(failure?.message).toMatch(says);
    expect(failure?.message).toMatch(/^导出未完成：.*重试/);
    expect(failure?.message).toContain('/media/u/帮扶');
  });

  it('leaves other errors, and a missing file that was only read, to the generic mapping', () => {
    expect(storageFailure(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }), '保存')).toBeNull();
    expect(storageFailure(new Error('no code'), '保存')).toBeNull();
    expect(storageFailure(Object.assign(new Error('x'), { code: 'ENOENT' }), '读取', false)).toBeNull();
  });
});

describe('storage errors, where they happen', () => {
  it('saving records on a full disk says so and saves none of them', async () => {
    const { agreement } = await seedAgreement(t);
    fillDisk(t);
    const res = await t.app.invoke('activities.createBatch', activities(agreement.id, 300));
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/^保存未完成：磁盘空间已满/) },
    });
    expect((await t.call('activities.list', {})).total).toBe(0);
  });

  it('saving in a read-only data folder says the folder is read-only', async () => {
    storeOf(t).write.sqlite.pragma('query_only = ON');
    const res = await t.app.invoke('institutions.create', { name: '普宁市教育局', kind: '教育局' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/^保存未完成：.*只读/) },
    });
  });

  it('saving while another program holds the database says which kind of program to close', async () => {
    storeOf(t).write.sqlite.pragma('busy_timeout = 0');
    const other = new Database(t.app.dbPath);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const res = await t.app.invoke('institutions.create', { name: '普宁市教育局', kind: '教育局' });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/其他程序占用/) },
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('adding an attachment on a full disk, or to a pulled stick, names the cause', async () => {
    const { agreement } = await seedAgreement(t);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const add = () =>
      t.app.invoke('attachments.add', {
        entityTable: 'agreements',
        entityId: agreement.id,
        fileName: '现场.png',
        dataBase64: png.toString('base64'),
      });
    fault.match = /[/\\]attachments[/\\]/;
    fault.code = 'ENOSPC';
    expect(await add()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^添加附件未完成：磁盘空间已满/) },
    });
    fault.code = 'EIO';
    expect(await add()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^添加附件未完成：.*U 盘/) },
    });
    expect(await t.call('attachments.list', { entityTable: 'agreements', entityId: agreement.id })).toEqual(
      [],
    );
  });

  it('exporting for delivery to a read-only disk, and delivering to a pulled stick, name the cause', async () => {
    await seedAgreement(t);
    const stick = join(t.dir, 'u-disk');
    mkdirSync(stick);
    await t.call('delivery.saveTarget', { kind: 'folder', label: 'U 盘', location: stick, enabled: true });
    fault.match = /[/\\]outbox[/\\]/;
    fault.code = 'EROFS';
    expect(await t.app.invoke('sync.export', { deliver: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^导出未完成：磁盘或文件夹是只读的/) },
    });
    fault.match = null;
    await t.call('sync.export', { deliver: true });
    fault.match = /u-disk/;
    fault.code = 'EIO';
    const [entry] = await t.call('delivery.run', { all: true });
    expect(entry!.lastError).toMatch(/^写入目标文件夹未完成：.*U 盘或移动硬盘可能已被拔出/);
  });

  it('a manual backup whose file cannot be finished on the stick says so and leaves no half file', async () => {
    fault.match = /[/\\]backups[/\\].*\.partial/;
    fault.code = 'EIO';
    expect(await t.app.invoke('maintenance.backup', {})).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/^备份未完成：读写磁盘时出错/) },
    });
    expect((await t.call('backups.list', {})).backups).toEqual([]);
  });

  it('importing a bundle on a full disk says so and applies nothing', async () => {
    const { agreement } = await seedAgreement(t);
    await t.call('activities.createBatch', activities(agreement.id, 300));
    const { bytes } = await exportFrom(t);
    const dept = await openDepartment();
    try {
      const { fingerprint } = await dept.call('sync.inspect', bundleFile(bytes));
      fillDisk(dept);
      expect(await dept.app.invoke('sync.import', bundleFile(bytes, fingerprint))).toMatchObject({
        ok: false,
        error: { code: 'STORAGE', message: expect.stringMatching(/^导入未完成：磁盘空间已满/) },
      });
      expect((await dept.call('agreements.list', {})).total).toBe(0);
    } finally {
      dept.close();
    }
  });
});
