import type { PrintTarget } from '../../electron/shared/print';

/**
 * Turns a print view (a report, a monthly plan) into PDF bytes. Electron prints a hidden window of its
 * own (printToPDF); the bridge prints with Chromium (page.pdf). Both print the view the print preview
 * shows, with the same print stylesheet.
 */
export interface ReportPrinter {
  print(target: PrintTarget): Promise<Uint8Array>;
}
