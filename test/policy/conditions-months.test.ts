/**
 * The conditions round tests months in the city and insured months against
 * an integer threshold (monthsFrom) instead of dividing each person's months
 * by 12: the two tests must agree for every i16 count and any number of years.
 */
import { describe, expect, it } from 'vitest';
import { monthsFrom } from '../../sim/policy/conditions.ts';

describe('monthsFrom', () => {
  const years = [0, 3, 5, 0.5, 1 / 3, 2 / 12, 25 / 12, 2.0833333333333335, 2.083333333333333, 7.1, -1, -0, 1e-300, 2730.5, 2731, 1e9, -1e9, NaN, Infinity, -Infinity];
  it('gives k < monthsFrom(y) exactly when k / 12 < y, for every i16 k', () => {
    for (const y of years) {
      const t = monthsFrom(y);
      let mismatches = 0;
      for (let k = -32768; k <= 32767; k++) if (k / 12 < y !== k < t) mismatches++;
      expect([y, mismatches]).toEqual([y, 0]);
    }
  });
  it('is the months of whole years', () => {
    expect(monthsFrom(3)).toBe(36);
    expect(monthsFrom(0.5)).toBe(6);
    expect(monthsFrom(NaN)).toBe(-Infinity);
  });
});
