/**
 * Departures (MODEL.md §3.10). Each month a migrant household (one that came
 * from the hinterland) returns there with the hazard
 *   h = base × exp( unemployment_weight × min(cap, months the head is unemployed)
 *                 + burden_weight × min(1, max(0, rent/budget − burden limit))
 *                 + school_weight × children without a school place
 *                 + no_prospect_weight × (1 − the head's own settlement prospect)
 *                 + unhoused_weight × [no dwelling] )
 *     × hukou_factor if the head holds local hukou × owner_factor if it owns,
 * capped at 1; the prospect is that of the head's education (migration.ts),
 * and a head with local urban hukou has no "no prospect" term. All members
 * leave; the adults of working age refill the segment of the head's hukou.
 * A household that did not come from the hinterland and whose head holds
 * local hukou and is 16..max_head_age years old leaves for other places with
 * the out-migration chance c of the head's education (migration.ts), drawn
 * by thinning (monthly chance 1 − exp(−c) ≈ c; no draw per household). Streams
 * "departures" and "out-migration".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
import * as migrationM from './migration.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { LOCAL_RURAL, LOCAL_URBAN, NT, OWNED, RURAL_HOME } = enumsM;
const { NE } = migrationM;

const noProspect = new Float64Array(16);
/**
 * exp(x) by the hazard's discrete terms: [months unemployed, capped][unhoused][children without a place]
 * [prospect slot: the head's education, NE for none], NaN until first used in a scan (hazardTable).
 */
let expTable = new Float64Array(0);
/** Children without a school place the table covers (more are computed directly). */
const TABLE_UNPLACED = 8;

/** One pass over households: draws departures when `draw`, else returns the expected persons leaving (no draws). */
function scan(w: World, draw: boolean): { returns: number; out: number; active: number; unemployed: number } {
  const s = w.streams.get('departures');
  const so = w.streams.get('out-migration');
  const D = w.city.departures;
  const limit = w.city.housing.burden_limit;
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const m = w.mig;
  const nh = w.households.size;
  let left = 0;
  let out = 0;
  let expReturns = 0;
  let expOut = 0;
  let expActive = 0;
  let expUnemp = 0;
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hDwelling = hc.dwelling, burden = hc.burden;
  const unplaced = hc.unplaced, savings = hc.savings, hSize = hc.size;
  const active = pc.active, sector = pc.sector, unemp = pc.unemp, hukou = pc.hukou, hTenure = hc.dwTenure, edu = pc.edu, ageM = pc.ageM;
  const base = D.base_hazard_month;
  const cap = D.unemployment_cap_months, budgetMonths = D.savings_budget_months;
  // The hazard's weights and factors in locals (the loop calls out, so property loads would be repeated).
  const wUnemp = D.unemployment_weight, wBurden = D.burden_weight, wUnhoused = D.unhoused_weight, wSchool = D.school_weight;
  const hukouFactor = D.hukou_factor, ownerFactor = D.owner_factor;
  xUnemp = wUnemp; xUnhoused = wUnhoused; xSchool = wSchool; xCap = cap;
  const wageIndex = w.wageIndex, rentLevel = w.rentLevel, hZone = hc.zone, hFactor = hc.dwFactor, hWages = hc.wages;
  for (let e = 0; e < NE; e++) noProspect[e] = D.no_prospect_weight * (1 - m.prospect[e]!);
  const outChance = m.outChance;
  const outMin = 16 * 12, outMax = w.city.migration.out_migration.max_head_age * 12 + 11;
  // exp(x) when x has only its discrete terms (no burden term): from a table filled as first needed.
  // An entry is exp(hazardX(...)) of the same terms, so the floats are those of a direct computation.
  const uTop = Math.ceil(cap);
  const nSlots = NE + 1;
  const tableSize = (uTop + 1) * 2 * TABLE_UNPLACED * nSlots;
  if (expTable.length < tableSize) expTable = new Float64Array(tableSize);
  const expT = expTable;
  expT.fill(NaN, 0, tableSize);
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    const head = hHead[h]!;
    if (!migrant[h]) {
      // Residents' out-migration (drawn by thinning after this loop; here only its expectation).
      if (draw || head < 0 || hukou[head]! > LOCAL_RURAL) continue;
      const a = ageM[head]!;
      if (a < outMin || a > outMax) continue;
      const c = outChance[edu[head]!]!;
      if (c <= 0) continue;
      expOut += c * hSize[h]!;
      expActive += c * activeMembers(w, h);
      continue;
    }
    const d = hDwelling[h]!;
    // The terms of x: months unemployed (capped), burden or no dwelling, children without a place, no prospect.
    const u = head >= 0 && active[head] && sector[head]! < 0 ? Math.min(uTop, unemp[head]!) : 0;
    let burdenTerm = 0;
    // (The expectation does not wait for the housing step's burden count: it takes the rent as it is.)
    if (d >= 0 && (burden[h]! > 0 || !draw)) {
      // Households without wages live on savings: their budget is savings spread over budget months.
      // w.incomeOf(h) and w.rentOfHousehold(h), inlined .
      const budget = Math.max(1, hWages[h]! * wageIndex, savings[h]! / budgetMonths);
      const t = hTenure[h]!;
      const rent = t < 0 || t === OWNED || t === RURAL_HOME ? 0 : rentLevel[hZone[h]! * NT + t]! * hFactor[h]!;
      burdenTerm = wBurden * Math.min(1, Math.max(0, rent / budget - limit));
    }
    const housed = d >= 0 ? 1 : 0;
    const kids = unplaced[h]!;
    const local = head >= 0 && hukou[head] === LOCAL_URBAN;
    const slot = !local && head >= 0 ? edu[head]! : NE;
    let ex: number;
    if (burdenTerm === 0 && kids < TABLE_UNPLACED) {
      const i = ((u * 2 + housed) * TABLE_UNPLACED + kids) * nSlots + slot;
      ex = expT[i]!;
      if (ex !== ex) ex = expT[i] = Math.exp(hazardX(u, housed, 0, kids, slot));
    } else ex = Math.exp(hazardX(u, housed, burdenTerm, kids, slot));
    let hz = base * ex;
    if (local) hz *= hukouFactor;
    if (hTenure[h] === OWNED) hz *= ownerFactor;
    if (!draw) {
      expReturns += Math.min(1, hz) * hSize[h]!;
      expActive += Math.min(1, hz) * activeMembers(w, h);
      expUnemp += Math.min(1, hz) * unemployedMembers(w, h);
    }
    else if (s.next() < hz) left += leave(w, h);
  }
  if (draw) {
    // Out-migration by thinning: Poisson(rows × c_max) candidate rows drawn uniformly, each kept with
    // c/c_max when it is a live, eligible household — each household then leaves with the monthly
    // chance 1 − exp(−c) ≈ c, without a draw for every household (stream "out-migration").
    let cMax = 0;
    for (let e = 0; e < NE; e++) cMax = Math.max(cMax, outChance[e]!);
    const rows = w.households.size;
    const candidates = cMax > 0 ? so.poisson(rows * cMax) : 0;
    for (let i = 0; i < candidates; i++) {
      const h = so.int(rows);
      const u = so.next();
      if (!hlive[h] || migrant[h]) continue;
      const head = hHead[h]!;
      if (head < 0 || hukou[head]! > LOCAL_RURAL) continue;
      const a = ageM[head]!;
      if (a < outMin || a > outMax) continue;
      if (u * cMax < outChance[edu[head]!]!) out += leave(w, h);
    }
    w.flows.departures += left + out;
    m.outMigrants += out;
  }
  return { returns: expReturns, out: expOut, active: expActive, unemployed: expUnemp };
}

/** Weights of the hazard's x for hazardX, set by scan from the scenario. */
let xUnemp = 0, xUnhoused = 0, xSchool = 0, xCap = 0;

/**
 * x of the departure hazard from its terms (the file comment): u months unemployed (0 for none), housed
 * 0/1, the burden term (0 for none), children without a place, the prospect slot (NE for none). The sum
 * is added in the order of the terms, as the hazard always has been, so that its float is the same.
 */
function hazardX(u: number, housed: number, burdenTerm: number, kids: number, slot: number): number {
  let x = 0;
  if (u > 0) x += xUnemp * Math.min(xCap, u);
  if (housed) x += burdenTerm;
  else x += xUnhoused;
  x += xSchool * kids;
  if (slot < NE) x += noProspect[slot]!;
  return x;
}

/** Members of household h in the labour force without a job. */
function unemployedMembers(w: World, h: number): number {
  const pc = w.persons.cols;
  let n = 0;
  for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) if (pc.active[p] && pc.sector[p]! < 0) n++;
  return n;
}

/** Members of household h in the labour force. */
function activeMembers(w: World, h: number): number {
  const pc = w.persons.cols;
  let n = 0;
  for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) n += pc.active[p]!;
  return n;
}

/** Household h leaves the city: its working-age adults refill the segment of the head's hukou; returns persons removed. */
function leave(w: World, h: number): number {
  const pc = w.persons.cols;
  const m = w.mig;
  const head = w.households.cols.head[h]!;
  const sg = m.segmentFor(head >= 0 ? pc.hukou[head]! : 3);
  // Out-migrants with local urban hukou join no segment (they leave for other cities).
  const joins = w.households.cols.migrant[h] === 1 || (head >= 0 && pc.hukou[head] === LOCAL_RURAL);
  if (joins) {
    for (let p = head; p >= 0; p = pc.next[p]!) {
      const a = pc.ageM[p]!;
      if (a >= 192 && a < 720) {
        m.pop[sg * NE + pc.edu[p]!]!++;
        m.returned[sg]!++;
      }
    }
  }
  return w.removeHouseholdWithMembers(h);
}

export function departures(w: World, _month: number): void {
  w.mig.outMigrants = 0;
  w.mig.returned.fill(0);
  scan(w, true);
}

/** Expected persons leaving this month from the current state: returning migrants, out-migrating residents, the leavers in the labour force and the unemployed among them (returning migrants'; no draws). */
export function expectedLeavers(w: World): { returns: number; out: number; active: number; unemployed: number } {
  return scan(w, false);
}
