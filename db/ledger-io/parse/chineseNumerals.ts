// Chinese numerals as offices write them in dates and counts: digit by digit for years (二〇二三), with
// 十 for tens in months and days (十二月二十三日), and small counts (两期, 三百人, 一千二百元).

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
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

/** The value of a run of Chinese numerals, or null when it is not one. */
export const chineseNumber = (run: string): number | null => {
  if (run === '') return null;
  if (![...run].every((c) => c in DIGITS || c in UNITS || c === '万')) return null;
  if (!/[十百千万]/.test(run)) return Number([...run].map((c) => DIGITS[c]).join(''));
  const wan = run.split('万');
  if (wan.length > 2) return null;
  const below = (s: string): number => {
    let total = 0;
    let digit: number | null = null;
    for (const c of s) {
      if (c in DIGITS) digit = DIGITS[c]!;
      else {
        total += (digit ?? 1) * UNITS[c]!;
        digit = null;
      }
    }
    return total + (digit ?? 0);
  };
  return wan.length === 2 ? below(wan[0]!) * 10_000 + below(wan[1]!) : below(run);
};

const RUN = /[〇零○一二两三四五六七八九十百千万]+/g;

/** Every run of Chinese numerals in the text replaced by its Arabic value. */
export const arabicNumerals = (s: string): string =>
  s.replace(RUN, (run, at: number) => {
    // 1.2万 and 3千 keep their unit: the figure reader scales them.
    if (/^[百千万]/.test(run) && /\d/.test(s[at - 1] ?? '')) return run;
    const n = chineseNumber(run);
    return n === null ? run : String(n);
  });
