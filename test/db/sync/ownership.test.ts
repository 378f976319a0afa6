import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/client';
import { applyRecords } from '../../../db/sync/apply';
import type { ChangeRecord } from '../../../db/sync/bundle/format';
import { syncedTables } from '../../../db/sync/triggers';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import {
  deviceOf,
  exchange,
  exportFrom,
  importInto,
  openDepartment,
  openSecondSite,
} from '../../helpers/sync';

// Who may change what (DESIGN.md section 3): a college its own rows and the shared ones; the department
// anything. What a college's bundle tries beyond that, and changes to a month the department approved,
// come back "returned" with a reason, and every record shows the coordinator where it stands.

let site: TestApp;
let dept: TestApp;
beforeEach(async () => {
  site = await openTestApp();
  dept = await openDepartment();
});
afterEach(() => {
  site.close();
  dept.close();
});

/** A second connection with the app's functions, for writes the services would never make. */
const withStore = async <T>(t: TestApp, fn: (s: Store) => T): Promise<T> => {
  const s = await openStore(t.app.dbPath);
  try {
    s.attachClock(await deviceOf(t));
    return fn(s);
  } finally {
    s.close();
  }
};

const training = async (t: TestApp, agreementId: string, title = '教师信息技术应用能力培训') =>
  t.call('activities.create', { agreementId, type: '培训', title, startDate: '2023-12-14' });

const editTitle = async (t: TestApp, id: string, title: string) => {
  const { evidenceCount: _e, updatedAt: _u, ...input } = await t.call('activities.get', { id });
  return t.call('activities.update', { ...input, title } as never);
};

describe('ownership and returned changes', () => {
  it('lets a college edit its own rows and shared agreements, but not another college’s records', async () => {
    const { agreement } = await seedAgreement(site);
    const mine = await training(site, agreement.id);
    await exchange(site, dept);
    const other = await openSecondSite();
    try {
      await exchange(other, dept);
      await importInto(other, (await exportFrom(dept, { to: await deviceOf(other) })).bytes);
      expect((await other.call('activities.get', { id: mine.id })).title).toBe(mine.title);

      await expect(editTitle(other, mine.id, '改名')).rejects.toThrow(
        '该记录由其他单位登记，本单位只能查看，不能修改',
      );
      await expect(other.call('activities.delete', { id: mine.id })).rejects.toThrow('其他单位登记');
      await withStore(other, (s) =>
        s.tx((w) =>
          w.sqlite.prepare("UPDATE agreements SET goals = '普宁补充的目标' WHERE id = ?").run(agreement.id),
        ),
      );
      expect((await other.call('agreements.get', { id: agreement.id })).goals).toBe('普宁补充的目标');
      const { up } = await exchange(other, dept);
      expect(up.summary.tables.agreements).toMatchObject({ new: 1, rejected: 0 });
    } finally {
      other.close();
    }
    // The department approves and corrects whatever it must.
    await editTitle(dept, mine.id, '教育厅更正的标题');
    expect((await dept.call('activities.get', { id: mine.id })).title).toBe('教育厅更正的标题');
  });

  it('returns a college’s change to another college’s row, applies the rest, and shows it returned at the site', async () => {
    const { agreement } = await seedAgreement(site);
    const theirs = await training(site, agreement.id);
    await exchange(site, dept);
    const other = await openSecondSite();
    try {
      await exchange(other, dept);
      await importInto(other, (await exportFrom(dept, { to: await deviceOf(other) })).bytes);
      // A build without the check (or a hand-edited database) writes over the first college's record.
      await withStore(other, (s) => {
        s.write.sqlite.exec('DROP TRIGGER "bf_activities_owner_update"');
        s.tx((w) =>
          w.sqlite.prepare("UPDATE activities SET title = '被改的标题' WHERE id = ?").run(theirs.id),
        );
      });
      const own = await training(other, agreement.id, '普宁自己的培训');

      const { up } = await exchange(other, dept);
      expect(up.summary.rejected).toBe(1);
      expect(up.summary.tables.activities).toMatchObject({ new: 1, rejected: 1 });
      expect((await dept.call('activities.get', { id: theirs.id })).title).toBe(theirs.title);
      expect((await dept.call('activities.get', { id: own.id })).title).toBe('普宁自己的培训');

      // The returned edit is withdrawn at the college too: it holds what the department holds.
      expect((await other.call('activities.get', { id: theirs.id })).title).toBe(theirs.title);
      const status = await other.call('sync.status', {});
      expect(status.records.returned).toBe(1);
      const returned = await other.call('sync.records', { state: 'returned' });
      expect(returned.rows).toEqual([
        expect.objectContaining({
          table: 'activities',
          rowId: theirs.id,
          label: theirs.title,
          reason: '该记录由其他单位登记，学校只能修改本单位的记录',
        }),
      ]);
      // Returned is not a gap: the college's later changes keep flowing.
      await training(other, agreement.id, '之后的培训');
      const next = await exchange(other, dept);
      expect(next.up.summary).toMatchObject({ new: 1, parked: 0, rejected: 0 });
    } finally {
      other.close();
    }
  });

  it('returns changes to a month the department approved, with the reason, and never applies them', async () => {
    const { agreement } = await seedAgreement(site);
    let plan = await site.call('plans.create', { agreementId: agreement.id, month: '2023-12' });
    plan = await site.call('plans.saveItem', { planId: plan.id, content: '信息技术培训', status: '未开始' });
    await site.call('plans.submit', { id: plan.id, by: '帮扶办' });
    await exchange(site, dept);
    await dept.call('plans.approve', { id: plan.id, by: '职成处 王处长' });
    const item = plan.items[0]!;
    // The site, before hearing of the approval, changes the item behind the app's back.
    await withStore(site, (s) =>
      s.tx((w) => w.sqlite.prepare("UPDATE plan_items SET status = '已完成' WHERE id = ?").run(item.id)),
    );
    const { up } = await exchange(site, dept);
    expect(up.summary.tables.plan_items).toMatchObject({ rejected: 1, new: 0 });
    const held = await dept.call('plans.get', { agreementId: agreement.id, month: '2023-12' });
    expect(held!.items[0]!.status).toBe('未开始');
    expect((await site.call('plans.get', { agreementId: agreement.id, month: '2023-12' }))!.status).toBe(
      '已审核',
    );
    const returned = await site.call('sync.records', { state: 'returned' });
    expect(returned.rows.map((r) => [r.table, r.reason])).toEqual([
      ['plan_items', '该月工作计划已由教育主管部门审核锁定，修改未被接受；如需修改，请联系教育主管部门退回'],
    ]);
  });

  it('does not lock a month the college approved itself', async () => {
    const { agreement } = await seedAgreement(site);
    let plan = await site.call('plans.create', { agreementId: agreement.id, month: '2024-01' });
    plan = await site.call('plans.saveItem', { planId: plan.id, content: '调研', status: '未开始' });
    await site.call('plans.submit', { id: plan.id, by: '帮扶办' });
    await site.call('plans.approve', { id: plan.id, by: '校内审核人' });
    await exchange(site, dept);
    await site.call('plans.return', { id: plan.id, by: '校内审核人', note: '补充内容' });
    await site.call('plans.saveItem', {
      id: plan.items[0]!.id,
      planId: plan.id,
      content: '调研（补充）',
      status: '进行中',
    });
    const { up } = await exchange(site, dept);
    expect(up.summary.rejected).toBe(0);
    expect(
      (await dept.call('plans.get', { agreementId: agreement.id, month: '2024-01' }))!.items[0]!.content,
    ).toBe('调研（补充）');
  });
});

describe('record states at the site', () => {
  it('moves each record from not exported, to exported in a named bundle, to acknowledged', async () => {
    const { agreement } = await seedAgreement(site);
    await training(site, agreement.id);
    const before = await site.call('sync.status', {});
    expect(before.records.pending).toBeGreaterThan(1);
    expect(before.records.exported + before.records.acknowledged + before.records.returned).toBe(0);

    const bundle = await exportFrom(site);
    const exported = await site.call('sync.records', { state: 'exported' });
    expect(exported.total).toBe(before.records.pending);
    expect(exported.rows.find((r) => r.table === 'activities')).toMatchObject({
      label: '教师信息技术应用能力培训',
      bundle: bundle.fileName,
    });
    await training(site, agreement.id, '后来的培训');
    expect((await site.call('sync.status', {})).records.pending).toBe(1);

    await exchange(site, dept);
    const after = await site.call('sync.status', {});
    expect(after.records).toEqual({
      pending: 0,
      exported: 0,
      acknowledged: before.records.pending + 1,
      returned: 0,
    });
  });

  it('tells the site to upgrade when the department asks for a newer version', async () => {
    await seedAgreement(site);
    await expect(
      site.call('sync.saveSettings', { minAppVersion: '9.0.0', inboxFolder: null }),
    ).rejects.toThrow('只有教育主管部门');
    await expect(dept.call('sync.saveSettings', { minAppVersion: '9.0', inboxFolder: null })).rejects.toThrow(
      '版本号格式应为',
    );
    await dept.call('sync.saveSettings', { minAppVersion: '9.0.0', inboxFolder: null });
    expect((await site.call('sync.status', {})).upgradeTo).toBeNull();
    // The department refuses the old version's bundle, and tells the site in its answer.
    await expect(importInto(dept, (await exportFrom(site)).bytes)).rejects.toThrow(
      '发送方使用的帮扶台账版本 0.0.0-test 低于要求的 9.0.0',
    );
    await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
    expect((await site.call('sync.status', {})).upgradeTo).toBe('9.0.0');
  });
});

describe('parked changes after an upgrade', () => {
  it('applies a change parked for naming an unknown column once this version knows the column', async () => {
    const { agreement } = await seedAgreement(site);
    const made = await training(site, agreement.id);
    await exchange(site, dept);
    const siteDevice = await deviceOf(site);
    const applied = dept
      .raw()
      .prepare('SELECT applied_seq FROM devices WHERE device_id = ?')
      .pluck()
      .get(siteDevice) as number;
    const future: ChangeRecord = {
      d: siteDevice,
      s: applied + 1,
      h: 'ffff00000000-0000-0000000000000001',
      x: applied + 1,
      t: 'activities',
      r: made.id,
      o: 'u',
      v: { title: '新版本改的标题', rating: 5 },
    };
    const s = await openStore(dept.app.dbPath);
    try {
      const first = s.applyRemote((w) => applyRecords(w, [future], 1));
      expect(first).toMatchObject({ new: 0, parked: 1 });
      // The upgrade: the column now exists in the database and in this version's schema.
      s.write.sqlite.exec('ALTER TABLE activities ADD rating integer');
      const upgraded = syncedTables().map((t) =>
        t.name === 'activities' ? { ...t, columns: [...t.columns, 'rating'] } : t,
      );
      const second = s.applyRemote((w) => applyRecords(w, [], 2, { tables: upgraded }));
      expect(second).toMatchObject({ new: 1, parked: 0 });
      expect(
        s.write.sqlite.prepare('SELECT title, rating FROM activities WHERE id = ?').get(made.id),
      ).toEqual({
        title: '新版本改的标题',
        rating: 5,
      });
      expect(s.write.sqlite.prepare('SELECT count(*) FROM parked_changes').pluck().get()).toBe(0);
    } finally {
      s.close();
    }
  });
});
