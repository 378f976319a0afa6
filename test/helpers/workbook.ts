import ExcelJS from 'exceljs';

export type Cell = ExcelJS.CellValue;

export const LEDGER_HEADERS = [
  '序号',
  '活动名称',
  '活动类型',
  '活动时间',
  '地点',
  '负责部门',
  '参训教师',
  '学时',
  '满意度',
  '备注',
];

/** A ledger as schools keep it: a merged title row above the headers, then one activity per row. */
export const workbook = async (rows: Cell[][], headers = LEDGER_HEADERS): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2023年台账');
  sheet.addRow(['揭阳职业技术学院 2023 年对口帮扶工作台账']);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow(headers);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  return Buffer.from(await book.xlsx.writeBuffer());
};

/** Adds a sheet laid out as offices do: title lines, a header of one or two rows, then the rows. */
export const addSheet = (
  book: ExcelJS.Workbook,
  name: string,
  layout: { title?: string[]; header: Cell[][]; rows: Cell[][]; merges?: string[]; hidden?: boolean },
): ExcelJS.Worksheet => {
  const sheet = book.addWorksheet(name, layout.hidden ? { state: 'hidden' } : {});
  for (const line of layout.title ?? []) sheet.addRow([line]);
  for (const r of [...layout.header, ...layout.rows]) sheet.addRow(r);
  for (const m of layout.merges ?? []) sheet.mergeCells(m);
  return sheet;
};

export const bytesOf = async (book: ExcelJS.Workbook): Promise<Buffer> =>
  Buffer.from(await book.xlsx.writeBuffer());
