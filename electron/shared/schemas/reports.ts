import { z } from 'zod';
import { REPORT_TEMPLATES } from '../domain';
import { LIMITS, oneOf, uuid } from './common';
import { planProgress } from './plans';
import { missingPhoto, reportPhoto } from './reportPhotos';

// Summaries leaders read: the dashboard's figures and the annual report, as one document model that the
// screen, the print view, Word and Excel all render. Every figure names the records it was counted from.

const year = z
  .number({ error: '请填写年度' })
  .int({ error: '年度必须是整数' })
  .min(2000, { error: '年度不能早于 2000 年' })
  .max(2100, { error: '年度不能晚于 2100 年' });

/** One agreement, or (agreementId null) every agreement: of one site when siteId is given. */
export const reportScope = z.strictObject({
  agreementId: uuid('协议').nullable(),
  siteId: z.string().max(LIMITS.short).nullable().optional().default(null),
  year,
});

export const RECORD_TABLES = [
  'activities',
  'agreements',
  'tasks',
  'plan_items',
  'secondments',
  'outcomes',
] as const;

export const recordRef = z.strictObject({
  table: z.enum(RECORD_TABLES),
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
});

/**
 * A number in a report and how many records it was counted from. The records themselves (a department's
 * run to hundreds of thousands) are fetched when asked, with reports.figureSources.
 */
export const figure = z.strictObject({
  id: z.string(),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  sources: z.number(),
});

/** A record behind a figure and what it contributed (a count: 1; a sum: its own value). */
export const figureSource = recordRef.extend({ part: z.number() });

export const figureSourcesInput = z.strictObject({
  reportId: uuid('报告'),
  figureId: z.string().min(1).max(200),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** One page of a figure's records, in the order they were counted; `total` is every one of them. */
export const figureSources = z.strictObject({
  figure,
  total: z.number(),
  sources: z.array(figureSource),
});

/** Text, or a figure's value shown in the text (its id links to the records behind it). */
export const run = z.strictObject({ text: z.string(), figure: z.string().optional() });
export const paragraph = z.strictObject({
  runs: z.array(run),
  /** A numbered sub-heading such as （一）成立帮扶工作领导小组. */
  sub: z.boolean().optional(),
  /** A sub-heading with nothing under it yet: marked 待补充 on screen, left out of print and Word. */
  pending: z.boolean().optional(),
});

export const SUMMARY_COLUMNS = [
  '序号',
  '帮扶项目',
  '具体任务',
  '对口部门',
  '责任人',
  '联络员/联系方式',
  '计划时间',
  '完成情况',
  '量化成效',
  '佐证材料',
  '备注',
] as const;

export const summaryRow = z.strictObject({
  taskId: z.string(),
  /** In SUMMARY_COLUMNS order; 序号 and 佐证材料 are numbers. */
  cells: z.array(z.union([z.string(), z.number()])),
});

export const SECTION_KINDS = ['generated', 'narrative', 'summary'] as const;

export const reportSection = z.strictObject({
  key: z.string(),
  heading: z.string(),
  kind: z.enum(SECTION_KINDS),
  /** True when a person rewrote the generated text; it is then printed as written. */
  edited: z.boolean(),
  paragraphs: z.array(paragraph),
  /** The text a person edits: the saved body, or the generated paragraphs as plain text. */
  body: z.string(),
  /** Figures the generated text shows, in reading order, listed beside it even after an edit. */
  figures: z.array(z.string()),
  /** Evidence photos printed after the text, numbered through the report. */
  photos: z.array(reportPhoto),
  /** Chosen photos that can no longer print (attachment removed): shown on screen only. */
  missingPhotos: z.array(missingPhoto),
});

export const reportDocument = z.strictObject({
  reportId: z.string(),
  template: z.enum(REPORT_TEMPLATES),
  agreementId: z.string().nullable(),
  year: z.number(),
  title: z.string(),
  /** Who reports (institution) and about what (agreement titles), for the title block. */
  institution: z.string(),
  scopeLabel: z.string(),
  date: z.string(),
  sections: z.array(reportSection),
  /** The 汇总表's headings, so every renderer prints the same ones. */
  summaryColumns: z.array(z.string()),
  summary: z.array(summaryRow),
  /** The figures the sections show; the report's other figures are in its Excel 主要数据 sheet. */
  figures: z.record(z.string(), figure),
});

/** A report's scope is its agreement, or (none) the agreements of the site that writes it. */
export const reportOpenInput = reportScope.omit({ siteId: true }).extend({
  template: oneOf(REPORT_TEMPLATES, '报告模板'),
});

export const reportSummary = z.strictObject({
  id: z.string(),
  agreementId: z.string().nullable(),
  year: z.number(),
  template: z.enum(REPORT_TEMPLATES),
  title: z.string(),
  updatedAt: z.number(),
});

export const reportListInput = z.strictObject({ agreementId: uuid('协议').nullable().optional() });

export const sectionSaveInput = z.strictObject({
  reportId: uuid('报告'),
  key: z.string().min(1).max(LIMITS.short),
  body: z.string({ error: '正文必须是文本' }).max(LIMITS.text, { error: `正文不能超过 ${LIMITS.text} 个字` }),
});

export const sectionResetInput = z.strictObject({
  reportId: uuid('报告'),
  key: z.string().min(1).max(LIMITS.short),
});

export const REPORT_FORMATS = ['docx', 'xlsx'] as const;
export const reportExportInput = z.strictObject({
  reportId: uuid('报告'),
  format: oneOf(REPORT_FORMATS, '导出格式'),
});

export const reportPdfInput = z.strictObject({ reportId: uuid('报告') });

export const dashboardInput = reportScope;

/** The years an agreement (or every agreement) has records in, newest first. */
export const recordYearsInput = z.strictObject({ agreementId: uuid('协议').nullable().optional() });

const count = z.strictObject({ key: z.string(), value: z.number() });

export const dashboard = z.strictObject({
  activities: z.number(),
  byType: z.array(count),
  /** Per month of the year (1–12), per activity type. */
  byMonth: z.array(z.strictObject({ month: z.number(), counts: z.record(z.string(), z.number()) })),
  trained: z.strictObject({
    sessions: z.number(),
    teachers: z.number(),
    students: z.number(),
    cadres: z.number(),
    days: z.number(),
  }),
  money: z.strictObject({ budgetYuan: z.number(), spentYuan: z.number(), donatedYuan: z.number() }),
  completion: z.array(
    z.strictObject({ month: z.number(), planned: z.number(), done: z.number(), rate: z.number().nullable() }),
  ),
  outcomesByLevel: z.array(count),
  secondmentsInPost: z.number(),
  evidence: z.strictObject({ withEvidence: z.number(), total: z.number() }),
  overdue: z.array(
    z.strictObject({
      kind: z.enum(['plan_item', 'task']),
      id: z.string(),
      title: z.string(),
      date: z.string().nullable(),
      status: z.string(),
    }),
  ),
  sites: z.array(z.strictObject({ siteId: z.string(), name: z.string() })),
});

export const planReport = z.strictObject({
  agreementTitle: z.string(),
  institution: z.string(),
  month: z.string(),
  status: z.string(),
  drafter: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.number().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  reviewNote: z.string().nullable(),
  progress: planProgress,
  items: z.array(
    z.strictObject({
      no: z.number(),
      content: z.string(),
      taskName: z.string().nullable(),
      department: z.string().nullable(),
      person: z.string().nullable(),
      plannedDate: z.string().nullable(),
      status: z.string(),
      completionNote: z.string().nullable(),
      activities: z.array(z.strictObject({ title: z.string(), type: z.string(), startDate: z.string() })),
    }),
  ),
});

export type PlanReport = z.output<typeof planReport>;
export type ReportScope = z.output<typeof reportScope>;
export type RecordRef = z.output<typeof recordRef>;
export type Figure = z.output<typeof figure>;
export type FigureSource = z.output<typeof figureSource>;
export type FigureSources = z.output<typeof figureSources>;
export type Run = z.output<typeof run>;
export type Paragraph = z.output<typeof paragraph>;
export type SummaryRow = z.output<typeof summaryRow>;
export type ReportSection = z.output<typeof reportSection>;
export type ReportDocument = z.output<typeof reportDocument>;
export type ReportSummary = z.output<typeof reportSummary>;
export type Dashboard = z.output<typeof dashboard>;
