import type { Browser } from 'playwright-core';
import type { ReportPrinter } from '../db/reports/printer';
import { AppFailure } from '../electron/shared/errors';
import {
  PRINT_READY_SELECTOR,
  PRINT_READY_TIMEOUT_MS,
  PRINT_TIMEOUT_MESSAGE,
  printFragment,
} from '../electron/shared/print';
import { CHROMIUM_PATH, launchChromium } from './chromium';

/**
 * The bridge's printer: headless Chromium opens the report's print view through the bridge itself (with
 * the session cookie) and prints it with page.pdf. The browser starts on the first PDF and is reused.
 */
export const chromiumPrinter = (origin: string, cookie: { name: string; value: string }) => {
  let browser: Promise<Browser> | null = null;
  const start = () =>
    (browser ??= launchChromium().catch(() => {
      browser = null;
      throw new AppFailure(
        'UNSUPPORTED',
        `找不到可生成 PDF 的 Chromium（${CHROMIUM_PATH}）：请在「打印预览」中选择「打印 / 存为 PDF」`,
      );
    }));
  const printer: ReportPrinter & { close(): Promise<void> } = {
    async print(target) {
      const context = await (await start()).newContext();
      try {
        await context.addCookies([{ ...cookie, url: origin }]);
        const page = await context.newPage();
        await page.goto(`${origin}/${printFragment(target)}`, { timeout: PRINT_READY_TIMEOUT_MS });
        await page
          .waitForSelector(PRINT_READY_SELECTOR, { timeout: PRINT_READY_TIMEOUT_MS })
          .catch((e: Error) => {
            throw e.name === 'TimeoutError' ? new AppFailure('INTERNAL', PRINT_TIMEOUT_MESSAGE) : e;
          });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
  return printer;
};
