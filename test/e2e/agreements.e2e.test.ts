import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../scripts/serve';
import { firstRun, inBridge, launchChromium, pick } from '../helpers/browser';

// A newcomer, in the real UI, in Debian's Chromium, through the web bridge (issue 3, steps 2-6).

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
const withBridge = (run: (bridge: Bridge, page: Page) => Promise<void>) => inBridge(browser, run);

const list = async (bridge: Bridge, query?: string) => {
  const res = await bridge.app.invoke('agreements.list', query ? { query } : {});
  if (!res.ok) throw new Error(res.error.message);
  return res.value as { total: number; rows: { id: string; title: string; status: string }[] };
};

describe('agreements, end to end', () => {
  it('a newcomer sets up, records the seed 004 agreement with its group and tasks, finds, edits, deletes and undoes', async () => {
    await withBridge(async (bridge, page) => {
      await firstRun(page);
      await expect.poll(() => page.url()).not.toContain('token=');

      await page.getByRole('button', { name: '设置' }).click();
      await expect
        .poll(() => page.getByTestId('fingerprint').textContent())
        .toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

      await page.getByRole('button', { name: '协议' }).click();
      await page.getByRole('button', { name: '新建协议' }).first().click();
      await page.getByLabel('协议标题').fill('结对帮扶协议（2021—2025 年）');
      await page.getByLabel('帮扶类型').selectOption('基础教育帮扶');
      await page.getByLabel('起始年份').fill('2021');
      await page.getByLabel('结束年份').fill('2025');
      await page.getByLabel('预算（元）').fill('210000');
      // This site's own institution is the supporter already; the receiver is created from the picker.
      await expect
        .poll(() => page.getByRole('combobox', { name: '机构 1' }).inputValue())
        .toBe('揭阳职业技术学院');
      await page.getByLabel('角色 2').selectOption('受援方');
      await pick(page, '机构 2', '普宁市教育局', '＋ 新建机构「普宁市教育局」…');
      const dialog = page.getByRole('dialog', { name: '新建机构' });
      expect(await dialog.getByLabel('机构名称').inputValue()).toBe('普宁市教育局');
      await dialog.getByLabel('机构类型').selectOption('教育局');
      await dialog.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => page.getByRole('combobox', { name: '机构 2' }).inputValue())
        .toBe('普宁市教育局');
      await page.getByRole('button', { name: '保存' }).click();

      const detail = page.getByTestId('agreement-detail');
      await expect
        .poll(() => detail.getByRole('heading', { level: 1 }).textContent())
        .toBe('结对帮扶协议（2021—2025 年）');

      await page.getByRole('button', { name: '登记领导小组' }).click();
      const group = page.getByRole('dialog');
      await group.getByLabel('调整日期').fill('2023-06-13');
      await group.getByLabel('审议会议').fill('学校党委会');
      const addMember = group.getByRole('button', { name: '＋ 添加成员' });
      await addMember.click();
      await group.getByLabel('姓名 1').fill('罗恢远');
      await group.getByLabel('职务 1').selectOption('组长');
      await group.getByLabel('岗位 1').fill('院长');
      await addMember.click();
      await group.getByLabel('所属 2').selectOption('办公室');
      await group.getByLabel('姓名 2').fill('刘瑞叶');
      await group.getByLabel('职务 2').selectOption('办公室主任');
      await pick(group, '所在单位 2', '揭阳', '揭阳职业技术学院');
      await addMember.click();
      await group.getByLabel('姓名 3').fill('普宁市教育局联络员');
      await group.getByLabel('职务 3').selectOption('联络员');
      await pick(group, '所在单位 3', '普宁', '普宁市教育局');
      // Esc closes the open list, not the dialog around it.
      await group.getByRole('combobox', { name: '所在单位 1' }).fill('普宁');
      await page.keyboard.press('Escape');
      expect(await page.getByRole('listbox').count()).toBe(0);
      expect(await group.isVisible()).toBe(true);
      await group.getByLabel('电话 3').fill('0663-2222222');
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.getByText('现行组成（2023-06-13 调整）').isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('cell', { name: '0663-2222222' }).isVisible()).toBe(true);

      // A revision starts from the current members; the one it replaces stays in the history.
      await page.getByRole('button', { name: '调整（新建修订）' }).click();
      const revision = page.getByRole('dialog', { name: '调整（新建修订）' });
      expect(await revision.getByLabel('姓名 1').inputValue()).toBe('罗恢远');
      await revision.getByLabel('调整日期').fill('2024-03-01');
      await revision.getByLabel('岗位 1').fill('院长（兼）');
      await revision.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.getByText('现行组成（2024-03-01 调整）').isVisible()).toBe(true);
      await page.getByText('历次调整（1）').click();
      await expect.poll(() => page.getByRole('heading', { name: /^2023-06-13/ }).isVisible()).toBe(true);

      await page.getByRole('button', { name: '新建项目' }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      for (const [name, category, department] of [
        ['幼儿园教师学历提升工程', '学历提升', '继续教育部'],
        ['开展师范生实习支教', '师资培训', '教务处'],
      ] as const) {
        await page.getByRole('button', { name: '新建项目' }).click();
        const task = page.getByRole('dialog', { name: '新建项目' });
        await task.getByLabel('项目名称').fill(name);
        await task.getByLabel('项目类别').selectOption(category);
        await task.getByLabel('起始年度').fill('2023');
        // Enter in a field saves the dialog.
        await task.getByLabel('对口部门').fill(department);
        await task.getByLabel('对口部门').press('Enter');
        await expect.poll(() => page.getByRole('cell', { name }).isVisible()).toBe(true);
      }

      // A task deleted by mistake comes back with 撤销.
      const second = page.getByRole('row').filter({ hasText: '开展师范生实习支教' });
      await second.getByRole('button', { name: '删除' }).click();
      await expect.poll(() => second.count()).toBe(0);
      await page
        .getByRole('status')
        .filter({ hasText: '已删除「开展师范生实习支教」' })
        .getByRole('button', { name: '撤销' })
        .click();
      await expect.poll(() => second.count()).toBe(1);

      // For a person to look at: the detail page as a user sees it.
      await page.screenshot({ path: '/tmp/bangfu-detail.png', fullPage: true });

      await page.reload();
      await page.getByRole('heading', { name: '帮扶协议' }).waitFor();
      await page.keyboard.press('/');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
        .toBe('search');
      await page.keyboard.insertText('普宁');
      const row = page.getByRole('link', { name: '结对帮扶协议（2021—2025 年）' });
      await expect.poll(() => row.isVisible()).toBe(true);
      await expect
        .poll(() =>
          page.getByRole('row').filter({ hasText: '普宁市教育局' }).getByRole('cell').nth(6).textContent(),
        )
        .toBe('2');
      await expect.poll(() => page.getByTestId('total').textContent()).toBe('共 1 条');
      await page.getByRole('searchbox').fill('阳江');
      await expect.poll(() => page.getByText('没有符合条件的协议。').isVisible()).toBe(true);
      await page.getByRole('searchbox').fill('普宁');
      await row.click();

      await page.getByRole('button', { name: '编辑' }).first().click();
      await page.getByLabel('状态').selectOption('已完成');
      await page.keyboard.press('Control+s');
      await expect.poll(async () => (await list(bridge)).rows[0]?.status).toBe('已完成');

      await page.getByRole('button', { name: '删除' }).first().click();
      await expect.poll(async () => (await list(bridge)).total).toBe(0);
      await page.getByRole('button', { name: '撤销' }).click();
      await expect.poll(async () => (await list(bridge)).total).toBe(1);
      await expect
        .poll(() => page.getByRole('link', { name: '结对帮扶协议（2021—2025 年）' }).isVisible())
        .toBe(true);

      await page.getByRole('button', { name: '设置' }).click();
      await page.getByRole('radio', { name: 'English' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Agreements' }).isVisible()).toBe(true);
      await page.getByRole('radio', { name: '中文' }).click();
      await expect.poll(() => page.getByRole('button', { name: '协议' }).isVisible()).toBe(true);
    });
  }, 120_000);

  it('shows each bad input’s Chinese message beside its field and saves nothing', async () => {
    await withBridge(async (bridge, page) => {
      await firstRun(page);
      await page.keyboard.press('Control+n');
      await page.getByRole('heading', { name: '新建协议' }).waitFor();
      await page.getByLabel('帮扶类型').selectOption('结对帮扶');
      await page.getByLabel('角色 2').selectOption('受援方');
      await pick(page, '机构 2', '揭阳', '揭阳职业技术学院');
      const fieldError = (label: string) => page.locator(`.field[data-label="${label}"] .field-error`);
      const save = () => page.getByRole('button', { name: '保存' }).click();

      await page.getByLabel('起始年份').fill('2021');
      await page.getByLabel('结束年份').fill('2025');
      await save();
      await expect.poll(() => fieldError('协议标题').textContent()).toBe('请填写协议标题');

      // Typing stops at the limit the API enforces.
      await page.getByLabel('协议标题').fill('x'.repeat(100_000));
      expect(await page.getByLabel('协议标题').inputValue()).toHaveLength(200);

      await page.getByLabel('协议标题').fill('结对帮扶协议');
      await page.getByLabel('起始年份').fill('2025');
      await page.getByLabel('结束年份').fill('2021');
      await save();
      await expect.poll(() => fieldError('结束年份').textContent()).toBe('结束年份不能早于起始年份');

      await page.getByLabel('结束年份').fill('2026');
      await page.getByLabel('预算（元）').fill('-5');
      await save();
      await expect.poll(() => fieldError('预算（元）').textContent()).toBe('预算不能为负数');

      await page.getByLabel('预算（元）').fill('abc');
      await save();
      await expect.poll(() => fieldError('预算（元）').textContent()).toBe('预算必须是数字');
      expect((await list(bridge)).total).toBe(0);

      // A phone with letters, in the leadership group of an agreement that does exist.
      await page.getByLabel('预算（元）').fill('');
      await save();
      await expect.poll(async () => (await list(bridge)).total).toBe(1);
      await page.getByRole('button', { name: '登记领导小组' }).click();
      const group = page.getByRole('dialog');
      await group.getByRole('button', { name: '＋ 添加成员' }).click();
      await group.getByLabel('姓名 1').fill('罗恢远');
      await group.getByLabel('电话 1').fill('0663-abcd');
      await group.getByRole('button', { name: '保存' }).click();
      const phoneCell = group.locator('td').filter({ has: page.locator('[aria-label="电话 1"]') });
      await expect
        .poll(() => phoneCell.locator('.field-error').textContent())
        .toBe('电话只能包含数字、空格、+、- 和括号');
      const id = (await list(bridge)).rows[0]!.id;
      const detail = await bridge.app.invoke('agreements.get', { id });
      expect(detail.ok && (detail.value as { groups: unknown[] }).groups).toEqual([]);
    });
  }, 120_000);
});
