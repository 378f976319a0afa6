// Numbers as people type and paste them: "313人", "1,000", "２５", "2500万元", "95%", "第一期". One reading
// for both sides: the form shows what it understood, and the API accepts exactly what the form accepted.
// No zod here, so the renderer may import this module's values.

/** What a number field holds, for how it is read back to the person. */
export type NumberKind = 'count' | 'decimal' | 'yuan' | 'percent';

export type NumberReading =
  | { state: 'empty' }
  | { state: 'invalid' }
  /** `percentOf`: a fraction typed where a percentage is asked (0.95), to be confirmed as 95. */
  | { state: 'number'; value: number; percentOf?: number };

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 三千 → 3000, 一万二千 → 12000; null when not a Chinese numeral.
 * `digits`: a run without 十/百/千 is read digit by digit, as years are written (二〇二三 → 2023); otherwise
 * such a run of more than one digit (一二) is not a number.
 */
export const chineseNumeral = (s: string, { digits = false }: { digits?: boolean } = {}): number | null => {
  if (!s || ![...s].every((c) => c in DIGITS || c in UNITS || c === '万')) return null;
  if (!/[十百千万]/.test(s))
    return digits || s.length === 1 ? Number([...s].map((c) => DIGITS[c]).join('')) : null;
  const below = (part: string): number | null => {
    let total = 0;
    let digit: number | null = null;
    for (const ch of part) {
      if (ch in DIGITS) {
        if (digit !== null && digit !== 0) return null;
        digit = DIGITS[ch]!;
      } else {
        total += (digit ?? 1) * UNITS[ch]!;
        digit = null;
      }
    }
    return total + (digit ?? 0);
  };
  const [high, low, more] = s.split('万');
  if (more !== undefined) return null;
  if (low === undefined) return below(high!);
  const h = below(high!);
  const l = low === '' ? 0 : below(low);
  return h === null || l === null ? null : h * 10_000 + l;
};

const MULTIPLIERS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
// After the number: a multiplier (万, 亿), then at most a unit word without digits (人, 人次, 元, 期, 天…).
const ARABIC = /^(-?\d+(?:\.\d+)?)(万|亿)?(%|[\p{Script=Han}]{0,4})$/u;
const HAN = /^([零〇一二两三四五六七八九十百千]+)(万|亿)?([\p{Script=Han}]{0,4})$/u;

const round = (n: number) => Number(n.toPrecision(15));

export const readNumber = (text: string, kind: NumberKind = 'decimal'): NumberReading => {
  // NFKC turns full-width digits, commas, points and percent signs (２５，１００％) into ASCII.
  const s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^第/, '')
    .replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  if (s === '') return { state: 'empty' };
  const arabic = ARABIC.exec(s);
  const han = arabic ? null : HAN.exec(s);
  const base = arabic ? Number(arabic[1]) : han ? chineseNumeral(han[1]!) : null;
  if (base === null || !Number.isFinite(base)) return { state: 'invalid' };
  const multiplier = (arabic ?? han)![2];
  const value = round(multiplier ? base * MULTIPLIERS[multiplier]! : base);
  const suffix = (arabic ?? han)![3];
  if (kind === 'percent' && suffix !== '%' && value > 0 && value < 1)
    return { state: 'number', value, percentOf: round(value * 100) };
  return { state: 'number', value };
};

const grouped = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * What the field understood, shown under it: "= 25,000,000 元（2500 万元）" for an amount, "= 313" when the
 * text was more than the number; null when the text already says it plainly.
 */
export const numberEcho = (text: string, kind: NumberKind): string | null => {
  const r = readNumber(text, kind);
  if (r.state !== 'number') return null;
  if (kind === 'yuan')
    return r.value >= 10_000
      ? `= ${grouped(r.value)} 元（${round(r.value / 10_000)} 万元）`
      : text.trim() === String(r.value)
        ? null
        : `= ${grouped(r.value)} 元`;
  return text.trim() === String(r.value) ? null : `= ${grouped(r.value)}${kind === 'percent' ? '%' : ''}`;
};
