/**
 * Conditions-based settlement (sim/policy/conditions.ts): the monthly round's apply chance on a
 * hand-made world.
 */
import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { conditionsPolicy, ConditionsSchema } from '../../sim/policy/conditions.ts';
import { settlementStep } from '../../sim/model/settlement.ts';
import { LOCAL_RURAL, OWNED } from '../../sim/model/enums.ts';
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
