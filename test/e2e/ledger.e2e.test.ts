import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../scripts/serve';
import { chooseFiles, firstRun, holdAnswers, inBridge, launchChromium, pick } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';
import { addSheet, bytesOf, type Cell } from '../helpers/workbook';
import { zipBomb } from '../helpers/zip';

// Issue 4's newcomer: seed 004's December training recorded from a plan item, with its evidence, found
// again by searching, and the month's completion rate moving when the item is marked done.

// The smallest valid PNG: a 1x1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The agreement and its task, entered through the API: the agreement screens have their own test. */
const seed = async (bridge: Bridge) => {
  const call = caller(bridge.app);
  const { agreement } = await seedAgreement({ call });
  await call('tasks.create', {
    agreementId: agreement.id,
    name: '教师信息技术应用能力培训',
    category: '师资培训',
    year: 2023,
    status: '进行中',
  });
  return call;
};

const rate = (page: Page) => page.getByTestId('plan-rate').textContent();

describe('the ledger, end to end', () => {
  it('records the December training from a plan item, attaches a photo, finds it, and the completion rate follows the item', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = await seed(bridge);

      await page.getByRole('button', { name: '月度计划' }).click();
      await page.getByLabel('月份', { exact: true }).fill('2023-12');
      await page.getByRole('button', { name: '新建本月计划' }).click();
      await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('草稿');

      for (const [content, date, status] of [
        ['12-14至18 信息技术应用能力培训', '2023-12-14', '进行中'],
        ['12-15 考核结果研讨会', '2023-12-15', '未开始'],
      ] as const) {
        await page.getByRole('button', { name: '添加事项' }).click();
        const dialog = page.getByRole('dialog', { name: '添加事项' });
        await dialog.getByLabel('工作内容').fill(content);
        if (status === '进行中')
          await dialog.getByLabel('关联项目').selectOption({ label: '教师信息技术应用能力培训' });
        await dialog.getByLabel('计划日期').fill(date);
        await dialog.getByLabel('完成状态').selectOption(status);
        await dialog.getByRole('button', { name: '保存', exact: true }).click();
        await expect.poll(() => dialog.count()).toBe(0);
      }
      await expect.poll(() => rate(page)).toBe('0%');

      const item = page.getByTestId('plan-item').filter({ hasText: '信息技术应用能力培训' });
      await item.getByRole('button', { name: '登记活动' }).click();
      const form = page.getByRole('dialog', { name: '新建活动记录' });
      expect(await form.getByLabel('活动名称').inputValue()).toBe('12-14至18 信息技术应用能力培训');
      expect(await form.getByLabel('开始日期').inputValue()).toBe('2023-12-14');
      // The task list arrives after the dialog opens; the item's task is chosen once it is there.
      await expect.poll(() => form.getByLabel('帮扶项目').inputValue()).not.toBe('');
      await form.getByLabel('活动名称').fill('教师信息技术应用能力培训');
      await form.getByLabel('活动类型').selectOption('培训');
      await form.getByLabel('形式').selectOption('online');
      await form.getByLabel('线上平台').fill('腾讯会议');

      // Bad figures first: each field says what is wrong, in Chinese, and nothing is saved.
      await form.getByLabel('结束日期').fill('2023-12-10');
      await form.getByLabel('教师', { exact: true }).fill('-5');
      await form.getByLabel('满意度（%）').fill('120');
      await form.getByRole('button', { name: '保存', exact: true }).click();
      await expect
        .poll(() => form.getByRole('alert').allTextContents())
        .toEqual([
          '请修改标注的字段后再保存',
          '结束日期不能早于开始日期',
          '教师人数不能小于 0',
          '满意度不能大于 100',
        ]);
      expect((await call('activities.list', {})).total).toBe(0);

      await form.getByLabel('结束日期').fill('2023-12-18');
      await form.getByLabel('教师', { exact: true }).fill('50');
      await form.getByLabel('专家人数').fill('6');
      await form.getByLabel('满意度（%）').fill('');
      await form.getByRole('button', { name: '保存', exact: true }).click();
      const saved = page.getByRole('dialog', { name: '编辑活动记录' });
      await expect.poll(() => saved.getByRole('heading', { name: /佐证材料/ }).isVisible()).toBe(true);

      const files = saved.getByTestId('attachment-input');
      await files.setInputFiles({ name: '图1 培训现场.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => saved.getByRole('img', { name: '图1 培训现场.png' }).isVisible()).toBe(true);
      // A Word file renamed .jpg, and one over the limit: refused with their reasons, nothing added.
      const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
      await files.setInputFiles({ name: '签到表.jpg', mimeType: 'image/jpeg', buffer: docx });
      await expect
        .poll(() => page.getByText('“签到表.jpg”不是图片文件，内容与扩展名不符').isVisible())
        .toBe(true);
      const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
      await files.setInputFiles({ name: '大图.png', mimeType: 'image/png', buffer: big });
      await expect
        .poll(() => page.getByText('“大图.png”过大，单个附件不能超过 10 MB').isVisible())
        .toBe(true);
      const [stored] = (await call('activities.list', {})).rows;
      expect(stored!.evidenceCount).toBe(1);
      expect(await call('activities.get', { id: stored!.id })).toMatchObject({
        title: '教师信息技术应用能力培训',
        type: '培训',
        startDate: '2023-12-14',
        endDate: '2023-12-18',
        online: true,
        platform: '腾讯会议',
        teachers: 50,
        instructorCount: 6,
      });
      await saved.getByRole('button', { name: '关闭', exact: true }).last().click();
      await expect.poll(() => item.getByRole('button', { name: '查看活动（1）' }).isVisible()).toBe(true);

      await page.getByRole('button', { name: '活动台账' }).click();
      const ledger = page.getByTestId('ledger');
      for (const q of ['信息技术', '培训']) {
        await ledger.getByRole('searchbox').fill(q);
        await expect.poll(() => ledger.getByRole('status').textContent()).toBe('共 1 条活动记录');
        await expect
          .poll(() => ledger.getByRole('row').filter({ hasText: '教师信息技术应用能力培训' }).textContent())
          .toContain('📎 1');
      }
      await ledger.getByRole('searchbox').fill('考核');
      await expect.poll(() => ledger.getByText('没有符合条件的活动记录。').isVisible()).toBe(true);

      await page.getByRole('button', { name: '月度计划' }).click();
      await page.getByLabel('完成状态：12-14至18 信息技术应用能力培训').selectOption('已完成');
      await expect.poll(() => rate(page)).toBe('50%');
    });
  });
});

describe('the ledger’s other records, end to end', () => {
  it('duplicates an activity, adds an outcome, deletes and undoes; keeps secondments; a reviewed plan is read-only until returned', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = caller(bridge.app);
      await call('demo.load', {});
      // Loaded behind the page's back: a reload shows it, as it would after \`npm run demo\`.
      await page.reload();

      await page.getByRole('button', { name: '活动台账' }).click();
      const ledger = page.getByTestId('ledger');
      await expect.poll(() => ledger.getByRole('status').textContent()).toBe('共 10 条活动记录');
      await ledger.getByRole('row').filter({ hasText: '师范生实习支教' }).click();
      const edit = page.getByRole('dialog', { name: '编辑活动记录' });
      await edit.getByRole('button', { name: '复制为新记录' }).click();
      const copy = page.getByRole('dialog', { name: '新建活动记录' });
      expect(await copy.getByLabel('学生', { exact: true }).inputValue()).toBe('118');
      await copy.getByLabel('开始日期').fill('2024-06-01');
      await copy.getByRole('button', { name: '保存', exact: true }).click();
      const saved = page.getByRole('dialog', { name: '编辑活动记录' });
      await saved.getByRole('button', { name: '添加成果' }).click();
      const outcome = page.getByRole('dialog', { name: '添加成果' });
      await outcome.getByLabel('成果类型').selectOption('奖项');
      await outcome.getByLabel('级别').selectOption('省级');
      await outcome.getByLabel('成果名称').fill('师范生教学技能大赛一等奖');
      await outcome.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => saved.getByText('师范生教学技能大赛一等奖').isVisible()).toBe(true);
      await expect.poll(() => ledger.getByRole('status').textContent()).toBe('共 11 条活动记录');

      await saved.getByRole('button', { name: '删除', exact: true }).last().click();
      await expect.poll(() => ledger.getByRole('status').textContent()).toBe('共 10 条活动记录');
      await page.getByRole('button', { name: '撤销' }).click();
      await expect.poll(() => ledger.getByRole('status').textContent()).toBe('共 11 条活动记录');

      await page.getByRole('button', { name: '挂职人员' }).click();
      await page.getByRole('button', { name: '登记挂职人员' }).click();
      const post = page.getByRole('dialog', { name: '登记挂职人员' });
      await post.getByLabel('方向').selectOption('派出');
      await post.getByLabel('姓名').fill('陈老师');
      await pick(post, '挂职单位', '普宁', '普宁市教育局');
      await post.getByLabel('挂职岗位').fill('教研室副主任');
      await post.getByLabel('开始日期').fill('2023-09-01');
      await post.getByLabel('结束日期').fill('2023-08-31');
      await post.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => post.getByText('结束日期不能早于开始日期').isVisible()).toBe(true);
      await post.getByLabel('结束日期').fill('2024-08-31');
      await post.getByRole('button', { name: '保存', exact: true }).click();
      const secondments = page.getByTestId('secondments');
      await secondments.getByLabel('在岗日期').fill('2024-01-15');
      await expect
        .poll(() => secondments.getByRole('row').filter({ hasText: '陈老师' }).textContent())
        .toContain('普宁市教育局');
      await secondments.getByLabel('在岗日期').fill('2024-09-01');
      await expect
        .poll(() => secondments.getByText('2024-09-01 没有在岗的挂职人员。').isVisible())
        .toBe(true);

      await page.getByRole('button', { name: '月度计划' }).click();
      await page.getByLabel('月份', { exact: true }).fill('2023-04');
      await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('已审核');
      expect(await page.getByRole('button', { name: '添加事项' }).count()).toBe(0);
      expect(await page.getByLabel('完成状态：04-18 调研对接').isDisabled()).toBe(true);
      await page.getByRole('button', { name: '退回修改' }).click();
      const back = page.getByRole('dialog', { name: '退回修改' });
      await back.getByLabel('审核人').fill('刘瑞叶');
      await back.getByRole('button', { name: '退回修改' }).click();
      await expect.poll(() => back.getByText('请填写退回原因').isVisible()).toBe(true);
      await back.getByLabel('退回原因').fill('补充实习支教人数');
      await back.getByRole('button', { name: '退回修改' }).click();
      await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('已退回');
      await expect.poll(() => page.getByText(/刘瑞叶 于 .* 退回：补充实习支教人数/).isVisible()).toBe(true);
      expect(await page.getByLabel('完成状态：04-18 调研对接').isDisabled()).toBe(false);
    });
  });
});

describe('Excel in the ledger, end to end', () => {
  it('refuses a non-workbook, previews a two-row-header workbook with a sheet per month, maps a type and fixes a cell there, imports what it showed once, and exports', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = await seed(bridge);
      await page.getByRole('button', { name: '活动台账' }).click();
      await page.getByRole('button', { name: '导入 Excel' }).click();
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入活动台账' });
      const input = dialog.locator('input[name=importFile]');
      const xlsx = (name: string, buffer: Buffer) => ({
        name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      });

      await chooseFiles(input, xlsx('台账.xlsx', Buffer.from('序号,活动名称\n1,培训\n')));
      await expect
        .poll(() => dialog.getByRole('alert').textContent())
        .toBe('该文件不是有效的 Excel 工作簿（.xlsx）');
      await chooseFiles(input, xlsx('台账.xlsx', zipBomb()));
      await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('文件疑似压缩炸弹，已拒绝导入');

      const book = new ExcelJS.Workbook();
      addSheet(book, '填表说明', { header: [['1. 每月一张表'], ['2. 人数填阿拉伯数字']], rows: [] });
      const month = (name: string, rows: Cell[][]) =>
        addSheet(book, name, {
          title: ['揭阳职业技术学院 2023 年帮扶工作台账'],
          header: [
            ['活动名称', '类型', '时间', null, '参训人数', null],
            [null, null, '开始', '结束', '教师', '学生'],
          ],
          rows,
          merges: ['A2:A3', 'B2:B3', 'C2:D2', 'E2:F2'],
        });
      month('11月', [
        ['教师信息技术应用能力培训', '研修班', '11月14日', '11月18日', '50人', '/'],
        ['教职工联欢', '联欢', '11月20日', null, '若干', null],
      ]);
      month('12月', [['考核结果研讨会', '研讨会', '12月15日', null, 20, null]]);
      await chooseFiles(input, xlsx('帮扶台账.xlsx', await bytesOf(book)));
      await expect
        .poll(() => dialog.getByTestId('import-counts').textContent())
        .toBe('共 3 行：新增 2 行，更新 0 行，已有 0 行，暂不导入 1 行（0 行有提醒）');
      expect(await dialog.getByTestId('import-layout').textContent()).toBe(
        '识别为活动台账：读取工作表 “11月”“12月”，共 3 条活动',
      );
      expect(await dialog.getByLabel('台账字段：参训人数·教师').inputValue()).toBe('teachers');
      expect(await dialog.getByRole('row').filter({ hasText: '时间·开始' }).textContent()).toContain(
        '未写年份的日期按 2023 年（取自表格标题）',
      );

      await dialog.getByLabel('“联欢”（1 行）按').selectOption('志愿服务');
      await expect
        .poll(() => dialog.getByTestId('import-counts').textContent())
        .toBe('共 3 行：新增 3 行，更新 0 行，已有 0 行，暂不导入 0 行（1 行有提醒）');
      const party = dialog.getByRole('row').filter({ hasText: '教职工联欢' });
      expect(await party.textContent()).toContain('无法识别“若干”，该项留空');
      await party.getByRole('button', { name: '修改：11月 第 5 行 教师' }).click();
      await dialog.getByLabel('修改：11月 第 5 行 教师').fill('30');
      await dialog.getByLabel('修改：11月 第 5 行 教师').press('Enter');
      await expect
        .poll(() => dialog.getByTestId('import-counts').textContent())
        .toBe('共 3 行：新增 3 行，更新 0 行，已有 0 行，暂不导入 0 行（0 行有提醒）');

      await dialog.getByRole('button', { name: '导入 3 行' }).click();
      await expect
        .poll(() => page.getByText('导入完成：新增 3 条，更新 0 条，已有 0 条，暂不导入 0 条').isVisible())
        .toBe(true);
      const imported = await call('activities.list', { sort: 'startDate', direction: 'asc' });
      expect(
        imported.rows.map((a) => [a.title, a.type, a.startDate, a.endDate, a.teachers, a.students]),
      ).toEqual([
        ['教师信息技术应用能力培训', '培训', '2023-11-14', '2023-11-18', 50, null],
        ['教职工联欢', '志愿服务', '2023-11-20', null, 30, null],
        ['考核结果研讨会', '会议', '2023-12-15', null, 20, null],
      ]);

      await page.getByRole('button', { name: '导入 Excel' }).click();
      await chooseFiles(dialog.locator('input[name=importFile]'), xlsx('帮扶台账.xlsx', await bytesOf(book)));
      await expect
        .poll(() => dialog.getByTestId('import-counts').textContent())
        .toBe('共 3 行：新增 0 行，更新 0 行，已有 2 行，暂不导入 1 行（0 行有提醒）');
      expect(await dialog.getByRole('button', { name: '没有可导入的行' }).isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: '取消' }).click();

      await page.getByTestId('ledger').getByRole('searchbox').fill('考核');
      await expect
        .poll(() => page.getByTestId('ledger').getByRole('status').textContent())
        .toBe('共 1 条活动记录');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^活动台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const exported = new ExcelJS.Workbook();
      await exported.xlsx.readFile(await download.path());
      const sheet = exported.worksheets[0]!;
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(1).value).toBe('考核结果研讨会');
    });
  }, 120_000);

  it('takes the agreement the list brings when the import dialog opened before the list arrived', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = await seed(bridge);
      const { rows } = await call('agreements.list', {});
      // The list is held back until the dialog is open, as on a busy machine.
      const release = await holdAnswers(page, 'agreements.list');
      await page.getByRole('button', { name: '活动台账' }).click();
      await page.getByRole('button', { name: '导入 Excel' }).click();
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入活动台账' });
      expect(await dialog.locator('input[name=importFile]').isDisabled()).toBe(true);
      release();
      await expect.poll(() => dialog.getByLabel('导入到协议').inputValue()).toBe(rows[0]!.id);
      expect(await dialog.locator('input[name=importFile]').isEnabled()).toBe(true);
    });
  }, 120_000);

  it('pages through a ledger longer than one page of the preview and fixes a cell on the second page', async () => {
    await inBridge(browser, async (bridge, page) => {
      await firstRun(page);
      const call = await seed(bridge);
      await page.getByRole('button', { name: '活动台账' }).click();
      await page.getByRole('button', { name: '导入 Excel' }).click();
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入活动台账' });
      const book = new ExcelJS.Workbook();
      const rows: Cell[][] = Array.from({ length: 1200 }, (_, i) => [
        `送教培训第${i + 1}期`,
        '培训',
        `2023-05-${String(1 + (i % 28)).padStart(2, '0')}`,
        10,
      ]);
      addSheet(book, '台账', { header: [['活动名称', '活动类型', '日期', '参训教师']], rows });
      await chooseFiles(dialog.locator('input[name=importFile]'), {
        name: '帮扶台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await bytesOf(book),
      });
      const pages = dialog.getByTestId('import-pages');
      await expect.poll(() => pages.textContent()).toContain('第 1–1000 行，共 1200 行（有问题的在前）');
      await pages.getByRole('button', { name: '下一页' }).click();
      await expect.poll(() => pages.textContent()).toContain('第 1001–1200 行，共 1200 行');
      // The header is row 1, so the 1,200th activity is row 1201.
      const name = '修改：台账 第 1201 行 活动名称';
      await dialog.getByRole('button', { name }).click();
      await dialog.getByLabel(name).fill('送教培训（结业）');
      await dialog.getByLabel(name).press('Enter');
      await expect.poll(() => dialog.getByRole('button', { name }).textContent()).toBe('送教培训（结业）');
      expect(await pages.textContent()).toContain('第 1001–1200 行');
      await dialog.getByRole('button', { name: '导入 1200 行' }).click();
      await expect
        .poll(() => page.getByText('导入完成：新增 1200 条，更新 0 条，已有 0 条，暂不导入 0 条').isVisible())
        .toBe(true);
      const fixed = await call('activities.list', { query: '结业' });
      expect(fixed.rows.map((a) => a.title)).toEqual(['送教培训（结业）']);
    });
  }, 180_000);
});
