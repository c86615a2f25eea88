/**
 * zone_hukou_share (the zone maps' hukou layer): the census counts
 * local-hukou residents by the zone where their hukou is registered (as
 * 户籍人口 are counted), and observation records them over the zone's
 * residents (常住人口, by household zone). Checked against a count made
 * here from the person and household columns of a real starting world, and
 * on a hand-changed world (one zone's hukou holders all lose it).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { measure } from '../../sim/model/observe/census.ts';
import { recordIndicators } from '../../sim/model/observe/observation.ts';
import { NONLOCAL_RURAL } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';

/** Local-hukou persons by registration zone and all persons by household zone, counted from the columns. */
function byHand(w: World): { hukou: number[]; residents: number[] } {
  const hukou = new Array<number>(w.nz).fill(0);
  const residents = new Array<number>(w.nz).fill(0);
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    residents[w.households.cols.zone[pc.hh[p]!]!]!++;
    if (pc.hukou[p]! <= 1) hukou[pc.hukouZone[p]!]!++;
  }
  return { hukou, residents };
}

function recorded(w: World): number[] {
  const out = new Array<number>(w.nz).fill(NaN);
  recordIndicators(w, measure(w), (name, zone, value) => {
    if (name === 'zone_hukou_share') out[zone] = value;
  });
  return out;
}

describe('zone_hukou_share', () => {
  const l = scenarioWith(CHONGQING);

  it('is the local-hukou residents registered in each zone over the residents living there', () => {
    const w = createWorld(l.scenario.city, { sample: 0.001, seed: 4, replication: 0, start: l.scenario.start });
    const c = measure(w);
    const hand = byHand(w);
    expect(Array.from(c.hukouZone)).toEqual(hand.hukou);
    expect(hand.hukou.reduce((a, b) => a + b, 0)).toBe(c.hukou);
    const shares = recorded(w);
    for (let z = 0; z < w.nz; z++) {
      expect(hand.residents[z]).toBeGreaterThan(0);
      expect(shares[z]).toBeCloseTo(hand.hukou[z]! / c.zonePop[z]!, 12);
      expect(shares[z]).toBeGreaterThan(0);
      // At the start everyone is registered where they live, so the share is a share.
      expect(shares[z]).toBeLessThan(1);
    }
  });

  it('falls to 0 in a zone whose registered residents all lose local hukou, and leaves the other zones unchanged', () => {
    const w = createWorld(l.scenario.city, { sample: 0.001, seed: 4, replication: 0, start: l.scenario.start });
    const before = recorded(w);
    const pc = w.persons.cols;
    for (let p = 0; p < w.persons.size; p++) {
      if (w.persons.live[p] && pc.hukouZone[p] === 0) pc.hukou[p] = NONLOCAL_RURAL;
    }
    const after = recorded(w);
    expect(before[0]).toBeGreaterThan(0.5);
    expect(after[0]).toBe(0);
    for (let z = 1; z < w.nz; z++) expect(after[z]).toBe(before[z]);
  });
});
