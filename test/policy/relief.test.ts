import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { ReliefSchema, ReliefState, capArrivalFactor, relocateJobs, reliefPolicy } from '../../sim/policy/relief.ts';
import { NO_JOB, NS, SECTORS, URBAN_VILLAGE, NONLOCAL_RURAL } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, runSmall, series, SEEDS, tinyWorld } from './helpers.ts';

const params = (o: Record<string, unknown> = {}) => ReliefSchema.parse({ source: 'test', ...o });
const MANUF = SECTORS.indexOf('manufacturing');
const WHOLESALE = SECTORS.indexOf('wholesale_logistics');
const SERVICES = SECTORS.indexOf('services');

describe('relief: the population cap', () => {
  it('arrivals are full below the band, fall linearly to zero at the cap', () => {
    expect(capArrivalFactor(21e6, 23e6, 0.05)).toBe(1);
    expect(capArrivalFactor(22.5e6, 23e6, 0.05)).toBeCloseTo(0.5e6 / (0.05 * 23e6), 12);
    expect(capArrivalFactor(23e6, 23e6, 0.05)).toBe(0);
    expect(capArrivalFactor(24e6, 23e6, 0.05)).toBe(0);
    expect(capArrivalFactor(24e6, 0, 0.05)).toBe(1); // no cap
  });
  it('a cap below the starting population stops arrivals in a small run', () => {
    const sc = chongqingWith({ policies: { relief: { population_cap: 25_000_000, relocation_share_year: 0, source: 'test cap' } } });
    const r = runSmall(sc, { seed: 2, months: 3, sample: 0.0005 });
    expect(series(r, 'arrivals').slice(1)).toEqual([0, 0, 0]);
    const r0 = runSmall(chongqingWith(), { seed: 2, months: 3, sample: 0.0005 });
    expect(series(r0, 'arrivals').slice(1).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('relief: install', () => {
  it('bans the listed sectors in the core zones only, stops core construction and sets the reduce stance', () => {
    const w = tinyWorld(chongqingWith());
    installPolicy(w, reliefPolicy, params({ banned_sectors: ['manufacturing', 'wholesale_logistics'], core_construction_factor: 0 }));
    const core = w.city.zones.findIndex((z) => z.kind === 'core');
    for (let z = 0; z < w.nz; z++) {
      for (let s = 0; s < NS; s++) expect(w.banned[z * NS + s], `${z}/${s}`).toBe(z === core && (s === MANUF || s === WHOLESALE) ? 1 : 0);
      expect(w.levers.constructionFactor[z]).toBe(z === core ? 0 : 1);
      expect(w.levers.zoneStance[z]).toBe(z === core ? 2 : 1);
    }
    expect(w.schedule.names().indexOf('relief')).toBe(w.schedule.names().indexOf('demography') + 1);
  });
  it('an unknown zone id is an error', () => {
    const w = tinyWorld(chongqingWith());
    expect(() => installPolicy(w, reliefPolicy, params({ core_zones: ['centre'] }))).toThrow(/no zone "centre"/);
  });
});

/** A tiny world with `n` hand-made manufacturing workers in the core (zone 0) and a services worker. */
function relocationWorld(n: number) {
  const w = tinyWorld(chongqingWith(), 1e-5, 3);
  const workers: number[] = [];
  for (let i = 0; i < n; i++) {
    const { persons } = addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
    const p = persons[0]!;
    w.persons.cols.active[p] = 1;
    w.jobs[0 * NS + MANUF]! += 1;
    w.takeJob(p, 0, MANUF, 2500 + i, i % 2 === 0);
    workers.push(p);
  }
  const { persons } = addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
  w.jobs[0 * NS + SERVICES]! += 1;
  w.takeJob(persons[0]!, 0, SERVICES, 3000, true);
  return { w, workers, other: persons[0]! };
}
const sectorJobs = (w: World, s: number) => {
  let j = 0;
  for (let z = 0; z < w.nz; z++) j += w.jobs[z * NS + s]!;
  return j;
};

describe('relief: relocation of listed jobs', () => {
  it('with a yearly share of 1 every listed core job moves out in a month; workers follow with their wage and formality', () => {
    const { w, workers, other } = relocationWorld(20);
    const p = params({ banned_sectors: ['manufacturing'], relocation_share_year: 1, leave_city_share: 0, workers_follow: 1 });
    const pc = w.persons.cols;
    const wages = workers.map((q) => pc.wage[q]!);
    const formal = workers.map((q) => pc.formal[q]!);
    const total0 = sectorJobs(w, MANUF);
    const filled0 = w.filled[0 * NS + MANUF]!;
    relocateJobs(w, p, new ReliefState(w, p));
    expect(w.jobs[0 * NS + MANUF]).toBeCloseTo(0, 9);
    expect(w.filled[0 * NS + MANUF]).toBe(0);
    expect(sectorJobs(w, MANUF)).toBeCloseTo(total0, 6); // moved, none lost
    workers.forEach((q, i) => {
      expect(pc.sector[q]).toBe(MANUF);
      expect(pc.jobZone[q]).not.toBe(0);
      expect(pc.wage[q]).toBe(wages[i]);
      expect(pc.formal[q]).toBe(formal[i]);
    });
    let filled = 0;
    for (let z = 1; z < w.nz; z++) filled += w.filled[z * NS + MANUF]!;
    expect(filled).toBeGreaterThanOrEqual(filled0); // the core's workers are now outside it
    expect(pc.jobZone[other]).toBe(0); // services are not on the list
  });
  it('jobs that leave the city take their workers\' jobs with them', () => {
    const { w, workers } = relocationWorld(12);
    const p = params({ banned_sectors: ['manufacturing'], relocation_share_year: 1, leave_city_share: 1 });
    const coreJobs = w.jobs[0 * NS + MANUF]!;
    const total0 = sectorJobs(w, MANUF);
    relocateJobs(w, p, new ReliefState(w, p));
    for (const q of workers) expect(w.persons.cols.sector[q]).toBe(NO_JOB);
    expect(sectorJobs(w, MANUF)).toBeCloseTo(total0 - coreJobs, 6);
  });
  it('at a yearly share of 0.2 about 1 − 0.8^(1/12) of the listed jobs move a month', () => {
    const { w, workers } = relocationWorld(800);
    const p = params({ banned_sectors: ['manufacturing'], relocation_share_year: 0.2, leave_city_share: 0, workers_follow: 1 });
    relocateJobs(w, p, new ReliefState(w, p));
    const moved = workers.filter((q) => w.persons.cols.jobZone[q] !== 0).length / workers.length;
    const m = 1 - Math.pow(0.8, 1 / 12);
    expect(Math.abs(moved - m)).toBeLessThan(4 * Math.sqrt((m * (1 - m)) / workers.length));
  });
});

describe('relief in small runs lowers the core share of residents and of jobs (each seed)', () => {
  const months = 24;
  // The core's population share falls by ~0.003–0.004 in two years; at sample 0.0005 a seed's noise
  // (~0.002) can hide that (seed 2 did once the draws changed), at 0.002 it cannot (6 of 6 seeds, both ways).
  const sample = 0.002;
  const base = chongqingWith();
  const relief = chongqingWith({ policies: { relief: { relocation_share_year: 0.2, source: 'test: Beijing-style relief on Chongqing' } } });
  const coreShare = (r: ReturnType<typeof runSmall>, name: string) => {
    let total = 0;
    for (let z = 0; z < base.city.zones.length; z++) total += series(r, name, z)[months]!;
    return series(r, name, 0)[months]! / total;
  };
  // The population effect is a few thousandths of the core share, about the size of one seed's noise once
  // households choose their zone (location choice, issue 13): it is claimed pooled over the seeds, the jobs per seed.
  const popShares: { base: number; relief: number }[] = [];
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const a = runSmall(base, { seed, months, sample });
      // Banned sectors never grow in the core, at any step of any month.
      const last = new Float64Array(NS);
      const first = new Float64Array(NS);
      const b = runSmall(relief, {
        seed,
        months,
        sample,
        onStart: (w) => {
          for (const s of [MANUF, WHOLESALE]) last[s] = first[s] = w.jobs[0 * NS + s]!;
        },
        onStep: (w, m, step) => {
          for (const s of [MANUF, WHOLESALE]) {
            expect(w.jobs[0 * NS + s]!, `${SECTORS[s]} month ${m} after ${step}`).toBeLessThanOrEqual(last[s]! + 1e-9);
            last[s] = w.jobs[0 * NS + s]!;
          }
        },
      });
      popShares.push({ base: coreShare(a, 'zone_population'), relief: coreShare(b, 'zone_population') });
      expect(coreShare(b, 'zone_jobs')).toBeLessThan(coreShare(a, 'zone_jobs'));
      // Jobs of the listed sectors in the core have fallen over the run (0.2 a year: to about 0.8^2 of the start).
      for (const s of [MANUF, WHOLESALE]) expect(last[s]! / first[s]!).toBeLessThan(0.75);
    });
  }
  it('pooled over the seeds, relief lowers the core share of residents', () => {
    expect(popShares.length).toBe(SEEDS.length);
    const mean = (k: 'base' | 'relief') => popShares.reduce((a, p) => a + p[k], 0) / popShares.length;
    expect(mean('relief')).toBeLessThan(mean('base'));
  });
});
