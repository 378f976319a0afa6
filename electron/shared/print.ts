// How a printer (Electron's printToPDF, or Chromium through the bridge) reaches a report's print view
// without clicking through the app, and knows when the paper is ready. No zod here: the renderer imports it.

/** The address fragment that opens the app straight on a report's print view. */
export const printFragment = (reportId: string): string => `#print=${reportId}`;

/** The report id in a print fragment, or null. */
export const reportFromFragment = (hash: string): string | null => {
  const m = /^#print=([0-9a-f-]{36})$/i.exec(hash);
  return m ? m[1]! : null;
};

/** Present once the print view has its report and its fonts: printing earlier would miss text. */
export const PRINT_READY_SELECTOR = '[data-testid="report-print"][data-ready="true"]';
