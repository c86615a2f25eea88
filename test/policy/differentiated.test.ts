/**
 * Differentiated settlement by zone (sim/policy/differentiated.ts): the rule
 * of seed 000 and the 2015 variant on hand-made persons, the residence
 * conditions, the zone stances, and the monthly rule on a hand-made world.
 */
import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import {
  differentiatedEligible,
  differentiatedPolicy,
  residenceOk,
  type DifferentiatedFacts,
  type DifferentiatedParams,
} from '../../sim/policy/differentiated.ts';
import { ensureWorkHistory } from '../../sim/policy/workHistory.ts';
import { World } from '../../sim/model/world.ts';
import { settlementStep } from '../../sim/model/settlement.ts';
import { createWorld } from '../../sim/model/build.ts';
import {
  DORMITORY,
  LOCAL_RURAL,
  LOCAL_URBAN,
  MARKET_RENTAL,
  NONLOCAL_RURAL,
  NO_JOB,
  OWNED,
  PUBLIC_RENTAL,
  RURAL_HOME,
  SECTORS,
  URBAN_VILLAGE,
} from '../../sim/model/enums.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';

const SEED_RULE = loadScenarioFile('scenarios/policies/chongqing-differentiated.yaml').scenario;
const V2015 = loadScenarioFile('scenarios/policies/chongqing-2015.yaml').scenario;
const P = SEED_RULE.policies.differentiated as DifferentiatedParams;
const P15 = V2015.policies.differentiated as DifferentiatedParams;

const migrant = (x: Partial<DifferentiatedFacts>): DifferentiatedFacts => ({
  ageYears: 32,
  hukou: LOCAL_RURAL,
  workedMonths: 0,
  tenure: MARKET_RENTAL,
  registered: true,
  sector: 0,
  formal: false,
  ...x,
});

describe('seed 000: core 5 years, expansion 3, new development zone 2, ecological zones reduce', () => {
  it('the shipped scenario holds the seed rule', () => {
    expect(P.zones.core!.years_work).toBe(5);
    expect(P.zones.expansion!.years_work).toBe(3);
    expect(P.zones.new_district!.years_work).toBe(2);
    expect(P.zones.northeast!.stance).toBe('reduce');
    expect(P.zones.southeast!.stance).toBe('reduce');
  });

  it('a Chongqing migrant with 4 years of work is eligible in the new development zone but not in the core', () => {
    const x = migrant({ workedMonths: 4 * 12 });
    expect(differentiatedEligible(P, 'new_district', x)).toBe(true);
    expect(differentiatedEligible(P, 'expansion', x)).toBe(true);
    expect(differentiatedEligible(P, 'core', x)).toBe(false);
    expect(differentiatedEligible(P, 'northeast', x)).toBe(false);
    expect(differentiatedEligible(P, 'southeast', x)).toBe(false);
  });

  it('draws each zone line at its years: 5 / 3 / 2, to the month', () => {
    for (const [zone, years] of [['core', 5], ['expansion', 3], ['new_district', 2]] as const) {
      expect(differentiatedEligible(P, zone, migrant({ workedMonths: years * 12 - 1 })), `${zone} one month short`).toBe(false);
      expect(differentiatedEligible(P, zone, migrant({ workedMonths: years * 12 })), `${zone} at ${years} years`).toBe(true);
    }
  });

  it('needs a legal, stable residence: owned, or a registered rental; never a rural home', () => {
    const x = migrant({ workedMonths: 10 * 12 });
    expect(differentiatedEligible(P, 'core', { ...x, tenure: OWNED, registered: false })).toBe(true);
    expect(differentiatedEligible(P, 'core', { ...x, tenure: MARKET_RENTAL, registered: false })).toBe(false);
    expect(differentiatedEligible(P, 'core', { ...x, tenure: URBAN_VILLAGE, registered: true })).toBe(true);
    expect(differentiatedEligible(P, 'core', { ...x, tenure: RURAL_HOME, registered: true })).toBe(false);
    expect(differentiatedEligible(P, 'core', { ...x, tenure: -1 })).toBe(false);
  });

  it('residence conditions: owned / registered_rental / public_rental / any', () => {
    expect(residenceOk('owned', MARKET_RENTAL, true)).toBe(false);
    expect(residenceOk('owned', OWNED, false)).toBe(true);
    expect(residenceOk('public_rental', PUBLIC_RENTAL, false)).toBe(true);
    expect(residenceOk('public_rental', MARKET_RENTAL, true)).toBe(false);
    expect(residenceOk('registered_rental', DORMITORY, true)).toBe(true);
    expect(residenceOk('any', URBAN_VILLAGE, false)).toBe(true);
    expect(residenceOk('any', RURAL_HOME, true)).toBe(false);
  });

  it('converts local rural and non-local residents, adults only, not those already urban', () => {
    const x = migrant({ workedMonths: 6 * 12 });
    expect(differentiatedEligible(P, 'core', { ...x, hukou: NONLOCAL_RURAL })).toBe(true);
    expect(differentiatedEligible(P, 'core', { ...x, hukou: LOCAL_URBAN })).toBe(false);
    expect(differentiatedEligible(P, 'core', { ...x, ageYears: 17 })).toBe(false);
    expect(differentiatedEligible({ ...P, include_local_rural: false }, 'core', x)).toBe(false);
    expect(differentiatedEligible({ ...P, include_nonlocal: false }, 'core', { ...x, hukou: NONLOCAL_RURAL })).toBe(false);
  });
});

describe('the 2015 implementing opinion variant', () => {
  const tech = SECTORS.indexOf('tech_finance');
  it('core and expansion need 5 years, 3 in strategic emerging industries (tech_finance)', () => {
    const x = migrant({ workedMonths: 4 * 12 });
    expect(differentiatedEligible(P15, 'expansion', x)).toBe(false);
    expect(differentiatedEligible(P15, 'expansion', { ...x, sector: tech })).toBe(true);
    expect(differentiatedEligible(P15, 'core', { ...x, sector: tech })).toBe(true);
    expect(differentiatedEligible(P15, 'core', { ...x, sector: tech, workedMonths: 35 })).toBe(false);
    expect(differentiatedEligible(P15, 'core', migrant({ workedMonths: 5 * 12 }))).toBe(true);
  });

  it('new development zone: 2 years, or a formal job (labour contract) with no time limit', () => {
    expect(differentiatedEligible(P15, 'new_district', migrant({ workedMonths: 3 }))).toBe(false);
    expect(differentiatedEligible(P15, 'new_district', migrant({ workedMonths: 3, formal: true }))).toBe(true);
    expect(differentiatedEligible(P15, 'new_district', migrant({ workedMonths: 3, formal: true, sector: NO_JOB }))).toBe(false);
    expect(differentiatedEligible(P15, 'core', migrant({ workedMonths: 3, formal: true }))).toBe(false);
    expect(differentiatedEligible(P15, 'new_district', migrant({ workedMonths: 24 }))).toBe(true);
  });

  it('north-east and south-east county towns are open with 3 years', () => {
    expect(differentiatedEligible(P15, 'northeast', migrant({ workedMonths: 35 }))).toBe(false);
    expect(differentiatedEligible(P15, 'southeast', migrant({ workedMonths: 36 }))).toBe(true);
  });
});

describe('the monthly rule on a hand-made world', () => {
  const city = SEED_RULE.city;
  const zoneIndex = (id: string) => city.zones.findIndex((z) => z.id === id);

  /** One household per entry: a 30-year-old local-rural head with a spouse and a child, in a registered rental. */
  function world(people: { zone: string; worked: number }[], seed = 1): World {
    const w = new World(city, 1, seed, 0, { persons: 64, households: 64, dwellings: 64 });
    for (const m of people) {
      const z = zoneIndex(m.zone);
      const h = w.newHousehold(z, -60, true);
      const head = w.newPerson(h, 30 * 12, 0, 3, LOCAL_RURAL, z);
      w.newPerson(h, 29 * 12, 1, 3, LOCAL_RURAL, z);
      w.newPerson(h, 6 * 12, 0, 0, LOCAL_RURAL, z);
      w.moveIn(h, w.newDwelling(z, MARKET_RENTAL, 1));
      for (let p = w.households.cols.head[h]!; p >= 0; p = w.persons.cols.next[p]!) w.persons.cols.registered[p] = 1;
      w.persons.cols.worked[head] = m.worked;
      w.persons.cols.active[head] = 1;
    }
    return w;
  }

  it('grants every eligible applicant (apply rate 1) with the family, in the zone where they live', () => {
    const w = world([
      { zone: 'new_district', worked: 48 },
      { zone: 'core', worked: 48 },
      { zone: 'core', worked: 60 },
      { zone: 'northeast', worked: 120 },
    ]);
    installPolicy(w, differentiatedPolicy, { ...P, apply_rate: 1 });
    settlementStep(w, 1);
    const pc = w.persons.cols;
    const urban = (h: number) => {
      const out: number[] = [];
      for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) out.push(pc.hukou[p]!);
      return out;
    };
    expect(urban(0)).toEqual([LOCAL_URBAN, LOCAL_URBAN, LOCAL_URBAN]); // new district, 4 years
    expect(urban(1)).toEqual([LOCAL_RURAL, LOCAL_RURAL, LOCAL_RURAL]); // core, 4 years
    expect(urban(2)).toEqual([LOCAL_URBAN, LOCAL_URBAN, LOCAL_URBAN]); // core, 5 years
    expect(urban(3)).toEqual([LOCAL_RURAL, LOCAL_RURAL, LOCAL_RURAL]); // reduce zone
    expect(w.flows.applicants).toBe(2);
    expect(w.flows.settledApplicants).toBe(2);
    expect(w.flows.settlements).toBe(6);
    expect(w.flows.settlementsByZone[zoneIndex('new_district')]).toBe(3);
    expect(w.flows.settlementsByZone[zoneIndex('core')]).toBe(3);
    expect(pc.hukouZone[w.households.cols.head[0]!]).toBe(zoneIndex('new_district'));
  });

  it('marks reduce zones for arrivals (stance 2) and closed zones (0)', () => {
    const w = world([]);
    installPolicy(w, differentiatedPolicy, { ...P, zones: { ...P.zones, expansion: { ...P.zones.expansion!, stance: 'closed' } } });
    expect(Array.from(w.levers.zoneStance)).toEqual(city.zones.map((z) => (z.id === 'expansion' ? 0 : z.kind === 'eco' ? 2 : 1)));
    expect(w.levers.settlementOpen).toBe(true);
  });

  it('applies with the apply rate: the eligible apply with probability apply_rate a month (40 seeds × 400 households)', () => {
    // Applicants over 40 seeds ~ Binomial(16,000, apply_rate): with apply_rate 0.03, mean 480 and sd 21.6;
    // 4 sd either side (a false alarm about once in 16,000 runs) is ±86, i.e. the rate is pinned to 0.03 ± 0.0054.
    const seeds = 40;
    const n = 400;
    let applicants = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const w = world(Array.from({ length: n }, () => ({ zone: 'new_district', worked: 36 })), seed);
      installPolicy(w, differentiatedPolicy, P);
      settlementStep(w, 1);
      applicants += w.flows.applicants;
    }
    const trials = seeds * n;
    const mean = trials * P.apply_rate;
    const sd = Math.sqrt(trials * P.apply_rate * (1 - P.apply_rate));
    expect(Math.abs(applicants - mean)).toBeLessThan(4 * sd);
  });

  it('refuses a zone id the city does not have, naming it', () => {
    const w = world([]);
    expect(() => installPolicy(w, differentiatedPolicy, { ...P, zones: { ...P.zones, centre: P.zones.core! } })).toThrow(/unknown zone id "centre"/);
  });
});

describe('work history of the starting population', () => {
  it('gives active persons min(months in the city, months since 16) once, and only when no one has any', () => {
    const w = createWorld(SEED_RULE.city, { sample: 0.0005, seed: 2, replication: 0, start: '2010-07' });
    const pc = w.persons.cols;
    ensureWorkHistory(w);
    let checked = 0;
    const wrong: string[] = [];
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      const want = pc.active[p] ? Math.min(pc.inCity[p]!, Math.max(0, pc.ageM[p]! - 192)) : 0;
      if (pc.worked[p] !== want) wrong.push(`person ${p}: ${pc.worked[p]} months, expected ${want}`);
      checked++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    const p0 = pc.worked.findIndex((v, i) => v > 0 && w.persons.live[i] === 1);
    pc.worked[p0] = 1;
    ensureWorkHistory(w); // someone has a history now: nothing changes
    expect(pc.worked[p0]).toBe(1);
  });
});
