/**
 * Global sensitivity on the model through `megasim sweep`: a sobol design
 * gives sensitivity.csv and charts, and its arrivals index is dominated by
 * the arrival rate (the parameter that sets arrivals) rather than by the
 * departure hazard; a morris design ranks them the same way; --export salib
 * writes SALib's files and a `samples` design runs SALib's rows back,
 * writing Y files in row order.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSweep } from '../../sim/run/sweep.ts';
import { sweepAndPublish as runSweep } from '../../viz/publish/sweep.ts';
import { exportSalib } from '../../sim/run/salib.ts';

const CITY = resolve('scenarios/cities/shenzhen-2010.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'megasim-gsa-'));

function sweepFile(dir: string, design: string): string {
  const f = join(dir, 'gsa.yaml');
  writeFileSync(
    f,
    `id: gsa
title: arrivals and departures
scenario: ${CITY}
design: ${design}
parameters:
  - path: city.arrivals.base_rate_year
    label: arrival rate
    range: [0.02, 0.2]
  - path: city.departures.base_hazard_month
    label: departure hazard
    range: [0.001, 0.01]
    scale: log
seeds: [7]
months: 12
sample: 0.0002
indicators:
  names: [arrivals, departures]
  at: [horizon]
`,
  );
  return f;
}

const rowsOf = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(','));

describe('sweep design sobol on the model', () => {
  it('writes S1 and ST with intervals; arrivals depend on the arrival rate far more than on the departure hazard', async () => {
    const dir = tmp();
    const r = await runSweep(sweepFile(dir, '{ sobol: { n: 8, bootstrap: 200, seed: 3 } }'), { out: join(dir, 'out'), progress: false });
    expect(r.complete).toBe(true);
    expect(r.ran).toBe(8 * 4);
    const rows = rowsOf(readFileSync(join(dir, 'out', 'sensitivity.csv'), 'utf8'));
    const arr = rows.filter((f) => f[0] === 'arrivals');
    const st = (p: string) => Number(arr.find((f) => f[1] === p)![5]);
    expect(st('city.arrivals.base_rate_year')).toBeGreaterThan(0.5);
    expect(st('city.arrivals.base_rate_year')).toBeGreaterThan(3 * st('city.departures.base_hazard_month'));
    for (const f of arr) expect(Number(f[3])).toBeLessThanOrEqual(Number(f[4])); // lo ≤ hi
    expect(existsSync(join(dir, 'out', 'charts', 'sobol-arrivals.svg'))).toBe(true);
  });
});

describe('sweep design morris on the model', () => {
  it('μ* of arrivals is larger for the arrival rate; one row per parameter and indicator', async () => {
    const dir = tmp();
    const r = await runSweep(sweepFile(dir, '{ morris: { trajectories: 4, levels: 4, seed: 2 } }'), { out: join(dir, 'out'), progress: false });
    expect(r.ran).toBe(4 * 3);
    const rows = rowsOf(readFileSync(join(dir, 'out', 'sensitivity.csv'), 'utf8'));
    expect(rows.length).toBe(4);
    const mu = (ind: string, p: string) => Number(rows.find((f) => f[0] === ind && f[1] === p)![2]);
    expect(mu('arrivals', 'city.arrivals.base_rate_year')).toBeGreaterThan(mu('arrivals', 'city.departures.base_hazard_month'));
    // departures respond to the departure hazard
    expect(mu('departures', 'city.departures.base_hazard_month')).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'out', 'charts', 'morris-departures.svg'))).toBe(true);
  });
});

describe('SALib contract', () => {
  it('--export salib writes params.txt, problem.json and the Saltelli rows; a samples design runs them back in order', async () => {
    const dir = tmp();
    const f = sweepFile(dir, '{ sobol: { n: 4, bootstrap: 10, seed: 3 } }');
    const ex = exportSalib(f, join(dir, 'ex'), false);
    expect(ex.points).toBe(16);
    expect(readFileSync(join(ex.out, 'params.txt'), 'utf8')).toBe('city.arrivals.base_rate_year 0.02 0.2\ncity.departures.base_hazard_month 0.001 0.01\n');
    const problem = JSON.parse(readFileSync(join(ex.out, 'problem.json'), 'utf8'));
    expect(problem).toEqual({ num_vars: 2, names: ['city.arrivals.base_rate_year', 'city.departures.base_hazard_month'], bounds: [[0.02, 0.2], [0.001, 0.01]] });
    const samples = readFileSync(join(ex.out, 'samples.txt'), 'utf8').trim().split('\n');
    expect(samples.length).toBe(16);
    expect(loadSweep(f).points.map((p) => p.join(' '))).toEqual(samples);
    // Take three rows back as a design (as SALib's sampler would write them).
    writeFileSync(join(dir, 'salib-samples.txt'), '# from SALib\n' + samples.slice(0, 3).join('\n') + '\n');
    const g = join(dir, 'back.yaml');
    writeFileSync(g, readFileSync(f, 'utf8').replace(/design: .*/, 'design: { samples: { file: salib-samples.txt } }'));
    const sw = loadSweep(g);
    expect(sw.points.map((p) => p.join(' '))).toEqual(samples.slice(0, 3));
    await runSweep(g, { out: join(dir, 'back'), progress: false });
    const Y = readFileSync(join(dir, 'back', 'salib', 'Y-arrivals.txt'), 'utf8').trim().split('\n');
    expect(Y.length).toBe(3);
    expect(Y.every((y) => Number(y) > 0)).toBe(true);
  });
  it('a samples file with a wrong row is refused naming file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.txt'), '0.05 0.002\n0.05\n');
    const f = sweepFile(dir, '{ samples: { file: s.txt } }');
    expect(() => loadSweep(f)).toThrow(/s\.txt:2: expected 2 numbers/);
  });
});
