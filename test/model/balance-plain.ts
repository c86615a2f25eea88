/**
 * The balanced start as it was before balance.ts took its persons in one pass and its second
 * expectation of leavers from the first's kept terms (docs/performance.md, "Tenth session: month 1
 * of labour and registration"): the plain reference test/model/balance-fast.test.ts compares
 * balanceStart with, bit for bit. Three passes over the persons (expectedNaturalIncrease,
 * expectedSendBack, the labour force), and each of the two passes draws the starting spells over
 * every row (drawStartSpells) and computes the whole expectation (expectedLeavers).
 */
import type { World } from '../../sim/model/world.ts';
import { expectedLeavers } from '../../sim/model/departures.ts';
import { NE, drawStartSpells, moverWeight, updateMigrationTerms } from '../../sim/model/migration.ts';
import { NS } from '../../sim/model/enums.ts';
import { expectedNaturalIncrease, expectedSendBack, personsPerArrivingHousehold } from '../../sim/model/balance.ts';

/** Mean members of the labour force an arriving household brings. */
function activePerArrivingHousehold(w: World): number {
  return 1 + (1 - w.city.arrivals.single_share) * w.city.migration.spouse_active_share;
}

/** Derives κ and e (see the file comment) once; later calls return at once. */
export function plainBalanceStart(w: World): void {
  const m = w.mig;
  if (!Number.isNaN(m.propensity)) return;
  const M = w.city.migration;
  const L = w.city.labour;
  updateMigrationTerms(w, false);
  const residents = w.persons.count;
  const pph = personsPerArrivingHousehold(w);
  const base = w.city.arrivals.base_rate_year;
  const nat = expectedNaturalIncrease(w);
  const sentBack = expectedSendBack(w) / 12;
  let weight = 0;
  for (let s = 0; s < m.nseg; s++) for (let e = 0; e < NE; e++) weight += moverWeight(w, s, e);
  // The labour force, those reaching 16 who join it (as job seekers) and those reaching 60 who leave it this month.
  let lf = 0;
  let U = 0;
  let enter = 0;
  let exit = 0;
  let exitU = 0;
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const a = pc.ageM[p]!;
    if (a === 191) enter += L.participation_rate;
    if (!pc.active[p]) continue;
    lf++;
    if (pc.sector[p]! < 0) U++;
    if (a === 719) {
      exit++;
      if (pc.sector[p]! < 0) exitU++;
    }
  }
  const u0 = lf > 0 && U > 0 ? U / lf : Math.max(1e-3, L.unemployment_rate_start);
  const sepFlow = L.separation_rate_month * (lf - U);
  // The starting unemployed carry the spells of a stationary stock whose monthly exit chance is the finding
  // rate f the flows give; the leavers' hazard rises with the spell, so f is found in two passes: spells for
  // a first guess (separations alone), then for the f derived from them.
  let f = (L.separation_rate_month * (1 - u0)) / (u0 + L.separation_rate_month * (1 - u0));
  let persons = 0;
  let left!: ReturnType<typeof expectedLeavers>;
  for (let pass = 0; pass < 2; pass++) {
    drawStartSpells(w, f);
    left = expectedLeavers(w);
    if (base !== undefined) persons = (base * residents) / 12;
    else persons = (Math.pow(1 + M.pre_start_growth_year, 1 / 12) - 1) * residents - nat + left.returns + left.out + sentBack;
    persons = Math.max(0, persons);
    if (M.propensity_month !== undefined) {
      m.propensity = M.propensity_month;
      persons = m.propensity * weight * pph;
    } else m.propensity = weight > 0 ? persons / pph / weight : 0;
    const arriving = (persons / pph) * activePerArrivingHousehold(w);
    // Desired jobs grow with the labour force the balanced flows bring (or at the scenario's rate).
    if (L.job_growth_year !== undefined) m.jobGrowthMonth = Math.pow(1 + L.job_growth_year, 1 / 12);
    else m.jobGrowthMonth = lf > 0 ? 1 + (arriving - left.active + enter - exit) / lf : 1;
    // Tightness as the labour step measures it: vacancies after the month's job growth and withdrawal, with
    // the jobs this month's separations free, over those unemployed since last month (labour.ts, city-wide).
    let V = 0;
    const Dm = L.demand;
    for (let k = 0; k < w.nz * NS; k++) {
      let j = w.jobs[k]!;
      if (!(m.jobGrowthMonth > 1 && w.banned[k])) j *= m.jobGrowthMonth;
      const excess = j - w.filled[k]! - Dm.vacancy_share_start * j;
      if (excess > 0) j -= Dm.adjust_month * excess;
      V += Math.max(0, Math.floor(j) - w.filled[k]!);
    }
    m.tightness0 = U + sepFlow > 0 && V + sepFlow > 0 ? (V + sepFlow) / (U + sepFlow) : NaN;
    if (L.matching_efficiency !== undefined) m.matching = L.matching_efficiency;
    else if (U > 0 && m.tightness0 > 0) {
      // The rate stays at u0 from this month to the next: after matching, the newcomers (searching for half
      // a month on average), departures (the unemployed leave at λu = their expected leavers / U), and next
      // month's entrants and exits, U' = u0 × LF'. With y = √(1 − f):
      //   (1 − λu) × [y² (U + σ(lf − U)) + y A] = u0 (lf + A − leavers + enter − exit) − enter + exitU.
      const target = u0 * (lf + arriving - left.active + enter - exit) - enter + exitU;
      const b = U + sepFlow;
      const c = Math.max(0, target) / (1 - Math.min(0.99, left.unemployed / U));
      const y = (-arriving + Math.sqrt(arriving * arriving + 4 * b * c)) / (2 * b);
      m.matching = Math.min(1, Math.max(0, 1 - y * y)) / Math.sqrt(m.tightness0);
    } else m.matching = L.unemployment_rate_start;
    f = m.tightness0 > 0 ? Math.min(1, m.matching * Math.sqrt(m.tightness0)) : 0;
  }
  m.findRate = m.tightness0 > 0 ? f : NaN;
  m.balance = { persons: persons / w.sample, naturalIncrease: nat / w.sample, returns: left.returns / w.sample, outMigrants: left.out / w.sample, sentBack: sentBack / w.sample, propensity: m.propensity, matchingEfficiency: m.matching };
}
