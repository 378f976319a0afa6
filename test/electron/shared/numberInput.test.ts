import { describe, expect, it } from 'vitest';
import { chineseNumeral, numberEcho, readNumber } from '../../../electron/shared/numberInput';
import { activityInput } from '../../../electron/shared/schemas/activities';

const value = (text: string, kind?: Parameters<typeof readNumber>[1]) => {
  const r = readNumber(text, kind);
  return r.state === 'number' ? r.value : r.state;
};

describe('reading numbers as people type and paste them', () => {
  it('takes a count with its unit word, thousands separators and full-width digits', () => {
    expect(value('313人')).toBe(313);
    expect(value('50 人次')).toBe(50);
    expect(value('1,000')).toBe(1000);
    expect(value('1,234,567.5')).toBe(1234567.5);
    expect(value('１，０００')).toBe(1000);
    expect(value('２５')).toBe(25);
    expect(value('  7  ')).toBe(7);
    expect(value('3.5天')).toBe(3.5);
  });

  it('takes amounts in 万 and 万元', () => {
    expect(value('2500万', 'yuan')).toBe(25_000_000);
    expect(value('2500万元', 'yuan')).toBe(25_000_000);
    expect(value('21万', 'yuan')).toBe(210_000);
    expect(value('1.5亿元', 'yuan')).toBe(150_000_000);
    expect(value('0.35万', 'yuan')).toBe(3500);
  });

  it('shows an amount back in 元 and 万元', () => {
    expect(numberEcho('2500万', 'yuan')).toBe('= 25,000,000 元（2500 万元）');
    expect(numberEcho('21万元', 'yuan')).toBe('= 210,000 元（21 万元）');
    expect(numberEcho('3500', 'yuan')).toBeNull();
    expect(numberEcho('313人', 'count')).toBe('= 313');
    expect(numberEcho('313', 'count')).toBeNull();
  });

  it('takes a percentage with or without the sign, and asks about a fraction', () => {
    expect(readNumber('95%', 'percent')).toEqual({ state: 'number', value: 95 });
    expect(readNumber('９５％', 'percent')).toEqual({ state: 'number', value: 95 });
    expect(readNumber('95', 'percent')).toEqual({ state: 'number', value: 95 });
    expect(readNumber('0.95', 'percent')).toEqual({ state: 'number', value: 0.95, percentOf: 95 });
    // Outside a percentage field 0.95 is just 0.95.
    expect(readNumber('0.95', 'decimal')).toEqual({ state: 'number', value: 0.95 });
  });

  it('takes a term as 第一期, 一 or 1, and Chinese numerals generally', () => {
    expect(value('第一期', 'count')).toBe(1);
    expect(value('一', 'count')).toBe(1);
    expect(value('1', 'count')).toBe(1);
    expect(value('第十二期', 'count')).toBe(12);
    expect(chineseNumeral('二十')).toBe(20);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('两千')).toBe(2000);
    expect(chineseNumeral('一二')).toBeNull();
  });

  it('refuses what is not a number, and reads empty as empty', () => {
    expect(value('')).toBe('empty');
    expect(value('   ')).toBe('empty');
    for (const bad of ['abc', '12abc', '1.2.3', '人', '5-5', '约 50 人以上的很多人'])
      expect(value(bad)).toBe('invalid');
  });

  it('is what the API accepts: typed text reaches the store as the number the form showed', () => {
    const parsed = activityInput.parse({
      agreementId: '0190a3c4-0000-7000-8000-000000000001',
      type: '培训',
      title: '线上培训',
      startDate: '2023-12-14',
      teachers: '313人',
      satisfactionPct: '95%',
      amountYuan: '2.5万元',
    });
    expect(parsed).toMatchObject({ teachers: 313, satisfactionPct: 95, amountYuan: 25000 });
    expect(() => activityInput.parse({ ...parsed, teachers: '很多' })).toThrow('必须是数字');
  });
});
