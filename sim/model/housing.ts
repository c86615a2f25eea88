/**
 * Housing (MODEL.md §3.4). One pass over households, then the market.
 * - Households without a dwelling (arrivals, new households, the displaced)
 *   choose one by the location choice (location.ts).
 * - Housed households in the market (owners and renters of market, urban
 *   village and dormitory dwellings) reconsider with a monthly chance:
 *   move_rate_renter_month or move_rate_owner_month, times
 *   burdened_move_factor when rent is over the burden limit of the budget,
 *   times the factors of the life events of the last life_event_months
 *   months (a birth, a child reaching school age, a job in another zone, a
 *   member leaving: lifeEvents.ts); a move clears the events. The chance is
 *   drawn by thinning, a look in a month with a bound of the chance and
 *   reconsideration with chance / bound (movingHazard.ts): few households
 *   are read beyond their savings in a month. A reconsidering household draws an alternative other
 *   than its own from the choice probabilities and moves with chance
 *   1 / (1 + exp(−(V_new − V_now − moving_cost))) (a binary logit between
 *   the drawn alternative and staying, moving cost included). An owner who
 *   sells gets its down payment back at today's price.
 * - Savings move with a quarter of income less rent; months over the
 *   burden limit are counted.
 * Then rents, prices and the stock move (market.ts). Streams "housing"
 * (the months of the looks, who reconsiders, whether they move) and "location" (the choices).
 */
import type { World } from './world.ts';
import type { Stream } from '../engine/random.ts';
import type { LocationModel } from './location.ts';
import * as enumsM from './enums.ts';
import * as locationM from './location.ts';
import * as marketM from './market.ts';
import * as lifeEventsM from './lifeEvents.ts';
import * as movingHazardM from './movingHazard.ts';
import * as byteWordsM from '../engine/byteWords.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { DORMITORY, MARKET_RENTAL, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE } = enumsM;
const { locationOf, ensureMonth, moveInto } = locationM;
const { marketOf, updatePrices, updateSupply } = marketM;
const { eventFactors, EVENT_COMBINATIONS } = lifeEventsM;
const { nextLookLog, NEVER_LOOKS, UNDRAWN } = movingHazardM;
const { byteWords, HIGH, LITTLE_ENDIAN } = byteWordsM;
const evFactor = new Float64Array(EVENT_COMBINATIONS);
// Math.log1p(−bound) of the last bound met in each slot (owner or not × event bits, or none): a look
// finds its bound's logarithm here when the bound is the slot's last one (checked), else computes it.
const BOUND_SLOTS = 2 * (EVENT_COMBINATIONS + 1);
const slotBound = new Float64Array(BOUND_SLOTS).fill(NaN);
const slotLog = new Float64Array(BOUND_SLOTS);

/** Tenures on the market whose households reconsider (bit t set): owned, market rental, urban village, dormitory. */
const MARKET_BITS = (1 << OWNED) | (1 << MARKET_RENTAL) | (1 << URBAN_VILLAGE) | (1 << DORMITORY);
/** Rent charged by zone × tenure this month: rentLevel, 0 for owned and rural homes (refilled by each pass). */
let charged = new Float64Array(0);

/** What the pass over households did: moves of reconsidering households, households still unhoused after it. */
export const passResult = { moves: 0, unhoused: 0 };

/**
 * The month's pass over households (row order): the unhoused choose, due households look (and may move),
 * life-event marks count down, savings and burden are updated; sets passResult. `rentK` is the rent
 * charged by zone × tenure (0 for owned and rural homes).
 */
export type HousingPass = (w: World, m: LocationModel, s: Stream, sl: Stream, month: number, rentK: Float64Array) => void;

export function housingMarket(w: World, month: number): void {
  runHousing(w, month, housingPass);
}

/** The housing step with the given pass over households (housingPass; tests give it a plain reference). */
export function runHousing(w: World, month: number, pass: HousingPass): void {
  const s = w.streams.get('housing');
  const sl = w.streams.get('location');
  const st = marketOf(w);
  const m = locationOf(w);
  if (m.month < 0) ensureMonth(w, m, month);
  else m.beginMonth(month); // zone residents were counted by last month's pass
  const rentLevel = w.rentLevel;
  eventFactors(w, evFactor);
  const nk = rentLevel.length;
  if (charged.length !== nk) charged = new Float64Array(nk);
  const rentK = charged;
  for (let k = 0; k < nk; k++) {
    const t = k % NT;
    rentK[k] = t === OWNED || t === RURAL_HOME ? 0 : rentLevel[k]!;
  }
  pass(w, m, s, sl, month, rentK);
  w.flows.moves += passResult.moves;
  // Zone residents for next month's location model: the members of the housed households now (World
  // keeps the count by move and member; what the pass counted, household by household, before).
  m.zoneResidents.set(w.housedResidents);
  updatePrices(w, st);
  updateSupply(w, st, passResult.unhoused);
  void PUBLIC_RENTAL;
}

// Word views of the byte columns (4 rows a word) and of moveAt (2 rows a word), remade when a table grows.
let tenureWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let zoneWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let leftWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let burdenWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let moveAtWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
/** Bit 15 of both halves of a word. */
const HIGH16 = 0x80008000 | 0;

/** A Uint32Array view of i16 column a, 2 rows a word (word q holds rows 2q, 2q + 1), or an empty one when a does not start its buffer. */
function shortWords(a: Int16Array, old: Uint32Array<ArrayBufferLike>): Uint32Array<ArrayBufferLike> {
  if (old.buffer === a.buffer && old.length === a.length >> 1) return old;
  if (a.byteOffset !== 0 || a.buffer.byteLength < 2 * a.length) return new Uint32Array(0);
  return new Uint32Array(a.buffer, 0, a.length >> 1);
}

/**
 * The pass over households, in row order: each household's choice (unhoused) or look (when due), then
 * its life-event countdown, savings and burden (test/model/housing-plain.ts has it as one plain loop).
 * Most households neither choose nor look in a month: four rows at a time (on a little-endian machine,
 * every row live), one word of dwTenure (no byte with bit 7 set: none unhoused) and two of moveAt (for a
 * half x in 0..32767, bit 15 of x + (32767 − month) is set exactly when x > month, without a carry
 * between halves: none due) say that the four rows only count down, save and pay; their tenure, zone,
 * life-event months and burden are then read from one word of each column, the new burdens written as
 * one word, and only the wages, factor and savings read row by row. The same floats in the same order
 * for each household (no household's accounts read another's), and every other row goes through the
 * row-by-row body.
 */
export function housingPass(w: World, m: LocationModel, s: Stream, sl: Stream, month: number, rentK: Float64Array): void {
  const hc = w.households.cols;
  const nh = w.households.size;
  const live = w.households.live;
  const hWages = hc.wages, wageIndex = w.wageIndex;
  const hSavings = hc.savings;
  const hTenure = hc.dwTenure, hFactor = hc.dwFactor, hZone = hc.zone;
  const burden = hc.burden, burdenLimit = w.city.housing.burden_limit, noIncomeSpend = w.originIncome * 0.2;
  const hMoveAt = hc.moveAt;
  const hEvents = hc.events, hEventLeft = hc.eventLeft;
  let moves = 0;
  // Households still without a dwelling after the pass (a move never leaves another household unhoused).
  let unhoused = 0;

  // No household is removed during the pass: when every row is live at its start (as after arrivals
  // have reused the rows freed last month), the live flags are not read.
  const allLive = w.households.dense;
  tenureWords = byteWords(hTenure, tenureWords);
  zoneWords = byteWords(hZone, zoneWords);
  leftWords = byteWords(hEventLeft, leftWords);
  burdenWords = byteWords(burden, burdenWords);
  moveAtWords = shortWords(hMoveAt, moveAtWords);
  const t32 = tenureWords, z32 = zoneWords, e32 = leftWords, b32 = burdenWords, m32 = moveAtWords;
  // Rows below wordEnd are taken four at a time where a group's words allow it.
  const words = LITTLE_ENDIAN && allLive && month >= 0 && month < NEVER_LOOKS && t32.length > 0 && z32.length > 0 && e32.length > 0 && b32.length > 0 && m32.length > 0;
  const wordEnd = words ? nh & ~3 : 0;
  const add = (NEVER_LOOKS - month) * 0x10001;
  // dwTenure is -1 exactly when the household has no dwelling (World keeps the copy with the dwelling).
  for (let h = 0; h < nh; ) {
    if ((h & 3) === 0 && h < wordEnd) {
      const q = h >> 2;
      const tw = t32[q]!, a = m32[2 * q]!, b = m32[2 * q + 1]!;
      if ((tw & HIGH) === 0 && (((a + add) & ~a & HIGH16) | 0) === HIGH16 && (((b + add) & ~b & HIGH16) | 0) === HIGH16) {
        const zw = z32[q]!, ew = e32[q]!, bw = b32[q]!;
        let nb = 0;
        for (let i = 0; i < 4; i++, h++) {
          const sh = 24 - 8 * i;
          const t = (tw << sh) >> 24;
          const income = hWages[h]! * wageIndex;
          const rent = rentK[((zw << sh) >> 24) * NT + t]! * hFactor[h]!;
          if (ew !== 0) {
            const e = (ew >>> (8 * i)) & 255;
            if (e > 0) {
              hEventLeft[h] = e - 1;
              if (e === 1) {
                hEvents[h] = 0;
                hMoveAt[h] = UNDRAWN;
              }
            }
          }
          const sv = Math.max(0, hSavings[h]! + 0.25 * (income - rent) - (income === 0 ? noIncomeSpend : 0));
          hSavings[h] = sv;
          if (rent > 0 && rent > burdenLimit * Math.max(income, hSavings[h]! / 24, 1)) {
            const b0 = (bw >>> (8 * i)) & 255;
            nb |= (b0 < 255 ? b0 + 1 : 255) << (8 * i);
          }
        }
        b32[q] = nb;
        continue;
      }
    }
    if (!allLive && !live[h]) {
      h++;
      continue;
    }
    let t = hTenure[h]!;
    const income = hWages[h]! * wageIndex;
    let rent = 0;
    if (t < 0) {
      // Unhoused: choose a dwelling.
      t = placeUnhoused(w, m, sl, h, income);
      if (t >= 0) rent = rentK[hZone[h]! * NT + t]! * hFactor[h]!;
    } else {
      rent = rentK[hZone[h]! * NT + t]! * hFactor[h]!;
      // The next look at the moving hazard is due, or not drawn yet (thinning: movingHazard.ts).
      if (hMoveAt[h]! <= month && look(w, m, s, sl, h, t, income, rent, month)) {
        moves++;
        t = hTenure[h]!;
        rent = rentK[hZone[h]! * NT + t]! * hFactor[h]!;
      }
    }
    // Life events raise the hazard for their months; after them the marks are cleared.
    // The bound of the moving hazard falls with them: a new look is drawn next month.
    if (hEventLeft[h]! > 0 && --hEventLeft[h]! === 0) {
      hEvents[h] = 0;
      hMoveAt[h] = UNDRAWN;
    }
    if (t < 0) unhoused++;
    // Savings and burden (no rent, no burden: burden_limit ≥ 0).
    const sv = Math.max(0, hSavings[h]! + 0.25 * (income - rent) - (income === 0 ? noIncomeSpend : 0));
    hSavings[h] = sv;
    if (rent > 0 && t >= 0 && rent > burdenLimit * Math.max(income, hSavings[h]! / 24, 1)) {
      if (burden[h]! < 255) burden[h]!++;
    } else burden[h] = 0;
    h++;
  }
  passResult.moves = moves;
  passResult.unhoused = unhoused;
}

/** An unhoused household chooses a dwelling; returns its tenure now (-1 still unhoused). Kept out of the pass's loop (rare). */
export function placeUnhoused(w: World, m: LocationModel, sl: Stream, h: number, income: number): number {
  const hc = w.households.cols;
  const savings = hc.savings[h]!;
  const budget = Math.max(income, savings / 24);
  // Most unhoused households can afford no vacant dwelling: they fail without a draw (location.ts, mayFind).
  const d1 = m.mayFind(h, income, budget, savings, -1) ? m.choose(sl, h, m.classOf(h, budget), income, budget, savings, -1) : -1;
  if (d1 >= 0) {
    moveInto(w, h, d1);
    hc.events[h] = 0;
    hc.eventLeft[h] = 0;
    return hc.dwTenure[h]!;
  }
  if (hc.unhoused[h]! < 255) hc.unhoused[h]!++;
  return -1;
}

/**
 * Household h (tenure t, nominal income and rent) has its next look at the moving hazard due in this
 * month, or not drawn yet (movingHazard.ts): draws it if needed; in the month of a look, draws the next
 * one and reconsiders with chance rate / bound. Returns whether it moved. Kept out of the pass's loop:
 * a few percent of households look in a month.
 */
export function look(w: World, m: LocationModel, s: Stream, sl: Stream, h: number, t: number, income: number, rent: number, month: number): boolean {
  const hc = w.households.cols;
  const L = w.city.location;
  if (!((MARKET_BITS >> t) & 1)) {
    // Public rental and rural homes: no moving hazard (bound 0).
    hc.moveAt[h] = NEVER_LOOKS;
    return false;
  }
  const marked = hc.eventLeft[h]! > 0;
  const events = marked ? evFactor[hc.events[h]!]! : 1;
  const bound = Math.min(1, (t === OWNED ? L.move_rate_owner_month : L.move_rate_renter_month * L.burdened_move_factor) * events);
  const slot = (t === OWNED ? EVENT_COMBINATIONS + 1 : 0) + (marked ? hc.events[h]! : EVENT_COMBINATIONS);
  let lg = slotLog[slot]!;
  if (slotBound[slot] !== bound) {
    lg = Math.log1p(-bound);
    slotBound[slot] = bound;
    slotLog[slot] = lg;
  }
  let at = hc.moveAt[h]!;
  if (at === UNDRAWN) {
    at = nextLookLog(s.next(), month, bound, lg);
    if (at > month) {
      hc.moveAt[h] = at;
      return false;
    }
  }
  // A look this month; the next one is drawn from next month on (a move resets it).
  hc.moveAt[h] = nextLookLog(s.next(), month + 1, bound, lg);
  const savings = hc.savings[h]!;
  const budget = Math.max(income, savings / 24);
  let rate = t === OWNED ? L.move_rate_owner_month : rent > w.city.housing.burden_limit * budget ? L.move_rate_renter_month * L.burdened_move_factor : L.move_rate_renter_month;
  rate *= events;
  if (rate < bound && !(s.next() * bound < rate)) return false;
  return reconsider(w, m, s, sl, h, t, income, budget);
}

/**
 * A reconsidering household of tenure t draws an alternative and moves to it with the binary logit
 * chance; returns whether it moved. Kept out of the pass's loop (rare).
 */
function reconsider(w: World, m: LocationModel, s: Stream, sl: Stream, h: number, t: number, income: number, budget: number): boolean {
  const hc = w.households.cols;
  const k0 = hc.zone[h]! * NT + t;
  // An owner who sells has its equity to spend: the down payment at today's price.
  const equity = t === OWNED ? w.priceLevel[k0]! * hc.dwFactor[h]! * w.city.housing.down_payment_share : 0;
  if (!m.mayFind(h, income, budget, hc.savings[h]! + equity, k0)) return false;
  const ci = m.classOf(h, budget);
  const d1 = m.choose(sl, h, ci, income, budget, hc.savings[h]! + equity, k0);
  if (d1 < 0) return false;
  const base = ci * m.na;
  const k1 = m.chosenAlt;
  const gain = m.V[base + k1]! - m.V[base + k0]! - w.city.location.moving_cost;
  if (!(s.next() * (1 + Math.exp(-gain)) < 1)) return false;
  hc.savings[h]! += equity;
  moveInto(w, h, d1);
  hc.events[h] = 0;
  hc.eventLeft[h] = 0;
  return true;
}
