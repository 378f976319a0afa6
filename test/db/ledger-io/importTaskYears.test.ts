import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { addSheet, bytesOf } from '../../helpers/workbook';

// Issue 14, item 10: a 汇总表 line planned across the new year imports as a task spanning both years.

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

describe('a 汇总表 task planned across years', () => {
  it('imports 2023年9月至2024年6月 as a 2023—2024 task, and a one-month line as one year', async () => {
    const { agreement } = await seedAgreement(t);
    const book = new ExcelJS.Workbook();
    addSheet(book, '汇总表', {
      title: ['2023年结对帮扶计划实施情况汇总表'],
      header: [['序号', '帮扶项目', '具体任务', '对口部门', '计划时间', '完成情况']],
      rows: [
        [1, '师资队伍建设', '骨干教师跨年度研修', '教务处', '2023年9月至2024年6月', '进行中'],
        [2, '师资队伍建设', '信息技术应用能力培训', '继续教育学院', '2023年12月', '已完成'],
      ],
    });
    const bytes = await bytesOf(book);
    const file = { agreementId: agreement.id, fileName: '汇总表.xlsx', dataBase64: bytes.toString('base64') };
    const preview = await t.call('ledger.importPreview', file);
    expect(preview.layout).toBe('tasks');
    await t.call('ledger.importCommit', {
      ...file,
      expected: { create: preview.counts.create, update: preview.counts.update },
    });
    const tasks = (await t.call('agreements.get', { id: agreement.id })).tasks;
    expect(tasks.map((k) => [k.description, k.year, k.yearEnd])).toEqual([
      ['骨干教师跨年度研修', 2023, 2024],
      ['信息技术应用能力培训', 2023, null],
    ]);
  });
});
