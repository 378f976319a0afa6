import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
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

  it('counts every panel of a varied year as the rows themselves add up', async () => {
    const t = await openTestApp();
    open.push(t);
    const { agreementId } = await t.call('demo.load', {});
    const { total: demo } = await t.call('activities.list', { limit: 1 });
    const types = ['培训', '送教讲座', '会议', '捐赠', '调研对接', '志愿服务'] as const;
    const rows = Array.from({ length: 90 }, (_, i) => {
      const type = types[(i * 7) % types.length]!;
      const start = `2025-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + (i % 20)).padStart(2, '0')}`;
      const end = i % 3 === 0 ? null : `2025-12-${String(21 + (i % 8)).padStart(2, '0')}`;
      return {
        agreementId,
        type,
        title: `活动${i}`,
        startDate: start,
        endDate: end,
        teachers: i % 4 === 0 ? null : i,
        students: i % 5 === 0 ? 2 * i : null,
        cadres: i % 6 === 0 ? 3 : null,
        days: i % 7 === 0 ? 0.5 * (i % 5) + 1 : null,
        amountYuan: i % 3 === 1 ? 100 * i + 0.25 : null,
      };
    });
    const { ids } = await t.call('activities.createBatch', { activities: rows });
    for (const i of [0, 3, 4, 50, 89]) {
      await t.call('attachments.add', {
        entityTable: 'activities',
        entityId: ids[i]!,
        fileName: '签到表.png',
        dataBase64: PNG,
      });
      if (i === 4)
        await t.call('attachments.add', {
          entityTable: 'activities',
          entityId: ids[i]!,
          fileName: '照片.png',
          dataBase64: PNG,
        });
    }
    await t.call('activities.delete', { id: ids[50]! });
    const live = rows.filter((_, i) => i !== 50);
    const d = await t.call('dashboard.get', { agreementId, year: 2025 });

    const byType = new Map<string, number>();
    for (const r of live) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    const training = live.filter((r) => r.type === '培训' || r.type === '送教讲座');
    const sum = (xs: typeof live, f: (r: (typeof live)[number]) => number | null) =>
      xs.reduce((n, r) => n + (f(r) ?? 0), 0);
    const span = (r: (typeof live)[number]) =>
      r.days ?? (r.endDate ? (Date.parse(r.endDate) - Date.parse(r.startDate)) / 86_400_000 + 1 : 1);
    expect(d.activities).toBe(live.length);
    expect(d.byType).toEqual(
      [...byType]
        .map(([key, value]) => ({ key, value }))
        .sort((a, b) => b.value - a.value || (a.key < b.key ? 1 : -1)),
    );
    expect(d.byMonth.map((m) => m.counts)).toEqual(
      Array.from({ length: 12 }, (_, m) => {
        const counts: Record<string, number> = {};
        for (const r of live)
          if (Number(r.startDate.slice(5, 7)) === m + 1) counts[r.type] = (counts[r.type] ?? 0) + 1;
        return counts;
      }),
    );
    expect(d.trained).toEqual({
      sessions: training.length,
      teachers: sum(training, (r) => r.teachers),
      students: sum(training, (r) => r.students),
      cadres: sum(training, (r) => r.cadres),
      days: sum(training, span),
    });
    expect(d.money.spentYuan).toBeCloseTo(
      sum(
        live.filter((r) => r.type !== '捐赠'),
        (r) => r.amountYuan,
      ),
      6,
    );
    expect(d.money.donatedYuan).toBeCloseTo(
      sum(
        live.filter((r) => r.type === '捐赠'),
        (r) => r.amountYuan,
      ),
      6,
    );
    // 50 had a file but is deleted; 4 has two files and counts once.
    expect(d.evidence).toEqual({ withEvidence: 4, total: live.length });
    expect((await t.call('activities.list', { limit: 1 })).total).toBe(demo + live.length);
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
    const other = (await seedAgreement(t)).agreement;
    const early = await t.call('activities.createBatch', {
      activities: ['2019-12-31', '2019-01-01', '2021-06-30', '2017-05-05'].map((startDate) => ({
        agreementId: other.id,
        type: '会议' as const,
        title: `${startDate} 会议`,
        startDate,
      })),
    });
    await t.call('activities.delete', { id: early.ids[3]! });
    expect(await t.call('dashboard.years', {})).toEqual([2024, 2023, 2021, 2019]);
    expect(await t.call('dashboard.years', { agreementId: other.id })).toEqual([2021, 2019]);
    expect(await t.call('dashboard.years', { agreementId: year.agreementId })).toEqual([2024, 2023]);
  });
});
