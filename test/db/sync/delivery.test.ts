import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/paths';
import { pauseAfter } from '../../../db/sync/delivery/outbox';
import { fixedClock, openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';
import { exportFrom, openDepartment } from '../../helpers/sync';
import { startWebDav, type WebDavFixture } from '../../helpers/webdav';

// Delivery (DESIGN.md section 3): exported bundles wait in the outbox for each target (a folder, a WebDAV
// server) and are retried with growing pauses until they arrive; the department's inbox folder picks
// them up. The WebDAV server here is real (webdav-server on 127.0.0.1) behind a proxy the test controls.

let site: TestApp;
let clock: ReturnType<typeof fixedClock>;
let tmp: { dir: string; cleanup: () => void };
beforeEach(async () => {
  clock = fixedClock();
  site = await openTestApp({ wallClock: clock });
  tmp = tempDir('bangfu-delivery-');
  const { agreement } = await seedAgreement(site);
  await site.call('activities.create', {
    agreementId: agreement.id,
    type: '培训',
    title: '教师信息技术应用能力培训',
    startDate: '2023-12-14',
  });
});
afterEach(() => {
  site.close();
  tmp.cleanup();
});

describe('delivery to a folder', () => {
  it('copies the bundle to the folder, waits with back-off while the USB stick is out, and delivers when it is back', async () => {
    const stick = join(tmp.dir, 'U盘');
    await site.call('delivery.saveTarget', { kind: 'folder', label: 'U 盘', location: stick });
    const bundle = await exportFrom(site, { deliver: true });
    expect(bundle.queued).toBe(1);

    let [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({
      state: 'retrying',
      attempts: 1,
      target: 'U 盘',
      fileName: bundle.fileName,
    });
    expect(entry!.lastError).toContain('找不到目标文件夹');
    expect(entry!.nextAt).toBe(clock() + pauseAfter(1));

    mkdirSync(stick);
    [entry] = await site.call('delivery.run', {});
    expect(entry!.state).toBe('retrying');
    expect(existsSync(join(stick, bundle.fileName))).toBe(false);

    clock.advance(pauseAfter(1));
    [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({ state: 'delivered', attempts: 2, lastError: null, deliveredAt: clock() });
    expect(readFileSync(join(stick, bundle.fileName)).equals(bundle.bytes)).toBe(true);
    expect(readdirSync(stick)).toEqual([bundle.fileName]);
    // Delivered everywhere: the outbox no longer keeps its copy.
    expect(readdirSync(join(site.dir, 'outbox'))).toEqual([]);
  });

  it('doubles the pause after each failed try, up to an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map(pauseAfter)).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
  });

  it('refuses targets it could not use, in Chinese', async () => {
    await expect(
      site.call('delivery.saveTarget', { kind: 'folder', label: 'U 盘', location: 'bundles' }),
    ).rejects.toThrow('请填写文件夹的完整路径');
    await expect(
      site.call('delivery.saveTarget', { kind: 'webdav', label: '云盘', location: 'ftp://example.org' }),
    ).rejects.toThrow('服务器地址应以 http:// 或 https:// 开头');
    await expect(
      site.call('delivery.saveTarget', { kind: 'folder', label: ' ', location: tmp.dir }),
    ).rejects.toThrow('请填写名称');
    await expect(exportFrom(site, { deliver: true })).rejects.toThrow('尚未设置发送目标');
  });
});

describe('delivery to a WebDAV server', () => {
  let server: WebDavFixture;
  let served: string;
  beforeEach(async () => {
    served = join(tmp.dir, 'server');
    mkdirSync(served);
    server = await startWebDav(served);
  });
  afterEach(() => server.close());

  const addServer = (password: string, label = '教育厅服务器') =>
    site.call('delivery.saveTarget', {
      kind: 'webdav',
      label,
      location: server.url,
      username: 'jieyang',
      password,
    });

  it('keeps the password out of the database, in a file only the user can read', async () => {
    const [target] = await addServer('Jy-2023!');
    expect(target).toMatchObject({ hasPassword: true, username: 'jieyang' });
    // The database file and its write-ahead log, as a backup or copy would take them.
    const files = readdirSync(site.dir).filter((n) => n.startsWith(DB_FILE_NAME));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(readFileSync(join(site.dir, f)).includes(Buffer.from('Jy-2023!'))).toBe(false);
    const secret = join(site.dir, 'secrets', target!.id);
    expect(readFileSync(secret, 'utf8')).toBe('Jy-2023!');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
  });

  it('uploads, says clearly when the password is wrong, and delivers once it is corrected', async () => {
    const [target] = await addServer('wrong');
    const bundle = await exportFrom(site, { deliver: true });
    let [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({ state: 'failed', attempts: 1 });
    expect(entry!.lastError).toBe('服务器拒绝了用户名或密码（401），请在“发送目标”中检查账号');
    expect(readdirSync(served)).toEqual([]);

    await site.call('delivery.saveTarget', {
      id: target!.id,
      kind: 'webdav',
      label: target!.label,
      location: target!.location,
      username: 'jieyang',
      password: 'Jy-2023!',
    });
    [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(readFileSync(join(served, bundle.fileName)).equals(bundle.bytes)).toBe(true);
  });

  it('retries after the server is down and after an upload cut halfway, never leaving a partial bundle', async () => {
    await addServer('Jy-2023!');
    const bundle = await exportFrom(site, { deliver: true });
    await server.down();
    let [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(entry!.lastError).toContain('无法连接服务器');
    clock.advance(pauseAfter(1));
    [entry] = await site.call('delivery.run', {});
    expect(entry).toMatchObject({ state: 'retrying', attempts: 2, nextAt: clock() + pauseAfter(2) });

    await server.up();
    server.cutNextUpload();
    [entry] = await site.call('delivery.run', { all: true });
    expect(entry).toMatchObject({ state: 'retrying', attempts: 3 });
    expect(entry!.lastError).toMatch(/上传中断|无法连接/);
    expect(existsSync(join(served, bundle.fileName))).toBe(false);

    [entry] = await site.call('delivery.run', { all: true });
    expect(entry).toMatchObject({ state: 'delivered', attempts: 4 });
    expect(readFileSync(join(served, bundle.fileName)).equals(bundle.bytes)).toBe(true);
    expect(readdirSync(served)).toEqual([bundle.fileName]);
  });

  it('does not upload again what the server already holds', async () => {
    await addServer('Jy-2023!', '服务器（主）');
    await addServer('Jy-2023!', '服务器（备）');
    const bundle = await exportFrom(site, { deliver: true });
    expect(bundle.queued).toBe(2);
    const entries = await site.call('delivery.run', {});
    expect(entries.map((e) => e.state)).toEqual(['delivered', 'delivered']);
    expect(server.puts()).toBe(1);
    // And the same bundle run again changes nothing.
    await site.call('delivery.run', { all: true });
    expect(server.puts()).toBe(1);
  });
});

describe('the department’s inbox folder', () => {
  it('inspects new bundle files, imports the one confirmed, refuses a damaged one, and leaves both in place', async () => {
    const dept = await openDepartment();
    try {
      const inbox = join(tmp.dir, 'inbox');
      mkdirSync(inbox);
      await site.call('delivery.saveTarget', { kind: 'folder', label: '共享文件夹', location: inbox });
      const bundle = await exportFrom(site, { deliver: true });
      await site.call('delivery.run', {});
      writeFileSync(join(inbox, 'broken.bfb'), bundle.bytes.subarray(0, bundle.bytes.length / 2));
      writeFileSync(join(inbox, 'notes.txt'), 'not a bundle');

      await expect(dept.call('inbox.scan', {})).resolves.toEqual([]);
      await dept.call('sync.saveSettings', { minAppVersion: null, inboxFolder: inbox });
      const seen = await dept.call('inbox.scan', {});
      const byName = new Map(seen.map((e) => [e.fileName, e]));
      expect([...byName.keys()].sort()).toEqual(['broken.bfb', bundle.fileName].sort());
      expect(byName.get('broken.bfb')).toMatchObject({
        state: 'refused',
        message: '文件不完整或不是同步包（.bfb）',
      });
      const ready = byName.get(bundle.fileName)!;
      expect(ready.state).toBe('ready');
      expect(ready.report!.summary.tables.activities!.new).toBe(1);

      const done = await dept.call('inbox.import', {
        path: ready.path,
        confirmFingerprint: ready.report!.fingerprint,
      });
      expect(done.summary.new).toBe(ready.report!.summary.new);
      expect((await dept.call('activities.list', {})).total).toBe(1);
      const after = await dept.call('inbox.scan', {});
      expect(after.find((e) => e.fileName === bundle.fileName)!.state).toBe('imported');
      expect(readdirSync(inbox).sort()).toEqual(['broken.bfb', bundle.fileName, 'notes.txt'].sort());
      await expect(dept.call('inbox.import', { path: join(inbox, 'notes.txt') })).rejects.toThrow(
        '收件箱中没有该文件',
      );
    } finally {
      dept.close();
    }
  });
});
