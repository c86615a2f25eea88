/**
 * Presampled waiting times (sim/model/lifetimes.ts) against the monthly
 * processes they replace, computed here by hand from MODEL.md's arithmetic:
 * the chance to die on reaching age k months is 1 − (1 − m)^(1/12) with
 * m = a·exp(b·(year + ½)) (infant mortality in the first year); a woman aged
 * 15–49 gives birth with chance TFR/35/12 a month; a worker separates with
 * chance σ a month.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { FERTILE_FROM, FERTILE_TO, Lifetimes, NEVER, geometric } from '../../sim/model/lifetimes.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { createWorld } from '../../sim/model/build.ts';
import { FEMALE } from '../../sim/model/enums.ts';

// Chongqing 2010's parameters.
const A = 0.00005, B = 0.09, INFANT = 0.01, TFR = 1.2, SIGMA = 0.012;
const life = new Lifetimes({ a: A, b: B, infant: INFANT }, TFR / 35 / 12, SIGMA);
/** Monthly death chance on reaching age k months, by hand. */
const q = (k: number): number => {
  const y = Math.min(110, Math.floor(k / 12));
  const annual = y === 0 ? INFANT : Math.min(1, A * Math.exp(B * (y + 0.5)));
  return 1 - Math.pow(1 - annual, 1 / 12);
};
/** |observed − expected| within 4.5 binomial standard errors. */
function near(hits: number, n: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(hits / n - p)).toBeLessThan(4.5 * se + 1e-12);
}

describe('presampled ages at death', () => {
  const N = 200_000;
  it.each([0, 300, 600, 900])('from age %i months: the chance to die in each of the next months and within a year are the monthly arithmetic', (age) => {
    const s = makeStream(5, 0, `death-${age}`);
    const d = Array.from({ length: N }, () => life.deathAge(s, age));
    expect(d.every((x) => x > age)).toBe(true);
    // Next month: q(age + 1). Within a year: 1 − Π (1 − q(k)).
    near(d.filter((x) => x === age + 1).length, N, q(age + 1));
    let surv = 1;
    for (let k = age + 1; k <= age + 12; k++) surv *= 1 - q(k);
    near(d.filter((x) => x <= age + 12).length, N, 1 - surv);
    // Surviving to 80 years from here.
    let to80 = 1;
    for (let k = age + 1; k <= 960; k++) to80 *= 1 - q(k);
    if (age < 960) near(d.filter((x) => x > 960).length, N, to80);
  });

  it('the survival table is the running sum of log(1 − q)', () => {
    let s = 0;
    for (let k = 1; k <= 1200; k++) {
      s += Math.log(1 - q(k));
      expect(life.logS[k]).toBeCloseTo(s, 9);
    }
  });

  it('beyond 130 years the chance stays that of 110 years (nobody is immortal)', () => {
    const s = makeStream(5, 0, 'old');
    const certain = new Lifetimes({ a: A, b: B, infant: INFANT }, 0, 0);
    expect(certain.deathAge(s, 1600)).toBe(1601); // q(110 years) = 1 here
    const soft = new Lifetimes({ a: 1e-6, b: 0.01, infant: 0 }, 0, 0);
    const ages = Array.from({ length: 1000 }, () => soft.deathAge(s, 1600));
    expect(Math.min(...ages)).toBeGreaterThan(1600);
    expect(ages.every((x) => x <= NEVER)).toBe(true);
  });
});

describe('presampled births', () => {
  const c = TFR / 35 / 12;
  const N = 200_000;
  it('from 15 years: the first birth month is geometric with the monthly chance, and none after 49', () => {
    const s = makeStream(6, 0, 'births');
    const b = Array.from({ length: N }, () => life.birthAge(s, 100));
    expect(b.every((x) => x === NEVER || (x >= FERTILE_FROM && x < FERTILE_TO))).toBe(true);
    near(b.filter((x) => x === FERTILE_FROM).length, N, c);
    near(b.filter((x) => x === FERTILE_FROM + 1).length, N, (1 - c) * c);
    near(b.filter((x) => x === NEVER).length, N, Math.pow(1 - c, FERTILE_TO - FERTILE_FROM));
  });
  it('after a birth at 30, the next comes the following month with the monthly chance; none from 50', () => {
    const s = makeStream(6, 0, 'next');
    const b = Array.from({ length: N }, () => life.birthAge(s, 361));
    near(b.filter((x) => x === 361).length, N, c);
    near(b.filter((x) => x === NEVER).length, N, Math.pow(1 - c, FERTILE_TO - 361));
    expect(life.birthAge(s, FERTILE_TO)).toBe(NEVER);
  });
});

describe('presampled separations', () => {
  it('a job taken in month m ends in m + 1 with chance σ, and lasts 1/σ months on average', () => {
    const s = makeStream(7, 0, 'jobs');
    const N = 200_000;
    const e = Array.from({ length: N }, () => life.jobEnd(s, 10));
    near(e.filter((x) => x === 11).length, N, SIGMA);
    near(e.filter((x) => x <= 22).length, N, 1 - Math.pow(1 - SIGMA, 12));
    const mean = e.reduce((a, x) => a + (x - 10), 0) / N;
    expect(Math.abs(mean - 1 / SIGMA)).toBeLessThan((4.5 * Math.sqrt(1 - SIGMA)) / SIGMA / Math.sqrt(N));
  });
  it('geometric waiting times at the edges', () => {
    expect(geometric(0.999, 1)).toBe(1);
    expect(geometric(0, 0.5)).toBe(1);
    expect(geometric(0.5, 0)).toBe(Infinity);
    expect(life.jobEnd(makeStream(1, 0, 'x'), 32000)).toBeLessThanOrEqual(NEVER);
    expect(new Lifetimes({ a: A, b: B, infant: INFANT }, 0, 0).jobEnd(makeStream(1, 0, 'x'), 5)).toBe(NEVER);
  });
});

describe('in a world', () => {
  it('every person has an age at death above their age; women of 15–49 a birth age ahead or none; men none; workers a job end after the start', () => {
    const l = loadScenarioFile('scenarios/cities/chongqing-2010.yaml');
    const w = createWorld(l.scenario.city, { sample: 0.001, seed: 3, replication: 0, start: l.scenario.start });
    const pc = w.persons.cols;
    let workers = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      expect(pc.deathAge[p]!).toBeGreaterThan(pc.ageM[p]!);
      const nb = pc.nextBirth[p]!;
      if (pc.sex[p] !== FEMALE) expect(nb).toBe(NEVER);
      else expect(nb === NEVER || (nb > pc.ageM[p]! && nb >= FERTILE_FROM && nb < FERTILE_TO)).toBe(true);
      if (pc.sector[p]! >= 0) {
        workers++;
        expect(pc.jobEnd[p]!).toBeGreaterThan(0);
      } else expect(pc.jobEnd[p]).toBe(NEVER);
    }
    expect(workers).toBeGreaterThan(1000);
  });
});
