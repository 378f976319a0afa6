import { z } from 'zod';
import { TASK_CATEGORIES, TASK_STATUSES } from '../domain';
import {
  LIMITS,
  list,
  oneOf,
  optionalNumber,
  optionalText,
  optionalYear,
  optionalYuan,
  phone,
  requiredText,
  uuid,
  year,
} from './common';

export const taskFields = {
  name: requiredText('项目名称', LIMITS.title),
  category: oneOf(TASK_CATEGORIES, '项目类别'),
  description: optionalText('具体任务', LIMITS.text),
  department: optionalText('对口部门', LIMITS.name),
  responsiblePerson: optionalText('责任人', LIMITS.name),
  liaison: optionalText('联络员', LIMITS.name),
  contact: phone('联系方式'),
  year: year('年度'),
  yearEnd: optionalYear('结束年度'),
  targetText: optionalText('目标', LIMITS.text),
  targetValue: optionalNumber('目标数值', 0, 1e12),
  targetUnit: optionalText('计量单位', LIMITS.short),
  budgetYuan: optionalYuan('预算'),
  status: oneOf(TASK_STATUSES, '状态'),
  notes: optionalText('备注', LIMITS.text),
};

/** A task spanning several years (2023—2024) ends no earlier than it starts; blank means one year. */
const spansForward = <T extends z.ZodType<{ year: number; yearEnd: number | null }>>(s: T) =>
  s.refine((t) => t.yearEnd === null || t.yearEnd >= t.year, {
    error: '结束年度不能早于起始年度',
    path: ['yearEnd'],
  });

export const taskInput = spansForward(z.strictObject({ agreementId: uuid('协议编号'), ...taskFields }));
export const taskUpdateInput = spansForward(z.strictObject({ id: uuid(), ...taskFields }));
/** The path a spreadsheet import takes: one transaction per call, at most 1,000 rows. */
export const taskBatchInput = z.strictObject({
  agreementId: uuid('协议编号'),
  tasks: list(spansForward(z.strictObject(taskFields)), '项目', 1000),
});

export const task = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  name: z.string(),
  category: z.enum(TASK_CATEGORIES),
  description: z.string().nullable(),
  department: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  liaison: z.string().nullable(),
  contact: z.string().nullable(),
  year: z.number(),
  /** Last year of a task spanning several; null for one year. */
  yearEnd: z.number().nullable(),
  targetText: z.string().nullable(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
  budgetYuan: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  notes: z.string().nullable(),
  sort: z.number(),
  updatedAt: z.number(),
});
export type Task = z.output<typeof task>;
