import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/client';
import { dumpDiff } from '../../helpers/dumpDiff';
import { closedAfterEach, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import {
  bundleFile,
  deviceOf,
  exchange,
  exportFrom,
  importInto,
  openDepartment,
  openSecondSite,
} from '../../helpers/sync';

// What a return bundle settles: a returned change is withdrawn everywhere and leaves no gap behind it;
// acknowledgements and the department's settings only move forward; the dry run refuses what the import
// would.

const track = closedAfterEach();

/** A write the services would refuse, made on a second connection with the app's functions. */
const behindTheAppsBack = async (t: TestApp, sql: string, ...params: unknown[]) => {
  const s = await openStore(t.app.dbPath);
  try {
    s.attachClock(await deviceOf(t));
    s.tx((w) => w.sqlite.prepare(sql).run(...params));
  } finally {
    s.close();
  }
};

describe('returned changes', () => {
  it('withdraws a returned change at its sender and lets every other college go on applying that sender’s later changes', async () => {
    const a = track(await openTestApp());
    const dept = track(await openDepartment());
    const b = track(await openSecondSite());
    const { agreement } = await seedAgreement(a);
    let plan = await a.call('plans.create', { agreementId: agreement.id, month: '2023-12' });
    plan = await a.call('plans.saveItem', { planId: plan.id, content: '信息技术培训', status: '未开始' });
    await a.call('plans.submit', { id: plan.id, by: '帮扶办' });
    await exchange(a, dept);
    await dept.call('plans.approve', { id: plan.id, by: '职成处 王处长' });
    const item = plan.items[0]!;
    // Before hearing of the approval, college A changes the locked month, then records a training.
    await behindTheAppsBack(a, "UPDATE plan_items SET status = '已完成' WHERE id = ?", item.id);
    const later = await a.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '退回之后的培训',
      startDate: '2023-12-20',
    });
    const { up } = await exchange(a, dept);
    expect(up.summary.tables.plan_items).toMatchObject({ rejected: 1 });
    expect(up.summary.reasons.map((r) => r.reason)).toContain(
      '该月工作计划已由教育主管部门审核锁定，修改未被接受；如需修改，请联系教育主管部门退回',
    );
    // The sender is back where the department is: its local edit is withdrawn, and it sees why.
    const atA = await a.call('plans.get', { agreementId: agreement.id, month: '2023-12' });
    expect(atA!.items[0]!.status).toBe('未开始');
    expect((await a.call('sync.status', {})).records.returned).toBe(1);

    // College B receives A's later training: the returned seq is settled, not a gap.
    await exchange(b, dept);
    await importInto(b, (await exportFrom(dept, { to: await deviceOf(b) })).bytes);
    expect((await b.call('activities.get', { id: later.id })).title).toBe('退回之后的培训');
    const peers = (await b.call('sync.status', {})).peers;
    expect(peers.every((p) => p.gap === null && p.parked === 0)).toBe(true);
    await exchange(a, dept);
    expect(dumpDiff(a.raw(), dept.raw())).toEqual([]);
    expect(dumpDiff(b.raw(), dept.raw())).toEqual([]);
  });

  it('removes at its sender a new record the department returned, and returns that record’s later edits too', async () => {
    const a = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(a);
    await exchange(a, dept);
    const other = track(await openSecondSite());
    await exchange(other, dept);
    await importInto(a, (await exportFrom(dept, { to: await deviceOf(a) })).bytes);
    const otherSite = (await other.call('app.status', {})).siteId!;
    // A build without the check writes a row claiming another college, then edits it.
    const id = '01900000-0000-7000-8000-0000000000aa';
    const s = await openStore(a.app.dbPath);
    try {
      s.attachClock(await deviceOf(a));
      s.write.sqlite.exec(
        'DROP TRIGGER "bf_activities_owner_insert"; DROP TRIGGER "bf_activities_owner_update"',
      );
      s.tx((w) =>
        w.sqlite
          .prepare(
            `INSERT INTO activities (id, created_at, updated_at, owner_site, agreement_id, type, title, start_date, online)
             VALUES (?, 1, 1, ?, ?, '培训', '冒名的培训', '2024-01-01', 0)`,
          )
          .run(id, otherSite, agreement.id),
      );
      s.tx((w) => w.sqlite.prepare("UPDATE activities SET title = '又改了标题' WHERE id = ?").run(id));
    } finally {
      s.close();
    }
    const { up } = await exchange(a, dept);
    expect(up.summary.tables.activities).toMatchObject({ rejected: 2, new: 0 });
    expect(up.summary.reasons.map((r) => r.reason).sort()).toEqual(
      ['所修改的记录的新建已被退回', '新记录的所属单位不是发送同步包的学校'].sort(),
    );
    expect(a.raw().prepare('SELECT count(*) FROM activities WHERE id = ?').pluck().get(id)).toBe(0);
    expect(dumpDiff(a.raw(), dept.raw())).toEqual([]);
  });
});

describe('what only moves forward', () => {
  it('keeps the acknowledgement and the minimum version of the newest return bundle when an older one arrives late', async () => {
    const site = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(site);
    await importInto(dept, (await exportFrom(site)).bytes);
    const older = (await exportFrom(dept, { to: await deviceOf(site) })).bytes;
    await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '新的',
      startDate: '2024-01-01',
    });
    await importInto(dept, (await exportFrom(site)).bytes);
    await dept.call('sync.saveSettings', { minAppVersion: '0.0.0', inboxFolder: null });
    const newer = (await exportFrom(dept, { to: await deviceOf(site) })).bytes;
    await importInto(site, newer);
    const before = await site.call('sync.status', {});
    expect(before.acknowledged).toBe(before.ownSeq);
    await importInto(site, older);
    const after = await site.call('sync.status', {});
    expect(after.acknowledged).toBe(before.acknowledged);
    expect((await site.call('sync.export', {})).records).toBe(0);
    const minVersion = site
      .raw()
      .prepare("SELECT value FROM settings WHERE key = 'sync.minAppVersion'")
      .pluck()
      .get();
    expect(minVersion).toBe('0.0.0');
  });
});

describe('an exact dry run', () => {
  it('says in the dry run exactly what the import does with a record whose reference is missing', async () => {
    const site = track(await openTestApp());
    const dept = track(await openDepartment());
    await seedAgreement(site);
    const s = await openStore(site.app.dbPath);
    try {
      s.attachClock(await deviceOf(site));
      s.write.sqlite.pragma('foreign_keys = OFF');
      s.tx((w) =>
        w.sqlite
          .prepare(
            `INSERT INTO activities (id, created_at, updated_at, owner_site, agreement_id, type, title, start_date, online)
             VALUES ('01900000-0000-7000-8000-0000000000bb', 1, 1, (SELECT site_id FROM device_state), ?, '培训', '无主的培训', '2024-01-01', 0)`,
          )
          .run('01900000-0000-7000-8000-00000000dead'),
      );
    } finally {
      s.close();
    }
    const bytes = (await exportFrom(site)).bytes;
    const seen = await dept.call('sync.inspect', bundleFile(bytes));
    expect(seen.summary.tables.activities).toMatchObject({ rejected: 1, new: 0 });
    expect(seen.summary.reasons.map((r) => r.reason).join()).toMatch(/agreement_id.*不存在/);
    const done = await importInto(dept, bytes);
    expect(done.summary).toEqual(seen.summary);
  });
});
