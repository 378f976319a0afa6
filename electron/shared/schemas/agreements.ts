import { z } from 'zod';
import { AGREEMENT_STATUSES, DELIVERY_MODES, DOCUMENT_FORMS, PARTY_ROLES, PROGRAM_TYPES } from '../domain';
import {
  LIMITS,
  date,
  list,
  notBefore,
  oneOf,
  optionalDate,
  optionalText,
  optionalYuan,
  requiredText,
  uuid,
  yearOrMonth,
} from './common';
import { groupRevision } from './groups';
import { task } from './tasks';

const partyInput = z.strictObject({
  id: uuid().optional(),
  institutionId: uuid('单位'),
  role: oneOf(PARTY_ROLES, '角色'),
  major: optionalText('对口专业', LIMITS.name),
});

const phaseInput = z
  .strictObject({
    id: uuid().optional(),
    name: requiredText('阶段名称', LIMITS.name),
    startDate: date('阶段开始日期'),
    endDate: date('阶段结束日期'),
    notes: optionalText('阶段说明', LIMITS.text),
  })
  .refine((p) => notBefore(p.startDate, p.endDate), {
    error: '阶段结束日期不能早于开始日期',
    path: ['endDate'],
  });

const agreementShape = {
  title: requiredText('协议标题', LIMITS.title),
  programType: oneOf(PROGRAM_TYPES, '帮扶类型'),
  deliveryMode: oneOf(DELIVERY_MODES, '帮扶方式'),
  documentForm: oneOf(DOCUMENT_FORMS, '文书形式'),
  policyBasis: optionalText('政策依据', LIMITS.text),
  documentNumber: optionalText('文号', LIMITS.short),
  signedDate: optionalDate('签订日期'),
  periodStart: yearOrMonth('起始年份'),
  periodEnd: yearOrMonth('结束年份'),
  status: oneOf(AGREEMENT_STATUSES, '状态'),
  goals: optionalText('目标任务', LIMITS.text),
  clauses: optionalText('主要条款', LIMITS.text),
  budgetYuan: optionalYuan('预算'),
  hostOffice: optionalText('办公室设在', LIMITS.line),
  notes: optionalText('备注', LIMITS.text),
  parties: list(partyInput, '协议双方', 50),
  phases: list(phaseInput, '实施阶段', 50),
};

type AgreementShape = {
  periodStart: string;
  periodEnd: string;
  deliveryMode: string;
  parties: { role: string; institutionId: string }[];
};

const agreementRules = (a: AgreementShape, ctx: z.RefinementCtx) => {
  if (!notBefore(a.periodStart, a.periodEnd)) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '结束年份不能早于起始年份' });
  }
  const supporters = a.parties.filter((p) => p.role === '支援方').length;
  const receivers = a.parties.filter((p) => p.role === '受援方').length;
  if (supporters === 0 || receivers === 0) {
    ctx.addIssue({ code: 'custom', path: ['parties'], message: '请至少选择一个支援方和一个受援方' });
  } else if (a.deliveryMode === '一对一' && supporters > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['parties'],
      message: '一对一协议只能有一个支援方；多个支援方请选“组团式”',
    });
  }
  const seen = new Set<string>();
  for (const p of a.parties) {
    const key = `${p.role}:${p.institutionId}`;
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['parties'], message: '同一单位不能以同一角色重复出现' });
      break;
    }
    seen.add(key);
  }
};

// Cross-field rules still run when unrelated fields are wrong, so a form shows every problem at once.
const RULE_FIELDS = new Set(['periodStart', 'periodEnd', 'deliveryMode', 'parties']);
const rulesApply = {
  // Not on a value that is not an object at all (its issue has an empty path): the rules would throw.
  when: (p: z.core.ParsePayload) =>
    p.issues.every((i) => (i.path?.length ?? 0) > 0 && !RULE_FIELDS.has(String(i.path?.[0]))),
};

export const agreementInput = z.strictObject(agreementShape).superRefine(agreementRules, rulesApply);
export const agreementUpdateInput = z
  .strictObject({ id: uuid(), ...agreementShape })
  .superRefine(agreementRules, rulesApply);

export const AGREEMENT_SORTS = ['updatedAt', 'title', 'periodStart', 'programType', 'status'] as const;

export const agreementListInput = z.strictObject({
  query: z.string().trim().max(LIMITS.name, { error: '搜索词不能超过 100 个字' }).optional(),
  programType: z.enum(PROGRAM_TYPES).optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  /** Agreements in force during this year. */
  year: z.number().int().min(1990).max(2100).optional(),
  sort: z.enum(AGREEMENT_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

const partyOutput = z.strictObject({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  role: z.enum(PARTY_ROLES),
  major: z.string().nullable(),
  sort: z.number(),
});

const phaseOutput = z.strictObject({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  notes: z.string().nullable(),
  sort: z.number(),
});

const agreementCore = {
  id: z.string(),
  title: z.string(),
  programType: z.enum(PROGRAM_TYPES),
  deliveryMode: z.enum(DELIVERY_MODES),
  documentForm: z.enum(DOCUMENT_FORMS),
  documentNumber: z.string().nullable(),
  signedDate: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  budgetYuan: z.number().nullable(),
  updatedAt: z.number(),
};

export const agreementSummary = z.strictObject({
  ...agreementCore,
  supporters: z.array(z.string()),
  receivers: z.array(z.string()),
  taskCount: z.number(),
});

export const agreementPage = z.strictObject({ rows: z.array(agreementSummary), total: z.number() });

export const agreementDetail = z.strictObject({
  ...agreementCore,
  policyBasis: z.string().nullable(),
  goals: z.string().nullable(),
  clauses: z.string().nullable(),
  hostOffice: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.number(),
  parties: z.array(partyOutput),
  phases: z.array(phaseOutput),
  groups: z.array(groupRevision),
  tasks: z.array(task),
});

export type AgreementSummary = z.output<typeof agreementSummary>;
export type AgreementDetail = z.output<typeof agreementDetail>;
export type AgreementInput = z.input<typeof agreementInput>;
export type AgreementSort = (typeof AGREEMENT_SORTS)[number];
