import { BrowserWindow } from 'electron';
import type { ReportPrinter } from '../../db/reports/printer';
import { PRINT_READY_SELECTOR, printFragment } from '../shared/print';
import { APP_ORIGIN } from './security';
import { buildWindowOptions } from './window';

const READY_TIMEOUT_MS = 30_000;

/**
 * Prints a report's print view in a hidden window with the main window's own security settings, so the
 * PDF is exactly what the print preview shows (A4, page numbers, the 汇总表 on landscape pages).
 */
export const electronPrinter = (preloadPath: string): ReportPrinter => ({
  async print(target) {
    const win = new BrowserWindow({ ...buildWindowOptions(preloadPath), show: false });
    try {
      await win.loadURL(`${APP_ORIGIN}/index.html${printFragment(target)}`);
      const started = Date.now();
      const ready = `document.querySelector(${JSON.stringify(PRINT_READY_SELECTOR)}) !== null`;
      while (!(await win.webContents.executeJavaScript(ready))) {
        if (Date.now() - started > READY_TIMEOUT_MS) throw new Error('打印视图未能在 30 秒内准备好');
        await new Promise((r) => setTimeout(r, 100));
      }
      return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    } finally {
      win.destroy();
    }
  },
});
