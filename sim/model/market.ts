/**
 * The housing market (MODEL.md §3.4, "Rents, prices and supply"): rents and
 * prices by zone × tenure formed by demand and supply, and the stock that
 * responds to them. Run by the housing step after households have chosen.
 *
 * Rents (market rental, urban village, dormitory): the natural-vacancy adjustment of
 * Rosen & Smith (1983): real rents are constant when vacancy is at its
 * natural rate and move with the gap otherwise. "Real" is relative to
 * nominal incomes here, so
 *   ln R' = ln R + ln(wage index' / wage index) + clamp(speed × (v* − v), ±max_change).
 * Public rental rents are a share of the market rent (the public-rental
 * policy).
 *
 * Prices (owned): the user cost of owning (Poterba 1984) links price and
 * rent: a standard dwelling's price P* = 12 R_market / u with
 *   u = mortgage rate + depreciation + premium_z − expected appreciation,
 * premium_z calibrated at the start so that u equals 12 R0 / P0 at the
 * reference mortgage rate (the zone's starting rent and price; the
 * reference is the scenario's own mortgage rate unless it names another,
 * so the start is on the asset-market curve). Each month
 *   ln P' = ln P + ln(wage index' / wage index) + price_adjust × (ln P* − ln P)
 *           + clamp(speed × (v*_owned − v_owned), ±max_change),
 * a partial, stable adjustment towards the asset-market value
 * (DiPasquale & Wheaton 1992's price quadrant), disturbed by the owned
 * stock's vacancy gap. The owner's monthly cost P × u / 12 is what location
 * choice compares with rents (w.rentLevel[owned]; rentOf never charges it).
 *
 * Supply (DiPasquale & Wheaton's construction quadrant, lagged):
 * - owned and market rental, a stock adjustment: developers want the stock
 *   S* = E / (1 − v*) × (X / X trend)^supply_elasticity, E the occupied
 *   dwellings expected at completion: max(0, occupied + lag × Δ), Δ the
 *   smoothed monthly change of the zone × tenure's occupied stock (12-month
 *   exponential average from the first month's change), a first-order
 *   forecast (compounding a growth rate over the lag over-forecasts the
 *   absolute inflows a tenure gets from households changing tenure, and
 *   overbuilds); for a stock under 200 agents' dwellings occupied ×
 *   exp(g × lag), g the city's smoothed growth of urban housing demand
 *   (housed urban and unhoused households), X the price
 *   (owned) or rent (market), its trend the starting level × wage index
 *   (construction costs follow wages); starts a month ~ Poisson(max(0, S* −
 *   stock − dwellings under construction) × stock_adjust_month × land ×
 *   construction factor); started dwellings are completed
 *   construction_lag_months later (counting the pipeline keeps the lag from
 *   overshooting, the cobweb of a naive lagged supply). At the start the
 *   pipeline holds a steady flow of starts at the growth of desired jobs
 *   (initPipeline). land =
 *   clamp((capacity − urban stock) / (0.2 × capacity), 0, 1) with capacity =
 *   area × buildable_share × floor_area_ratio / dwelling_m2 (agents): full
 *   building until 80% of the zone's residential floor space is used, none
 *   at it.
 * - owners let vacant flats or sell let ones: when the owned stock's excess
 *   vacancy (over its natural rate, negative when under) exceeds the
 *   market-rental stock's by d,
 *   Poisson(min(vacant owned, d × owned stock) × conversion_month) vacant
 *   owned dwellings become market rentals, and the other way round (most of
 *   China's market rentals are flats let by their owners).
 * - urban villages: the stock changes by Poisson(stock × urban_village_response
 *   × |v* − v|) a month: rooms added (extra floors) when vacancy is under
 *   the natural rate, up to urban_village_headroom × the starting stock less
 *   what redevelopment removed (times the growth of the zone's formal stock
 *   where the zone had rural homes at the start: the city engulfs its
 *   villages, urbanVillageCapacity); vacant rooms withdrawn when it is over.
 * - dormitories follow manufacturing and construction jobs: the target is
 *   max(the starting stock × (those jobs now / at the start), occupied /
 *   (1 − v*)) × (dormitory rent / its income trend)^supply_elasticity
 *   (employers add beds when theirs are full); a share
 *   dormitory_adjust_month of the gap closes each month (vacant dormitories
 *   close when over).
 * Stream "supply".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
const { DORMITORY, MARKET_RENTAL, NS, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, SECTORS, URBAN_VILLAGE } = enumsM;

const MFG = SECTORS.indexOf('manufacturing');
const CONS = SECTORS.indexOf('construction');

export class MarketState {
  readonly nz: number;
  /** Starting rent and price levels by zone × tenure. */
  readonly rent0: Float64Array;
  readonly price0: Float64Array;
  /** User-cost risk premium by zone (calibrated at the start). */
  readonly premium: Float64Array;
  /** Dwelling starts waiting for completion: ring of (lag + 1) months × zone × tenure. */
  readonly pipeline: Int32Array;
  readonly lag: number;
  /** Urban-village capacity (agents' dwellings) by zone, and dormitory stock and jobs at the start. */
  readonly uvCap: Float64Array;
  readonly dorm0: Float64Array;
  readonly dormJobs0: Float64Array;
  /** Residential capacity by zone (agents' dwellings). */
  readonly capacity: Float64Array;
  /** Formal (owned + market-rental) stock by zone at the start, and whether the zone had rural homes (villages the city has yet to reach). */
  readonly formal0: Float64Array;
  readonly ruralAtStart: Uint8Array;
  lastWageIndex = 1;
  month = 0;
  /** Households wanting an urban dwelling (housed outside rural homes, or unhoused) last month, and its monthly growth (smoothed). */
  lastDemand = -1;
  growth = 0;
  /** Unhoused households this month (counted by updateSupply). */
  unhoused = 0;
  /** Occupied dwellings by zone × tenure last month, and their smoothed monthly change (dwellings a month). */
  readonly lastOcc: Float64Array;
  readonly changeK: Float64Array;

  constructor(w: World) {
    const nz = (this.nz = w.nz);
    const M = w.city.market;
    this.rent0 = Float64Array.from(w.rentLevel);
    this.price0 = Float64Array.from(w.priceLevel);
    this.premium = new Float64Array(nz);
    this.lag = Math.round(M.construction_lag_months);
    this.pipeline = new Int32Array((this.lag + 1) * nz * NT);
    this.uvCap = new Float64Array(nz);
    this.dorm0 = new Float64Array(nz);
    this.dormJobs0 = new Float64Array(nz);
    this.capacity = new Float64Array(nz);
    this.formal0 = new Float64Array(nz);
    this.ruralAtStart = new Uint8Array(nz);
    this.lastOcc = new Float64Array(nz * NT).fill(-1);
    this.changeK = new Float64Array(nz * NT);
    const appr = expectedAppreciation(w);
    for (let z = 0; z < nz; z++) {
      const zone = w.city.zones[z]!;
      const k = z * NT;
      const u0 = this.price0[k + OWNED]! > 0 ? (12 * this.rent0[k + MARKET_RENTAL]!) / this.price0[k + OWNED]! : 0.05;
      this.premium[z] = u0 - (referenceMortgageRate(w) + M.depreciation_year - appr);
      this.uvCap[z] = w.stock[k + URBAN_VILLAGE]! * zone.urban_village_headroom;
      this.dorm0[z] = w.stock[k + DORMITORY]!;
      this.formal0[z] = w.stock[k + OWNED]! + w.stock[k + MARKET_RENTAL]!;
      this.ruralAtStart[z] = w.stock[k + RURAL_HOME]! > 0 ? 1 : 0;
      this.dormJobs0[z] = w.jobs[z * NS + MFG]! + w.jobs[z * NS + CONS]!;
      this.capacity[z] = ((zone.area_km2 * zone.buildable_share * zone.floor_area_ratio * 1e6) / zone.dwelling_m2) * w.sample;
    }
    this.lastWageIndex = w.wageIndex;
  }
}

/**
 * Fills the pipeline of dwellings under construction at the start: a steady flow of starts over the
 * last lag months at the monthly growth of desired jobs (the scenario's job_growth_year, else the
 * labour market's derived growth), since demand growth before the start is not in the state. Run at
 * the first supply step, after the labour market's balanced start.
 */
export function initPipeline(w: World, st: MarketState): void {
  const nz = st.nz;
  // Dwellings under construction at the start: a steady flow of starts over the last lag months, at
  // the monthly job growth of the scenario (demand growth before the start is not in the state).
  const g0 = jobGrowthMonth(w);
  if (st.lag > 0 && g0 > 0) {
    for (let z = 0; z < nz; z++) {
      for (const t of [OWNED, MARKET_RENTAL]) {
        const perMonth = w.stock[z * NT + t]! * g0;
        let carry = 0;
        for (let i = 0; i < st.lag; i++) {
          carry += perMonth;
          const n = Math.floor(carry);
          carry -= n;
          // Slot i + 1 completes in month i + 1 (updateSupply completes slot month % (lag + 1)).
          st.pipeline[(((i + 1) % (st.lag + 1)) * nz + z) * NT + t]! += n;
        }
      }
    }
  }
}

/** Monthly growth of desired jobs: the scenario's job_growth_year, else the labour market's balanced-start value. */
function jobGrowthMonth(w: World): number {
  const y = w.city.labour.job_growth_year;
  return y !== undefined ? Math.pow(1 + y, 1 / 12) - 1 : w.mig.jobGrowthMonth - 1;
}

/**
 * Mortgage rate at which the starting prices were formed (the user-cost premium is calibrated at it):
 * the scenario's reference_mortgage_rate_year, else its own mortgage rate, so that the start is on the
 * asset-market curve (P0 = 12 R0 / u0) and only a rate that differs from the reference moves prices.
 */
export function referenceMortgageRate(w: World): number {
  return w.city.market.reference_mortgage_rate_year ?? w.city.housing.mortgage_rate_year;
}

/** Expected nominal appreciation a year in the user cost: the scenario's, or its wage growth. */
export function expectedAppreciation(w: World): number {
  return w.city.market.expected_appreciation_year ?? w.city.labour.wage_growth_year;
}

/** User cost of owning a year in zone z now. */
export function userCost(w: World, st: MarketState, z: number): number {
  const M = w.city.market;
  return Math.max(0.005, w.city.housing.mortgage_rate_year + M.depreciation_year + st.premium[z]! - expectedAppreciation(w));
}

const STATES = new WeakMap<World, MarketState>();

export function marketOf(w: World): MarketState {
  let st = STATES.get(w);
  if (!st) {
    st = new MarketState(w);
    STATES.set(w, st);
    for (let z = 0; z < w.nz; z++) w.rentLevel[z * NT + OWNED] = (w.priceLevel[z * NT + OWNED]! * userCost(w, st, z)) / 12;
  }
  return st;
}

/** Natural vacancy rate of a tenure. */
export function targetVacancy(w: World, t: number): number {
  const T = w.city.market.target_vacancy;
  return t === OWNED ? T.owned : t === MARKET_RENTAL ? T.market_rental : t === URBAN_VILLAGE ? T.urban_village : T.dormitory;
}

/** Rents and prices of the month (formulas in the file comment). */
export function updatePrices(w: World, st: MarketState): void {
  const M = w.city.market;
  const g = Math.log(w.wageIndex / st.lastWageIndex);
  st.lastWageIndex = w.wageIndex;
  const clamp = (x: number) => Math.max(-M.max_change_month, Math.min(M.max_change_month, x));
  for (let z = 0; z < w.nz; z++) {
    const k = z * NT;
    for (const t of [MARKET_RENTAL, URBAN_VILLAGE, DORMITORY]) {
      const stock = w.stock[k + t]!;
      const gap = stock > 0 ? targetVacancy(w, t) - w.vacantN[k + t]! / stock : 0;
      w.rentLevel[k + t]! *= Math.exp(g + clamp(M.rent_adjust_speed * gap));
    }
    const u = userCost(w, st, z);
    const stockO = w.stock[k + OWNED]!;
    const gapO = stockO > 0 ? targetVacancy(w, OWNED) - w.vacantN[k + OWNED]! / stockO : 0;
    const p = w.priceLevel[k + OWNED]!;
    if (p > 0) {
      const pStar = (12 * w.rentLevel[k + MARKET_RENTAL]!) / u;
      w.priceLevel[k + OWNED] = p * Math.exp(g + M.price_adjust_month * Math.log(pStar / p) + clamp(M.rent_adjust_speed * gapO));
    }
    w.rentLevel[k + OWNED] = (w.priceLevel[k + OWNED]! * u) / 12;
    const prhShare = w.levers.publicRentShare;
    if (prhShare !== null) w.rentLevel[k + PUBLIC_RENTAL] = w.rentLevel[k + MARKET_RENTAL]! * prhShare;
  }
}

/** New dwellings get a lognormal size-quality factor of mean 1 (as at the start). */
function newFactor(w: World): number {
  return Math.exp(0.25 * w.streams.get('supply').normal() - 0.03125);
}

/**
 * Removes up to n dwellings of zone z and tenure t, vacant ones first (from the end of the vacancy
 * list), then occupied ones (lowest index first): their households become unhoused. Returns removed.
 */
export function removeStock(w: World, z: number, t: number, n: number, vacantOnly: boolean): number {
  const k = z * NT + t;
  let removed = 0;
  while (removed < n && w.vacantN[k]! > 0) {
    w.removeDwelling(w.vacant[k]![w.vacantN[k]! - 1]!);
    removed++;
  }
  if (vacantOnly || removed >= n) {
    w.flows.demolished += removed;
    return removed;
  }
  const dc = w.dwellings.cols;
  for (let d = 0; d < w.dwellings.size && removed < n; d++) {
    if (!w.dwellings.live[d] || dc.zone[d] !== z || dc.tenure[d] !== t) continue;
    if (w.removeDwelling(d) >= 0) w.flows.displaced++;
    removed++;
  }
  w.flows.demolished += removed;
  return removed;
}

/** Adds n dwelling starts of zone z and tenure t, completed after the construction lag. */
export function startConstruction(w: World, st: MarketState, z: number, t: number, n: number): void {
  const slot = (st.month + st.lag) % (st.lag + 1);
  st.pipeline[(slot * st.nz + z) * NT + t]! += n;
}

/** Turns up to n vacant dwellings of zone z from tenure `from` into tenure `to` (same size and quality; a new row). */
export function convertVacant(w: World, z: number, from: number, to: number, n: number): number {
  const k = z * NT + from;
  let done = 0;
  while (done < n && w.vacantN[k]! > 0) {
    const d = w.vacant[k]![w.vacantN[k]! - 1]!;
    const factor = w.dwellings.cols.factor[d]!;
    const coded = w.dwellings.cols.coded[d]!;
    w.removeDwelling(d);
    const d2 = w.newDwelling(z, to, factor);
    w.dwellings.cols.coded[d2] = coded;
    done++;
  }
  return done;
}

/**
 * The urban-village stock zone z's village land can hold now: st.uvCap (headroom × the starting stock,
 * less what redevelopment took), times the growth of the zone's formal stock since the start where the
 * zone still had rural homes at the start: as building spreads over a zone's rural villages, the city
 * engulfs them and they become urban villages (城中村 form this way: Zhang, Zhao & Tian 2003, "Self-help in
 * housing and chengzhongcun in China's urbanization", IJURR 27(4)). A zone without rural homes has no
 * villages left to engulf.
 */
export function urbanVillageCapacity(w: World, st: MarketState, z: number): number {
  if (!st.ruralAtStart[z] || !(st.formal0[z]! > 0)) return st.uvCap[z]!;
  const k = z * NT;
  return st.uvCap[z]! * Math.max(1, (w.stock[k + OWNED]! + w.stock[k + MARKET_RENTAL]!) / st.formal0[z]!);
}

/** Lowers a zone's urban-village capacity (redevelopment or clearance takes the land). */
export function reduceUrbanVillageLand(w: World, z: number, units: number): void {
  const st = marketOf(w);
  st.uvCap[z] = Math.max(0, st.uvCap[z]! - units);
}

/** Construction, completions, urban villages and dormitories of the month (rules in the file comment). */
/** Households without a dwelling now. */
export function countUnhoused(w: World): number {
  const hc = w.households.cols;
  let n = 0;
  for (let h = 0; h < w.households.size; h++) if (w.households.live[h] && hc.dwelling[h]! < 0) n++;
  return n;
}

/** The month's stock changes; `unhousedNow` is countUnhoused(w) when the caller has counted it (the housing pass does). */
export function updateSupply(w: World, st: MarketState, unhousedNow?: number): void {
  const s = w.streams.get('supply');
  const M = w.city.market;
  const H = w.city.housing;
  const nz = w.nz;
  if (st.month === 0) initPipeline(w, st);
  // Completions of starts made construction_lag_months ago.
  const slot = st.month % (st.lag + 1);
  for (let z = 0; z < nz; z++) {
    for (const t of [OWNED, MARKET_RENTAL]) {
      const i = (slot * nz + z) * NT + t;
      const n = st.pipeline[i]!;
      st.pipeline[i] = 0;
      for (let j = 0; j < n; j++) w.newDwelling(z, t, newFactor(w));
    }
  }
  // Demand for urban dwellings and its growth (developers build for the demand they expect at completion).
  let urbanOcc = 0;
  for (let k = 0; k < nz * NT; k++) if (k % NT !== RURAL_HOME) urbanOcc += w.stock[k]! - w.vacantN[k]!;
  const unhoused = unhousedNow ?? countUnhoused(w);
  const demand = urbanOcc + unhoused;
  if (st.lastDemand > 0) {
    const g = Math.log(demand / st.lastDemand);
    st.growth = st.month === 1 ? g : st.growth + (g - st.growth) / 12;
  }
  st.lastDemand = demand;
  st.unhoused = unhoused;
  // Monthly change of each zone × tenure's occupied stock, smoothed like the city's growth.
  for (let k = 0; k < nz * NT; k++) {
    const occ = w.stock[k]! - w.vacantN[k]!;
    if (st.lastOcc[k]! >= 0) {
      const d = occ - st.lastOcc[k]!;
      st.changeK[k] = st.month === 1 ? d : st.changeK[k]! + (d - st.changeK[k]!) / 12;
    }
    st.lastOcc[k] = occ;
  }
  for (let z = 0; z < nz; z++) {
    const k = z * NT;
    let urban = 0;
    for (let t = 0; t < NT; t++) if (t !== RURAL_HOME) urban += w.stock[k + t]!;
    const cap = st.capacity[z]!;
    const land = cap > 0 ? Math.max(0, Math.min(1, (cap - urban) / (0.2 * cap))) : 0;
    for (const t of [OWNED, MARKET_RENTAL]) {
      const x = t === OWNED ? w.priceLevel[k + t]! / st.price0[k + t]! : w.rentLevel[k + t]! / st.rent0[k + t]!;
      const rel = Math.max(0, x / w.wageIndex);
      const stock = w.stock[k + t]!;
      const occupied = stock - w.vacantN[k + t]!;
      let pipeline = 0;
      for (let i = 0; i <= st.lag; i++) pipeline += st.pipeline[(i * nz + z) * NT + t]!;
      // Occupied dwellings expected at completion: today's plus the lag × the smoothed monthly change, a
      // first-order forecast; for a small stock (noisy) today's grown at the city's demand growth (≥ 0).
      const lag = Math.max(1, st.lag);
      const expected = stock >= 200 ? Math.max(0, occupied + st.changeK[k + t]! * lag) : occupied * Math.exp(Math.max(0, st.growth) * lag);
      const desired = (expected / (1 - targetVacancy(w, t))) * Math.pow(rel, M.supply_elasticity);
      const gap = Math.max(0, desired - stock - pipeline);
      const starts = s.poisson(gap * M.stock_adjust_month * land * w.levers.constructionFactor[z]!);
      if (starts > 0) {
        if (st.lag === 0) for (let j = 0; j < starts; j++) w.newDwelling(z, t, newFactor(w));
        else startConstruction(w, st, z, t, starts);
      }
    }
    // Urban villages.
    const uvStock = w.stock[k + URBAN_VILLAGE]!;
    if (uvStock > 0) {
      const gap = targetVacancy(w, URBAN_VILLAGE) - w.vacantN[k + URBAN_VILLAGE]! / uvStock;
      const n = s.poisson(uvStock * M.urban_village_response * Math.abs(gap));
      if (gap > 0) {
        const room = Math.max(0, Math.floor(urbanVillageCapacity(w, st, z) - uvStock));
        const add = Math.min(n, room);
        for (let j = 0; j < add; j++) w.newDwelling(z, URBAN_VILLAGE, newFactor(w));
      } else if (n > 0) removeStock(w, z, URBAN_VILLAGE, n, true);
    }
    // Owners let vacant flats on the rental market, or sell let ones, when the two vacancy gaps differ.
    const so = w.stock[k + OWNED]!, sm = w.stock[k + MARKET_RENTAL]!;
    if (so > 0 && sm > 0) {
      const gapO = w.vacantN[k + OWNED]! / so - targetVacancy(w, OWNED);
      const gapM = w.vacantN[k + MARKET_RENTAL]! / sm - targetVacancy(w, MARKET_RENTAL);
      const diff = gapO - gapM;
      if (diff > 0) convertVacant(w, z, OWNED, MARKET_RENTAL, s.poisson(Math.min(w.vacantN[k + OWNED]!, so * diff) * M.conversion_month));
      else if (diff < 0) convertVacant(w, z, MARKET_RENTAL, OWNED, s.poisson(Math.min(w.vacantN[k + MARKET_RENTAL]!, sm * -diff) * M.conversion_month));
    }
    // Dormitories follow manufacturing and construction jobs (and their rent, as flats do their price).
    if (st.dormJobs0[z]! > 0 && st.dorm0[z]! > 0) {
      const relD = Math.max(0, w.rentLevel[k + DORMITORY]! / st.rent0[k + DORMITORY]! / w.wageIndex);
      const forJobs = (st.dorm0[z]! * (w.jobs[z * NS + MFG]! + w.jobs[z * NS + CONS]!)) / st.dormJobs0[z]!;
      const occupiedD = w.stock[k + DORMITORY]! - w.vacantN[k + DORMITORY]!;
      const target = Math.max(forJobs, occupiedD / (1 - targetVacancy(w, DORMITORY))) * Math.pow(relD, M.supply_elasticity);
      const gap = target - w.stock[k + DORMITORY]!;
      const n = s.poisson(Math.abs(gap) * M.dormitory_adjust_month);
      if (gap > 0) for (let j = 0; j < n; j++) w.newDwelling(z, DORMITORY, newFactor(w));
      else if (n > 0) removeStock(w, z, DORMITORY, n, true);
    }
  }
  st.month++;
}
