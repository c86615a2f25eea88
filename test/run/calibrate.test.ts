/**
 * megasim calibrate (ABC-SMC): on targets made by the model itself from
 * known parameter values, the posterior covers those values and is narrower
 * than the prior; the same file gives the same bytes; a calibration run in
 * two shards (own folders, joined by megasim merge between stages) gives
 * byte for byte the unsharded folder. Plus the ABC arithmetic on hand-made
 * numbers (weights, ESS, quantiles, kernel).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { pointScenario, resolveParameterPath } from '../../sim/run/sweep.ts';
import { targetValue } from '../../sim/run/targets.ts';
import { TargetSchema } from '../../sim/scenario/targets.ts';
import { runCalibration } from '../../sim/run/calibrate.ts';
import { calibrateAndPublish } from '../../viz/publish/calibrate.ts';
import { mergeAndPublish } from '../../viz/publish/sweep.ts';
import { abcDistance, ess, kernelDensity, makeKernel, smcWeights, weightedQuantile, type Prior } from '../../sim/run/abc.ts';

describe('ABC arithmetic', () => {
  it('ESS of equal weights is their number; of one weight 1', () => {
    expect(ess([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 12);
    expect(ess([1, 0, 0])).toBeCloseTo(1, 12);
  });
  it('weighted quantile: the smallest value whose cumulative weight reaches q', () => {
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.5)).toBe(1);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.6)).toBe(2);
  });
  it('distance: root mean square, mean absolute, max of scaled gaps; a NaN gap is infinitely far', () => {
    expect(abcDistance([3, 4], 'l2')).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(abcDistance([3, -4], 'l1')).toBe(3.5);
    expect(abcDistance([3, -4], 'max')).toBe(4);
    expect(abcDistance([1, NaN], 'l2')).toBe(Infinity);
  });
  it('weights: π(θ) / Σ w_j K(θ|θ_j) with the kernel N(0, 2 Σ_w) — a particle far from all parents weighs more', () => {
    const priors: Prior[] = [{ kind: 'uniform', low: -10, high: 10 }];
    const parents = [[0], [1]];
    const pw = [0.5, 0.5];
    const k = makeKernel(parents, pw);
    // weighted (unbiased) variance of {0, 1} with equal weights = 0.25 / (1 − 0.5) = 0.5; kernel variance 1
    expect(kernelDensity(k, [1], [0])).toBeCloseTo(Math.exp(-0.5), 12);
    const w = smcWeights(priors, [[0.5], [3]], parents, pw, k);
    const raw = [0.5, 3].map((x) => 1 / (0.5 * Math.exp(-0.5 * x * x) + 0.5 * Math.exp(-0.5 * (x - 1) ** 2)));
    expect(w[0]).toBeCloseTo(raw[0]! / (raw[0]! + raw[1]!), 12);
    expect(w[1]!).toBeGreaterThan(w[0]!);
  });
});

const CITY = resolve('scenarios/cities/shenzhen-2010.yaml');
const SAMPLE = 0.0002;
const MONTHS = 12;
const TRUE = { arrivals: 0.09, hazard: 0.004 };
const PATHS = ['city.arrivals.base_rate_year', 'city.departures.base_hazard_month'];

function syntheticTargets() {
  const base = loadScenarioFile(CITY);
  const steps = PATHS.map((p) => resolveParameterPath(p, base.resolved).steps);
  const sc = pointScenario(base, steps, [TRUE.arrivals, TRUE.hazard], 'known values');
  const zoneIds = sc.city.zones.map((z) => z.id);
  const defs = ['arrivals', 'departures'].map((indicator) => TargetSchema.parse({ indicator, window: ['2010-12', '2011-11'], value: 0, tolerance: 1, source: 'synthetic [test]' }));
  const seeds = [901, 902, 903, 904];
  const vals = defs.map((t) => seeds.map((s) => targetValue(t, sc.start, zoneIds, runReplication(sc, { replication: 0, seed: s, sample: SAMPLE, months: MONTHS }).rows, MONTHS)));
  return defs.map((t, k) => {
    const xs = vals[k]!;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { indicator: t.indicator, window: ['2010-12', '2011-11'], value: Math.round(mean), tolerance_rel: 0.1, source: 'made by the model at the known values (test)' };
  });
}

let dir = "";
let calFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'megasim-calibrate-'));
  if (process.env.MEGASIM_KEEP) process.stdout.write(`calibration test folder: ${dir}\n`);
  calFile = join(dir, 'synthetic.yaml');
  // The values are for a scenario that starts after the targets' year (a calibration uses only figures up to the start).
  writeFileSync(join(dir, 'later.yaml'), `extends: ${CITY}\nid: shenzhen-later\nstart: "2011-11"\n`);
  const doc = {
    id: 'synthetic',
    title: 'Synthetic: recover known arrival and departure rates',
    scenario: relative(dir, CITY),
    apply_to: 'later.yaml',
    parameters: [
      { path: PATHS[0], label: 'arrivals a year', prior: { kind: 'uniform', low: 0.01, high: 0.3 } },
      { path: PATHS[1], label: 'departure hazard', prior: { kind: 'log_uniform', low: 0.0005, high: 0.03 } },
    ],
    targets: syntheticTargets(),
    distance: { norm: 'l2' },
    abc: { population: 32, generations: 3, quantile: 0.5, max_batches: 6, seed: 5 },
    sample: SAMPLE,
    months: MONTHS,
  };
  writeFileSync(calFile, YAML.stringify(doc));
});

/** Every file under a folder: relative path → bytes. */
function tree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

describe('megasim calibrate on a synthetic target', () => {
  it('the posterior covers the known values and is narrower than the prior', async () => {
    const out = join(dir, 'plain');
    const r = await calibrateAndPublish(calFile, { out, progress: false });
    expect(r.complete).toBe(true);
    expect(r.generations.length).toBe(3);
    const rows = readFileSync(join(out, 'posterior-summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const known = [TRUE.arrivals, TRUE.hazard];
    const prior = [[0.01, 0.3], [0.0005, 0.03]];
    rows.forEach((f, k) => {
      const [q05, q95] = [Number(f[3]), Number(f[5])];
      expect(q05).toBeLessThanOrEqual(known[k]!);
      expect(q95).toBeGreaterThanOrEqual(known[k]!);
      expect(q95 - q05).toBeLessThan(0.6 * (prior[k]![1]! - prior[k]![0]!));
    });
    // ε falls from generation to generation; acceptance and ESS are recorded
    const gens = readFileSync(join(out, 'generations.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(gens[2]![1]!).toBeLessThan(gens[1]![1]!);
    for (const g of gens) {
      expect(g[5]!).toBeGreaterThan(0);
      expect(g[6]!).toBeGreaterThan(1);
    }
    // the calibrated scenario extends the city, carries the medians and names the calibration in its sources
    const cal = readFileSync(join(out, 'calibrated.yaml'), 'utf8');
    expect(cal).toContain('calibrated by megasim');
    const calibrated = loadScenarioFile(join(out, 'calibrated.yaml'));
    expect(calibrated.scenario.city.arrivals.source).toContain('calibrate synthetic');
    expect(calibrated.scenario.city.arrivals.base_rate_year).toBe(Number(rows[0]![4]));
    for (const f of ['pairs.svg', 'marginal-1-city-arrivals-base_rate_year.svg']) expect(existsSync(join(out, 'charts', f))).toBe(true);
  });

  it('sharded in two folders, merged between stages, equals the unsharded folder byte for byte', async () => {
    const plain = join(dir, 'plain');
    const merged = join(dir, 'merged');
    const shards = [join(dir, 's0'), join(dir, 's1')];
    for (let round = 0; round < 40 && !existsSync(join(merged, 'result.json')); round++) {
      for (let k = 0; k < 2; k++) {
        if (existsSync(merged)) {
          rmSync(shards[k]!, { recursive: true, force: true });
          cpSync(merged, shards[k]!, { recursive: true });
        }
        await calibrateAndPublish(calFile, { out: shards[k], shard: `${k}/2`, resume: true, progress: false });
      }
      await mergeAndPublish(shards, merged, true);
    }
    const a = tree(plain);
    const b = tree(merged);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [f, bytes] of a) expect(b.get(f)!.equals(bytes), f).toBe(true);
  });

  it('--resume of a finished calibration runs nothing and changes nothing; a different file is refused', async () => {
    const plain = join(dir, 'plain');
    const before = tree(plain);
    const r = await runCalibration(calFile, { out: plain, resume: true, progress: false });
    expect(r.ran).toBe(0);
    const after = tree(plain);
    for (const [f, bytes] of before) expect(after.get(f)!.equals(bytes), f).toBe(true);
    const other = join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(calFile, 'utf8').replace('seed: 5', 'seed: 6'));
    await expect(runCalibration(other, { out: plain, resume: true, progress: false })).rejects.toThrow(/different calibration/);
    await expect(runCalibration(other, { out: plain, progress: false })).rejects.toThrow(/already holds files/);
  });
});
