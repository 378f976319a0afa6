import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../electron/shared/contract';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// Issue 14, item 10: a task spanning 2023—2024 is one of each of those years' tasks (汇总表, overview),
// and of no other year's; its budget counts once, in the year it starts.

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

const task = (agreementId: string, name: string, year: number, yearEnd: number | null, budgetYuan: number) =>
  t.call('tasks.create', {
    agreementId,
    name,
    category: '师资培训',
    status: '延期',
    year,
    yearEnd,
    budgetYuan,
  });

const rowsOf = (doc: ReportDocument) => doc.summary.map((r) => [r.cells[1], r.cells[6]]);
const budgetSentence = (doc: ReportDocument) =>
  doc.sections
    .flatMap((s) => s.paragraphs.map((p) => p.runs.map((r) => r.text).join('')))
    .find((text) => text.includes('帮扶支出预算'));

describe('a task spanning several years in the reports', () => {
  it('appears in the 2023 and 2024 reports and overviews, not in 2025’s', async () => {
    const { agreement } = await seedAgreement(t);
    await task(agreement.id, '骨干教师跨年度培训', 2023, 2024, 50000);
    await task(agreement.id, '2023 年度专项', 2023, null, 10000);
    await task(agreement.id, '2025 年度专项', 2025, null, 20000);
    const open = (year: number) =>
      t.call('reports.open', { agreementId: agreement.id, year, template: 'seed004' });

    const y2023 = await open(2023);
    expect(rowsOf(y2023)).toEqual([
      ['骨干教师跨年度培训', '2023—2024 年'],
      ['2023 年度专项', '2023 年'],
    ]);
    expect(budgetSentence(y2023)).toContain('2023 年帮扶支出预算共 6 万元');

    const y2024 = await open(2024);
    expect(rowsOf(y2024)).toEqual([['骨干教师跨年度培训', '2023—2024 年']]);
    // Counted in 2023 already: 2024 has no task budget of its own, so the agreement's stands in.
    expect(budgetSentence(y2024)).toContain('2024 年帮扶支出预算共 21 万元');

    expect(rowsOf(await open(2025))).toEqual([['2025 年度专项', '2025 年']]);

    const overdue = async (year: number) =>
      (await t.call('dashboard.get', { agreementId: agreement.id, year })).overdue.map((o) => o.title);
    expect(await overdue(2024)).toEqual(['骨干教师跨年度培训']);
    expect(await overdue(2025)).toEqual(['2025 年度专项']);
    expect(await t.call('dashboard.years', { agreementId: agreement.id })).toEqual([2025, 2024, 2023]);
  });
});
