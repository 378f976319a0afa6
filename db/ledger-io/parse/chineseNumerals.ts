import { chineseNumeral } from '../../../electron/shared/numberInput';

// Chinese numerals as offices write them in dates and counts: digit by digit for years (二〇二三), with
// 十 for tens in months and days (十二月二十三日), and small counts (两期, 三百人, 一千二百元).

const RUN = /[〇零○一二两三四五六七八九十百千万]+/g;

/** Every run of Chinese numerals in the text replaced by its Arabic value. */
export const arabicNumerals = (s: string): string =>
  s.replace(RUN, (run, at: number) => {
    // 1.2万 and 3千 keep their unit: the figure reader scales them.
    if (/^[百千万]/.test(run) && /\d/.test(s[at - 1] ?? '')) return run;
    const n = chineseNumeral(run, { digits: true });
    return n === null ? run : String(n);
  });
