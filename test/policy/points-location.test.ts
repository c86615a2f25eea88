/**
 * Raising points by moving (sim/policy/points.ts `outside_core`, through location.ts's
 * addLocationTerm): the points for living outside the core are a settlement prospect in the
 * location choice of the classes the rule scores, on a hand-made Chongqing world (zone 0 is its core).
 */
import { describe, expect, it } from 'vitest';
import { ensureMonth, locationOf, placeHousehold, type ChooserClass, type LocationModel } from '../../sim/model/location.ts';
import { PointsSchema, pointsPolicy, outsideCoreProspect } from '../../sim/policy/points.ts';
import { installPolicy } from '../../sim/policy/registry.ts';
import { MARKET_RENTAL, NONLOCAL_RURAL, NT, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, tinyWorld } from './helpers.ts';

const P = PointsSchema.parse({ quota_persons_year: 6000, outside_core: { live: 6, work: 6 }, source: 'test' });

function world(seed = 5, perAlt = 300): World {
  const w = tinyWorld(chongqingWith({}, ['differentiated', 'conditions']), 2e-5, seed);
  for (let z = 0; z < w.nz; z++) for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) for (let i = 0; i < perAlt; i++) w.newDwelling(z, t, 1);
  return w;
}

/** Share of class ci's choice probability outside zone 0 (the core). */
function outsideShare(m: LocationModel, ci: number): number {
  const base = m.row(ci);
  const total = m.cum[base + m.na - 1]!;
  return (total - m.cum[base + NT - 1]!) / total;
}

describe('points for living outside the core steer the location choice of those the rule scores', () => {
  it('the prospect is the bonus over the bar it helps clear (100 before a round, else the last cut-off, or the pass mark), 0 in the core and for local hukou', () => {
    expect(outsideCoreProspect(P, false, 2, NaN)).toBeCloseTo(0.06, 12);
    expect(outsideCoreProspect(P, false, 2, 105)).toBeCloseTo(6 / 105, 12);
    expect(outsideCoreProspect(P, true, 2, 105)).toBe(0);
    expect(outsideCoreProspect(P, false, 0, 105)).toBe(0);
    expect(outsideCoreProspect(P, false, 1, 105)).toBe(0); // local rural not scored by default
    expect(outsideCoreProspect(PointsSchema.parse({ ...P, pass_mark: 120 }), false, 2, 105)).toBeCloseTo(0.05, 12);
  });

  it("a non-local class gains settlement_weight × 0.06 of utility outside the core and none inside; its share outside the core rises by the logit's odds, a local one does not move", () => {
    const run = (withPoints: boolean) => {
      const w = world();
      if (withPoints) installPolicy(w, pointsPolicy, P);
      const m = locationOf(w);
      ensureMonth(w, m, 0);
      const c: ChooserClass = { income: m.bandIncome(9), hukouGroup: 2, children: false, single: false, jobZone: 0 };
      const du = m.utility(c, 2, MARKET_RENTAL, true) - m.utility(c, 2, MARKET_RENTAL, false);
      const duCore = m.utility(c, 0, MARKET_RENTAL, true) - m.utility(c, 0, MARKET_RENTAL, false);
      const nonlocal = outsideShare(m, m.classIndex(9, 2, 0, 0, 0));
      const local = outsideShare(m, m.classIndex(9, 0, 0, 0, 0));
      let outside = 0;
      const n = 300;
      for (let i = 0; i < n; i++) {
        const { h } = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: 3000 }, { ageYears: 29, hukou: NONLOCAL_RURAL }] });
        if (placeHousehold(w, h) >= 0 && w.households.cols.zone[h] !== 0) outside++;
      }
      return { du, duCore, nonlocal, local, placed: outside / n, weight: w.city.location.settlement_weight };
    };
    const off = run(false);
    const on = run(true);
    expect(off.du).toBe(0);
    expect(on.du).toBeCloseTo(on.weight * 0.06, 12);
    expect(on.duCore).toBe(0);
    expect(on.nonlocal).toBeGreaterThan(off.nonlocal);
    expect(on.local).toBeCloseTo(off.local, 12);
    // The logit's odds outside : core scale by exp(weight × 0.06) for the non-local class.
    const odds = (s: number) => s / (1 - s);
    expect(odds(on.nonlocal) / odds(off.nonlocal)).toBeCloseTo(Math.exp(on.weight * 0.06), 6);
    // Placed households draw from those probabilities (300 of them: a difference of about 0.02 expected, within draw noise; only checked to be a share).
    expect(on.placed).toBeGreaterThan(0);
  });
});
