/**
 * The location model's calibration (sim/model/location.ts, calibrate: rows shared by classes that differ
 * only in their hukou group, fixed utility parts kept between rounds) against the plain reference
 * (test/model/location-plain.ts: 40 rounds of row() and predict() for every class), bit for bit, on
 * starting worlds of three cities and on scrambled ones: savings, wages and ages redrawn (many classes,
 * children, singles), alternatives without stock, rents moved, constants starting away from 0, and a
 * policy term that tells hukou groups apart (calibration leaves the terms out, which is what lets the
 * hukou groups share a row).
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { CALIBRATION_ROUNDS, LocationModel, addLocationTerm, classPartOf, fillZoneResidents, partKid } from '../../sim/model/location.ts';
import { DORMITORY, LOCAL_RURAL, LOCAL_URBAN, NT } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioFileWith, tinyWorld } from '../policy/helpers.ts';
import { calibratePlain, startClassesPlain } from './location-plain.ts';

function model(w: World, start: Float64Array | null): LocationModel {
  const m = new LocationModel(w);
  fillZoneResidents(w, m);
  m.beginMonth(0);
  if (start) m.asc.set(start);
  return m;
}

/** Calibrates two models of w, the fast way and the plain way, and expects the same constants to the bit. */
function expectSame(w: World, start: Float64Array | null = null): void {
  const fast = model(w, start);
  const plain = model(w, start);
  fast.calibrate();
  calibratePlain(plain);
  let moved = 0;
  for (let k = 0; k < fast.na; k++) {
    expect(Object.is(fast.asc[k], plain.asc[k]), `asc[${k}] ${fast.asc[k]} against ${plain.asc[k]}`).toBe(true);
    if (fast.asc[k] !== (start ? start[k] : 0)) moved++;
  }
  // The calibration did something (the comparison is not of two untouched arrays).
  expect(moved).toBeGreaterThan(5);
  // Both leave every class row to be recomputed.
  expect(fast.stamp.every((x) => x === -1)).toBe(true);
}

function scramble(w: World, seed: number): void {
  const s = makeStream(seed, 0, 'scramble');
  const hc = w.households.cols, pc = w.persons.cols;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    hc.savings[h] = s.next() < 0.2 ? 0 : Math.exp(14 * s.next());
    hc.wages[h] = s.next() < 0.25 ? 0 : Math.exp(4 + 7 * s.next());
  }
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && s.next() < 0.3) pc.ageM[p] = s.int(200);
  for (let k = 0; k < w.rentLevel.length; k++) w.rentLevel[k]! *= 0.3 + 2 * s.next();
  // Two alternatives without stock (their weight is 0 whatever the constants).
  w.stock[1] = 0;
  w.stock[2 * NT + 2] = 0;
}

describe('location calibration: fast rounds against the plain ones', () => {
  for (const [file, seed] of [
    ['scenarios/cities/chongqing-2010.yaml', 1],
    ['scenarios/cities/chongqing-2010.yaml', 2],
    ['scenarios/cities/beijing-2013.yaml', 3],
    ['scenarios/cities/shenzhen-2010.yaml', 4],
  ] as const) {
    it(`${file.split('/').pop()} seed ${seed}: the same constants at the start`, () => {
      expectSame(tinyWorld(scenarioFileWith(file), 1e-4, seed));
    });
  }

  it('scrambled worlds, constants starting away from 0, a hukou policy term: the same constants', () => {
    for (const seed of [5, 6, 7]) {
      const w = tinyWorld(scenarioFileWith('scenarios/cities/chongqing-2010.yaml'), 1e-4, seed);
      scramble(w, seed);
      addLocationTerm(w, { kind: 'settlement', value: (_w, zone, _t, c) => (c.hukouGroup === 2 ? 0.9 : 0.1) * (zone + 1) });
      const s = makeStream(seed, 0, 'start');
      const start = new Float64Array(w.nz * NT).map(() => 2 * s.next() - 1);
      expectSame(w, start);
      expect(CALIBRATION_ROUNDS).toBe(40);
    }
  });

  it('startClasses by chunks: the plain pass\'s counts, alternatives and classes on scrambled worlds of several chunks', () => {
    for (const seed of [8, 9]) {
      const w = tinyWorld(scenarioFileWith('scenarios/cities/chongqing-2010.yaml'), 1e-3, seed);
      // More households than a chunk takes (4096), and not a multiple of it.
      expect(w.households.size).toBeGreaterThan(2 * 4096);
      expect(w.households.size % 4096).not.toBe(0);
      scramble(w, seed);
      const s = makeStream(seed, 0, 'classes');
      const hc = w.households.cols, pc = w.persons.cols;
      for (let p = 0; p < w.persons.size; p++) {
        if (!w.persons.live[p]) continue;
        const u = s.next();
        pc.hukou[p] = u < 0.3 ? LOCAL_URBAN : u < 0.5 ? LOCAL_RURAL : 7;
        pc.jobZone[p] = s.int(w.nz + 1) - 1;
        pc.sector[p] = s.next() < 0.2 ? -1 : s.int(3);
      }
      let dorms = 0, headless = 0;
      for (let h = 0; h < w.households.size; h++) {
        if (!w.households.live[h]) continue;
        const u = s.next();
        if (u < 0.05 && hc.dwelling[h]! >= 0) {
          hc.dwTenure[h] = DORMITORY;
          dorms++;
        } else if (u < 0.06) {
          hc.head[h] = -1;
          headless++;
        } else if (u < 0.07) w.households.live[h] = 0;
        else if (u < 0.08) hc.wages[h] = hc.savings[h] = 0;
      }
      const m = model(w, null);
      hc.cls.fill(0);
      const fast = m.startClasses();
      // The chunked pass leaves the class part it found in each household it classified, as classOf keeps
      // it (classPartOf's part + 1, and the first child under 15 its walk found).
      let filled = 0;
      for (let h = 0; h < w.households.size; h++) {
        if (!w.households.live[h] || hc.cls[h] === 0) continue;
        expect(hc.cls[h]! - 1, `class part of household ${h}`).toBe(classPartOf(w, h));
        expect(hc.clsKid[h], `child watched in household ${h}`).toBe(partKid);
        filled++;
      }
      const plain = startClassesPlain(m);
      expect(fast.used).toEqual(plain.used);
      for (let ci = 0; ci < m.ncls; ci++) expect(fast.counts[ci], `class ${ci}`).toBe(plain.counts[ci]);
      for (let k = 0; k < m.na; k++) expect(fast.observed[k], `alternative ${k}`).toBe(plain.observed[k]);
      // The scrambling reached what the pass tells apart: dormitories both kept and left out, heads missing,
      // classes with and without children, singles, every hukou group.
      expect(dorms).toBeGreaterThan(100);
      expect(headless).toBeGreaterThan(50);
      let counted = 0, kids = 0, singles = 0;
      const groups = new Set<number>();
      for (const ci of plain.used) {
        const c = m.describe(ci);
        counted += plain.counts[ci]!;
        if (c.children) kids += plain.counts[ci]!;
        if (c.single) singles += plain.counts[ci]!;
        groups.add(c.hukouGroup);
      }
      expect(filled).toBeGreaterThanOrEqual(counted);
      expect(kids).toBeGreaterThan(0.1 * counted);
      expect(singles).toBeGreaterThan(0.05 * counted);
      expect(groups.size).toBe(3);
      let dormsKept = 0;
      for (let z = 0; z < w.nz; z++) dormsKept += plain.observed[z * NT + DORMITORY]!;
      expect(dormsKept).toBeGreaterThan(0);
      expect(dormsKept).toBeLessThan(dorms);
    }
  });
});
