import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type {
  Plan,
  PlanSummary,
  planCopyInput,
  planCreateInput,
  planItemInput,
  planReturnInput,
  planReviewInput,
} from '../../electron/shared/schemas/plans';
import type { WriteDb } from '../client';
import { agreementRow } from '../repositories/agreements';
import {
  findPlan,
  insertItem,
  insertPlan,
  itemRow,
  listItems,
  planRow,
  planSummaries,
  planView,
  tombstoneItem,
  updateItem,
  updatePlan,
  type PlanRow,
} from '../repositories/plans';
import { getTask } from '../repositories/tasks';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

// 月度工作计划: 草稿 -> 已提交 -> 已审核, or back to 已退回 for changes. A submitted or approved plan is
// read-only; only a return reopens it. Who acted and when is kept on the plan.

const EDITABLE = new Set(['草稿', '已退回']);

const assertEditable = (plan: PlanRow) => {
  if (!EDITABLE.has(plan.status)) {
    throw new AppFailure(
      'CONFLICT',
      plan.status === '已审核'
        ? `${plan.month} 的计划已审核，不能再修改`
        : `${plan.month} 的计划已提交，退回后才能修改`,
    );
  }
};

const transition = (plan: PlanRow, from: string[], action: string) => {
  if (!from.includes(plan.status)) {
    throw new AppFailure('CONFLICT', `${plan.month} 的计划当前为“${plan.status}”，不能${action}`);
  }
};

export const getPlan = (ctx: ServiceContext, agreementId: string, month: string): Plan | null => {
  siteOf(ctx);
  const row = findPlan(ctx.store.read, agreementId, month);
  return row ? planView(ctx.store.read, row) : null;
};

export const listPlans = (ctx: ServiceContext, agreementId: string, year?: number): PlanSummary[] => {
  siteOf(ctx);
  return planSummaries(ctx.store.read, agreementId, year);
};

const createIn = (
  w: WriteDb,
  site: string,
  agreementId: string,
  month: string,
  drafter: string | null,
): PlanRow => {
  agreementRow(w, agreementId);
  if (findPlan(w, agreementId, month)) throw new AppFailure('CONFLICT', `${month} 已有工作计划`);
  return planRow(w, insertPlan(w, site, agreementId, month, drafter));
};

export const createPlan = (ctx: ServiceContext, input: z.output<typeof planCreateInput>): Plan => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => planView(w, createIn(w, site, input.agreementId, input.month, input.drafter)));
};

const checkTask = (w: WriteDb, plan: PlanRow, taskId: string | null | undefined) => {
  if (!taskId) return;
  const task = getTask(w, taskId);
  if (task.agreementId !== plan.agreementId) {
    throw new AppFailure('VALIDATION', '所选帮扶项目不属于该协议', { taskId: '所选帮扶项目不属于该协议' });
  }
};

export const saveItem = (
  ctx: ServiceContext,
  { id, planId, ...values }: z.output<typeof planItemInput>,
): Plan => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    const plan = planRow(w, planId);
    assertEditable(plan);
    checkTask(w, plan, values.taskId);
    const v = { ...values, taskId: values.taskId ?? null };
    if (id) {
      if (itemRow(w, id).planId !== planId) throw new AppFailure('VALIDATION', '该事项不属于此计划');
      updateItem(w, id, v);
    } else {
      insertItem(w, site, planId, v);
    }
    return planView(w, plan);
  });
};

export const deleteItem = (ctx: ServiceContext, id: string): Plan => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    const plan = planRow(w, itemRow(w, id).planId);
    assertEditable(plan);
    tombstoneItem(w, id);
    return planView(w, plan);
  });
};

export const submitPlan = (ctx: ServiceContext, id: string, by: string): Plan => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    const plan = planRow(w, id);
    transition(plan, ['草稿', '已退回'], '提交');
    if (listItems(w, id).length === 0) throw new AppFailure('VALIDATION', '计划还没有事项，不能提交');
    updatePlan(w, id, { status: '已提交', submittedBy: by, submittedAt: w.now() });
    return planView(w, planRow(w, id));
  });
};

export const approvePlan = (
  ctx: ServiceContext,
  { id, by, note }: z.output<typeof planReviewInput>,
): Plan => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    transition(planRow(w, id), ['已提交'], '审核通过');
    updatePlan(w, id, { status: '已审核', reviewedBy: by, reviewedAt: w.now(), reviewNote: note });
    return planView(w, planRow(w, id));
  });
};

export const returnPlan = (ctx: ServiceContext, { id, by, note }: z.output<typeof planReturnInput>): Plan => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    transition(planRow(w, id), ['已提交', '已审核'], '退回');
    updatePlan(w, id, { status: '已退回', reviewedBy: by, reviewedAt: w.now(), reviewNote: note });
    return planView(w, planRow(w, id));
  });
};

const UNFINISHED = new Set(['未开始', '进行中', '延期']);

/** Last month's unfinished items start the new month (created if needed); finished and cancelled stay behind. */
export const copyUnfinished = (
  ctx: ServiceContext,
  { agreementId, fromMonth, toMonth }: z.output<typeof planCopyInput>,
): Plan => {
  const site = siteOf(ctx);
  if (fromMonth >= toMonth)
    throw new AppFailure('VALIDATION', '只能把较早月份的事项复制到较晚的月份', { toMonth: '本月应晚于上月' });
  return ctx.store.tx((w) => {
    const from = findPlan(w, agreementId, fromMonth);
    if (!from) throw new AppFailure('NOT_FOUND', `${fromMonth} 没有工作计划`);
    const to = findPlan(w, agreementId, toMonth) ?? createIn(w, site, agreementId, toMonth, from.drafter);
    assertEditable(to);
    const already = new Set(listItems(w, to.id).map((i) => `${i.taskId ?? ''}|${i.content}`));
    for (const item of listItems(w, from.id)) {
      if (!UNFINISHED.has(item.status) || already.has(`${item.taskId ?? ''}|${item.content}`)) continue;
      insertItem(w, site, to.id, {
        taskId: item.taskId,
        content: item.content,
        department: item.department,
        person: item.person,
        plannedDate: null,
        status: item.status === '进行中' ? '进行中' : '未开始',
        completionNote: null,
      });
    }
    return planView(w, to);
  });
};
