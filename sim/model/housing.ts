/**
 * Housing (MODEL.md §3.4). Households without a dwelling, renters who look
 * for a better one (monthly chance, higher when over the burden limit), and
 * renters who can afford to buy, search: each looks at `candidates` vacant
 * dwellings drawn across zones and tenures in proportion to vacancies, and
 * values each by
 *   u = −cost / income − commute_weight × zone distance to the job
 *       + quality_weight × log(size-quality factor) + 0.1 if owned,
 * where cost is rent, or the mortgage payment when buying (down payment from
 * savings, payment within max_mortgage_share of income). Rent must stay under
 * max_rent_share of income. Public rental dwellings are not searched: they
 * are allocated by lottery (policy public-rental). Afterwards savings move
 * with income less rent, burden months are counted, rents and prices of each
 * zone × tenure move with the gap between target and actual vacancy, and
 * builders add dwellings where vacancy is below target. Stream "housing".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { DORMITORY, MARKET_RENTAL, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE } = enumsM;

const SEARCH_TENURES = [OWNED, MARKET_RENTAL, URBAN_VILLAGE, DORMITORY];

/** Zone distance used for commuting: difference of zone positions in the scenario's list (zones are listed from the centre outwards). */
export const zoneDistance = (a: number, b: number): number => (a < 0 || b < 0 ? 0 : Math.abs(a - b));

export function housingMarket(w: World, _month: number): void {
  const s = w.streams.get('housing');
  const H = w.city.housing;
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const dc = w.dwellings.cols;
  const nh = w.households.size;
  const live = w.households.live;
  const weights = new Float64Array(w.nz * NT);
  // The annuity payment on price × (1 − down payment share) at the yearly rate over the years, with its
  // denominator computed once a month: loan × r / (1 − (1 + r)^−n), r = rate / 12, n = years × 12.
  const payRate = H.mortgage_rate_year / 12, payMonths = H.mortgage_years * 12, loanShare = 1 - H.down_payment_share;
  const payDenominator = 1 - Math.pow(1 + payRate, -payMonths);
  const pay = (price: number) => (payRate === 0 ? (price * loanShare) / payMonths : (price * loanShare * payRate) / payDenominator);
  // Household incomes: the wages column (kept by World) times the wage index.
  const hWages = hc.wages, wageIndex = w.wageIndex;
  const hDwelling = hc.dwelling, hSavings = hc.savings, tenureOf = dc.tenure, factorOf = dc.factor, dZone = dc.zone;
  const rentLevel = w.rentLevel;
  const hTenure = hc.dwTenure, hFactor = hc.dwFactor, hZone = hc.zone;
  const burden = hc.burden, burdenLimit = H.burden_limit, noIncomeSpend = w.originIncome * 0.2;

  /**
   * Household h (renting dwelling d0 at rent0, or unhoused: d0 = -1) searches: draws the candidates,
   * values them, and moves into the best if it beats the current dwelling by the margin.
   */
  const search = (h: number, d0: number, rent0: number, income: number, savings: number, budget: number): void => {
    const head = hc.head[h]!;
    const jobZone = head >= 0 ? pc.jobZone[head]! : -1;
    const single = hc.size[h] === 1 && head >= 0 && pc.sector[head]! >= 0;
    // Candidate weights: vacancies of searchable tenures (owned only if a down payment is possible somewhere).
    let total = 0;
    for (let z = 0; z < w.nz; z++) {
      for (const t of SEARCH_TENURES) {
        const k = z * NT + t;
        let v = w.vacantN[k]!;
        if (t === DORMITORY && !single) v = 0;
        if (t === OWNED && savings < H.down_payment_share * w.priceLevel[k]! * 0.7) v = 0;
        weights[k] = v;
        total += v;
      }
    }
    let best = -1;
    let bestU = -Infinity;
    if (total > 0) {
      for (let c = 0; c < H.candidates; c++) {
        let r = s.next() * total;
        let k = 0;
        for (; k < weights.length - 1; k++) {
          r -= weights[k]!;
          if (r < 0 && weights[k]! > 0) break;
        }
        if (weights[k]! <= 0) continue;
        const d = w.vacant[k]![s.int(w.vacantN[k]!)]!;
        // The list of zone z and tenure t holds only dwellings of that zone and tenure: read them off k,
        // not off the dwelling (two fewer cache misses for a dwelling drawn at random).
        const t = k % NT;
        const z = (k - t) / NT;
        const factor = factorOf[d]!;
        let cost: number;
        if (t === OWNED) {
          const price = w.priceLevel[k]! * factor;
          if (savings < price * H.down_payment_share) continue;
          cost = pay(price);
          if (cost > H.max_mortgage_share * income) continue;
        } else {
          cost = rentLevel[k]! * factor;
          if (cost > H.max_rent_share * budget) continue;
        }
        const u = -cost / budget - H.commute_weight * zoneDistance(z, jobZone) + H.quality_weight * Math.log(factor) + (t === OWNED ? 0.1 : 0);
        if (u > bestU) {
          bestU = u;
          best = d;
        }
      }
    }
    if (best < 0) {
      if (d0 < 0 && hc.unhoused[h]! < 255) hc.unhoused[h]!++;
      return;
    }
    if (d0 >= 0) {
      const u0 = -rent0 / budget - H.commute_weight * zoneDistance(hZone[h]!, jobZone) + H.quality_weight * Math.log(hFactor[h]!);
      if (bestU <= u0 + 0.02) return;
    }
    if (tenureOf[best] === OWNED) hSavings[h]! -= w.priceLevel[dZone[best]! * NT + OWNED]! * factorOf[best]! * H.down_payment_share;
    w.moveIn(h, best);
  };

  // One pass over households: renters and the unhoused may search (and move), then every household's
  // savings move with income less rent and its burden months are counted. A household's search reads
  // only its own savings and the vacancy lists, and its savings only its own dwelling, so this is the
  // same as a search pass followed by a savings pass.
  for (let h = 0; h < nh; h++) {
    if (!live[h]) continue;
    let d = hDwelling[h]!;
    // The dwelling's tenure and factor from the household's copies (w.rentOfHousehold, inlined; the
    // household's zone is its dwelling's): none for owned and rural homes.
    let t = hTenure[h]!;
    const income = hWages[h]! * wageIndex;
    let rent = d >= 0 && t !== OWNED && t !== RURAL_HOME ? rentLevel[hZone[h]! * NT + t]! * hFactor[h]! : 0;
    if (t !== OWNED && t !== RURAL_HOME && t !== PUBLIC_RENTAL) {
      const savings = hSavings[h]!;
      const budget = Math.max(income, savings / 24);
      // Who searches this month: the unhoused, and renters with a monthly chance (higher when burdened).
      if (d < 0 || s.next() < (rent > H.burden_limit * budget ? 0.1 : H.move_rate_month)) {
        search(h, d, rent, income, savings, budget);
        const d1 = hDwelling[h]!;
        if (d1 !== d) {
          d = d1;
          t = hTenure[h]!;
          rent = t !== OWNED && t !== RURAL_HOME ? rentLevel[hZone[h]! * NT + t]! * hFactor[h]! : 0;
        }
      }
    }
    // Savings and burden.
    hSavings[h] = Math.max(0, hSavings[h]! + 0.25 * (income - rent) - (income === 0 ? noIncomeSpend : 0));
    if (d >= 0 && rent > burdenLimit * Math.max(income, hSavings[h]! / 24, 1)) {
      if (burden[h]! < 255) burden[h]!++;
    } else burden[h] = 0;
  }

  // Rents and prices move with vacancy; builders respond.
  const speed = H.rent_adjust_speed;
  const g = Math.pow(1 + w.city.labour.wage_growth_year, 1 / 12);
  for (let z = 0; z < w.nz; z++) {
    for (const t of [OWNED, MARKET_RENTAL, URBAN_VILLAGE, DORMITORY]) {
      const k = z * NT + t;
      const stock = w.stock[k]!;
      if (stock === 0) continue;
      const vac = w.vacantN[k]! / stock;
      const change = Math.max(-0.03, Math.min(0.03, speed * (H.target_vacancy - vac)));
      if (t === OWNED) w.priceLevel[k]! *= 1 + change;
      else if (t === DORMITORY) w.rentLevel[k]! *= g;
      else w.rentLevel[k]! *= 1 + change;
      if (t === OWNED || t === MARKET_RENTAL) {
        const build = ((stock * H.construction_rate_year) / 12) * Math.max(0, 1 + 10 * (H.target_vacancy - vac)) * w.levers.constructionFactor[z]!;
        const nNew = s.poisson(build);
        for (let i = 0; i < nNew; i++) w.newDwelling(z, t, Math.exp(0.25 * s.normal() - 0.03125));
      }
    }
    const prhShare = w.levers.publicRentShare;
    if (prhShare !== null) w.rentLevel[z * NT + PUBLIC_RENTAL] = w.rentLevel[z * NT + MARKET_RENTAL]! * prhShare;
  }
}
