/**
 * Left-behind children at the start (sim/model/init.ts initialLeftBehind): (1 − b) / b in the
 * origin for each school-age migrant child in the city, b = arrivals.bring_children_share, in
 * non-local families only.
 */
import { describe, expect, it } from 'vitest';
import { chongqingWith, tinyWorld } from '../policy/helpers.ts';
import { isLocal } from '../../sim/model/enums.ts';

describe('left-behind children start from the share migrants bring (ACWF 2013: 0.37; arrivals 0.4)', () => {
  for (const b of [0.4, 0.25]) {
    it(`with b = ${b}: (1 − b) / b per school-age non-local child in the city, within 1, all in non-local households of two or more`, () => {
      const w = tinyWorld(chongqingWith({ city: { arrivals: { bring_children_share: b } } }), 1e-3);
      const pc = w.persons.cols, hc = w.households.cols, S = w.city.services;
      let kids = 0, lb = 0, wrong = 0;
      for (let h = 0; h < w.households.size; h++) {
        if (!w.households.live[h]) continue;
        const local = isLocal(pc.hukou[hc.head[h]!]!);
        for (let q = hc.head[h]!; q >= 0; q = pc.next[q]!) {
          if (!local && pc.ageM[q]! >= S.school_age_from * 12 && pc.ageM[q]! < (S.school_age_to + 1) * 12) kids++;
        }
        lb += hc.leftBehind[h]!;
        if (hc.leftBehind[h]! > 0 && (local || hc.size[h]! < 2)) wrong++;
      }
      expect(kids).toBeGreaterThan(50);
      expect(Math.abs(lb - (kids * (1 - b)) / b)).toBeLessThan(1);
      expect(wrong).toBe(0);
    });
  }
});
