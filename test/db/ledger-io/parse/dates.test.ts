import { describe, expect, it } from 'vitest';
import { readDate, yearIn } from '../../../../db/ledger-io/parse/dates';

const range = (text: string, year: number | null = null) => {
  const d = readDate(text, year);
  return d.ok ? [d.start, d.end, d.monthOnly, d.yearAssumed] : d.reason;
};

describe('reading dates', () => {
  it('reads full dates in the separators offices use, with weekdays and times ignored', () => {
    for (const text of [
      '2023-05-10',
      '2023.5.10',
      '2023/05/10',
      '2023年5月10日',
      '20230510',
      '２０２３年５月１０日',
      '2023年5月10日（星期三）',
      '2023.5.10(周三)',
      '2023年5月10日 上午9:00-11:30',
      '二〇二三年五月十日',
    ])
      expect([text, range(text)]).toEqual([text, ['2023-05-10', null, false, false]]);
  });

  it('reads ranges in every form, across months and years', () => {
    const cases: [string, string, string][] = [
      ['2023.12.14-18', '2023-12-14', '2023-12-18'],
      ['2023年12月14日至18日', '2023-12-14', '2023-12-18'],
      ['2023-12-14~2023-12-18', '2023-12-14', '2023-12-18'],
      ['2023/12/14～12/18', '2023-12-14', '2023-12-18'],
      ['2023.11.28—12.2', '2023-11-28', '2023-12-02'],
      ['2023年12月30日至1月2日', '2023-12-30', '2024-01-02'],
      ['2023.12.28-2024.1.3', '2023-12-28', '2024-01-03'],
      ['2023年5月28日-3日', '2023-05-28', '2023-06-03'],
      ['2023年5月10日到5月12日', '2023-05-10', '2023-05-12'],
      ['二〇二三年十二月三十日至一月二日', '2023-12-30', '2024-01-02'],
    ];
    for (const [text, start, end] of cases)
      expect([text, range(text)]).toEqual([text, [start, end, false, false]]);
  });

  it('takes the given year for dates typed without one, and says a month-only date is the first of the month', () => {
    expect(range('5月10日', 2023)).toEqual(['2023-05-10', null, false, true]);
    expect(range('5.10-12', 2023)).toEqual(['2023-05-10', '2023-05-12', false, true]);
    expect(range('十二月二十三日', 2023)).toEqual(['2023-12-23', null, false, true]);
    expect(range('2023年6月')).toEqual(['2023-06-01', null, true, false]);
    expect(range('6月', 2023)).toEqual(['2023-06-01', null, true, true]);
    expect(range('2023年3月-5月')).toEqual(['2023-03-01', '2023-05-31', true, false]);
    expect(range('5月10日')).toBe('noYear');
  });

  it('refuses what is no date', () => {
    for (const text of ['2023-02-30', '年底', '十二月中旬', '', '2023-05-10至某日', '13月1日'])
      expect([text, range(text, 2023)]).toEqual([text, 'unreadable']);
  });

  it('finds the year a sheet name, title or file name names', () => {
    expect(yearIn('2023年台账')).toBe(2023);
    expect(yearIn('揭阳职院二〇二二年帮扶工作台账')).toBe(2022);
    expect(yearIn('台账-2024.xlsx')).toBe(2024);
    expect(yearIn('1月')).toBeNull();
    expect(yearIn('编号12345')).toBeNull();
  });
});
