/**
 * How points applicants weigh their chance (sim/model/hukouValue.ts chanceWeight, sim/policy/points.ts
 * expectedCutoff), against hand arithmetic: the decision weight of Tversky & Kahneman (1992), and the
 * cut-off applicants expect before the first round.
 */
import { describe, expect, it } from 'vitest';
import { annuity, chanceWeight, decidesToApply, grantGain, NO_TERMS, type HouseholdFacts } from '../../sim/model/hukouValue.ts';
import { CitySchema } from '../../sim/model/params.ts';
import { PointsSchema, consistentCutoff, expectedCutoff, pointsChance } from '../../sim/policy/points.ts';

const V = CitySchema.shape.hukou_value.parse({});

describe('the decision weight of a chance (Tversky & Kahneman 1992, γ = 0.61)', () => {
  it('is 0 at 0, 1 at 1, the chance itself at γ = 1, and the formula between', () => {
    expect(V.chance_weight_gamma).toBe(0.61);
    expect(chanceWeight(0, 0.61)).toBe(0);
    expect(chanceWeight(1, 0.61)).toBe(1);
    expect(chanceWeight(0.3, 1)).toBe(0.3);
    // 0.01^0.61 = 0.060256, 0.99^0.61 = 0.993888; (1.054144)^(1/0.61) = 1.090305: w = 0.055266.
    expect(chanceWeight(0.01, 0.61)).toBeCloseTo(0.055266, 5);
    expect(chanceWeight(0.5, 0.61)).toBeCloseTo(0.5 ** 0.61 / (2 * 0.5 ** 0.61) ** (1 / 0.61), 12);
  });
  it('overweights small chances and underweights large ones', () => {
    expect(chanceWeight(0.001, 0.61)).toBeGreaterThan(0.01);
    expect(chanceWeight(0.9, 0.61)).toBeLessThan(0.9);
  });
});

describe('a points applicant far below the cut-off', () => {
  const P = PointsSchema.parse({ quota_persons_year: 6000, source: 'test', chance_spread: 5 });
  // Three children without a place, two adults, renting: 12 × A(20) × (3 × 800 + 2 × 250 + 200) = 463,594 yuan.
  const x: HouseholdFacts = { childrenUnplaced: 3, childrenPlaced: 0, adults: 2, renting: true, rural: false, landMu: 0, converting: 5 };
  const gain = grantGain(V, x, NO_TERMS);
  it('30 points below: chance 0.00247, at face value 1,146 yuan < 2,000 paperwork, weighted 0.0247 × gain = 11,452: applies', () => {
    expect(gain).toBeCloseTo(12 * annuity(20, 0.05) * 3100, 4);
    const chance = pointsChance(P, 80, 110);
    expect(chance).toBeCloseTo(1 / (1 + Math.exp(6)), 12);
    expect(chance * gain).toBeLessThan(V.paperwork_yuan);
    expect(decidesToApply({ ...V, chance_weight_gamma: 1 }, x, NO_TERMS, chance, 0.5)).toBe(false);
    expect(chanceWeight(chance, 0.61) * gain).toBeGreaterThan(V.paperwork_yuan);
    expect(decidesToApply(V, x, NO_TERMS, chance, 0.5)).toBe(true);
  });
  it('60 points below: weight 0.00066 × gain = 306 yuan < 2,000: does not apply', () => {
    const chance = pointsChance(P, 50, 110);
    expect(chanceWeight(chance, 0.61) * gain).toBeLessThan(V.paperwork_yuan);
    expect(decidesToApply(V, x, NO_TERMS, chance, 0.5)).toBe(false);
  });
});

describe('the cut-off applicants expect', () => {
  const P = PointsSchema.parse({ quota_persons_year: 6000, source: 'test' });
  const pool = [70, 95, 88, 101, 60, 99, 92, 85, 77, 90];
  it("is last round's cut-off once there was a round", () => {
    expect(expectedCutoff(P, 93.5, pool.slice(), 0.001)).toBe(93.5);
  });
  it('before the first round: the ⌈quota × sample⌉-th best eligible score (6,000 × 0.0005 = 3 → 95; × 0.0006 → 4th, 92)', () => {
    expect(expectedCutoff(P, NaN, pool.slice(), 0.0005)).toBe(95);
    expect(expectedCutoff(P, NaN, pool.slice(), 0.0006)).toBe(92);
    expect(expectedCutoff(P, NaN, pool.slice(), 0.00001)).toBe(101); // at least one place
  });
  it('a quota larger than the pool: −∞, everyone eligible is sure; no quota: NaN (the pass mark decides)', () => {
    expect(expectedCutoff(P, NaN, pool.slice(), 0.01)).toBe(-Infinity);
    expect(pointsChance(P, 60, -Infinity)).toBe(1);
    expect(expectedCutoff(PointsSchema.parse({ pass_mark: 140, source: 'test' }), NaN, pool.slice(), 0.01)).toBeNaN();
  });
});

describe('the cut-off applicants expect before the first round is consistent with their own decisions', () => {
  const P = PointsSchema.parse({ quota_persons_year: 6000, source: 'test', chance_spread: 5 });
  const scores = [100, 95, 90, 85];
  const cost = 2000;
  it('at face value with stake = 2 × cost each applies iff the expected cut-off is below their score: 2 places → 95', () => {
    // chance > 1/2 ⇔ score > c; for c < 95 both 100 and 95 apply, the 2nd best is 95 > c; from 95 on only 100 does.
    const c = consistentCutoff(P, scores, scores.map(() => 2 * cost), cost, 1, 2, 95);
    expect(c).toBeCloseTo(95, 5);
    expect(consistentCutoff(P, scores, scores.map(() => 2 * cost), cost, 1, 3, 90)).toBeCloseTo(90, 5);
  });
  it('keen applicants (they apply down to a chance 1/(1 + e²)) expect the all-apply cut-off', () => {
    const stake = cost * (1 + Math.exp(2)) * 1.0001;
    expect(consistentCutoff(P, scores, scores.map(() => stake), cost, 1, 2, 95)).toBeCloseTo(95, 5);
  });
  it('sits where the best applicant would stop applying when the two best are reluctant and the others keen', () => {
    // 100 and 95 need a chance above 0.9 (c < s − 5 ln 9 = s − 10.99); 90 and 85 apply down to 1/(1 + e²) (c < s + 10).
    const need = (q: number) => cost / q;
    const stakes = [need(0.9) * 1.0001, need(0.9) * 1.0001, need(1 / (1 + Math.exp(2))) * 1.0001, need(1 / (1 + Math.exp(2))) * 1.0001];
    // Applies iff c < a: a = 89.01, 84.01, 100, 95. Second best of those applying at c: below 84.01 → 95 (> c);
    // [84.01, 89.01) → 90 (> c); [89.01, 95) → 85 (< c): the expectation sits at the jump, 100 − 5 logit(0.9).
    const q = 0.9 / 1.0001;
    expect(consistentCutoff(P, scores, stakes, cost, 1, 2, 95)).toBeCloseTo(100 - 5 * Math.log(q / (1 - q)), 4);
  });
  it('−∞ when fewer than the places would apply even when sure', () => {
    expect(consistentCutoff(P, scores, scores.map(() => cost / 2), cost, 1, 2, 95)).toBe(-Infinity);
  });
});
