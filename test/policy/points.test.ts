/**
 * Points-based settlement (sim/policy/points.ts): the scoring arithmetic of
 * the real rules on hand-made persons, entry conditions, the quota at several
 * sample fractions with its carried remainder, the cut-off as an outcome, the
 * services threshold, 居转户 and the adaptation of informal workers.
 */
import { monthIndex } from '../../sim/policy/dates.ts';
import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import {
  PointsSchema,
  hukouRouteEligible,
  pointsEligible,
  pointsPolicy,
  quotaAgents,
  scorePerson,
  scoreTerms,
  type EligibilityFacts,
  type PointsFacts,
  type PointsParams, consistentCutoff, lastCutoff, pointsChance } from '../../sim/policy/points.ts';
import { decisionStake, wantsHukou } from '../../sim/model/hukouValue.ts';
import { personDraw } from '../../sim/policy/personDraw.ts';
import { World, NO_PERMIT } from '../../sim/model/world.ts';
import { createWorld } from '../../sim/model/build.ts';
import { settlementStep } from '../../sim/model/settlement.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { schoolRank } from '../../sim/model/services.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import {
  EDUCATION,
  EDU_BACHELOR,
  EDU_COLLEGE,
  EDU_MASTER,
  LOCAL_RURAL,
  LOCAL_URBAN,
  MARKET_RENTAL,
  NONLOCAL_RURAL,
  NONLOCAL_URBAN,
  OWNED,
} from '../../sim/model/enums.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { CHONGQING } from '../helpers.ts';
import { regMonthsOf } from '../../sim/model/regMonths.ts';

const edu = (name: (typeof EDUCATION)[number]) => EDUCATION.indexOf(name);

/** Shanghai 居住证积分 (2017 Procedures), as in calibration.md "Points systems". */
function shanghaiAge(): { max_age: number; points: number }[] {
  // 43 or under: 30; 56–60: 5; +2 for each year younger than 56 (44 → 29).
  const bands = [{ max_age: 43, points: 30 }];
  for (let a = 44; a <= 55; a++) bands.push({ max_age: a, points: 5 + 2 * (56 - a) });
  bands.push({ max_age: 60, points: 5 });
  return bands;
}
const SHANGHAI: PointsParams = PointsSchema.parse({
  eligibility: { require_permit: true, min_insured_years: 0.5, max_age: 60 },
  education: { college: 50, bachelor: 90, master: 100, doctorate: 110 },
  insurance: { points_per_year: 3, cap: 48 },
  age: shanghaiAge(),
  insurance_base: [
    { min_ratio: 0.8, points: 25, min_insured_months: 36 },
    { min_ratio: 1, points: 50, min_insured_months: 36 },
    { min_ratio: 2, points: 100, min_insured_months: 36 },
    { min_ratio: 3, points: 120, min_insured_months: 24 },
  ],
  services_threshold: { points: 120 },
  hukou_route: { permit_years: 7, insured_years: 7, min_education: 'bachelor', min_wage_ratio: 1 },
  month_of_year: 6,
  source: 'test: Shanghai 2017',
});

/** Beijing 积分落户 (2016 Measures), calibration.md. */
const BEIJING: PointsParams = PointsSchema.parse({
  eligibility: { require_permit: true, min_insured_years: 7, max_age: 59, record_ineligible_share: 0.01 },
  education: { college: 10.5, bachelor: 15, master: 26, doctorate: 37 },
  insurance: { points_per_year: 3 },
  age: [{ max_age: 45, points: 20 }],
  housing: { owned_per_year: 1, rental_per_year: 0.5 },
  tax: { min_wage_ratio: 5, points_per_year: 2, cap: 6 },
  outside_core: { live: 6, work: 6 },
  penalty: { share: 0.01, deduction: 30 },
  quota_persons_year: 6000,
  month_of_year: 6,
  source: 'test: Beijing 2016',
});

const facts = (x: Partial<PointsFacts>): PointsFacts => ({
  ageYears: 30,
  edu: 0,
  insuredMonths: 0,
  inCityMonths: 0,
  registeredMonths: 0,
  tenure: -1,
  wageRatio: 0,
  livesOutsideCore: false,
  worksOutsideCore: false,
  penalty: false,
  insuranceWindowMonths: Infinity,
  outsideCoreMonths: 0,
  ...x,
});
const elig = (x: Partial<EligibilityFacts>): EligibilityFacts => ({
  ageYears: 35,
  hasPermit: true,
  permitMonths: 60,
  insuredMonths: 0,
  criminalRecord: false,
  hukou: NONLOCAL_RURAL,
  ...x,
});

describe('Shanghai 2017 residence-permit points', () => {
  it('scores a 40-year-old bachelor with 4 years of insurance at 1.5× the mean wage: 30 + 90 + 50 + 12 = 182', () => {
    const x = facts({ ageYears: 40, edu: EDU_BACHELOR, insuredMonths: 48, inCityMonths: 60, wageRatio: 1.5 });
    const t = scoreTerms(SHANGHAI, x);
    expect(t.age).toBe(30); // 43 or under
    expect(t.education).toBe(90); // bachelor with degree
    expect(t.insuranceBase).toBe(50); // 1–2× the average wage, 36+ months
    expect(t.insurance).toBe(3 * 4); // 3 points a year of social insurance
    expect(t.residence + t.housing + t.tax + t.outsideCore + t.penalty).toBe(0);
    expect(scorePerson(SHANGHAI, x)).toBe(30 + 90 + 50 + 12);
    expect(scorePerson(SHANGHAI, x)).toBeGreaterThanOrEqual(SHANGHAI.services_threshold!.points);
  });

  it('the shipped Shanghai scenarios score the same person 182 too', () => {
    const x = facts({ ageYears: 40, edu: EDU_BACHELOR, insuredMonths: 48, inCityMonths: 60, wageRatio: 1.5 });
    for (const f of ['scenarios/policies/shanghai-points-services.yaml', 'scenarios/policies/shanghai-points.yaml']) {
      const P = loadScenarioFile(f).scenario.policies.points as PointsParams;
      expect(scorePerson(P, x), f).toBe(30 + 90 + 50 + 12);
      expect(P.services_threshold?.points, f).toBe(120);
    }
  });

  it('follows the age table: 44 scores 29, 50 scores 17, 56 and 60 score 5, 61 scores 0', () => {
    const age = (a: number) => scoreTerms(SHANGHAI, facts({ ageYears: a })).age;
    expect(age(18)).toBe(30);
    expect(age(44)).toBe(5 + 2 * 12);
    expect(age(50)).toBe(5 + 2 * 6);
    expect(age(56)).toBe(5);
    expect(age(60)).toBe(5);
    expect(age(61)).toBe(0);
  });

  it('gives the insurance-base bands by wage ratio and months of insurance', () => {
    const base = (r: number, m: number) => scoreTerms(SHANGHAI, facts({ wageRatio: r, insuredMonths: m })).insuranceBase;
    expect(base(0.7, 48)).toBe(0);
    expect(base(0.9, 48)).toBe(25);
    expect(base(1.0, 48)).toBe(50);
    expect(base(2.5, 48)).toBe(100);
    expect(base(3.2, 48)).toBe(120);
    expect(base(3.2, 30)).toBe(120); // ≥3× needs only 24 months
    expect(base(2.5, 30)).toBe(0); // other bands need 36
  });

  it('caps points for social insurance and counts whole years', () => {
    expect(scoreTerms(SHANGHAI, facts({ insuredMonths: 12 * 20 })).insurance).toBe(48);
    expect(scoreTerms(SHANGHAI, facts({ insuredMonths: 12 * 4 + 11 })).insurance).toBe(12);
  });

  it('居转户: 7 years of permit and insurance, bachelor and at least the mean wage', () => {
    const ok = { ...elig({ permitMonths: 84, insuredMonths: 84 }), edu: EDU_BACHELOR, wageRatio: 1.2 };
    expect(hukouRouteEligible(SHANGHAI, ok)).toBe(true);
    expect(hukouRouteEligible(SHANGHAI, { ...ok, permitMonths: 83 })).toBe(false);
    expect(hukouRouteEligible(SHANGHAI, { ...ok, insuredMonths: 80 })).toBe(false);
    expect(hukouRouteEligible(SHANGHAI, { ...ok, edu: EDU_COLLEGE })).toBe(false);
    expect(hukouRouteEligible(SHANGHAI, { ...ok, wageRatio: 0.9 })).toBe(false);
    expect(hukouRouteEligible(BEIJING, ok)).toBe(false); // no such route in Beijing
  });
});

describe('Beijing 2016 points', () => {
  it('needs 7 years of social insurance: 6 years is ineligible, 7 eligible', () => {
    expect(pointsEligible(BEIJING, elig({ insuredMonths: 6 * 12 }))).toBe(false);
    expect(pointsEligible(BEIJING, elig({ insuredMonths: 7 * 12 - 1 }))).toBe(false);
    expect(pointsEligible(BEIJING, elig({ insuredMonths: 7 * 12 }))).toBe(true);
  });

  it('needs a permit, an age under retirement, a clean record and non-local hukou', () => {
    const ok = elig({ insuredMonths: 8 * 12 });
    expect(pointsEligible(BEIJING, ok)).toBe(true);
    expect(pointsEligible(BEIJING, { ...ok, hasPermit: false })).toBe(false);
    expect(pointsEligible(BEIJING, { ...ok, ageYears: 60 })).toBe(false);
    expect(pointsEligible(BEIJING, { ...ok, criminalRecord: true })).toBe(false);
    expect(pointsEligible(BEIJING, { ...ok, hukou: LOCAL_RURAL })).toBe(false);
    expect(pointsEligible(BEIJING, { ...ok, hukou: NONLOCAL_URBAN })).toBe(true);
  });

  it('adds the indicators: master 26 + 9 years × 3 + age ≤ 45 20 + owned 4 years × 1 + outside the core 6 + 6', () => {
    const x = facts({ ageYears: 38, edu: EDU_MASTER, insuredMonths: 9 * 12 + 5, registeredMonths: 4 * 12 + 3, tenure: OWNED, wageRatio: 2, livesOutsideCore: true, worksOutsideCore: true });
    expect(scorePerson(BEIJING, x)).toBe(26 + 27 + 20 + 4 + 12);
    // Renting instead: 0.5 a year; only one of owned / rental counts.
    expect(scoreTerms(BEIJING, { ...x, tenure: MARKET_RENTAL }).housing).toBe(2);
    // A high earner (≥5× the mean wage) gets 2 a year of tax, at most 6; a penalty takes 30.
    expect(scoreTerms(BEIJING, { ...x, wageRatio: 6 }).tax).toBe(6);
    expect(scoreTerms(BEIJING, { ...x, wageRatio: 6, insuredMonths: 24 }).tax).toBe(4);
    expect(scorePerson(BEIJING, { ...x, penalty: true })).toBe(26 + 27 + 20 + 4 + 12 - 30);
  });

  // The shipped scenario's rule (scenarios/policies/beijing-points.yaml), with the 2018 implementing arithmetic:
  // insurance and housing by the month (3 and 0.5 or 1 a year, /12 a month), insurance only from 1998-07, housing
  // only in insured months, the outside-core points 2 a year each for home and job from 2018-01 (at most 6 each),
  // everything counted to 31 December before the round.
  const SHIPPED_BJ = (() => {
    const { from: _f, until: _u, ...p } = (loadScenarioFile("scenarios/policies/beijing-points.yaml").scenario.policies as unknown as { points: Record<string, unknown> }).points;
    return PointsSchema.parse(p);
  })();
  // 1998-07 .. 2017-12 inclusive: the months the 2018 round counts.
  const W2018 = (2017 - 1998) * 12 + 12 - 7 + 1;

  it('the 2018 round counts at most 1998-07..2017-12 of insurance: 234 months, 58.5 points', () => {
    expect(W2018).toBe(234);
    const x = facts({ ageYears: 40, edu: EDU_BACHELOR, insuredMonths: 250, registeredMonths: 200, tenure: MARKET_RENTAL, insuranceWindowMonths: W2018 });
    const t = scoreTerms(SHIPPED_BJ, x);
    expect(t.insurance).toBeCloseTo(58.5, 10); // 250 months paid, 234 counted
    expect(t.housing).toBeCloseTo((0.5 * 200) / 12, 10); // 8.333…: rented 200 months, all insured
    expect(scorePerson(SHIPPED_BJ, x)).toBeCloseTo(15 + 58.5 + 20 + 100 / 12, 10);
  });

  it('counts insurance and housing by the month: 44, bachelor, 14 years 3 months insured and rented, in 2019 outside the core for home and job: 88.875', () => {
    const x = facts({ ageYears: 44, edu: EDU_BACHELOR, insuredMonths: 171, registeredMonths: 171, tenure: MARKET_RENTAL, insuranceWindowMonths: W2018 + 12, livesOutsideCore: true, worksOutsideCore: true, outsideCoreMonths: 12 });
    // 15 + 3 × 171/12 = 42.75 + 0.5 × 171/12 = 7.125 + 20 + (2 + 2) = 88.875
    expect(scorePerson(SHIPPED_BJ, x)).toBeCloseTo(15 + 42.75 + 7.125 + 20 + 4, 10);
  });

  it('outside-core points accrue from 2018-01, 2 a year each, at most 6 each: 0 in the 2018 round, 4 in 2019, 12 from 2021', () => {
    const both = facts({ livesOutsideCore: true, worksOutsideCore: true });
    expect(scoreTerms(SHIPPED_BJ, { ...both, outsideCoreMonths: 0 }).outsideCore).toBe(0);
    expect(scoreTerms(SHIPPED_BJ, { ...both, outsideCoreMonths: 11 }).outsideCore).toBe(0);
    expect(scoreTerms(SHIPPED_BJ, { ...both, outsideCoreMonths: 12 }).outsideCore).toBe(4);
    expect(scoreTerms(SHIPPED_BJ, { ...both, outsideCoreMonths: 36 }).outsideCore).toBe(12);
    expect(scoreTerms(SHIPPED_BJ, { ...both, outsideCoreMonths: 60 }).outsideCore).toBe(12);
    expect(scoreTerms(SHIPPED_BJ, { ...both, worksOutsideCore: false, outsideCoreMonths: 60 }).outsideCore).toBe(6);
  });

  it('housing counts only insured months: owned 10 years, insured 8, scores 8', () => {
    const x = facts({ insuredMonths: 96, registeredMonths: 120, tenure: OWNED });
    expect(scoreTerms(SHIPPED_BJ, x).housing).toBe(8);
    expect(scoreTerms({ ...SHIPPED_BJ, housing: { ...SHIPPED_BJ.housing, within_insurance: false } }, x).housing).toBe(10);
  });

  it('in a round, counts to the December before and only insurance from count_from (hand-made world, round in June)', () => {
    // handMade's world starts in 2000-01 (month 0); month 5 is June 2000, its scoring month −1 = December 1999.
    const P = { ...RANKED(1), score_at_year_end: true, insurance: { ...RANKED(1).insurance, whole_years: false, count_from: '1995-01' } };
    const w = handMade([{ age: 40, edu: EDU_BACHELOR, insured: 96 }, { age: 40, edu: EDU_BACHELOR, insured: 50 }]);
    installPolicy(w, pointsPolicy, P);
    w.flows.reset();
    settlementStep(w, ROUND_MONTH);
    // Person 0: 96 months paid by June, 90 by December; 1995-01..1999-12 = 60 months count: 3 × 60/12 = 15.
    // Person 1: 50 months by June, 44 by December: 3 × 44/12 = 11. Both: bachelor 15 + age 20 + outside the core 6 + 6.
    expect(w.persons.cols.points[0]).toBeCloseTo(15 + 15 + 20 + 12, 4);
    expect(w.persons.cols.points[1]).toBeCloseTo(11 + 15 + 20 + 12, 4);
  });

  it('draws the record and penalty shares once per person, in the right proportion', () => {
    let hits = 0;
    for (let p = 0; p < 20000; p++) if (personDraw(12345, p) < 0.3) hits++;
    expect(hits / 20000).toBeGreaterThan(0.28);
    expect(hits / 20000).toBeLessThan(0.32);
    expect(personDraw(12345, 77)).toBe(personDraw(12345, 77));
    expect(personDraw(12345, 77)).not.toBe(personDraw(54321, 77));
  });
});

// ---- hand-made worlds -----------------------------------------------------------

const CITY = loadScenarioFile(CHONGQING).scenario.city;

interface Made {
  age: number;
  edu: number;
  insured: number;
  permit?: boolean;
  hukou?: number;
  formal?: boolean;
  wage?: number;
  zone?: number;
}

/** A world with only the given persons, each the head of a household in an owned dwelling; mean wage 4,000. */
function handMade(people: Made[], city = CITY): World {
  const w = new World(city, 1, 1, 0, { persons: 64, households: 64, dwellings: 64 });
  w.pulse.meanWage = 4000;
  for (const m of people) {
    const z = m.zone ?? 2;
    const h = w.newHousehold(z, -24, true);
    const p = w.newPerson(h, m.age * 12 + 6, 0, m.edu, m.hukou ?? NONLOCAL_RURAL, z);
    const pc = w.persons.cols;
    pc.insured[p] = m.insured;
    pc.inCity[p] = m.insured;
    pc.active[p] = 1;
    pc.permitSince[p] = m.permit === false ? NO_PERMIT : -12;
    w.takeJob(p, z, 3, m.wage ?? 4000, m.formal ?? true);
    w.moveIn(h, w.newDwelling(z, OWNED, 1));
  }
  return w;
}

/** Facts of person p of a hand-made world, as the rule would see them. */
function factsOf(w: World, p: number): PointsFacts {
  const pc = w.persons.cols;
  return facts({
    ageYears: Math.floor(pc.ageM[p]! / 12),
    edu: pc.edu[p]!,
    insuredMonths: pc.insured[p]!,
    inCityMonths: pc.inCity[p]!,
    registeredMonths: regMonthsOf(w, p),
    tenure: w.tenureOf(pc.hh[p]!),
    wageRatio: pc.formal[p] ? pc.wage[p]! / w.pulse.meanWage : 0,
    livesOutsideCore: true,
    worksOutsideCore: true,
  });
}

const RANKED = (quota: number, extra: Record<string, unknown> = {}) =>
  PointsSchema.parse({
    eligibility: { require_permit: true, min_insured_years: 1 },
    education: { college: 10.5, bachelor: 15, master: 26, doctorate: 37 },
    insurance: { points_per_year: 3 },
    age: [{ max_age: 45, points: 20 }],
    outside_core: { live: 6, work: 6 },
    quota_persons_year: quota,
    apply_rate: 1,
    month_of_year: 6,
    source: 'test',
    ...extra,
  });

// Twelve applicants with different scores, two ineligible (no permit; 6 months of insurance).
const PEOPLE: Made[] = [
  { age: 30, edu: EDU_BACHELOR, insured: 24 },
  { age: 50, edu: EDU_MASTER, insured: 120 },
  { age: 28, edu: EDU_COLLEGE, insured: 60 },
  { age: 41, edu: 3, insured: 96 },
  { age: 35, edu: EDU_MASTER, insured: 36 },
  { age: 47, edu: 2, insured: 180 },
  { age: 33, edu: 7, insured: 48 },
  { age: 26, edu: EDU_BACHELOR, insured: 12 },
  { age: 39, edu: EDU_COLLEGE, insured: 132 },
  { age: 44, edu: EDU_BACHELOR, insured: 72 },
  { age: 31, edu: 7, insured: 200, permit: false },
  { age: 29, edu: EDU_MASTER, insured: 6 },
];
const ROUND_MONTH = 5; // startCal 1 → month 5 is June

function roundOn(people: Made[], P: PointsParams): { w: World; granted: number[]; applicants: number } {
  const w = handMade(people);
  installPolicy(w, pointsPolicy, P);
  w.flows.reset();
  settlementStep(w, ROUND_MONTH);
  const granted: number[] = [];
  for (let p = 0; p < w.persons.size; p++) if (w.persons.cols.hukou[p] === LOCAL_URBAN) granted.push(p);
  return { w, granted, applicants: w.flows.applicants };
}

describe('a points round on hand-made persons (sample 1)', () => {
  const P0 = RANKED(5);
  const w0 = handMade(PEOPLE);
  const scores = PEOPLE.map((_, p) => scorePerson(P0, factsOf(w0, p)));
  const eligible = PEOPLE.map((m) => m.permit !== false && m.insured >= 12);
  const eligibleScores = scores.filter((_, i) => eligible[i]).sort((a, b) => b - a);

  it('grants the quota to the highest scores; the cut-off is the lowest score granted', () => {
    const { w, granted, applicants } = roundOn(PEOPLE, P0);
    // The first round: the eligible weigh their chance against the cut-off were all of them to apply (the 5th best score).
    const w1 = handMade(PEOPLE);
    const wanting = PEOPLE.filter((_, p) => eligible[p] && wantsHukou(w1, p, ROUND_MONTH, 0, 0, pointsChance(P0, scores[p]!, eligibleScores[4]!))).length;
    expect(applicants).toBe(wanting);
    expect(wanting).toBeGreaterThanOrEqual(5);
    expect(wanting).toBeLessThan(eligibleScores.length); // the lowest scores no longer apply
    expect(granted.length).toBe(5);
    const grantedScores = granted.map((p) => scores[p]!).sort((a, b) => b - a);
    expect(grantedScores).toEqual(eligibleScores.slice(0, 5));
    expect(w.flows.cutoff).toBe(eligibleScores[4]);
    expect(lastCutoff(w)).toBe(eligibleScores[4]);
    expect(w.levers.formalAtPoints).toBeNaN(); // no chase margin: labour's formalisation lever stays off
    // The stored scores are the rule's scores.
    scores.forEach((s, p) => expect(w.persons.cols.points[p]).toBeCloseTo(s, 4));
  });

  it('before the first round the applicants expect the cut-off their own decisions make, not the all-apply one', () => {
    // Quota 3 of 10 eligible: the all-apply expectation is the 3rd best eligible score, an upper bound. With
    // paperwork at 30,000 yuan those near it weigh their chance against much less at stake and some stay out.
    const P = RANKED(3, { chance_spread: 20 });
    const city = { ...CITY, hukou_value: { ...CITY.hukou_value, paperwork_yuan: 30000 } };
    const w1 = handMade(PEOPLE, city);
    const cand = PEOPLE.map((_, p) => p).filter((p) => eligible[p]);
    const candScores = cand.map((p) => scores[p]!);
    const stakes = cand.map((p) => decisionStake(w1, p, ROUND_MONTH, 0, 0));
    const allApply = eligibleScores[2]!;
    const c = consistentCutoff(P, candScores, stakes, 30000, city.hukou_value.chance_weight_gamma, 3, allApply);
    expect(c).toBeLessThan(allApply);
    const applyAt = (e: number) => cand.filter((p) => wantsHukou(w1, p, ROUND_MONTH, 0, 0, pointsChance(P, scores[p]!, e)));
    const third = (e: number) => applyAt(e).map((p) => scores[p]!).sort((a, b) => b - a)[2] ?? -Infinity;
    // A fixed point of the world's own decisions: expecting a little less, the 3rd best applicant scores more than
    // expected; expecting a little more, no more than expected.
    expect(third(c - 1e-3)).toBeGreaterThan(c - 1e-3);
    expect(third(c + 1e-3)).toBeLessThanOrEqual(c + 1e-3);
    // Expecting the all-apply cut-off the 3rd best applicant would score less than it: not a fixed point.
    expect(third(allApply)).toBeLessThan(allApply);
    // The round on the same world: those who apply are those who would at c, and the cut-off is the 3rd best of them.
    const w = handMade(PEOPLE, city);
    installPolicy(w, pointsPolicy, P);
    w.flows.reset();
    settlementStep(w, ROUND_MONTH);
    expect(w.flows.applicants).toBe(applyAt(c).length);
    expect(w.flows.cutoff).toBe(third(c));
    expect(third(c)).toBeLessThan(allApply);
  });

  it('a higher quota never gives a higher cut-off on the same population', () => {
    let prev = Infinity;
    for (let q = 1; q <= eligibleScores.length; q++) {
      const { w, granted } = roundOn(PEOPLE, RANKED(q));
      expect(granted.length).toBe(q);
      expect(w.flows.cutoff).toBeLessThanOrEqual(prev);
      expect(w.flows.cutoff).toBe(eligibleScores[q - 1]);
      prev = w.flows.cutoff;
    }
  });

  it('a pass mark without a quota grants every applicant at or above it', () => {
    const mark = eligibleScores[3]!;
    const { granted } = roundOn(PEOPLE, PointsSchema.parse({ ...RANKED(0), quota_persons_year: undefined, pass_mark: mark }));
    expect(granted.length).toBe(eligibleScores.filter((s) => s >= mark).length);
    for (const p of granted) expect(scores[p]!).toBeGreaterThanOrEqual(mark);
  });

  it('under a pass mark the cut-off is the lowest score admitted, not the mark: two marks between the same two scores give the same cut-off, equal to neither', () => {
    const hi = eligibleScores[3]!, lo = eligibleScores[4]!;
    expect(hi).toBeGreaterThan(lo);
    const cutoffs = [lo + (hi - lo) / 4, (lo + hi) / 2].map((mark) => {
      const { w, granted } = roundOn(PEOPLE, PointsSchema.parse({ ...RANKED(0), quota_persons_year: undefined, pass_mark: mark }));
      expect(granted.length).toBe(4); // everyone at or above the mark applies (chance 1) and is granted
      expect(w.flows.cutoff).not.toBe(mark);
      return w.flows.cutoff;
    });
    expect(cutoffs).toEqual([hi, hi]);
  });

  it('does nothing outside the application month', () => {
    const w = handMade(PEOPLE);
    installPolicy(w, pointsPolicy, P0);
    settlementStep(w, ROUND_MONTH + 1);
    expect(w.flows.applicants).toBe(0);
    expect(w.flows.settlements).toBe(0);
  });

  it('ranks the children of parents at the services threshold with permit holders (Shanghai 120)', () => {
    const w = handMade([
      { age: 40, edu: EDU_BACHELOR, insured: 48, wage: 6000 }, // 30 + 90 + 50 + 12 = 182
      { age: 40, edu: 3, insured: 48, wage: 6000 }, // 30 + 0 + 50 + 12 = 92
    ]);
    installPolicy(w, pointsPolicy, SHANGHAI);
    settlementStep(w, ROUND_MONTH); // scores everyone (Shanghai points grant no hukou)
    const pc = w.persons.cols;
    expect(pc.points[0]).toBe(182);
    expect(pc.points[1]).toBe(92);
    const kid0 = w.newPerson(pc.hh[0]!, 8 * 12, 0, 0, NONLOCAL_RURAL, 2);
    const kid1 = w.newPerson(w.persons.cols.hh[1]!, 8 * 12, 0, 0, NONLOCAL_RURAL, 2);
    expect(schoolRank(w, kid0)).toBe(1);
    expect(schoolRank(w, kid1)).toBe(2); // a permit alone no longer gives priority
    expect(w.flows.settlements).toBe(0);
  });

  it('moves informal workers within the margin of the last cut-off to formal work', () => {
    const city = { ...CITY, labour: { ...CITY.labour, separation_rate_month: 0 } };
    const w = handMade(
      [
        { age: 30, edu: EDU_BACHELOR, insured: 24, formal: false },
        { age: 30, edu: 2, insured: 24, formal: false },
      ],
      city,
    );
    for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = 1000;
    installPolicy(w, pointsPolicy, RANKED(5, { chase_margin: 10 }));
    expect(w.levers.formalAtPoints).toBeNaN(); // no round yet
    w.levers.formalAtPoints = 60 - 10; // what a round with cut-off 60 sets (margin 10)
    w.persons.cols.points[0] = 55; // within 10 of the cut-off
    w.persons.cols.points[1] = 40; // too far
    labourMarket(w, 1);
    expect(w.persons.cols.formal[0]).toBe(1);
    expect(w.persons.cols.formal[1]).toBe(0);
  });
});

describe('the quota is never exceeded at any sample fraction, and the remainder is carried', () => {
  const QUOTA = 6045; // Beijing granted 6,045 in 2021 [V]: a quota with a fraction at every sample
  const ROUNDS = 8;
  for (const sample of [0.0007, 0.001, 0.003, 0.01]) {
    it(`sample ${sample}: each round ≤ quota × sample + 1; ${ROUNDS} rounds within 1 of quota × sample × rounds`, () => {
      const P = PointsSchema.parse({
        eligibility: { require_permit: false, include_local_rural: true },
        education: { senior: 5, college: 10.5, bachelor: 15, master: 26, doctorate: 37 },
        insurance: { points_per_year: 3 },
        age: [{ max_age: 45, points: 20 }],
        quota_persons_year: QUOTA,
        apply_rate: 0.5,
        month_of_year: 12,
        source: 'test',
      });
      const w = createWorld(CITY, { sample, seed: 3, replication: 0, start: '2010-07' });
      installPolicy(w, pointsPolicy, P);
      let total = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const m = 5 + 12 * r; // December
        w.flows.reset();
        w.month = m;
        settlementStep(w, m);
        const granted = w.flows.settledApplicants;
        expect(w.flows.applicants).toBeGreaterThan(QUOTA * sample + 1); // the quota binds
        expect(granted).toBeLessThanOrEqual(QUOTA * sample + 1);
        total += granted;
        expect(total).toBeLessThanOrEqual(QUOTA * sample * (r + 1) + 1e-9);
      }
      expect(Math.abs(total - QUOTA * sample * ROUNDS)).toBeLessThanOrEqual(1);
    });
  }

  it('carries the fraction: 6,045 × 0.001 gives 6, 6, …, and a 7th grant in the round the remainder reaches 1', () => {
    let carry = 0;
    const grants: number[] = [];
    for (let r = 0; r < 25; r++) {
      const q = quotaAgents(6045, 0.001, carry);
      grants.push(q.grants);
      carry = q.carry;
    }
    expect(grants.reduce((a, b) => a + b, 0)).toBe(Math.floor(6045 * 0.001 * 25 + 1e-9));
    expect(grants.filter((g) => g === 7).length).toBe(1); // 0.045 × 25 = 1.125
  });

  it('a higher quota gives a lower or equal cut-off on the same population (Chongqing, sample 0.002)', () => {
    const cut = (quota: number) => {
      const w = createWorld(CITY, { sample: 0.002, seed: 9, replication: 0, start: '2010-07' });
      installPolicy(w, pointsPolicy, { ...BEIJING, eligibility: { ...BEIJING.eligibility, min_insured_years: 1 }, quota_persons_year: quota, month_of_year: 12, apply_rate: 0.5 });
      w.flows.reset();
      settlementStep(w, 5);
      return w.flows.cutoff;
    };
    const a = cut(3000), b = cut(12000), c = cut(48000);
    expect(Number.isNaN(a)).toBe(false);
    expect(b).toBeLessThanOrEqual(a);
    expect(c).toBeLessThanOrEqual(b);
    expect(c).toBeLessThan(a);
  });
});

describe('Beijing points scenarios across seeds: a higher quota lowers the cut-off (sample 0.001, first round)', () => {
  const one = loadScenarioFile('scenarios/policies/beijing-points.yaml').scenario;
  const two = loadScenarioFile('scenarios/policies/beijing-points-quota12000.yaml').scenario;
  const firstRound = monthIndex(one.start, '2018-05'); // the rule is in force from 2018-01; its first round is May 2018
  const cutoff = (sc: typeof one, seed: number) => {
    const r = runReplication(sc, { replication: 0, seed, sample: 0.001, months: firstRound });
    const i = r.rows.indicator.findIndex((k, j) => INDICATORS[k]!.name === 'cutoff_score' && r.rows.month[j] === firstRound);
    return i < 0 ? NaN : r.rows.value[i]!;
  };
  it('the shipped scenarios differ only by the quota', () => {
    const p1 = one.policies.points as PointsParams;
    const p2 = two.policies.points as PointsParams;
    expect(p2.quota_persons_year).toBe(2 * p1.quota_persons_year!);
    expect({ ...p2, quota_persons_year: 0, source: '' }).toEqual({ ...p1, quota_persons_year: 0, source: '' });
  });
  it('in every seed the cut-off with 12,000 is at most the cut-off with 6,000, and lower on average', () => {
    let sumDiff = 0;
    for (const seed of [1, 2, 3, 4]) {
      const a = cutoff(one, seed);
      const b = cutoff(two, seed);
      expect(Number.isNaN(a) || Number.isNaN(b), `seed ${seed}: a round took place`).toBe(false);
      expect(b, `seed ${seed}`).toBeLessThanOrEqual(a);
      sumDiff += a - b;
    }
    expect(sumDiff).toBeGreaterThan(0);
  });
});
