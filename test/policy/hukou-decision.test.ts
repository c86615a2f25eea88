/**
 * Settlement as a household decision (sim/model/hukouValue.ts), on hand-made
 * persons against the documented arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { annuity, chanceWeight, decidesToApply, grantGain, householdValue, landCost, taste, wantsHukou, type HouseholdFacts, type RuleTerms } from '../../sim/model/hukouValue.ts';
import { CitySchema } from '../../sim/model/params.ts';
import { PointsSchema, pointsChance } from '../../sim/policy/points.ts';
import { landTicketsPolicy, LandTicketsSchema } from '../../sim/policy/landTickets.ts';
import { LOCAL_RURAL, MARKET_RENTAL } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, tinyWorld } from './helpers.ts';

const V = CitySchema.shape.hukou_value.parse({});
const A20 = annuity(20, 0.05); // 12.4622…
const noTerms = (o: Partial<RuleTerms> = {}): RuleTerms => ({ retentionYears: 0, landCompensation: 0, ownContributionPerPerson: 0, fees: 0, ...o });
// A rural migrant couple, renting, one child in the city with a place: value = 12 × A(20) × (150 + 2 × 250 + 200).
const couple = (landMu: number): HouseholdFacts => ({ childrenUnplaced: 0, childrenPlaced: 1, adults: 2, renting: true, rural: true, landMu, converting: 3 });
const U_NEUTRAL = 0.5; // taste 0

describe('the value of local hukou and the cost of land rights (hand arithmetic)', () => {
  it('annuity factor and household value', () => {
    expect(A20).toBeCloseTo((1 - 1.05 ** -20) / 0.05, 12);
    expect(householdValue(V, couple(0))).toBeCloseTo(12 * A20 * (150 + 500 + 200), 6);
    expect(taste(V, 0.5)).toBe(0);
    expect(taste(V, 0.75)).toBeCloseTo(30000 * Math.log(3), 6);
  });
  it('land given up at once costs the land income over the horizon; with 3 years of retention, the years after the third', () => {
    expect(landCost(V, couple(10), 0)).toBeCloseTo(1000 * 10 * A20, 6);
    expect(landCost(V, couple(10), 3)).toBeCloseTo(1000 * 10 * (A20 - annuity(3, 0.05)), 6);
    expect(landCost(V, couple(10), 100)).toBe(0);
    expect(landCost(V, { ...couple(10), rural: false }, 0)).toBe(0);
  });
});

describe('a rural migrant with valuable land rights declines, and with retention applies', () => {
  // Value 12 × 12.4622 × 850 = 127,115 yuan. Land worth 10,800 mu-yuan a year: at once 134,592 → gain −7,477: declines.
  // With Chongqing's 3 years of retention the loss is 10,800 × (12.4622 − 2.7232) = 105,181 → gain 21,934 > 2,000 paperwork: applies.
  const x = couple(10.8);
  it('without retention the land outweighs hukou: no application', () => {
    const gain = grantGain(V, x, noTerms());
    expect(gain).toBeCloseTo(12 * A20 * 850 - 1000 * 10.8 * A20, 6);
    expect(gain).toBeLessThan(0);
    expect(decidesToApply(V, x, noTerms(), 1, U_NEUTRAL)).toBe(false);
  });
  it('with three years of retention (Chongqing 2010) the same household applies', () => {
    const gain = grantGain(V, x, noTerms({ retentionYears: 3 }));
    expect(gain).toBeCloseTo(12 * A20 * 850 - 1000 * 10.8 * (A20 - annuity(3, 0.05)), 6);
    expect(gain).toBeGreaterThan(V.paperwork_yuan);
    expect(decidesToApply(V, x, noTerms({ retentionYears: 3 }), 1, U_NEUTRAL)).toBe(true);
  });
  it("a land ticket's expected payment, or a lower own contribution, move the decision by their amounts", () => {
    const g0 = grantGain(V, x, noTerms());
    expect(grantGain(V, x, noTerms({ landCompensation: 10000 }))).toBeCloseTo(g0 + 10000, 6);
    expect(decidesToApply(V, x, noTerms({ landCompensation: 10000 }), 1, U_NEUTRAL)).toBe(true); // −7,477 + 10,000 > 2,000
    expect(grantGain(V, x, noTerms({ ownContributionPerPerson: 1000 }))).toBeCloseTo(g0 - 3000, 6); // three members convert
  });
  it('in a world: a hand-made household declines with no retention, applies with land kept, and a land ticket flips it only with land_tickets installed', () => {
    // No personal taste here (taste_sd 0), so each decision is the sign of the hand-computed gain − paperwork.
    const w = tinyWorld(chongqingWith({ city: { hukou_value: { taste_sd_yuan: 0 } } }));
    const { persons } = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, landMu: 10.8, members: [{ ageYears: 35, hukou: LOCAL_RURAL, wage: 3000 }, { ageYears: 33, hukou: LOCAL_RURAL }] });
    const p = persons[0]!;
    // Two adults, renting, no children: value 12 × A20 × (2 × 250 + 200) = 104,683; land at once 134,592.
    const gainNoRet = 12 * A20 * 700 - 1000 * 10.8 * A20;
    expect(gainNoRet).toBeLessThan(-2000);
    expect(wantsHukou(w, p, 1, 0, 0, 1)).toBe(false);
    expect(wantsHukou(w, p, 1, 100, 0, 1)).toBe(true); // land kept: 104,683 > 2,000
    // Land tickets: expected payment 0.3 × min(20, 10.8) × 200,000 × 0.85 = 550,800 outweighs the loss.
    landTicketsPolicy.install(w, LandTicketsSchema.parse({ source: 'test', area_mu_per_household: 20 }));
    expect(gainNoRet + 0.3 * 10.8 * 200000 * 0.85).toBeGreaterThan(2000);
    expect(wantsHukou(w, p, 1, 0, 0, 1)).toBe(true);
    // A route fee larger than the gain stops it again.
    expect(wantsHukou(w, p, 1, 0, gainNoRet + 0.3 * 10.8 * 200000 * 0.85, 1)).toBe(false);
  });
});

describe('points applicants apply by their expected chance', () => {
  const P = PointsSchema.parse({ quota_persons_year: 6000, source: 'test', chance_spread: 5 });
  const mark = PointsSchema.parse({ pass_mark: 140, source: 'test' });
  it('chance: none below a pass mark, 1 at or above it with no quota; a logistic in the distance from the last cut-off under a quota; 1 before any round', () => {
    expect(pointsChance(mark, 139.5, NaN)).toBe(0);
    expect(pointsChance(mark, 140, NaN)).toBe(1);
    expect(pointsChance(P, 80, NaN)).toBe(1);
    expect(pointsChance(P, 100, 100)).toBeCloseTo(0.5, 12);
    expect(pointsChance(P, 90, 100)).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
  });
  it('a points applicant with no chance does not apply, however much hukou is worth to them', () => {
    const x: HouseholdFacts = { childrenUnplaced: 3, childrenPlaced: 0, adults: 2, renting: true, rural: false, landMu: 0, converting: 5 };
    expect(grantGain(V, x, noTerms())).toBeGreaterThan(400000);
    expect(decidesToApply(V, x, noTerms(), pointsChance(mark, 120, NaN), 0.999)).toBe(false);
    // Far below last round's cut-off under a quota: the chance's decision weight × gain < paperwork.
    const chance = pointsChance(P, 40, 110); // 1 / (1 + e^14) ≈ 8.3e-7, weighted ≈ 2.0e-4
    expect(chanceWeight(chance, V.chance_weight_gamma) * (grantGain(V, x, noTerms()) + taste(V, 0.9))).toBeLessThan(V.paperwork_yuan);
    expect(decidesToApply(V, x, noTerms(), chance, 0.9)).toBe(false);
    // Near the cut-off the same household applies.
    expect(decidesToApply(V, x, noTerms(), pointsChance(P, 108, 110), 0.5)).toBe(true);
  });
});
