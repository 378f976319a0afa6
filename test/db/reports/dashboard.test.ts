import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../helpers/db';
import { seed004Year } from '../../helpers/reports';
import { exchange, openDepartment, openSecondSite } from '../../helpers/sync';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
).toString('base64');

describe('dashboard', () => {
  const open: TestApp[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.close();
  });

  it('counts seed 004’s year: activities by type and month, people trained, money, plans, evidence, overdue', async () => {
    const t = await openTestApp();
    open.push(t);
    const year = await seed004Year(t);
    await t.call('attachments.add', {
      entityTable: 'activities',
      entityId: year.artTraining.id,
      fileName: '签到表.png',
      dataBase64: PNG,
    });
    await t.call('secondments.create', {
      agreementId: year.agreementId,
      person: '张老师',
      direction: '派出',
      startDate: '2023-09-01',
      months: 6,
    });
    await t.call('outcomes.create', {
      agreementId: year.agreementId,
      kind: '奖项',
      title: '省级教学能力比赛二等奖',
      level: '省级',
      quantity: 2,
      date: '2023-11-01',
    });
    const d = await t.call('dashboard.get', { agreementId: year.agreementId, year: 2023 });
    expect(d.activities).toBe(12);
    expect(Object.fromEntries(d.byType.map((x) => [x.key, x.value]))).toEqual({
      会议: 4,
      培训: 3,
      调研对接: 2,
      实习支教: 1,
      志愿服务: 1,
      招生与学历提升: 1,
    });
    expect(d.byMonth.map((m) => m.counts)[11]).toEqual({ 培训: 1, 会议: 1 });
    expect(d.byMonth[3]!.counts).toEqual({ 会议: 1, 调研对接: 1, 培训: 1 });
    expect(d.trained).toEqual({ sessions: 3, teachers: 108, students: 0, cadres: 0, days: 7 });
    expect(d.money).toEqual({ budgetYuan: 210000, spentYuan: 0, donatedYuan: 0 });
    expect(d.completion[3]).toEqual({ month: 4, planned: 4, done: 4, rate: 100 });
    expect(d.completion[11]).toEqual({ month: 12, planned: 2, done: 1, rate: 50 });
    expect(d.completion[5]!.rate).toBeNull();
    expect(d.evidence).toEqual({ withEvidence: 1, total: 12 });
    // Six months from 2023-09-01: in post at the end of 2023 (the year is over, so its last day counts).
    expect(d.secondmentsInPost).toBe(1);
    expect(d.outcomesByLevel).toEqual([{ key: '省级', value: 2 }]);
    expect(d.overdue.map((o) => [o.title, o.status])).toEqual([['12-15 考核结果研讨会', '进行中']]);

    const before = await t.call('dashboard.get', { agreementId: year.agreementId, year: 2022 });
    expect([before.activities, before.trained.teachers, before.evidence.total]).toEqual([0, 0, 0]);
  });

  it('at the department, shows all sites or one', async () => {
    const site = await openTestApp();
    const other = await openSecondSite();
    const dept = await openDepartment();
    open.push(site, other, dept);
    await seed004Year(site);
    const { agreementId } = await other.call('demo.load', {});
    await other.call('activities.create', {
      agreementId,
      type: '培训',
      title: '普宁职校骨干教师培训',
      startDate: '2023-08-08',
      teachers: 30,
    });
    await exchange(site, dept);
    await exchange(other, dept);
    const all = await dept.call('dashboard.get', { agreementId: null, siteId: null, year: 2023 });
    expect(all.sites.map((s) => s.name).sort()).toEqual(['揭阳职院', '普宁职校'].sort());
    // The second site loaded the same demo agreement under its own name: 10 demo activities + 1 of its own.
    expect(all.activities).toBe(12 + 11);
    const siteId = (name: string) => all.sites.find((s) => s.name === name)!.siteId;
    const one = await dept.call('dashboard.get', {
      agreementId: null,
      siteId: siteId('普宁职校'),
      year: 2023,
    });
    expect(one.activities).toBe(11);
    expect(one.trained.teachers).toBe(80);
    const first = await dept.call('dashboard.get', {
      agreementId: null,
      siteId: siteId('揭阳职院'),
      year: 2023,
    });
    expect(first.trained.teachers).toBe(108);
  });

  it('names the years with records, newest first, so the overview opens on the latest', async () => {
    const t = await openTestApp();
    open.push(t);
    expect(await t.call('dashboard.years', {})).toEqual([]);
    const year = await seed004Year(t);
    expect(await t.call('dashboard.years', { agreementId: year.agreementId })).toEqual([2023]);
    await t.call('activities.create', {
      agreementId: year.agreementId,
      type: '会议',
      title: '2024 年推进会',
      startDate: '2024-03-01',
    });
    expect(await t.call('dashboard.years', {})).toEqual([2024, 2023]);
  });
});
