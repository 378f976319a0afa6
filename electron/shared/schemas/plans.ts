import { z } from 'zod';
import { PLAN_STATUSES, TASK_STATUSES } from '../domain';
import { LIMITS, oneOf, optionalDate, optionalText, requiredText, uuid } from './common';

const month = (label = '月份') =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, { error: `${label}格式应为 YYYY-MM` });

export const planKeyInput = z.strictObject({ agreementId: uuid('协议'), month: month() });
export const planCreateInput = z.strictObject({
  agreementId: uuid('协议'),
  month: month(),
  drafter: optionalText('填报员', LIMITS.name),
});
export const planListInput = z.strictObject({
  agreementId: uuid('协议'),
  year: z.number().int().min(1990).max(2100).optional(),
});

export const planItemInput = z.strictObject({
  id: uuid().optional(),
  planId: uuid('计划'),
  taskId: uuid('帮扶项目').nullable().optional(),
  content: requiredText('工作内容', LIMITS.line),
  department: optionalText('责任部门', LIMITS.name),
  person: optionalText('责任人', LIMITS.name),
  plannedDate: optionalDate('计划日期'),
  status: oneOf(TASK_STATUSES, '完成状态'),
  completionNote: optionalText('完成情况', LIMITS.text),
});

/** Who acts on a plan is recorded with it: the 填报员 who submits, the 审核员 who approves or returns. */
export const planActionInput = z.strictObject({ id: uuid('计划'), by: requiredText('经办人', LIMITS.name) });
export const planReviewInput = z.strictObject({
  id: uuid('计划'),
  by: requiredText('审核人', LIMITS.name),
  note: optionalText('审核意见', LIMITS.text),
});
export const planReturnInput = z.strictObject({
  id: uuid('计划'),
  by: requiredText('审核人', LIMITS.name),
  note: requiredText('退回原因', LIMITS.text),
});
export const planCopyInput = z.strictObject({
  agreementId: uuid('协议'),
  fromMonth: month('上月'),
  toMonth: month('本月'),
});

export const planItem = z.strictObject({
  id: z.string(),
  planId: z.string(),
  taskId: z.string().nullable(),
  taskName: z.string().nullable(),
  content: z.string(),
  department: z.string().nullable(),
  person: z.string().nullable(),
  plannedDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  completionNote: z.string().nullable(),
  sort: z.number(),
  activityCount: z.number(),
});

export const planProgress = z.strictObject({
  planned: z.number(),
  done: z.number(),
  /** Done over planned, cancelled items left out; null when nothing is planned. */
  completionRate: z.number().nullable(),
});

export const plan = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  month: z.string(),
  status: z.enum(PLAN_STATUSES),
  drafter: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.number().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  reviewNote: z.string().nullable(),
  items: z.array(planItem),
  progress: planProgress,
});

export const planSummary = z.strictObject({
  id: z.string(),
  month: z.string(),
  status: z.enum(PLAN_STATUSES),
  progress: planProgress,
});

export type Plan = z.output<typeof plan>;
export type PlanItem = z.output<typeof planItem>;
export type PlanSummary = z.output<typeof planSummary>;
