/**
 * The migration decision and the hinterland (MODEL.md §3.3, "Migration and
 * labour submodels"). The hinterland is a few segments (the municipality's
 * own rural areas; other provinces), each with its working-age adults by
 * education (in agents), an origin income growing at its own rate, and a
 * moving cost. Leavers from the city deplete nothing here; movers deplete
 * their segment, returners refill it.
 *
 * Each month, once per segment s × education e (not per person), the
 * expected value of the city for a mover is
 *   V_e = W_e × E − H + S + P × prospect_e,
 *   W_e  = the wage a new hire of education e is offered (mean wage × education premium ×
 *          wage index × tightness index × job-weighted zone wage factor),
 *   E    = f / (f + σ), the share of time employed given the job-finding rate f of the
 *          matching function (from last month's vacancies and job seekers) and separations σ,
 *   H    = housing_cost_share × stock-weighted mean market / urban-village rent,
 *   S    = service value × wage index × migrant children's school access,
 *   P    = settlement value × wage index; prospect_e = min(1, prospect_scale × the yearly
 *          settlement rate of non-hukou workers of education e),
 * against the origin O_se = income_s × (1 + origin_education_premium_share × (premium_e /
 * premium_junior − 1)) plus the moving cost C_s (× wage index). The movers (household heads)
 * from s × e this month are Poisson with mean
 *   κ × N_se × (V_e / (O_se + C_s))^β × policy arrival factor,
 * N_se the segment's adults of education e. κ, the propensity, is a parameter or, when
 * absent, derived in month 1 from the pre-start trend (the balanced start, below).
 *
 * Residents' out-migration (Chongqing's 2000s): a local-hukou household whose head is of
 * working age leaves for other places with the monthly chance
 *   out_rate × (D_e / (W_e × E))^β_out,  D_e the destination income for education e;
 * its adults join the own-rural segment when they hold local rural hukou.
 *
 * The balanced start: when no propensity is given, κ is set in month 1 so that the month's
 * expected net change of residents — births − deaths (this month's, from the demography step
 * that ran before) + arrivals − expected departures − expected out-migrants (both from the
 * hazards of the month-1 state, without drawing) — equals pre_start_growth_year / 12 of the
 * residents. κ then stays fixed: later flows follow the income gap, the jobs and the
 * hinterland, not the first month.
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
import { NE } from './hinterland.ts';
// Imported bindings are read through their module cell on every use (docs/performance.md).
const { EDUCATION, MARKET_RENTAL, NS, NT, URBAN_VILLAGE } = enumsM;

export { NE, MigrationState } from './hinterland.ts';
const JUNIOR = 2;

/** Education premium of the city's wages (relative to the mean wage). */
const premium = (w: World, e: number): number => (w.city.labour.wage_by_education as Record<string, number>)[EDUCATION[e]!]!;

/** Job-weighted mean zone wage factor. */
export function zoneWageFactor(w: World): number {
  let j = 0;
  let jw = 0;
  for (let z = 0; z < w.nz; z++) {
    let zj = 0;
    for (let k = 0; k < NS; k++) zj += w.jobs[z * NS + k]!;
    j += zj;
    jw += zj * w.city.zones[z]!.wage_factor;
  }
  return j > 0 ? jw / j : 1;
}

/** Monthly wage (nominal yuan) the city offers a new hire of education e. */
export function expectedWage(w: World, e: number, zoneFactor = zoneWageFactor(w)): number {
  return w.city.labour.mean_wage_yuan_month * premium(w, e) * w.wageIndex * w.mig.wageTight * zoneFactor;
}

/** Share of time a mover expects to be employed: f / (f + σ), f the matching function's monthly finding rate. */
export function employmentChance(w: World): number {
  const f = w.mig.findRate;
  // Before the first labour market: the starting employment rate (the steady state the start is balanced on).
  if (Number.isNaN(f)) return 1 - w.city.labour.unemployment_rate_start;
  const sep = w.city.labour.separation_rate_month;
  return f + sep > 0 ? f / (f + sep) : 1;
}

/**
 * Expected monthly housing cost of a newcomer (nominal yuan): housing_cost_share × the
 * stock-weighted mean rent of market and urban-village rentals. Exposed for the housing
 * and location-choice submodel.
 */
export function expectedHousingCost(w: World): number {
  let rent = 0;
  let stock = 0;
  for (let z = 0; z < w.nz; z++) {
    for (let i = 0; i < 2; i++) {
      const t = i === 0 ? MARKET_RENTAL : URBAN_VILLAGE;
      rent += w.rentLevel[z * NT + t]! * w.stock[z * NT + t]!;
      stock += w.stock[z * NT + t]!;
    }
  }
  return stock > 0 ? (w.city.migration.housing_cost_share * rent) / stock : 0;
}

/**
 * Settlement prospect (0..1) of a worker without local urban hukou of education e: min(1,
 * prospect_scale × settlements of such workers of that education over the last 12 months / such
 * workers); the months of that window before the start count at settlement_rate_year_start.
 * Exposed for the settlement and location-choice submodels.
 */
export function settlementProspect(w: World, e: number): number {
  const m = w.mig;
  let settled = 0;
  for (let i = 0; i < 12; i++) settled += m.settledRing[i * NE + e]!;
  const n = m.nonHukouWorkers[e]!;
  // Months before the start count at the pre-start settlement rate (the run has observed months 1..month − 1).
  const missing = Math.max(0, 12 - Math.max(0, w.month - 1));
  settled += (missing / 12) * w.city.migration.settlement_rate_year_start * n;
  return n > 0 ? Math.min(1, (w.city.migration.prospect_scale * settled) / n) : 0;
}

/** Origin income (nominal yuan a month) of segment s for education e. */
export function originIncome(w: World, s: number, e: number): number {
  const k = w.city.migration.origin_education_premium_share;
  return w.mig.income[s]! * (1 + k * (premium(w, e) / premium(w, JUNIOR) - 1));
}

/**
 * Updates the month's decision terms: prospects, the value V_e, out-migration chances; when
 * `advance`, first grows origin and destination incomes and the segments by a month.
 */
export function updateMigrationTerms(w: World, advance: boolean): void {
  const m = w.mig;
  const M = w.city.migration;
  const A = w.city.arrivals;
  if (advance) {
    // Origin and destination incomes and the segments' own demography.
    m.segments.forEach((sg, s) => {
      m.income[s]! *= Math.pow(1 + sg.income_growth_year, 1 / 12);
      const g = Math.pow(1 + sg.population_growth_year, 1 / 12);
      for (let e = 0; e < NE; e++) m.pop[s * NE + e]! *= g;
    });
    m.destIncome *= Math.pow(1 + M.out_migration.destination_income_growth_year, 1 / 12);
  }
  let popSum = 0;
  let incSum = 0;
  for (let s = 0; s < m.nseg; s++) {
    const n = m.segmentPopulation(s);
    popSum += n;
    incSum += n * m.income[s]!;
  }
  w.originIncome = popSum > 0 ? incSum / popSum : m.income[0]!;
  const zf = zoneWageFactor(w);
  const E = employmentChance(w);
  const H = expectedHousingCost(w);
  const S = A.service_value_yuan_month * w.wageIndex * w.pulse.migrantSchoolAccess;
  const P = A.settlement_value_yuan_month * w.wageIndex;
  const O = M.out_migration;
  for (let e = 0; e < NE; e++) {
    m.prospect[e] = settlementProspect(w, e);
    const wage = expectedWage(w, e, zf);
    m.value[e] = wage * E - H + S + P * m.prospect[e]!;
    const dest = (m.destIncome * premium(w, e)) / premium(w, JUNIOR);
    m.outChance[e] = Math.min(1, O.rate_month * Math.pow(dest / Math.max(1, wage * E), O.elasticity));
  }
}

/** Expected movers a month (heads, agents) from segment s, education e, per unit of propensity. */
export function moverWeight(w: World, s: number, e: number): number {
  const m = w.mig;
  const cost = m.segments[s]!.moving_cost_yuan_month * w.wageIndex;
  const ratio = Math.max(0.01, m.value[e]!) / (originIncome(w, s, e) + cost);
  return m.pop[s * NE + e]! * Math.pow(ratio, w.city.migration.elasticity);
}

/** Adds a settled person to the prospect counts (a settle listener; workers only). */
export function countSettlement(w: World, p: number): void {
  const pc = w.persons.cols;
  if (!pc.active[p]) return;
  w.mig.settledRing[(w.month % 12) * NE + pc.edu[p]!]!++;
}

/** After the census state is built: registers the settlement count for the prospect. */
export function initialiseMigration(w: World): void {
  w.settleListeners.push((w, p) => countSettlement(w, p));
}

/**
 * Gives the starting unemployed the spells of a stationary stock whose monthly chance of finding a
 * job is f (geometric), so that the departure hazard does not rise through the first year as spells
 * build up from zero (the balanced start, balance.ts, which finds f). Stream "migration-init".
 */
export function drawStartSpells(w: World, f: number): void {
  const s = w.streams.get('migration-init');
  const pc = w.persons.cols;
  const lf = f > 0 && f < 1 ? Math.log1p(-f) : -Infinity;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || !pc.active[p] || pc.sector[p]! >= 0) continue;
    pc.unemp[p] = lf < 0 && lf > -Infinity ? Math.min(255, Math.floor(Math.log(1 - s.next()) / lf)) : 0;
  }
}

/**
 * drawStartSpells for the rows `rows[0..n)`, which must be the live, active rows without a job in index
 * order (balance.ts lists them): the same draws from the same stream for the same rows.
 */
export function drawStartSpellsOf(w: World, f: number, rows: Int32Array, n: number): void {
  const s = w.streams.get('migration-init');
  const unemp = w.persons.cols.unemp;
  const lf = f > 0 && f < 1 ? Math.log1p(-f) : -Infinity;
  for (let i = 0; i < n; i++) unemp[rows[i]!] = lf < 0 && lf > -Infinity ? Math.min(255, Math.floor(Math.log(1 - s.next()) / lf)) : 0;
}
