/**
 * Points-based settlement (积分落户 / 积分入户), MODEL.md §6.1.
 *
 * Real-world sources (figures in ../shared/data/calibration.md, "Points
 * systems"): Beijing 《北京市积分落户管理办法（试行）》 (Aug 2016, in force
 * 2017); Shanghai 《上海市居住证积分管理办法》 (2017) and the 居转户 route;
 * Guangzhou 积分制入户 (2023 Measures); Shenzhen 积分入户 (2010s); Tianjin
 * 积分落户 (2015). Xiaolan, Zhongshan (seed 003) invented the form.
 *
 * One generic rule whose parameter block expresses each city:
 * - entry conditions (residence permit, age, years of social insurance, no
 *   criminal record — a deterministic per-person share);
 * - indicators with weights and caps (education table, social insurance per
 *   year, residence per year, age bands, housing per year owned or rented,
 *   insurance-base bonus by wage ratio, a tax proxy, living and working
 *   outside the core, penalties);
 * - once a year, in the application month, eligible persons consider
 *   applying with `apply_rate` and apply when their chance of a grant
 *   (pointsChance: from the expected cut-off — last round's, or before the
 *   first round the cut-off consistent with the candidates' own decisions
 *   (consistentCutoff) — and the
 *   pass mark; weighed as hukouValue.ts's chanceWeight) times what
 *   hukou is worth to their household exceeds the paperwork
 *   (sim/model/hukouValue.ts); applicants are ranked by score; the annual quota (real
 *   persons, scaled to the sample with a carried remainder) and/or a pass
 *   mark decide who is granted; the family follows via `grantHukou`. The
 *   lowest score granted is the cut-off (an outcome, never an input);
 * - a services threshold (Shanghai's 120 points) that ranks the children of
 *   qualifying parents with permit holders for school places;
 * - the 居转户 route (years of permit, years of insurance, a title proxy);
 * - adaptation: informal workers within `chase_margin` of the last cut-off
 *   move to formal work (the lever `formalAtPoints` = last cut-off − margin,
 *   read by labour.ts), and with points for working outside the core, job
 *   seekers within the margin look for work only outside it (the lever
 *   `pointsJobZones`).
 * Checked mode: the round's quota ledger (granted ≤ allowed), and, when no
 * other rule grants hukou without a quota and there is no 居转户 route, the
 * quota over all rounds from flows.settledApplicants.
 * Stream "points".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { addLocationTerm } from '../model/location.ts';
import { num, share, source, type LeverMeta } from '../model/params.ts';
import { grantHukou } from '../model/settlement.ts';
import { chanceWeight, decisionStake, wantsHukou } from '../model/hukouValue.ts';
import { NO_PERMIT, type World } from '../model/world.ts';
import { quotaInvariant, type Invariant, type QuotaLedger } from '../model/invariants.ts';
import { regMonthsOf } from '../model/regMonths.ts';
import { EDUCATION, LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, NONLOCAL_URBAN, NO_JOB, OWNED, RURAL_HOME, ZONE_KINDS, isRental } from '../model/enums.ts';
import { personDraw, saltFrom } from './personDraw.ts';
import { YEAR_MONTH, monthIndex } from './dates.ts';

/** A calendar month "YYYY-MM" in a rule's own parameters (not its `from` / `until`). */
const calendarMonth = (label: string, label_zh: string) => z.string().regex(YEAR_MONTH, 'a month as YYYY-MM').meta({ label, label_zh });

/** A points value: the schema allows ±1000; the explorer's slider (`ui`) spans 0–150 in half points unless a field says otherwise. */
const points = (meta?: Partial<LeverMeta>) => num(-1000, 1000, { unit: 'points', ...meta, ui: { min: 0, max: 150, step: 0.5, ...meta?.ui } });

const AgeBand = z.strictObject({
  max_age: num(0, 120, { ui: { min: 16, max: 80, step: 1 }, label: 'Maximum age', label_zh: '最高年龄' }).describe('band applies up to and including this age in whole years'),
  points: points({ label: 'Points', label_zh: '积分' }),
});

const BaseBand = z.strictObject({
  min_ratio: num(0, 100, { ui: { max: 5, step: 0.1 }, label: 'Insured wage / city mean at least', label_zh: '缴费工资 / 全市平均工资不低于' }).describe('insured wage / city mean wage at least this'),
  points: points({ label: 'Points', label_zh: '积分' }),
  min_insured_months: num(0, 600, { ui: { max: 120, step: 1 }, label: 'Months of social insurance needed', label_zh: '所需社保缴纳月数' }).default(0).describe('months of social insurance needed for this band (Shanghai: 36 of the last 48; 24 at ≥3×)'),
});

export const PointsSchema = z.strictObject({
  eligibility: z
    .strictObject({
      require_permit: z.boolean().default(true).describe('a residence permit (居住证) is needed').meta({ label: 'Residence permit required', label_zh: '须持居住证' }),
      min_age: num(0, 120, { ui: { min: 16, max: 80, step: 1 }, label: 'Minimum age', label_zh: '最低年龄' }).default(18),
      max_age: num(0, 120, { ui: { min: 16, max: 80, step: 1 }, label: 'Maximum age', label_zh: '最高年龄' }).default(59).describe('highest age (whole years) allowed to apply: under the retirement age'),
      min_insured_years: num(0, 50, { ui: { max: 15, step: 0.5 }, label: 'Years of social insurance required', unit: 'years', step: 0.5, lever: true, label_zh: '社会保险缴纳年限要求', doc: 'Years of social insurance a migrant must have paid before applying for points-based settlement (Beijing: 7 years).', doc_zh: '申请积分落户前须缴纳社会保险的年限（北京：7 年）。' }).default(0),
      min_permit_years: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years holding a residence permit', label_zh: '持居住证年限' }).default(0).describe('years the permit has been held'),
      record_ineligible_share: share({ ui: { max: 0.1, step: 0.001 }, label: 'Share ineligible (criminal record)', label_zh: '有犯罪记录不符合条件比例' }).default(0).describe('share of persons with a criminal record, ineligible (drawn once per person)'),
      include_local_rural: z.boolean().default(false).describe('local rural-hukou residents may also apply (points systems are usually for non-local hukou)').meta({ label: 'Local rural hukou may apply', label_zh: '本市农村户籍可申请' }),
    })
    .prefault({}).meta({ label: 'eligibility', label_zh: '申请条件' }),
  education: z.partialRecord(z.enum(EDUCATION), points({ label: 'Points for education', label_zh: '学历积分' })).default({}).describe('points by the highest education level; levels not listed score 0').meta({ label: 'education', label_zh: '学历' }),
  insurance: z
    .strictObject({
      points_per_year: points({ ui: { max: 20, step: 0.5 }, label: 'Points a year', label_zh: '每年积分' }).default(0),
      cap: points({ ui: { max: 1000, step: 5 }, label: 'Cap', label_zh: '上限' }).default(1000),
      whole_years: z.boolean().default(true).describe('count whole years only (else months / 12)').meta({ label: 'Count whole years only', label_zh: '仅计整年' }),
      count_from: calendarMonth('Insurance counted from', '社保计分起始月份').optional().describe('first calendar month whose insurance counts (YYYY-MM; Beijing: records from 1998-07); omitted = all months'),
    })
    .prefault({}).meta({ label: 'social insurance', label_zh: '社会保险' }),
  residence: z
    .strictObject({
      points_per_year: points({ ui: { max: 20, step: 0.5 }, label: 'Points a year', label_zh: '每年积分' }).default(0).describe('per year lived in the city'),
      cap: points({ ui: { max: 1000, step: 5 }, label: 'Cap', label_zh: '上限' }).default(1000),
    })
    .prefault({}).meta({ label: 'residence', label_zh: '居住' }),
  age: z
    .array(AgeBand)
    .max(100)
    .default([])
    .refine((b) => b.every((x, i) => i === 0 || x.max_age > b[i - 1]!.max_age), 'age bands in ascending max_age')
    .describe('the first band whose max_age ≥ age applies; older than every band scores 0').meta({ label: 'age band', label_zh: '年龄档' }),
  housing: z
    .strictObject({
      owned_per_year: points({ ui: { max: 20, step: 0.5 }, label: 'Points a year in an owned home', label_zh: '自有住房每年积分' }).default(0),
      rental_per_year: points({ ui: { max: 20, step: 0.5 }, label: 'Points a year in a rental', label_zh: '租赁住房每年积分' }).default(0).describe('rental or dormitory; only one of owned / rental counts, by the current tenure'),
      cap: points({ ui: { max: 1000, step: 5 }, label: 'Cap', label_zh: '上限' }).default(1000),
      whole_years: z.boolean().default(true).describe('count whole years only (else months / 12)').meta({ label: 'Count whole years only', label_zh: '仅计整年' }),
      within_insurance: z.boolean().default(false).describe('only months also counted for social insurance count for housing (Beijing)').meta({ label: 'Only insured months count', label_zh: '仅计缴纳社保的月份' }),
    })
    .prefault({}).meta({ label: 'housing', label_zh: '住房' }),
  insurance_base: z.array(BaseBand).max(20).default([]).describe('bonus by insured wage / city mean wage: the best band whose conditions are met').meta({ label: 'insured wage band', label_zh: '缴费基数档' }),
  tax: z
    .strictObject({
      min_wage_ratio: num(0, 1000, { ui: { max: 1000, step: 0.5 }, label: 'Wage / city mean at least', label_zh: '工资 / 全市平均工资不低于' }).default(1000).describe('tax proxy: a year of insured work at this wage ratio or more counts as a taxed year'),
      points_per_year: points({ ui: { max: 20, step: 0.5 }, label: 'Points a year', label_zh: '每年积分' }).default(0),
      cap: points({ ui: { max: 50, step: 1 }, label: 'Cap', label_zh: '上限' }).default(0),
    })
    .prefault({}).meta({ label: 'tax', label_zh: '纳税' }),
  outside_core: z
    .strictObject({
      live: points({ ui: { max: 50, step: 0.5 }, label: 'Points for living outside the core', label_zh: '在核心区外居住积分' }).default(0).describe('points for living outside the core zones (a year, with `accrue_from`)'),
      work: points({ ui: { max: 50, step: 0.5 }, label: 'Points for working outside the core', label_zh: '在核心区外就业积分' }).default(0).describe('points for working outside the core zones (a year, with `accrue_from`)'),
      core_kinds: z.array(z.enum(ZONE_KINDS)).default(['core']),
      accrue_from: calendarMonth('Points accrue from', '积分起算月份').optional().describe('with it, `live` and `work` are points per whole year from this month (YYYY-MM) to the scoring date, each at most `cap` (Beijing: from 2018-01); omitted = flat points'),
      cap: points({ ui: { max: 1000, step: 1 }, label: 'Cap of each', label_zh: '每项上限' }).default(1000).describe('most points of each of `live` and `work` when they accrue by year'),
    })
    .prefault({}).meta({ label: 'outside the core', label_zh: '核心区外' }),
  penalty: z
    .strictObject({
      share: share({ ui: { max: 0.1, step: 0.001 }, label: 'Share', label_zh: '比例' }).default(0).describe('share of persons carrying a penalty (e.g. administrative detention), drawn once per person'),
      deduction: points({ ui: { max: 100, step: 1 }, label: 'Points deducted', label_zh: '扣分' }).default(0).describe('points deducted from them'),
    })
    .prefault({}).meta({ label: 'penalty', label_zh: '扣分' }),
  quota_persons_year: num(0, 1e7, { ui: { max: 100000, step: 500 }, label: 'Annual quota of applicants granted', label_zh: '年度积分落户指标', unit: 'persons/year', step: 500, lever: true, doc: 'Applicants granted hukou each year by points, highest scores first (Beijing: about 6,000 a year); families follow.', doc_zh: '每年按积分从高到低批准落户的人数（北京约每年 6000 人）；家属随迁。' })
    .optional()
    .describe('applicants granted a year (real persons; families follow); none = no quota'),
  pass_mark: points({ ui: { max: 300, step: 1 }, label: 'Pass mark', label_zh: '落户分数线', lever: true, doc: 'Score an applicant needs to be granted hukou (e.g. Tianjin); without it, only the rank within the quota counts.', doc_zh: '获批落户所需的分数线（如天津）；未设时只按指标内排名。' }).optional().describe('score needed to be granted; none = rank within the quota only'),
  month_of_year: num(1, 12, { label: 'Month of the settlement round (0 = every month)', label_zh: '落户办理月份（0 = 每月）' }).default(6).describe('calendar month of the yearly round'),
  score_at_year_end: z.boolean().default(false).describe('indicators are counted to the end of the previous year, not to the round month (Beijing: to 31 December)').meta({ label: 'Counted to the end of last year', label_zh: '计分截至上年末' }),
  apply_rate: share({ label: 'Share of eligible persons who apply in a round', label_zh: '符合条件者申请比例' }).default(0.5),
  services_threshold: z
    .strictObject({
      points: points({ label: 'Points for school access without hukou', label_zh: '积分' }),
      replaces_permit_priority: z.boolean().default(true).describe('a permit alone no longer gives school priority; the threshold does').meta({ label: 'Threshold replaces the permit priority', label_zh: '以分值取代居住证优先' }),
    })
    .optional().meta({ label: 'school access', label_zh: '入学门槛' }),
  hukou_route: z
    .strictObject({
      permit_years: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years holding a residence permit', label_zh: '持居住证年限' }).default(7),
      insured_years: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years of social insurance', label_zh: '社保缴纳年限' }).default(7),
      min_education: z.enum(EDUCATION).default('bachelor').describe('title proxy: at least this education…').meta({ label: 'Minimum education', label_zh: '最低学历' }),
      min_wage_ratio: num(0, 100, { ui: { max: 5, step: 0.1 }, label: 'Wage / city mean at least', label_zh: '工资 / 全市平均工资不低于' }).default(1).describe('…and an insured wage at least this ratio of the city mean'),
      apply_rate: share({ label_zh: '符合条件者申请比例' }).default(0.5),
    })
    .optional()
    .describe('居转户: long-standing permit holders settle without the quota').meta({ label: '居转户 route', label_zh: '居转户' }),
  chase_margin: points({ ui: { max: 50, step: 1 }, label: 'Points margin within which informal workers move to formal work', label_zh: '非正规就业者转为正规就业的积分差距' }).default(0),
  chance_spread: num(0.1, 1000, { ui: { min: 0.5, max: 50, step: 0.5 }, unit: 'points', label: "Spread of applicants' uncertainty about the cut-off", label_zh: '申请人对分数线判断的不确定幅度' }).default(5).describe("how sure applicants are of last round's cut-off: chance of a grant = 1 / (1 + exp(−(score − last cut-off) / spread)) (megasim [U])"),
  land_retention_years: num(0, 100, { label: 'Years converts keep their land rights', label_zh: '转户后保留土地权益年限', unit: 'years', step: 1 }).default(0).describe('years a rural convert keeps land rights (0: given up; 100: kept)'),
  source,
});
export type PointsParams = z.infer<typeof PointsSchema>;

/** What the rule needs to know about a person, in plain numbers (hand-made in tests). */
export interface PointsFacts {
  ageYears: number;
  /** EDUCATION index. */
  edu: number;
  insuredMonths: number;
  inCityMonths: number;
  /** Months of registered residence (housing registry). */
  registeredMonths: number;
  /** Tenure of the dwelling (enums TENURE), -1 none. */
  tenure: number;
  /** Insured wage / city mean wage; 0 if not in insured (formal) work. */
  wageRatio: number;
  livesOutsideCore: boolean;
  worksOutsideCore: boolean;
  penalty: boolean;
  /** Months from `insurance.count_from` to the scoring date (Infinity: every month counts). */
  insuranceWindowMonths: number;
  /** Months from `outside_core.accrue_from` to the scoring date (used only when the points accrue by year). */
  outsideCoreMonths: number;
}

export interface EligibilityFacts {
  ageYears: number;
  hasPermit: boolean;
  permitMonths: number;
  insuredMonths: number;
  criminalRecord: boolean;
  /** hukou status (enums HUKOU). */
  hukou: number;
}

export interface PointsTerms {
  education: number;
  insurance: number;
  residence: number;
  age: number;
  housing: number;
  insuranceBase: number;
  tax: number;
  outsideCore: number;
  penalty: number;
}

const years = (months: number, whole: boolean) => (whole ? Math.floor(months / 12) : months / 12);

/** Each indicator's points for a person (the arithmetic of the rule). */
export function scoreTerms(P: PointsParams, x: PointsFacts): PointsTerms {
  const e = (P.education as Partial<Record<string, number>>)[EDUCATION[x.edu]!] ?? 0;
  // Months of insurance the rule counts: none before `count_from`.
  const insured = Math.max(0, Math.min(x.insuredMonths, x.insuranceWindowMonths));
  const ins = Math.min(P.insurance.cap, P.insurance.points_per_year * years(insured, P.insurance.whole_years));
  const res = Math.min(P.residence.cap, P.residence.points_per_year * Math.floor(x.inCityMonths / 12));
  let age = 0;
  for (const b of P.age) {
    if (x.ageYears <= b.max_age) {
      age = b.points;
      break;
    }
  }
  let housing = 0;
  const hy = years(P.housing.within_insurance ? Math.min(x.registeredMonths, insured) : x.registeredMonths, P.housing.whole_years);
  if (x.tenure === OWNED) housing = P.housing.owned_per_year * hy;
  else if (x.tenure >= 0 && isRental(x.tenure)) housing = P.housing.rental_per_year * hy;
  housing = Math.min(P.housing.cap, housing);
  let base = 0;
  for (const b of P.insurance_base) {
    if (x.wageRatio >= b.min_ratio && x.insuredMonths >= b.min_insured_months && b.points > base) base = b.points;
  }
  const tax = x.wageRatio >= P.tax.min_wage_ratio ? Math.min(P.tax.cap, P.tax.points_per_year * Math.floor(x.insuredMonths / 12)) : 0;
  const O = P.outside_core;
  // Flat points, or with `accrue_from` points per whole year since then, each of live / work at most `cap`.
  const oy = O.accrue_from === undefined ? 1 : Math.max(0, Math.floor(x.outsideCoreMonths / 12));
  const each = (rate: number) => (O.accrue_from === undefined ? rate : Math.min(O.cap, rate * oy));
  const outsideCore = (x.livesOutsideCore ? each(O.live) : 0) + (x.worksOutsideCore ? each(O.work) : 0);
  const penalty = x.penalty ? -P.penalty.deduction : 0;
  return { education: e, insurance: ins, residence: res, age, housing, insuranceBase: base, tax, outsideCore, penalty };
}

/** A person's points score: the sum of the indicator terms. */
export function scorePerson(P: PointsParams, x: PointsFacts): number {
  const t = scoreTerms(P, x);
  return t.education + t.insurance + t.residence + t.age + t.housing + t.insuranceBase + t.tax + t.outsideCore + t.penalty;
}

/** Whether a person may apply (entry conditions). */
export function pointsEligible(P: PointsParams, x: EligibilityFacts): boolean {
  const E = P.eligibility;
  if (x.hukou !== NONLOCAL_URBAN && x.hukou !== NONLOCAL_RURAL && !(E.include_local_rural && x.hukou === LOCAL_RURAL)) return false;
  if (x.ageYears < E.min_age || x.ageYears > E.max_age) return false;
  if (E.require_permit && !x.hasPermit) return false;
  if (E.min_permit_years > 0 && (!x.hasPermit || x.permitMonths < E.min_permit_years * 12)) return false;
  if (x.insuredMonths < E.min_insured_years * 12) return false;
  if (x.criminalRecord) return false;
  return true;
}

/** Whether a person qualifies for the 居转户 route. */
export function hukouRouteEligible(P: PointsParams, x: EligibilityFacts & { edu: number; wageRatio: number }): boolean {
  const R = P.hukou_route;
  if (!R) return false;
  if (x.hukou !== NONLOCAL_URBAN && x.hukou !== NONLOCAL_RURAL) return false;
  if (x.ageYears < P.eligibility.min_age || x.ageYears > P.eligibility.max_age) return false;
  if (!x.hasPermit || x.permitMonths < R.permit_years * 12) return false;
  if (x.insuredMonths < R.insured_years * 12) return false;
  if (x.criminalRecord) return false;
  return x.edu >= EDUCATION.indexOf(R.min_education) && x.wageRatio >= R.min_wage_ratio;
}

/**
 * A person's expected chance of being granted in this round, from what they
 * can know: below a pass mark none; under a quota, a logistic in the distance
 * from the expected cut-off (spread `chance_spread`; last round's, or before
 * any round `consistentCutoff`); with a pass mark and no quota (or a cut-off NaN), 1 at or above the mark.
 */
export function pointsChance(P: PointsParams, score: number, lastCutoff: number): number {
  if (P.pass_mark !== undefined && score < P.pass_mark) return 0;
  if (P.quota_persons_year === undefined || Number.isNaN(lastCutoff)) return 1;
  return 1 / (1 + Math.exp(-(score - lastCutoff) / P.chance_spread));
}

/**
 * The cut-off applicants expect in a round: last round's when there was one; before any round,
 * under a quota, the score of the ⌈quota × sample⌉-th best of this round's eligible persons — the
 * cut-off were all of them to apply — and −∞ when the quota exceeds them; NaN without a quota.
 */
export function expectedCutoff(P: PointsParams, lastCutoff: number, eligibleScores: number[], sample: number): number {
  if (!Number.isNaN(lastCutoff) || P.quota_persons_year === undefined) return lastCutoff;
  const k = Math.max(1, Math.ceil(P.quota_persons_year * sample - 1e-9));
  if (k > eligibleScores.length) return -Infinity;
  eligibleScores.sort((a, b) => b - a);
  return eligibleScores[k - 1]!;
}

/**
 * The cut-off applicants expect before the first round, consistent with their own decisions (rational
 * expectations, Muth 1961): the score c at which, were every candidate to weigh their chance against c
 * (pointsChance; weight chanceWeight(·, γ); applies iff weight × stake > cost), the k-th best applicant
 * would score c. The realised cut-off falls as c rises (fewer apply), so the fixed point is found by
 * bisection between the lowest candidate score − 50 spreads and `upper` (the cut-off were all eligible
 * persons to apply, expectedCutoff). −∞ when fewer than k would apply even when sure of a grant.
 */
export function consistentCutoff(P: PointsParams, scores: readonly number[], stakes: readonly number[], cost: number, gamma: number, k: number, upper: number): number {
  const n = scores.length;
  const applied: number[] = [];
  /** The k-th best score among those who apply when they expect c; −∞ when fewer than k apply. */
  const realised = (c: number): number => {
    applied.length = 0;
    for (let i = 0; i < n; i++) if (chanceWeight(pointsChance(P, scores[i]!, c), gamma) * stakes[i]! > cost) applied.push(scores[i]!);
    if (applied.length < k) return -Infinity;
    applied.sort((a, b) => b - a);
    return applied[k - 1]!;
  };
  let min = Infinity;
  for (let i = 0; i < n; i++) if (scores[i]! < min) min = scores[i]!;
  let lo = min - 50 * P.chance_spread;
  let hi = upper;
  if (!(hi > lo) || realised(lo) === -Infinity) return realised(lo) === -Infinity ? -Infinity : hi;
  for (let it = 0; it < 60 && hi - lo > 1e-6; it++) {
    const mid = 0.5 * (lo + hi);
    if (realised(mid) > mid) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Applicants granted in a round under a quota: floor(quota × sample + carry), with the new carry. */
export function quotaAgents(quotaReal: number, sample: number, carry: number): { grants: number; carry: number } {
  const q = quotaReal * sample + carry;
  const grants = Math.floor(q + 1e-9);
  return { grants, carry: Math.max(0, q - grants) };
}

// Scratch objects: filled for one person at a time (no allocation per person).
const F: PointsFacts = { ageYears: 0, edu: 0, insuredMonths: 0, inCityMonths: 0, registeredMonths: 0, tenure: -1, wageRatio: 0, livesOutsideCore: false, worksOutsideCore: false, penalty: false, insuranceWindowMonths: Infinity, outsideCoreMonths: 0 };
const E: EligibilityFacts & { edu: number; wageRatio: number } = { ageYears: 0, hasPermit: false, permitMonths: 0, insuredMonths: 0, criminalRecord: false, hukou: 0, edu: 0, wageRatio: 0 };

interface RoundState {
  carry: number;
  /** The current round's quota ledger (checked mode). */
  ledger: QuotaLedger;
  /** Last cut-off score (NaN before the first round that granted). */
  lastCutoff: number;
  recordSalt: number;
  penaltySalt: number;
  core: Uint8Array; // 1 for zones of a core kind
  /** Simulated month of `insurance.count_from` (−Infinity: none) and of `outside_core.accrue_from` (Infinity: none). */
  insuranceFrom: number;
  outsideFrom: number;
  /** This round's scoring month (scoringMonth). */
  scoreAt: number;
}

/**
 * The scoring date of a round in simulated month `month` of calendar month `cal`: the round month itself,
 * or with `score_at_year_end` the December before (the months since then are taken off the counts).
 */
export function scoringMonth(P: PointsParams, month: number, cal: number): number {
  return P.score_at_year_end ? month - cal : month;
}


function fillFacts(w: World, P: PointsParams, st: RoundState, p: number, month: number): void {
  const pc = w.persons.cols;
  const h = pc.hh[p]!;
  const mean = w.pulse.meanWage;
  const employed = pc.sector[p] !== NO_JOB;
  const ratio = employed && pc.formal[p] && mean > 0 ? (pc.wage[p]! * w.wageIndex) / mean : 0;
  const tenure = w.tenureOf(h);
  // Counted to the scoring date: the months since then come off (as if paid, lived and registered in each).
  const back = month - st.scoreAt;
  F.ageYears = Math.floor(pc.ageM[p]! / 12);
  F.edu = pc.edu[p]!;
  F.insuredMonths = Math.max(0, w.insuredMonths(p) - back);
  F.inCityMonths = Math.max(0, pc.inCity[p]! - back);
  F.registeredMonths = Math.max(0, regMonthsOf(w, p) - back);
  F.insuranceWindowMonths = st.scoreAt - st.insuranceFrom + 1;
  F.outsideCoreMonths = st.scoreAt - st.outsideFrom + 1;
  F.tenure = tenure === RURAL_HOME ? -1 : tenure;
  F.wageRatio = ratio;
  F.livesOutsideCore = st.core[w.households.cols.zone[h]!] === 0;
  F.worksOutsideCore = employed && st.core[pc.jobZone[p]!] === 0;
  F.penalty = P.penalty.share > 0 && personDraw(st.penaltySalt, p) < P.penalty.share;
  E.ageYears = F.ageYears;
  E.hasPermit = pc.permitSince[p] !== NO_PERMIT;
  E.permitMonths = E.hasPermit ? month - pc.permitSince[p]! : 0;
  E.insuredMonths = F.insuredMonths;
  E.criminalRecord = P.eligibility.record_ineligible_share > 0 && personDraw(st.recordSalt, p) < P.eligibility.record_ineligible_share;
  E.hukou = pc.hukou[p]!;
  E.edu = F.edu;
  E.wageRatio = ratio;
}

/** Scores every adult who could apply (stored in the `points` column); in the application month, runs the round. */
function pointsRule(w: World, P: PointsParams, st: RoundState, month: number): void {
  const cal = w.calendar(month);
  const round = cal === P.month_of_year;
  const servicesMonth = P.services_threshold !== undefined && cal === w.city.services.enrolment_month;
  if (!round && !servicesMonth) return;
  st.scoreAt = scoringMonth(P, month, cal);
  const pc = w.persons.cols;
  const n = w.persons.size;
  const s = w.streams.get('points');
  const grantsHukou = P.quota_persons_year !== undefined || P.pass_mark !== undefined;
  const appIdx: number[] = [];
  const appScore: number[] = [];
  const appTie: number[] = [];
  const routeIdx: number[] = [];
  const candIdx: number[] = [];
  const candScore: number[] = [];
  const eligibleScores: number[] = [];
  for (let p = 0; p < n; p++) {
    if (!w.persons.live[p]) continue;
    const hk = pc.hukou[p]!;
    const scored = hk === NONLOCAL_URBAN || hk === NONLOCAL_RURAL || (P.eligibility.include_local_rural && hk === LOCAL_RURAL);
    if (!scored || pc.ageM[p]! < 18 * 12) {
      pc.points[p] = 0;
      continue;
    }
    fillFacts(w, P, st, p, month);
    const score = scorePerson(P, F);
    pc.points[p] = score;
    if (!round) continue;
    if (P.hukou_route && hukouRouteEligible(P, E)) {
      if (s.next() < P.hukou_route.apply_rate && wantsHukou(w, p, month, P.land_retention_years, 0, 1)) routeIdx.push(p);
      continue;
    }
    if (!grantsHukou || !pointsEligible(P, E)) continue;
    eligibleScores.push(score);
    if (s.next() >= P.apply_rate) continue;
    candIdx.push(p);
    candScore.push(score);
  }
  if (!round) return;
  // The cut-off applicants expect: last round's, or before any round the score at which the quota
  // would be filled were every eligible person to apply (the rule, the quota and the pool are public).
  let expected = expectedCutoff(P, st.lastCutoff, eligibleScores, w.sample);
  // Before the first round, the cut-off the candidates' own decisions would make (consistentCutoff).
  if (Number.isNaN(st.lastCutoff) && P.quota_persons_year !== undefined && expected > -Infinity && candIdx.length > 0) {
    const stakes = candIdx.map((p) => decisionStake(w, p, month, P.land_retention_years, 0));
    const k = Math.max(1, Math.ceil(P.quota_persons_year * w.sample - 1e-9));
    expected = consistentCutoff(P, candScore, stakes, w.city.hukou_value.paperwork_yuan, w.city.hukou_value.chance_weight_gamma, k, expected);
  }
  for (let i = 0; i < candIdx.length; i++) {
    const p = candIdx[i]!;
    const score = candScore[i]!;
    // The household decision (hukouValue.ts), weighted by the chance of a grant given the expected cut-off.
    if (!wantsHukou(w, p, month, P.land_retention_years, 0, pointsChance(P, score, expected))) continue;
    appIdx.push(p);
    appScore.push(score);
    appTie.push(s.next());
  }
  // 居转户: every qualifying applicant settles, outside the quota.
  for (const p of routeIdx) {
    if (pc.hukou[p] === LOCAL_URBAN) continue; // already converted as a family member
    w.flows.applicants++;
    grantHukou(w, p, month);
  }
  if (!grantsHukou) return;
  w.flows.applicants += appIdx.length;
  const order = appIdx.map((_, i) => i);
  order.sort((a, b) => appScore[b]! - appScore[a]! || appTie[a]! - appTie[b]! || appIdx[a]! - appIdx[b]!);
  let left = Infinity;
  let ledger: QuotaLedger | null = null;
  if (P.quota_persons_year !== undefined) {
    const q = quotaAgents(P.quota_persons_year, w.sample, st.carry);
    left = q.grants;
    st.carry = q.carry;
    // This round's quota ledger (checked mode verifies granted ≤ allowed).
    ledger = st.ledger;
    ledger.allowed = q.grants;
    ledger.granted = 0;
  }
  let cutoff = NaN;
  for (const i of order) {
    if (left <= 0) break;
    const score = appScore[i]!;
    if (P.pass_mark !== undefined && score < P.pass_mark) break;
    const p = appIdx[i]!;
    if (pc.hukou[p] === LOCAL_URBAN) continue; // converted as the spouse of an earlier applicant this round
    grantHukou(w, p, month);
    left--;
    if (ledger) ledger.granted++;
    cutoff = score;
  }
  if (!Number.isNaN(cutoff)) {
    w.flows.cutoff = Number.isNaN(w.flows.cutoff) ? cutoff : Math.min(w.flows.cutoff, cutoff);
    st.lastCutoff = cutoff;
    if (P.chase_margin > 0) w.levers.formalAtPoints = cutoff - P.chase_margin;
  }
}

export const pointsPolicy = definePolicy({
  name: 'points',
  title: 'Points-based settlement',
  title_zh: '积分落户',
  source: 'Beijing 积分落户管理办法 2016; Shanghai 居住证积分管理办法 2017; Guangzhou 2023; Shenzhen 2010s; Tianjin 2015 (calibration.md "Points systems"); seed 003 (Xiaolan)',
  source_zh: '北京积分落户管理办法（2016）；上海居住证积分管理办法（2017）；广州（2023）；深圳（2010 年代）；天津（2015）（calibration.md“积分制度”）；《城市治理创新十篇》（小榄）',
  schema: PointsSchema,
  install(w, P) {
    const s = w.streams.get('points');
    const core = new Uint8Array(w.nz);
    w.city.zones.forEach((z, i) => {
      core[i] = P.outside_core.core_kinds.includes(z.kind) ? 1 : 0;
    });
    const st: RoundState = { carry: 0, ledger: { policy: 'points', allowed: 0, granted: 0 }, lastCutoff: NaN, recordSalt: saltFrom(s.next()), penaltySalt: saltFrom(s.next()), core,
      insuranceFrom: P.insurance.count_from === undefined ? -Infinity : monthIndex(w.start, P.insurance.count_from),
      outsideFrom: P.outside_core.accrue_from === undefined ? Infinity : monthIndex(w.start, P.outside_core.accrue_from),
      scoreAt: 0,
    };
    states.set(w, st);
    if (P.quota_persons_year !== undefined || P.pass_mark !== undefined || P.hukou_route) w.levers.settlementOpen = true;
    if (P.services_threshold) {
      const T = P.services_threshold;
      const threshold = T.points;
      const needPermit = P.eligibility.require_permit;
      w.schoolRank = (w, _child, parent) => {
        if (parent < 0) return 2;
        const pc = w.persons.cols;
        const h = pc.hh[parent]!;
        let permit = false;
        for (let q = w.households.cols.head[h]!; q >= 0; q = pc.next[q]!) {
          const hasPermit = pc.permitSince[q] !== NO_PERMIT;
          if (pc.points[q]! >= threshold && (hasPermit || !needPermit)) return 1;
          if (hasPermit) permit = true;
        }
        return !T.replaces_permit_priority && w.city.services.permit_priority && permit ? 1 : 2;
      };
    }
    w.settlementRules.push((w, month) => pointsRule(w, P, st, month));
    // Where to work: with points for working outside the core and a chase margin, those near the bar look for work outside it (labour.ts).
    if (P.outside_core.work > 0 && P.chase_margin > 0 && w.levers.settlementOpen) {
      const out = new Uint8Array(w.nz);
      for (let z = 0; z < w.nz; z++) out[z] = core[z] === 1 ? 0 : 1;
      w.levers.pointsJobZones = out;
    }
    // Where to live: the points for living outside the core raise the settlement prospect there.
    if (P.outside_core.live > 0 && w.levers.settlementOpen) {
      addLocationTerm(w, { kind: 'settlement', value: (w, zone, _tenure, c) => outsideCoreProspect(P, core[zone] === 1, c.hukouGroup, lastCutoff(w)) });
    }
  },
  invariants(w, P) {
    const st = states.get(w)!;
    const out: Invariant[] = [quotaInvariant(st.ledger)];
    // Without a ledger's help: applicants granted up to round k ≤ floor(k × quota × sample) (the carry is never rounded up),
    // read from flows.settledApplicants, which only the points rounds feed when no other rule grants without a quota.
    if (P.quota_persons_year !== undefined && !P.hukou_route && !w.levers.uncappedSettlement) out.push(roundsInvariant(P.quota_persons_year * w.sample, P.month_of_year));
    return out;
  },
});

/**
 * The settlement prospect the outside-core living points give a chooser class (location.ts): for
 * classes the points rule scores (nonlocal, and local rural when included), outside the core
 * zones, the bonus as a share of the bar it helps clear: the pass mark, else the last round's
 * cut-off, else 100 points; capped at 1. 0 in the core and for classes not scored.
 */
export function outsideCoreProspect(P: PointsParams, inCore: boolean, hukouGroup: number, lastCutoff: number): number {
  if (inCore || hukouGroup === 0) return 0;
  if (hukouGroup === 1 && !P.eligibility.include_local_rural) return 0;
  const bar = P.pass_mark ?? (Number.isFinite(lastCutoff) && lastCutoff > 0 ? lastCutoff : 100);
  const O = P.outside_core;
  // The bonus it comes to: flat, or when it accrues by year, its cap.
  const bonus = O.accrue_from === undefined ? O.live : O.live > 0 ? O.cap : 0;
  return Math.min(1, bonus / Math.max(1, bar));
}

/** The points policy's state in each world it is installed in (for its invariants and tests). */
const states = new WeakMap<World, RoundState>();

/** The last cut-off score of the points rounds in world w (NaN before a round granted anyone). */
export const lastCutoff = (w: World): number => states.get(w)?.lastCutoff ?? NaN;

/** Checked mode: applicants granted over the yearly rounds never exceed the quota of those rounds. */
function roundsInvariant(perRound: number, monthOfYear: number): Invariant {
  let granted = 0;
  return {
    name: 'quotas never exceeded',
    applied: 0,
    check(w, m, step) {
      if (step !== 'settlement' || m <= 0 || w.calendar(m) !== monthOfYear) return null;
      this.applied++;
      granted += w.flows.settledApplicants;
      const allowed = Math.floor(this.applied * perRound + 1e-9);
      return granted > allowed ? `the points quota allows ${allowed} applicants (agents) in ${this.applied} round(s) (${perRound} a round at this sample), ${granted} were granted` : null;
    },
  };
}
