import type { CellValue } from 'exceljs';
import { ACTIVITY_TYPES, type ActivityType } from '../../electron/shared/domain';

// What spreadsheet cells hold, as the activity schema wants it. Schools type dates, counts and kinds in
// many ways (2023.12.14, 2023年12月14日至18日, 50人, 95%, 培训班); anything not understood is passed on
// as typed, so the schema's own Chinese message names the cell.

const FULL_WIDTH = /[０-９．－／：]/g;
const halfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A cell as the text a person sees: rich text joined, a formula's result, a date cell as YYYY-MM-DD. */
export const cellText = (v: CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDay(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result as CellValue);
  if ('text' in v) return String(v.text).trim();
  return '';
};

const pad = (n: string | number) => String(n).padStart(2, '0');

const realDay = (y: number, m: number, d: number): string | null => {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDay(date) === s ? s : null;
};

// Excel's serial day 25569 is 1970-01-01; dates typed as plain numbers arrive this way.
const fromSerial = (n: number) => isoDay(new Date(Math.round((n - 25569) * 86_400_000)));

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const DAY = /^(\d{1,2})\s*日?$/;
const RANGE = /^(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*(?:至|到|~|～|—|–|-)\s*(.+)$/;

const oneDay = (s: string): string | null => {
  const m = FULL.exec(s);
  return m ? realDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
};

/**
 * A date or a date range from one cell: "2023-12-14", "2023.12.14-18", "2023年12月14日至12月18日",
 * "2023/12/14~2023/12/18", an Excel serial number. Null when it is none of these.
 */
export const parseDateRange = (text: string): { start: string; end: string | null } | null => {
  const s = halfWidth(text).trim();
  if (s === '') return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) return { start: fromSerial(Number(s)), end: null };
  const single = oneDay(s);
  if (single) return { start: single, end: null };
  const r = RANGE.exec(s);
  if (!r) return null;
  const start = oneDay(r[1]!);
  if (!start) return null;
  const [y, m] = start.split('-').map(Number) as [number, number];
  const rest = r[2]!.trim();
  const md = MONTH_DAY.exec(rest);
  const d = DAY.exec(rest);
  // "12月30日至1月2日": a month-day end before the start is in the next year.
  const inYear = (year: number) => (md ? realDay(year, Number(md[1]), Number(md[2])) : null);
  const sameYear = inYear(y);
  const monthDay = sameYear !== null && sameYear < start ? inYear(y + 1) : sameYear;
  const end = oneDay(rest) ?? monthDay ?? (d ? realDay(y, m, Number(d[1])) : null);
  return end ? { start, end } : null;
};

/** "50", "50人", "1,200", "95%", "2.1万" → a number; other text comes back unchanged for the schema to name. */
export const parseNumber = (text: string): number | string | null => {
  const s = halfWidth(text).replace(/[,，\s]/g, '');
  if (s === '') return null;
  const m = /^(-?\d+(?:\.\d+)?)(万)?[^\d]*$/.exec(s);
  if (!m) return text;
  const n = Number(m[1]) * (m[2] ? 10_000 : 1);
  return Math.round(n * 100) / 100;
};

// Checked in order: the first term a cell contains decides (技能竞赛 before 培训, 送教 before 讲座…).
const TYPE_WORDS: [string, ActivityType][] = [
  ['招生', '招生与学历提升'],
  ['学历', '招生与学历提升'],
  ['竞赛', '技能竞赛指导'],
  ['大赛', '技能竞赛指导'],
  ['支教', '实习支教'],
  ['实习', '实习支教'],
  ['跟岗', '跟岗学习'],
  ['挂职', '挂职'],
  ['送教', '送教讲座'],
  ['讲座', '送教讲座'],
  ['培训', '培训'],
  ['调研', '调研对接'],
  ['对接', '调研对接'],
  ['考察', '调研对接'],
  ['会议', '会议'],
  ['研讨', '会议'],
  ['座谈', '会议'],
  ['捐', '捐赠'],
  ['志愿', '志愿服务'],
  ['签约', '签约'],
  ['签订', '签约'],
];

/** The activity type a cell names, or null when it names none. */
export const parseType = (text: string): ActivityType | null => {
  const s = text.replace(/\s/g, '');
  if ((ACTIVITY_TYPES as readonly string[]).includes(s)) return s as ActivityType;
  return TYPE_WORDS.find(([word]) => s.includes(word))?.[1] ?? null;
};

/** 线上 / 线下 and the ways spreadsheets say them; null when the cell says something else. */
export const parseOnline = (text: string): boolean | null => {
  const s = text.replace(/\s/g, '').toLowerCase();
  if (['线上', '网络', '在线', '线上直播', 'online', '是', 'true', '√', 'y', 'yes'].includes(s)) return true;
  if (['', '线下', '现场', '面授', 'offline', '否', 'false', '×', 'n', 'no'].includes(s)) return false;
  return null;
};
