/**
 * The census finds a wage's Gini bin from a table instead of a logarithm (gini.ts: giniKeyTable, by the wage's float32
 * bits). It must give giniBin's bin exactly, checked here at both ends of every entry's range, at the float32 values on
 * both sides of every bin boundary, and outside the table's range (negative, zero, huge).
 */
import { describe, expect, it } from 'vitest';
import { GINI_BINS, GINI_KEY_SHIFT, giniBin, giniBinByTable, giniKeyLo, giniKeyTable } from '../../../sim/model/observe/gini.ts';

const f = new Float32Array(1);
const u = new Uint32Array(f.buffer);
/** The float32 whose bits are those of x's float32 plus d. */
const step = (x: number, d: number): number => {
  f[0] = x;
  u[0] = u[0]! + d;
  return f[0]!;
};

describe('Gini bin tables', () => {
  it('the table gives giniBin at both ends of every entry, and −1 only where they differ', () => {
    const t = giniKeyTable();
    const lo = giniKeyLo();
    const wrong: string[] = [];
    let ambiguous = 0;
    for (let k = 0; k < t.length; k++) {
      u[0] = (k + lo) << GINI_KEY_SHIFT;
      const first = f[0]!;
      u[0] = (((k + lo + 1) << GINI_KEY_SHIFT) >>> 0) - 1;
      const last = f[0]!;
      for (const x of [first, step(first, 1), last]) if (giniBinByTable(x) !== giniBin(x)) wrong.push(`${x}`);
      if (t[k] === -1) {
        ambiguous++;
        expect(giniBin(first)).not.toBe(giniBin(last));
      } else expect(t[k]).toBe(giniBin(first));
    }
    expect(wrong).toEqual([]);
    expect(ambiguous).toBeGreaterThan(0);
    expect(ambiguous).toBeLessThan(GINI_BINS);
  });

  it('agrees with giniBin on both sides of every bin boundary and outside its range', () => {
    const wrong: string[] = [];
    const check = (x: number) => {
      const b = giniBin(Math.fround(x));
      if (giniBinByTable(x) !== b) wrong.push(`${x}`);
    };
    // The boundaries: bisect over float32 bits between 50 and 5e5 for the least float32 of each bin.
    let boundaries = 0;
    f[0] = 50;
    let lo = u[0]!;
    f[0] = 5e5;
    const hi = u[0]!;
    for (let b = giniBin(50) + 1; b < GINI_BINS; b++) {
      let a = lo, c = hi;
      while (a < c) {
        const m = Math.floor((a + c) / 2);
        u[0] = m;
        if (giniBin(f[0]!) >= b) c = m;
        else a = m + 1;
      }
      u[0] = a;
      const x = f[0]!;
      if (giniBin(x) !== b) continue; // beyond 5e5
      boundaries++;
      for (const d of [-2, -1, 0, 1, 2]) check(step(x, d));
      lo = a;
    }
    expect(boundaries).toBeGreaterThan(GINI_BINS - 10);
    for (const x of [0, -0, -1, -1e9, 0.5, 31.99, 32, 51, 65535.99, 65536, 70000.5, 999999, 1e6, 2e6, 3e38, Infinity]) check(x);
    expect(wrong).toEqual([]);
  });
});
