import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/paths';
import { dumpHash } from '../../../db/sync/dump';
import { closedAfterEach, openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';
import {
  bundleFile,
  deviceOf,
  exportFrom,
  importInto,
  joinFrom,
  openDepartment,
  openSecondSite,
} from '../../helpers/sync';

// Deployments as they are (DESIGN.md 3.1): several PCs per college, a PC replaced, a database restored or
// copied in, a return bundle for someone else, an old one arriving late. Each test follows one of the ways
// the issue found sync to lose or refuse work silently.

const track = closedAfterEach();

const training = (t: TestApp, agreementId: string, title: string) =>
  t.call('activities.create', { agreementId, type: '培训', title, startDate: '2024-03-01' });

const retitle = async (t: TestApp, id: string, title: string) => {
  const { evidenceCount: _e, updatedAt: _u, ...input } = await t.call('activities.get', { id });
  return t.call('activities.update', { ...input, title } as never);
};

const titles = async (t: TestApp) =>
  (await t.call('activities.list', { limit: 100, offset: 0 })).rows.map((r) => r.title).sort();

/** Any PC's round with the department: its bundle up, the answer addressed to it back. */
const round = async (pc: TestApp, dept: TestApp) => {
  const up = await importInto(dept, (await exportFrom(pc)).bytes);
  const back = await importInto(pc, (await exportFrom(dept, { to: await deviceOf(pc) })).bytes);
  return { up, back };
};

describe('several PCs at one college', () => {
  it('lets a second PC join the college, edit the first PC’s records, and converge through the department', async () => {
    const pc1 = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(pc1);
    const first = await training(pc1, agreement.id, '第一台电脑登记的培训');
    await round(pc1, dept);

    const { pc: pc2, preview } = await joinFrom(pc1);
    track(pc2);
    expect(preview.siteName).toBe('揭阳职院');
    expect(preview.madeBy).toBe('site');
    const s1 = await pc1.call('app.status', {});
    const s2 = await pc2.call('app.status', {});
    expect(s2.siteId).toBe(s1.siteId);
    expect(s2.deviceId).not.toBe(s1.deviceId);
    expect(await titles(pc2)).toEqual(['第一台电脑登记的培训']);

    // The second PC edits the first PC's record and adds its own.
    await retitle(pc2, first.id, '第二台电脑改过的标题');
    await training(pc2, agreement.id, '第二台电脑登记的培训');

    // The department is told which college the new device claims and which devices that college has.
    const seen = await dept.call('sync.inspect', bundleFile((await exportFrom(pc2)).bytes));
    expect(seen.newDevice).toBe(true);
    expect(seen.claims?.knownSite).toBe(true);
    expect(seen.claims?.siteName).toBe('揭阳职院');
    expect(seen.claims?.devices.map((d) => d.deviceId)).toEqual([s1.deviceId]);
    const up = await round(pc2, dept);
    expect(up.up.summary.rejected).toBe(0);
    await round(pc1, dept);
    await round(pc2, dept);

    expect(await titles(pc1)).toEqual(['第二台电脑改过的标题', '第二台电脑登记的培训']);
    expect(dumpHash(pc1.raw())).toBe(dumpHash(dept.raw()));
    expect(dumpHash(pc2.raw())).toBe(dumpHash(dept.raw()));
    // One college at the department, with two devices; each PC lists both as 本单位设备.
    const sites = dept.raw().prepare("SELECT count(*) FROM sites WHERE mode = 'site'").pluck().get();
    expect(sites).toBe(1);
    const atDept = await dept.call('sync.devices', {});
    expect(atDept.map((d) => d.deviceId).sort()).toEqual([s1.deviceId, s2.deviceId].sort());
    const atPc1 = await pc1.call('sync.devices', {});
    expect(atPc1.map((d) => [d.deviceId, d.state])).toEqual([
      [s1.deviceId, 'this'],
      [s2.deviceId, 'active'],
    ]);
  });

  it('refuses a return bundle addressed to another PC, even of the same college', async () => {
    const pc1 = track(await openTestApp());
    const dept = track(await openDepartment());
    await seedAgreement(pc1);
    await round(pc1, dept);
    const { pc: pc2 } = await joinFrom(pc1);
    track(pc2);
    await importInto(dept, (await exportFrom(pc2)).bytes);
    const forPc1 = (await exportFrom(dept, { to: await deviceOf(pc1) })).bytes;
    await expect(pc2.call('sync.inspect', bundleFile(forPc1))).rejects.toThrow(/发给另一台设备/);
    const other = track(await openSecondSite());
    await expect(other.call('sync.inspect', bundleFile(forPc1))).rejects.toThrow(/发给另一台设备/);
  });
});

describe('a replaced PC', () => {
  it('takes the college over from the department, edits the old PC’s records, and the old PC is retired', async () => {
    const old = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(old);
    const made = await training(old, agreement.id, '旧电脑登记的培训');
    await round(old, dept);
    const oldId = await deviceOf(old);
    const siteId = (await old.call('app.status', {})).siteId!;

    const { pc: fresh, preview } = await joinFrom(dept, siteId);
    track(fresh);
    expect(preview.madeBy).toBe('department');
    expect(await titles(fresh)).toEqual(['旧电脑登记的培训']);
    await retitle(fresh, made.id, '新电脑修改了旧电脑的记录');
    await dept.call('sync.retireDevice', { deviceId: oldId, reason: '电脑损坏，已由新电脑接替' });
    await round(fresh, dept);
    expect((await dept.call('activities.get', { id: made.id })).title).toBe('新电脑修改了旧电脑的记录');

    await training(old, agreement.id, '旧电脑停用后的记录');
    await expect(dept.call('sync.inspect', bundleFile((await exportFrom(old)).bytes))).rejects.toThrow(
      /已.*停用.*电脑损坏/,
    );
    const devices = await dept.call('sync.devices', {});
    expect(devices.find((d) => d.deviceId === oldId)?.state).toBe('retired');
    // What the old PC had sent before it was retired is all still there.
    expect((await titles(dept)).length).toBe(1);
  });
});

describe('a restored or copied database', () => {
  it('continues under a new identity after a backup is restored, and gets back what the old one sent', async () => {
    const pc = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(pc);
    await training(pc, agreement.id, '备份之前');
    await round(pc, dept);
    const backup = tempDir('bangfu-backup-');
    try {
      const { file } = await pc.call('maintenance.backup', {});
      copyFileSync(file, join(backup.dir, DB_FILE_NAME));
      await training(pc, agreement.id, '备份之后、已发送');
      await importInto(dept, (await exportFrom(pc)).bytes);
      const oldId = await deviceOf(pc);
      pc.app.close();
      // The database file alone comes back from the backup, as the corrupt-database message advises.
      rmSync(join(pc.dir, `${DB_FILE_NAME}-wal`), { force: true });
      rmSync(join(pc.dir, `${DB_FILE_NAME}-shm`), { force: true });
      copyFileSync(join(backup.dir, DB_FILE_NAME), join(pc.dir, DB_FILE_NAME));
      const restored = track(await openTestApp({ dir: pc.dir, setup: false }));
      const newId = await deviceOf(restored);
      expect(newId).not.toBe(oldId);
      expect((await restored.call('sync.status', {})).identityChange).toMatchObject({
        cause: 'restored',
        previousDeviceId: oldId,
      });
      await training(restored, agreement.id, '恢复之后');
      const up = await round(restored, dept);
      expect(up.up.summary.new).toBeGreaterThan(0);
      expect(await titles(dept)).toEqual(['备份之前', '备份之后、已发送', '恢复之后']);
      expect(await titles(restored)).toEqual(['备份之前', '备份之后、已发送', '恢复之后']);
      expect(dumpHash(restored.raw())).toBe(dumpHash(dept.raw()));
    } finally {
      backup.cleanup();
    }
  });

  it('refuses a bundle that reuses sent seqs with other content, and recovers under a new identity on request', async () => {
    const pc = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(pc);
    await training(pc, agreement.id, '复制之前');
    await round(pc, dept);
    const copy = tempDir('bangfu-copy-');
    try {
      // The whole folder copied by hand (key and all): nothing on this PC can tell it is older.
      cpSync(pc.dir, copy.dir, { recursive: true });
      await training(pc, agreement.id, '复制之后、已发送');
      await importInto(dept, (await exportFrom(pc)).bytes);
      pc.app.close();
      rmSync(pc.dir, { recursive: true, force: true });
      cpSync(copy.dir, pc.dir, { recursive: true });
      const again = track(await openTestApp({ dir: pc.dir, setup: false }));
      await training(again, agreement.id, '恢复之后');
      await expect(dept.call('sync.inspect', bundleFile((await exportFrom(again)).bytes))).rejects.toThrow(
        /内容不同.*以新设备身份继续/,
      );
      // The department's answer shows it holds more of this device's changes than this database does.
      await importInto(again, (await exportFrom(dept, { to: await deviceOf(again) })).bytes);
      const status = await again.call('sync.status', {});
      expect(status.recovery).not.toBeNull();
      await expect(again.call('sync.export', {})).rejects.toThrow(/以新设备身份继续/);
      const r = await again.call('sync.recover', {});
      expect(r.reissued).toBeGreaterThan(0);
      await round(again, dept);
      await round(again, dept);
      expect(await titles(dept)).toEqual(['复制之前', '复制之后、已发送', '恢复之后']);
      expect(await titles(again)).toEqual(['复制之前', '复制之后、已发送', '恢复之后']);
      expect(dumpHash(again.raw())).toBe(dumpHash(dept.raw()));
      expect((await again.call('sync.status', {})).recovery).toBeNull();
    } finally {
      copy.cleanup();
    }
  });

  it('continues under a new identity when the database arrives on a PC without its key', async () => {
    const pc = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(pc);
    await training(pc, agreement.id, '旧电脑');
    await round(pc, dept);
    const oldId = await deviceOf(pc);
    const moved = tempDir('bangfu-moved-');
    try {
      pc.app.close();
      copyFileSync(join(pc.dir, DB_FILE_NAME), join(moved.dir, DB_FILE_NAME));
      const fresh = track(await openTestApp({ dir: moved.dir, setup: false }));
      expect(await deviceOf(fresh)).not.toBe(oldId);
      expect((await fresh.call('sync.status', {})).identityChange?.cause).toBe('no-key');
      await training(fresh, agreement.id, '新电脑');
      await round(fresh, dept);
      expect(await titles(dept)).toEqual(['新电脑', '旧电脑']);
    } finally {
      moved.cleanup();
    }
  });
});
