/**
 * Months worked and insured as spells (sim/model/workSpells.ts) against the monthly counter they
 * replace, written out plainly here: in each labour step every employed person whose job goes on
 * counts a month worked and, in formal work, a month insured, each capped at 32767; nothing else
 * changes the counts. On a world whose persons are hired, let go, moved to formal work and set near
 * the cap by hand, every person's counts are read before and after each month's labour step.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { balanceStart } from '../../sim/model/balance.ts';
import { NO_JOB } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

function world(): World {
  const l = scenarioWith('scenarios/cities/shenzhen-2010.yaml');
  const w = createWorld(l.scenario.city, { sample: 0.002, seed: 5, replication: 0, start: l.scenario.start });
  w.month = 1;
  balanceStart(w); // sets the matching efficiency once
  w.mig.matching = 0; // hires only by hand
  return w;
}

/** Every stock well above its filled jobs: no shedding, so a job ends only in its presampled month. */
function setStocks(w: World): void {
  for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = 2 * w.filled[k]! + 10;
}

function expectCounts(w: World, worked: Int32Array, insured: Int32Array, when: string): number {
  let checked = 0;
  const wrong: string[] = [];
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    checked++;
    if (w.workedMonths(p) !== worked[p] || w.insuredMonths(p) !== insured[p]) wrong.push(`${when}: person ${p} worked ${w.workedMonths(p)} insured ${w.insuredMonths(p)}, counter ${worked[p]} ${insured[p]}`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  return checked;
}

describe('months worked and insured as spells', () => {
  it('equal the monthly counter through hires before and after the step, job ends, moves to formal work and the cap', () => {
    const w = world();
    const pc = w.persons.cols;
    const n = w.persons.size;
    // The counter, from the starting counts (no labour step yet: the columns are the counts).
    expect(w.labourSteps).toBe(0);
    const worked = new Int32Array(n), insured = new Int32Array(n);
    let nearCap = 0;
    for (let p = 0; p < n; p++) {
      if (!w.persons.live[p]) continue;
      worked[p] = pc.worked[p]!;
      insured[p] = pc.insured[p]!;
      // Some employed persons two months below the cap, some at it.
      if (pc.sector[p] !== NO_JOB && p % 11 === 0) {
        worked[p] = 32765 + (p % 3);
        insured[p] = 32767 - (p % 3);
        w.setWorkMonths(p, worked[p]!, insured[p]!);
        nearCap++;
      }
      // Points for the move to formal work (lever 60): a third reach it.
      pc.points[p] = (p % 3) * 40;
    }
    expect(nearCap).toBeGreaterThan(20);
    w.levers.formalAtPoints = 60;
    const sectorB = new Int8Array(n), formalB = new Uint8Array(n), jobEndB = new Int16Array(n);
    let hiredBefore = 0, hiredAfter = 0, letGo = 0, ended = 0, chased = 0, capped = 0;
    for (let m = 1; m <= 8; m++) {
      w.month = m;
      setStocks(w);
      // Before the step (as demography's exit at 60 and init's hires): some leave, some are hired and count this month.
      for (let p = 0; p < n; p++) {
        if (!w.persons.live[p] || !pc.active[p]) continue;
        if (pc.sector[p] !== NO_JOB && (p + m) % 97 === 0) {
          w.leaveJob(p);
          letGo++;
        } else if (pc.sector[p] === NO_JOB && (p + m) % 5 === 0) {
          w.takeJob(p, 0, 1, 3000, (p & 1) === 1);
          hiredBefore++;
        }
      }
      setStocks(w);
      // A read before the step: last month's count.
      expectCounts(w, worked, insured, `month ${m} before the step`);
      for (let p = 0; p < n; p++) {
        sectorB[p] = pc.sector[p]!;
        formalB[p] = pc.formal[p]!;
        jobEndB[p] = pc.jobEnd[p]!;
      }
      labourMarket(w, m);
      // The counter's month: the employed whose job goes on count a month, in formal work insured too (formal as before the step).
      for (let p = 0; p < n; p++) {
        if (!w.persons.live[p] || !pc.active[p] || sectorB[p] === NO_JOB) continue;
        if (jobEndB[p]! <= m) {
          expect(pc.sector[p], `person ${p} month ${m} jobEnd ${jobEndB[p]} now ${pc.sector[p]} ${pc.jobEnd[p]} active ${pc.active[p]}`).toBe(NO_JOB);
          ended++;
          continue;
        }
        if (worked[p] === 32767) capped++;
        worked[p] = Math.min(32767, worked[p]! + 1);
        insured[p] = Math.min(32767, insured[p]! + formalB[p]!);
        if (formalB[p] === 0 && pc.formal[p] === 1) chased++;
      }
      // A read after the step: this month's count.
      const checked = expectCounts(w, worked, insured, `month ${m} after the step`);
      expect(checked).toBeGreaterThan(5000);
      // After the step (as newcomers' search): hires that count from the next month.
      for (let p = 0; p < n; p++) {
        if (w.persons.live[p] && pc.active[p] && pc.sector[p] === NO_JOB && (p + m) % 7 === 0) {
          w.takeJob(p, 1, 2, 3000, (p & 2) === 2);
          hiredAfter++;
        }
      }
      expectCounts(w, worked, insured, `month ${m} after the hires`);
    }
    expect(w.labourSteps).toBe(8);
    expect(hiredBefore).toBeGreaterThan(100);
    expect(hiredAfter).toBeGreaterThan(100);
    expect(letGo).toBeGreaterThan(50);
    expect(ended).toBeGreaterThan(50);
    expect(chased).toBeGreaterThan(50);
    expect(capped).toBeGreaterThan(20);
  });
});
