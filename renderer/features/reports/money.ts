// Amounts as leaders read them: large ones in 万元 ("2,500 万元", not 25000000), small ones in 元.

const grouped = (n: number, digits: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: digits });

/** 25,000,000 → "2,500 万元"; 210,000 → "21 万元"; 3,500 → "3,500 元". */
export const moneyText = (yuan: number): string =>
  Math.abs(yuan) >= 10_000 ? `${grouped(yuan / 10_000, 2)} 万元` : `${grouped(yuan, 2)} 元`;

/**
 * An axis tick: in 万 when the axis reaches 10,000 元, so every tick of one axis has the same unit; the unit
 * itself is named once, in the axis label.
 */
export const moneyTick =
  (max: number) =>
  (yuan: number): string =>
    max >= 10_000 ? grouped(yuan / 10_000, 1) : grouped(yuan, 0);

export const moneyUnit = (max: number): string => (max >= 10_000 ? '万元' : '元');
