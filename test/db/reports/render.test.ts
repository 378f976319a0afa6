import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../electron/shared/contract';
import { readZip } from '../../../db/zip/readZip';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { SEED004_HEADINGS, seed004Year } from '../../helpers/reports';

const LIMITS = { entries: 100, totalBytes: 50e6, ratioFloorBytes: 1e6, ratio: 1000 };

describe('report renderers', () => {
  let t: TestApp;
  let doc: ReportDocument;
  beforeAll(async () => {
    t = await openTestApp();
    const year = await seed004Year(t);
    doc = await t.call('reports.open', { agreementId: year.agreementId, year: 2023, template: 'seed004' });
    doc = await t.call('reports.saveSection', {
      reportId: doc.reportId,
      key: 'problems',
      body: '帮扶专项资金投入与需求还存在一定的差距。',
    });
  });
  afterAll(() => t.close());

  it('writes Word with real headings, the figures in the text and the 汇总表 as a Word table', async () => {
    const out = await t.call('reports.export', { reportId: doc.reportId, format: 'docx' });
    expect(out.fileName).toBe('揭阳职业技术学院 2023 年基础教育帮扶工作报告.docx');
    const files = await readZip(Buffer.from(out.dataBase64, 'base64'), LIMITS);
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = (fragment: string) => fragment.replace(/<[^>]+>/g, '');
    const headings = [
      ...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>.*?<\/w:p>/gs),
    ].map((m) => text(m[0]));
    expect(headings).toEqual(SEED004_HEADINGS);
    expect(text(xml)).toContain('线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名');
    expect(text(xml)).toContain('帮扶专项资金投入与需求还存在一定的差距。');
    const table = xml.match(/<w:tbl>.*<\/w:tbl>/s)![0];
    const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)];
    expect(rows).toHaveLength(1 + doc.summary.length);
    expect(text(rows[0]![0])).toBe(
      '序号帮扶项目具体任务对口部门责任人联络员/联系方式计划时间完成情况量化成效佐证材料备注',
    );
    expect(rows[0]![0]).toContain('<w:tblHeader/>');
    // Page numbers in the footer, landscape pages for the table.
    expect([...files.keys()].some((k) => /^word\/footer\d+\.xml$/.test(k))).toBe(true);
    expect(xml).toContain('w:orient="landscape"');
  });

  it('writes the 汇总表 to Excel with numbers as numbers', async () => {
    const out = await t.call('reports.export', { reportId: doc.reportId, format: 'xlsx' });
    expect(out.fileName).toBe('2023 年结对帮扶计划实施情况汇总表.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('汇总表')!;
    expect(sheet.getCell('A1').value).toBe(
      '2023 年结对帮扶计划实施情况汇总表（结对帮扶协议（2021—2025 年））',
    );
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
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
    ]);
    const rows = doc.summary.map((_, i) => sheet.getRow(3 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6]);
    const training = rows.find((r) => r.getCell(2).value === '教师信息技术应用能力培训')!;
    expect(training.getCell(9).value).toBe('线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名');
    expect(typeof training.getCell(10).value).toBe('number');
    const figures = book.getWorksheet('主要数据')!;
    const teachers = figures
      .getRows(2, figures.rowCount - 1)!
      .find((r) => r.getCell(1).value === '全年培训教师')!;
    expect([teachers.getCell(2).value, teachers.getCell(3).value, teachers.getCell(4).value]).toEqual([
      108,
      '人次',
      2,
    ]);
  });
});

describe('exported report file names', () => {
  it('carry no control or bidi characters from a title received from elsewhere', async () => {
    const t = await openTestApp();
    try {
      const { agreement, supporter } = await seedAgreement(t);
      await t.call('institutions.update', {
        id: supporter.id,
        name: '揭阳\u202e职院/帮扶\u0007办',
        kind: '高职院校',
      });
      const doc = await t.call('reports.open', {
        agreementId: agreement.id,
        year: 2023,
        template: 'seed004',
      });
      const out = await t.call('reports.export', { reportId: doc.reportId, format: 'docx' });
      expect(out.fileName).not.toMatch(/[\p{Cc}\p{Cf}/\\]/u);
      expect(out.fileName).toMatch(/^揭阳职院_帮扶办.*\.docx$/);
    } finally {
      t.close();
    }
  });
});
