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
 *   member leaving: lifeEvents.ts); a move clears the events. A reconsidering household draws an alternative other
 *   than its own from the choice probabilities and moves with chance
 *   1 / (1 + exp(−(V_new − V_now − moving_cost))) (a binary logit between
 *   the drawn alternative and staying, moving cost included). An owner who
 *   sells gets its down payment back at today's price.
 * - Savings move with a quarter of income less rent; months over the
 *   burden limit are counted.
 * Then rents, prices and the stock move (market.ts). Streams "housing"
 * (who reconsiders, whether they move) and "location" (the choices).
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
import * as locationM from './location.ts';
import * as marketM from './market.ts';
import * as lifeEventsM from './lifeEvents.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { DORMITORY, MARKET_RENTAL, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE } = enumsM;
const { locationOf, ensureMonth, moveInto } = locationM;
const { marketOf, updatePrices, updateSupply } = marketM;
const { eventFactors, EVENT_COMBINATIONS } = lifeEventsM;
const evFactor = new Float64Array(EVENT_COMBINATIONS);

export function housingMarket(w: World, month: number): void {
  const s = w.streams.get('housing');
  const sl = w.streams.get('location');
  const H = w.city.housing;
  const L = w.city.location;
  const st = marketOf(w);
  const m = locationOf(w);
  const hc = w.households.cols;
  const nh = w.households.size;
  const live = w.households.live;
  if (m.month < 0) ensureMonth(w, m, month);
  else m.beginMonth(month); // zone residents were counted by last month's pass
  const na = m.na;
  const hWages = hc.wages, wageIndex = w.wageIndex;
  const hDwelling = hc.dwelling, hSavings = hc.savings;
  const rentLevel = w.rentLevel, priceLevel = w.priceLevel;
  const hTenure = hc.dwTenure, hFactor = hc.dwFactor, hZone = hc.zone;
  const burden = hc.burden, burdenLimit = H.burden_limit, noIncomeSpend = w.originIncome * 0.2;
  const rateRenter = L.move_rate_renter_month, rateOwner = L.move_rate_owner_month, burdenFactor = L.burdened_move_factor;
  const movingCost = L.moving_cost, downShare = H.down_payment_share;
  const hEvents = hc.events, hEventLeft = hc.eventLeft;
  eventFactors(w, evFactor);
  const zoneRes = m.zoneResidents;
  zoneRes.fill(0);
  let moves = 0;
  // Households still without a dwelling after the pass (a move never leaves another household unhoused).
  let unhoused = 0;

  for (let h = 0; h < nh; h++) {
    if (!live[h]) continue;
    let d = hDwelling[h]!;
    let t = hTenure[h]!;
    const income = hWages[h]! * wageIndex;
    let rent = d >= 0 && t !== OWNED && t !== RURAL_HOME ? rentLevel[hZone[h]! * NT + t]! * hFactor[h]! : 0;
    if (d < 0) {
      // Unhoused: choose a dwelling.
      const savings = hSavings[h]!;
      const budget = Math.max(income, savings / 24);
      const d1 = m.choose(sl, h, m.classOf(h, budget), income, budget, savings, -1);
      if (d1 >= 0) {
        moveInto(w, h, d1);
        hEvents[h] = 0;
        hEventLeft[h] = 0;
        d = d1;
        t = hTenure[h]!;
        rent = t !== OWNED ? rentLevel[hZone[h]! * NT + t]! * hFactor[h]! : 0;
      } else if (hc.unhoused[h]! < 255) hc.unhoused[h]!++;
    } else if (t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY) {
      const savings = hSavings[h]!;
      const budget = Math.max(income, savings / 24);
      let rate = t === OWNED ? rateOwner : rent > burdenLimit * budget ? rateRenter * burdenFactor : rateRenter;
      if (hEventLeft[h]! > 0) rate *= evFactor[hEvents[h]!]!;
      if (s.next() < rate) {
        const z0 = hZone[h]!;
        const k0 = z0 * NT + t;
        const ci = m.classOf(h, budget);
        // An owner who sells has its equity to spend: the down payment at today's price.
        const equity = t === OWNED ? priceLevel[k0]! * hFactor[h]! * downShare : 0;
        const d1 = m.choose(sl, h, ci, income, budget, savings + equity, k0);
        if (d1 >= 0) {
          const base = ci * na;
          const k1 = w.dwellings.cols.zone[d1]! * NT + w.dwellings.cols.tenure[d1]!;
          const gain = m.V[base + k1]! - m.V[base + k0]! - movingCost;
          if (s.next() * (1 + Math.exp(-gain)) < 1) {
            hSavings[h]! += equity;
            moveInto(w, h, d1);
            moves++;
            hEvents[h] = 0;
            hEventLeft[h] = 0;
            d = d1;
            t = hTenure[h]!;
            rent = t !== OWNED ? rentLevel[hZone[h]! * NT + t]! * hFactor[h]! : 0;
          }
        }
      }
    }
    // Life events raise the hazard for their months; after them the marks are cleared.
    if (hEventLeft[h]! > 0 && --hEventLeft[h]! === 0) hEvents[h] = 0;
    if (d >= 0) zoneRes[hZone[h]!]! += hc.size[h]!;
    else unhoused++;
    // Savings and burden.
    hSavings[h] = Math.max(0, hSavings[h]! + 0.25 * (income - rent) - (income === 0 ? noIncomeSpend : 0));
    if (d >= 0 && rent > burdenLimit * Math.max(income, hSavings[h]! / 24, 1)) {
      if (burden[h]! < 255) burden[h]!++;
    } else burden[h] = 0;
  }
  w.flows.moves += moves;
  updatePrices(w, st);
  updateSupply(w, st, unhoused);
  void PUBLIC_RENTAL;
}
