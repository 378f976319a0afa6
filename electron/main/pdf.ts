import type { BrowserWindow } from 'electron';
import type { ReportPrinter } from '../../db/reports/printer';
import { AppFailure } from '../shared/errors';
import {
  PRINT_READY_SELECTOR,
  PRINT_READY_TIMEOUT_MS,
  PRINT_TIMEOUT_MESSAGE,
  printFragment,
} from '../shared/print';
import { APP_ORIGIN } from './security';

type PrintWindow = Pick<BrowserWindow, 'loadURL' | 'destroy'> & {
  webContents: Pick<BrowserWindow['webContents'], 'executeJavaScript' | 'printToPDF'>;
};

/**
 * Prints a print view (a report, a monthly plan) in a hidden window made by `openWindow` (the main
 * window's own options, so the same sandbox and isolation), so the PDF is what the print preview shows:
 * A4, page numbers, the 汇总表 on landscape pages.
 */
export const electronPrinter = (openWindow: () => PrintWindow): ReportPrinter => ({
  async print(target) {
    const win = openWindow();
    try {
      await win.loadURL(`${APP_ORIGIN}/index.html${printFragment(target)}`);
      const started = Date.now();
      const ready = `document.querySelector(${JSON.stringify(PRINT_READY_SELECTOR)}) !== null`;
      while (!(await win.webContents.executeJavaScript(ready))) {
        if (Date.now() - started > PRINT_READY_TIMEOUT_MS)
          throw new AppFailure('INTERNAL', PRINT_TIMEOUT_MESSAGE);
        await new Promise((r) => setTimeout(r, 100));
      }
      return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    } finally {
      win.destroy();
    }
  },
});
