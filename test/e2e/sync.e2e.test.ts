import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';

// Two installations, each with its own database behind its own bridge: a site and the department,
// carrying bundles between them as files, as a coordinator with a USB stick would.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks a button that downloads a bundle and returns the saved file's path. */
const download = async (page: Page, button: string) => {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { path: await file.path(), name: file.suggestedFilename() };
};

const importBundle = async (page: Page, file: { path: string; name: string }) => {
  await page.getByRole('button', { name: '数据同步' }).click();
  // The browser saved the download under a temporary name; the person picks it by its real one.
  await page
    .locator('input[name=bundleFile]')
    .setInputFiles({ name: file.name, mimeType: 'application/zip', buffer: readFileSync(file.path) });
  const report = page.getByTestId('bundle-report');
  // The report, or the refusal's own words when there is none.
  await expect
    .poll(async () =>
      (await report.isVisible()) ? 'report' : (await page.getByRole('alert').allTextContents()).join(),
    )
    .toBe('report');
  return report;
};

describe('sync, end to end', () => {
  it('a site’s activity reaches the department, and the department’s approval of the month comes back', async () => {
    await inBridge(browser, async (siteBridge, site) => {
      await inBridge(browser, async (_deptBridge, dept) => {
        await firstRun(site);
        await firstRun(dept, 'department');
        const call = caller(siteBridge.app);
        const { agreement } = await seedAgreement({ call });
        let plan = await call('plans.create', { agreementId: agreement.id, month: '2023-12' });
        plan = await call('plans.saveItem', {
          planId: plan.id,
          content: '12-14至18 信息技术应用能力培训',
          status: '已完成',
        });
        await call('plans.submit', { id: plan.id, by: '帮扶办' });
        await call('activities.create', {
          agreementId: agreement.id,
          planItemId: plan.items[0]!.id,
          type: '培训',
          title: '教师信息技术应用能力培训',
          startDate: '2023-12-14',
          endDate: '2023-12-18',
          teachers: 50,
        });
        const siteFingerprint = (await call('app.status', {})).keyFingerprint;

        await site.getByRole('button', { name: '数据同步' }).click();
        await expect.poll(() => site.getByTestId('sync-pending').textContent()).not.toBe('0');
        const up = await download(site, '导出同步包');
        expect(up.name).toMatch(/\.bfb$/);

        const report = await importBundle(dept, up);
        expect(await report.getByTestId('bundle-fingerprint').textContent()).toBe(siteFingerprint);
        await report.getByRole('button', { name: '核对无误，登记设备并导入' }).click();
        await expect.poll(() => dept.getByText(/已导入：\d+ 条新变更/).isVisible()).toBe(true);

        await dept.getByRole('button', { name: '活动台账' }).click();
        await dept.getByTestId('ledger').getByRole('searchbox').fill('信息技术');
        await expect
          .poll(() => dept.getByTestId('ledger').getByRole('status').textContent())
          .toBe('共 1 条活动记录');

        await dept.getByRole('button', { name: '月度计划' }).click();
        await dept.getByLabel('月份', { exact: true }).fill('2023-12');
        await expect.poll(() => dept.getByTestId('plan-status').textContent()).toBe('已提交');
        await dept.getByRole('button', { name: '审核通过' }).click();
        const review = dept.getByRole('dialog', { name: '审核通过' });
        await review.getByLabel('审核人').fill('职成处 王处长');
        await review.getByRole('button', { name: '审核通过' }).click();
        await expect.poll(() => dept.getByTestId('plan-status').textContent()).toBe('已审核');

        await dept.getByRole('button', { name: '数据同步' }).click();
        const back = await download(dept, '生成回执包');
        const answer = await importBundle(site, back);
        await answer.getByRole('button', { name: '核对无误，登记设备并导入' }).click();
        await expect.poll(() => site.getByTestId('sync-pending').textContent()).toBe('0');

        await site.getByRole('button', { name: '月度计划' }).click();
        await site.getByLabel('月份', { exact: true }).fill('2023-12');
        await expect.poll(() => site.getByTestId('plan-status').textContent()).toBe('已审核');
        await expect.poll(() => site.getByText(/职成处 王处长 于 .* 审核/).isVisible()).toBe(true);
      });
    });
  });
});
