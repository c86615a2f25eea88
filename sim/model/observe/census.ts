/**
 * The census (MODEL.md §3.11): one pass over persons, one over households,
 * counting what the city pulse and the indicators need. It only reads the
 * world. The pulse step (pulse.ts) takes it at the end of each month;
 * observation records the indicators from it.
 */
import type { World } from '../world.ts';
import * as worldM from '../world.ts';
import * as enumsM from '../enums.ts';
import * as giniM from './gini.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { LOCAL_URBAN, NT, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE, isRental } = enumsM;
const { GINI_BINS, GINI_KEY_SHIFT, giniBin, giniKeyTable, giniKeyLo } = giniM;

/** What one pass over persons and one over households count (agents, nominal yuan), for the pulse and the indicators. */
export interface Census {
  /** The month it was taken in (w.month). */
  month: number;
  residents: number;
  hukou: number;
  localUrban: number;
  rural: number;
  uv: number;
  prh: number;
  mgKids: number;
  mgKidsPlaced: number;
  employed: number;
  /** Employed persons in formal (insured) work. */
  formalN: number;
  lf: number;
  registered: number;
  permits: number;
  wageSum: number;
  /** Wages of employed persons in formal jobs (start-month yuan, like wageSum). */
  formalWageSum: number;
  nonHukou: number;
  /** Gini histograms (count, income sum by bin): [local hukou, non-hukou]. */
  gc: Float64Array[];
  gs: Float64Array[];
  zonePop: Float64Array;
  /** Local-hukou residents by the zone where their hukou is registered (户籍人口 by zone). */
  hukouZone: Float64Array;
  leftBehind: number;
  renters: number;
  burdened: number;
  prhRent: number;
  prhInc: number;
  rentSum: Float64Array;
  rentInc: Float64Array;
  incSum: Float64Array;
  hhN: Float64Array;
  rentOcc: Float64Array;
  rentN: Float64Array;
  rentZT: Float64Array;
  incZT: Float64Array;
}

export function measure(w: World): Census {
  const nz = w.nz;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const S = w.city.services;
  const from = S.school_age_from * 12;
  const to = (S.school_age_to + 1) * 12;
  const zonePop = new Float64Array(nz);
  const hukouZone = new Float64Array(nz);
  let residents = 0, hukou = 0, localUrban = 0, rural = 0, uv = 0, prh = 0;
  let mgKids = 0, mgKidsPlaced = 0, employed = 0, formalN = 0, lf = 0, registered = 0, permits = 0, wageSum = 0, formalWageSum = 0;
  const gc = [new Float64Array(GINI_BINS), new Float64Array(GINI_BINS)];
  const gs = [new Float64Array(GINI_BINS), new Float64Array(GINI_BINS)];
  const n = w.persons.size;
  // Columns held in locals (no rows are added here).
  const plive = w.persons.live, hukouOf = pc.hukou, permitSince = pc.permitSince, ageM = pc.ageM, school = pc.school;
  const regd = pc.registered, active = pc.active, sector = pc.sector, wageOf = pc.wage, formalOf = pc.formal;
  const hZone = hc.zone, regZone = pc.hukouZone;
  const gc0 = gc[0]!, gc1 = gc[1]!, gs0 = gs[0]!, gs1 = gs[1]!;
  // The float32 bits of the wages, for the Gini bin table (null if wages are ever stored otherwise).
  const wageBits = wageOf instanceof Float32Array ? new Uint32Array(wageOf.buffer, wageOf.byteOffset, wageOf.length) : null;
  const keys = giniKeyTable();
  const keyLo = giniKeyLo();
  for (let p = 0; p < n; p++) {
    if (!plive[p]) continue;
    residents++;
    // Zone and tenure of residence are counted per household below (size × household).
    const hk = hukouOf[p]!;
    if (hk <= 1) {
      hukou++;
      hukouZone[regZone[p]!]!++;
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
        const fo = formalOf[p]!;
        formalN += fo;
        const wage = wageOf[p]!;
        wageSum += wage;
        formalWageSum += fo * wage; // branch-free: fo is 0 or 1
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
  let leftBehind = 0, renters = 0, burdened = 0, prhRent = 0, prhInc = 0;
  const limit = w.city.housing.burden_limit;
  const nh = w.households.size;
  const hlive = w.households.live, hSize = hc.size, hLeftBehind = hc.leftBehind, hSavings = hc.savings;
  const hWages = hc.wages, hTenure = hc.dwTenure, hFactor = hc.dwFactor, rentLevel = w.rentLevel, wageIndex = w.wageIndex;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    leftBehind += hLeftBehind[h]!;
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
  return { month: w.month, residents, hukou, localUrban, rural, uv, prh, mgKids, mgKidsPlaced, employed, formalN, lf, registered, permits, wageSum, formalWageSum, nonHukou, gc, gs, zonePop, hukouZone, leftBehind, renters, burdened, prhRent, prhInc, rentSum, rentInc, incSum, hhN, rentOcc, rentN, rentZT, incZT };
}
