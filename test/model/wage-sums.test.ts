/**
 * Household wage sums moved by each change instead of walked (sim/model/world.ts, World.exactWages):
 * while every wage is 0 or an f32 in [1, 2^21), the members' sum has no rounding, so takeJob and
 * leaveJob may move the household's `wages` by the one member's change and give the float that the
 * walk over the members in member order gives. Tested on hand-made households against that walk
 * written out here, after every job taken or left, member moved and person removed, in a scrambled
 * order (a fixed LCG); and a wage outside the range must send the sums back to the walk for good.
 */
import { describe, expect, it } from 'vitest';
import { NO_JOB } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, lcg, tinyWorld } from '../policy/helpers.ts';

/** The members' f32 wages summed in member order in an f64: what sumWages computes. */
function walked(w: World, h: number): number {
  const pc = w.persons.cols;
  let s = 0;
  for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) s += pc.wage[p]!;
  return s;
}

function mismatches(w: World, hs: number[]): string[] {
  const out: string[] = [];
  for (const h of hs) {
    if (!w.households.live[h]) continue;
    const s = walked(w, h);
    if (!Object.is(s, w.households.cols.wages[h]!)) out.push(`household ${h}: wages ${w.households.cols.wages[h]} against the walk's ${s}`);
  }
  return out;
}

describe('household wage sums moved by each change', () => {
  it('equal the walk over the members, float for float, through a scrambled history of jobs and moves', () => {
    const w = tinyWorld(chongqingWith(), 1e-5, 3);
    const next = lcg(987654321);
    // Wages from 1 to ~2 million yuan with every fraction an f32 holds, log-uniform.
    const wage = () => Math.exp(next() * Math.log(2e6));
    const hs: number[] = [];
    const persons: number[] = [];
    for (let i = 0; i < 40; i++) {
      const n = 1 + Math.floor(next() * 6);
      const members = Array.from({ length: n }, () => ({ ageYears: 20 + next() * 35, hukou: 1, wage: next() < 0.6 ? wage() : undefined }));
      const made = addHousehold(w, { zone: 0, tenure: 1, members });
      hs.push(made.h);
      persons.push(...made.persons);
    }
    const pc = w.persons.cols;
    for (const p of persons) pc.active[p] = 1;
    expect(mismatches(w, hs)).toEqual([]);
    let changes = 0;
    for (let step = 0; step < 3000; step++) {
      const p = persons[Math.floor(next() * persons.length)]!;
      if (!w.persons.live[p]) continue;
      const r = next();
      if (r < 0.45) {
        if (pc.sector[p] === NO_JOB) w.takeJob(p, 0, Math.floor(next() * 3), wage(), next() < 0.5);
        else w.leaveJob(p);
      } else if (r < 0.97) {
        // A member with a job moves to another household (its sum and the old one's are walked).
        const to = hs[Math.floor(next() * hs.length)]!;
        if (!w.households.live[to] || to === pc.hh[p]) continue;
        w.detachPerson(p);
        w.attachPerson(p, to);
      } else if (w.households.cols.size[pc.hh[p]!]! > 1) w.removePerson(p);
      changes++;
      const bad = mismatches(w, hs);
      if (bad.length > 0) throw new Error(`after change ${changes}: ${bad.join('; ')}`);
    }
    expect(changes).toBeGreaterThan(1500);
    expect(w.exactWages).toBe(true);
    // The moved sums are not the walk's by luck: they hold fractions (a plain integer sum would be exact in any order).
    expect(hs.some((h) => w.households.live[h] && walked(w, h) !== Math.round(walked(w, h)))).toBe(true);
  });

  it('walks the sums again, for good, once a wage falls outside 0 or [1, 2^21)', () => {
    const w = tinyWorld(chongqingWith(), 1e-5, 3);
    const { h, persons } = addHousehold(w, { zone: 0, tenure: 1, members: [{ ageYears: 30, hukou: 1, wage: 1.5 }, { ageYears: 32, hukou: 1 }] });
    const [a, b] = persons as [number, number];
    w.persons.cols.active[b] = 1;
    expect(w.exactWages).toBe(true);
    // 1.5 + 1e30 rounds to 1e30 in member order: moving by the change would then leave 0, not 1.5.
    w.takeJob(b, 0, 1, 1e30, false);
    expect(w.exactWages).toBe(false);
    expect(w.households.cols.wages[h]).toBe(walked(w, h));
    w.leaveJob(b);
    expect(w.households.cols.wages[h]).toBe(1.5);
    w.leaveJob(a);
    expect(w.households.cols.wages[h]).toBe(0);
    // A wage in (0, 1) turns the moved sums off too.
    const w2 = tinyWorld(chongqingWith(), 1e-5, 3);
    const made = addHousehold(w2, { zone: 0, tenure: 1, members: [{ ageYears: 30, hukou: 1, wage: 0.25 }] });
    expect(w2.exactWages).toBe(false);
    expect(w2.households.cols.wages[made.h]).toBe(0.25);
    // And 2^21 itself does; just below it does not.
    const w3 = tinyWorld(chongqingWith(), 1e-5, 3);
    addHousehold(w3, { zone: 0, tenure: 1, members: [{ ageYears: 30, hukou: 1, wage: 2097151.75 }] });
    expect(w3.exactWages).toBe(true);
    addHousehold(w3, { zone: 0, tenure: 1, members: [{ ageYears: 30, hukou: 1, wage: 2097152 }] });
    expect(w3.exactWages).toBe(false);
  });
});
