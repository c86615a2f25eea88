/**
 * The location choice's draw (LocationModel.choose, sim/model/location.ts) finds the alternative of a
 * uniform u as the first cumulative weight above u × total. It walks from a guide table's entry for u's
 * bucket instead of a binary search over the class's row; the two must give the same alternative for
 * every u, or the draws (and the outputs) change. Checked on rows with zero weights at the start, in
 * the middle and at the end, one alternative carrying almost all the weight, and weights spread over
 * many orders of magnitude, for random uniforms and for uniforms at, just under and just over the
 * buckets' edges, 0 and the largest double below 1.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { fillGuide, guidedSearch, GUIDE_BUCKETS } from '../../sim/model/location.ts';

/** The binary search choose used before the guide (the reference). */
function binarySearch(cum: Float64Array, base: number, na: number, r: number): number {
  let lo = 0, hi = na - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[base + mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function rows(): number[][] {
  const s = makeStream(11, 0, 'guide-rows');
  const out: number[][] = [
    [0, 0, 0, 5, 0, 0, 1, 0],
    [1e-300, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 3],
    [1, 1e-12, 1e-12, 0, 1e12],
    [7],
    [0, 2],
  ];
  for (let i = 0; i < 40; i++) {
    const na = 1 + s.int(60);
    out.push(Array.from({ length: na }, () => (s.next() < 0.3 ? 0 : Math.exp(40 * (s.next() - 0.5)))));
  }
  return out;
}

describe('location: the guided search of a draw', () => {
  it('gives the binary search\'s alternative for every uniform, on rows of many shapes', () => {
    const s = makeStream(11, 0, 'guide-u');
    const ulp = 2 ** -53;
    let checked = 0;
    for (const weights of rows()) {
      const na = weights.length;
      // The row at an offset, as a class's row sits in the model's array.
      const base = 3;
      const cum = new Float64Array(base + na);
      let total = 0;
      for (let k = 0; k < na; k++) cum[base + k] = total += weights[k]!;
      if (!(total > 0)) continue;
      const guide = new Uint16Array(2 * GUIDE_BUCKETS);
      fillGuide(cum, base, na, guide, GUIDE_BUCKETS);
      const us: number[] = [0, 1 - ulp];
      for (let b = 0; b < GUIDE_BUCKETS; b++) {
        const e = b / GUIDE_BUCKETS;
        us.push(e, Math.max(0, e - ulp), e + ulp, e + 1e-9);
      }
      for (let i = 0; i < 2000; i++) us.push(s.next());
      for (const u of us) {
        const r = u * total;
        const got = guidedSearch(cum, base, na, r, guide[GUIDE_BUCKETS + Math.floor(u * GUIDE_BUCKETS)]!);
        expect(got).toBe(binarySearch(cum, base, na, r));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40 * 2000);
  });
});
