/**
 * The census reads its byte columns four rows a word (and i16 columns two a word): checked here
 * against a plain recount, row by row and household by household, written out below, on a small
 * world whose columns were overwritten with every value that matters to a mask: all four hukou
 * codes (and codes with high bits set), hukou zones in runs and mixed, −1 for none, ages at both
 * school-age bounds and the i16 extremes, permits granted in any month and NO_PERMIT, sectors, NO_JOB
 * and other negative sectors (no job), wages outside the Gini table's range, removed rows with values that would count, rows
 * beyond `size` marked live, every length of tail that is not a whole word, and a column whose bytes
 * do not start on a word (the plain pass); households in runs of one zone and mixed, of every tenure
 * and unhoused, sizes and left-behind counts whose sum over four households passes a byte. Every field must agree bit for bit (Object.is).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../sim/model/build.ts';
import { measure, type Census } from '../../../sim/model/observe/census.ts';
import { GINI_BINS, giniBin } from '../../../sim/model/observe/gini.ts';
import { NS, NT, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE, isRental } from '../../../sim/model/enums.ts';
import { NO_PERMIT, type World } from '../../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../../helpers.ts';

/** The census counted the plain way. */
function recount(w: World): Omit<Census, 'month' | 'gc' | 'gs'> & { gc: number[][]; gs: number[][] } {
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
function fields(c: Record<string, unknown>): [string, number][] {
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

function expectSame(w: World): Census {
  const c = measure(w);
  const a = fields(c as unknown as Record<string, unknown>), b = fields(recount(w) as unknown as Record<string, unknown>);
  expect(a.map((f) => f[0])).toEqual(b.map((f) => f[0]));
  const wrong = a.filter((f, i) => !Object.is(f[1], b[i]![1])).map((f, i) => `${f[0]}: ${f[1]} against ${b[i]![1]}`);
  expect(wrong).toEqual([]);
  return c;
}

/** A small world whose columns (in every row up to capacity, removed and beyond size too) hold values chosen to test the masks. */
function scrambled(seed: number, sample = 0.0005): World {
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
    pc.wage[p] = pick([0, 20, 51, 3000.5, 12345.678, 2e6, next() * 20000]);
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
  return w;
}

describe('census word by word', () => {
  it('agrees bit for bit with a plain recount, for every tail length and on removed rows and garbage beyond size', () => {
    const w = scrambled(11);
    const size = w.persons.size;
    expect(size).toBeGreaterThan(400);
    const seen = new Set<number>(), seenH = new Set<number>();
    const hsize = w.households.size;
    [size, size - 1, size - 2, size - 3, 7, 4, 3, 1, 0].forEach((n, i) => {
      w.persons.size = n;
      w.households.size = i < 4 ? hsize - ((i + 1) % 4) : [6, 5, 4, 1, 0][i - 4]!;
      seen.add(n & 3);
      seenH.add(w.households.size & 3);
      const c = expectSame(w);
      if (n === size) {
        // The world tests what it is meant to: each count has rows counted and rows not.
        expect(c.residents).toBeLessThan(size);
        for (const k of ['hukou', 'localUrban', 'permits', 'mgKids', 'mgKidsPlaced', 'registered', 'lf', 'employed', 'formalN'] as const) {
          expect([k, c[k] > 0 && c[k] < c.residents]).toEqual([k, true]);
        }
        expect(c.hukouZone.every((v) => v > 0)).toBe(true);
        expect(c.gc[1]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        for (const k of ['rural', 'uv', 'prh', 'leftBehind', 'renters', 'burdened'] as const) expect([k, c[k] > 0]).toEqual([k, true]);
      }
    });
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect([...seenH].sort()).toEqual([0, 1, 2, 3]);
  });

  it('agrees on other worlds, and on one where a formal byte is neither 0 nor 1', () => {
    for (const seed of [1, 2, 3]) expectSame(scrambled(seed));
    const w = scrambled(4);
    const pc = w.persons.cols;
    const p = Array.from({ length: w.persons.size }, (_, i) => i).find((i) => w.persons.live[i] && pc.active[i] && pc.sector[i]! >= 0)!;
    pc.formal[p] = 2;
    expectSame(w);
  });

  it('agrees on a world of several chunks of the person pass (the wage pass takes each chunk\'s employed rows)', () => {
    // A chunk is 32 × 255 words (32,640 rows): this world has three or more, and the wage sums run on across them in row order.
    const w = scrambled(6, 0.003);
    expect(w.persons.size).toBeGreaterThan(2 * 32 * 255 * 4);
    const size = w.persons.size;
    for (const n of [size, 32 * 255 * 4, 32 * 255 * 4 + 1, 2 * 32 * 255 * 4 - 1]) {
      w.persons.size = n;
      const c = expectSame(w);
      expect(c.employed).toBeGreaterThan(1000);
    }
  });

  it('agrees when a column does not start on a word (the plain pass)', () => {
    const w = scrambled(5);
    const pc = w.persons.cols;
    const before = measure(w);
    const shifted = new Uint8Array(new ArrayBuffer(pc.hukou.length + 1), 1, pc.hukou.length);
    shifted.set(pc.hukou);
    (pc as { hukou: Uint8Array }).hukou = shifted;
    const c = expectSame(w);
    expect(fields(c as unknown as Record<string, unknown>)).toEqual(fields(before as unknown as Record<string, unknown>));
  });
});
