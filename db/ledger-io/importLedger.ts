import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import { activityInput } from '../../electron/shared/schemas/activities';
import {
  IMPORT_FIELDS,
  MAX_IMPORT_ROWS,
  MAX_WORKBOOK_BYTES,
  type ImportField,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type importCommitInput,
  type importPreviewInput,
} from '../../electron/shared/schemas/ledgerImport';
import type { ReadDb } from '../client';
import { existingImportKeys, insertActivity } from '../repositories/activities';
import { agreementRow } from '../repositories/agreements';
import type { ServiceContext } from '../services/context';
import { siteOf } from '../services/setup';
import { parseDateRange, parseNumber, parseOnline, parseType } from './cells';
import { guessMapping, headerScore } from './columns';
import { HEADER_SEARCH_ROWS, readSheet } from './readWorkbook';

type Mapping = Record<ImportField, number | null>;
type FileInput = z.output<typeof importPreviewInput>;
type Parsed = z.output<typeof activityInput>;

const NUMBER_FIELDS = new Set<ImportField>([
  'beneficiarySchools',
  'teachers',
  'students',
  'cadres',
  'instructorCount',
  'lectures',
  'hours',
  'days',
  'satisfactionPct',
  'certificates',
  'amountYuan',
]);

interface AnalysedRow extends ImportRow {
  key: string | null;
  input: Parsed | null;
}

const refuse = (message: string, field = 'file'): never => {
  throw new AppFailure('VALIDATION', message, { [field]: message });
};

/** A row's cells turned into activity input, with the errors of cells that could not be read at all. */
const toInput = (agreementId: string, values: Partial<Record<ImportField, string>>, mapping: Mapping) => {
  const errors: { field: string; message: string }[] = [];
  const raw: Record<string, unknown> = { agreementId, details: {} };
  for (const field of IMPORT_FIELDS) {
    const text = values[field];
    if (text === undefined) continue;
    if (field === 'type') {
      const type = parseType(text);
      if (type) raw.type = type;
      else if (text !== '') errors.push({ field, message: `活动类型“${text}”无法识别` });
    } else if (field === 'startDate' || field === 'endDate') {
      const range = parseDateRange(text);
      if (range) {
        raw[field] = range.start;
        // One cell holding "2023.12.14-18" fills the end date too, unless a column of its own does.
        if (field === 'startDate' && range.end && (mapping.endDate === null || !values.endDate))
          raw.endDate = range.end;
      } else if (text !== '') {
        errors.push({ field, message: `无法识别的日期“${text}”（例如 2023-12-14 或 2023年12月14日）` });
      }
    } else if (field === 'online') {
      const online = parseOnline(text);
      if (online === null) errors.push({ field, message: `线上/线下应填“线上”或“线下”，不是“${text}”` });
      else raw.online = online;
    } else if (NUMBER_FIELDS.has(field)) {
      raw[field] = parseNumber(text);
    } else {
      raw[field] = text;
    }
  }
  const parsed = activityInput.safeParse(raw);
  const own = new Set(errors.map((e) => e.field));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'row');
      if (!own.has(field)) errors.push({ field, message: issue.message });
    }
  }
  return { errors, input: parsed.success && errors.length === 0 ? parsed.data : null };
};

/**
 * What makes a row the same activity: agreement, title, type and start date, however the cells were typed
 * and whichever other columns were mapped. Re-importing a file (or an export) recognises its rows even
 * after the user mapped a column differently; two sessions of one title on one day need distinct titles.
 */
const keyOf = (agreementId: string, input: Parsed): string =>
  createHash('sha256')
    .update(JSON.stringify([agreementId, input.title.replace(/\s+/g, ' '), input.type, input.startDate]))
    .digest('hex');

const completeMapping = (given: FileInput['mapping'], headers: string[]): Mapping => {
  if (!given) return guessMapping(headers, IMPORT_FIELDS);
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, given[f] ?? null])) as Mapping;
  for (const column of Object.values(mapping))
    if (column !== null && column >= headers.length)
      refuse('列对应关系与文件不符：请重新选择文件', 'mapping');
  return mapping;
};

/** Reads, maps and validates every row; writes nothing. Commit runs this again, never trusting a preview. */
const analyse = async (
  db: ReadDb,
  input: FileInput,
): Promise<{ preview: ImportPreview; rows: AnalysedRow[] }> => {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) refuse(`“${input.fileName}”是空文件`);
  if (bytes.length > MAX_WORKBOOK_BYTES) refuse('文件过大：Excel 文件不能超过 20 MB');
  const sheet = await readSheet(bytes, input.sheet);

  const candidates = sheet.rows.slice(0, HEADER_SEARCH_ROWS).map(headerScore);
  const best = Math.max(0, ...candidates);
  if (best < 2) refuse('找不到表头：请确认前 10 行中有“活动名称”“活动类型”“日期”等列名');
  const headerIndex = candidates.indexOf(best);
  const headers = sheet.rows[headerIndex]!;
  const mapping = completeMapping(input.mapping, headers);
  const mapped = IMPORT_FIELDS.filter((f) => mapping[f] !== null);

  const data = sheet.rows
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(headerIndex + 1)
    .filter(({ cells }) => mapped.some((f) => cells[mapping[f]!] !== ''));
  if (data.length > MAX_IMPORT_ROWS) refuse(`超过 ${MAX_IMPORT_ROWS} 行，请分批导入（例如每年一个文件）`);

  const seen = new Set<string>();
  const rows: AnalysedRow[] = data.map(({ cells, row }) => {
    const values = Object.fromEntries(mapped.map((f) => [f, cells[mapping[f]!] ?? ''])) as Partial<
      Record<ImportField, string>
    >;
    const { errors, input: parsed } = toInput(input.agreementId, values, mapping);
    const key = parsed ? keyOf(input.agreementId, parsed) : null;
    const repeated = key !== null && seen.has(key);
    if (key) seen.add(key);
    return {
      row,
      values,
      errors,
      status: errors.length > 0 ? 'error' : repeated ? 'duplicate' : 'ok',
      key,
      input: parsed,
    };
  });
  const stored = existingImportKeys(
    db,
    input.agreementId,
    rows.flatMap((r) => (r.key && r.status === 'ok' ? [r.key] : [])),
  );
  for (const r of rows) if (r.status === 'ok' && stored.has(r.key!)) r.status = 'duplicate';

  const count = (s: ImportRow['status']) => rows.filter((r) => r.status === s).length;
  return {
    rows,
    preview: {
      sheets: sheet.sheets,
      sheet: sheet.sheet,
      headerRow: headerIndex + 1,
      headers,
      mapping,
      rows: rows.map(({ row, values, errors, status }) => ({ row, values, errors, status })),
      counts: {
        total: rows.length,
        valid: count('ok'),
        errors: count('error'),
        duplicates: count('duplicate'),
      },
    },
  };
};

export const previewImport = async (ctx: ServiceContext, input: FileInput): Promise<ImportPreview> => {
  siteOf(ctx);
  agreementRow(ctx.store.read, input.agreementId);
  return (await analyse(ctx.store.read, input)).preview;
};

/** Imports every valid, new row in one transaction: all of them or, on any failure, none. */
export const commitImport = async (
  ctx: ServiceContext,
  input: z.output<typeof importCommitInput>,
): Promise<ImportResult> => {
  const site = siteOf(ctx);
  agreementRow(ctx.store.read, input.agreementId);
  const { rows, preview } = await analyse(ctx.store.read, input);
  const ready = rows.filter((r) => r.status === 'ok');
  return ctx.store.tx((w) => {
    agreementRow(w, input.agreementId);
    // Checked again inside the transaction: another import may have landed since the analysis.
    const stored = existingImportKeys(
      w,
      input.agreementId,
      ready.map((r) => r.key!),
    );
    let imported = 0;
    for (const r of ready) {
      if (stored.has(r.key!)) continue;
      insertActivity(w, site, { ...r.input!, taskId: null, planItemId: null }, r.key);
      imported++;
    }
    return {
      imported,
      duplicates: preview.counts.duplicates + (ready.length - imported),
      errors: preview.counts.errors,
    };
  });
};
