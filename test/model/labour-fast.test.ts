/**
 * The labour step without its pass over the labour force (sim/model/labour.ts labourMonth, with the
 * due-month lists of sim/model/jobEnds.ts) against the pass it skips (listLabourForce and workMonth,
 * taken in every month with labourPaths.pass): two worlds built alike, one run each way month by
 * month through the whole schedule, must stay identical, person by person, in every column the
 * labour step writes or reads, and in the labour-market terms it publishes. The job seekers' order
 * decides the matching's draws, so a seeker listed out of index order, a job ended a month late or
 * early, or a month unemployed counted for a person just separated makes them differ. Before the
 * first month a third of the jobs are ended and taken again by hand in a scrambled order (the
 * due-month lists then hold them out of index order, with stale entries), and some persons are
 * removed (stale entries whose rows are reused later), and some persons leave or join the labour
 * force (World.setActive). The fast path lists the job seekers from the labour force's tally kept by
 * events (sim/model/labourTally.ts), which must also equal a recount of the columns after every month.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import { labourPaths } from '../../sim/model/labour.ts';
import { JobEnds } from '../../sim/model/jobEnds.ts';
import { LabourTally } from '../../sim/model/labourTally.ts';
import { NE } from '../../sim/model/hinterland.ts';
import { NEVER } from '../../sim/model/lifetimes.ts';
import { NO_JOB } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const MONTHS = 18;

function world(): World {
  const l = scenarioWith('scenarios/cities/shenzhen-2010.yaml');
  const w = createWorld(l.scenario.city, { sample: 0.002, seed: 17, replication: 0, start: l.scenario.start });
  installPolicies(w, l.scenario.policies as Record<string, unknown>);
  return w;
}

/** Ends a third of the jobs and gives them back in a scrambled order (a fixed LCG); removes every 97th person. */
function scramble(w: World): void {
  const pc = w.persons.cols;
  const held: number[] = [];
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.sector[p]! !== NO_JOB && p % 3 === 1) held.push(p);
  const jobs = held.map((p) => ({ p, z: pc.jobZone[p]!, s: pc.sector[p]!, wage: pc.wage[p]!, formal: pc.formal[p] === 1 }));
  for (const j of jobs) w.leaveJob(j.p);
  let x = 12345;
  for (let i = jobs.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const k = x % (i + 1);
    [jobs[i], jobs[k]] = [jobs[k]!, jobs[i]!];
  }
  for (const j of jobs) w.takeJob(j.p, j.z, j.s, j.wage, j.formal);
  for (let p = 0; p < w.persons.size; p += 97) if (w.persons.live[p] && w.households.cols.size[pc.hh[p]!]! > 1) w.removePerson(p);
  // Some job seekers leave the labour force, some adults outside it join.
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || pc.sector[p] !== NO_JOB) continue;
    if (pc.active[p] === 1 && p % 41 === 0) w.setActive(p, 0);
    else if (pc.active[p] === 0 && p % 43 === 0 && pc.ageM[p]! >= 192 && pc.ageM[p]! < 700) w.setActive(p, 1);
  }
}

/** Where the world's labour-force tally differs from a recount of its columns. */
function tallyDifferences(w: World, month: number): string[] {
  const t = new LabourTally(NE);
  const pc = w.persons.cols;
  t.recount(w.persons.size, w.persons.live, pc.active, pc.hukou, pc.edu, pc.sector, NO_JOB);
  const out: string[] = [];
  if (t.size !== w.labour.size) out.push(`month ${month}: tally size ${w.labour.size} against ${t.size}`);
  if (Array.from(t.nonHukou).join() !== Array.from(w.labour.nonHukou).join()) out.push(`month ${month}: tally non-hukou ${w.labour.nonHukou.join()} against ${t.nonHukou.join()}`);
  for (let p = 0; p < w.persons.size && out.length < 5; p++) if (t.seeking(p) !== w.labour.seeking(p)) out.push(`month ${month}: row ${p} seeking ${w.labour.seeking(p)} against ${t.seeking(p)}`);
  return out;
}

const COLUMNS = ['sector', 'jobZone', 'wage', 'formal', 'unemp', 'jobEnd', 'worked', 'insured', 'active', 'hukou', 'edu', 'hh'] as const;

function differences(a: World, b: World, month: number): string[] {
  const out: string[] = [];
  if (a.persons.size !== b.persons.size) out.push(`month ${month}: ${a.persons.size} rows against ${b.persons.size}`);
  for (const c of COLUMNS) {
    const x = a.persons.cols[c], y = b.persons.cols[c];
    for (let p = 0; p < a.persons.size && out.length < 5; p++) {
      if (a.persons.live[p] !== b.persons.live[p]) out.push(`month ${month}: row ${p} live ${a.persons.live[p]} against ${b.persons.live[p]}`);
      else if (a.persons.live[p] && x[p] !== y[p]) out.push(`month ${month}: person ${p} ${c} ${x[p]} against ${y[p]}`);
    }
  }
  const ma = a.mig, mb = b.mig;
  for (const k of ['seekers', 'vacancies', 'findRate', 'labourForce', 'wageTight'] as const) if (!Object.is(ma[k], mb[k])) out.push(`month ${month}: ${k} ${ma[k]} against ${mb[k]}`);
  if (Array.from(ma.nonHukouWorkers).join() !== Array.from(mb.nonHukouWorkers).join()) out.push(`month ${month}: non-hukou workers ${ma.nonHukouWorkers.join()} against ${mb.nonHukouWorkers.join()}`);
  if (a.labourSteps !== b.labourSteps) out.push(`month ${month}: labour steps ${a.labourSteps} against ${b.labourSteps}`);
  return out;
}

describe('the labour step without its pass', () => {
  it('gives the same world as the pass over the labour force, month by month, on a scrambled start', () => {
    const fast = world(), pass = world();
    scramble(fast);
    scramble(pass);
    expect(differences(fast, pass, 0)).toEqual([]);
    expect(tallyDifferences(fast, 0)).toEqual([]);
    const before = labourPaths.fastMonths;
    let separations = 0;
    try {
      for (let m = 1; m <= MONTHS; m++) {
        for (const [w, usePass] of [[fast, false], [pass, true]] as const) {
          labourPaths.pass = usePass;
          w.month = m;
          w.flows.reset();
          w.schedule.runMonth(w, m, w.calendar(m), () => {});
        }
        separations += fast.mig.seekers;
        expect(differences(fast, pass, m)).toEqual([]);
        expect(tallyDifferences(fast, m)).toEqual([]);
        expect(tallyDifferences(pass, m)).toEqual([]);
      }
    } finally {
      labourPaths.pass = false;
    }
    // Every month of the first world skipped the pass (no shedding, no points chase in this scenario).
    expect(labourPaths.fastMonths - before).toBe(MONTHS);
    expect(separations).toBeGreaterThan(1000);
  });
});

describe('due-month lists of jobs', () => {
  it('file a job under its due month, or the next month to be read once that month is read, and free the months read', () => {
    const j = new JobEnds();
    j.add(5, 3);
    j.add(6, 3);
    j.add(7, 4);
    j.add(8, NEVER);
    expect(j.count(3)).toBe(2);
    expect(Array.from(j.rows(3).subarray(0, 2))).toEqual([5, 6]);
    j.finish(3);
    expect(j.done).toBe(3);
    expect(j.count(3)).toBe(0);
    expect(j.count(4)).toBe(1);
    // Due in a month already read: filed under the next one.
    j.add(9, 2);
    expect(j.monthFor(2)).toBe(4);
    expect(Array.from(j.rows(4).subarray(0, j.count(4)))).toEqual([7, 9]);
    expect(j.monthFor(NEVER)).toBe(NEVER);
    // Many entries in one month grow its list.
    for (let p = 0; p < 1000; p++) j.add(p, 200);
    expect(j.count(200)).toBe(1000);
    expect(j.rows(200)[999]).toBe(999);
  });
});
