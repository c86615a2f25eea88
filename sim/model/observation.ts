/**
 * Observation (MODEL.md §3.11): computes the indicators of MODEL.md §5 from
 * the state, in real-world units (agents / sample), and the city pulse the
 * next month's processes read. One pass over persons, one over households.
 */
import type { World } from './world.ts';
import * as worldM from './world.ts';
import * as enumsM from './enums.ts';
import { marketOf } from './market.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { DORMITORY, LOCAL_URBAN, MARKET_RENTAL, NS, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, TENURE, URBAN_VILLAGE, isLocal, isRental } = enumsM;

/** Receives one indicator value; zone -1 is the whole city. */
export type Record = (indicator: string, zone: number, value: number) => void;

const GINI_BINS = 400;
const GINI_LO = Math.log(50);
const GINI_HI = Math.log(500000);
const GINI_SCALE = GINI_BINS / (GINI_HI - GINI_LO);

/** Income bin of a monthly wage for the Gini histogram: ⌊(ln max(51, wage) − ln 50) × scale⌋, at most the last bin. */
export function giniBin(wage: number): number {
  const b = Math.floor((Math.log(Math.max(51, wage)) - GINI_LO) * GINI_SCALE);
  return b >= GINI_BINS ? GINI_BINS - 1 : b;
}

/**
 * giniBin without a logarithm for float32 wages: a table indexed by the high bits of
 * the float32 (sign, exponent, top 12 mantissa bits). Each entry covers a range of
 * float32 values; it holds the bin when giniBin gives the same bin at both ends of
 * the range (giniBin is monotone over float32 inputs, so then everywhere inside),
 * else -1 (compute giniBin). Values are exactly giniBin's.
 */
const GINI_KEY_SHIFT = 11;
let giniKeyLo = 0;
let giniKeys: Int16Array | null = null;
/** giniBin through the table, for one value (tests compare it with giniBin). */
export function giniBinByTable(wage: number): number {
  const t = giniKeyTable();
  const f = new Float32Array([wage]);
  const key = (new Uint32Array(f.buffer)[0]! >>> GINI_KEY_SHIFT) - giniKeyLo;
  const b = key >= 0 && key < t.length ? t[key]! : -1;
  return b < 0 ? giniBin(f[0]!) : b;
}
function giniKeyTable(): Int16Array {
  if (giniKeys) return giniKeys;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = 32;
  const lo = u[0]! >>> GINI_KEY_SHIFT;
  f[0] = 1e6;
  const hi = u[0]! >>> GINI_KEY_SHIFT;
  const t = new Int16Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) {
    u[0] = (k << GINI_KEY_SHIFT) >>> 0;
    const a = giniBin(f[0]!);
    u[0] = (((k + 1) << GINI_KEY_SHIFT) >>> 0) - 1;
    const b = giniBin(f[0]!);
    t[k - lo] = a === b ? a : -1;
  }
  giniKeyLo = lo;
  giniKeys = t;
  return t;
}

/** Gini coefficient from a log-binned histogram of incomes (counts and income sums per bin). */
export function giniFromBins(count: Float64Array, sum: Float64Array): number {
  let n = 0;
  let total = 0;
  for (let i = 0; i < count.length; i++) {
    n += count[i]!;
    total += sum[i]!;
  }
  if (n === 0 || total === 0) return NaN;
  // G = 1 − Σ f_i (S_i + S_{i−1}), bins in ascending income, people within a bin equal.
  let prevS = 0;
  let g = 0;
  for (let i = 0; i < count.length; i++) {
    if (count[i] === 0) continue;
    const Si = prevS + sum[i]! / total;
    g += (count[i]! / n) * (Si + prevS);
    prevS = Si;
  }
  return 1 - g;
}

/** Rental tenures reported separately in rent_to_income_<tenure>. */
const RENT_TENURES = [MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY] as const;
/** Tenures whose vacancy is reported (vacancy_<tenure>). */
const VACANCY_TENURES = [OWNED, MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY] as const;

export function observe(w: World, record: Record | null): void {
  const nz = w.nz;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const S = w.city.services;
  const from = S.school_age_from * 12;
  const to = (S.school_age_to + 1) * 12;
  const zonePop = new Float64Array(nz);
  let residents = 0, hukou = 0, localUrban = 0, rural = 0, uv = 0, prh = 0;
  let mgKids = 0, mgKidsPlaced = 0, employed = 0, lf = 0, registered = 0, permits = 0, wageSum = 0;
  const gc = [new Float64Array(GINI_BINS), new Float64Array(GINI_BINS)];
  const gs = [new Float64Array(GINI_BINS), new Float64Array(GINI_BINS)];
  const n = w.persons.size;
  // Columns held in locals (no rows are added here).
  const plive = w.persons.live, hukouOf = pc.hukou, permitSince = pc.permitSince, ageM = pc.ageM, school = pc.school;
  const regd = pc.registered, active = pc.active, sector = pc.sector, wageOf = pc.wage;
  const hZone = hc.zone;
  const gc0 = gc[0]!, gc1 = gc[1]!, gs0 = gs[0]!, gs1 = gs[1]!;
  // The float32 bits of the wages, for the Gini bin table (null if wages are ever stored otherwise).
  const wageBits = wageOf instanceof Float32Array ? new Uint32Array(wageOf.buffer, wageOf.byteOffset, wageOf.length) : null;
  const keys = giniKeyTable();
  const keyLo = giniKeyLo;
  for (let p = 0; p < n; p++) {
    if (!plive[p]) continue;
    residents++;
    // Zone and tenure of residence are counted per household below (size × household).
    const hk = hukouOf[p]!;
    if (hk <= 1) {
      hukou++;
      if (hk === LOCAL_URBAN) localUrban++;
    } else {
      if (permitSince[p] !== NO_PERMIT) permits++;
      const age = ageM[p]!;
      if (age >= from && age < to) {
        mgKids++;
        mgKidsPlaced += school[p]!;
      }
    }
    registered += regd[p]!;
    if (active[p]) {
      lf++;
      if (sector[p]! >= 0) {
        employed++;
        const wage = wageOf[p]!;
        wageSum += wage;
        let b = -1;
        if (wageBits) {
          const key = (wageBits[p]! >>> GINI_KEY_SHIFT) - keyLo;
          if (key >= 0 && key < keys.length) b = keys[key]!;
        }
        if (b < 0) b = giniBin(wage);
        if (hk <= 1) {
          gc0[b]!++;
          gs0[b]! += wage;
        } else {
          gc1[b]!++;
          gs1[b]! += wage;
        }
      }
    }
  }
  const nonHukou = residents - hukou;
  // Households: rents, prices, left-behind children, waiting list, burden.
  const rentSum = new Float64Array(nz), rentInc = new Float64Array(nz), incSum = new Float64Array(nz), hhN = new Float64Array(nz);
  const rentOcc = new Float64Array(nz), rentN = new Float64Array(nz);
  // Rent and income of renting households by zone × tenure (for rent_to_income_<tenure>).
  const rentZT = new Float64Array(nz * NT), incZT = new Float64Array(nz * NT);
  let leftBehind = 0, waitlist = 0, renters = 0, burdened = 0, prhRent = 0, prhInc = 0;
  const limit = w.city.housing.burden_limit;
  const nh = w.households.size;
  const hlive = w.households.live, hSize = hc.size, hLeftBehind = hc.leftBehind, hPrhWait = hc.prhWait, hSavings = hc.savings;
  const hWages = hc.wages, hTenure = hc.dwTenure, hFactor = hc.dwFactor, rentLevel = w.rentLevel, wageIndex = w.wageIndex;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    leftBehind += hLeftBehind[h]!;
    if (hPrhWait[h]) waitlist++;
    const z = hZone[h]!;
    const size = hSize[h]!;
    zonePop[z]! += size;
    // w.incomeOf(h), inlined.
    const income = hWages[h]! * wageIndex;
    incSum[z]! += income;
    hhN[z]!++;
    // The dwelling's tenure and factor from the household's copies (the household's zone is its dwelling's).
    const t = hTenure[h]!;
    if (t < 0) continue;
    if (t === RURAL_HOME) rural += size;
    else if (t === URBAN_VILLAGE) uv += size;
    else if (t === PUBLIC_RENTAL) prh += size;
    if (isRental(t)) {
      // w.rentOfHousehold(h), inlined (rental tenures pay rent).
      const rent = rentLevel[z * NT + t]! * hFactor[h]!;
      rentSum[z]! += rent;
      rentInc[z]! += income;
      rentZT[z * NT + t]! += rent;
      incZT[z * NT + t]! += income;
      rentOcc[z]! += rent;
      rentN[z]!++;
      renters++;
      if (rent > limit * Math.max(income, hSavings[h]! / 24, 1)) burdened++;
      if (t === PUBLIC_RENTAL) {
        prhRent += rent;
        prhInc += income;
      }
    }
  }
  const real = (x: number) => x / w.sample;
  const st = w.govState;
  let settledYear = 0;
  for (let i = 0; i < 12; i++) settledYear += w.settleHistory[i]!;
  w.pulse = {
    residents,
    employed,
    labourForce: lf,
    meanWage: employed > 0 ? (wageSum / employed) * w.wageIndex : 0,
    migrantSchoolAccess: mgKids > 0 ? mgKidsPlaced / mgKids : 1,
    settledLastYear: settledYear,
    nonHukou,
    registryCoverage: residents > 0 ? registered / residents : 0,
    burdenShare: renters > 0 ? burdened / renters : 0,
  };
  if (!record) return;
  const f = w.flows;
  const R = record;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const resUrban = ratio(residents - rural, residents);
  const hukUrban = ratio(localUrban, hukou);
  R('residents', -1, real(residents));
  R('hukou_residents', -1, real(hukou));
  R('hukou_share', -1, ratio(hukou, residents));
  R('urban_hukou_rate', -1, hukUrban);
  R('resident_urban_rate', -1, resUrban);
  R('urbanisation_gap', -1, resUrban - hukUrban);
  R('arrivals', -1, real(f.arrivals));
  R('departures', -1, real(f.departures));
  R('births', -1, real(f.births));
  R('deaths', -1, real(f.deaths));
  R('settlement_applicants', -1, real(f.applicants));
  R('granted_applicants', -1, real(f.settledApplicants));
  R('settlements', -1, real(f.settlements));
  for (let z = 0; z < nz; z++) R('settlements', z, real(f.settlementsByZone[z]!));
  if (!Number.isNaN(f.cutoff)) R('cutoff_score', -1, f.cutoff);
  R('permit_holders', -1, real(permits));
  let rs = 0, ri = 0, ps = 0, pi = 0, mr = 0, mn = 0;
  for (let z = 0; z < nz; z++) {
    const price = w.priceLevel[z * NT + OWNED]!;
    const annualInc = hhN[z]! > 0 ? (incSum[z]! / hhN[z]!) * 12 : 0;
    R('rent_to_income', z, ratio(rentSum[z]!, rentInc[z]!));
    R('price_to_income', z, ratio(price, annualInc));
    R('mean_rent', z, ratio(rentOcc[z]!, rentN[z]!));
    rs += rentSum[z]!;
    ri += rentInc[z]!;
    ps += price * hhN[z]!;
    pi += annualInc * hhN[z]!;
    mr += rentOcc[z]!;
    mn += rentN[z]!;
  }
  R('rent_to_income', -1, ratio(rs, ri));
  for (const t of RENT_TENURES) {
    const name = `rent_to_income_${TENURE[t]}`;
    let r = 0, i = 0;
    for (let z = 0; z < nz; z++) {
      R(name, z, ratio(rentZT[z * NT + t]!, incZT[z * NT + t]!));
      r += rentZT[z * NT + t]!;
      i += incZT[z * NT + t]!;
    }
    R(name, -1, ratio(r, i));
  }
  R('price_to_income', -1, ratio(ps, pi));
  R('mean_rent', -1, ratio(mr, mn));
  // Vacancy by zone and tenure; rent and price indexes.
  for (const t of VACANCY_TENURES) {
    const name = `vacancy_${TENURE[t]}`;
    let v = 0, n = 0;
    for (let z = 0; z < nz; z++) {
      const k = z * NT + t;
      R(name, z, ratio(w.vacantN[k]!, w.stock[k]!));
      v += w.vacantN[k]!;
      n += w.stock[k]!;
    }
    R(name, -1, ratio(v, n));
  }
  R('moves', -1, real(f.moves));
  R('dwellings_demolished', -1, real(f.demolished));
  R('households_displaced', -1, real(f.displaced));
  const mk = marketOf(w);
  let riS = 0, riN = 0, piS = 0, piN = 0;
  for (let z = 0; z < nz; z++) {
    let a = 0, b = 0;
    for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) {
      const k = z * NT + t;
      if (!(mk.rent0[k]! > 0)) continue;
      a += (w.rentLevel[k]! / mk.rent0[k]!) * w.stock[k]!;
      b += w.stock[k]!;
    }
    R('rent_index', z, ratio(a, b));
    riS += a;
    riN += b;
    const k = z * NT + OWNED;
    const pi = mk.price0[k]! > 0 ? w.priceLevel[k]! / mk.price0[k]! : NaN;
    R('price_index', z, pi);
    if (pi === pi) {
      piS += pi * w.stock[k]!;
      piN += w.stock[k]!;
    }
  }
  R('rent_index', -1, ratio(riS, riN));
  R('price_index', -1, ratio(piS, piN));
  R('urban_village_share', -1, ratio(uv, residents));
  R('public_rental_occupants', -1, real(prh));
  R('public_rental_waitlist', -1, real(waitlist));
  R('public_rental_rent_burden', -1, ratio(prhRent, prhInc));
  R('migrant_school_access', -1, mgKids > 0 ? mgKidsPlaced / mgKids : NaN);
  R('left_behind_children', -1, real(leftBehind));
  R('unemployment_rate', -1, ratio(lf - employed, lf));
  R('registry_coverage', -1, ratio(registered, residents));
  R('problems_raised', -1, real(st.raised));
  R('problems_detected', -1, real(st.detected));
  R('problems_resolved', -1, real(st.resolved));
  R('complaint_backlog', -1, real(st.backlog));
  R('mean_response_days', -1, st.responseDays);
  R('satisfaction', -1, st.satisfaction);
  R('fiscal_cost_gov', -1, real(f.costGov));
  R('fiscal_cost_employers', -1, real(f.costEmployers));
  R('fiscal_cost_persons', -1, real(f.costPersons));
  R('fiscal_cost_total', -1, real(f.costGov + f.costEmployers + f.costPersons));
  R('public_rental_grants', -1, real(f.prhGrants));
  R('public_rental_loans', -1, real(f.prhLoans));
  R('land_tickets_mu', -1, real(f.landMu));
  R('land_ticket_payments', -1, real(f.landPayments));
  for (let z = 0; z < nz; z++) {
    R('zone_population', z, real(zonePop[z]!));
    R('zone_density', z, real(zonePop[z]!) / w.city.zones[z]!.area_km2);
    let j = 0;
    for (let sc = 0; sc < NS; sc++) j += w.jobs[z * NS + sc]!;
    R('zone_jobs', z, real(j));
  }
  R('income_gini_hukou', -1, giniFromBins(gc[0]!, gs[0]!));
  R('income_gini_nonhukou', -1, giniFromBins(gc[1]!, gs[1]!));
  void isLocal;
}
