import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';

// Issue 14: a leadership group of 18 is pasted from seed 002's notice, reviewed and saved; the agreement page
// then shows the approving meeting and 文号.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const NOTICE = [
  '组  长：沈  江  刘  斌',
  '副组长：马  岩  樊顺厚  李树岭',
  '成  员：王  昆  张  妍  杨国良  邹吉权  张  雷  ',
  '司  炜  康晓明',
  '办公室主任：王  昆',
  '办公室成员：蔡丽娜  周晶晶  张玖泽  朱 朋  马秀玮',
].join('\n');

describe('pasting a leadership group, end to end', () => {
  it('reads a pasted notice into rows with roles, moves office roles to the office, and saves', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      await seedAgreement({ call: caller(bridge.app) });
      await page.reload();
      await page.getByText('结对帮扶协议（2021—2025 年）').first().click();
      await page.getByRole('button', { name: '登记领导小组' }).click();
      const group = page.getByRole('dialog', { name: '登记领导小组' });
      await group.getByRole('button', { name: '粘贴名单…' }).click();
      await group.getByRole('textbox', { name: '粘贴成员名单' }).fill(NOTICE);
      await expect.poll(() => group.getByRole('status').textContent()).toContain('识别到 18 人');
      await group.getByRole('button', { name: '加入名单（18 人）' }).click();

      expect(await group.getByLabel('姓名 1', { exact: true }).inputValue()).toBe('沈江');
      expect(await group.getByLabel('职务 2', { exact: true }).inputValue()).toBe('组长');
      expect(await group.getByLabel('姓名 12', { exact: true }).inputValue()).toBe('康晓明');
      expect(await group.getByLabel('所属 13', { exact: true }).inputValue()).toBe('办公室');
      expect(await group.getByLabel('职务 13', { exact: true }).inputValue()).toBe('办公室主任');
      // Choosing an office role puts the member in the office.
      await group.getByLabel('职务 6', { exact: true }).selectOption('办公室成员');
      expect(await group.getByLabel('所属 6', { exact: true }).inputValue()).toBe('办公室');
      await group.getByLabel('职务 6', { exact: true }).selectOption('成员');

      await group.getByLabel('调整日期').fill('2018-09-28');
      await group.getByLabel('审议会议').fill('2018年第三十次校长办公会议');
      await group.getByLabel('文号').fill('津职大〔2018〕45号');
      await group.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => group.count()).toBe(0);
      const current = page.getByTestId('group-current');
      await expect.poll(() => current.textContent()).toContain('审议：2018年第三十次校长办公会议');
      expect(await current.textContent()).toContain('文号：津职大〔2018〕45号');
    });
  }, 120_000);
});
