/**
 * Turns a report's print view into PDF bytes. Electron prints its own hidden window (printToPDF); the
 * bridge prints with Chromium (page.pdf). Both print the same view with the same print stylesheet.
 */
export interface ReportPrinter {
  printReport(reportId: string): Promise<Uint8Array>;
}
