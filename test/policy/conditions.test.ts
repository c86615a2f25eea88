/**
 * Conditions-based settlement (sim/policy/conditions.ts): the monthly round's apply chance on a
 * hand-made world, and its column tests against the rule (meetsConditions).
 */
import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { conditionsPolicy, conditionsRound, ConditionsSchema, meetsConditions } from '../../sim/policy/conditions.ts';
import { wantsHukou } from '../../sim/model/hukouValue.ts';
import { NO_PERMIT } from '../../sim/model/world.ts';
import { insuredOf } from '../../sim/model/workSpells.ts';
import { settlementStep } from '../../sim/model/settlement.ts';
import { DORMITORY, LOCAL_RURAL, LOCAL_URBAN, MARKET_RENTAL, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, tinyWorld } from './helpers.ts';

/** Applicants of one round in a hand-made world of n owner households of local rural adults 4 years in the city. */
function applicants(seed: number, applyRate: number, n: number): number {
  const w = tinyWorld(chongqingWith(), 1e-5, seed);
  for (let i = 0; i < n; i++) {
    const x = addHousehold(w, { zone: 0, tenure: OWNED, members: [{ ageYears: 35, hukou: LOCAL_RURAL }], savings: 1e6 });
    w.persons.cols.inCity[x.persons[0]!] = 48;
  }
  installPolicy(w, conditionsPolicy, ConditionsSchema.parse({ min_years_in_city: 3, residence: 'owned', apply_rate: applyRate, source: 'test' }));
  settlementStep(w, 1);
  return w.flows.applicants;
}

describe('conditions: the monthly round', () => {
  it('the eligible consider applying with apply_rate each, independently (20 seeds × 500 households, within 4 SD of Binomial(those who would apply, 0.2))', () => {
    let sure = 0;
    let got = 0;
    for (let seed = 1; seed <= 20; seed++) {
      // With apply_rate 1 every eligible person considers applying: those who then apply are the trials.
      sure += applicants(seed, 1, 500);
      got += applicants(seed, 0.2, 500);
    }
    expect(sure).toBeGreaterThan(5000); // most of the hand-made owners want hukou
    const sd = Math.sqrt(sure * 0.2 * 0.8);
    expect(Math.abs(got - 0.2 * sure)).toBeLessThan(4 * sd);
  });

  it('apply_rate 0 makes no applicant', () => {
    expect(applicants(1, 0, 200)).toBe(0);
  });
});

/**
 * The round's column tests (in their own order, without a division) against meetsConditions, the
 * hand-checkable rule, on a hand-made world of one-adult households spread over the conditions (ages
 * about 18, months in the city and insured about the thresholds, every tenure and no dwelling, every
 * hukou, permit or none, registered or not), after removing the starting households (their rows are
 * stale). With apply_rate 1 every eligible person considers applying; the granted are those of them
 * whose household wants hukou.
 */
function grantedAgainstRule(params: Record<string, unknown>): { granted: number[]; expected: number[] } {
  const c = ConditionsSchema.parse({ apply_rate: 1, source: 'test', ...params });
  const w = tinyWorld(chongqingWith(), 1e-5, 3);
  for (let h = 0; h < w.households.size; h++) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
  const tenures = [-1, OWNED, MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY, RURAL_HOME];
  const pc = w.persons.cols;
  for (let i = 0; i < 700; i++) {
    const x = addHousehold(w, { zone: 0, tenure: tenures[i % 7]!, members: [{ ageYears: 17 + (i % 5) * 0.5, hukou: (i >> 1) % 4 }], savings: 1e6 });
    const p = x.persons[0]!;
    pc.ageM[p] = 214 + (i % 5); // 17 years 10 months .. 18 years 2 months
    pc.inCity[p] = 22 + ((i * 5) % 6); // about 2 years
    pc.insured[p] = 16 + ((i * 3) % 5); // about 1.5 years
    pc.permitSince[p] = i % 3 === 0 ? NO_PERMIT : -5;
    pc.registered[p] = (i >> 2) % 2;
  }
  const hc = w.households.cols;
  const expected: number[] = [];
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const hk = pc.hukou[p]!;
    if (hk === LOCAL_URBAN || (!c.include_local_rural && hk === LOCAL_RURAL)) continue;
    const x = { yearsInCity: pc.inCity[p]! / 12, insuredYears: insuredOf(pc.insured, pc.formal, w.labourSteps, p) / 12, tenure: hc.dwTenure[pc.hh[p]!]!, registered: pc.registered[p] === 1, hasPermit: pc.permitSince[p] !== NO_PERMIT, ageYears: pc.ageM[p]! / 12 };
    if (meetsConditions(c, x) && wantsHukou(w, p, 1, c.land_retention_years, 0, 1)) expected.push(p);
  }
  const before = Uint8Array.from(pc.hukou);
  conditionsRound(w, c, 1);
  const granted: number[] = [];
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && before[p] !== LOCAL_URBAN && pc.hukou[p] === LOCAL_URBAN) granted.push(p);
  expect(w.flows.applicants).toBe(granted.length);
  return { granted, expected };
}

describe('conditions: the round grants those the rule finds eligible', () => {
  const cases: Record<string, unknown>[] = [
    { min_years_in_city: 2, residence: 'any', require_permit: true, include_local_rural: false, min_insured_years: 1.5 },
    { min_years_in_city: 2, residence: 'registered' },
    { min_years_in_city: 1.9, residence: 'owned_or_public_rental', require_permit: true, min_insured_years: 1.4 },
    { min_years_in_city: 2.1, residence: 'owned', include_local_rural: false },
  ];
  for (const params of cases) {
    it(`${JSON.stringify(params)}`, () => {
      const { granted, expected } = grantedAgainstRule(params);
      expect(expected.length).toBeGreaterThan(5);
      expect(granted).toEqual(expected);
    });
  }
});
