import { describe, expect, it } from 'vitest';
import { geometricSkip, skipTrial, UNDRAWN } from '../../sim/engine/skip.ts';
import { makeStream } from '../../sim/engine/random.ts';

describe('geometric skipping', () => {
  it('inverts the geometric distribution: P(skip ≥ k) = (1 − p)^k at the boundary uniforms', () => {
    const p = 0.2;
    // u with 1 − u = (1 − p)^k exactly at the edge gives k; just below the edge gives k − 1.
    for (const k of [1, 2, 5, 10]) {
      const edge = 1 - Math.pow(1 - p, k);
      expect(geometricSkip(edge + 1e-12, p)).toBe(k);
      expect(geometricSkip(edge - 1e-9, p)).toBe(k - 1);
    }
    expect(geometricSkip(0, p)).toBe(0);
    expect(geometricSkip(0.5, 1)).toBe(0);
    expect(geometricSkip(0.5, 0)).toBe(Infinity);
    expect(geometricSkip(0.5, NaN)).toBe(Infinity);
  });

  it('trials succeed with chance p each, independently: the success rate, the rate after a success and the draws per success', () => {
    const s = makeStream(7, 0, 'skip-test');
    for (const p of [0.01, 0.2, 0.7]) {
      const left = new Float64Array(1).fill(UNDRAWN);
      let draws = 0;
      const next = () => (draws++, s.next());
      const n = 200_000;
      let succ = 0, afterSucc = 0, succAfterSucc = 0, prev = false;
      for (let i = 0; i < n; i++) {
        const ok = skipTrial(left, 0, p, next);
        if (ok) succ++;
        if (prev) {
          afterSucc++;
          if (ok) succAfterSucc++;
        }
        prev = ok;
      }
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(succ / n - p)).toBeLessThan(4 * sd);
      // Independence: the chance right after a success is p as well.
      expect(Math.abs(succAfterSucc / afterSucc - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / afterSucc));
      // One draw per success (plus at most one for the run still open).
      expect(draws - succ).toBeGreaterThanOrEqual(0);
      expect(draws - succ).toBeLessThanOrEqual(1);
    }
  });
});
