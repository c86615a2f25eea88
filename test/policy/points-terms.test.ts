/**
 * Every term of every shipped points rule inside a full score (issue 18,
 * item 23): for each shipped points scenario and each term (education,
 * insurance, residence, age, housing, insurance base, tax, living or working
 * outside the core, penalty), a hand-made person for whom that term is not
 * zero, scored by scorePerson and by the rule's arithmetic written out here
 * from the scenario's own parameters. Dropping any one term from scorePerson
 * (e.g. the tax term, whose threshold no other test's wage reached) fails
 * the test of that term for every rule that awards it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { scorePerson, type PointsFacts, type PointsParams } from '../../sim/policy/points.ts';
import { EDUCATION, MARKET_RENTAL, OWNED } from '../../sim/model/enums.ts';

const SHIPPED = readdirSync('scenarios/policies')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/policies/${f}`)
  .filter((f) => (loadScenarioFile(f).scenario.policies as { points?: unknown }).points !== undefined);

/** The rule's arithmetic, term by term, written from its documented definition (docs/policies/points.md). */
function byHand(P: PointsParams, x: PointsFacts): Record<string, number> {
  const yearsOf = (m: number, whole: boolean) => (whole ? Math.floor(m / 12) : m / 12);
  const ageBand = P.age.find((b) => x.ageYears <= b.max_age);
  const insured = Math.min(x.insuredMonths, x.insuranceWindowMonths);
  const housingMonths = P.housing.within_insurance ? Math.min(x.registeredMonths, insured) : x.registeredMonths;
  const housingYears = yearsOf(housingMonths, P.housing.whole_years);
  const O = P.outside_core;
  const accrued = (rate: number) => (O.accrue_from === undefined ? rate : Math.min(O.cap, rate * Math.floor(x.outsideCoreMonths / 12)));
  const housingRate = x.tenure === OWNED ? P.housing.owned_per_year : x.tenure === MARKET_RENTAL ? P.housing.rental_per_year : 0;
  const bases = P.insurance_base.filter((b) => x.wageRatio >= b.min_ratio && x.insuredMonths >= b.min_insured_months).map((b) => b.points);
  return {
    education: (P.education as Record<string, number | undefined>)[EDUCATION[x.edu]!] ?? 0,
    insurance: Math.min(P.insurance.cap, P.insurance.points_per_year * yearsOf(insured, P.insurance.whole_years)),
    residence: Math.min(P.residence.cap, P.residence.points_per_year * Math.floor(x.inCityMonths / 12)),
    age: ageBand ? ageBand.points : 0,
    housing: Math.min(P.housing.cap, housingRate * housingYears),
    insuranceBase: Math.max(0, ...bases),
    tax: x.wageRatio >= P.tax.min_wage_ratio ? Math.min(P.tax.cap, P.tax.points_per_year * Math.floor(x.insuredMonths / 12)) : 0,
    outsideCore: (x.livesOutsideCore ? accrued(O.live) : 0) + (x.worksOutsideCore ? accrued(O.work) : 0),
    penalty: x.penalty ? -P.penalty.deduction : 0,
  };
}
const total = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);

/** A plain applicant: every term at zero or small, so a term switched on shows in the total. */
const plain: PointsFacts = { ageYears: 70, edu: 0, insuredMonths: 0, inCityMonths: 0, registeredMonths: 0, tenure: -1, wageRatio: 0, livesOutsideCore: false, worksOutsideCore: false, penalty: false, insuranceWindowMonths: Infinity, outsideCoreMonths: 0 };

/** A person for whom `term` is not zero under rule P (or null when the rule never awards it). */
function personFor(P: PointsParams, term: string): PointsFacts | null {
  const topWage = Math.max(P.tax.min_wage_ratio, ...P.insurance_base.map((b) => b.min_ratio)) + 1;
  const x: PointsFacts = { ...plain, ageYears: 30, insuredMonths: 7 * 12 + 5, inCityMonths: 6 * 12 + 7, registeredMonths: 5 * 12 + 3 };
  switch (term) {
    case 'education': {
      const best = EDUCATION.map((_, i) => i).find((i) => ((P.education as Record<string, number | undefined>)[EDUCATION[i]!] ?? 0) !== 0);
      return best === undefined ? null : { ...x, edu: best };
    }
    case 'insurance':
      return P.insurance.points_per_year > 0 && P.insurance.cap > 0 ? x : null;
    case 'residence':
      return P.residence.points_per_year > 0 && P.residence.cap > 0 ? x : null;
    case 'age':
      return P.age.some((b) => b.points !== 0) ? { ...x, ageYears: P.age.find((b) => b.points !== 0)!.max_age } : null;
    case 'housing':
      if (P.housing.cap <= 0) return null;
      if (P.housing.owned_per_year > 0) return { ...x, tenure: OWNED };
      return P.housing.rental_per_year > 0 ? { ...x, tenure: MARKET_RENTAL } : null;
    case 'insuranceBase':
      return P.insurance_base.some((b) => b.points > 0) ? { ...x, wageRatio: topWage, insuredMonths: Math.max(x.insuredMonths, ...P.insurance_base.map((b) => b.min_insured_months)) } : null;
    case 'tax':
      return P.tax.points_per_year > 0 && P.tax.cap > 0 ? { ...x, wageRatio: Math.max(P.tax.min_wage_ratio, 0) + 0.01 } : null;
    case 'outsideCore':
      return P.outside_core.live !== 0 || P.outside_core.work !== 0 ? { ...x, livesOutsideCore: true, worksOutsideCore: true, outsideCoreMonths: 2 * 12 + 5 } : null;
    case 'penalty':
      return P.penalty.deduction !== 0 ? { ...x, penalty: true } : null;
  }
  return null;
}

const TERMS = ['education', 'insurance', 'residence', 'age', 'housing', 'insuranceBase', 'tax', 'outsideCore', 'penalty'];

describe('each term of each shipped points rule counts in the full score', () => {
  it('there are shipped points rules', () => expect(SHIPPED.length).toBeGreaterThanOrEqual(5));
  for (const f of SHIPPED) {
    const P = (loadScenarioFile(f).scenario.policies as { points: PointsParams }).points;
    it(`${f}: every term the rule awards, inside a full score`, () => {
      let awarded = 0;
      for (const term of TERMS) {
        const x = personFor(P, term);
        if (x === null) continue;
        awarded++;
        const t = byHand(P, x);
        expect(t[term], `${term} is not zero for this person`).not.toBe(0);
        expect(scorePerson(P, x), `${f}: ${term}`).toBeCloseTo(total(t), 9);
      }
      expect(awarded).toBeGreaterThanOrEqual(2);
    });
  }
  it('the tax term is awarded by at least one shipped rule (so dropping it is caught)', () => {
    expect(SHIPPED.some((f) => personFor((loadScenarioFile(f).scenario.policies as { points: PointsParams }).points, 'tax') !== null)).toBe(true);
  });
});
