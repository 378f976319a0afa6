import type { z } from 'zod';
import type { ActivityType } from '../../electron/shared/domain';
import { activityInput } from '../../electron/shared/schemas/activities';
import type { ImportField } from '../../electron/shared/schemas/ledgerImport';
import { MEASURES } from './columns';
import type { GridCell } from './grid';
import { readActivityType, readOnline } from './parse/activityTypes';
import { fromSerial, isDateSerial, readDate } from './parse/dates';
import { readFigure } from './parse/numbers';
import { isPlaceholder } from './parse/text';
import { plainlyParsed } from '../validation/plainlyValid';

// One spreadsheet row turned into what will be written. An optional figure that cannot be read is left
// empty with a warning the person sees; only a missing title or date, or a type that is neither known,
// mapped, nor covered by a default, holds the row back.

export type Parsed = z.output<typeof activityInput>;
export type Value = string | number | boolean | null;
export interface Issue {
  field: string;
  message: string;
}

export interface RowContext {
  agreementId: string;
  year: number | null;
  scales: Partial<Record<ImportField, number>>;
  typeMap: Record<string, ActivityType>;
  defaultType: ActivityType | null;
}

export interface RowReading {
  values: Partial<Record<ImportField, Value>>;
  warnings: Issue[];
  errors: Issue[];
  input: Parsed | null;
  /** The type cell's text when it named no type and no mapping covered it. */
  unknownType: string | null;
}

const REQUIRED = new Set<string>(['title', 'startDate', 'type']);
const LABELS: Partial<Record<ImportField, string>> = { startDate: '日期', endDate: '结束日期' };

const dateText = (cell: GridCell): string =>
  cell.date ?? (cell.number !== undefined && isDateSerial(cell.number) ? fromSerial(cell.number) : cell.text);

/** Reads the row's cells (by field) into values; `cells` holds only the mapped fields. */
export const readRow = (cells: Partial<Record<ImportField, GridCell>>, ctx: RowContext): RowReading => {
  const values: Partial<Record<ImportField, Value>> = {};
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  let unknownType: string | null = null;
  const warn = (field: ImportField, message: string) => warnings.push({ field, message });

  for (const [field, cell] of Object.entries(cells) as [ImportField, GridCell][]) {
    if (cell.uncalculated) {
      const message = '公式没有保存计算结果：请在 Excel 中打开并保存后再导入，或在此填写';
      (REQUIRED.has(field) ? errors : warnings).push({ field, message });
      continue;
    }
    const text = cell.text;
    if (text === '' || isPlaceholder(text)) continue;
    if (field === 'type') {
      const type = ctx.typeMap[text] ?? readActivityType(text);
      if (type) values.type = type;
      else {
        unknownType = text;
        if (ctx.defaultType) {
          values.type = ctx.defaultType;
          warn('type', `活动类型“${text}”未识别，按默认类型“${ctx.defaultType}”导入`);
        } else errors.push({ field, message: `活动类型“${text}”无法识别：请为它选择类型或设定默认类型` });
      }
    } else if (field === 'startDate' || field === 'endDate') {
      const source = dateText(cell);
      const d = readDate(source, ctx.year);
      if (!d.ok) {
        const message =
          d.reason === 'noYear'
            ? `日期“${text}”没有年份，也无法从工作表名、标题或文件名得知`
            : `无法识别的${LABELS[field]}“${text}”（例如 2023-12-14 或 2023年12月14日）`;
        (field === 'startDate' ? errors : warnings).push({ field, message });
        continue;
      }
      values[field] = d.start;
      if (d.monthOnly) warn(field, `“${text}”只有月份，按 ${d.start} 记`);
      // One cell holding "2023.12.14-18" fills the end date too, unless a column of its own does.
      if (field === 'startDate' && d.end && (!cells.endDate || cells.endDate.text === ''))
        values.endDate = d.end;
    } else if (field === 'online') {
      const online = readOnline(text);
      if (online === null) warn(field, `线上/线下应填“线上”或“线下”，不是“${text}”，按线下导入`);
      else values.online = online;
    } else if (MEASURES[field]) {
      // A percentage cell holds 0.98 for 98%.
      const scale = MEASURES[field] === 'percent' && (cell.number ?? 2) <= 1 ? 100 : (ctx.scales[field] ?? 1);
      const f =
        cell.number !== undefined
          ? { ok: true as const, value: Math.round(cell.number * scale * 100) / 100, approx: false }
          : readFigure(text, MEASURES[field], scale);
      if (f.ok) {
        values[field] = f.value;
        if (f.approx) warn(field, `“${text}”是约数，按 ${f.value} 记`);
      } else if (f.reason === 'wrongUnit') warn(field, `“${text}”的单位与本列不符，该项留空`);
      else warn(field, `无法识别“${text}”，该项留空`);
    } else values[field] = text;
  }
  if (!values.title && !errors.some((e) => e.field === 'title'))
    errors.push({ field: 'title', message: '缺少活动名称' });
  if (!values.startDate && !errors.some((e) => e.field === 'startDate'))
    errors.push({ field: 'startDate', message: '缺少日期' });
  if (!values.type && !errors.some((e) => e.field === 'type')) {
    if (ctx.defaultType) values.type = ctx.defaultType;
    else errors.push({ field: 'type', message: '缺少活动类型：请设定默认类型' });
  }
  const input = errors.length > 0 ? null : validate(values, ctx.agreementId, warnings, errors);
  return { values, warnings, errors, input, unknownType };
};

// zod's parse of a 30-field object left ~4 KB of garbage per row that V8 promoted to the old generation,
// most of a 50,000-row preview's peak memory; a row zod plainly accepts gets the same value from the
// compiled walk, and zod is asked only for the rest, so refusals and their messages stay zod's.
const plainly = plainlyParsed(activityInput);

/** The schema's own rules; an optional field it refuses (教师人数 -5, 满意度 120) is dropped with its message. */
const validate = (
  values: RowReading['values'],
  agreementId: string,
  warnings: Issue[],
  errors: Issue[],
): Parsed | null => {
  const plain = plainly?.({ agreementId, details: {}, ...values });
  if (plain) return plain.data;
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = activityInput.safeParse({ agreementId, details: {}, ...values });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'row') as ImportField;
      if (REQUIRED.has(field) || !(field in values)) errors.push({ field, message: issue.message });
      else {
        warnings.push({ field, message: `${issue.message}，该项留空` });
        delete values[field];
      }
    }
    if (errors.length > 0) break;
  }
  return null;
};
