import { describe, expect, it } from 'vitest';
import { moneyText, moneyTick, moneyUnit } from '../../renderer/features/reports/money';

describe('amounts on the overview', () => {
  it('reads large amounts in 万元 and small ones in 元', () => {
    expect(moneyText(25_000_000)).toBe('2,500 万元');
    expect(moneyText(26_000_000)).toBe('2,600 万元');
    expect(moneyText(210_000)).toBe('21 万元');
    expect(moneyText(12_345)).toBe('1.23 万元');
    expect(moneyText(3_500)).toBe('3,500 元');
    expect(moneyText(0)).toBe('0 元');
  });

  it('labels an axis in one unit, 万元 once it reaches ten thousand', () => {
    expect(moneyUnit(26_000_000)).toBe('万元');
    expect(moneyTick(26_000_000)(25_000_000)).toBe('2,500');
    expect(moneyTick(26_000_000)(0)).toBe('0');
    expect(moneyUnit(8_000)).toBe('元');
    expect(moneyTick(8_000)(6_000)).toBe('6,000');
  });
});

describe('amounts on the overview in English', () => {
  it('reads amounts in yuan, large ones in millions, with no Chinese unit', () => {
    expect(moneyText(25_000_000, 'en')).toBe('25 million yuan');
    expect(moneyText(210_000, 'en')).toBe('210,000 yuan');
    expect(moneyText(3_500.5, 'en')).toBe('3,500.5 yuan');
    expect(moneyUnit(26_000_000, 'en')).toBe('thousand yuan');
    expect(moneyTick(26_000_000, 'en')(25_000_000)).toBe('25,000');
    expect(moneyUnit(8_000, 'en')).toBe('yuan');
    expect(moneyTick(8_000, 'en')(6_000)).toBe('6,000');
  });
});
