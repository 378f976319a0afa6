import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';

// Issue 14: plans and activities link both ways. An activity recorded on its own is linked to the month's
// plan item from the plan; the item then offers to mark itself 已完成; the activity's dialog names its item.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('plans and activities, end to end', () => {
  it('links an existing activity to a plan item, marks the item done, and shows the item in the activity', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = caller(bridge.app);
      const { agreement } = await seedAgreement({ call });
      const plan = await call('plans.create', { agreementId: agreement.id, month: '2023-12' });
      await call('plans.saveItem', {
        planId: plan.id,
        content: '12-14至18 信息技术应用能力培训',
        status: '进行中',
      });
      await call('activities.create', {
        agreementId: agreement.id,
        type: '培训',
        title: '教师信息技术应用能力培训',
        startDate: '2023-12-14',
      });
      await page.reload();

      await page.getByRole('button', { name: '月度计划' }).click();
      await page.getByLabel('月份', { exact: true }).fill('2023-12');
      const item = page.getByTestId('plan-item').filter({ hasText: '信息技术应用能力培训' });
      await item.getByRole('button', { name: '关联活动…' }).click();
      await item
        .getByLabel('关联已有活动：12-14至18 信息技术应用能力培训')
        .selectOption({ label: '2023-12-14 · 教师信息技术应用能力培训' });
      await expect.poll(() => item.getByRole('button', { name: /教师信息技术应用能力培训/ }).count()).toBe(1);

      await item.getByRole('button', { name: '标为已完成' }).click();
      await expect
        .poll(() => item.getByLabel('完成状态：12-14至18 信息技术应用能力培训').inputValue())
        .toBe('已完成');
      await expect.poll(() => page.getByTestId('plan-rate').textContent()).toBe('100%');

      await item.getByRole('button', { name: /教师信息技术应用能力培训/ }).click();
      const dialog = page.getByRole('dialog', { name: '编辑活动记录' });
      await expect
        .poll(async () => {
          const select = dialog.getByLabel('计划事项');
          return select.locator('option:checked').textContent();
        })
        .toBe('12-14至18 信息技术应用能力培训（已完成）');
    });
  }, 120_000);
});
