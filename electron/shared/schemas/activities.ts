import { z } from 'zod';
import { ACTIVITY_TYPES, OUTCOME_LEVELS } from '../domain';
import {
  LIMITS,
  date,
  notBefore,
  oneOf,
  optionalDate,
  optionalNumber,
  optionalText,
  optionalYuan,
  requiredText,
  uuid,
} from './common';

const count = (label: string) =>
  optionalNumber(label, 0, 10_000_000).refine((v) => v === null || Number.isInteger(v), {
    error: `${label}必须是整数`,
  });
const percent = (label: string) => optionalNumber(label, 0, 100);

/** Fields only some activity types have (DESIGN.md section 2), checked against the activity's type. */
export const ACTIVITY_DETAILS = {
  捐赠: z.strictObject({ items: optionalText('捐赠物品', LIMITS.text) }),
  技能竞赛指导: z.strictObject({
    competition: optionalText('竞赛名称', LIMITS.line),
    level: z.enum(OUTCOME_LEVELS, { error: '请选择有效的竞赛级别' }).nullable().optional(),
    awards: optionalText('获奖情况', LIMITS.text),
  }),
  调研对接: z.strictObject({
    attendees: optionalText('参加人员', LIMITS.text),
    decisions: optionalText('对接成果', LIMITS.text),
  }),
  会议: z.strictObject({
    attendees: optionalText('参会人员', LIMITS.text),
    decisions: optionalText('会议决定', LIMITS.text),
  }),
  招生与学历提升: z
    .strictObject({
      applicants: count('报名人数'),
      admitted: count('录取人数'),
      feeReductionPct: percent('学费减免比例'),
    })
    .refine((d) => d.applicants === null || d.admitted === null || d.admitted <= d.applicants, {
      error: '录取人数不能多于报名人数',
      path: ['admitted'],
    }),
  志愿服务: z.strictObject({ volunteers: count('志愿者人数'), served: count('服务人数') }),
  实习支教: z.strictObject({ schools: count('实习学校数') }),
  挂职: z.strictObject({
    person: optionalText('挂职人员', LIMITS.name),
    hostPost: optionalText('挂职岗位', LIMITS.name),
  }),
  跟岗学习: z.strictObject({
    person: optionalText('跟岗人员', LIMITS.name),
    hostPost: optionalText('跟岗岗位', LIMITS.name),
  }),
} as const;

const activityShape = {
  agreementId: uuid('协议'),
  taskId: uuid('帮扶项目').nullable().optional(),
  planItemId: uuid('计划事项').nullable().optional(),
  type: oneOf(ACTIVITY_TYPES, '活动类型'),
  title: requiredText('活动名称', LIMITS.title),
  startDate: date('开始日期'),
  endDate: optionalDate('结束日期'),
  place: optionalText('地点', LIMITS.line),
  online: z.boolean({ error: '请选择线上或线下' }).optional().default(false),
  platform: optionalText('线上平台', LIMITS.name),
  organiser: optionalText('组织单位', LIMITS.name),
  department: optionalText('负责部门', LIMITS.name),
  beneficiarySchools: count('受益学校数'),
  teachers: count('教师人数'),
  students: count('学生人数'),
  cadres: count('干部人数'),
  instructors: optionalText('授课专家', LIMITS.line),
  instructorCount: count('授课专家人数'),
  lectures: count('讲座场次'),
  hours: optionalNumber('学时', 0, 10_000),
  days: optionalNumber('天数', 0, 3660),
  satisfactionPct: percent('满意度'),
  certificates: count('发放证书数'),
  amountYuan: optionalYuan('金额'),
  outcome: optionalText('成效', LIMITS.text),
  notes: optionalText('备注', LIMITS.text),
  details: z.record(z.string(), z.unknown()).optional().default({}),
};

type Shape = { type: string; startDate: string; endDate: string | null; details: Record<string, unknown> };

const activityRules = (a: Shape, ctx: z.RefinementCtx) => {
  if (a.endDate && !notBefore(a.startDate, a.endDate)) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  }
  const schema = (ACTIVITY_DETAILS as Record<string, z.ZodType>)[a.type];
  if (!schema) {
    if (Object.keys(a.details).length > 0)
      ctx.addIssue({ code: 'custom', path: ['details'], message: `“${a.type}”类活动没有专项字段` });
    return;
  }
  const r = schema.safeParse(a.details);
  if (!r.success)
    for (const issue of r.error.issues)
      ctx.addIssue({ ...issue, code: 'custom', path: ['details', ...issue.path] } as never);
  else a.details = r.data as Record<string, unknown>;
};

const ruleFields = new Set(['type', 'startDate', 'endDate', 'details']);
const rulesApply = {
  // Not on a value that is not an object at all (its issue has an empty path): the rules would throw.
  when: (p: z.core.ParsePayload) =>
    p.issues.every((i) => (i.path?.length ?? 0) > 0 && !ruleFields.has(String(i.path?.[0]))),
};

export const activityInput = z.strictObject(activityShape).superRefine(activityRules, rulesApply);
export const activityUpdateInput = z
  .strictObject({ id: uuid(), ...activityShape })
  .superRefine(activityRules, rulesApply);

/** Many records in one transaction: the spreadsheet-import path. */
export const activityBatchInput = z.strictObject({
  activities: z
    .array(activityInput, { error: '活动记录格式不正确' })
    .max(1000, { error: '一次最多导入 1000 条活动记录' }),
});

export const ACTIVITY_SORTS = ['startDate', 'title', 'type', 'updatedAt'] as const;

/** Links an activity to a plan item of its agreement, or (null) unlinks it. */
export const activityLinkInput = z.strictObject({
  id: uuid('活动'),
  planItemId: uuid('计划事项').nullable(),
});

export const activityListInput = z.strictObject({
  agreementId: uuid('协议').optional(),
  planItemId: uuid('计划事项').optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  from: date('起始日期').optional(),
  to: date('截止日期').optional(),
  department: z.string().trim().max(LIMITS.name).optional(),
  hasEvidence: z.boolean().optional(),
  query: z.string().trim().max(LIMITS.name, { error: '搜索词不能超过 100 个字' }).optional(),
  sort: z.enum(ACTIVITY_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

const nullableNumber = z.number().nullable();

export const activity = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  taskId: z.string().nullable(),
  planItemId: z.string().nullable(),
  type: z.enum(ACTIVITY_TYPES),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  place: z.string().nullable(),
  online: z.boolean(),
  platform: z.string().nullable(),
  organiser: z.string().nullable(),
  department: z.string().nullable(),
  beneficiarySchools: nullableNumber,
  teachers: nullableNumber,
  students: nullableNumber,
  cadres: nullableNumber,
  instructors: z.string().nullable(),
  instructorCount: nullableNumber,
  lectures: nullableNumber,
  hours: nullableNumber,
  days: nullableNumber,
  satisfactionPct: nullableNumber,
  certificates: nullableNumber,
  amountYuan: nullableNumber,
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  evidenceCount: z.number(),
  updatedAt: z.number(),
});

export const activityPage = z.strictObject({ rows: z.array(activity), total: z.number() });

export type Activity = z.output<typeof activity>;
export type ActivityInput = z.input<typeof activityInput>;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
