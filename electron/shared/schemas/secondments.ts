import { z } from 'zod';
import { OUTCOME_KINDS, OUTCOME_LEVELS, SECONDMENT_DIRECTIONS } from '../domain';
import {
  LIMITS,
  date,
  notBefore,
  oneOf,
  optionalDate,
  optionalNumber,
  optionalText,
  requiredText,
  uuid,
} from './common';

const secondmentShape = {
  agreementId: uuid('协议'),
  activityId: uuid('活动记录').nullable().optional(),
  person: requiredText('人员姓名', LIMITS.name),
  direction: oneOf(SECONDMENT_DIRECTIONS, '方向'),
  homePost: optionalText('原单位职务', LIMITS.name),
  hostInstitutionId: uuid('挂职单位').nullable().optional(),
  hostPost: optionalText('挂职岗位', LIMITS.name),
  startDate: date('开始日期'),
  endDate: optionalDate('结束日期'),
  months: optionalNumber('挂职月数', 0, 120),
  scope: optionalText('工作内容', LIMITS.text),
  termNo: optionalNumber('期数', 1, 100),
};

const rules = (s: { startDate: string; endDate: string | null }, ctx: z.RefinementCtx) => {
  if (s.endDate && !notBefore(s.startDate, s.endDate)) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  }
};

/** 挂职 / 跟岗: our staff posted out (派出), or theirs hosted here (接收). */
export const secondmentInput = z.strictObject(secondmentShape).superRefine(rules);
export const secondmentUpdateInput = z.strictObject({ id: uuid(), ...secondmentShape }).superRefine(rules);
export const secondmentListInput = z.strictObject({
  agreementId: uuid('协议').optional(),
  /** Only those in post on this date (default: every secondment). */
  onDate: date('日期').optional(),
});

export const secondment = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  activityId: z.string().nullable(),
  person: z.string(),
  direction: z.enum(SECONDMENT_DIRECTIONS),
  homePost: z.string().nullable(),
  hostInstitutionId: z.string().nullable(),
  hostInstitutionName: z.string().nullable(),
  hostPost: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  months: z.number().nullable(),
  scope: z.string().nullable(),
  termNo: z.number().nullable(),
});

const outcomeShape = {
  agreementId: uuid('协议'),
  activityId: uuid('活动记录').nullable().optional(),
  kind: oneOf(OUTCOME_KINDS, '成果类型'),
  title: requiredText('成果名称', LIMITS.title),
  level: z.enum(OUTCOME_LEVELS, { error: '请选择有效的成果级别' }).nullable().optional(),
  quantity: optionalNumber('数量', 1, 1_000_000).transform((v) => v ?? 1),
  date: optionalDate('日期'),
  notes: optionalText('备注', LIMITS.text),
};

/** 成果: awards, 立项, new majors, papers, certificates, donations, signed agreements. */
export const outcomeInput = z.strictObject(outcomeShape);
export const outcomeUpdateInput = z.strictObject({ id: uuid(), ...outcomeShape });
export const outcomeListInput = z.strictObject({
  agreementId: uuid('协议'),
  activityId: uuid('活动记录').optional(),
});

export const outcome = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  activityId: z.string().nullable(),
  kind: z.enum(OUTCOME_KINDS),
  title: z.string(),
  level: z.enum(OUTCOME_LEVELS).nullable(),
  quantity: z.number(),
  date: z.string().nullable(),
  notes: z.string().nullable(),
});

export type Secondment = z.output<typeof secondment>;
export type Outcome = z.output<typeof outcome>;
