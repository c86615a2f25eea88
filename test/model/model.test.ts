import { describe, expect, it } from 'vitest';
import { runReplication, indicatorsCsv } from '../../sim/run/simulate.ts';
import { createWorld } from '../../sim/model/build.ts';
import { zoneResidents } from '../../sim/model/init.ts';
import { HUKOU } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';

const within = (actual: number, expected: number, rel = 0.02) => Math.abs(actual - expected) <= rel * Math.abs(expected);

describe('Chongqing 2010 at month 0 matches the census inputs (sample 0.01)', () => {
  const l = scenarioWith(CHONGQING);
  const city = l.scenario.city;
  const w = createWorld(city, { sample: 0.01, seed: 7, replication: 0, start: l.scenario.start });
  const pc = w.persons.cols;
  const n = w.persons.count;

  it('residents within 2%', () => {
    expect(within(n / 0.01, city.residents_total!)).toBe(true);
  });

  it('hukou composition within 2% (relative; 0.005 absolute for shares under 0.1)', () => {
    const counts = [0, 0, 0, 0];
    for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p]) counts[pc.hukou[p]!]!++;
    HUKOU.forEach((h, i) => {
      const want = city.hukou_shares[h];
      const got = counts[i]! / n;
      if (want >= 0.1) expect(within(got, want), `${h}: ${got} vs ${want}`).toBe(true);
      else expect(Math.abs(got - want), `${h}: ${got} vs ${want}`).toBeLessThan(0.005);
    });
  });

  it('zone shares within 2%', () => {
    const res = zoneResidents(city);
    const total = res.reduce((a, b) => a + b, 0);
    const byZone = new Array(w.nz).fill(0);
    for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p]) byZone[w.households.cols.zone[pc.hh[p]!]!]++;
    res.forEach((r, z) => expect(within(byZone[z] / n, r / total), `zone ${z}`).toBe(true));
  });

  it('age shares within 2%', () => {
    let kids = 0, old = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      const y = pc.ageM[p]! / 12;
      if (y < 15) kids++;
      else if (y >= 65) old++;
    }
    const s = city.age_shares;
    expect(within(kids / n, s.age_0_14)).toBe(true);
    expect(within(old / n, s.age_65_plus)).toBe(true);
    expect(within((n - kids - old) / n, s.age_15_64)).toBe(true);
  });
});

/** Occupancy is consistent both ways: no dwelling with two households, no household in two dwellings. */
export function checkOccupancy(w: World): string | null {
  const hc = w.households.cols;
  const dc = w.dwellings.cols;
  const seen = new Int32Array(w.dwellings.size).fill(-1);
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    const d = hc.dwelling[h]!;
    if (d < 0) continue;
    if (seen[d] !== -1) return `dwelling ${d} holds households ${seen[d]} and ${h}`;
    seen[d] = h;
    if (dc.occupant[d] !== h) return `household ${h} points at dwelling ${d} whose occupant is ${dc.occupant[d]}`;
  }
  for (let d = 0; d < w.dwellings.size; d++) {
    if (!w.dwellings.live[d]) continue;
    const h = dc.occupant[d]!;
    if (h >= 0 && (!w.households.live[h] || hc.dwelling[h] !== d)) return `dwelling ${d} names occupant ${h} who lives elsewhere`;
  }
  return null;
}

describe('a 120-month Chongqing run (sample 0.002)', () => {
  const l = scenarioWith(CHONGQING);
  let world: World | null = null;
  const problems: string[] = [];
  let prev = 0;
  const seen = { births: 0, deaths: 0, arrivals: 0, departures: 0 };
  const r = runReplication(l.scenario, {
    replication: 0,
    seed: 7,
    sample: 0.002,
    months: 120,
    onStart: (w) => {
      world = w;
      prev = w.persons.count;
    },
    onMonth: (m) => {
      const w = world!;
      const f = w.flows;
      const expected = prev + f.births + f.arrivals - f.deaths - f.departures;
      if (w.persons.count !== expected) problems.push(`month ${m}: ${w.persons.count} persons, expected ${expected}`);
      let members = 0;
      for (let h = 0; h < w.households.size; h++) if (w.households.live[h]) members += w.households.cols.size[h]!;
      if (members !== w.persons.count) problems.push(`month ${m}: household sizes add to ${members}, persons ${w.persons.count}`);
      const occ = checkOccupancy(w);
      if (occ) problems.push(`month ${m}: ${occ}`);
      prev = w.persons.count;
      seen.births += f.births;
      seen.deaths += f.deaths;
      seen.arrivals += f.arrivals;
      seen.departures += f.departures;
    },
  });

  it('balances its population every month (births, deaths, arrivals, departures only)', () => {
    expect(problems).toEqual([]);
  });

  it('has every flow active over ten years', () => {
    expect(seen.births).toBeGreaterThan(0);
    expect(seen.deaths).toBeGreaterThan(0);
    expect(seen.arrivals).toBeGreaterThan(0);
    expect(seen.departures).toBeGreaterThan(0);
  });

  it('stays plausible: residents within ±25% of the start, unemployment under 20%', () => {
    const rows = (name: string) => {
      const out: number[] = [];
      const rec = r.rows;
      for (let i = 0; i < rec.month.length; i++) if (rec.zone[i]! < 0 && rec.indicator[i] === idx(name)) out.push(rec.value[i]!);
      return out;
    };
    const res = rows('residents');
    expect(res.length).toBe(121);
    expect(res[120]! / res[0]!).toBeGreaterThan(0.75);
    expect(res[120]! / res[0]!).toBeLessThan(1.25);
    for (const u of rows('unemployment_rate')) expect(u).toBeLessThan(0.2);
  });
});

import { INDICATORS } from '../../sim/model/observe/indicators.ts';
const idx = (name: string) => INDICATORS.findIndex((d) => d.name === name);

describe('determinism', () => {
  const l = scenarioWith(CHONGQING);
  const run = (seed: number, reps = 1) =>
    indicatorsCsv(
      l.scenario,
      Array.from({ length: reps }, (_, r) => runReplication(l.scenario, { replication: r, seed, sample: 0.001, months: 24 })),
    );
  it('same scenario and seed give the same bytes', () => {
    const a = run(5);
    const b = run(5);
    expect(a.csv).toBe(b.csv);
    expect(a.digest).toBe(b.digest);
  });
  it('another seed gives other results; replications differ from each other', () => {
    expect(run(6).digest).not.toBe(run(5).digest);
    const two = run(5, 2).csv.split('\n');
    const r0 = two.filter((x) => x.split(',')[1] === '0').map((x) => x.split(',').slice(2).join(','));
    const r1 = two.filter((x) => x.split(',')[1] === '1').map((x) => x.split(',').slice(2).join(','));
    expect(r0.length).toBe(r1.length);
    expect(r0).not.toEqual(r1);
  });
  it('a replication is the same alone or among others', () => {
    const alone = runReplication(l.scenario, { replication: 1, seed: 5, sample: 0.001, months: 24 });
    const both = [0, 1].map((r) => runReplication(l.scenario, { replication: r, seed: 5, sample: 0.001, months: 24 }));
    expect(Array.from(alone.rows.value)).toEqual(Array.from(both[1]!.rows.value));
  });
});

describe('sample scaling', () => {
  it('reports real-world units whatever the sample', () => {
    const l = scenarioWith(CHONGQING);
    const res = (sample: number) => {
      const r = runReplication(l.scenario, { replication: 0, seed: 3, sample, months: 1 });
      return r.rows.value[0]!; // residents at month 0
    };
    const a = res(0.001);
    const b = res(0.004);
    expect(within(a, 28846170)).toBe(true);
    expect(within(b, 28846170)).toBe(true);
  });
});
