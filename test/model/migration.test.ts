/**
 * The migration decision, the hinterland, the return hazard, labour demand
 * and the balanced start (sim/model/migration.ts, balance.ts, departures.ts,
 * labour.ts), on small worlds whose direction and size can be computed; and
 * the shipped cities' unemployment band, vacancies and start (the full
 * eight-city check behind MEGASIM_LONG=1).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { balanceStart } from '../../sim/model/balance.ts';
import { NE, moverWeight, originIncome, updateMigrationTerms, expectedWage, employmentChance, expectedHousingCost } from '../../sim/model/migration.ts';
import { expectedLeavers } from '../../sim/model/departures.ts';
import { arrivals } from '../../sim/model/arrivals.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const TIANJIN = 'scenarios/cities/tianjin-2020.yaml';
const SHENZHEN = 'scenarios/cities/shenzhen-2010.yaml';

function world(file = TIANJIN, sample = 0.002, override: Record<string, unknown> = {}): World {
  const l = scenarioWith(file, override);
  const w = createWorld(l.scenario.city, { sample, seed: 3, replication: 0, start: l.scenario.start });
  balanceStart(w);
  updateMigrationTerms(w, false);
  return w;
}

/** Expected heads a month over all segments × education classes (per unit propensity). */
const totalWeight = (w: World) => {
  let t = 0;
  for (let s = 0; s < w.mig.nseg; s++) for (let e = 0; e < NE; e++) t += moverWeight(w, s, e);
  return t;
};

describe('the migration decision (segment × education, Harris–Todaro value against origin income + moving cost)', () => {
  it('moverWeight is N × (V / (O + C))^β with the terms computed by hand', () => {
    const w = world();
    const M = w.city.migration;
    const s = w.mig.nseg - 1;
    const e = 2;
    const V = expectedWage(w, e) * employmentChance(w) - expectedHousingCost(w) + w.city.arrivals.service_value_yuan_month * w.wageIndex * w.pulse.migrantSchoolAccess + w.city.arrivals.settlement_value_yuan_month * w.wageIndex * w.mig.prospect[e]!;
    expect(w.mig.value[e]).toBeCloseTo(V, 6);
    const O = originIncome(w, s, e) + M.segments[s]!.moving_cost_yuan_month * w.wageIndex;
    expect(moverWeight(w, s, e)).toBeCloseTo(w.mig.pop[s * NE + e]! * Math.pow(V / O, M.elasticity), 6);
  });

  it('higher city wages bring more movers, by the elasticity of the value ratio', () => {
    const w = world();
    const before = w.mig.value.slice();
    const wb = totalWeight(w);
    w.mig.wageTight *= 1.2;
    updateMigrationTerms(w, false);
    for (let e = 0; e < NE; e++) expect(w.mig.value[e]!).toBeGreaterThan(before[e]!);
    const wa = totalWeight(w);
    expect(wa).toBeGreaterThan(wb * 1.2);
    // Class by class: the weight moves by (V'/V)^β exactly.
    const s = 0;
    const e = 2;
    const w2 = world();
    const base = moverWeight(w2, s, e);
    const v0 = w2.mig.value[e]!;
    w2.mig.wageTight *= 1.2;
    updateMigrationTerms(w2, false);
    expect(moverWeight(w2, s, e) / base).toBeCloseTo(Math.pow(w2.mig.value[e]! / v0, w2.city.migration.elasticity), 9);
  });

  it('more vacancies (a higher job-finding rate) bring more movers', () => {
    const w = world();
    w.mig.findRate = 0.05;
    updateMigrationTerms(w, false);
    const low = totalWeight(w);
    w.mig.findRate = 0.6;
    updateMigrationTerms(w, false);
    const high = totalWeight(w);
    expect(high).toBeGreaterThan(low * 1.3);
  });

  it('higher origin income brings fewer movers', () => {
    const w = world();
    const wb = totalWeight(w);
    for (let s = 0; s < w.mig.nseg; s++) w.mig.income[s]! *= 1.5;
    expect(totalWeight(w)).toBeLessThan(wb * 0.8);
  });

  it('a depleted hinterland sends fewer: half the adults, half the movers', () => {
    const w = world();
    const wb = totalWeight(w);
    for (let k = 0; k < w.mig.pop.length; k++) w.mig.pop[k]! *= 0.5;
    expect(totalWeight(w)).toBeCloseTo(wb * 0.5, 6);
  });

  it('realised arrivals follow: doubled wages bring more arrival households than the base world, same seed', () => {
    const count = (tight: number) => {
      const w = world(TIANJIN, 0.01);
      w.month = 1;
      w.mig.wageTight = tight;
      const before = w.households.count;
      arrivals(w, 1);
      return w.households.count - before;
    };
    const base = count(1);
    const high = count(2);
    expect(base).toBeGreaterThan(50);
    expect(high).toBeGreaterThan(base * 1.5);
  });

  it('movers leave their segment: each arriving adult is taken from its segment × education', () => {
    const w = world(TIANJIN, 0.01);
    w.month = 1;
    const popBefore = w.mig.pop.reduce((a, b) => a + b, 0);
    // Segment growth happens in the arrivals step; compare against the grown pool.
    let grown = 0;
    w.mig.segments.forEach((sg, s) => {
      for (let e = 0; e < NE; e++) grown += w.mig.pop[s * NE + e]! * Math.pow(1 + sg.population_growth_year, 1 / 12);
    });
    const pc = w.persons.cols;
    const firstNew = w.persons.size;
    arrivals(w, 1);
    let adults = 0;
    // Heads and spouses are 16 or older; children are drawn under 15.
    for (let p = firstNew; p < w.persons.size; p++) if (w.persons.live[p] && pc.ageM[p]! >= 16 * 12) adults++;
    expect(adults).toBeGreaterThan(0);
    expect(w.mig.pop.reduce((a, b) => a + b, 0)).toBeCloseTo(grown - adults, 6);
    expect(popBefore).toBeGreaterThan(0);
  });
});

describe('the return hazard from the migrant\'s own situation', () => {
  it('expected returns rise with the head\'s unemployment spell by exp(weight × months)', () => {
    const w = world(TIANJIN, 0.002);
    const hc = w.households.cols;
    const pc = w.persons.cols;
    const heads: number[] = [];
    for (let h = 0; h < w.households.size; h++) {
      if (!w.households.live[h] || !hc.migrant[h]) continue;
      const p = hc.head[h]!;
      pc.active[p] = 1;
      w.leaveJob(p);
      heads.push(p);
    }
    for (const p of heads) pc.unemp[p] = 0;
    const r0 = expectedLeavers(w).returns;
    for (const p of heads) pc.unemp[p] = 6;
    const r6 = expectedLeavers(w).returns;
    expect(heads.length).toBeGreaterThan(100);
    expect(r6 / r0).toBeGreaterThan(Math.exp(0.25 * 6) * 0.95);
    expect(r6 / r0).toBeLessThanOrEqual(Math.exp(0.25 * 6) * 1.000001);
  });

  it('the head\'s own settlement prospect removes its "no prospect" term: prospect 1 lowers returns by exp(−weight)', () => {
    const w = world(TIANJIN, 0.002);
    w.mig.prospect.fill(0);
    const r0 = expectedLeavers(w).returns;
    w.mig.prospect.fill(1);
    const r1 = expectedLeavers(w).returns;
    // Households whose head holds local urban hukou have no such term, so the ratio lies between exp(−0.3) and 1.
    expect(r1 / r0).toBeLessThan(1);
    expect(r1 / r0).toBeGreaterThanOrEqual(Math.exp(-w.city.departures.no_prospect_weight) - 1e-9);
  });
});

describe('labour demand: a job shock raises unemployment, which comes back into its band', () => {
  it('cutting a fifth of the jobs in month 12 raises unemployment; 4 years later it is back between 2% and 10%', () => {
    const l = scenarioWith(TIANJIN);
    const u: number[] = [];
    const iu = INDICATORS.findIndex((d) => d.name === 'unemployment_rate');
    const res = runReplication(l.scenario, {
      replication: 0,
      sample: 0.002,
      months: 60,
      onStep: (w, m, step) => {
        if (m === 12 && step === 'labour') for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = w.filled[k]! * 0.8;
      },
    });
    const rec = res.rows;
    for (let k = 0; k < rec.month.length; k++) if (rec.indicator[k] === iu && rec.zone[k] === -1) u[rec.month[k]!] = rec.value[k]!;
    const before = u[11]!;
    const peak = Math.max(...u.slice(12, 18));
    expect(peak).toBeGreaterThan(before + 0.05);
    for (let m = 48; m <= 60; m++) {
      expect(u[m]!).toBeGreaterThan(0.02);
      expect(u[m]!).toBeLessThan(0.1);
    }
    expect(u[60]!).toBeLessThan(peak);
  }, 120_000);
});

describe('labour demand: desired jobs follow the labour force (jobs follow people, weight λ)', () => {
  /** Jobs after a second labour step whose last two labour forces were 1000 and 1010, wages held (no tightness signal), nothing withdrawn. */
  function jobsRatio(override: Record<string, unknown>) {
    const w = world(TIANJIN, 0.002, { city: { labour: { demand: { adjust_month: 0 }, ...override } } });
    labourMarket(w, 1);
    w.mig.labourForcePrev = 1000;
    w.mig.labourForce = 1010;
    w.mig.seekers = 0; // no tightness signal: the wage of new hires stays
    const before = Float64Array.from(w.jobs);
    const k = before.findIndex((j, i) => j > 0 && !w.banned[i]);
    labourMarket(w, 2);
    return { r: w.jobs[k]! / before[k]!, g: w.mig.jobGrowthMonth };
  }
  it('λ = 1 (the default without job_growth_year): jobs grow with the labour force, 1010/1000', () => {
    expect(jobsRatio({}).r).toBeCloseTo(1.01, 12);
  });
  it('λ = 0.5: the geometric mean of the derived growth and the labour force\'s', () => {
    const { r, g } = jobsRatio({ demand: { adjust_month: 0, labour_force_weight: 0.5 } });
    expect(r).toBeCloseTo(Math.sqrt(g * 1.01), 12);
  });
  it('job_growth_year given (λ 0 by default): jobs grow at that rate, whatever the labour force', () => {
    const { r } = jobsRatio({ job_growth_year: 0.05 });
    expect(r).toBeCloseTo(Math.pow(1.05, 1 / 12), 12);
  });
});

/** Unemployment band, vacancies and the start of one city over seeds (sample, months). */
function cityCheck(file: string, seeds: number, sample: number, months: number) {
  const l = scenarioWith(file);
  const iu = INDICATORS.findIndex((d) => d.name === 'unemployment_rate');
  const ir = INDICATORS.findIndex((d) => d.name === 'residents');
  let uMin = 1, uMax = 0, early = 0, later = 0, earlyAdj = NaN, laterAdj = NaN, vac = 0;
  if (months >= 36) earlyAdj = laterAdj = 0;
  for (let r = 0; r < seeds; r++) {
    const res = runReplication(l.scenario, { replication: r, sample, months });
    const rec = res.rows;
    const U: number[] = [], R: number[] = [];
    for (let k = 0; k < rec.month.length; k++) {
      if (rec.zone[k] !== -1) continue;
      if (rec.indicator[k] === iu) U[rec.month[k]!] = rec.value[k]!;
      if (rec.indicator[k] === ir) R[rec.month[k]!] = rec.value[k]!;
    }
    for (let m = 1; m <= months; m++) {
      uMin = Math.min(uMin, U[m]!);
      uMax = Math.max(uMax, U[m]!);
    }
    const g = (m: number) => R[m]! / R[m - 1]! - 1;
    let a = 0, b = 0;
    for (let m = 1; m <= 6; m++) a += g(m);
    for (let m = 13; m <= 24; m++) b += g(m);
    early += (a / 6) * 100 / seeds;
    later += (b / 12) * 100 / seeds;
    // Deseasonalised (docs/validation.md): the model's own calendar-month factors, each calendar month's mean growth
    // over the whole years after month 24 less their mean, taken off both windows' months. Months 13–24 hold every
    // calendar month once, so only months 1–6 change (they hold no enrolment month).
    const w = res.world;
    const years = Math.floor((months - 24) / 12);
    if (years >= 1) {
      const f = new Float64Array(13);
      let all = 0;
      for (let m = 25; m <= 24 + 12 * years; m++) {
        f[w.calendar(m)]! += g(m) / years;
        all += g(m) / (12 * years);
      }
      let da = 0, db = 0;
      for (let m = 1; m <= 6; m++) da += g(m) - (f[w.calendar(m)]! - all);
      for (let m = 13; m <= 24; m++) db += g(m) - (f[w.calendar(m)]! - all);
      earlyAdj += (da / 6) * 100 / seeds;
      laterAdj += (db / 12) * 100 / seeds;
    }
    let jobs = 0;
    for (let k = 0; k < w.jobs.length; k++) jobs += w.jobs[k]!;
    vac = Math.max(vac, w.mig.vacancies / jobs);
  }
  return { uMin, uMax, early, later, earlyAdj, laterAdj, vac };
}

describe('shipped cities: unemployment in its band, vacancies bounded, no start transient (cheap version: 2 cities, 2 seeds, sample 0.002, 36 months)', () => {
  for (const f of [SHENZHEN, TIANJIN]) {
    it(f, () => {
      const c = cityCheck(f, 2, 0.002, 36);
      expect(c.uMin).toBeGreaterThan(0.015);
      expect(c.uMax).toBeLessThan(0.1);
      expect(c.vac).toBeLessThan(0.15);
      expect(Math.abs(c.early - c.later), `months 1–6 ${c.early.toFixed(3)} %/month, 13–24 ${c.later.toFixed(3)}`).toBeLessThan(0.1);
    }, 120_000);
  }
});

// The full check of the issue: 8 cities, 5 seeds, sample 0.01, 120 months (about 15–25 minutes on 2 cores).
// Figures per city in docs/validation.md. Shenzhen's unemployment, which fell below 2% in years 8–10, stays above it
// since job seekers of the matching function include the month's separated, newcomers search in their arrival month,
// the start is balanced on all the month's flows and Shenzhen's separation rate is sourced (docs/MODEL.md §5.1, §7.2);
// every city's separation rate is derived the same way since (its non-hukou share of the starting labour force).
// The start check compares the windows deseasonalised by the model's own calendar-month factors (cityCheck): months
// 13–24 hold a September, whose school enrolment sends children without a place back to the origin and raises the
// returns of families with unplaced children (Beijing: departures 0.72% of residents that month against about 0.40%),
// while months 1–6 of a December or January start hold none. Beijing's raw difference (0.114) is about 0.03 of that
// and 0.084 of a slowdown the census state does not carry: rents rising faster than wages, an unhoused stock building
// up from none, a hinterland that shrinks (docs/MODEL.md §5.1, docs/validation.md). No city is marked as failing.
const BELOW_BAND = new Set<string>();
const KNOWN_TRANSIENT = new Set<string>();
describe.runIf(process.env.MEGASIM_LONG === '1')('all eight shipped cities (MEGASIM_LONG=1): 5 seeds, sample 0.01, 120 months', () => {
  for (const id of ['beijing-2013', 'chengdu-2020', 'chongqing-2010', 'guangzhou-2020', 'shanghai-2020', 'shenzhen-2010', 'tianjin-2020', 'wuhan-2020']) {
    const c = () => {
      const r = cityCheck(`scenarios/cities/${id}.yaml`, 5, 0.01, 120);
      // The figures docs/validation.md tabulates.
      console.log(`${id}: unemployment ${(r.uMin * 100).toFixed(2)}%–${(r.uMax * 100).toFixed(2)}%, growth months 1–6 ${r.early.toFixed(3)}, 13–24 ${r.later.toFixed(3)} (difference ${(r.early - r.later).toFixed(3)}); deseasonalised ${r.earlyAdj.toFixed(3)}, ${r.laterAdj.toFixed(3)} (difference ${(r.earlyAdj - r.laterAdj).toFixed(3)}), vacancies/jobs ${(r.vac * 100).toFixed(1)}%`);
      return r;
    };
    let r: ReturnType<typeof cityCheck> | null = null;
    (BELOW_BAND.has(id) ? it.fails : it)(`${id}: unemployment between 2% and 10% every month; vacancies under 15% of jobs`, () => {
      r = c();
      expect(r.uMin).toBeGreaterThan(0.02);
      expect(r.uMax).toBeLessThan(0.1);
      expect(r.vac).toBeLessThan(0.15);
    }, 1_200_000);
    (KNOWN_TRANSIENT.has(id) ? it.fails : it)(`${id}: residents' growth in months 1–6 within 0.1 pp of months 13–24 (deseasonalised)`, () => {
      r ??= c();
      expect(Math.abs(r.earlyAdj - r.laterAdj), `raw ${r.early.toFixed(3)} vs ${r.later.toFixed(3)}`).toBeLessThan(0.1);
    }, 1_200_000);
  }
});
