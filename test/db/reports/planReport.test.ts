import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../helpers/db';
import { seed004Year } from '../../helpers/reports';

describe('monthly plan report', () => {
  let t: TestApp;
  let agreementId: string;
  beforeEach(async () => {
    t = await openTestApp();
    ({ agreementId } = await seed004Year(t));
  });
  afterEach(() => t.close());

  it('lists the month’s items with status and the activities recorded against each', async () => {
    const december = await t.call('reports.monthlyPlan', { agreementId, month: '2023-12' });
    expect(december).toMatchObject({
      agreementTitle: '结对帮扶协议（2021—2025 年）',
      institution: '揭阳职业技术学院',
      status: '草稿',
      progress: { planned: 2, done: 1, completionRate: 0.5 },
    });
    expect(december.items.map((i) => [i.no, i.content, i.status, i.activities.map((a) => a.title)])).toEqual([
      [1, '12-14至18 信息技术应用能力培训', '已完成', ['教师信息技术应用能力培训']],
      [2, '12-15 考核结果研讨会', '进行中', ['2022年度考核结果研讨会暨2023年度考核动员会']],
    ]);
    expect(december.items[0]!.taskName).toBe('教师信息技术应用能力培训');
  });

  it('shows who reviewed an approved month, and a deleted activity no longer counts', async () => {
    const april = await t.call('reports.monthlyPlan', { agreementId, month: '2023-04' });
    expect([april.status, april.reviewedBy, april.reviewNote, april.drafter]).toEqual([
      '已审核',
      '刘瑞叶',
      '同意',
      '帮扶办',
    ]);
    const visit = april.items.find((i) => i.content === '04-18 调研对接')!;
    expect(visit.activities).toHaveLength(1);
    const found = await t.call('activities.list', { query: '刘瑞叶副院长' });
    await t.call('activities.delete', { id: found.rows[0]!.id });
    const after = await t.call('reports.monthlyPlan', { agreementId, month: '2023-04' });
    expect(after.items.find((i) => i.content === '04-18 调研对接')!.activities).toEqual([]);
  });

  it('says so in Chinese when the month has no plan', async () => {
    await expect(t.call('reports.monthlyPlan', { agreementId, month: '2023-05' })).rejects.toThrow(
      '2023-05 的月度工作计划不存在或已被删除',
    );
  });
});
