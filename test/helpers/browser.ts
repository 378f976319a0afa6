import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBridge, type Bridge } from '../../scripts/serve';

export { launchChromium } from '../../scripts/chromium';

/** A fresh data folder behind a fresh bridge, one page on it; any uncaught page error fails the test. */
export const inBridge = async (browser: Browser, run: (bridge: Bridge, page: Page) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-e2e-'));
  const bridge = await startBridge({ dataDir: dir, backupAtQuit: false });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    // Date fields and number formats as a user in China sees them.
    locale: 'zh-CN',
  });
  // A control that never appears fails the step within the test's own time, naming the locator.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(bridge.url);
    await run(bridge, page);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The first-run screen, filled in as Jieyang Polytechnic's assistance office (or the department). */
export const firstRun = async (page: Page, mode: 'site' | 'department' = 'site') => {
  if (mode === 'department') {
    await page.getByRole('radio', { name: '教育主管部门' }).check();
    await page.getByLabel('站点名称').fill('广东省教育厅职成处');
    await page.getByLabel('机构名称').fill('广东省教育厅');
    await page.getByLabel('机构类型').selectOption('政府部门');
  } else {
    await page.getByLabel('站点名称').fill('揭阳职院帮扶办');
    await page.getByLabel('机构名称').fill('揭阳职业技术学院');
    await page.getByLabel('机构类型').selectOption('高职院校');
  }
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect.poll(() => page.getByRole('heading', { name: '帮扶协议' }).isVisible()).toBe(true);
};

/** Types into an institution picker and chooses the named option, as a person would. */
export const pick = async (scope: Page | Locator, label: string, typed: string, option: string) => {
  await scope.getByRole('combobox', { name: label }).fill(typed);
  await scope.getByRole('option', { name: option }).click();
};

/**
 * Chooses files as a person would: only once the file input is enabled. Playwright sets files on a
 * disabled input too, which no person can do (the import's input waits for the agreement list).
 */
export const chooseFiles = async (input: Locator, files: Parameters<Locator['setInputFiles']>[0]) => {
  await expect.poll(() => input.isEnabled()).toBe(true);
  await input.setInputFiles(files);
};

/**
 * Holds back the page's calls of one API method, as a busy machine would, until the returned release is
 * called: what the screen does while an answer is on its way.
 */
export const holdAnswers = async (page: Page, method: string): Promise<() => void> => {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/invoke', async (route) => {
    if ((route.request().postDataJSON() as { method: string }).method === method) await held;
    await route.continue();
  });
  return release;
};
