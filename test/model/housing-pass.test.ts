/**
 * The housing step's pass over households (sim/model/housing.ts housingPass) takes most rows four at a
 * time through word views of dwTenure, zone, eventLeft, burden and moveAt. Checked against the plain
 * row-by-row pass (housing-plain.ts) on two copies of one scrambled world: unhoused households, looks due
 * and not yet drawn, life-event months about to run out, burdens at 254 and 255, households without
 * wages, removed rows (the row-by-row path) and rows past the last whole word. After each of eight
 * housing steps every household column and the next draw of both streams are the same.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { housingMarket, runHousing, passResult } from '../../sim/model/housing.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import type { World } from '../../sim/model/world.ts';
import { housingPassPlain } from './housing-plain.ts';

/** A world whose households are scrambled the same way for the same call. */
function world(remove: boolean): World {
  const sc = loadScenarioFile('scenarios/cities/wuhan-2020.yaml').scenario;
  const w = createWorld(sc.city, { sample: 0.001, seed: 7, replication: 0, start: sc.start });
  installPolicies(w, sc.policies as Record<string, unknown>);
  const hc = w.households.cols;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    const i = (h * 2654435761) >>> 0;
    if (i % 23 === 0 && hc.dwelling[h]! >= 0) w.moveOut(h);
    if (i % 7 === 1) {
      hc.events[h] = 1 + (i % 15);
      hc.eventLeft[h] = 1 + (i % 3);
    }
    if (i % 11 === 2) hc.burden[h] = 254 + (i % 2);
    if (i % 5 === 3) hc.moveAt[h] = 1 + (i % 6);
    if (i % 13 === 4) hc.savings[h] = (i % 1000) * 37.5;
    if (remove && i % 97 === 5) w.removeHouseholdWithMembers(h);
  }
  return w;
}

const COLS = ['savings', 'burden', 'events', 'eventLeft', 'moveAt', 'dwelling', 'dwTenure', 'dwFactor', 'zone', 'unhoused'] as const;

describe('housing pass by words', () => {
  for (const remove of [false, true]) {
    it(`gives the plain pass's households and draws month by month${remove ? ' (with removed rows)' : ''}`, () => {
      const a = world(remove), b = world(remove);
      expect(a.households.dense).toBe(!remove);
      expect(a.households.size % 4).not.toBe(0);
      let moves = 0, groups = 0;
      for (let month = 1; month <= 8; month++) {
        // Groups of four housed rows none of which looks this month (taken by words).
        const hc = a.households.cols;
        for (let g = 0; g + 4 <= a.households.size; g += 4) {
          let quiet = true;
          for (let h = g; h < g + 4; h++) if (hc.dwTenure[h]! < 0 || hc.moveAt[h]! <= month) quiet = false;
          if (quiet) groups++;
        }
        a.month = month;
        b.month = month;
        housingMarket(a, month);
        const ra = { ...passResult };
        runHousing(b, month, housingPassPlain);
        expect(passResult).toEqual(ra);
        moves += ra.moves;
        for (const c of COLS) {
          const x = a.households.cols[c], y = b.households.cols[c];
          for (let h = 0; h < a.households.size; h++) {
            if (!Object.is(x[h], y[h])) expect(`${c}[${h}] = ${x[h]}`).toBe(`${c}[${h}] = ${y[h]}`);
          }
        }
        expect(a.streams.get('housing').next()).toBe(b.streams.get('housing').next());
        expect(a.streams.get('location').next()).toBe(b.streams.get('location').next());
      }
      expect(moves).toBeGreaterThan(10);
      if (!remove) expect(groups).toBeGreaterThan(1000);
    });
  }
});
