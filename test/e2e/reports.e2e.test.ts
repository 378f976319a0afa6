import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../db/zip/readZip';
import type { Bridge } from '../../scripts/serve';
import { inBridge, launchChromium } from '../helpers/browser';
import { caller, tempDir } from '../helpers/db';
import { seed004Year } from '../helpers/reports';

// Issue 6's leader: opens the overview, builds seed 004's 2023 report, follows a figure to its records,
// edits a paragraph, writes the problems section, and takes the report away as PDF and Word.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LIMITS = { entries: 100, totalBytes: 50e6, ratioFloorBytes: 1e6, ratio: 1000 };

/** Jieyang Polytechnic's site with seed 004's year, entered through the API; the page then opens on it. */
const openSeedYear = async (bridge: Bridge, page: Page) => {
  const call = caller(bridge.app);
  await call('app.setup', {
    mode: 'site',
    siteName: '揭阳职院帮扶办',
    institution: { name: '揭阳职业技术学院', kind: '高职院校' },
  });
  await seed004Year({ call });
  await page.reload();
};

describe('reports, end to end', () => {
  it('a leader reads the overview, edits the 2023 report and saves it as PDF and Word', async () => {
    await inBridge(browser, async (bridge, page) => {
      await openSeedYear(bridge, page);

      await page.getByRole('button', { name: '概览' }).click();
      const dashboard = page.getByTestId('dashboard');
      await dashboard.getByLabel('年度').fill('2023');
      await expect.poll(() => dashboard.locator('.stat').first().textContent()).toContain('12');
      await expect.poll(() => dashboard.locator('.stat').nth(1).textContent()).toContain('108 / 0 / 0');
      // The monthly chart draws one bar segment per month and type that has activities.
      await expect.poll(() => dashboard.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
      await expect.poll(() => dashboard.getByText('会议').first().isVisible()).toBe(true);
      // A bar leads to its activities: 培训 (the second type by count) opens the ledger filtered to it.
      await dashboard
        .getByRole('region', { name: '各类活动' })
        .locator('.recharts-bar-rectangle path')
        .nth(1)
        .click();
      await expect.poll(() => page.getByText('共 3 条活动记录').isVisible()).toBe(true);
      expect(await page.getByTestId('ledger').getByLabel('活动类型').inputValue()).toBe('培训');

      await page.getByRole('button', { name: '工作报告' }).click();
      const reports = page.getByTestId('reports');
      await reports.getByLabel('范围').selectOption({ label: '结对帮扶协议（2021—2025 年）' });
      await reports.getByLabel('年度').fill('2023');
      await reports.getByRole('button', { name: '生成报告' }).click();
      const paper = page.getByTestId('report-paper');
      await expect
        .poll(() => paper.getByRole('heading', { name: /五、帮扶任务落实情况/ }).isVisible())
        .toBe(true);

      // A figure leads to the records it was counted from.
      await paper.locator('[data-key=tasks]').getByRole('button', { name: '108 人次' }).click();
      const sources = page.getByRole('complementary');
      // The 美育 training recorded no teachers: only the two that did are listed, each with its share.
      await expect.poll(() => sources.getByRole('listitem').count()).toBe(2);
      expect(await sources.textContent()).toContain('普宁市音乐、美术教师能力素养培训');
      expect(await sources.textContent()).toContain('计入 58 人次');

      // Edit a generated paragraph and write the problems section.
      const funding = paper.locator('[data-key=funding]');
      await funding.getByRole('button', { name: '修改' }).click();
      await funding.getByRole('textbox').fill('2023 年基础教育帮扶支出预算共 21 万元，专款专用。');
      await funding.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => funding.textContent()).toContain('已手工修改');
      const problems = paper.locator('[data-key=problems]');
      await problems.getByRole('button', { name: '编写' }).click();
      await problems.getByRole('textbox').fill('帮扶专项资金投入与需求还存在一定的差距。');
      await problems.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => problems.textContent()).toContain('帮扶专项资金投入与需求还存在一定的差距。');

      // Word, with the edits.
      const [word] = await Promise.all([
        page.waitForEvent('download'),
        reports.getByRole('button', { name: '导出 Word' }).click(),
      ]);
      expect(word.suggestedFilename()).toBe('揭阳职业技术学院 2023 年基础教育帮扶工作报告.docx');
      const files = await readZip(readFileSync(await word.path()), LIMITS);
      const xml = files
        .get('word/document.xml')!
        .toString('utf8')
        .replace(/<[^>]+>/g, '');
      expect(xml).toContain('专款专用');
      expect(xml).toContain('帮扶专项资金投入与需求还存在一定的差距。');

      // PDF: the bridge prints the report's print view with Chromium (Electron would use printToPDF).
      const [pdf] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        reports.getByRole('button', { name: '导出 PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe('揭阳职业技术学院 2023 年基础教育帮扶工作报告.pdf');
      const pdfPath = await pdf.path();
      // Lines wrap anywhere in Chinese text: compare without whitespace.
      const flat = (s: string) => s.replace(/\s+/g, '');
      const text = flat(execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }));
      for (const expected of [
        '揭阳职业技术学院 2023 年基础教育帮扶工作报告',
        '一、组织领导',
        '三、资金支持',
        '五、帮扶任务落实情况',
        '六、主要困难与问题',
        '线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名',
        '专款专用',
        '帮扶专项资金投入与需求还存在一定的差距。',
        '结对帮扶计划实施情况汇总表',
        '量化成效',
        '— 1 —',
      ])
        expect(text).toContain(flat(expected));
      // The screen's controls are not printed.
      for (const control of ['返回编辑', '修改', '自动生成']) expect(text).not.toContain(control);
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(8);
      expect(info).toMatch(/Page size:.*\(A4\)/);
      expect(info).toMatch(/Title:\s+揭阳职业技术学院 2023 年基础教育帮扶工作报告/);

      // The print preview shows the same paper without the editing controls, and leads back.
      await reports.getByRole('button', { name: '打印预览' }).click();
      const print = page.getByTestId('report-print');
      await expect.poll(() => print.getAttribute('data-print-ready')).toBe('true');
      expect(await print.getByRole('button', { name: '修改' }).count()).toBe(0);
      expect(await print.textContent()).toContain('专款专用');
      await print.getByRole('button', { name: '返回编辑' }).click();
      await expect.poll(() => problems.textContent()).toContain('帮扶专项资金投入与需求还存在一定的差距。');
    });
    // The first PDF starts the bridge's printing browser: tens of seconds on a busy machine.
  }, 240_000);

  it('a supervisor prints the month’s plan for signature', async () => {
    await inBridge(browser, async (bridge, page) => {
      await openSeedYear(bridge, page);
      await page.getByRole('button', { name: '月度计划' }).click();
      await page.getByLabel('月份', { exact: true }).fill('2023-12');
      await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('草稿');
      await page.getByRole('button', { name: '打印计划' }).click();
      const print = page.getByTestId('plan-print');
      await expect.poll(() => print.getAttribute('data-print-ready')).toBe('true');
      const flat = (s: string) => s.replace(/\s+/g, '');
      const out = tempDir();
      try {
        const pdfPath = join(out.dir, 'plan.pdf');
        writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        const text = flat(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }));
        for (const expected of [
          '结对帮扶协议（2021—2025 年） 2023 年 12 月工作计划',
          // Table cells wrap and interleave in extracted text: check what fits on a line.
          '2023-12-14',
          '已完成',
          '进行中',
          '2022年度考核结果研讨会暨2023年度考核动员会',
          '计划事项 2 项，已完成 1 项，完成率 50%',
          '审核人（签字）：',
        ])
          expect(text).toContain(flat(expected));
        expect(text).not.toContain('返回编辑');
      } finally {
        out.cleanup();
      }
      // The same view printed by the bridge's own printer: 导出 PDF on the preview.
      const [pdf] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        print.getByRole('button', { name: '导出 PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe('结对帮扶协议（2021—2025 年） 2023-12 月度工作计划.pdf');
      expect(
        readFileSync(await pdf.path())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      await print.getByRole('button', { name: '返回编辑' }).click();
      await expect.poll(() => page.getByTestId('plan-status').isVisible()).toBe(true);
    });
  });
});
