import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, holdAnswers, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement, tempDir } from '../helpers/db';

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

const importBundle = async (
  page: Page,
  file: { path: string; name: string },
  how: 'pick' | 'drop' = 'pick',
) => {
  await page.getByRole('button', { name: '数据同步' }).click();
  // The browser saved the download under a temporary name; the person picks it by its real one.
  const bytes = readFileSync(file.path);
  if (how === 'pick')
    await page
      .locator('input[name=bundleFile]')
      .setInputFiles({ name: file.name, mimeType: 'application/zip', buffer: bytes });
  else {
    // Dropped anywhere on the page, as from a file manager.
    const dataTransfer = await page.evaluateHandle(
      ({ name, data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { name: file.name, data: [...bytes] },
    );
    await page
      .getByTestId('sync')
      .getByRole('heading', { name: '数据同步' })
      .dispatchEvent('drop', { dataTransfer });
  }
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

        const report = await importBundle(dept, up, 'drop');
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

  it('a coordinator sends through a folder target, sees each record’s state, and the department takes it from its inbox', async () => {
    const shared = tempDir('bangfu-share-');
    try {
      const folder = join(shared.dir, '共享文件夹');
      mkdirSync(folder);
      await inBridge(browser, async (siteBridge, site) => {
        await inBridge(browser, async (_deptBridge, dept) => {
          await firstRun(site);
          await firstRun(dept, 'department');
          const call = caller(siteBridge.app);
          const { agreement } = await seedAgreement({ call });
          await call('activities.create', {
            agreementId: agreement.id,
            type: '培训',
            title: '普宁职校骨干教师培训',
            startDate: '2024-03-01',
          });

          await site.getByRole('button', { name: '数据同步' }).click();
          const states = site.getByRole('region', { name: '记录状态' });
          await expect.poll(() => site.getByTestId('records-pending').textContent()).not.toBe('0');
          await states.getByRole('tab', { name: /未导出/ }).click();
          await expect.poll(() => states.getByText('普宁职校骨干教师培训').isVisible()).toBe(true);

          await site.getByRole('button', { name: '添加文件夹' }).click();
          const dialog = site.getByRole('dialog', { name: '添加文件夹' });
          await dialog.getByLabel('文件夹完整路径').fill('共享文件夹');
          await dialog.getByRole('button', { name: '保存' }).click();
          await expect.poll(() => dialog.getByText('请填写文件夹的完整路径').isVisible()).toBe(true);
          await dialog.getByLabel('文件夹完整路径').fill(folder);
          await dialog.getByRole('button', { name: '保存' }).click();
          await expect.poll(() => dialog.isVisible()).toBe(false);

          await site.getByLabel('同时放入发件箱，自动发送到发送目标').check();
          await Promise.all([
            site.waitForEvent('download'),
            site.getByRole('button', { name: '导出同步包' }).click(),
          ]);
          const outbox = site.getByRole('table', { name: '发件箱' });
          await expect.poll(() => outbox.getByText('等待发送').isVisible()).toBe(true);
          await site.getByRole('button', { name: '立即发送' }).click();
          await expect.poll(() => outbox.getByText('已送达').isVisible()).toBe(true);
          expect(readdirSync(folder)).toHaveLength(1);
          await expect.poll(() => site.getByTestId('records-exported').textContent()).not.toBe('0');
          expect(await site.getByTestId('records-pending').textContent()).toBe('0');

          await dept.getByRole('button', { name: '数据同步' }).click();
          await dept.getByLabel('收件文件夹（共享文件夹的完整路径）').fill(folder);
          await dept.getByRole('region', { name: '部门设置' }).getByRole('button', { name: '保存' }).click();
          const entry = dept.getByTestId('inbox-entry');
          await expect.poll(() => entry.getByText('待导入').isVisible()).toBe(true);
          await entry.getByRole('button', { name: '核对无误，登记设备并导入' }).click();
          await expect.poll(() => entry.getByText('已导入').isVisible()).toBe(true);
          await dept.getByRole('button', { name: '活动台账' }).click();
          await dept.getByTestId('ledger').getByRole('searchbox').fill('骨干教师');
          await expect
            .poll(() => dept.getByTestId('ledger').getByRole('status').textContent())
            .toBe('共 1 条活动记录');
          expect(readdirSync(folder)).toHaveLength(1);
        });
      });
    } finally {
      shared.cleanup();
    }
  });

  it('shows the department’s settings only once the saved ones are read, so nothing typed is replaced by a late answer', async () => {
    const shared = tempDir('bangfu-share-');
    try {
      await inBridge(browser, async (deptBridge, dept) => {
        await firstRun(dept, 'department');
        // The saved settings are held back, as on a busy machine, until the page is showing.
        const release = await holdAnswers(dept, 'sync.settings');
        await dept.getByRole('button', { name: '数据同步' }).click();
        const settings = dept.getByRole('region', { name: '部门设置' });
        await expect.poll(() => settings.isVisible()).toBe(true);
        const box = settings.getByLabel('收件文件夹（共享文件夹的完整路径）');
        expect(await box.count()).toBe(0);
        // Nor does the inbox say there is no folder before it knows.
        const inbox = dept.getByRole('region', { name: '收件箱' });
        expect(await inbox.getByText(/尚未设置收件文件夹/).count()).toBe(0);
        release();
        await box.fill(shared.dir);
        await settings.getByRole('button', { name: '保存' }).click();
        await expect
          .poll(async () => (await caller(deptBridge.app)('sync.settings', {})).inboxFolder)
          .toBe(shared.dir);
        expect(await box.inputValue()).toBe(shared.dir);
        // The inbox watches the folder just saved.
        await expect.poll(() => inbox.getByText('收件文件夹中没有同步包。').isVisible()).toBe(true);
        expect(await inbox.textContent()).toContain(shared.dir);
      });
    } finally {
      shared.cleanup();
    }
  });
});
