import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';

// Several PCs per college, end to end: a second PC joins with a join file, records, and every PC and the
// department converge; a replacement PC takes the college over from the department and edits what the old
// PC recorded, and the department retires the old PC.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Saved = { path: string; name: string };

const download = async (page: Page, click: () => Promise<void>): Promise<Saved> => {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { path: await file.path(), name: file.suggestedFilename() };
};

const asFile = (f: Saved) => ({ name: f.name, mimeType: 'application/zip', buffer: readFileSync(f.path) });

const syncPage = async (page: Page) => {
  await page.getByRole('button', { name: '数据同步' }).click();
  await expect.poll(() => page.getByTestId('sync').isVisible()).toBe(true);
};

/** A new PC's first run: 加入已有单位, the join file, the fingerprint compared, joined. */
const joinWith = async (page: Page, file: Saved, fingerprint: string | null) => {
  await page.getByRole('radio', { name: /加入已有单位/ }).check();
  await page.getByLabel('选择加入文件').setInputFiles(asFile(file));
  const preview = page.getByTestId('join-preview');
  await expect.poll(() => preview.isVisible()).toBe(true);
  expect(await preview.getByTestId('join-fingerprint').textContent()).toBe(fingerprint);
  await preview.getByRole('button', { name: '核对无误，加入该单位' }).click();
  await expect.poll(() => page.getByRole('heading', { name: '帮扶协议' }).isVisible()).toBe(true);
};

/** Picks a bundle on the Sync page and imports it, confirming the sender on first sight. */
const importBundle = async (page: Page, file: Saved) => {
  await syncPage(page);
  await page.locator('input[name=bundleFile]').setInputFiles(asFile(file));
  const report = page.getByTestId('bundle-report');
  await expect
    .poll(async () =>
      (await report.isVisible()) ? 'report' : (await page.getByRole('alert').allTextContents()).join(),
    )
    .toBe('report');
  const button = report.getByRole('button', { name: /导入/ });
  await button.click();
  await expect
    .poll(() =>
      page
        .getByText(/已导入：\d+ 条新变更/)
        .first()
        .isVisible(),
    )
    .toBe(true);
  return report;
};

const exportFrom = async (page: Page) => {
  await syncPage(page);
  return download(page, () => page.getByRole('button', { name: '导出同步包' }).click());
};

const answerTo = async (dept: Page, deviceId: string) => {
  await syncPage(dept);
  const row = dept
    .getByRole('table', { name: '已知设备' })
    .getByRole('row')
    .filter({ hasText: deviceId.slice(-8) });
  return download(dept, () => row.getByRole('button', { name: '生成回执包' }).click());
};

const ledgerCount = async (page: Page, query: string) => {
  await page.getByRole('button', { name: '活动台账' }).click();
  await page.getByTestId('ledger').getByRole('searchbox').fill(query);
  return page.getByTestId('ledger').getByRole('status');
};

describe('several PCs per college, end to end', () => {
  it('a second PC joins, records an activity, and both PCs and the department converge', async () => {
    await inBridge(browser, async (b1, pc1) => {
      await inBridge(browser, async (b2, pc2) => {
        await inBridge(browser, async (_bd, dept) => {
          await firstRun(pc1);
          await firstRun(dept, 'department');
          const call1 = caller(b1.app);
          const { agreement } = await seedAgreement({ call: call1 });
          await call1('activities.create', {
            agreementId: agreement.id,
            type: '培训',
            title: '第一台电脑登记的培训',
            startDate: '2024-03-01',
          });
          await importBundle(dept, await exportFrom(pc1));

          await syncPage(pc1);
          const ours = pc1.getByRole('region', { name: '本单位设备' });
          const joinFile = await download(pc1, () =>
            ours.getByRole('button', { name: '生成加入文件（给本单位的新电脑）' }).click(),
          );
          await joinWith(pc2, joinFile, (await call1('app.status', {})).keyFingerprint);
          const call2 = caller(b2.app);
          await call2('activities.create', {
            agreementId: agreement.id,
            type: '送教讲座',
            title: '第二台电脑登记的讲座',
            startDate: '2024-04-02',
          });

          // The department sees which college the new PC claims, and that college's first PC.
          await syncPage(dept);
          await dept.locator('input[name=bundleFile]').setInputFiles(asFile(await exportFrom(pc2)));
          const claims = dept.getByTestId('bundle-claims');
          await expect
            .poll(() => claims.textContent())
            .toMatch(/声明属于“揭阳职院帮扶办”，该单位已登记 1 台设备/);
          await dept
            .getByTestId('bundle-report')
            .getByRole('button', { name: '核对无误，登记设备并导入' })
            .click();
          await expect
            .poll(() =>
              dept
                .getByText(/已导入：\d+ 条新变更/)
                .first()
                .isVisible(),
            )
            .toBe(true);

          const pc1Id = (await call1('app.status', {})).deviceId!;
          const pc2Id = (await call2('app.status', {})).deviceId!;
          await importBundle(pc1, await answerTo(dept, pc1Id));
          await importBundle(pc2, await answerTo(dept, pc2Id));
          await expect
            .poll(async () => (await ledgerCount(pc1, '第二台电脑')).textContent())
            .toBe('共 1 条活动记录');
          await expect
            .poll(async () => (await ledgerCount(dept, '电脑登记')).textContent())
            .toBe('共 2 条活动记录');
          await expect
            .poll(async () => (await ledgerCount(pc2, '电脑登记')).textContent())
            .toBe('共 2 条活动记录');
          await syncPage(pc1);
          await expect
            .poll(() => pc1.getByRole('region', { name: '本单位设备' }).getByText('在用').isVisible())
            .toBe(true);
        });
      });
    });
  }, 300_000);

  it('a replacement PC takes over from the department and edits a record the old PC made', async () => {
    await inBridge(browser, async (bOld, old) => {
      await inBridge(browser, async (bNew, fresh) => {
        await inBridge(browser, async (bDept, dept) => {
          await firstRun(old);
          await firstRun(dept, 'department');
          const callOld = caller(bOld.app);
          const { agreement } = await seedAgreement({ call: callOld });
          const made = await callOld('activities.create', {
            agreementId: agreement.id,
            type: '培训',
            title: '旧电脑登记的培训',
            startDate: '2024-03-01',
          });
          await importBundle(dept, await exportFrom(old));
          const oldId = (await callOld('app.status', {})).deviceId!;

          await syncPage(dept);
          const devices = dept.getByRole('region', { name: '各单位设备' });
          const joinFile = await download(dept, () =>
            devices.getByRole('button', { name: '生成加入文件（更换电脑）' }).click(),
          );
          await joinWith(fresh, joinFile, (await caller(bDept.app)('app.status', {})).keyFingerprint);

          await fresh.getByRole('button', { name: '活动台账' }).click();
          await fresh.getByTestId('ledger').getByRole('row').filter({ hasText: '旧电脑登记的培训' }).click();
          const dialog = fresh.getByRole('dialog', { name: '编辑活动记录' });
          await dialog.getByLabel('活动名称').fill('新电脑修改了旧电脑的记录');
          await dialog.getByRole('button', { name: '保存', exact: true }).click();
          await expect
            .poll(async () => (await caller(bNew.app)('activities.get', { id: made.id })).title)
            .toBe('新电脑修改了旧电脑的记录');

          await syncPage(dept);
          const row = devices.getByRole('row').filter({ hasText: oldId.slice(-8) });
          await row.getByRole('button', { name: '停用' }).click();
          await row.getByLabel('停用原因').fill('电脑损坏，已由新电脑接替');
          await row.getByRole('button', { name: '确认停用' }).click();
          await expect.poll(() => row.getByText('已停用').isVisible()).toBe(true);

          await importBundle(dept, await exportFrom(fresh));
          await expect
            .poll(async () => (await ledgerCount(dept, '新电脑修改')).textContent())
            .toBe('共 1 条活动记录');
        });
      });
    });
  }, 300_000);
});
