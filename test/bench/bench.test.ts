import { describe, expect, it } from 'vitest';
import { BandwidthReference, EngineBoltzmann, HandWrittenBoltzmann, ObjectBoltzmann, wealthGini } from '../../sim/bench/boltzmann.ts';
import { benchBoltzmann, median } from '../../sim/bench/child.ts';
import { benchSettings, formatReport, type BenchReport } from '../../sim/bench/run.ts';

const sum = (w: Int32Array) => w.reduce((a, b) => a + b, 0);

describe('Boltzmann wealth model (bench)', () => {
  it('conserves wealth and never lets it go negative', () => {
    const m = new EngineBoltzmann(5000, 3);
    m.step(40);
    const w = m.wealth();
    expect(sum(w)).toBe(5000);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...w)).toBeGreaterThan(1);
  });

  it('gives the same wealth vector in the engine, hand-written and object versions (same generator, same order)', () => {
    const e = new EngineBoltzmann(3000, 11);
    const h = new HandWrittenBoltzmann(3000, 11);
    const o = new ObjectBoltzmann(3000, 11);
    for (const m of [e, h, o]) m.step(25);
    expect(h.wealth()).toEqual(e.wealth());
    expect(o.wealth()).toEqual(e.wealth());
    // A different seed gives a different history.
    const other = new HandWrittenBoltzmann(3000, 12);
    other.step(25);
    expect(other.wealth()).not.toEqual(e.wealth());
  });

  it('settles into an unequal stationary distribution from perfect equality (Gini ≈ 0.64, as in Mesa\'s tutorial)', () => {
    const m = new HandWrittenBoltzmann(20000, 1);
    expect(wealthGini(m.wealth())).toBe(0);
    m.step(300);
    const g1 = wealthGini(m.wealth());
    m.step(300);
    const g2 = wealthGini(m.wealth());
    expect(g1).toBeGreaterThan(0.55);
    expect(g1).toBeLessThan(0.75);
    expect(Math.abs(g2 - g1)).toBeLessThan(0.02);
  });

  it('the bandwidth reference reads and writes every agent once a step', () => {
    const b = new BandwidthReference(1000);
    b.step(3);
    expect(b.wealth().every((x) => x === 4)).toBe(true);
    expect(b.bytesPerStep()).toBe(9000);
  });

  it('the measurement reports identical, conserved results and positive rates', () => {
    const r = benchBoltzmann({ n: 2000, rounds: 3, steps: 5, seed: 2 });
    expect(r.identical).toBe(true);
    expect(r.conserved).toBe(true);
    for (const k of ['engine', 'hand_written', 'objects', 'bandwidth'] as const) expect(r.rate[k]).toBeGreaterThan(0);
  });

  it('median and settings', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(benchSettings(true).engineSizes).toEqual([1e5, 1e6]);
    expect(benchSettings(false).engineSizes).toEqual([1e5, 1e6, 1e7]);
    expect(benchSettings(false).modelSamples).toEqual([0.01, 0.1, 1]);
  });

  it('formats a report with the ratios and the targets', () => {
    const r: BenchReport = {
      megasim_version: '0', node_version: 'v20', machine: { cpus: 2, cpu_model: 'x', total_memory_bytes: 2 ** 34, platform: 'linux-x64' },
      settings: benchSettings(true),
      engine: [{ n: 1e6, steps: 5, rounds: 5, rate: { engine: 40e6, hand_written: 50e6, objects: 8e6, bandwidth: 400e6 }, memory: { engine: 5e6, hand_written: 4e6, objects: 4e7, bandwidth: 5e6 }, bandwidthBytesPerSec: 3.6e9, identical: true, conserved: true, peakRss: 2e8, ratios: { engine_vs_hand_written: 0.8, engine_vs_objects: 5, engine_vs_bandwidth: 0.1 } }],
      model: [{ sample: 1, skipped: 'too big' }],
      model_growth: [],
      parallel: { skipped: 'no' },
      targets: [{ name: 'engine / hand-written at 10^6', goal: '≥ 0.6', value: 0.8, met: true }],
    };
    const s = formatReport(r);
    expect(s).toContain('0.80');
    expect(s).toContain('skipped: too big');
    expect(s).toMatch(/engine \/ hand-written at 10\^6\s+≥ 0.6\s+0.8\s+yes/);
  });
});

describe('engine table density', () => {
  it('is dense until a row is removed, and again once the freed row is reused', async () => {
    const { Table } = await import('../../sim/engine/table.ts');
    const t = new Table('t', { x: 'i32' }, 4);
    for (let i = 0; i < 5; i++) t.add();
    expect(t.dense).toBe(true);
    t.remove(2);
    expect(t.dense).toBe(false);
    expect(t.add()).toBe(2);
    expect(t.dense).toBe(true);
  });
  it('the engine Boltzmann version gives the same result with holes in its table (live test path)', () => {
    const e = new EngineBoltzmann(2001, 5);
    const h = new HandWrittenBoltzmann(2000, 5);
    // Remove the last row: 2000 live agents, one hole at the end; draws over count = 2000 agents.
    e.agents.remove(2000);
    expect(e.agents.dense).toBe(false);
    e.step(10);
    h.step(10);
    expect(e.wealth().slice(0, 2000)).toEqual(h.wealth());
  });
});

describe('how bench children and worker threads load the code', () => {
  it("use tsx's ESM loader only, never its default export (which also hooks CommonJS and slows the model)", async () => {
    const { tsxExportUrl } = await import('../../sim/run/pool.ts');
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const esm = fileURLToPath(tsxExportUrl('./esm'));
    const api = fileURLToPath(tsxExportUrl('./esm/api'));
    expect(existsSync(esm) && existsSync(api)).toBe(true);
    expect(esm).toMatch(/dist[\\/]esm[\\/]index\.mjs$/);
    expect(api).toMatch(/dist[\\/]esm[\\/]api[\\/]index\.mjs$/);
    // The bench's children, started as the bench starts them: with the './esm' loader (not tsx's default,
    // '.': loader.mjs, which also hooks CommonJS), and they run: a tiny Boltzmann measurement comes back.
    const { childArgs } = await import('../../sim/bench/run.ts');
    const args = childArgs('boltzmann', { n: 200, rounds: 1, steps: 2, seed: 3 });
    expect(args[args.indexOf('--import') + 1]).toBe(tsxExportUrl('./esm'));
    expect(args.join(' ')).not.toMatch(/loader\.mjs/);
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, MEGASIM_BENCH_CHILD: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { identical: boolean; conserved: boolean };
    expect(out.identical).toBe(true);
    expect(out.conserved).toBe(true);
  });
});
