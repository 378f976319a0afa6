import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../electron/shared/contract';
import { openTestApp, type TestApp } from '../../helpers/db';
import { figureSources, seed004Year, sectionText } from '../../helpers/reports';

// Two trainings of one task, each with its own numbers, only the online one measuring satisfaction
// (seed 004: "培训班采用线上方式开展，于 12 月 14 日-18 日在线上成功举办。普宁市共 50 名教师参加培训。培训共 5 天").
describe('each activity keeps its own figures in the report', () => {
  let t: TestApp;
  let doc: ReportDocument;
  let online: { id: string };
  let onSite: { id: string };
  beforeAll(async () => {
    t = await openTestApp();
    const year = await seed004Year(t);
    const taskId = year.taskId('教师能力素养培训');
    online = await t.call('activities.create', {
      agreementId: year.agreementId,
      taskId,
      type: '培训',
      title: '线上班主任能力培训',
      startDate: '2023-11-14',
      endDate: '2023-11-18',
      online: true,
      platform: '腾讯会议',
      teachers: 40,
      days: 5,
      satisfactionPct: 95,
    });
    onSite = await t.call('activities.create', {
      agreementId: year.agreementId,
      taskId,
      type: '培训',
      title: '心理健康教师培训',
      startDate: '2023-10-09',
      teachers: 30,
      students: 0,
    });
    doc = await t.call('reports.open', { agreementId: year.agreementId, year: 2023, template: 'seed004' });
  }, 60_000);
  afterAll(() => t.close());

  it('lists the task’s trainings with their own numbers before the total', () => {
    const tasks = sectionText(doc, 'tasks');
    const line = tasks.split('\n').find((l) => l.includes('. 教师能力素养培训。'))!;
    expect(line).toContain('普宁市音乐、美术教师能力素养培训（5 月 10 日）：共 1 天，培训教师 58 人次');
    expect(line).toContain(
      '线上班主任能力培训（11 月 14 日—18 日，线上）：共 5 天，培训教师 40 人次，满意度 95%',
    );
    expect(line).toContain('心理健康教师培训（10 月 9 日）：共 1 天，培训教师 30 人次');
    expect(line.indexOf('合计')).toBeGreaterThan(line.indexOf('心理健康教师培训'));
    expect(line).toContain('合计培训 3 期，共 7 天，培训教师 128 人次，其中线上 1 期、40 人次。');
  });

  it('states satisfaction only for the training that measured it, never beside a total', () => {
    const tasks = sectionText(doc, 'tasks');
    expect(tasks.match(/满意度/g)).toHaveLength(2);
    expect(tasks).not.toMatch(/合计[^。]*满意度/);
    expect(tasks).not.toMatch(/全年开展培训[^。；]*满意度/);
    expect(tasks).toContain('；测评满意度的培训：线上班主任能力培训 95%。');
    expect(doc.figures['year.training.satisfaction']).toBeUndefined();
  });

  it('reports online participation for the year', () => {
    expect(sectionText(doc, 'tasks')).toContain(
      '全年开展培训 5 期，培训教师 178 人次，累计 13 天，其中线上 2 期、90 人次',
    );
  });

  it('lists each source with what it contributed and leaves out records that contributed nothing', async () => {
    const teachers = await figureSources(t, doc, 'year.training.teachers');
    const parts = Object.fromEntries(teachers.map((r) => [r.title, r.part]));
    expect(parts).toMatchObject({ 线上班主任能力培训: 40, 心理健康教师培训: 30 });
    // The 美育 training recorded no teachers: it is not a source of the teachers trained.
    expect(Object.keys(parts)).not.toContain('帮扶普宁市广太镇美育浸润活动教师培训班开班');
    const satisfaction = await figureSources(t, doc, `year.training.satisfaction.${online.id}`);
    expect(satisfaction.map((r) => r.id)).toEqual([online.id]);
    expect(satisfaction.map((r) => r.id)).not.toContain(onSite.id);
  });

  it('writes each figure’s sources and their contributions to the 主要数据 sheet', async () => {
    const file = await t.call('reports.export', { reportId: doc.reportId, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('主要数据')!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const at = rows.findIndex((r) => r?.[1] === '全年培训教师');
    const sources: unknown[][] = [];
    for (const r of rows.slice(at + 1)) {
      if (!String(r?.[1] ?? '').startsWith('　')) break;
      sources.push([String(r[1]).trim(), r[2]]);
    }
    expect(sources).toContainEqual(['线上班主任能力培训（2023-11-14）', 40]);
    expect(sources.map((s) => s[0])).not.toContain(
      '帮扶普宁市广太镇美育浸润活动教师培训班开班（2023-04-20）',
    );
    expect(sources.reduce((n, s) => n + (s[1] as number), 0)).toBe(178);
  });
});
