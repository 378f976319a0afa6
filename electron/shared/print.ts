// How a printer (Electron's printToPDF, or Chromium through the bridge) reaches a print view without
// clicking through the app, and knows when the paper is ready. No zod here: the renderer imports it.

export type PrintTarget =
  { kind: 'report'; id: string } | { kind: 'plan'; agreementId: string; month: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The address fragment that opens the app straight on a print view. */
export const printFragment = (target: PrintTarget): string =>
  target.kind === 'report' ? `#print=${target.id}` : `#plan=${target.agreementId}:${target.month}`;

/** The print view a fragment names, or null. */
export const printTargetOf = (hash: string): PrintTarget | null => {
  const report = new RegExp(`^#print=(${UUID})$`, 'i').exec(hash);
  if (report) return { kind: 'report', id: report[1]! };
  const plan = new RegExp(`^#plan=(${UUID}):(\\d{4}-\\d{2})$`, 'i').exec(hash);
  return plan ? { kind: 'plan', agreementId: plan[1]!, month: plan[2]! } : null;
};

/** Present once a print view has its data and its fonts: printing earlier would miss text. */
export const PRINT_READY_SELECTOR = '[data-print-ready="true"]';

/**
 * How long a printer waits for the print view. The first PDF after start also starts the printing browser
 * and loads the app and its fonts, which takes tens of seconds on a busy office PC: the wait allows for it.
 */
export const PRINT_READY_TIMEOUT_MS = 120_000;

/** What a person is told when the print view never became ready: what happened, and what to try. */
export const PRINT_TIMEOUT_MESSAGE =
  '生成 PDF 时，报告的打印视图在 2 分钟内没有准备好（电脑较忙或报告很长）。报告本身没有问题：请稍后再点「导出 PDF」，或打开「打印预览」，选择「打印 / 存为 PDF」。';
