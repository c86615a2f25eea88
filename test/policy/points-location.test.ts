/**
 * Raising points by moving (sim/policy/points.ts `outside_core`, through location.ts's
 * addLocationTerm): the points for living outside the core are a settlement prospect in the
 * location choice of the classes the rule scores, on a hand-made Chongqing world (zone 0 is its core).
 */
import { describe, expect, it } from 'vitest';
import { ensureMonth, locationOf, placeHousehold, type ChooserClass, type LocationModel } from '../../sim/model/location.ts';
import { PointsSchema, pointsPolicy, outsideCoreProspect } from '../../sim/policy/points.ts';
import { installPolicy } from '../../sim/policy/registry.ts';
import { MARKET_RENTAL, NONLOCAL_RURAL, NO_JOB, NT, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import { labourMarket } from '../../sim/model/labour.ts';
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

describe('points for working outside the core: job seekers near the bar look for work outside it', () => {
  it('seekers whose points reach the bar are hired only outside the core; others still in it; the points rule sets the zones only with a work bonus and a chase margin', () => {
    const run = (bar: boolean) => {
      const w = tinyWorld(chongqingWith({ city: { labour: { separation_rate_month: 0, matching_efficiency: 0.3 } } }, ['differentiated', 'conditions']), 2e-5, 3);
      for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = w.filled[k]! + 200;
      const chasers: number[] = [], others: number[] = [];
      for (let i = 0; i < 200; i++) {
        const { persons } = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
        const p = persons[0]!;
        w.setActive(p, 1);
        w.persons.cols.points[p] = i % 2 === 0 ? 60 : 40;
        (i % 2 === 0 ? chasers : others).push(p);
      }
      if (bar) {
        installPolicy(w, pointsPolicy, PointsSchema.parse({ quota_persons_year: 6000, outside_core: { live: 6, work: 6 }, chase_margin: 10, source: 'test' }));
        w.levers.formalAtPoints = 50; // what a round with cut-off 60 sets (margin 10)
      }
      for (let m = 1; m <= 36; m++) labourMarket(w, m);
      const pc = w.persons.cols;
      const count = (ps: number[]) => ({ hired: ps.filter((p) => pc.sector[p] !== NO_JOB).length, core: ps.filter((p) => pc.sector[p] !== NO_JOB && pc.jobZone[p] === 0).length });
      return { w, chasers: count(chasers), others: count(others) };
    };
    const off = run(false);
    const on = run(true);
    expect(off.w.levers.pointsJobZones).toBeNull();
    expect(Array.from(on.w.levers.pointsJobZones!)).toEqual(Array.from({ length: on.w.nz }, (_, z) => (z === 0 ? 0 : 1)));
    expect(off.chasers.core).toBeGreaterThan(off.chasers.hired / 2); // without the rule most find work at home, in the core
    expect(on.chasers.hired).toBeGreaterThan(20);
    expect(on.chasers.core).toBe(0);
    expect(on.others.core).toBeGreaterThan(0);
    // Without a chase margin there is no bar to be near: the lever stays off.
    const w = tinyWorld(chongqingWith({}, ['differentiated', 'conditions']), 2e-5, 3);
    installPolicy(w, pointsPolicy, PointsSchema.parse({ quota_persons_year: 6000, outside_core: { work: 6 }, source: 'test' }));
    expect(w.levers.pointsJobZones).toBeNull();
  });
});
