import type { z } from 'zod';
import type { Activity } from '../../electron/shared/schemas/activities';
import {
  IMPORT_FIELDS,
  type ExportFile,
  type ImportField,
  type ledgerExportInput,
} from '../../electron/shared/schemas/ledgerImport';
import { listActivities } from '../repositories/activities';
import type { ServiceContext } from '../services/context';
import { siteOf } from '../services/setup';
import { HEADERS } from './columns';

const PAGE = 500;

const WIDTHS: Partial<Record<ImportField, number>> = {
  title: 40,
  type: 12,
  startDate: 12,
  endDate: 12,
  place: 20,
  department: 16,
  organiser: 16,
  instructors: 20,
  outcome: 40,
  notes: 30,
};

const cell = (a: Activity, f: ImportField): string | number | null => {
  if (f === 'online') return a.online ? '线上' : '线下';
  return a[f];
};

/** The ledger as filtered, searched and sorted on screen, as a workbook with the headers the import reads. */
export const exportLedger = async (
  ctx: ServiceContext,
  filter: z.output<typeof ledgerExportInput>,
  today = new Date(),
): Promise<ExportFile> => {
  siteOf(ctx);
  // Loaded when a workbook is written: exceljs is ≈26 MB in every process that loads the app otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = '帮扶台账';
  const sheet = book.addWorksheet('活动台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...IMPORT_FIELDS.map((f) => ({ header: HEADERS[f][0]!, key: f, width: WIDTHS[f] ?? 10 })),
    { header: '佐证数量', key: 'evidence', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = listActivities(ctx.store.read, { ...filter, limit: PAGE, offset });
    for (const a of page.rows) sheet.addRow([...IMPORT_FIELDS.map((f) => cell(a, f)), a.evidenceCount]);
    rows += page.rows.length;
    if (page.rows.length < PAGE) break;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `活动台账-${day}.xlsx`, dataBase64: bytes.toString('base64'), rows };
};
