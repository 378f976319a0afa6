import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../renderer/features/secondments/months';

describe('挂职月数 from the dates', () => {
  it('counts whole months with the end day served', () => {
    expect(monthsBetween('2023-03-01', '2023-08-31')).toBe(6);
    expect(monthsBetween('2023-03-15', '2023-09-14')).toBe(6);
    expect(monthsBetween('2023-01-01', '2023-12-31')).toBe(12);
  });

  it('rounds to the half month, never below half a month', () => {
    expect(monthsBetween('2018-09-01', '2020-02-15')).toBe(17.5);
    expect(monthsBetween('2023-05-10', '2023-05-12')).toBe(0.5);
  });

  it('has no answer without both dates or when the end comes first', () => {
    expect(monthsBetween('2023-03-01', '')).toBeNull();
    expect(monthsBetween('2023-09-01', '2023-03-01')).toBeNull();
  });
});
