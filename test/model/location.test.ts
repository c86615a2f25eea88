/**
 * Location choice (sim/model/location.ts) on hand-made worlds: the logit's
 * probabilities against its own arithmetic, draws against the
 * probabilities, a cheaper zone drawing more movers, opening settlement in
 * a zone raising its share among eligible choosers only, and the travel
 * matrix derivation.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { LocationModel, ensureMonth, locationOf, placeHousehold, ringMinutes, tripMinutes, type ChooserClass } from '../../sim/model/location.ts';
import { differentiatedPolicy, DifferentiatedSchema, differentiatedProspect } from '../../sim/policy/differentiated.ts';
import { LOCAL_RURAL, LOCAL_URBAN, MARKET_RENTAL, NT, OWNED, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** Share of alternative probability mass in zone z for class ci (from the cached cumulative weights). */
function zoneShare(m: LocationModel, ci: number, z: number): number {
  const base = m.row(ci);
  const total = m.cum[base + m.na - 1]!;
  const prev = z === 0 ? 0 : m.cum[base + z * NT - 1]!;
  return (m.cum[base + (z + 1) * NT - 1]! - prev) / total;
}

/** A tiny Chongqing world with `perAlt` extra vacant market and urban-village dwellings in every zone. */
function world(seed = 1, perAlt = 60): World {
  const w = tinyWorld(chongqingWith(), 2e-5, seed);
  for (let z = 0; z < w.nz; z++) for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) for (let i = 0; i < perAlt; i++) w.newDwelling(z, t, 1);
  return w;
}

describe('location choice: the logit', () => {
  it('probabilities are vacancies × exp(V), normalised, with V as the formula computes it', () => {
    const w = world();
    const m = locationOf(w);
    ensureMonth(w, m, 0);
    const c: ChooserClass = { income: m.bandIncome(9), hukouGroup: 1, children: false, single: false, jobZone: 0 };
    const ci = m.classIndex(9, 1, 0, 0, 0);
    const base = m.row(ci);
    // Recompute the weights by hand from utility(): every available alternative's share.
    let total = 0;
    const wts = new Float64Array(m.na);
    for (let z = 0; z < w.nz; z++) {
      for (const t of [OWNED, MARKET_RENTAL, URBAN_VILLAGE]) {
        const k = z * NT + t;
        wts[k] = w.vacantN[k]! * Math.exp(m.utility(c, z, t, true));
        total += wts[k]!;
      }
    }
    let prev = 0;
    for (let k = 0; k < m.na; k++) {
      const p = (m.cum[base + k]! - prev) / m.cum[base + m.na - 1]!;
      prev = m.cum[base + k]!;
      expect(p).toBeCloseTo(wts[k]! / total, 10);
    }
    // The commute term: a zone farther from the job costs value_of_time × wage/hour × hours commuted.
    const L = w.city.location;
    const dv = m.utility(c, 2, MARKET_RENTAL, false) - m.utility({ ...c, jobZone: 2 }, 2, MARKET_RENTAL, false);
    const minutes = m.minutes[0 * w.nz + 2]! - m.minutes[2 * w.nz + 2]!;
    expect(dv).toBeCloseTo((-L.cost_weight * L.value_of_time_share * (c.income / 176) * ((44 * minutes) / 60)) / c.income, 10);
  });

  it('the calibrated constants reproduce the starting households\' zone × tenure shares', () => {
    const w = tinyWorld(chongqingWith(), 1e-4, 3);
    const m = locationOf(w);
    ensureMonth(w, m, 0);
    // Observed here, by hand: housed households of the market tenures by zone × tenure.
    const hc = w.households.cols;
    const obs = new Float64Array(m.na);
    let n = 0;
    for (let h = 0; h < w.households.size; h++) {
      const t = hc.dwTenure[h]!;
      if (!w.households.live[h] || !(t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === 4)) continue;
      if (t === 4 && !m.describe(m.classOf(h, Math.max(w.incomeOf(h), hc.savings[h]! / 24))).single) continue;
      obs[hc.zone[h]! * NT + t]!++;
      n++;
    }
    const { counts, used } = m.startClasses();
    const pred = new Float64Array(m.na);
    m.predict(counts, used, pred);
    for (let k = 0; k < m.na; k++) expect(Math.abs(pred[k]! - obs[k]!) / n).toBeLessThan(0.002);
    // Before calibration (constants 0) the prediction is off.
    m.asc.fill(0);
    m.predict(counts, used, pred);
    let off = 0;
    for (let k = 0; k < m.na; k++) off = Math.max(off, Math.abs(pred[k]! - obs[k]!) / n);
    expect(off).toBeGreaterThan(0.01);
  });

  it('draws follow the probabilities (restricted to what the household can afford)', () => {
    const w = world(2, 400);
    const m = locationOf(w);
    ensureMonth(w, m, 0);
    const { h } = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 30, hukou: LOCAL_RURAL, wage: 4000 }, { ageYears: 30, hukou: LOCAL_RURAL }], savings: 0 });
    const ci = m.classOf(h, w.incomeOf(h));
    const s = w.streams.get('test-draws');
    const counts = new Float64Array(w.nz);
    const N = 4000;
    let found = 0;
    for (let i = 0; i < N; i++) {
      m.chosenAlt = -1;
      const d = m.choose(s, h, ci, w.incomeOf(h), w.incomeOf(h), 0, -1);
      if (d >= 0) {
        counts[w.dwellings.cols.zone[d]!]!++;
        // chosenAlt (which the housing step's moving household reads) is the dwelling's zone × tenure.
        expect(m.chosenAlt).toBe(w.dwellings.cols.zone[d]! * NT + w.dwellings.cols.tenure[d]!);
        found++;
      }
    }
    expect(found).toBeGreaterThan(N / 2);
    // No savings: owned alternatives are unavailable; the rest keep their relative probabilities.
    const base = m.row(ci);
    const rentShares = new Float64Array(w.nz);
    let total = 0, prev = 0;
    for (let k = 0; k < m.na; k++) {
      const p = m.cum[base + k]! - prev;
      prev = m.cum[base + k]!;
      const z = Math.floor(k / NT);
      const t = k % NT;
      if (t === OWNED) continue;
      if (w.rentLevel[k]! > w.city.housing.max_rent_share * w.incomeOf(h)) continue;
      rentShares[z]! += p;
      total += p;
    }
    const drawn = counts.reduce((a, b) => a + b, 0);
    for (let z = 0; z < w.nz; z++) {
      const p = rentShares[z]! / total;
      const sd = Math.sqrt((p * (1 - p)) / drawn);
      expect(Math.abs(counts[z]! / drawn - p)).toBeLessThan(4 * sd + 1e-9);
    }
  });
});

describe('location choice: a zone made cheaper draws more movers', () => {
  it('cutting zone 1 rents by 30% raises its choice probability as the logit says, and its share of placed households', () => {
    const placed = (cut: boolean): { p: number; share: number; predicted: number } => {
      const w = world(4, 300);
      const m = locationOf(w);
      ensureMonth(w, m, 0); // constants calibrated on the starting rents
      if (cut) for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) w.rentLevel[1 * NT + t]! *= 0.7;
      m.beginMonth(1);
      const hs: number[] = [];
      for (let i = 0; i < 400; i++) hs.push(addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 28, hukou: LOCAL_RURAL, wage: 3000 }, { ageYears: 27, hukou: LOCAL_RURAL }] }).h);
      const ci = m.classOf(hs[0]!, w.incomeOf(hs[0]!));
      const p = zoneShare(m, ci, 1);
      // The logit's answer from the uncut probabilities: a 30% cut raises V by cost_weight × 0.3 × rent /
      // income in zone 1's rentals, so P1' = Σ p_k e^ΔV_k / (1 + Σ p_k (e^ΔV_k − 1)) over zone 1's alternatives.
      let num = 0, den = 1;
      if (!cut) {
        const base = m.row(ci);
        const total = m.cum[base + m.na - 1]!;
        const income = m.describe(ci).income;
        for (let t = 0; t < NT; t++) {
          const k = 1 * NT + t;
          const pk = (m.cum[base + k]! - m.cum[base + k - 1]!) / total;
          const dv = t === MARKET_RENTAL || t === URBAN_VILLAGE ? (w.city.location.cost_weight * 0.3 * w.rentLevel[k]!) / income : 0;
          num += pk * Math.exp(dv);
          den += pk * (Math.exp(dv) - 1);
        }
      }
      let inZone = 0;
      for (const h of hs) if (placeHousehold(w, h) >= 0 && w.households.cols.zone[h] === 1) inZone++;
      return { p, share: inZone / hs.length, predicted: num / den };
    };
    const a = placed(false);
    const b = placed(true);
    expect(b.p).toBeGreaterThan(a.p + 0.02);
    expect(b.p).toBeCloseTo(a.predicted, 9);
    expect(b.share).toBeGreaterThan(a.share);
  });
});

describe('location choice: settlement prospects steer eligible choosers only', () => {
  const P = DifferentiatedSchema.parse({
    zones: { core: { years_work: 5 }, expansion: { years_work: 3 }, new_district: { years_work: 2 }, northeast: { stance: 'reduce' }, southeast: { stance: 'reduce' } },
    source: 'test',
  });
  it('the prospect is exp(−years / horizon) in open zones for tenures meeting the residence rule, 0 elsewhere and for local urban hukou', () => {
    const w = world();
    const H = w.city.location.prospect_horizon_years;
    const c: ChooserClass = { income: 3000, hukouGroup: 1, children: false, single: false, jobZone: 0 };
    expect(differentiatedProspect(w, P, 'core', MARKET_RENTAL, c)).toBeCloseTo(Math.exp(-5 / H), 12);
    expect(differentiatedProspect(w, P, 'new_district', OWNED, c)).toBeCloseTo(Math.exp(-2 / H), 12);
    expect(differentiatedProspect(w, P, 'northeast', OWNED, c)).toBe(0);
    expect(differentiatedProspect(w, P, 'core', MARKET_RENTAL, { ...c, hukouGroup: 0 })).toBe(0);
    const ownedOnly = DifferentiatedSchema.parse({ zones: { core: { years_work: 5, residence: 'owned' } }, source: 'test' });
    expect(differentiatedProspect(w, ownedOnly, 'core', MARKET_RENTAL, c)).toBe(0);
  });

  it('opening settlement in the new development zone raises its share among local-rural choosers, not among local-urban ones', () => {
    const shares = (open: boolean) => {
      const w = world(5, 300);
      const rule = open ? P : DifferentiatedSchema.parse({ ...P, zones: { ...P.zones, new_district: { stance: 'closed' } } });
      differentiatedPolicy.install(w, rule);
      const m = locationOf(w);
      ensureMonth(w, m, 0);
      const rural = m.classIndex(9, 1, 0, 0, 0);
      const urban = m.classIndex(9, 0, 0, 0, 0);
      const pRural = zoneShare(m, rural, 2);
      const pUrban = zoneShare(m, urban, 2);
      // Placed households: local rural migrants with a job in the core.
      let inZone = 0;
      const n = 300;
      for (let i = 0; i < n; i++) {
        const { h } = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 30, hukou: LOCAL_RURAL, wage: 3000 }, { ageYears: 29, hukou: LOCAL_RURAL }] });
        if (placeHousehold(w, h) >= 0 && w.households.cols.zone[h] === 2) inZone++;
      }
      return { rural: pRural, urban: pUrban, placed: inZone / n };
    };
    const closed = shares(false);
    const open = shares(true);
    expect(open.rural).toBeGreaterThan(closed.rural * 1.05);
    expect(open.urban).toBeCloseTo(closed.urban, 12);
    expect(open.placed).toBeGreaterThan(closed.placed);
  });
});

describe('location choice: rejecting from the vacancy lists\' lowest factor', () => {
  it('the lower bound is each list\'s least factor after tightening, and falls when a cheaper dwelling falls vacant', () => {
    const w = world(4, 40);
    w.tightenVacancyBounds();
    const k = 1 * NT + MARKET_RENTAL;
    let least = Infinity;
    for (let i = 0; i < w.vacantN[k]!; i++) least = Math.min(least, w.dwellings.cols.factor[w.vacant[k]![i]!]!);
    expect(w.vacMinFactor[k]).toBe(least);
    w.newDwelling(1, MARKET_RENTAL, 0.125);
    expect(w.vacMinFactor[k]).toBe(0.125);
  });

  it('the factor list beside each vacancy list holds its dwellings\' factors, through moves in and out and removals', () => {
    const w = world(4, 40);
    const k = 1 * NT + MARKET_RENTAL;
    const same = () => {
      for (let i = 0; i < w.vacantN[k]!; i++) expect(w.vacantF[k]![i]).toBe(w.dwellings.cols.factor[w.vacant[k]![i]!]);
    };
    same();
    // Removing the list's first dwelling moves its last into the gap; a household taking one and leaving it.
    const n = w.vacantN[k]!;
    expect(n).toBeGreaterThan(3);
    w.removeDwelling(w.vacant[k]![0]!);
    same();
    const { h } = addHousehold(w, { zone: 1, tenure: -1, members: [{ ageYears: 30, hukou: LOCAL_RURAL, wage: 3000 }] });
    w.moveIn(h, w.vacant[k]![1]!);
    expect(w.vacantN[k]).toBe(n - 2);
    same();
    w.moveOut(h);
    same();
    // Growing past the list's length keeps both lists in step.
    for (let i = 0; i < 200; i++) w.newDwelling(1, MARKET_RENTAL, 0.5 + i / 100);
    same();
  });

  it('gives the same dwellings and leaves the stream where the dwelling-by-dwelling tests do', () => {
    // Factors spread 0.5..2 so that the bound decides some draws and the dwelling others.
    const w = tinyWorld(chongqingWith(), 2e-5, 5);
    for (let z = 0; z < w.nz; z++) for (const t of [OWNED, MARKET_RENTAL, URBAN_VILLAGE]) for (let i = 0; i < 50; i++) w.newDwelling(z, t, 0.5 + (1.5 * ((i * 37) % 50)) / 50);
    const m = locationOf(w);
    ensureMonth(w, m, 0);
    const { h } = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 30, hukou: LOCAL_RURAL, wage: 3000 }, { ageYears: 30, hukou: LOCAL_RURAL }], savings: 0 });
    const bound = Float64Array.from(w.vacMinFactor);
    const rent = w.rentLevel[0 * NT + MARKET_RENTAL]!;
    let decidedByBound = 0, placed = 0;
    for (let i = 0; i < 300; i++) {
      // Budgets from a tenth of a rent to ten rents, savings from none to several down payments.
      const budget = (rent * Math.exp(((i % 30) / 29) * Math.log(100))) / 10 / w.city.housing.max_rent_share;
      const savings = (i % 7) * 0.2 * w.priceLevel[0 * NT + OWNED]! * w.city.housing.down_payment_share;
      const ci = m.classOf(h, budget);
      const a = makeStream(11, 0, `same-${i}`);
      const b = makeStream(11, 0, `same-${i}`);
      w.vacMinFactor.set(bound);
      const withBound = m.choose(a, h, ci, budget, budget, savings, -1);
      // A bound of 0 never rejects: every draw reads its dwelling, as before the bound existed.
      w.vacMinFactor.fill(0);
      const without = m.choose(b, h, ci, budget, budget, savings, -1);
      expect(withBound).toBe(without);
      expect(a.next()).toBe(b.next());
      if (withBound >= 0) placed++;
      for (let k = 0; k < m.na; k++) if (w.vacantN[k]! > 0 && w.rentLevel[k]! * bound[k]! > w.city.housing.max_rent_share * budget) decidedByBound++;
    }
    w.vacMinFactor.set(bound);
    // Both kinds of outcome happened, and the bound had alternatives to reject.
    expect(placed).toBeGreaterThan(20);
    expect(placed).toBeLessThan(290);
    expect(decidedByBound).toBeGreaterThan(100);
  });
});

describe('travel matrix', () => {
  it('trip minutes: 1.3 road detour at 25 km/h up to 30 road km, 50 km/h beyond', () => {
    expect(tripMinutes(10)).toBe(Math.round(((10 * 1.3) / 25) * 60));
    expect(tripMinutes(100)).toBe(Math.round((30 / 25 + (130 - 30) / 50) * 60));
  });
  it('rings: symmetric, own zone at most 45 minutes, an outer ring farther from the centre than an inner one', () => {
    const m = ringMinutes([300, 5000, 20000]);
    for (let i = 0; i < 3; i++) {
      expect(m[i]![i]!).toBeLessThanOrEqual(45);
      for (let j = 0; j < 3; j++) expect(m[i]![j]).toBe(m[j]![i]);
    }
    expect(m[0]![2]!).toBeGreaterThan(m[0]![1]!);
  });
  it('a city file naming a zone the city does not have is refused, naming it', () => {
    expect(() => chongqingWith({ city: { travel: { minutes: { core: { nowhere: 20 } }, source: 'test' } } })).toThrow(/found "nowhere"/);
  });
  void LOCAL_URBAN;
});
