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
import * as byteWordsM from '../engine/byteWords.ts';
// Hot module: imported bindings copied into module constants (docs/ARCHITECTURE.md conventions).
const { MONTHS_CAP } = workSpellsM;
const { LITTLE_ENDIAN, byteWords, bytesEqual, nonNegativeBytes, nonZeroBytes } = byteWordsM;
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
export function residenceOk(residence: z.infer<typeof ConditionsSchema>['residence'], tenure: number, registered: boolean): boolean {
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

/** Views of the persons' live, hukou and dwTenure bytes, four persons a word (sim/engine/byteWords.ts), kept between rounds. */
let liveWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0), hukouWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0), tenureWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
/** The tenures the residence condition accepts (1) or not (0), by tenure, for the current round. */
const byTenure = new Uint8Array(NT);
/** Persons are listed a chunk of CHUNK_WORDS words (4 × CHUNK_WORDS rows) at a time, in `chunk`. */
const CHUNK_WORDS = 1024;
const chunk = new Int32Array(4 * CHUNK_WORDS);

/**
 * One round over persons: the eligible (meetsConditions) consider applying with apply_rate, in index
 * order, each independently, drawn by geometric skipping over the round's eligible persons (one draw
 * from stream "settlement" per applicant, sim/engine/skip.ts), and those whose household decides to (hukouValue.ts)
 * are granted.
 *
 * The tests of meetsConditions are made on the columns directly, without a division, in three
 * stages a chunk of rows at a time, so that no test is a branch taken at random (on this machine
 * a mispredicted branch per person cost more than the columns' reads; docs/performance.md, ninth
 * session): (1) four persons a word (sim/engine/byteWords.ts), a mask of those live, not local
 * urban and living in a dwelling of a tenure the residence condition may accept (the persons' copy
 * of their household's tenure, World's dwTenure: bytes equal to one of at most two accepted
 * tenures, else bytes ≥ 0), whose rows are written to the chunk's list without a branch; (2) for
 * those, the other conditions as 0/1 products (age, months in the city and insured, permit,
 * registration, local rural hukou, the tenure itself when the word test was wider), keeping the
 * eligible in the list, in order; (3) the trials, in index order. A grant makes the applicant's
 * family local urban, possibly later persons of the list, so (3) reads hukou again; no grant
 * changes any other condition or makes anyone eligible. The tests are pure, so their order and
 * staging change nothing, and the trials are the same as a plain pass's
 * (test/policy/conditions-plain.ts, compared in test/policy/conditions-round.test.ts). Rows past
 * the last whole word, and every row on a big-endian machine, get the stage-1 mask from their
 * bytes.
 */
export function conditionsRound(w: World, c: z.infer<typeof ConditionsSchema>, month: number): void {
  const residence = c.residence;
  // Tenures the residence condition accepts without registration ('registered' also needs it), and
  // the word test: bytes equal to one of at most two accepted tenures (exact), else bytes ≥ 0 (housed;
  // wider, so stage 2 tests byTenure).
  let a0 = -1, a1 = -1, accepted = 0;
  for (let t = 0; t < NT; t++) {
    byTenure[t] = residenceOk(residence, t, true) ? 1 : 0;
    if (byTenure[t]) {
      if (accepted === 0) a0 = t;
      else if (accepted === 1) a1 = t;
      accepted++;
    }
  }
  if (accepted === 1) a1 = a0;
  const equalTest = accepted <= 2;
  // The months (integers) from which months / 12 ≥ the years: the same test without a division per
  // person. An i16 count (insured read through its spell is also within −32768…32767) passes a bound
  // below −32768 always and one above 32767 never, so the bounds are clamped to int32 comparisons.
  const cityFrom = Math.max(-32769, Math.min(32768, monthsFrom(c.min_years_in_city)));
  const insuredFrom = Math.max(-32769, Math.min(32768, monthsFrom(c.min_insured_years)));
  // No tenure accepted, or more years than an i16 holds: nobody is eligible, no trial is made.
  if (accepted === 0 || cityFrom > MONTHS_CAP || insuredFrom > MONTHS_CAP) return;
  const s = w.streams.get('settlement');
  const pc = w.persons.cols;
  const live = w.persons.live;
  const hukou = pc.hukou, ageM = pc.ageM, inCity = pc.inCity, insured = pc.insured, formal = pc.formal;
  const steps = w.labourSteps;
  const permitSince = pc.permitSince, registered = pc.registered, pTenure = pc.dwTenure;
  const needPermit = c.require_permit, needRegistered = residence === 'registered';
  const applyRate = c.apply_rate, noRural = !c.include_local_rural, retention = c.land_retention_years;
  // The list of live rows is fixed during the round (grants add and remove none).
  const n = w.persons.size;
  const lw = (liveWords = byteWords(live, liveWords)), hw = (hukouWords = byteWords(hukou, hukouWords)), tw = (tenureWords = byteWords(pTenure, tenureWords));
  // Whole words read as words (little-endian only); the rest row by row.
  const nw = LITTLE_ENDIAN ? Math.min(n >> 2, lw.length, hw.length, tw.length) : 0;
  const nq = (n + 3) >> 2;
  // The run of apply trials: failures left before the next success (UNDRAWN before the first trial and
  // after each success); skipTrial's steps inlined (sim/engine/skip.ts).
  let left = UNDRAWN;
  for (let q0 = 0; q0 < nq; q0 += CHUNK_WORDS) {
    const q1 = Math.min(nq, q0 + CHUNK_WORDS);
    // (1) The rows of the chunk that pass the byte tests, in order: whole words, then any rows past them.
    let k = q0 < nw ? listWords(tw, hw, lw, q0, Math.min(q1, nw), equalTest, a0, a1) : 0;
    if (q1 > nw) k = listRows(live, hukou, pTenure, k, 4 * Math.max(q0, nw), Math.min(n, 4 * q1));
    // (2) Of those, the eligible, in order.
    const e = keepEligible(k, ageM, inCity, insured, formal, steps, cityFrom, insuredFrom, permitSince, registered, hukou, pTenure, needPermit, needRegistered, noRural, equalTest);
    // (3) Each considers applying with applyRate: one trial of the round's run, by geometric skipping.
    const list = chunk;
    for (let i = 0; i < e; i++) {
      const p = list[i]!;
      // Made local urban by an earlier grant to its household in this round.
      if (hukou[p] === LOCAL_URBAN) continue;
      if (left < 0) left = geometricSkip(s.next(), applyRate);
      if (left > 0) {
        left--;
        continue;
      }
      left = UNDRAWN;
      // The household decision (hukouValue.ts): a sure grant, so chance 1.
      if (!wantsHukou(w, p, month, retention, 0, 1)) continue;
      w.flows.applicants++;
      grantHukou(w, p, month);
    }
  }
}

/**
 * Stage (1) on words q0..q1−1 (little-endian): writes to `chunk` from 0, in order, the rows whose
 * tenure byte passes the word test (equal to a0 or a1, or ≥ 0), whose hukou is not local urban and
 * which are live; returns how many. Each of the loops of the round is a small function of its own
 * (docs/ARCHITECTURE.md conventions: a long loop in a big function recompiled on stack replacement).
 */
function listWords(tw: Uint32Array<ArrayBufferLike>, hw: Uint32Array<ArrayBufferLike>, lw: Uint32Array<ArrayBufferLike>, q0: number, q1: number, equalTest: boolean, a0: number, a1: number): number {
  const list = chunk;
  let k = 0;
  for (let q = q0; q < q1; q++) {
    const tb = tw[q]!;
    const m = (equalTest ? bytesEqual(tb, a0) | bytesEqual(tb, a1) : nonNegativeBytes(tb)) & nonZeroBytes(hw[q]!) & nonZeroBytes(lw[q]!);
    const p = 4 * q;
    list[k] = p;
    k += (m >>> 7) & 1;
    list[k] = p + 1;
    k += (m >>> 15) & 1;
    list[k] = p + 2;
    k += (m >>> 23) & 1;
    list[k] = p + 3;
    k += m >>> 31;
  }
  return k;
}

/** Stage (1) row by row on rows from..to−1 (past the whole words, or all on a big-endian machine), appended to `chunk` after k rows; returns the new count. */
function listRows(live: Uint8Array, hukou: Uint8Array, pTenure: Int8Array, k: number, from: number, to: number): number {
  const list = chunk;
  for (let p = from; p < to; p++) {
    const t = pTenure[p]!;
    if (live[p] && hukou[p] !== LOCAL_URBAN && t >= 0 && byTenure[t]) list[k++] = p;
  }
  return k;
}

/** Stage (2): keeps, in order at the front of `chunk`, those of its first k rows who meet the other conditions; returns how many. */
function keepEligible(
  k: number, ageM: Int16Array, inCity: Int16Array, insured: Int16Array, formal: Uint8Array, steps: number, cityFrom: number, insuredFrom: number,
  permitSince: Int16Array, registered: Uint8Array, hukou: Uint8Array, pTenure: Int8Array, needPermit: boolean, needRegistered: boolean, noRural: boolean, equalTest: boolean,
): number {
  const list = chunk;
  let e = 0;
  for (let i = 0; i < k; i++) {
    const p = list[i]!;
    // insuredOf (workSpells.ts) as a product: min(32767, insured + steps) in formal work, else insured (≤ 32767).
    const ins = Math.min(MONTHS_CAP, insured[p]! + steps * +(formal[p] === 1));
    let ok = +(ageM[p]! >= 216) & +(inCity[p]! >= cityFrom) & +(ins >= insuredFrom); // ageM / 12 < 18 exactly; inCity / 12 < minYears etc.
    if (needPermit) ok &= +(permitSince[p] !== NO_PERMIT);
    if (needRegistered) ok &= +(registered[p] === 1);
    if (noRural) ok &= +(hukou[p] !== LOCAL_RURAL);
    if (!equalTest) ok &= byTenure[pTenure[p]!]!;
    list[e] = p;
    e += ok;
  }
  return e;
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
