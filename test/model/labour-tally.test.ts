/**
 * The labour force's tally kept by events (sim/model/labourTally.ts): its size, its non-hukou
 * members by education and the bitmap of its members without a job, against a plain recount of the
 * columns written out here, after every event that changes them in a scrambled history (a fixed
 * LCG) on hand-made households: persons joining and leaving the labour force, taking and leaving
 * jobs, granted local hukou (settlement.ts's grantHukou, with the members who follow), changing
 * education (as demography does at 18), removed, and new persons added to reused rows.
 */
import { describe, expect, it } from 'vitest';
import { NO_JOB, NONLOCAL_RURAL, NONLOCAL_URBAN, LOCAL_URBAN } from '../../sim/model/enums.ts';
import { NE } from '../../sim/model/hinterland.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, lcg, tinyWorld } from '../policy/helpers.ts';

function differences(w: World): string[] {
  const pc = w.persons.cols;
  let size = 0;
  const nonHukou = new Array<number>(NE).fill(0);
  const out: string[] = [];
  for (let p = 0; p < w.persons.capacity; p++) {
    const member = p < w.persons.size && w.persons.live[p] === 1 && pc.active[p] === 1;
    if (member) {
      size++;
      if (pc.hukou[p] !== LOCAL_URBAN) nonHukou[pc.edu[p]!]!++;
    }
    const seeking = member && pc.sector[p] === NO_JOB;
    if (w.labour.seeking(p) !== seeking && out.length < 5) out.push(`row ${p}: marked ${w.labour.seeking(p)}, seeking ${seeking}`);
  }
  if (size !== w.labour.size) out.push(`size ${w.labour.size} against ${size}`);
  if (nonHukou.join() !== Array.from(w.labour.nonHukou).join()) out.push(`non-hukou ${w.labour.nonHukou.join()} against ${nonHukou.join()}`);
  return out;
}

describe('the labour force tallied by events', () => {
  it('equals a recount of the columns after every event of a scrambled history', () => {
    const w = tinyWorld(chongqingWith(), 1e-5, 5);
    const next = lcg(24681357);
    const hukous = [NONLOCAL_RURAL, NONLOCAL_URBAN, LOCAL_URBAN];
    const hs: number[] = [];
    const addOne = () => {
      const n = 1 + Math.floor(next() * 4);
      const members = Array.from({ length: n }, () => ({ ageYears: 18 + next() * 40, hukou: hukous[Math.floor(next() * 3)]!, wage: next() < 0.5 ? 2000 + next() * 5000 : undefined }));
      hs.push(addHousehold(w, { zone: 0, tenure: 1, members }).h);
    };
    for (let i = 0; i < 60; i++) addOne();
    expect(differences(w)).toEqual([]);
    const pc = w.persons.cols;
    const counts = { active: 0, job: 0, grant: 0, edu: 0, remove: 0, add: 0 };
    for (let step = 0; step < 2500; step++) {
      const p = Math.floor(next() * w.persons.size);
      const r = next();
      if (r < 0.08) {
        addOne();
        counts.add++;
      } else if (!w.persons.live[p]) continue;
      else if (r < 0.35) {
        if (pc.sector[p] !== NO_JOB) w.leaveJob(p);
        w.setActive(p, pc.active[p] === 1 ? 0 : 1);
        counts.active++;
      } else if (r < 0.65) {
        if (pc.sector[p] !== NO_JOB) w.leaveJob(p);
        else if (pc.active[p] === 1) w.takeJob(p, 0, Math.floor(next() * 3), 3000, next() < 0.5);
        counts.job++;
      } else if (r < 0.75) {
        if (pc.hukou[p] === LOCAL_URBAN) continue;
        grantHukou(w, p, 1);
        counts.grant++;
      } else if (r < 0.9) {
        w.labourOut(p);
        pc.edu[p] = Math.floor(next() * NE);
        w.labourIn(p);
        counts.edu++;
      } else if (w.households.cols.size[pc.hh[p]!]! > 1) {
        w.removePerson(p);
        counts.remove++;
      }
      const bad = differences(w);
      if (bad.length > 0) throw new Error(`after step ${step}: ${bad.join('; ')}`);
    }
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) expect(counts[k], k).toBeGreaterThan(20);
    // A whole household leaving takes its members out too.
    for (const h of hs.slice(0, 10)) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
    expect(differences(w)).toEqual([]);
    expect(w.labour.size).toBeGreaterThan(50);
  });
});
