/**
 * The census's person pass counts without branches, masking every term by
 * the live flag (a removed row keeps its stale columns until it is reused).
 * Checked against a plain count with tests, made here from the columns, on a
 * world that has run months (deaths and departures leave removed rows) and
 * on one whose removed rows were given every value that would be counted.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../sim/model/build.ts';
import { measure } from '../../../sim/model/observe/census.ts';
import { giniBin } from '../../../sim/model/observe/gini.ts';
import { NO_PERMIT, type World } from '../../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../../helpers.ts';

function byHand(w: World) {
  const pc = w.persons.cols;
  const S = w.city.services;
  const r = { residents: 0, hukou: 0, localUrban: 0, permits: 0, mgKids: 0, mgKidsPlaced: 0, registered: 0, lf: 0, employed: 0, formalN: 0, wageSum: 0 };
  const hukouZone = new Array<number>(w.nz).fill(0);
  const bins = [new Map<number, number>(), new Map<number, number>()];
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    r.residents++;
    const local = pc.hukou[p]! === 0 || pc.hukou[p]! === 1;
    if (local) {
      r.hukou++;
      hukouZone[pc.hukouZone[p]!]!++;
      if (pc.hukou[p] === 0) r.localUrban++;
    } else {
      if (pc.permitSince[p] !== NO_PERMIT) r.permits++;
      if (pc.ageM[p]! >= S.school_age_from * 12 && pc.ageM[p]! < (S.school_age_to + 1) * 12) {
        r.mgKids++;
        if (pc.school[p] === 1) r.mgKidsPlaced++;
      }
    }
    if (pc.registered[p] === 1) r.registered++;
    if (pc.active[p] === 1) {
      r.lf++;
      if (pc.sector[p]! !== -1) {
        r.employed++;
        if (pc.formal[p] === 1) r.formalN++;
        r.wageSum += pc.wage[p]!;
        const m = bins[local ? 0 : 1]!;
        const b = giniBin(pc.wage[p]!);
        m.set(b, (m.get(b) ?? 0) + 1);
      }
    }
  }
  return { r, hukouZone, bins };
}

function compare(w: World): void {
  const c = measure(w);
  const h = byHand(w);
  for (const [k, v] of Object.entries(h.r)) expect([k, c[k as keyof typeof h.r]]).toEqual([k, v]);
  expect(Array.from(c.hukouZone)).toEqual(h.hukouZone);
  for (let g = 0; g < 2; g++) {
    const counts = new Map<number, number>();
    c.gc[g]!.forEach((n, b) => n > 0 && counts.set(b, n));
    expect([...counts].sort((a, b) => a[0] - b[0])).toEqual([...h.bins[g]!].sort((a, b) => a[0] - b[0]));
  }
}

describe('census person pass', () => {
  const l = scenarioWith(CHONGQING);
  const world = () => createWorld(l.scenario.city, { sample: 0.002, seed: 5, replication: 0, start: l.scenario.start });

  it('counts as a plain pass does after months of deaths and departures', () => {
    const w = world();
    for (let m = 1; m <= 6; m++) {
      w.month = m;
      w.flows.reset();
      w.schedule.runMonth(w, m, w.calendar(m));
    }
    expect(w.persons.count).toBeLessThan(w.persons.size); // removed rows are waiting for reuse
    expect(measure(w).permits).toBeGreaterThan(0);
    compare(w);
  });

  it('does not count removed rows whose stale columns would count', () => {
    const w = world();
    const before = measure(w);
    const pc = w.persons.cols;
    // Remove households until 200 persons have gone, then give the removed rows every counted value.
    const removed: number[] = [];
    for (let h = 0; removed.length < 200; h++) {
      if (!w.households.live[h]) continue;
      for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) removed.push(p);
      w.removeHouseholdWithMembers(h);
    }
    const S = w.city.services;
    removed.forEach((p, i) => {
      pc.hukou[p] = i % 2 === 0 ? 0 : 3;
      pc.hukouZone[p] = 0;
      pc.permitSince[p] = 5;
      pc.ageM[p] = S.school_age_from * 12;
      pc.school[p] = 1;
      pc.registered[p] = 1;
      pc.active[p] = 1;
      pc.sector[p] = 0;
      pc.formal[p] = 1;
      pc.wage[p] = 3000;
    });
    const after = measure(w);
    expect(after.residents).toBe(before.residents - removed.length);
    compare(w);
  });
});
