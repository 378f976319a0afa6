import type { ReportDocument } from '../../../electron/shared/schemas/reports';
import type { Book } from '../figures';

// The 汇总表 as a workbook leaders open in Excel: a title row, one header row that repeats on every
// printed page, numbers as numbers, A4 landscape fitted to the page width. A second sheet lists each
// figure of the report with the records it was counted from and what each contributed.

const WIDTHS = [6, 24, 30, 14, 10, 18, 20, 18, 40, 10, 16];
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const renderXlsx = async (doc: ReportDocument, figureBook: Book): Promise<Uint8Array> => {
  // Loaded when a workbook is written: exceljs is ≈26 MB in every process that loads the app otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = doc.institution;
  const sheet = book.addWorksheet('汇总表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, doc.summaryColumns.length);
  const title = sheet.getCell(1, 1);
  title.value = `${doc.year} 年结对帮扶计划实施情况汇总表（${doc.scopeLabel}）`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const header = sheet.addRow(doc.summaryColumns);
  header.font = { bold: true };
  for (const row of doc.summary) sheet.addRow(row.cells);
  sheet.eachRow((row, n) => {
    if (n < 2) return;
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.alignment = {
        vertical: 'top',
        wrapText: true,
        horizontal: typeof c.value === 'number' ? 'center' : 'left',
      };
    });
  });

  const figures = book.addWorksheet('主要数据');
  figures.columns = [
    { header: '指标', width: 30 },
    { header: '数值', width: 12 },
    { header: '单位', width: 8 },
    { header: '来源记录数', width: 12 },
  ];
  figures.getRow(1).font = { bold: true };
  // Each figure, then what each of its records contributed (records that contributed nothing are not sources).
  for (const f of Object.values(figureBook.figures)) {
    figures.addRow([f.label, Number(f.value.toFixed(2)), f.unit, f.sources]).font = { bold: true };
    for (const { ref: r, part } of figureBook.sourcesOf(f.id)) {
      const row = figures.addRow([`\u3000${r.title}${r.date ? `（${r.date}）` : ''}`, part, f.unit]);
      row.outlineLevel = 1;
    }
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
};
