import ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;

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
