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
import { grantHukou } from '../model/settlement.ts';
import type { World } from '../model/world.ts';
import { wantsHukou } from '../model/hukouValue.ts';
import { NO_PERMIT } from '../model/world.ts';
import * as enumsM from '../model/enums.ts';
import * as skipM from '../engine/skip.ts';
import * as workSpellsM from '../model/workSpells.ts';
// Hot module: imported bindings copied into module constants (docs/ARCHITECTURE.md conventions).
const { insuredOf } = workSpellsM;
const { UNDRAWN, geometricSkip } = skipM;
const { OWNED, PUBLIC_RENTAL, MARKET_RENTAL, URBAN_VILLAGE, DORMITORY, LOCAL_URBAN, LOCAL_RURAL, NT } = enumsM;

export const ConditionsSchema = z.strictObject({
  min_years_in_city: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years in the city required', unit: 'years', step: 0.5, lever: true, label_zh: '在本市居住年限要求', doc: 'Years a migrant must have lived in the city before settling under the plain conditions route (Chongqing before 2010: years in the city plus buying an apartment).', doc_zh: '按一般条件落户时须在本市居住的年限（2010 年前的重庆：居住年限加购房）。' }),
  min_insured_years: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years of social insurance required', unit: 'years', step: 0.5, lever: true, label_zh: '社会保险缴纳年限要求', doc: 'Years of social insurance paid in the city that settlement requires.', doc_zh: '落户所需在本市缴纳社会保险的年限。' }).default(0),
  residence: z.enum(['any', 'owned', 'registered', 'owned_or_public_rental']).default('any').meta({
    label: 'Residence condition',
    label_zh: '住所条件',
    choices: {
      any: { label: 'any dwelling', label_zh: '任意住所' },
      owned: { label: 'owned home', label_zh: '自有住房' },
      registered: { label: 'registered dwelling', label_zh: '已登记住所' },
      owned_or_public_rental: { label: 'owned or public rental', label_zh: '自有或公租房' },
    },
  }),
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
  return residenceOk(c.residence, x.tenure, x.registered);
}

/** The residence condition on the household's tenure (-1 unhoused) and the person's registration. */
function residenceOk(residence: z.infer<typeof ConditionsSchema>['residence'], tenure: number, registered: boolean): boolean {
  switch (residence) {
    case 'owned':
      return tenure === OWNED;
    case 'registered':
      return registered && (tenure === OWNED || tenure === MARKET_RENTAL || tenure === URBAN_VILLAGE || tenure === PUBLIC_RENTAL || tenure === DORMITORY);
    case 'owned_or_public_rental':
      return tenure === OWNED || tenure === PUBLIC_RENTAL;
    default:
      return tenure >= 0;
  }
}

/**
 * One round over persons: the eligible (meetsConditions) consider applying with apply_rate, in index
 * order, each independently, drawn by geometric skipping over the round's eligible persons (one draw
 * from stream "settlement" per applicant, sim/engine/skip.ts), and those whose household decides to (hukouValue.ts)
 * are granted. The tests of meetsConditions are made on the columns directly, cheapest and most
 * selective first (the round runs every month over every person); they are pure, so their order
 * changes nothing, and the trials are the same.
 */
/**
 * The least integer i in the i16 range with !(i / 12 < years) (i / 12 is monotone in i, so for an
 * i16 count k, k / 12 < years ⟺ k < the result); −Infinity when no i fails the test (years NaN or
 * −Infinity), +Infinity when every i passes it.
 */
export function monthsFrom(years: number): number {
  if (!(years > -Infinity)) return -Infinity;
  if (years === Infinity) return Infinity;
  let i = Math.max(-32769, Math.min(32768, Math.ceil(years * 12)));
  while (i > -32769 && !((i - 1) / 12 < years)) i--;
  while (i < 32768 && i / 12 < years) i++;
  return i;
}

export function conditionsRound(w: World, c: z.infer<typeof ConditionsSchema>, month: number): void {
  const s = w.streams.get('settlement');
  const pc = w.persons.cols;
  const live = w.persons.live;
  const hukou = pc.hukou, ageM = pc.ageM, inCity = pc.inCity, insured = pc.insured, formal = pc.formal, hh = pc.hh;
  const steps = w.labourSteps;
  const permitSince = pc.permitSince, registered = pc.registered, hTenure = w.households.cols.dwTenure;
  const minYears = c.min_years_in_city, minInsured = c.min_insured_years, needPermit = c.require_permit;
  const residence = c.residence, applyRate = c.apply_rate, noRural = !c.include_local_rural;
  // Tenures the residence condition accepts without registration ('registered' also needs it).
  const byTenure = new Uint8Array(NT);
  for (let t = 0; t < NT; t++) byTenure[t] = residenceOk(residence, t, true) ? 1 : 0;
  const needRegistered = residence === 'registered';
  // The months (integers) from which months / 12 ≥ the years: the same test without a division per person.
  const cityFrom = monthsFrom(minYears), insuredFrom = monthsFrom(minInsured);
  // The list of live rows is fixed during the round (grants add and remove none).
  const n = w.persons.size;
  // The run of apply trials: failures left before the next success (UNDRAWN before the first trial and
  // after each success); skipTrial's steps inlined (sim/engine/skip.ts).
  let left = UNDRAWN;
  for (let p = 0; p < n; p++) {
    const hk = hukou[p]!;
    if (hk === LOCAL_URBAN || (noRural && hk === LOCAL_RURAL)) continue;
    // (A removed row's columns are stale, its hh may be −1: live before the row's other columns.)
    if (!live[p]) continue;
    // The household's tenure next: it fails most of those the hukou test leaves (Chongqing: 'owned').
    const t = hTenure[hh[p]!]!;
    if (t < 0 || !byTenure[t]) continue;
    const age = ageM[p]!;
    if (age < 216) continue; // ageM / 12 < 18, exactly
    if (inCity[p]! < cityFrom || insuredOf(insured, formal, steps, p) < insuredFrom) continue; // inCity / 12 < minYears etc., exactly
    if (needPermit && permitSince[p] === NO_PERMIT) continue;
    if (needRegistered && registered[p] !== 1) continue;
    // Considers applying with applyRate: one trial of the round's run, by geometric skipping.
    if (left < 0) left = geometricSkip(s.next(), applyRate);
    if (left > 0) {
      left--;
      continue;
    }
    left = UNDRAWN;
    // The household decision (hukouValue.ts): a sure grant, so chance 1.
    if (!wantsHukou(w, p, month, c.land_retention_years, 0, 1)) continue;
    w.flows.applicants++;
    grantHukou(w, p, month);
  }
}

export const conditionsPolicy = definePolicy({
  name: 'conditions',
  title: 'Conditions-based settlement',
  title_zh: '条件落户',
  source: 'State Council opinion on hukou reform 2014 (国发〔2014〕25号); seed 000',
  source_zh: '国务院关于进一步推进户籍制度改革的意见（2014，国发〔2014〕25号）；《超大城市治理案例》',
  schema: ConditionsSchema,
  install(w, c) {
    w.levers.settlementOpen = true;
    w.levers.uncappedSettlement = true;
    w.settlementRules.push((w, month) => {
      if (c.month_of_year !== 0 && w.calendar(month) !== c.month_of_year) return;
      conditionsRound(w, c, month);
    });
  },
});
