/**
 * The balanced start (MODEL.md, "A start in balance"). Before the first
 * month's labour market, from the census state (no draws but the starting spells):
 * - the migration propensity κ (unless the scenario gives propensity_month or
 *   arrivals.base_rate_year) is set so that the month's expected change of
 *   residents — expected births − deaths + arrivals − expected returns −
 *   expected out-migrants, the leavers from the same hazards departures.ts
 *   draws from — and − a twelfth of the children the next school enrolment is
 *   expected to send back to the origin (a yearly flow, services.ts: the
 *   non-local school-age children without a place × leave_behind_chance)
 *   equals the pre-start trend, pre_start_growth_year / 12;
 * - the matching efficiency e (unless the scenario gives matching_efficiency)
 *   is set so that the starting unemployment rate u0 = U / lf stays the rate
 *   of the next month under the month's flows: matching at f = e·√θ0 of the
 *   unemployed and the separated, newcomers searching for the rest of their
 *   arrival month (chance 1 − √(1 − f), labour.ts searchOnArrival), the
 *   unemployed's expected departures, and next month's entrants and exits;
 *   θ0 the starting (vacancies after the month's job growth + the month's
 *   separations) / (unemployed + separations), as the labour step measures it;
 * - the growth of desired jobs (unless the scenario gives job_growth_year)
 *   is set to the month's expected growth of the labour force under these
 *   flows: arrivals' workers − expected leavers' workers + those reaching 16
 *   (× participation) − workers reaching 60, so that tightness starts steady.
 * The starting unemployed carry the spells of a stationary stock whose exit
 * chance is that f (migration.ts, drawStartSpells; two passes, since the
 * leavers' hazard rises with the spell). Later months use κ and e unchanged.
 *
 * Cost (docs/performance.md, "Tenth session: month 1 of labour and registration"): one pass over the
 * persons (tallyPersons) gives the natural increase, the send-back, the labour force and the list of
 * the unemployed, whose spells are then drawn from the list; the second expectation of leavers is
 * taken from the first's terms (departures.ts, expectationKept / expectationAgain), recomputing only
 * the hazards of migrant households with an unemployed head. Every float is the one of the plain
 * passes (test/model/balance-plain.ts, compared in test/model/balance-fast.test.ts).
 */
import type { World } from './world.ts';
import { LeaverTerms, expectationAgain, expectationKept, type Leavers } from './departures.ts';
import { monthlyDeathChance } from './lifetimes.ts';
import { NE, drawStartSpellsOf, moverWeight, updateMigrationTerms } from './migration.ts';
import * as enumsM from './enums.ts';
import { IndexList } from '../engine/scratch.ts';
// Imported bindings are read through their module cell on every use (docs/performance.md): copied.
const { NS, isLocal } = enumsM;
/** The largest local hukou code (enums.ts isLocal: hukou ≤ LOCAL_RURAL). */
const LOCAL_MAX = enumsM.LOCAL_RURAL;

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

/**
 * Children the next school enrolment is expected to send back to the origin (services.ts): the
 * non-local school-age children without a place in the census state × leave_behind_chance. The
 * enrolment runs once a year, so the balanced start counts a twelfth of it a month.
 */
export function expectedSendBack(w: World): number {
  const S = w.city.services;
  const pc = w.persons.cols;
  const from = S.school_age_from * 12;
  const to = (S.school_age_to + 1) * 12;
  let n = 0;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || pc.school[p]) continue;
    const a = pc.ageM[p]!;
    if (a >= from && a < to && !isLocal(pc.hukou[p]!)) n++;
  }
  return n * S.leave_behind_chance;
}

/** tallyPersons' results, by index: see there. */
const T_NAT = 0, T_SEND_BACK = 1, T_LF = 2, T_U = 3, T_ENTER = 4, T_EXIT = 5, T_EXIT_U = 6;
const tally = new Float64Array(7);
/** The unemployed rows (live, active, no job) in index order, listed by tallyPersons. */
const unemployed = new IndexList();
/** The expectation's terms between balanceStart's two passes. */
const leaverTerms = new LeaverTerms();
/** Deaths' monthly chance by age in months below DEATH_MONTHS (the year's chance of expectedNaturalIncrease). */
const DEATH_MONTHS = 131 * 12;
const deathByMonth = new Float64Array(DEATH_MONTHS);
/** expectedNaturalIncrease's monthly death chance by year of age (0..130). */
const deathByYear = new Float64Array(131);
/** The birth term by month of age, 0 for men then that of women (women 15–49: fertility_rate / 35 / 12, else 0). */
const birthByMonth = new Float64Array(2 * DEATH_MONTHS);

/**
 * One pass over the persons giving, in `tally`, what balanceStart used to take in three: the expected
 * natural increase (expectedNaturalIncrease: the same terms added in the same order, so the same
 * float; a death chance by month of age looked up where the year's was computed by ⌊age / 12⌋),
 * the children counted by expectedSendBack (before × leave_behind_chance), the labour force lf, its
 * unemployed U, the participation share of those reaching 16 summed (enter), the workers reaching 60
 * (exit) and the unemployed among them (exitU); and lists the unemployed rows in index order in
 * `rows`, the rows drawStartSpells draws for.
 */
export function tallyPersons(w: World, rows: IndexList): Float64Array {
  const D = w.city.demography;
  const S = w.city.services;
  const birth = D.fertility_rate / 35 / 12;
  const byYear = deathByYear;
  for (let y = 0; y <= 130; y++) byYear[y] = monthlyDeathChance(D.mortality_a, D.mortality_b, D.infant_mortality, y * 12 + 6);
  const byMonth = deathByMonth, births = birthByMonth;
  for (let a = 0; a < DEATH_MONTHS; a++) {
    byMonth[a] = byYear[Math.min(130, Math.floor(a / 12))]!;
    births[a] = 0;
    births[DEATH_MONTHS + a] = a >= 180 && a < 600 ? birth : 0;
  }
  const pc = w.persons.cols;
  rows.clear();
  tally.fill(0);
  const n = w.persons.size;
  // By chunks of rows, each a call of a small function: a pass run once a world would otherwise run
  // in the code V8 compiles on stack replacement (docs/performance.md, "Eighth session: the first months").
  for (let p0 = 0; p0 < n; p0 += TALLY_CHUNK) {
    tallyChunk(w.persons.live, pc.ageM, pc.sex, pc.school, pc.hukou, pc.active, pc.sector, rows, p0, Math.min(n, p0 + TALLY_CHUNK),
      S.school_age_from * 12, (S.school_age_to + 1) * 12, w.city.labour.participation_rate, birth);
  }
  return tally;
}

/** birthByMonth's offset by sex: DEATH_MONTHS (the women's terms) for sex 1, 0 for any other value. */
const SEX_OFFSET = new Int32Array(256).fill(0);
SEX_OFFSET[1] = DEATH_MONTHS;

/** Rows a call of tallyChunk takes. */
const TALLY_CHUNK = 8192;

/** tallyPersons over rows p0..p1−1, adding to the sums and counts in `tally` (floats added in row order). */
function tallyChunk(
  live: Uint8Array, ageM: Int16Array, sex: Uint8Array, school: Uint8Array, hukou: Uint8Array, active: Uint8Array, sector: Int8Array,
  rows: IndexList, p0: number, p1: number, from: number, to: number, part: number, birth: number,
): void {
  const t = tally, byMonth = deathByMonth, births = birthByMonth, byYear = deathByYear, sexOffset = SEX_OFFSET;
  let nat = t[T_NAT]!;
  let sendBack = t[T_SEND_BACK]!;
  let lf = t[T_LF]!;
  let U = t[T_U]!;
  let enter = t[T_ENTER]!;
  let exit = t[T_EXIT]!;
  let exitU = t[T_EXIT_U]!;
  for (let p = p0; p < p1; p++) {
    if (!live[p]) continue;
    const a = ageM[p]!;
    if (a >= 0 && a < DEATH_MONTHS) {
      // Adding 0 leaves the sum as it is (it starts at +0 and is never −0), so a woman 15–49 adds the
      // birth term and every other person 0, without a branch.
      // sexOffset: the women's half of the table for sex 1, the men's else (a lookup, not a branch on sex).
      nat += births[sexOffset[sex[p]!]! + a]!;
      nat -= byMonth[a]!;
    } else {
      if (sex[p] === 1 && a >= 180 && a < 600) nat += birth;
      nat -= byYear[Math.min(130, Math.floor(a / 12))]!;
    }
    if (a >= from && a < to && !school[p] && hukou[p]! > LOCAL_MAX) sendBack++;
    if (a === 191) enter += part;
    // 1 when active is not 0, else 0 (a Uint8: −active is negative exactly when active > 0), without a branch.
    const act = -active[p]! >>> 31;
    lf += act;
    if ((act & (sector[p]! >>> 31)) !== 0) {
      U++;
      rows.push(p);
      if (a === 719) exitU++;
    }
    if (a === 719) exit += act;
  }
  t[T_NAT] = nat;
  t[T_SEND_BACK] = sendBack;
  t[T_LF] = lf;
  t[T_U] = U;
  t[T_ENTER] = enter;
  t[T_EXIT] = exit;
  t[T_EXIT_U] = exitU;
}

export interface StartBalance {
  persons: number; // arriving persons a month the start needs
  naturalIncrease: number;
  returns: number;
  outMigrants: number;
  sentBack: number; // a month: a twelfth of the yearly enrolment's expected send-back
  propensity: number;
  matchingEfficiency: number;
}

/** Derives κ and e (see the file comment) once; later calls return at once. */
/** What the balanced start's flows are made from: the start state's tallies (balanceStart, and its plain reference in tests). */
export interface StartTallies {
  residents: number; nat: number; sentBack: number; weight: number; pph: number;
  lf: number; U: number; enter: number; exit: number; exitU: number; u0: number; sepFlow: number;
}

/**
 * One pass of the balanced start, given the tallies and the pass's expected leavers: sets the migration's
 * propensity, job growth, tightness and matching efficiency, and returns the month's balanced arrivals
 * (persons) and the finding rate f the next pass draws the starting spells for.
 */
export function startFlows(w: World, t: StartTallies, left: Leavers): { persons: number; f: number } {
  const m = w.mig;
  const M = w.city.migration;
  const L = w.city.labour;
  const base = w.city.arrivals.base_rate_year;
  const { residents, nat, sentBack, weight, pph, lf, U, enter, exit, exitU, u0, sepFlow } = t;
  let persons: number;
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
    const f = m.tightness0 > 0 ? Math.min(1, m.matching * Math.sqrt(m.tightness0)) : 0;
  return { persons, f };
}

export function balanceStart(w: World): void {
  const m = w.mig;
  if (!Number.isNaN(m.propensity)) return;
  const L = w.city.labour;
  updateMigrationTerms(w, false);
  const residents = w.persons.count;
  const pph = personsPerArrivingHousehold(w);
  // One pass over the persons: expectedNaturalIncrease, expectedSendBack, the labour force, those reaching
  // 16 who join it (as job seekers) and those reaching 60 who leave it this month, and the unemployed.
  tallyPersons(w, unemployed);
  const t = tally;
  const nat = t[T_NAT]!;
  const sentBack = (t[T_SEND_BACK]! * w.city.services.leave_behind_chance) / 12;
  let weight = 0;
  for (let s = 0; s < m.nseg; s++) for (let e = 0; e < NE; e++) weight += moverWeight(w, s, e);
  const lf = t[T_LF]!, U = t[T_U]!, enter = t[T_ENTER]!, exit = t[T_EXIT]!, exitU = t[T_EXIT_U]!;
  const u0 = lf > 0 && U > 0 ? U / lf : Math.max(1e-3, L.unemployment_rate_start);
  const sepFlow = L.separation_rate_month * (lf - U);
  // The starting unemployed carry the spells of a stationary stock whose monthly exit chance is the finding
  // rate f the flows give; the leavers' hazard rises with the spell, so f is found in two passes: spells for
  // a first guess (separations alone), then for the f derived from them.
  let f = (L.separation_rate_month * (1 - u0)) / (u0 + L.separation_rate_month * (1 - u0));
  let persons = 0;
  let left!: Leavers;
  const tl: StartTallies = { residents, nat, sentBack, weight, pph, lf, U, enter, exit, exitU, u0, sepFlow };
  for (let pass = 0; pass < 2; pass++) {
    drawStartSpellsOf(w, f, unemployed.a, unemployed.n);
    // The second pass's state differs from the first's only in the unemployed's spells (leaverTerms).
    left = pass === 0 ? expectationKept(w, leaverTerms) : expectationAgain(w, leaverTerms);
    ({ persons, f } = startFlows(w, tl, left));
  }
  leaverTerms.release();
  unemployed.clear();
  m.findRate = m.tightness0 > 0 ? f : NaN;
  m.balance = { persons: persons / w.sample, naturalIncrease: nat / w.sample, returns: left.returns / w.sample, outMigrants: left.out / w.sample, sentBack: sentBack / w.sample, propensity: m.propensity, matchingEfficiency: m.matching };
}
