import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/shared/contract';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { addSheet, bytesOf } from '../../helpers/workbook';

// Ledgers laid out as school offices make them, each built here, with the rows, warnings and notes the
// preview must give for them.

let t: TestApp;
let agreementId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
});
afterEach(() => t.close());

type Extra = Partial<Omit<Input<'ledger.importPreview'>, 'agreementId' | 'dataBase64'>>;
const preview = (bytes: Buffer, extra: Extra = {}) =>
  t.call('ledger.importPreview', {
    agreementId,
    fileName: '台账.xlsx',
    dataBase64: bytes.toString('base64'),
    ...extra,
  });
const byRow = (p: Awaited<ReturnType<typeof preview>>) =>
  Object.fromEntries(p.rows.map((r) => [`${r.sheet}!${r.row}`, r]));

describe('finding the data', () => {
  it('skips the instruction and hidden sheets, reads a two-row merged header under a title block, and leaves totals, signatures, blank and hidden rows out with a note', async () => {
    const book = new ExcelJS.Workbook();
    addSheet(book, '填表说明', {
      header: [
        ['活动名称', '日期', '类型'],
        ['填写活动全称', '2023-01-01', '培训'],
      ],
      rows: [],
    });
    addSheet(book, '旧表', {
      hidden: true,
      header: [['活动名称', '活动类型', '活动时间', '地点', '教师人数']],
      rows: [['旧培训', '培训', '2022-03-01', '揭阳', 10]],
    });
    const sheet = addSheet(book, '2023年台账', {
      title: ['揭阳职业技术学院对口帮扶工作台账', '填报单位：帮扶办        单位：人、学时'],
      header: [
        ['序号', '活动名称', '活动类型', '时间', null, '地点', '参训人数', null, null, '学时'],
        [null, null, null, '开始', '结束', null, '教师', '学生', '干部', null],
      ],
      rows: [
        [1, '教师信息技术应用能力培训', '培训', '2023-12-14', '2023-12-18', '揭阳职院', 50, 0, 5, 40],
        [2, '送教下乡示范课', '示范课', '2023-05-10', null, null, 30, 200, null, 4],
        [3, '乡村教师研修班', '研修班', '2023-06-01', '2023-06-02', null, 20, null, null, 16],
        [null, null, null, null, null, null, null, null, null, null],
        ['合计', null, null, null, null, null, 100, 200, 5, 60],
        ['填表人：李华', null, null, '审核人：王强', null, null, null, null, null, null],
        [4, null, null, null, null, null, null, null, null, null],
      ],
      merges: ['A3:A4', 'B3:B4', 'C3:C4', 'D3:E3', 'F3:F4', 'G3:I3', 'J3:J4', 'F5:F6'],
    });
    sheet.getRow(7).hidden = true;
    const p = await preview(await bytesOf(book));
    expect(p.sheets).toEqual([
      { name: '填表说明', chosen: false, rows: 1, note: '说明页' },
      { name: '旧表', chosen: false, rows: 1, note: '隐藏的工作表' },
      { name: '2023年台账', chosen: true, rows: 7, note: null },
    ]);
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['活动名称', 'title'],
      ['活动类型', 'type'],
      ['时间·开始', 'startDate'],
      ['时间·结束', 'endDate'],
      ['地点', 'place'],
      ['参训人数·教师', 'teachers'],
      ['参训人数·学生', 'students'],
      ['参训人数·干部', 'cadres'],
      ['学时', 'hours'],
    ]);
    expect(p.skipped).toEqual([
      '隐藏的行 1 行未导入（第 7 行）',
      '空行 2 行未导入（第 8 行、第 11 行）',
      '合计、小计行 1 行未导入（第 9 行）',
      '签字、填表人行 1 行未导入（第 10 行）',
    ]);
    expect(p.counts).toEqual({ total: 2, create: 2, update: 0, same: 0, held: 0, warnings: 0 });
    const rows = byRow(p);
    expect(rows['2023年台账!5']!.values).toEqual({
      title: '教师信息技术应用能力培训',
      type: '培训',
      startDate: '2023-12-14',
      endDate: '2023-12-18',
      place: '揭阳职院',
      teachers: 50,
      students: 0,
      cadres: 5,
      hours: 40,
    });
    // The place merged down over rows 5 and 6 applies to both.
    expect(rows['2023年台账!6']!.values).toMatchObject({
      type: '送教讲座',
      students: 200,
      place: '揭阳职院',
    });
  });

  it('imports a sheet per month in one go, dates without a year taking the title’s year, and lets the person pick one sheet instead', async () => {
    const book = new ExcelJS.Workbook();
    addSheet(book, '目录', { header: [['月份', '页码']], rows: [['1月', 2]] });
    for (const [month, rows] of [
      ['1月', [['寒假教师培训', '培训', '1月10日（星期二）', '线上']]],
      ['2月', [['开学工作推进会', '推进会', '2.20', '线下']]],
      [
        '3月',
        [
          ['教研活动', '教研活动', '3月7日-9日', '线下'],
          ['总结会', '总结会', '三月二十日', '线下'],
        ],
      ],
    ] as const)
      addSheet(book, month, {
        title: ['2023年帮扶工作台账'],
        header: [['活动名称', '类型', '日期', '形式']],
        rows: rows.map((r) => [...r]),
      });
    const p = await preview(await bytesOf(book));
    expect(p.sheets.map((s) => [s.name, s.chosen])).toEqual([
      ['目录', false],
      ['1月', true],
      ['2月', true],
      ['3月', true],
    ]);
    expect(p.columns.find((c) => c.field === 'startDate')!.note).toBe(
      '未写年份的日期按 2023 年（取自表格标题）',
    );
    expect(
      p.rows.map((r) => [
        r.sheet,
        r.values.title,
        r.values.type,
        r.values.startDate,
        r.values.endDate ?? null,
      ]),
    ).toEqual([
      ['1月', '寒假教师培训', '培训', '2023-01-10', null],
      ['2月', '开学工作推进会', '会议', '2023-02-20', null],
      ['3月', '教研活动', '送教讲座', '2023-03-07', '2023-03-09'],
      ['3月', '总结会', '会议', '2023-03-20', null],
    ]);
    const one = await preview(await bytesOf(book), { sheets: ['2月'] });
    expect(one.counts.total).toBe(1);
  });
});

describe('reading values', () => {
  it('reads dates in every common form, figures with units and approximations, header units, placeholders, and reports an uncalculated formula', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = addSheet(book, '台账', {
      header: [
        ['活动名称', '活动类型', '活动日期', '参训教师', '时长（小时）', '金额（万元）', '满意度', '地点'],
      ],
      rows: [
        ['A', '培训', '二〇二三年五月十日', '约200人', '3', 2.5, '98%', '/'],
        ['B', '培训', '2023.12.28-2024.1.3', '120余人', '半天', '1.2万', 0.96, '无'],
        ['C', '培训', '2023年6月', '５０人', '2小时', '3000元', '—', '揭阳'],
        ['D', '培训', 45274, '两期', '若干', null, null, null],
        ['E', '培训', new Date(Date.UTC(2023, 7, 1)), null, null, null, null, null],
        ['F', '培训', '2023/9/1～9/3', null, null, null, null, null],
      ],
    });
    sheet.getCell('F7').value = { formula: 'SUM(F2:F6)' } as ExcelJS.CellFormulaValue;
    sheet.getCell('C6').numFmt = 'yyyy"年"m"月"d"日"';
    const p = await preview(await bytesOf(book));
    const rows = byRow(p);
    expect(p.columns.find((c) => c.field === 'amountYuan')!.note).toBe('单位万元，按 ×10,000 折成元');
    expect(p.columns.find((c) => c.header === '时长（小时）')!.field).toBe('hours');
    expect(rows['台账!2']!.values).toEqual({
      title: 'A',
      type: '培训',
      startDate: '2023-05-10',
      teachers: 200,
      hours: 3,
      amountYuan: 25000,
      satisfactionPct: 98,
    });
    expect(rows['台账!2']!.warnings).toEqual([{ field: 'teachers', message: '“约200人”是约数，按 200 记' }]);
    expect(rows['台账!3']!.values).toMatchObject({
      startDate: '2023-12-28',
      endDate: '2024-01-03',
      teachers: 120,
      amountYuan: 12000,
      satisfactionPct: 96,
    });
    expect(rows['台账!3']!.warnings.map((w) => w.field)).toEqual(['teachers', 'hours']);
    expect(rows['台账!4']!.values).toMatchObject({
      startDate: '2023-06-01',
      teachers: 50,
      hours: 2,
      amountYuan: 3000,
      place: '揭阳',
    });
    expect(rows['台账!4']!.warnings).toEqual([
      { field: 'startDate', message: '“2023年6月”只有月份，按 2023-06-01 记' },
    ]);
    expect(rows['台账!5']!.values).toMatchObject({ startDate: '2023-12-14', teachers: 2 });
    expect(rows['台账!5']!.values).not.toHaveProperty('hours');
    expect(rows['台账!5']!.warnings).toEqual([{ field: 'hours', message: '无法识别“若干”，该项留空' }]);
    expect(rows['台账!6']!.values.startDate).toBe('2023-08-01');
    expect(rows['台账!7']!.values).toMatchObject({ startDate: '2023-09-01', endDate: '2023-09-03' });
    expect(rows['台账!7']!.warnings).toEqual([
      { field: 'amountYuan', message: '公式没有保存计算结果：请在 Excel 中打开并保存后再导入，或在此填写' },
    ]);
    expect(p.counts).toMatchObject({ total: 6, create: 6, held: 0 });
  });
});
