import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

let t: TestApp;
let agreementId: string;
let hostId: string;
beforeEach(async () => {
  t = await openTestApp();
  const seeded = await seedAgreement(t);
  agreementId = seeded.agreement.id;
  hostId = seeded.receiver.id;
});
afterEach(() => t.close());

const posting = {
  person: '张老师',
  direction: '派出' as const,
  hostPost: '教研室副主任',
  homePost: '信息工程系教师',
};

describe('secondments', () => {
  it('lists who is in post on a date, by end date or by months from the start', async () => {
    await t.call('secondments.create', {
      agreementId,
      ...posting,
      hostInstitutionId: hostId,
      startDate: '2023-03-01',
      endDate: '2023-08-31',
      termNo: 1,
    });
    await t.call('secondments.create', {
      agreementId,
      ...posting,
      person: '李老师',
      startDate: '2023-09-01',
      months: 6,
      termNo: 2,
    });
    await t.call('secondments.create', {
      agreementId,
      ...posting,
      person: '王老师',
      direction: '接收',
      startDate: '2023-11-01',
    });
    const on = async (d: string) =>
      (await t.call('secondments.list', { agreementId, onDate: d })).map((s) => s.person);
    expect(await on('2023-05-01')).toEqual(['张老师']);
    expect(await on('2024-02-29')).toEqual(['李老师', '王老师']);
    expect(await on('2024-03-01')).toEqual(['王老师']);
    const all = await t.call('secondments.list', { agreementId });
    expect(all[0]).toMatchObject({ hostInstitutionName: '普宁市教育局', termNo: 1 });
  });

  it('refuses an end before the start, an unknown direction and a missing name', async () => {
    const res = await t.app.invoke('secondments.create', {
      agreementId,
      ...posting,
      person: '',
      direction: '借调',
      startDate: '2023-09-01',
      endDate: '2023-01-01',
    });
    expect(res).toMatchObject({
      ok: false,
      error: { fields: { person: '请填写人员姓名', direction: '请选择有效的方向' } },
    });
    const dates = await t.app.invoke('secondments.create', {
      agreementId,
      ...posting,
      startDate: '2023-09-01',
      endDate: '2023-01-01',
    });
    expect(dates).toMatchObject({ ok: false, error: { fields: { endDate: '结束日期不能早于开始日期' } } });
  });
});

describe('outcomes', () => {
  it('records outcomes with level and quantity, linked to an activity of the same agreement', async () => {
    const activity = await t.call('activities.create', {
      agreementId,
      type: '技能竞赛指导',
      title: '技能大赛指导',
      startDate: '2023-05-10',
    });
    const o = await t.call('outcomes.create', {
      agreementId,
      activityId: activity.id,
      kind: '奖项',
      title: '省级技能大赛二等奖',
      level: '省级',
      quantity: 2,
    });
    expect(o).toMatchObject({ level: '省级', quantity: 2 });
    await t.call('outcomes.create', {
      agreementId,
      kind: '论文',
      title: '推荐优秀论文发表',
      quantity: '6',
      date: '2023-10-01',
    });
    expect((await t.call('outcomes.list', { agreementId })).map((x) => x.quantity).sort()).toEqual([2, 6]);
    expect(await t.call('outcomes.list', { agreementId, activityId: activity.id })).toHaveLength(1);
    await t.call('outcomes.delete', { id: o.id });
    expect(await t.call('outcomes.list', { agreementId })).toHaveLength(1);
    const bad = await t.app.invoke('outcomes.create', {
      agreementId,
      kind: '奖项',
      title: '奖',
      level: '县级',
      quantity: 0,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { fields: { level: '请选择有效的成果级别', quantity: '数量不能小于 1' } },
    });
  });
});
