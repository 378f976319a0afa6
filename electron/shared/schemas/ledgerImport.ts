import { z } from 'zod';
import { activityListInput } from './activities';
import { uuid } from './common';

/** Activity fields a spreadsheet column can fill, in the order the mapping lists them. */
export const IMPORT_FIELDS = [
  'title',
  'type',
  'startDate',
  'endDate',
  'place',
  'online',
  'platform',
  'department',
  'organiser',
  'beneficiarySchools',
  'teachers',
  'students',
  'cadres',
  'instructors',
  'instructorCount',
  'lectures',
  'hours',
  'days',
  'satisfactionPct',
  'certificates',
  'amountYuan',
  'outcome',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Largest workbook accepted; a school's 台账 is a few hundred KB. */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
/** Data rows one import may hold; larger ledgers are imported a year at a time. */
export const MAX_IMPORT_ROWS = 5000;

const mapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(1000).nullable());

const fileShape = {
  agreementId: uuid('协议'),
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .max(255)
    .refine((n) => /\.xlsx$/i.test(n), { error: '请选择 .xlsx 格式的 Excel 文件' }),
  dataBase64: z
    .string({ error: '缺少文件内容' })
    .max(Math.ceil((MAX_WORKBOOK_BYTES * 4) / 3) + 1024, { error: '文件过大：Excel 文件不能超过 20 MB' }),
  sheet: z.string().max(100).optional(),
};

export const importPreviewInput = z.strictObject({ ...fileShape, mapping: mapping.optional() });
export const importCommitInput = z.strictObject({ ...fileShape, mapping });

export const importRow = z.strictObject({
  /** The row's number in Excel (1-based), as the user sees it. */
  row: z.number(),
  values: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()),
  errors: z.array(z.strictObject({ field: z.string(), message: z.string() })),
  status: z.enum(['ok', 'error', 'duplicate']),
});

export const importPreview = z.strictObject({
  sheets: z.array(z.string()),
  sheet: z.string(),
  headerRow: z.number(),
  headers: z.array(z.string()),
  mapping: z.record(z.enum(IMPORT_FIELDS), z.number().nullable()),
  rows: z.array(importRow),
  counts: z.strictObject({
    total: z.number(),
    valid: z.number(),
    errors: z.number(),
    duplicates: z.number(),
  }),
});

export const importResult = z.strictObject({
  imported: z.number(),
  duplicates: z.number(),
  errors: z.number(),
});

export const ledgerExportInput = activityListInput.omit({ limit: true, offset: true });

export const exportFile = z.strictObject({ fileName: z.string(), dataBase64: z.string(), rows: z.number() });

export type ImportPreview = z.output<typeof importPreview>;
export type ImportRow = z.output<typeof importRow>;
export type ImportResult = z.output<typeof importResult>;
export type ExportFile = z.output<typeof exportFile>;
