/**
 * Job search (sim/model/labour.ts, balance.ts, arrivals.ts): newcomers search for the rest of their
 * arrival month; the matching function counts every job seeker of the month (the unemployed and those
 * just separated); the balanced start keeps the starting unemployment rate.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { arrivals } from '../../sim/model/arrivals.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const TIANJIN = 'scenarios/cities/tianjin-2020.yaml';
const SHENZHEN = 'scenarios/cities/shenzhen-2010.yaml';

function world(file = TIANJIN, sample = 0.01): World {
  const l = scenarioWith(file);
  const w = createWorld(l.scenario.city, { sample, seed: 5, replication: 0, start: l.scenario.start });
  w.month = 1;
  return w;
}

/** This month's arrivals in the labour force: how many, and how many hold a job at the end of the step. */
function newcomers(w: World, first: number): { n: number; employed: number } {
  const pc = w.persons.cols;
  let n = 0;
  let employed = 0;
  for (let p = first; p < w.persons.size; p++) {
    if (!w.persons.live[p] || !pc.active[p]) continue;
    n++;
    if (pc.sector[p]! >= 0) employed++;
  }
  return { n, employed };
}

describe('newcomers search for the rest of their arrival month: chance 1 − √(1 − f)', () => {
  it('at f = 0.75 about half the arriving workers hold a job at the end of the month (binomial band)', () => {
    const w = world();
    labourMarket(w, 1);
    w.mig.findRate = 0.75;
    const first = w.persons.size;
    arrivals(w, 1);
    const { n, employed } = newcomers(w, first);
    expect(n).toBeGreaterThan(200);
    const sd = Math.sqrt(n * 0.25);
    expect(Math.abs(employed - 0.5 * n)).toBeLessThan(4 * sd);
  });
  it('at f = 0.19 about a tenth do; with no finding chance none does', () => {
    const w = world();
    labourMarket(w, 1);
    w.mig.findRate = 0.19;
    const first = w.persons.size;
    arrivals(w, 1);
    const { n, employed } = newcomers(w, first);
    expect(Math.abs(employed - 0.1 * n)).toBeLessThan(4 * Math.sqrt(n * 0.09));
    const w0 = world();
    labourMarket(w0, 1);
    w0.mig.findRate = 0;
    const first0 = w0.persons.size;
    arrivals(w0, 1);
    expect(newcomers(w0, first0).employed).toBe(0);
  });
  it('they take only vacancies the month left: with every job filled no newcomer is hired', () => {
    const w = world();
    labourMarket(w, 1);
    for (let k = 0; k < w.jobs.length; k++) w.jobs[k] = w.filled[k]!;
    w.mig.findRate = 0.9;
    const first = w.persons.size;
    arrivals(w, 1);
    const { n, employed } = newcomers(w, first);
    expect(n).toBeGreaterThan(0);
    expect(employed).toBe(0);
    for (let k = 0; k < w.jobs.length; k++) expect(w.filled[k]!).toBeLessThanOrEqual(Math.floor(w.jobs[k]!) + 0);
  });
});

describe('the matching function counts every job seeker of the month', () => {
  it('seekers = the unemployed + those whose job ends this month; f = e·√(V / seekers)', () => {
    const w = world(SHENZHEN, 0.005);
    const pc = w.persons.cols;
    let U = 0;
    let sep = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p] || !pc.active[p]) continue;
      if (pc.sector[p]! < 0) U++;
      else if (pc.jobEnd[p]! <= 1) sep++;
    }
    labourMarket(w, 1);
    expect(sep).toBeGreaterThan(0.5 * U); // Shenzhen's σ = 0.032 a month: separations are as many as the unemployed
    expect(w.mig.seekers).toBe(U + sep);
    expect(w.mig.findRate).toBeCloseTo(Math.min(1, w.mig.matching * Math.sqrt(w.mig.vacancies / w.mig.seekers)), 12);
  });
});

describe('the balanced start keeps the starting unemployment rate (2 seeds, sample 0.002, 12 months)', () => {
  for (const f of [SHENZHEN, TIANJIN]) {
    it(f, () => {
      const l = scenarioWith(f);
      const iu = INDICATORS.findIndex((d) => d.name === 'unemployment_rate');
      for (let r = 0; r < 2; r++) {
        const rec = runReplication(l.scenario, { replication: r, sample: 0.002, months: 12 }).rows;
        const u: number[] = [];
        for (let k = 0; k < rec.month.length; k++) if (rec.indicator[k] === iu && rec.zone[k] === -1) u[rec.month[k]!] = rec.value[k]!;
        const mean = u.slice(1, 13).reduce((a, b) => a + b, 0) / 12;
        // Within a tenth of the census month's rate (Shenzhen fell by a fifth in its first year before).
        expect(Math.abs(mean / u[0]! - 1), `month 0 ${u[0]}, months 1–12 ${mean}`).toBeLessThan(0.1);
      }
    }, 120_000);
  }
});
