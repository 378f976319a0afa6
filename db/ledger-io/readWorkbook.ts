import ExcelJS from 'exceljs';
import { AppFailure } from '../../electron/shared/errors';
import { MAX_IMPORT_ROWS } from '../../electron/shared/schemas/ledgerImport';
import { cellText } from './cells';
import { checkWorkbookZip, NOT_A_WORKBOOK } from './zipGuard';

export interface SheetText {
  sheets: string[];
  sheet: string;
  /** Every row as the text of its cells (index 0 is column A); rows[0] is Excel's row 1. */
  rows: string[][];
}

/** Title rows, notes and totals around a table: the header is looked for this far down. */
export const HEADER_SEARCH_ROWS = 10;

/** Opens the workbook (after the zip check) and reads one sheet as text: the named one, else the first with data. */
export const readSheet = async (bytes: Buffer, sheetName?: string): Promise<SheetText> => {
  await checkWorkbookZip(bytes);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppFailure('VALIDATION', NOT_A_WORKBOOK, { file: NOT_A_WORKBOOK });
  }
  const sheets = book.worksheets.map((w) => w.name);
  const ws = sheetName
    ? book.getWorksheet(sheetName)
    : (book.worksheets.find((w) => w.actualRowCount > 0) ?? book.worksheets[0]);
  if (!ws) {
    const message = sheetName ? `找不到工作表“${sheetName}”` : '工作簿中没有工作表';
    throw new AppFailure('VALIDATION', message, { sheet: message });
  }
  if (ws.actualRowCount > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
    const message = `工作表“${ws.name}”超过 ${MAX_IMPORT_ROWS} 行，请分批导入（例如每年一个文件）`;
    throw new AppFailure('VALIDATION', message, { file: message });
  }
  const width = ws.columnCount;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value));
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= Array.from({ length: width }, () => '');
  return { sheets, sheet: ws.name, rows };
};
