import { arabicNumerals } from './chineseNumerals';
import { halfWidth } from './text';

// Dates as 台账 cells hold them: full (2023年5月10日, 2023.5.10, 20230510), without the year (5月10日,
// 5.10), month only (2023年5月), ranges in any separator and across months and years (2023.12.28-2024.1.3,
// 12月30日至1月2日, 5.10-12), a weekday in brackets, a time of day, Chinese numerals (二〇二三年五月十日).

export type DateReading =
  | {
      ok: true;
      start: string;
      end: string | null;
      /** The cell named a month, not a day: the first of the month is used. */
      monthOnly: boolean;
      /** The cell had no year: the one given by the context was used. */
      yearAssumed: boolean;
    }
  | { ok: false; reason: 'unreadable' | 'noYear' };

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when the day exists (no 2月30日), else null. */
export const realDay = (y: number, m: number, d: number): string | null => {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const s = `${y}-${pad(m)}-${pad(d)}`;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s ? s : null;
};

/** Excel's serial day (25569 is 1970-01-01), as cells typed as numbers or with a custom format hold it. */
export const fromSerial = (n: number): string =>
  new Date(Math.round((n - 25569) * 86_400_000)).toISOString().slice(0, 10);

/** A plausible Excel serial for a ledger date: 1954 to 2119. */
export const isDateSerial = (n: number): boolean => n >= 20_000 && n < 80_000;

interface Part {
  y: number | null;
  m: number | null;
  d: number | null;
}

const S = '\\s*';
const SEP_YMD = `${S}[-/.年]${S}`;
const SEP_MD = `${S}[-/.月]${S}`;
const PATTERNS: [RegExp, (m: RegExpExecArray) => Part][] = [
  [/^(\d{4})(\d{2})(\d{2})(?!\d)/, (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! })],
  [
    new RegExp(`^(\\d{4})${SEP_YMD}(\\d{1,2})${SEP_MD}(\\d{1,2})${S}[日号]?`),
    (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }),
  ],
  [new RegExp(`^(\\d{4})${SEP_YMD}(\\d{1,2})${S}(?:月份?)?`), (m) => ({ y: +m[1]!, m: +m[2]!, d: null })],
  [new RegExp(`^(\\d{1,2})${SEP_MD}(\\d{1,2})${S}[日号]?`), (m) => ({ y: null, m: +m[1]!, d: +m[2]! })],
  [/^(\d{1,2})\s*月份?/, (m) => ({ y: null, m: +m[1]!, d: null })],
  [/^(\d{1,2})\s*[日号]?/, (m) => ({ y: null, m: null, d: +m[1]! })],
];

const readPart = (s: string): { part: Part; rest: string } | null => {
  for (const [re, make] of PATTERNS) {
    const m = re.exec(s);
    if (m) return { part: make(m), rest: s.slice(m[0].length).trim() };
  }
  return null;
};

const RANGE_SEP = /^(?:至|到|~|-{1,2}|—{1,2}|–|－)\s*/;

const clean = (text: string): string =>
  arabicNumerals(halfWidth(text))
    // A weekday or a time of day says nothing the date does not.
    .replace(/[(（[【]\s*(?:星期|周|礼拜)[1-7日天]\s*[)）\]】]/g, '')
    .replace(/(?:星期|周|礼拜)[1-7日天]/g, '')
    .replace(/(?:上午|下午|晚上|全天)/g, '')
    .replace(/\d{1,2}\s*[:：]\s*\d{2}(?:\s*[-~至到]\s*\d{1,2}\s*[:：]\s*\d{2})?/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The date or range a cell names. `year` is the year to use when the cell has none (from the sheet name,
 * the title, the column header or the agreement's period); without it a year-less date is `noYear`.
 */
export const readDate = (text: string, year: number | null): DateReading => {
  const s = clean(text);
  const first = readPart(s);
  if (!first || (first.part.m === null && first.part.y === null)) return { ok: false, reason: 'unreadable' };
  const start = first.part;
  const yearAssumed = start.y === null;
  const y = start.y ?? year;
  if (y === null) return { ok: false, reason: 'noYear' };
  const monthOnly = start.d === null;
  const startDay = realDay(y, start.m!, start.d ?? 1);
  if (!startDay) return { ok: false, reason: 'unreadable' };
  let rest = first.rest;
  if (rest === '') return { ok: true, start: startDay, end: null, monthOnly, yearAssumed };
  const sep = RANGE_SEP.exec(rest);
  if (!sep) return { ok: false, reason: 'unreadable' };
  rest = rest.slice(sep[0].length);
  const second = readPart(rest);
  if (!second || second.rest !== '') return { ok: false, reason: 'unreadable' };
  const e = second.part;
  let endDay: string | null;
  if (monthOnly) {
    // 2023年3月-5月: the range ends on the last day of the end month.
    if (e.m === null || e.d !== null) return { ok: false, reason: 'unreadable' };
    const ey = e.y ?? (e.m < start.m! ? y + 1 : y);
    endDay = new Date(Date.UTC(ey, e.m, 0)).toISOString().slice(0, 10);
  } else if (e.y !== null) {
    endDay = realDay(e.y, e.m!, e.d ?? 1);
  } else if (e.m !== null) {
    // 12月30日至1月2日: an end before the start is in the next year.
    endDay = realDay(y, e.m, e.d ?? 1);
    if (endDay && endDay < startDay) endDay = realDay(y + 1, e.m, e.d ?? 1);
  } else {
    // 5月28日-3日: a day before the start day is in the next month.
    const next = e.d! < start.d!;
    const m = next ? (start.m! % 12) + 1 : start.m!;
    endDay = realDay(next && m === 1 ? y + 1 : y, m, e.d!);
  }
  if (!endDay) return { ok: false, reason: 'unreadable' };
  return { ok: true, start: startDay, end: endDay, monthOnly, yearAssumed };
};

/** The four-digit year a text names (2023年台账, 2023, 二〇二三年), or null. */
export const yearIn = (text: string): number | null => {
  const m = /(?:^|[^\d])((?:19|20)\d{2})(?:年|[^\d]|$)/.exec(arabicNumerals(halfWidth(text)));
  return m ? Number(m[1]) : null;
};
