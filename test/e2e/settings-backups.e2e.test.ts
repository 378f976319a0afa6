import { rmSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDirFor } from '../../db/backups';
import { caller } from '../helpers/db';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';

// Issue 13, item 8: the backups kept, their date and size, how many to keep, and a failure said plainly.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('backups in Settings, end to end', () => {
  it('says a failed scheduled backup on opening and in Settings, lists a new backup with date and size, and sets how many to keep', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const folder = backupDirFor(bridge.app.dbPath);
      writeFileSync(folder, 'a file where the backups folder should be');
      expect(await bridge.app.invoke('backups.runScheduled', {})).toMatchObject({ ok: false });
      rmSync(folder);

      // Wherever the person is when the app next opens, the failure is said, with the way to Settings.
      await page.reload();
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: '最近一次自动备份失败' }).isVisible())
        .toBe(true);
      await page.getByRole('button', { name: '查看' }).click();
      await expect.poll(() => page.getByRole('heading', { name: '自动备份' }).isVisible()).toBe(true);
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: '最近一次备份失败' }).textContent())
        .toMatch(/最近一次备份失败.*自动备份未完成：目标位置已有一个同名的文件/);
      await expect.poll(() => page.getByText('还没有备份').isVisible()).toBe(true);

      await page.getByRole('button', { name: '立即备份' }).click();
      const rows = page.getByRole('table', { name: '自动备份' }).getByRole('row');
      await expect.poll(() => rows.count()).toBe(2);
      await expect
        .poll(() => rows.nth(1).textContent())
        .toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}手动备份\d+ KB从备份恢复$/);

      const keep = page.getByLabel('保留自动备份份数');
      await expect.poll(() => keep.inputValue()).toBe('14');
      await keep.fill('0');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.getByText('至少保留 1 份').isVisible()).toBe(true);
      await keep.fill('5');
      await page.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(
          async () =>
            ((await bridge.app.invoke('backups.list', {})) as { value?: { keep: number } }).value?.keep,
        )
        .toBe(5);
    });
  }, 120_000);

  it('restores a backup after saying what it will do, and the record made since is gone', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = caller(bridge.app);
      await page.getByRole('button', { name: '设置' }).click();
      await page.getByRole('button', { name: '立即备份' }).click();
      const rows = page.getByRole('table', { name: '自动备份' }).getByRole('row');
      await expect.poll(() => rows.count()).toBe(2);
      await call('institutions.create', { name: '备份之后新建的机构', kind: '企业' });

      await rows.nth(1).getByRole('button', { name: '从备份恢复' }).click();
      const dialog = page.getByRole('dialog', { name: '从备份恢复' });
      await expect.poll(() => dialog.textContent()).toMatch(/恢复前会先检查这份备份是否完好/);
      await dialog.getByRole('button', { name: '检查并恢复' }).click();
      await expect.poll(() => page.getByText(/已恢复 .* 的备份/).isVisible()).toBe(true);
      expect(await call('institutions.list', { query: '备份之后新建的机构' })).toEqual([]);
      // The database as it was before the restore is kept as a backup of its own.
      await expect.poll(() => rows.count()).toBe(3);
    });
  }, 120_000);
});
