import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBridge, launchChromium } from '../helpers/browser';
import { caller, seedAgreement } from '../helpers/db';
import { solidPng } from '../helpers/images';

// Issue 14, item 4: a coordinator attaches a photo to an activity, picks it for a part of the annual
// report with a caption, and sees "图 1 说明" on screen and in the PDF, with the picture in it.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('report photos, end to end', () => {
  it('a photo attached to an activity is picked for the report, captioned, numbered and printed', async () => {
    await inBridge(browser, async (bridge, page) => {
      const call = caller(bridge.app);
      await call('app.setup', {
        mode: 'site',
        siteName: '揭阳职院帮扶办',
        institution: { name: '揭阳职业技术学院', kind: '高职院校' },
      });
      const { agreement } = await seedAgreement({ call });
      const other = await call('activities.create', {
        agreementId: agreement.id,
        type: '会议',
        title: '2023 年度帮扶工作推进会',
        startDate: '2023-09-05',
      });
      const meetingPhoto = await call('attachments.add', {
        entityTable: 'activities',
        entityId: other.id,
        fileName: '推进会.png',
        dataBase64: solidPng(300, 200, [20, 90, 160]).toString('base64'),
      });
      await call('activities.create', {
        agreementId: agreement.id,
        type: '调研对接',
        title: '创新强校工程规划论证',
        startDate: '2023-06-10',
      });
      await page.reload();

      // The photo is attached through the activity's dialog, as a coordinator does.
      await page.getByRole('button', { name: '活动台账' }).click();
      await page.getByTestId('ledger').getByRole('row').filter({ hasText: '创新强校工程规划论证' }).click();
      const dialog = page.getByRole('dialog', { name: '编辑活动记录' });
      await dialog
        .getByTestId('attachment-input')
        .setInputFiles({ name: '专家签名.png', mimeType: 'image/png', buffer: solidPng(800, 600) });
      await expect.poll(() => dialog.getByRole('img', { name: '专家签名.png' }).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);

      await page.getByRole('button', { name: '工作报告' }).click();
      const reports = page.getByTestId('reports');
      await reports.getByLabel('范围').selectOption({ label: '结对帮扶协议（2021—2025 年）' });
      await reports.getByLabel('年度').fill('2023');
      await reports.getByLabel('报告模板').selectOption('seed001');
      await reports.getByRole('button', { name: '生成报告' }).click();
      const paper = page.getByTestId('report-paper');
      const progress = paper.locator('[data-key=progress]');
      await expect.poll(() => progress.isVisible()).toBe(true);

      // A photo for the problems part first, then the expert signatures for the first part: numbers follow
      // the parts' order, not the order they were added in.
      const addPhoto = async (key: string, file: string, caption: string | null) => {
        await paper.locator(`[data-key=${key}]`).getByRole('button', { name: '添加图片…' }).click();
        const picker = page.getByRole('dialog', { name: /添加图片/ });
        const option = picker.getByRole('option', { name: new RegExp(file) });
        // Its thumbnail is fetched once it is in view.
        await expect.poll(() => option.locator('img').count()).toBe(1);
        await option.click();
        if (caption !== null) await picker.getByLabel('图片说明').fill(caption);
        await picker.getByRole('button', { name: '添加到报告' }).click();
        await expect.poll(() => picker.count()).toBe(0);
      };
      await addPhoto('problems', '推进会.png', null);
      await addPhoto('progress', '专家签名.png', '创新强校论证专家签名');
      await expect
        .poll(() => progress.locator('figcaption').allTextContents())
        .toEqual(['图 1\u3000创新强校论证专家签名']);
      await expect
        .poll(() => progress.getByRole('img', { name: '创新强校论证专家签名' }).isVisible())
        .toBe(true);
      const problems = paper.locator('[data-key=problems]');
      // The caption offered is the file's name; it can be changed in place.
      expect(await problems.locator('figcaption').textContent()).toBe('图 2\u3000推进会');
      await problems.getByRole('button', { name: '修改说明' }).click();
      await problems.getByLabel('图片说明').fill('2023 年度帮扶工作推进会');
      await problems.getByRole('button', { name: '保存说明' }).click();
      await expect
        .poll(() => problems.locator('figcaption').textContent())
        .toBe('图 2\u30002023 年度帮扶工作推进会');

      // The PDF prints both, numbered, with the pictures in it.
      const [pdf] = await Promise.all([
        page.waitForEvent('download', { timeout: 180_000 }),
        reports.getByRole('button', { name: '导出 PDF' }).click(),
      ]);
      const pdfPath = await pdf.path();
      const flat = (s: string) => s.replace(/\s+/g, '');
      const text = flat(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }));
      expect(text).toContain('图1创新强校论证专家签名');
      expect(text).toContain('图22023年度帮扶工作推进会');
      expect(text.indexOf('图1')).toBeLessThan(text.indexOf('二、存在问题与不足'));
      for (const control of ['添加图片', '前移', '移出报告']) expect(text).not.toContain(control);
      const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .slice(2)
        .map((line) => line.trim().split(/\s+/));
      // page num type width height …: the two photos at their own pixel sizes.
      expect(images.map((cols) => `${cols[3]}x${cols[4]}`).sort()).toEqual(['300x200', '800x600']);

      // The meeting's photo is deleted from its activity: the report leaves it out and says so.
      await call('attachments.remove', { id: meetingPhoto.id });
      await reports.getByRole('button', { name: '生成报告' }).click();
      await expect.poll(() => problems.locator('figcaption').count()).toBe(0);
      await expect.poll(() => problems.textContent()).toContain('所用的附件已被删除');
      expect(await progress.locator('figcaption').textContent()).toBe('图 1\u3000创新强校论证专家签名');
      await problems.getByRole('button', { name: '移出报告' }).click();
      await expect.poll(() => problems.textContent()).not.toContain('所用的附件已被删除');
    });
    // The first PDF starts the bridge's printing browser: tens of seconds on a busy machine.
  }, 300_000);
});
