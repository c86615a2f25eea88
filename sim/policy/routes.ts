/**
 * The other settlement routes (落户渠道) besides conditions, points and zones,
 * each from its real rule (MODEL.md §8, "Other settlement routes"):
 *
 * - tax (纳税落户): Chongqing's 2010 reform — over 100,000 yuan of tax paid
 *   in 3 years (calibration.md, China Daily 28 Jul 2010 [V]). megasim has no
 *   tax column: the tax of a formal worker is the individual income tax
 *   withheld from their wage, rate × max(0, nominal wage − allowance) a
 *   month, and 3 years of it is 36 months at the current wage, counted only
 *   for persons with 36 months of social insurance (taxed work) in the city.
 *   Qualifies iff years × 12 × monthly tax ≥ min_tax_yuan.
 * - talent (人才引进): Shenzhen's direct route — full-time junior college
 *   (大专) aged ≤ 35, bachelor's aged ≤ 45 (calibration.md [V, secondary]),
 *   with a formal job in the city. Qualifies iff the person's education has
 *   an age limit in `max_age_by_education` (the highest level at or below
 *   theirs) and their age is within it.
 * - purchase (购房落户): a home of at least `min_m2` square metres or
 *   `min_price_yuan` in value, owned and lived in (Chongqing before 2010:
 *   buying an apartment [V]); sizes and prices as the scenario's source
 *   gives them.
 * - family (投靠落户): a spouse joining a local urban hukou holder in the same
 *   household, after `min_marriage_years` lived together in the city and from
 *   `min_age` (Beijing-style 夫妻投靠 [U]).
 *
 * Each route grants without a quota; an eligible person considers applying
 * with the route's `apply_rate` a month (independently, drawn by geometric skipping over the
 * round's persons who qualify for the route: one draw per applicant, sim/engine/skip.ts) and applies when local hukou is worth
 * more to the household than it costs (sim/model/hukouValue.ts), so that a
 * route's fees and land rights count. Stream "routes".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source } from '../model/params.ts';
import { grantHukou } from '../model/settlement.ts';
import { wantsHukou } from '../model/hukouValue.ts';
import type { World } from '../model/world.ts';
import * as enumsM from '../model/enums.ts';
import * as skipM from '../engine/skip.ts';
import * as workSpellsM from '../model/workSpells.ts';
// Hot module (the monthly round): imported bindings copied into module constants (docs/ARCHITECTURE.md).
const { insuredOf } = workSpellsM;
const { UNDRAWN, geometricSkip } = skipM;
const { EDUCATION, LOCAL_URBAN, NO_JOB, NT, OWNED } = enumsM;

const rate = () => share({ ui: { max: 0.2, step: 0.005 }, label: 'Share of eligible persons who apply in a month', label_zh: '符合条件者每月申请比例' }).default(0.02);

export const RoutesSchema = z.strictObject({
  tax: z
    .strictObject({
      min_tax_yuan: num(0, 1e9, { ui: { max: 1e6, step: 10000 }, label: 'Tax paid to qualify', label_zh: '纳税落户纳税额', unit: 'yuan', step: 10000, lever: true, doc: 'Tax a person must have paid over the period to settle by the tax route (Chongqing 2010: over 100,000 yuan in 3 years)', doc_zh: '通过纳税落户须在期间内缴纳的税额（重庆 2010 年：3 年纳税 10 万元以上）' }).default(100000),
      years: num(1, 20, { label: 'Years over which the tax counts', label_zh: '纳税年限' }).default(3),
      tax_rate: share({ label: 'Income tax rate on wage above the allowance', label_zh: '工资超出免征额部分的税率' }).default(0.2),
      allowance_yuan_month: num(0, 1e6, { ui: { max: 20000, step: 100 }, label: 'Monthly income tax allowance', label_zh: '个人所得税月免征额', unit: 'yuan/month' }).default(3500),
      apply_rate: rate(),
    })
    .optional().meta({ label: 'tax', label_zh: '纳税' }),
  talent: z
    .strictObject({
      max_age_by_education: z.partialRecord(z.enum(EDUCATION), num(0, 120)).describe('the oldest age (whole years) at which a person with this education (or the highest listed level below theirs) qualifies'),
      require_formal_job: z.boolean().default(true).meta({ label: 'A formal job is required', label_zh: '须有正规就业' }),
      apply_rate: rate(),
    })
    .optional().meta({ label: 'talent', label_zh: '人才' }),
  purchase: z
    .strictObject({
      min_m2: num(0, 10000, { label: 'Floor area of the home bought', label_zh: '购房面积要求', unit: 'm²' }).default(0),
      min_price_yuan: num(0, 1e10, { label: 'Value of the home bought', label_zh: '购房金额要求', unit: 'yuan' }).default(0),
      min_years_in_city: num(0, 50, { label: 'Years in the city required', label_zh: '居住年限要求', unit: 'years' }).default(0),
      apply_rate: rate(),
    })
    .optional().meta({ label: 'home purchase', label_zh: '购房' }),
  family: z
    .strictObject({
      min_marriage_years: num(0, 50, { label: 'Years together before joining a spouse', label_zh: '夫妻投靠结婚年限', unit: 'years' }).default(10),
      min_age: num(0, 120, { label: 'Age from which a spouse may join', label_zh: '投靠配偶的最低年龄', unit: 'years' }).default(40),
      apply_rate: rate(),
    })
    .optional().meta({ label: 'family', label_zh: '投靠亲属' }),
  land_retention_years: num(0, 100, { label: 'Years converts keep their land rights', label_zh: '转户后保留土地权益年限', unit: 'years', step: 1 }).default(0),
  source,
});
export type RoutesParams = z.infer<typeof RoutesSchema>;

/** Income tax of a month at a nominal monthly wage (the tax route's proxy). */
export const monthlyTax = (T: NonNullable<RoutesParams['tax']>, wage: number): number => T.tax_rate * Math.max(0, wage - T.allowance_yuan_month);

/** Tax route: whether a person with this nominal wage, insured months and formal job qualifies. */
export function taxQualifies(T: NonNullable<RoutesParams['tax']>, x: { wage: number; insuredMonths: number; formal: boolean }): boolean {
  if (!x.formal || x.insuredMonths < T.years * 12) return false;
  return T.years * 12 * monthlyTax(T, x.wage) >= T.min_tax_yuan;
}

/** Talent route: whether education (EDUCATION index), age and job qualify. */
export function talentQualifies(R: NonNullable<RoutesParams['talent']>, x: { edu: number; ageYears: number; formal: boolean }): boolean {
  if (R.require_formal_job && !x.formal) return false;
  const limits = R.max_age_by_education as Partial<Record<string, number>>;
  for (let e = x.edu; e >= 0; e--) {
    const max = limits[EDUCATION[e]!];
    if (max !== undefined) return x.ageYears <= max;
  }
  return false;
}

/** Purchase route: an owned home of the size or value, after the years in the city. */
export function purchaseQualifies(R: NonNullable<RoutesParams['purchase']>, x: { owned: boolean; m2: number; valueYuan: number; yearsInCity: number }): boolean {
  return x.owned && x.yearsInCity >= R.min_years_in_city && x.m2 >= R.min_m2 && x.valueYuan >= R.min_price_yuan;
}

/** Family route: living with a local urban hukou spouse long enough, and old enough. */
export function familyQualifies(R: NonNullable<RoutesParams['family']>, x: { spouseLocal: boolean; yearsTogether: number; ageYears: number }): boolean {
  return x.spouseLocal && x.yearsTogether >= R.min_marriage_years && x.ageYears >= R.min_age;
}

const ROUTES = ['tax', 'talent', 'purchase', 'family'] as const;

/** The runs of apply trials by route (in the order of the routes given), reset each round. */
const left = new Float64Array(ROUTES.length);

// Facts of one person for each route's rule, reused (no object per person in the monthly round).
const TAX_X = { wage: 0, insuredMonths: 0, formal: false };
const TALENT_X = { edu: 0, ageYears: 0, formal: false };
const PURCHASE_X = { owned: false, m2: 0, valueYuan: 0, yearsInCity: 0 };
const FAMILY_X = { spouseLocal: false, yearsTogether: 0, ageYears: 0 };

/**
 * One round: each adult without local urban hukou considers the first of the scenario's routes (in
 * ROUTES order) they qualify for, with its apply rate (one draw), and applies if the household
 * decides to. Routes the scenario does not give are left out of the walk (they qualify nobody).
 */
function routesRule(w: World, P: RoutesParams, month: number): void {
  const s = w.streams.get('routes');
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const n = w.persons.size;
  const m2 = w.city.zones.map((z) => z.dwelling_m2);
  const given = ROUTES.filter((r) => P[r] !== undefined);
  const nr = given.length;
  if (nr === 0) return;
  // Columns held in locals (grants add no rows).
  const live = w.persons.live, hukou = pc.hukou, ageM = pc.ageM, hh = pc.hh, sector = pc.sector, formalOf = pc.formal;
  const wage = pc.wage, insured = pc.insured, edu = pc.edu, inCity = pc.inCity, nextOf = pc.next;
  const steps = w.labourSteps;
  const hZone = hc.zone, hTenure = hc.dwTenure, hFactor = hc.dwFactor, hHead = hc.head;
  const wageIndex = w.wageIndex, priceLevel = w.priceLevel;
  left.fill(UNDRAWN);
  for (let p = 0; p < n; p++) {
    if (!live[p] || hukou[p] === LOCAL_URBAN || ageM[p]! < 216) continue;
    const h = hh[p]!;
    const ageYears = Math.floor(ageM[p]! / 12);
    const formal = sector[p] !== NO_JOB && formalOf[p] === 1;
    for (let i = 0; i < nr; i++) {
      const r = given[i]!;
      let ok = false;
      let applyRate = 0;
      if (r === 'tax') {
        TAX_X.wage = wage[p]! * wageIndex;
        TAX_X.insuredMonths = insuredOf(insured, formalOf, steps, p);
        TAX_X.formal = formal;
        ok = taxQualifies(P.tax!, TAX_X);
        applyRate = P.tax!.apply_rate;
      } else if (r === 'talent') {
        TALENT_X.edu = edu[p]!;
        TALENT_X.ageYears = ageYears;
        TALENT_X.formal = formal;
        ok = talentQualifies(P.talent!, TALENT_X);
        applyRate = P.talent!.apply_rate;
      } else if (r === 'purchase') {
        const z = hZone[h]!;
        const f = hFactor[h]!;
        PURCHASE_X.owned = hTenure[h] === OWNED;
        PURCHASE_X.m2 = m2[z]! * f;
        PURCHASE_X.valueYuan = priceLevel[z * NT + OWNED]! * f;
        PURCHASE_X.yearsInCity = inCity[p]! / 12;
        ok = purchaseQualifies(P.purchase!, PURCHASE_X);
        applyRate = P.purchase!.apply_rate;
      } else {
        let spouseLocal = false;
        for (let q = hHead[h]!; q >= 0; q = nextOf[q]!) if (q !== p && ageM[q]! >= 216 && hukou[q] === LOCAL_URBAN) spouseLocal = true;
        FAMILY_X.spouseLocal = spouseLocal;
        FAMILY_X.yearsTogether = inCity[p]! / 12;
        FAMILY_X.ageYears = ageYears;
        ok = familyQualifies(P.family!, FAMILY_X);
        applyRate = P.family!.apply_rate;
      }
      if (!ok) continue;
      // One route considered a month: the first the person qualifies for, with its apply rate, as
      // one trial of that route's run, by geometric skipping (sim/engine/skip.ts).
      const l = left[i]! < 0 ? geometricSkip(s.next(), applyRate) : left[i]!;
      if (l > 0) {
        left[i] = l - 1;
        break;
      }
      left[i] = UNDRAWN;
      if (!wantsHukou(w, p, month, P.land_retention_years, 0, 1)) break;
      w.flows.applicants++;
      grantHukou(w, p, month);
      break;
    }
  }
}

export const routesPolicy = definePolicy({
  name: 'routes',
  title: 'Other settlement routes (tax, talent, purchase, family)',
  title_zh: '其他落户渠道（纳税、人才、购房、投靠）',
  source: 'Chongqing 2010 reform: buying an apartment, or over 100,000 yuan of tax in 3 years (China Daily, 28 Jul 2010 [V]); Shenzhen direct talent route: full-time junior college ≤ 35, bachelor ≤ 45 (calibration.md [V, secondary]); spouse joining (投靠) [U]',
  source_zh: '重庆 2010 年改革：购房，或 3 年纳税 10 万元以上（《中国日报》2010 年 7 月 28 日 [V]）；深圳人才直接落户：全日制大专 ≤ 35 岁、本科 ≤ 45 岁（calibration.md [V，二手]）；夫妻投靠 [U]',
  schema: RoutesSchema,
  install(w, P) {
    w.levers.settlementOpen = true;
    w.levers.uncappedSettlement = true;
    w.settlementRules.push((w, month) => routesRule(w, P, month));
  },
});
