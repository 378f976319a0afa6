import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../electron/shared/contract';
import { maxSeq, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

let t: TestApp;
let agreementId: string;
let taskId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
  taskId = (
    await t.call('tasks.create', {
      agreementId,
      name: '教师信息技术应用能力培训',
      category: '师资培训',
      year: 2023,
      status: '进行中',
    })
  ).id;
});
afterEach(() => t.close());

const item = (
  plan: Plan,
  content: string,
  status: '未开始' | '进行中' | '已完成' | '延期' | '取消' = '未开始',
) => t.call('plans.saveItem', { planId: plan.id, content, status, taskId, department: '信息工程系' });

describe('monthly plans', () => {
  it('keeps one plan per agreement and month, with its items in order and the completion rate', async () => {
    let plan = await t.call('plans.create', { agreementId, month: '2023-12', drafter: '填报员甲' });
    expect(await t.app.invoke('plans.create', { agreementId, month: '2023-12' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await item(plan, '12-14至18 信息技术应用能力培训', '进行中');
    await item(plan, '12-15 考核结果研讨会', '已完成');
    plan = await item(plan, '取消的调研', '取消');
    expect(plan.items.map((i) => i.content)).toEqual([
      '12-14至18 信息技术应用能力培训',
      '12-15 考核结果研讨会',
      '取消的调研',
    ]);
    expect(plan.items[0]!.taskName).toBe('教师信息技术应用能力培训');
    expect(plan.progress).toEqual({ planned: 2, done: 1, completionRate: 0.5 });
    plan = await t.call('plans.saveItem', {
      id: plan.items[0]!.id,
      planId: plan.id,
      content: plan.items[0]!.content,
      status: '已完成',
      completionNote: '培训教师 50 人',
    });
    expect(plan.progress.completionRate).toBe(1);
    expect(await t.call('plans.list', { agreementId, year: 2023 })).toEqual([
      { id: plan.id, month: '2023-12', status: '草稿', progress: { planned: 2, done: 2, completionRate: 1 } },
    ]);
    expect(await t.call('plans.get', { agreementId, month: '2024-01' })).toBeNull();
  });

  it('makes a submitted plan read-only until it is returned, recording who and when', async () => {
    let plan = await t.call('plans.create', { agreementId, month: '2023-04' });
    expect(await t.app.invoke('plans.submit', { id: plan.id, by: '填报员甲' })).toMatchObject({
      ok: false,
      error: { message: '计划还没有事项，不能提交' },
    });
    plan = await item(plan, '04-18 调研对接');
    plan = await t.call('plans.submit', { id: plan.id, by: '填报员甲' });
    expect(plan).toMatchObject({
      status: '已提交',
      submittedBy: '填报员甲',
      submittedAt: expect.any(Number),
    });
    const before = maxSeq(t.raw());
    const edit = await t.app.invoke('plans.saveItem', {
      planId: plan.id,
      content: '新增事项',
      status: '未开始',
    });
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/退回后才能修改/) },
    });
    expect(await t.app.invoke('plans.deleteItem', { id: plan.items[0]!.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(maxSeq(t.raw())).toBe(before);

    expect(await t.app.invoke('plans.return', { id: plan.id, by: '审核员乙', note: '' })).toMatchObject({
      ok: false,
      error: { fields: { note: '请填写退回原因' } },
    });
    plan = await t.call('plans.return', { id: plan.id, by: '审核员乙', note: '请补充美育培训班' });
    expect(plan).toMatchObject({ status: '已退回', reviewedBy: '审核员乙', reviewNote: '请补充美育培训班' });
    plan = await item(plan, '04-20 美育培训班开班');
    plan = await t.call('plans.submit', { id: plan.id, by: '填报员甲' });
    plan = await t.call('plans.approve', { id: plan.id, by: '审核员乙' });
    expect(plan.status).toBe('已审核');
    expect(
      await t.app.invoke('plans.saveItem', { planId: plan.id, content: 'x', status: '未开始' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已审核/) } });
    expect(await t.app.invoke('plans.approve', { id: plan.id, by: '审核员乙' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('copies last month’s unfinished items into the next month once', async () => {
    const april = await t.call('plans.create', { agreementId, month: '2023-04' });
    await item(april, '修订项目实施方案研讨会', '已完成');
    await item(april, '制订师范生实习支教实施方案', '进行中');
    await item(april, '美育培训班筹备', '延期');
    await item(april, '取消的会议', '取消');
    const may = await t.call('plans.copyUnfinished', {
      agreementId,
      fromMonth: '2023-04',
      toMonth: '2023-05',
    });
    expect(may.items.map((i) => [i.content, i.status])).toEqual([
      ['制订师范生实习支教实施方案', '进行中'],
      ['美育培训班筹备', '未开始'],
    ]);
    const again = await t.call('plans.copyUnfinished', {
      agreementId,
      fromMonth: '2023-04',
      toMonth: '2023-05',
    });
    expect(again.items).toHaveLength(2);
    expect(
      await t.app.invoke('plans.copyUnfinished', { agreementId, fromMonth: '2023-05', toMonth: '2023-04' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a task from another agreement and a malformed month', async () => {
    const other = await seedAgreement(t, { title: '另一协议' });
    const plan = await t.call('plans.create', { agreementId: other.agreement.id, month: '2023-06' });
    expect(
      await t.app.invoke('plans.saveItem', { planId: plan.id, taskId, content: 'x', status: '未开始' }),
    ).toMatchObject({
      ok: false,
      error: { fields: { taskId: '所选帮扶项目不属于该协议' } },
    });
    expect(await t.app.invoke('plans.create', { agreementId, month: '2023-13' })).toMatchObject({
      ok: false,
      error: { fields: { month: '月份格式应为 YYYY-MM' } },
    });
  });

  it('links an activity already recorded to a plan item, unlinks it, and refuses another agreement’s item', async () => {
    let plan = await t.call('plans.create', { agreementId, month: '2023-12' });
    plan = await item(plan, '12-14至18 信息技术应用能力培训', '进行中');
    const planItem = plan.items[0]!;
    const activity = await t.call('activities.create', {
      agreementId,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
    });
    const linked = await t.call('activities.linkPlanItem', { id: activity.id, planItemId: planItem.id });
    expect(linked).toMatchObject({ planItemId: planItem.id, title: '教师信息技术应用能力培训' });
    const fromItem = await t.call('activities.list', { planItemId: planItem.id });
    expect(fromItem.rows.map((a) => a.id)).toEqual([activity.id]);
    expect(
      (await t.call('activities.linkPlanItem', { id: activity.id, planItemId: null })).planItemId,
    ).toBeNull();

    const other = (
      await t.call('agreements.create', {
        title: '另一协议',
        programType: '结对帮扶',
        deliveryMode: '一对一',
        documentForm: '协议',
        periodStart: '2021',
        periodEnd: '2025',
        status: '执行中',
        parties: (await t.call('agreements.get', { id: agreementId })).parties.map((p) => ({
          institutionId: p.institutionId,
          role: p.role,
        })),
        phases: [],
      })
    ).id;
    const foreign = await t.call('activities.create', {
      agreementId: other,
      type: '会议',
      title: '另一协议的会议',
      startDate: '2023-12-01',
    });
    const refused = await t.app.invoke('activities.linkPlanItem', {
      id: foreign.id,
      planItemId: planItem.id,
    });
    expect(refused.ok ? null : refused.error.fields).toEqual({
      planItemId: '所选计划事项不属于该活动的协议',
    });
  });
});
