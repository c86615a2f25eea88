/**
 * The balanced start (MODEL.md, "A start in balance"). Before the first
 * month's labour market, from the census state (no draws):
 * - the migration propensity κ (unless the scenario gives propensity_month or
 *   arrivals.base_rate_year) is set so that the month's expected change of
 *   residents — expected births − deaths + arrivals − expected returns −
 *   expected out-migrants, the leavers from the same hazards departures.ts
 *   draws from — equals the pre-start trend, pre_start_growth_year / 12;
 * - the matching efficiency e (unless the scenario gives matching_efficiency)
 *   is set so that the starting unemployment rate u0 (as observed, after the
 *   month's matching and arrivals) is the steady state of the labour
 *   market's flows: u0 = (1 − f)(u0 + σ(1 − u0)) + a, f = e·√θ0, θ0 the
 *   starting (vacancies + the month's separations) / unemployed, as the
 *   labour step measures it, a the arrivals' monthly inflow into the labour
 *   force per member.
 * - the growth of desired jobs (unless the scenario gives job_growth_year)
 *   is set to the month's expected growth of the labour force under these
 *   flows: arrivals' workers − expected leavers' workers + those reaching 16
 *   (× participation) − workers reaching 60, so that tightness starts steady.
 * The starting unemployed carry the spells of a stationary stock
 * (migration.ts, initialiseMigration). Later months use κ and e unchanged.
 */
import type { World } from './world.ts';
import { expectedLeavers } from './departures.ts';
import { monthlyDeathChance } from './lifetimes.ts';
import { NE, moverWeight, updateMigrationTerms } from './migration.ts';
import { NS } from './enums.ts';

/** Mean persons an arriving household brings. */
export function personsPerArrivingHousehold(w: World): number {
  const A = w.city.arrivals;
  return A.single_share + (1 - A.single_share) * (2 + A.children_per_family * A.bring_children_share);
}

/** Mean members of the labour force an arriving household brings. */
function activePerArrivingHousehold(w: World): number {
  return 1 + (1 - w.city.arrivals.single_share) * w.city.migration.spouse_active_share;
}

/** Expected births − deaths of a month from the current persons (women 15–49 at the fertility rate; Gompertz deaths). */
export function expectedNaturalIncrease(w: World): number {
  const D = w.city.demography;
  const pc = w.persons.cols;
  const birth = D.fertility_rate / 35 / 12;
  const byYear = new Float64Array(131);
  for (let y = 0; y <= 130; y++) byYear[y] = monthlyDeathChance(D.mortality_a, D.mortality_b, D.infant_mortality, y * 12 + 6);
  let n = 0;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const age = pc.ageM[p]!;
    if (pc.sex[p] === 1 && age >= 180 && age < 600) n += birth;
    n -= byYear[Math.min(130, Math.floor(age / 12))]!;
  }
  return n;
}

export interface StartBalance {
  persons: number; // arriving persons a month the start needs
  naturalIncrease: number;
  returns: number;
  outMigrants: number;
  propensity: number;
  matchingEfficiency: number;
}

/** Derives κ and e (see the file comment) once; later calls return at once. */
export function balanceStart(w: World): void {
  const m = w.mig;
  if (!Number.isNaN(m.propensity)) return;
  const M = w.city.migration;
  const L = w.city.labour;
  updateMigrationTerms(w, false);
  const residents = w.persons.count;
  const pph = personsPerArrivingHousehold(w);
  const base = w.city.arrivals.base_rate_year;
  const nat = expectedNaturalIncrease(w);
  const left = expectedLeavers(w);
  let persons: number;
  if (base !== undefined) persons = (base * residents) / 12;
  else persons = (Math.pow(1 + M.pre_start_growth_year, 1 / 12) - 1) * residents - nat + left.returns + left.out;
  persons = Math.max(0, persons);
  let weight = 0;
  for (let s = 0; s < m.nseg; s++) for (let e = 0; e < NE; e++) weight += moverWeight(w, s, e);
  if (M.propensity_month !== undefined) {
    m.propensity = M.propensity_month;
    persons = m.propensity * weight * pph;
  } else m.propensity = weight > 0 ? persons / pph / weight : 0;
  // Matching efficiency for a steady starting unemployment rate.
  let lf = 0;
  let U = 0;
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || !pc.active[p]) continue;
    lf++;
    if (pc.sector[p]! < 0) U++;
  }
  let V = 0;
  for (let k = 0; k < w.nz * NS; k++) V += Math.max(0, Math.floor(w.jobs[k]!) - w.filled[k]!);
  // Tightness as the labour step measures it: vacancies (with the jobs this month's separations free)
  // over those unemployed since last month.
  const sepFlow = L.separation_rate_month * (lf - U);
  m.tightness0 = U > 0 && V + sepFlow > 0 ? (V + sepFlow) / U : NaN;
  if (L.matching_efficiency !== undefined) m.matching = L.matching_efficiency;
  else {
    const u0 = lf > 0 && U > 0 ? U / lf : Math.max(1e-3, L.unemployment_rate_start);
    const a = lf > 0 ? (persons / pph) * activePerArrivingHousehold(w) / lf : 0;
    // Observed after the month's matching and arrivals: u0 = (1 − f)(u0 + σ(1 − u0)) + a.
    const sep = L.separation_rate_month * (1 - u0);
    const f = Math.min(1, (sep + a) / (u0 + sep));
    m.matching = m.tightness0 > 0 ? f / Math.sqrt(m.tightness0) : L.unemployment_rate_start;
  }
  // Desired jobs grow with the labour force the balanced flows bring (or at the scenario's rate).
  if (L.job_growth_year !== undefined) m.jobGrowthMonth = Math.pow(1 + L.job_growth_year, 1 / 12);
  else {
    let enter = 0;
    let exit = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      const a = pc.ageM[p]!;
      if (a === 191) enter += L.participation_rate;
      else if (a === 719 && pc.active[p]) exit++;
    }
    const arrivingWorkers = (persons / pph) * activePerArrivingHousehold(w);
    m.jobGrowthMonth = lf > 0 ? 1 + (arrivingWorkers - left.active + enter - exit) / lf : 1;
  }
  m.findRate = m.tightness0 > 0 ? Math.min(1, m.matching * Math.sqrt(m.tightness0)) : NaN;
  m.balance = { persons: persons / w.sample, naturalIncrease: nat / w.sample, returns: left.returns / w.sample, outMigrants: left.out / w.sample, propensity: m.propensity, matchingEfficiency: m.matching };
}
