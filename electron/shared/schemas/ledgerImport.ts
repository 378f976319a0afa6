import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain';
import { activityListInput } from './activities';
import { uuid } from './common';
import { ANY_IMPORT_FIELDS, IMPORT_FILE_TYPES } from '../importFields';

export {
  IMPORT_FIELDS,
  IMPORT_FILE_TYPES,
  PREVIEW_ROWS,
  TASK_IMPORT_FIELDS,
  type AnyImportField,
  type ImportField,
  type TaskImportField,
} from '../importFields';

/** Largest file accepted: a 50,000-row ledger is about 3 MB as .xlsx, 10 MB as .csv. */
export const MAX_WORKBOOK_BYTES = 30 * 1024 * 1024;
/** Data rows one import may hold, all sheets together. */
export const MAX_IMPORT_ROWS = 50_000;

const fieldName = z.enum(ANY_IMPORT_FIELDS);
const activityType = z.enum(ACTIVITY_TYPES, { error: '请选择有效的活动类型' });

const fix = z.strictObject({
  sheet: z.string().max(100),
  row: z.number().int().min(1),
  field: fieldName,
  text: z.string().max(5000),
});

const fileShape = {
  agreementId: uuid('协议'),
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .max(255)
    .refine((n) => IMPORT_FILE_TYPES.some((ext) => n.toLowerCase().endsWith(ext)), {
      error: '请选择 Excel（.xlsx、.xls）、WPS（.et）或 CSV 文件',
    }),
  dataBase64: z
    .string({ error: '缺少文件内容' })
    .max(Math.ceil((MAX_WORKBOOK_BYTES * 4) / 3) + 1024, { error: '文件过大：不能超过 30 MB' }),
  /** The sheets to import; by default the best-matching one (and its sibling month sheets). */
  sheets: z.array(z.string().max(100)).max(200).optional(),
  /** Header → field, where the person changed what a column was taken for (null: not imported). */
  columns: z.record(z.string().max(300), fieldName.nullable()).optional(),
  /** A type value the file uses → the activity type it means, for the whole file. */
  typeMap: z.record(z.string().max(300), activityType).optional(),
  /** The type of rows whose type is missing or not understood. */
  defaultType: activityType.nullable().optional(),
  /** Cells corrected in the preview, read instead of the file's text. */
  fixes: z.array(fix).max(5000).optional(),
};

export const importPreviewInput = z.strictObject({
  ...fileShape,
  /** Where the listed rows start, in the preview's order (problems first): paging through every row. */
  rowsFrom: z.number().int().min(0).optional(),
});
export const importCommitInput = z.strictObject({
  ...fileShape,
  /** What the preview promised; the commit refuses if the same reading now says otherwise. */
  expected: z.strictObject({ create: z.number().int(), update: z.number().int() }),
});

const importValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const issue = z.strictObject({ field: z.string(), message: z.string() });

export const IMPORT_STATUSES = ['new', 'update', 'same', 'held'] as const;

export const importRow = z.strictObject({
  sheet: z.string(),
  /** The row's number in its sheet (1-based), as the person sees it. */
  row: z.number(),
  status: z.enum(IMPORT_STATUSES),
  /** What will be written: the parsed values, not the cells' text. */
  values: z.partialRecord(fieldName, importValue),
  /** The cells' text, for correcting one in the preview. */
  raw: z.partialRecord(fieldName, z.string()),
  /** Read with a doubt or left empty: the row imports anyway. */
  warnings: z.array(issue),
  /** Why the row is held back (missing title or date, unknown type without a default). */
  errors: z.array(issue),
});

export const importColumn = z.strictObject({
  header: z.string(),
  field: fieldName.nullable(),
  /** How the column was understood beyond its field: its unit, the year its dates take. */
  note: z.string().nullable(),
});

export const importPreview = z.strictObject({
  layout: z.enum(['activities', 'tasks']),
  /** What the importer recognised the file as, in a sentence. */
  layoutNote: z.string(),
  sheets: z.array(
    z.strictObject({ name: z.string(), chosen: z.boolean(), rows: z.number(), note: z.string().nullable() }),
  ),
  columns: z.array(importColumn),
  unknownTypes: z.array(z.strictObject({ text: z.string(), rows: z.number() })),
  /** Rows that are not activities (totals, signatures, blank, hidden), left out: one line per kind. */
  skipped: z.array(z.string()),
  rows: z.array(importRow),
  /** The place of the first listed row among all rows, in the same order. */
  rowsFrom: z.number(),
  counts: z.strictObject({
    total: z.number(),
    create: z.number(),
    update: z.number(),
    same: z.number(),
    held: z.number(),
    warnings: z.number(),
  }),
});

export const importResult = z.strictObject({
  layout: z.enum(['activities', 'tasks']),
  created: z.number(),
  updated: z.number(),
  same: z.number(),
  held: z.number(),
});

export const ledgerExportInput = activityListInput.omit({ limit: true, offset: true });

export const exportFile = z.strictObject({ fileName: z.string(), dataBase64: z.string(), rows: z.number() });

export type ImportPreview = z.output<typeof importPreview>;
export type ImportRow = z.output<typeof importRow>;
export type ImportResult = z.output<typeof importResult>;
export type ExportFile = z.output<typeof exportFile>;
export type ImportInput = z.output<typeof importPreviewInput>;
