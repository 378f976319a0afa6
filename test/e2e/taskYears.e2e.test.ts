import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../helpers/db';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';

// Issue 14, item 10: the task editor takes a span of years, and says beside the field what is wrong with it.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a task spanning several years, end to end', () => {
  it('is refused with the reason beside 结束年度, then saved and listed as 2023—2024', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      await caller(bridge.app)('demo.load', {});
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: '协议', exact: true }).click();
      await page.getByText('结对帮扶协议（2021—2025 年）').first().click();
      await page.getByRole('button', { name: '新建项目' }).click();
      const dialog = page.getByRole('dialog', { name: '新建项目' });
      await dialog.getByLabel('项目名称').fill('骨干教师跨年度培训');
      await dialog.getByLabel('项目类别').selectOption('师资培训');
      await dialog.getByLabel('起始年度').fill('2023');
      await dialog.getByLabel('结束年度').fill('2022');
      await dialog.getByRole('button', { name: '保存', exact: true }).click();
      const field = dialog.locator('.field[data-label="结束年度"]');
      await expect.poll(() => field.getByRole('alert').textContent()).toBe('结束年度不能早于起始年度');

      await dialog.getByLabel('结束年度').fill('2024');
      await dialog.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      const row = page.getByTestId('tasks').getByRole('row').filter({ hasText: '骨干教师跨年度培训' });
      await expect.poll(() => row.getByRole('cell').first().textContent()).toBe('2023—2024');
    });
  }, 180_000);
});
