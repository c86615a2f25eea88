/**
 * Conditions-based settlement: a plain "meet the conditions, get hukou" rule,
 * as in the many cities (and Chongqing before 2010) that grant local hukou to
 * those with years of residence and social insurance, a legal residence and,
 * optionally, a residence permit. Source: the general form of settlement
 * conditions in the 2014 State Council opinion on hukou reform
 * (国务院关于进一步推进户籍制度改革的意见, 国发〔2014〕25号), as summarised
 * in seed 000. No quota: every eligible person who applies is granted.
 * Eligible persons consider applying with `apply_rate` a round and apply
 * when local hukou is worth more to their household than it costs
 * (sim/model/hukouValue.ts; land rights given up after
 * `land_retention_years`).
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source } from '../model/params.ts';
import { grantHukou, canSettle } from '../model/settlement.ts';
import { wantsHukou } from '../model/hukouValue.ts';
import { NO_PERMIT } from '../model/world.ts';
import { OWNED, PUBLIC_RENTAL, MARKET_RENTAL, URBAN_VILLAGE, DORMITORY } from '../model/enums.ts';

export const ConditionsSchema = z.strictObject({
  min_years_in_city: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years in the city required', unit: 'years', step: 0.5, lever: true, label_zh: '在本市居住年限要求', doc: 'Years a migrant must have lived in the city before settling under the plain conditions route (Chongqing before 2010: years in the city plus buying an apartment).', doc_zh: '按一般条件落户时须在本市居住的年限（2010 年前的重庆：居住年限加购房）。' }),
  min_insured_years: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years of social insurance required', unit: 'years', step: 0.5, lever: true, label_zh: '社会保险缴纳年限要求', doc: 'Years of social insurance paid in the city that settlement requires.', doc_zh: '落户所需在本市缴纳社会保险的年限。' }).default(0),
  residence: z.enum(['any', 'owned', 'registered', 'owned_or_public_rental']).default('any').meta({ label: 'Residence condition', label_zh: '住所条件' }),
  require_permit: z.boolean().default(false).meta({ label: 'Residence permit required', label_zh: '须持居住证' }),
  include_local_rural: z.boolean().default(true).describe('local rural-hukou residents may convert to urban hukou').meta({ label: 'Local rural hukou may apply', label_zh: '本市农村户籍可申请' }),
  apply_rate: share({ ui: { max: 0.2, step: 0.005 }, label: 'Share of eligible persons who apply in a round', label_zh: '符合条件者申请比例' }).default(0.3),
  month_of_year: num(0, 12, { label: 'Month of the settlement round (0 = every month)', label_zh: '落户办理月份（0 = 每月）' }).default(0).describe('0 = every month; 1..12 = a yearly round in that month'),
  land_retention_years: num(0, 100, { label: 'Years converts keep their land rights', label_zh: '转户后保留土地权益年限', unit: 'years', step: 1 }).default(0).describe('years a rural convert keeps land rights (0: given up on converting; 100: kept)'),
  source,
});

/** Whether person p meets the conditions (hand-checkable rule). */
export function meetsConditions(
  c: z.infer<typeof ConditionsSchema>,
  x: { yearsInCity: number; insuredYears: number; tenure: number; registered: boolean; hasPermit: boolean; ageYears: number },
): boolean {
  if (x.ageYears < 18) return false;
  if (x.yearsInCity < c.min_years_in_city) return false;
  if (x.insuredYears < c.min_insured_years) return false;
  if (c.require_permit && !x.hasPermit) return false;
  switch (c.residence) {
    case 'owned':
      return x.tenure === OWNED;
    case 'registered':
      return x.registered && (x.tenure === OWNED || x.tenure === MARKET_RENTAL || x.tenure === URBAN_VILLAGE || x.tenure === PUBLIC_RENTAL || x.tenure === DORMITORY);
    case 'owned_or_public_rental':
      return x.tenure === OWNED || x.tenure === PUBLIC_RENTAL;
    default:
      return x.tenure >= 0;
  }
}

export const conditionsPolicy = definePolicy({
  name: 'conditions',
  title: 'Conditions-based settlement',
  title_zh: '条件落户',
  source: 'State Council opinion on hukou reform 2014 (国发〔2014〕25号); seed 000',
  schema: ConditionsSchema,
  install(w, c) {
    w.levers.settlementOpen = true;
    w.levers.uncappedSettlement = true;
    w.settlementRules.push((w, month) => {
      if (c.month_of_year !== 0 && w.calendar(month) !== c.month_of_year) return;
      const s = w.streams.get('settlement');
      const pc = w.persons.cols;
      const hc = w.households.cols;
      const n = w.persons.size;
      for (let p = 0; p < n; p++) {
        if (!w.persons.live[p] || !canSettle(w, p)) continue;
        if (!c.include_local_rural && pc.hukou[p] === 1) continue;
        if (pc.ageM[p]! < 216) continue;
        const h = pc.hh[p]!;
        const ok = meetsConditions(c, {
          yearsInCity: pc.inCity[p]! / 12,
          insuredYears: pc.insured[p]! / 12,
          tenure: w.tenureOf(h),
          registered: pc.registered[p] === 1,
          hasPermit: pc.permitSince[p] !== NO_PERMIT,
          ageYears: pc.ageM[p]! / 12,
        });
        if (!ok || s.next() >= c.apply_rate) continue;
        // The household decision (hukouValue.ts): a sure grant, so chance 1.
        if (!wantsHukou(w, p, month, c.land_retention_years, 0, 1)) continue;
        w.flows.applicants++;
        grantHukou(w, p, month);
        void hc;
      }
    });
  },
});
