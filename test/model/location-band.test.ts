/**
 * The income band of a chooser (sim/model/location.ts, bandOf: from the float's exponent and mantissa
 * bits, Math.log2 only near a band's edge) against the formula ⌊2 log2 q⌋ + 9 clamped to 0..17
 * (bandPlain), on log-uniform ratios over 24 orders of magnitude, on every band edge 2^(j/2) and the
 * floats a few ulps either side of it, and on 0, negatives, subnormals, the largest float, infinities
 * and NaN.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { bandOf, INCOME_BANDS } from '../../sim/model/location.ts';
import { locationOf } from '../../sim/model/location.ts';
import { chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** The formula (LocationModel.bandPlain for a ratio q > 0). */
function plain(q: number): number {
  const b = Math.floor(2 * Math.log2(q)) + 9;
  return b < 0 ? 0 : b >= INCOME_BANDS ? INCOME_BANDS - 1 : b;
}

const f = new Float64Array(1);
const i = new BigInt64Array(f.buffer);
/** The float `steps` ulps above (or below, negative) x > 0. */
function ulps(x: number, steps: number): number {
  f[0] = x;
  i[0] = i[0]! + BigInt(steps);
  return f[0]!;
}

describe('income bands from the float bits', () => {
  it('equal the formula on random ratios and at and around every band edge', () => {
    const s = makeStream(11, 0, 'bands');
    let n = 0;
    const wrong: number[] = [];
    const check = (q: number) => {
      if (!Object.is(bandOf(q), plain(q))) wrong.push(q);
      n++;
    };
    for (let k = 0; k < 200_000; k++) check(Math.pow(10, 24 * s.next() - 12));
    const bands = new Set<number>();
    for (let j = -30; j <= 30; j++) {
      const edge = Math.pow(2, j / 2);
      for (let d = -4; d <= 4; d++) {
        check(ulps(edge, d));
        bands.add(plain(ulps(edge, d)));
      }
      // Both sides of the mantissa-bit ranges bandOf treats as near an edge.
      for (const r of [1 + 2 ** -20, 1 + 2 ** -19, 2 - 2 ** -20, 2 - 2 ** -19, Math.SQRT2 - 2 ** -20, Math.SQRT2 + 2 ** -20, Math.SQRT2 - 2 ** -19, Math.SQRT2 + 2 ** -19]) {
        check(Math.pow(2, j) * r);
      }
    }
    for (const q of [Number.MIN_VALUE, 1e-310, 2.2250738585072014e-308, Number.MAX_VALUE, Infinity]) check(q);
    expect(wrong).toEqual([]);
    expect(bands.size).toBe(INCOME_BANDS);
    expect(n).toBeGreaterThan(200_000);
    // The formula's value for what is not a positive float, through LocationModel.band and bandPlain.
    const m = locationOf(tinyWorld(chongqingWith(), 1e-5, 1));
    m.refIncome = 3120.5;
    for (const b of [0, -5, NaN, -Infinity, Infinity, 1e-300, 3120.5, 3120.5 * Math.SQRT2, 77, 1e6]) expect(Object.is(m.band(b), m.bandPlain(b)), `budget ${b}`).toBe(true);
  });
});
