import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, holdAnswers, inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';

// Issue 14's coordinator: nothing typed is lost (Esc, 关闭, 取消, the sidebar all ask first; a draft survives
// the window going away), and number fields take what people type and say what they understood.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const discardQuestion = (page: Page) => page.getByRole('dialog', { name: '放弃未保存的修改？' });

/** Asks to keep editing, and the form is still there with what was typed. */
const keepEditing = async (page: Page, field: Locator, typed: string) => {
  await expect.poll(() => discardQuestion(page).isVisible()).toBe(true);
  await discardQuestion(page).getByRole('button', { name: '继续编辑' }).click();
  await expect.poll(() => discardQuestion(page).count()).toBe(0);
  expect(await field.inputValue()).toBe(typed);
};

describe('forms keep what was typed, end to end', () => {
  it('asks before an unsaved activity is closed, keeps its draft through a reload, and reads typed numbers', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      await seedAgreement({ call: caller(bridge.app) });
      await page.reload();

      await page.getByRole('button', { name: '活动台账' }).click();
      await page.getByRole('button', { name: '新建活动记录' }).click();
      const form = page.getByRole('dialog', { name: '新建活动记录' });
      await form.getByLabel('活动类型').selectOption('培训');
      const title = form.getByLabel('活动名称');
      await title.fill('线上班主任能力培训');

      // Numbers as people type them, read back.
      await form.getByLabel('教师', { exact: true }).fill('313人');
      await expect.poll(() => form.getByText('= 313', { exact: true }).isVisible()).toBe(true);
      await form.getByLabel('满意度（%）').fill('0.95');
      await expect.poll(() => form.getByText('是否指 95%？').isVisible()).toBe(true);
      await form.getByRole('button', { name: '是，改为 95%' }).click();
      expect(await form.getByLabel('满意度（%）').inputValue()).toBe('95%');
      await form.getByLabel('教师', { exact: true }).fill('很多');
      await expect.poll(() => form.getByText('请填写数字，例如 313、1,000、2500万').isVisible()).toBe(true);
      await form.getByLabel('教师', { exact: true }).fill('313人');

      // Esc, the × and 关闭 each ask first.
      await title.press('Escape');
      await keepEditing(page, title, '线上班主任能力培训');
      await form.getByRole('button', { name: '关闭', exact: true }).first().click();
      await keepEditing(page, title, '线上班主任能力培训');
      await form.locator('footer').getByRole('button', { name: '关闭' }).click();
      await keepEditing(page, title, '线上班主任能力培训');

      // The window goes away with the dialog open (a crash, a reload): the next start offers the draft back.
      const context = page.context();
      const again = await context.newPage();
      await page.close({ runBeforeUnload: false });
      await again.goto(bridge.url);
      const offer = again.getByRole('status').filter({ hasText: '有一条未保存的活动记录草稿' });
      await expect.poll(() => offer.isVisible()).toBe(true);
      expect(await offer.textContent()).toContain('线上班主任能力培训');
      await offer.getByRole('button', { name: '恢复草稿' }).click();
      const restored = again.getByRole('dialog', { name: '新建活动记录' });
      expect(await restored.getByLabel('活动名称').inputValue()).toBe('线上班主任能力培训');
      expect(await restored.getByLabel('教师', { exact: true }).inputValue()).toBe('313人');
      expect(await restored.getByLabel('满意度（%）').inputValue()).toBe('95%');

      // Saved, the draft is forgotten: the typed text reached the store as numbers.
      await restored.getByLabel('开始日期').fill('2023-11-14');
      await restored.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => again.getByText('已保存。可以继续添加照片').isVisible()).toBe(true);
      const saved = await caller(bridge.app)('activities.list', { query: '班主任' });
      expect(saved.rows[0]).toMatchObject({ teachers: 313, satisfactionPct: 95 });
      const edit = again.getByRole('dialog', { name: '编辑活动记录' });
      await edit.locator('footer').getByRole('button', { name: '关闭' }).click();
      await expect.poll(() => edit.count()).toBe(0);
      const third = await context.newPage();
      await third.goto(bridge.url);
      await expect.poll(() => third.getByRole('heading', { name: '帮扶协议' }).isVisible()).toBe(true);
      expect(await third.getByText('有一条未保存的活动记录草稿').count()).toBe(0);
      await third.close();

      // A page form: the sidebar asks before leaving it; 取消 asks too; discarding leaves.
      await again.getByRole('button', { name: '新建协议' }).first().click();
      const agreementTitle = again.getByLabel('协议标题');
      await agreementTitle.fill('天津职业大学援建和田职业技术学院项目');
      await again.getByRole('navigation').getByRole('button', { name: '活动台账' }).click();
      await keepEditing(again, agreementTitle, '天津职业大学援建和田职业技术学院项目');
      await again.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => discardQuestion(again).isVisible()).toBe(true);
      await discardQuestion(again).getByRole('button', { name: '放弃修改' }).click();
      await expect.poll(() => again.getByRole('heading', { name: '帮扶协议' }).isVisible()).toBe(true);
    });
  }, 180_000);

  /** A form's agreement box (marked required or not). */
  const agreementBox = (form: Locator) => form.getByLabel(/^协议( \*)?$/);

  // The agreement list is refreshed on every page change; on a busy machine a form can open before it comes.
  const opensBeforeTheList = async (page: Page, pageButton: string, newButton: string): Promise<Locator> => {
    const release = await holdAnswers(page, 'agreements.list');
    await page.getByRole('navigation').getByRole('button', { name: pageButton }).click();
    await page.getByRole('button', { name: newButton }).click();
    const form = page.getByRole('dialog', { name: newButton });
    expect(await agreementBox(form).inputValue()).toBe('');
    release();
    return form;
  };

  it('gives a new activity the agreement the list brings after the form opened, and the untouched form closes without asking', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      await seedAgreement({ call: caller(bridge.app) });
      const { rows } = await caller(bridge.app)('agreements.list', {});
      const form = await opensBeforeTheList(page, '活动台账', '新建活动记录');
      await expect.poll(() => agreementBox(form).inputValue()).toBe(rows[0]!.id);
      await form.getByLabel('活动名称').press('Escape');
      await expect.poll(() => form.count()).toBe(0);
      expect(await discardQuestion(page).count()).toBe(0);
    });
  }, 120_000);

  it('gives a new secondment the agreement the list brings after the form opened, keeping what was typed meanwhile', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      await seedAgreement({ call: caller(bridge.app) });
      const { rows } = await caller(bridge.app)('agreements.list', {});
      const form = await opensBeforeTheList(page, '挂职人员', '登记挂职人员');
      await form.getByLabel('姓名').fill('陈老师');
      await expect.poll(() => agreementBox(form).inputValue()).toBe(rows[0]!.id);
      expect(await form.getByLabel('姓名').inputValue()).toBe('陈老师');
      await form.getByLabel('姓名').press('Escape');
      await keepEditing(page, form.getByLabel('姓名'), '陈老师');
    });
  }, 120_000);
});
