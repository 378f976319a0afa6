import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { dumpDiff } from '../../helpers/dumpDiff';
import { deviceOf, exportFrom, importInto, openDepartment } from '../../helpers/sync';

// 从备份恢复: a backup is checked before anything changes, the database as it is is kept as a backup of
// its own, and a restored database never reuses what this PC already sent.

const track = closedAfterEach();

const titles = async (t: TestApp) =>
  (await t.call('activities.list', { limit: 100, offset: 0 })).rows.map((r) => r.title).sort();

const training = (t: TestApp, agreementId: string, title: string) =>
  t.call('activities.create', { agreementId, type: '培训', title, startDate: '2024-03-01' });

describe('restoring a backup', () => {
  it('restores a checked backup, keeps the current database as a backup, and gets back what was sent since', async () => {
    const pc = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(pc);
    await training(pc, agreement.id, '备份之前');
    const { file } = await pc.call('maintenance.backup', {});
    await training(pc, agreement.id, '备份之后、已发送');
    await importInto(dept, (await exportFrom(pc)).bytes);
    const oldId = await deviceOf(pc);

    const name = file.split(/[\\/]/).pop()!;
    const done = await pc.call('backups.restore', { name });
    expect(done.newIdentity).toBe(true);
    expect(await deviceOf(pc)).not.toBe(oldId);
    expect(await titles(pc)).toEqual(['备份之前']);
    const listed = (await pc.call('backups.list', {})).backups.map((b) => b.name);
    expect(listed).toContain(done.keptCurrentAs);

    await training(pc, agreement.id, '恢复之后');
    await importInto(dept, (await exportFrom(pc)).bytes);
    await importInto(pc, (await exportFrom(dept, { to: await deviceOf(pc) })).bytes);
    expect(await titles(pc)).toEqual(['备份之前', '备份之后、已发送', '恢复之后']);
    expect(await titles(dept)).toEqual(['备份之前', '备份之后、已发送', '恢复之后']);
    expect(dumpDiff(pc.raw(), dept.raw())).toEqual([]);
  });

  it('keeps the same identity when nothing left this PC after the backup', async () => {
    const pc = track(await openTestApp());
    const { agreement } = await seedAgreement(pc);
    const { file } = await pc.call('maintenance.backup', {});
    await training(pc, agreement.id, '未发送的记录');
    const before = await deviceOf(pc);
    const done = await pc.call('backups.restore', { name: file.split(/[\\/]/).pop()! });
    expect(done.newIdentity).toBe(false);
    expect(await deviceOf(pc)).toBe(before);
    expect(await titles(pc)).toEqual([]);
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const pc = track(await openTestApp());
    const { agreement } = await seedAgreement(pc);
    const { file } = await pc.call('maintenance.backup', {});
    await training(pc, agreement.id, '现在的记录');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096, 8192);
    writeFileSync(file, bytes);
    await expect(pc.call('backups.restore', { name: file.split(/[\\/]/).pop()! })).rejects.toThrow(
      /未通过完整性检查|无法打开|已损坏/,
    );
    expect(await titles(pc)).toEqual(['现在的记录']);
    await expect(pc.call('backups.restore', { name: 'no-such.sqlite' })).rejects.toThrow(/找不到这份备份/);
  });
});
