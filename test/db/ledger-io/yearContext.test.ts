import { describe, expect, it } from 'vitest';
import { yearFor } from '../../../db/ledger-io/yearContext';

const base = {
  header: null,
  sheet: 'Sheet1',
  title: '',
  fileName: '台账.xlsx',
  period: { periodStart: '2021', periodEnd: '2025' },
};

describe('the year for dates typed without one', () => {
  it('takes the nearest source that names one and says which', () => {
    expect(yearFor({ ...base, header: 2022, sheet: '2023年' })).toEqual({ year: 2022, from: '列名' });
    expect(yearFor({ ...base, sheet: '2023年台账' })).toEqual({ year: 2023, from: '工作表名“2023年台账”' });
    expect(yearFor({ ...base, title: '二〇二三年帮扶工作台账' })).toEqual({ year: 2023, from: '表格标题' });
    expect(yearFor({ ...base, fileName: '2024年台账.xlsx' })).toEqual({
      year: 2024,
      from: '文件名“2024年台账.xlsx”',
    });
    expect(yearFor({ ...base, period: { periodStart: '2023-03', periodEnd: '2023-12' } })).toEqual({
      year: 2023,
      from: '协议期限',
    });
  });

  it('has none when only a period of several years could say', () => {
    expect(yearFor(base)).toEqual({ year: null, from: null });
  });
});
