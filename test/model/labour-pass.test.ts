/**
 * The labour step's pass over the labour force (sim/model/labour.ts, MODEL.md §3.2), on a world whose
 * persons are set by hand, against the rule's arithmetic written out plainly here: the unemployed count
 * a month more (capped at 255); in index order, a job ends when the zone × sector holds more filled jobs
 * than its stock (shedding) or in its presampled month (separation), and each makes a job seeker; the
 * other employed count a month worked and, in formal work, insured (capped at 32767); informal workers
 * whose points reach the lever move to formal work; non-hukou workers are counted by education.
 * Matching is switched off (efficiency 0) so that the pass's effect is seen alone.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { balanceStart } from '../../sim/model/balance.ts';
import { NO_JOB, NS } from '../../sim/model/enums.ts';
import { NE } from '../../sim/model/hinterland.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const MONTH = 1;

function world(): World {
  const l = scenarioWith('scenarios/cities/shenzhen-2010.yaml');
  const w = createWorld(l.scenario.city, { sample: 0.002, seed: 11, replication: 0, start: l.scenario.start });
  w.month = MONTH;
  balanceStart(w);
  w.mig.matching = 0; // no hires: the pass alone
  return w;
}

interface Before {
  sector: Int8Array;
  jobZone: Int8Array;
  worked: Int16Array;
  insured: Int16Array;
  formal: Uint8Array;
  unemp: Uint8Array;
  jobEnd: Int16Array;
}

function snapshot(w: World): Before {
  const pc = w.persons.cols;
  // Months worked and insured as the model reads them (spells: sim/model/workSpells.ts).
  const worked = new Int16Array(w.persons.size), insured = new Int16Array(w.persons.size);
  for (let p = 0; p < w.persons.size; p++) {
    worked[p] = w.workedMonths(p);
    insured[p] = w.insuredMonths(p);
  }
  return { sector: pc.sector.slice(), jobZone: pc.jobZone.slice(), worked, insured, formal: pc.formal.slice(), unemp: pc.unemp.slice(), jobEnd: pc.jobEnd.slice() };
}

/** Sets every stock well above its filled jobs, and cell `over` (if given) `by` below them. */
function setStocks(w: World, over = -1, by = 0): void {
  for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = k === over ? w.filled[k]! - by : 2 * w.filled[k]! + 10;
}

/** The expected end of each labour-force member's month, by the rule written out plainly; returns the job seekers. */
function expected(w: World, b: Before, jobsAfter: Float64Array): { leaves: Set<number>; seekers: number; shed: number; nonHukou: number[] } {
  const pc = w.persons.cols;
  // Filled jobs at the start of the pass, from the snapshot.
  const filled = new Int32Array(w.filled.length);
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && b.sector[p]! !== NO_JOB) filled[b.jobZone[p]! * NS + b.sector[p]!]!++;
  const leaves = new Set<number>();
  let seekers = 0;
  let shed = 0;
  const nonHukou = new Array<number>(NE).fill(0);
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || !pc.active[p]) continue;
    if (pc.hukou[p] !== 0) nonHukou[pc.edu[p]!]!++;
    if (b.sector[p] === NO_JOB) {
      seekers++;
      continue;
    }
    const k = b.jobZone[p]! * NS + b.sector[p]!;
    const over = filled[k]! > jobsAfter[k]!;
    if (over || b.jobEnd[p]! <= MONTH) {
      if (over && b.jobEnd[p]! > MONTH) shed++;
      filled[k]!--;
      leaves.add(p);
      seekers++;
    }
  }
  return { leaves, seekers, shed, nonHukou };
}

function check(w: World, b: Before, formalAt: number): { shed: number; stayed: number; capped: number; chased: number } {
  const pc = w.persons.cols;
  const e = expected(w, b, w.jobs);
  expect(w.mig.seekers).toBe(e.seekers);
  expect(Array.from(w.mig.nonHukouWorkers)).toEqual(e.nonHukou);
  let stayed = 0;
  let capped = 0;
  let chased = 0;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    if (!pc.active[p]) {
      expect(w.workedMonths(p)).toBe(b.worked[p]);
      continue;
    }
    if (b.sector[p] === NO_JOB) {
      expect(pc.sector[p]).toBe(NO_JOB);
      expect(pc.unemp[p]).toBe(Math.min(255, b.unemp[p]! + 1));
    } else if (e.leaves.has(p)) {
      expect(pc.sector[p]).toBe(NO_JOB);
      expect(w.workedMonths(p)).toBe(b.worked[p]);
      expect(w.insuredMonths(p)).toBe(b.insured[p]);
    } else {
      stayed++;
      if (b.worked[p] === 32767) capped++;
      expect(pc.sector[p]).toBe(b.sector[p]);
      expect(w.workedMonths(p)).toBe(Math.min(32767, b.worked[p]! + 1));
      expect(w.insuredMonths(p)).toBe(Math.min(32767, b.insured[p]! + b.formal[p]!));
      const chase = b.formal[p] === 0 && pc.points[p]! > 0 && pc.points[p]! >= formalAt;
      if (chase) chased++;
      expect(pc.formal[p]).toBe(chase ? 1 : b.formal[p]);
    }
  }
  return { shed: e.shed, stayed, capped, chased };
}

/** Gives some persons counts at their caps, so that the caps are exercised. */
function atCaps(w: World): void {
  const pc = w.persons.cols;
  let i = 0;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || !pc.active[p]) continue;
    if (i++ % 7 !== 0) continue;
    if (pc.sector[p]! === NO_JOB) pc.unemp[p] = 255;
    else w.setWorkMonths(p, 32767, 32767);
  }
}

describe('labour pass on a hand-set world', () => {
  it('no cell over its stock: only separations end jobs; months worked, insured and unemployed counted with their caps', () => {
    const w = world();
    setStocks(w);
    atCaps(w);
    const b = snapshot(w);
    labourMarket(w, MONTH);
    const r = check(w, b, NaN);
    expect(r.shed).toBe(0);
    expect(r.stayed).toBeGreaterThan(1000);
    expect(r.capped).toBeGreaterThan(50);
  });

  it('one cell over its stock: the first of its workers in index order are shed until it fits', () => {
    const w = world();
    // The fullest cell, 5% of its jobs over (the step's job growth, < 1% here, then raises the stock a little).
    let over = 0;
    for (let k = 1; k < w.filled.length; k++) if (w.filled[k]! > w.filled[over]!) over = k;
    const before = w.filled[over]!;
    expect(before).toBeGreaterThan(1000);
    setStocks(w, over, Math.round(0.05 * before) + 0.5);
    const b = snapshot(w);
    labourMarket(w, MONTH);
    const r = check(w, b, NaN);
    // The stock the pass saw is the step's adjusted one (no hires: it is the stock now).
    expect(r.shed).toBeGreaterThan(0.03 * before);
    expect(w.filled[over]!).toBeLessThanOrEqual(w.jobs[over]!);
    expect(w.filled[over]!).toBeLessThan(before - r.shed + 1);
    // The shed are the cell's first workers in index order (those whose job did not end anyway).
    const pc = w.persons.cols;
    let seenStay = false;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p] || !pc.active[p] || b.sector[p] === NO_JOB || b.jobZone[p]! * NS + b.sector[p]! !== over || b.jobEnd[p]! <= MONTH) continue;
      if (pc.sector[p] !== NO_JOB) seenStay = true;
      else expect(seenStay, `person ${p} shed after a colleague earlier in index order stayed`).toBe(false);
    }
    expect(seenStay).toBe(true);
  });

  it('informal workers at the points bar move to formal work, insured from the next month', () => {
    const w = world();
    setStocks(w);
    const pc = w.persons.cols;
    let i = 0;
    for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.active[p] && pc.sector[p]! !== NO_JOB) pc.points[p] = (i++ % 3) * 40; // 0, 40, 80
    w.levers.formalAtPoints = 60;
    const b = snapshot(w);
    labourMarket(w, MONTH);
    const r = check(w, b, 60);
    expect(r.chased).toBeGreaterThan(100);
  });
});
