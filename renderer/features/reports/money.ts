// Amounts as leaders read them: large ones in 万元 ("2,500 万元", not 25000000), small ones in 元. In English
// the same amounts read in yuan, large ones in millions ("25 million yuan"), so no Chinese unit is left.

const grouped = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const english = (locale: string) => locale === 'en';

/** 25,000,000 → "2,500 万元"; 210,000 → "21 万元"; 3,500 → "3,500 元" (English: "25 million yuan", "210,000 yuan"). */
export const moneyText = (yuan: number, locale = 'zh-CN'): string => {
  if (english(locale))
    return Math.abs(yuan) >= 1_000_000
      ? `${grouped(yuan / 1_000_000, 2)} million yuan`
      : `${grouped(yuan, 2)} yuan`;
  return Math.abs(yuan) >= 10_000 ? `${grouped(yuan / 10_000, 2)} 万元` : `${grouped(yuan, 2)} 元`;
};

/** The scale an axis reaching `max` counts in: 万 (English: thousands) from 10,000 元 on, so ticks share a unit. */
const scaleOf = (max: number, locale: string) => (max >= 10_000 ? (english(locale) ? 1_000 : 10_000) : 1);

/** An axis tick in the axis's one unit; the unit itself is named once, in the axis label. */
export const moneyTick =
  (max: number, locale = 'zh-CN') =>
  (yuan: number): string => {
    const scale = scaleOf(max, locale);
    return grouped(yuan / scale, scale === 1 ? 0 : 1);
  };

export const moneyUnit = (max: number, locale = 'zh-CN'): string => {
  const big = scaleOf(max, locale) > 1;
  if (english(locale)) return big ? 'thousand yuan' : 'yuan';
  return big ? '万元' : '元';
};
