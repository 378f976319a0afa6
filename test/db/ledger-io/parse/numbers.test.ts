import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../../../electron/shared/numberInput';

const chineseNumber = (run: string) => chineseNumeral(run, { digits: true });
import { readFigure, type Measure } from '../../../../db/ledger-io/parse/numbers';
import { isPlaceholder } from '../../../../db/ledger-io/parse/text';

const read = (text: string, measure: Measure = 'count', scale = 1) => {
  const f = readFigure(text, measure, scale);
  return f.ok ? [f.value, f.approx] : f.reason;
};

describe('reading figures', () => {
  it('reads counts with units, separators, full-width digits and Chinese numerals', () => {
    expect(read('50')).toEqual([50, false]);
    expect(read('50人')).toEqual([50, false]);
    expect(read('1,200 人次')).toEqual([1200, false]);
    expect(read('５０人')).toEqual([50, false]);
    expect(read('两期')).toEqual([2, false]);
    expect(read('三百二十人')).toEqual([320, false]);
    expect(read('共计 45 人')).toEqual([45, false]);
  });

  it('reads approximations as their number, flagged', () => {
    expect(read('约200人')).toEqual([200, true]);
    expect(read('120余人')).toEqual([120, true]);
    expect(read('50多名')).toEqual([50, true]);
    expect(read('近百人')).toEqual([100, true]);
    expect(read('300人左右')).toEqual([300, true]);
  });

  it('reads hours and days with their units and refuses a unit of another kind', () => {
    expect(read('半天', 'days')).toEqual([0.5, false]);
    expect(read('一天半', 'days')).toEqual([1.5, false]);
    expect(read('3天', 'days')).toEqual([3, false]);
    expect(read('2小时', 'hours')).toEqual([2, false]);
    expect(read('16学时', 'hours')).toEqual([16, false]);
    expect(read('3天', 'hours')).toBe('wrongUnit');
    expect(read('若干')).toBe('unreadable');
    expect(read('见附件')).toBe('unreadable');
  });

  it('applies a header’s 万元 to bare numbers only, and 万 in a cell itself', () => {
    expect(read('2.5', 'yuan', 10_000)).toEqual([25_000, false]);
    expect(read('3000元', 'yuan', 10_000)).toEqual([3000, false]);
    expect(read('1.2万', 'yuan')).toEqual([12_000, false]);
    expect(read('1.5万元', 'yuan')).toEqual([15_000, false]);
    expect(read('98%', 'percent')).toEqual([98, false]);
  });

  it('reads Chinese numerals and knows the placeholders for empty', () => {
    expect(chineseNumber('二〇二三')).toBe(2023);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('二十三')).toBe(23);
    expect(chineseNumber('一千二百')).toBe(1200);
    expect(chineseNumber('三万五千')).toBe(35_000);
    expect(chineseNumber('期')).toBeNull();
    for (const p of ['/', '—', '——', '-', '无', '空', '暂无', '／'])
      expect([p, isPlaceholder(p)]).toEqual([p, true]);
    expect(isPlaceholder('0')).toBe(false);
  });
});
