import { z } from 'zod';
import { LIMITS } from '../limits';
import { readNumber } from '../numberInput';

// Field builders with the Chinese messages people see next to the input. Bounds are deliberate: a 100 kB
// title or a budget of 1e300 is refused here, before anything reaches the store.

export { LIMITS };

export const uuid = (label = '编号') =>
  z.uuid({
    error: (issue) =>
      issue.input === '' || issue.input === undefined ? `请选择${label}` : `${label}格式不正确`,
  });

export const requiredText = (label: string, max: number = LIMITS.name) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

/** Empty input means "not given" and is stored as null. */
export const optionalText = (label: string, max: number = LIMITS.line) =>
  z
    .string({ error: `${label}必须是文本` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `请选择有效的${label}` });

/**
 * Forms send what the person typed; the API accepts numbers or the text a number field accepts ("313人",
 * "1,000", "２５", "2500万"), and explains anything else.
 */
const numeric = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const r = readNumber(v);
      return r.state === 'empty' ? null : r.state === 'number' ? r.value : v;
    },
    z
      .number({ error: `${label}必须是数字` })
      .finite({ error: `${label}必须是数字` })
      .nullable(),
  );

export const optionalYuan = (label: string) =>
  numeric(label)
    .optional()
    .transform((v) => v ?? null)
    .refine((v) => v === null || v >= 0, { error: `${label}不能为负数` })
    .refine((v) => v === null || v <= LIMITS.maxYuan, { error: `${label}超出允许范围` })
    .refine((v) => v === null || Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
      error: `${label}最多保留两位小数（分）`,
    });

export const optionalNumber = (label: string, min: number, max: number) =>
  numeric(label)
    .optional()
    .transform((v) => v ?? null)
    .refine((v) => v === null || v >= min, { error: `${label}不能小于 ${min}` })
    .refine((v) => v === null || v <= max, { error: `${label}不能大于 ${max}` });

export const year = (label = '年份') =>
  numeric(label).pipe(
    z
      .number({ error: `请填写${label}` })
      .int({ error: `${label}必须是整数` })
      .min(1990, { error: `${label}应在 1990 至 2100 之间` })
      .max(2100, { error: `${label}应在 1990 至 2100 之间` }),
  );

/** A year that may be left blank (stored as null). */
export const optionalYear = (label: string) =>
  numeric(label)
    .optional()
    .transform((v) => v ?? null)
    .refine((v) => v === null || Number.isInteger(v), { error: `${label}必须是整数` })
    .refine((v) => v === null || (v >= 1990 && v <= 2100), { error: `${label}应在 1990 至 2100 之间` });

const calendarDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

// Every record of a bundle and every spreadsheet row checks its dates here, and most carry the same few
// dates: building a Date and its ISO text for each was 1–2% of an import. The verdict of a string never
// changes, so the last few thousand are kept.
const dateVerdicts = new Map<string, boolean>();
const isRealDate = (s: string): boolean => {
  let verdict = dateVerdicts.get(s);
  if (verdict === undefined) {
    verdict = calendarDate(s);
    if (dateVerdicts.size >= 4096) dateVerdicts.clear();
    dateVerdicts.set(s, verdict);
  }
  return verdict;
};

export const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isRealDate, { error: `${label}不是有效日期` });

export const optionalDate = (label: string) =>
  z
    .union([z.literal(''), z.null(), date(label)])
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** 'YYYY' or 'YYYY-MM': agreements run "2021—2025" or "2018-09 至 2020-02". */
export const yearOrMonth = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^(199\d|20\d\d|2100)(-(0[1-9]|1[0-2]))?$/, { error: `${label}格式应为 YYYY 或 YYYY-MM` });

export const phone = (label = '电话') =>
  z
    .string({ error: `${label}必须是文本` })
    .trim()
    .max(30, { error: `${label}不能超过 30 个字符` })
    .regex(/^[0-9+\-() ]*$/, { error: `${label}只能包含数字、空格、+、- 和括号` })
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Compares 'YYYY' / 'YYYY-MM' / 'YYYY-MM-DD' by the precision both share. */
export const notBefore = (start: string, end: string): boolean => {
  const n = Math.min(start.length, end.length);
  return end.slice(0, n) >= start.slice(0, n);
};

export const idInput = z.strictObject({ id: uuid() });

export const list = <T extends z.ZodType>(item: T, label: string, max: number = LIMITS.list) =>
  z.array(item, { error: `${label}格式不正确` }).max(max, { error: `${label}不能超过 ${max} 项` });
