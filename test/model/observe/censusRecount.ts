/**
 * The census counted the plain way, row by row and household by household (the reference the census's
 * word-wide passes and counts kept by events are tested against), and scrambled worlds to test them on.
 */
import { expect } from 'vitest';
import { createWorld } from '../../../sim/model/build.ts';
import { recountCensusCounts, SAFE_WAGE_HI, SAFE_WAGE_LO } from '../../../sim/model/censusCounts.ts';
import { lastCensusHouseholdPath, lastCensusPath, measure, type Census } from '../../../sim/model/observe/census.ts';
import { GINI_BINS, giniBin } from '../../../sim/model/observe/gini.ts';
import { NS, NT, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE, isRental } from '../../../sim/model/enums.ts';
import { NO_PERMIT, type World } from '../../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../../helpers.ts';

/** The census counted the plain way. */
export function recount(w: World): Omit<Census, 'month' | 'gc' | 'gs'> & { gc: number[][]; gs: number[][] } {
  const pc = w.persons.cols;
  const S = w.city.services;
  const nz = w.nz;
  let residents = 0, hukou = 0, localUrban = 0, permits = 0, mgKids = 0, mgKidsPlaced = 0, registered = 0, lf = 0;
  let employed = 0, formalN = 0, wageSum = 0, formalWageSum = 0;
  const hukouZone = new Float64Array(nz);
  const gc = [new Array<number>(GINI_BINS).fill(0), new Array<number>(GINI_BINS).fill(0)];
  const gs = [new Array<number>(GINI_BINS).fill(0), new Array<number>(GINI_BINS).fill(0)];
  for (let p = 0; p < w.persons.size; p++) {
    if (w.persons.live[p] !== 1) continue;
    residents++;
    const local = pc.hukou[p]! === 0 || pc.hukou[p]! === 1;
    if (local) {
      hukou++;
      if (pc.hukou[p] === 0) localUrban++;
      if (pc.hukouZone[p]! >= 0) hukouZone[pc.hukouZone[p]!]!++;
    } else {
      if (pc.permitSince[p] !== NO_PERMIT) permits++;
      const age = pc.ageM[p]!;
      if (age >= S.school_age_from * 12 && age < (S.school_age_to + 1) * 12) {
        mgKids++;
        if (pc.school[p] === 1) mgKidsPlaced++;
      }
    }
    if (pc.registered[p] === 1) registered++;
    if (pc.active[p] === 1) {
      lf++;
      if (pc.sector[p]! >= 0) {
        employed++;
        const wage = pc.wage[p]!;
        formalN += pc.formal[p]!;
        wageSum += wage;
        formalWageSum += pc.formal[p]! * wage;
        const g = local ? 0 : 1;
        const b = giniBin(wage);
        gc[g]![b]!++;
        gs[g]![b]! += wage;
      }
    }
  }
  const hc = w.households.cols;
  const zonePop = new Float64Array(nz), rentSum = new Float64Array(nz), rentInc = new Float64Array(nz), incSum = new Float64Array(nz);
  const hhN = new Float64Array(nz), rentOcc = new Float64Array(nz), rentN = new Float64Array(nz);
  const rentZT = new Float64Array(nz * NT), incZT = new Float64Array(nz * NT);
  let leftBehind = 0, renters = 0, burdened = 0, prhRent = 0, prhInc = 0, rural = 0, uv = 0, prh = 0;
  for (let h = 0; h < w.households.size; h++) {
    if (w.households.live[h] !== 1) continue;
    const z = hc.zone[h]!, t = hc.dwTenure[h]!, size = hc.size[h]!;
    const income = hc.wages[h]! * w.wageIndex;
    leftBehind += hc.leftBehind[h]!;
    zonePop[z]! += size;
    incSum[z]! += income;
    hhN[z]!++;
    if (t === RURAL_HOME) rural += size;
    if (t === URBAN_VILLAGE) uv += size;
    if (t === PUBLIC_RENTAL) prh += size;
    if (t >= 0 && isRental(t)) {
      const rent = w.rentLevel[z * NT + t]! * hc.dwFactor[h]!;
      renters++;
      rentSum[z]! += rent;
      rentInc[z]! += income;
      rentZT[z * NT + t]! += rent;
      incZT[z * NT + t]! += income;
      rentOcc[z]! += rent;
      rentN[z]!++;
      if (rent > w.city.housing.burden_limit * Math.max(income, hc.savings[h]! / 24, 1)) burdened++;
      if (t === PUBLIC_RENTAL) {
        prhRent += rent;
        prhInc += income;
      }
    }
  }
  return {
    residents, hukou, localUrban, rural, uv, prh, mgKids, mgKidsPlaced, employed, formalN, lf, registered, permits, wageSum, formalWageSum,
    nonHukou: residents - hukou, gc, gs, zonePop, hukouZone, leftBehind, renters, burdened, prhRent, prhInc, rentSum, rentInc, incSum, hhN,
    rentOcc, rentN, rentZT, incZT,
  };
}

/** Every field of the census and of the recount, as [field, value] pairs (arrays element by element), for a bitwise comparison. */
export function fields(c: Record<string, unknown>): [string, number][] {
  const out: [string, number][] = [];
  for (const k of Object.keys(c).sort()) {
    if (k === 'month') continue;
    const v = c[k];
    if (typeof v === 'number') out.push([k, v]);
    else if (Array.isArray(v)) v.forEach((g, i) => Array.from(g as ArrayLike<number>, (x, j) => out.push([`${k}[${i}][${j}]`, x])));
    else Array.from(v as Float64Array, (x, j) => out.push([`${k}[${j}]`, x]));
  }
  return out;
}

type Path = 'counts' | 'words' | 'plain';
/** Takes the census of w, checks every field bit for bit against the recount, and, if given, which passes it took (over persons, and over households). */
export function expectSame(w: World, path?: Path, householdPath: Path | undefined = path): Census {
  const c = measure(w);
  if (path !== undefined) expect(lastCensusPath()).toBe(path);
  if (householdPath !== undefined) expect(lastCensusHouseholdPath()).toBe(householdPath);
  const a = fields(c as unknown as Record<string, unknown>), b = fields(recount(w) as unknown as Record<string, unknown>);
  expect(a.map((f) => f[0])).toEqual(b.map((f) => f[0]));
  const wrong = a.filter((f, i) => !Object.is(f[1], b[i]![1])).map((f, i) => `${f[0]}: ${f[1]} against ${b[i]![1]}`);
  expect(wrong).toEqual([]);
  return c;
}

/**
 * A small world whose columns (in every row up to capacity, removed and beyond size too) hold values chosen to test the masks.
 * Written past World's methods, they leave World's census counts stale (the census then counts everything with its pass).
 * With `consistent`, the wages are those World bins by events ([SAFE_WAGE_LO, SAFE_WAGE_HI)), every job holder is in the labour
 * force (as checked mode requires), and World's census counts are recounted from the columns, as if the methods had kept them.
 */
export function scrambled(seed: number, sample = 0.0005, consistent = false): World {
  const l = scenarioWith(CHONGQING);
  const w = createWorld(l.scenario.city, { sample, seed: 5, replication: 0, start: l.scenario.start });
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  // Removed households leave removed rows inside size (their members' rows too).
  for (let h = 0, k = 0; h < w.households.size; h++) if (w.households.live[h] && k++ % 7 === 3) w.removeHouseholdWithMembers(h);
  expect(w.persons.count).toBeLessThan(w.persons.size);
  const pc = w.persons.cols, pl = w.persons.live;
  const S = w.city.services;
  const from = S.school_age_from * 12, to = (S.school_age_to + 1) * 12;
  const cap = pl.length;
  let hk = 0, zone = 0;
  for (let p = 0; p < cap; p++) {
    if (p >= w.persons.size) pl[p] = 1; // garbage beyond size that would count
    else if (pl[p] === 0 && next() < 0.5) pl[p] = 0; // (removed rows stay removed, with counted values below)
    if (next() < 0.3) {
      // A new run of hukou and zone (most runs of four local rows of one zone stay whole).
      hk = next() < 0.05 ? pick([2, 3, 128, 129, 254, 255]) : pick([0, 1, 2, 3]);
      zone = next() < 0.1 ? -1 : Math.floor(next() * w.nz);
    }
    pc.hukou[p] = hk;
    pc.hukouZone[p] = zone;
    pc.permitSince[p] = pick([NO_PERMIT, NO_PERMIT + 1, -1, 0, 1, 120, 32767]);
    pc.ageM[p] = pick([from - 1, from, from + 1, to - 1, to, 0, -32768, 32767, Math.floor(next() * 1000)]);
    pc.school[p] = next() < 0.5 ? 1 : 0;
    pc.registered[p] = next() < 0.4 ? 1 : 0;
    pc.active[p] = next() < 0.6 ? 1 : 0;
    pc.sector[p] = next() < 0.3 ? pick([-1, -1, -1, -2, -128]) : Math.floor(next() * NS);
    pc.formal[p] = next() < 0.5 ? 1 : 0;
    pc.wage[p] = consistent
      ? pick([SAFE_WAGE_LO, 51, 51.2, 3000.5, 12345.678, 488_000, SAFE_WAGE_HI - 1 / 16, SAFE_WAGE_LO + next() * 20000])
      : pick([0, 20, 51, 3000.5, 12345.678, 2e6, next() * 20000]);
    if (consistent && pc.sector[p]! >= 0) pc.active[p] = 1;
  }
  const hc = w.households.cols;
  for (let h = 0, hz = 0; h < w.households.live.length; h++) {
    if (h >= w.households.size) w.households.live[h] = 1;
    if (next() < 0.15) hz = Math.floor(next() * w.nz); // zones in runs: most words of four households are of one zone
    hc.zone[h] = hz;
    hc.size[h] = next() < 0.02 ? pick([200, 255]) : 1 + Math.floor(next() * 6);
    hc.leftBehind[h] = pick([0, 0, 1, 2, 3, 255]);
    hc.wages[h] = pick([0, 0.5, 1500, next() * 30000]);
    hc.savings[h] = pick([0, 100, next() * 1e5]);
    hc.dwTenure[h] = Math.floor(next() * (NT + 1)) - 1;
    hc.dwFactor[h] = pick([0, 0.7, 1, 1.3 + next()]);
  }
  for (let i = 0; i < w.rentLevel.length; i++) w.rentLevel[i] = 500 + 3000 * next();
  w.wageIndex = 1.03;
  if (consistent) recountCounts(w);
  else {
    // World's counts are stale. The census sees that in the employed and the households (its check of the household counts
    // reads only their totals, which writes past World's methods to household columns need not change: clear them).
    w.censusCounts.jobs = -1;
    w.censusCounts.households.fill(0);
  }
  return w;
}

/** Recounts World's census counts from the columns (after writes past World's methods). */
export function recountCounts(w: World): void {
  recountCensusCounts(w.censusCounts, w);
}
