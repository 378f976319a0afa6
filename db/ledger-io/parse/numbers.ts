import { arabicNumerals } from './chineseNumerals';
import { halfWidth } from './text';

// Figures as offices type them: a unit after the number (50人, 3天, 2.5万元), an approximation (约200人,
// 120余人, 近百人), Chinese numerals (两期, 半天), thousands separators and full-width digits.

/** What a column's figures count, so a unit in a cell can be checked against it. */
export type Measure = 'count' | 'hours' | 'days' | 'yuan' | 'percent';

export type FigureReading =
  | { ok: true; value: number; approx: boolean }
  | { ok: false; reason: 'unreadable' | 'wrongUnit'; unit?: string };

const UNITS: Record<Measure, string[]> = {
  count: [
    '人次',
    '人',
    '名',
    '位',
    '个',
    '所',
    '场',
    '次',
    '期',
    '项',
    '批',
    '家',
    '本',
    '份',
    '张',
    '门',
    '节',
    '班',
  ],
  hours: ['小时', '学时', '课时', '个小时', 'h', '时'],
  days: ['天', '日', '个工作日', '工作日'],
  yuan: ['元', '万元', '万'],
  percent: ['%', '％'],
};
const ALL_UNITS = Object.entries(UNITS).flatMap(([m, us]) => us.map((u) => [u, m as Measure] as const));

const BEFORE = /^(?:约|大约|大概|近|将近|接近|超过|逾|多达)/;
const TOTAL = /^(?:共计|共|计|合计|累计)/;
const AFTER = /(?:左右|以上|上下|余|多)$/;

/**
 * The number a cell gives for a column of the given measure, with its unit and approximation removed.
 * `scale` applies the header's unit (金额（万元）: 10,000) to a bare number; a unit in the cell wins.
 */
export const readFigure = (text: string, measure: Measure, scale = 1): FigureReading => {
  let s = halfWidth(text)
    .replace(/[,，\s]/g, '')
    .replace(TOTAL, '');
  let approx = BEFORE.test(s);
  s = arabicNumerals(s.replace(BEFORE, ''))
    .replace(/^半/, '0.5')
    .replace(/^(\d+)(个?(?:天|小时))半$/, '$1.5$2');
  const m = /^(\d+(?:\.\d+)?)(万)?(.*)$/.exec(s);
  if (!m) return { ok: false, reason: 'unreadable' };
  let unit = m[3]!;
  if (/^[余多]/.test(unit)) {
    approx = true;
    unit = unit.slice(1);
  }
  if (AFTER.test(unit)) {
    approx = true;
    unit = unit.replace(AFTER, '');
  }
  let value = Number(m[1]) * (m[2] ? 10_000 : 1);
  if (unit === '' && !m[2]) value *= scale;
  else if (unit !== '') {
    const known = ALL_UNITS.find(([u]) => u === unit);
    if (!known) return { ok: false, reason: 'unreadable' };
    if (known[1] !== measure) return { ok: false, reason: 'wrongUnit', unit };
    if (unit === '万元' || unit === '万') value *= 10_000;
  }
  return { ok: true, value: Math.round(value * 100) / 100, approx };
};
