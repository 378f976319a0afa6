import type { ReportDocument } from '../../electron/shared/contract';
import type { TestApp } from './db';

/**
 * Seed 004's year: the demo ledger (agreement with its 21 万元 budget, tasks, plans, ten activities incl.
 * the 5-day online training for 50 Puning teachers with 6 lecturers and 118 student teachers on placement)
 * plus the two facts the report states only as totals: 58 music and art teachers trained, and the
 * kindergarten teachers' degree programme (81 applicants, 33 admitted, 30% fee reduction).
 */
export const seed004Year = async (t: Pick<TestApp, 'call'>) => {
  const { agreementId } = await t.call('demo.load', {});
  const detail = await t.call('agreements.get', { id: agreementId });
  const taskId = (name: string) => detail.tasks.find((x) => x.name === name)!.id;
  const artTraining = await t.call('activities.create', {
    agreementId,
    taskId: taskId('教师能力素养培训'),
    type: '培训',
    title: '普宁市音乐、美术教师能力素养培训',
    startDate: '2023-05-10',
    teachers: 58,
  });
  const enrolment = await t.call('activities.create', {
    agreementId,
    taskId: taskId('幼儿园教师学历提升工程'),
    type: '招生与学历提升',
    title: '幼儿园教师学历提升工程 2023 级招生',
    startDate: '2023-09-01',
    details: { applicants: 81, admitted: 33, feeReductionPct: 30 },
  });
  return { agreementId, detail, taskId, artTraining, enrolment };
};

/** Every record behind a figure, as the figure-source panel fetches them (all in one page). */
export const figureSources = async (t: Pick<TestApp, 'call'>, doc: ReportDocument, figureId: string) =>
  (await t.call('reports.figureSources', { reportId: doc.reportId, figureId, limit: 1000 })).sources;

/** A section's text as printed. */
export const sectionText = (doc: ReportDocument, key: string): string =>
  doc.sections
    .find((s) => s.key === key)!
    .paragraphs.map((p) => p.runs.map((r) => r.text).join(''))
    .join('\n');

/** Seed 004's seven parts and the 汇总表, in order. */
export const SEED004_HEADINGS = [
  '一、组织领导',
  '二、制度建设',
  '三、资金支持',
  '四、平时工作',
  '五、帮扶任务落实情况',
  '六、主要困难与问题',
  '七、下一步工作设想',
  '附件：结对帮扶计划实施情况汇总表',
];
