import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { createWorld } from '../../sim/model/build.ts';
import { rowBytes } from '../../sim/engine/table.ts';
import { PERSON_SPEC } from '../../sim/model/world.ts';
import { checkRunMemory, estimateRunMemory, memoryBudget, policyColumnBytes, SAFETY_FACTOR } from '../../sim/run/memory.ts';
import { tableCapacities, startingAgents } from '../../sim/model/build.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import { CHONGQING } from '../helpers.ts';

const cli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });

const city = loadScenarioFile(CHONGQING).scenario.city;

describe('memory estimate', () => {
  it('counts the same table bytes as a freshly built world holds', () => {
    const sample = 0.002;
    const e = estimateRunMemory(city, { sample, months: 1, replications: 1 });
    const w = createWorld(city, { sample, seed: 1, replication: 0, start: '2010-07' });
    const held = [w.persons, w.households, w.dwellings].reduce((s, t) => s + t.capacity * rowBytes(t.spec), 0);
    expect(e.tables).toBe(held);
    expect(e.persons).toBeGreaterThan(0.95 * w.persons.count);
    expect(e.persons).toBeLessThan(1.05 * w.persons.count);
  });

  it("counts the columns the scenario's policies declare: each changes the estimate by exactly its bytes", () => {
    const sample = 0.002;
    const shape = { sample, months: 1, replications: 1 };
    const cap = tableCapacities(startingAgents(city, sample));
    const none = estimateRunMemory(city, shape);
    // public_rental declares prhWait (u8) on households: one byte a household row.
    const prh = estimateRunMemory(city, { ...shape, policies: { public_rental: {} } });
    expect(prh.rowBytes.households).toBe(none.rowBytes.households + 1);
    expect(prh.tables - none.tables).toBe(cap.households);
    expect(prh.rowBytes.persons).toBe(none.rowBytes.persons);
    // With land_tickets too (landOffered, u8): two bytes; a policy without columns (conditions) adds none.
    const both = estimateRunMemory(city, { ...shape, policies: { public_rental: {}, land_tickets: {}, conditions: {} } });
    expect(both.tables - none.tables).toBe(2 * cap.households);
    expect(policyColumnBytes({ conditions: {} })).toEqual({ persons: 0, households: 0 });
  });

  it("equals a built world's table bytes with a scenario's policies installed (chongqing-differentiated)", () => {
    const l = loadScenarioFile('scenarios/policies/chongqing-differentiated.yaml');
    const sample = 0.002;
    const e = estimateRunMemory(l.scenario.city, { sample, months: 1, replications: 1, policies: l.scenario.policies });
    const w = createWorld(l.scenario.city, { sample, seed: 1, replication: 0, start: l.scenario.start });
    const before = w.households.capacity * rowBytes(w.households.spec);
    installPolicies(w, l.scenario.policies as Record<string, unknown>);
    const held = [w.persons, w.households, w.dwellings].reduce((s, t) => s + t.capacity * rowBytes(t.spec), 0);
    // The scenario's policies added columns (public_rental, land_tickets), and the estimate counted them.
    expect(w.households.capacity * rowBytes(w.households.spec)).toBeGreaterThan(before);
    expect(e.tables).toBe(held);
  });

  it('keeps Chongqing at sample 1 under 100 bytes per person and a few GiB in all', () => {
    const e = estimateRunMemory(city, { sample: 1, months: 12, replications: 1 });
    expect(e.persons).toBeGreaterThan(28e6);
    expect(e.bytesPerPerson).toBeLessThan(100);
    expect(e.rowBytes.persons).toBe(rowBytes(PERSON_SPEC));
    expect(e.total).toBeLessThan(4 * 2 ** 30);
  });

  it('budgets for a table doubling when the population may outgrow its headroom', () => {
    const short = estimateRunMemory(city, { sample: 0.01, months: 12, replications: 1 });
    const long = estimateRunMemory(city, { sample: 0.01, months: 600, replications: 1 });
    expect(long.tables).toBeGreaterThan(2 * short.tables);
  });

  it('multiplies the worlds by the workers that hold one at once', () => {
    const one = estimateRunMemory(city, { sample: 0.1, months: 12, replications: 8, workers: 1 });
    const four = estimateRunMemory(city, { sample: 0.1, months: 12, replications: 8, workers: 4 });
    expect(four.tables).toBeCloseTo(4 * one.tables, 0);
  });
});

describe('memory budget', () => {
  const sys = (free: number, total: number, constrained?: number) => ({ freemem: () => free, totalmem: () => total, constrained: () => constrained });
  it('takes available memory times the safety factor', () => {
    const b = memoryBudget({}, sys(8 * 2 ** 30, 16 * 2 ** 30));
    expect(b.bytes).toBe(8 * 2 ** 30 * SAFETY_FACTOR);
  });
  it('is capped by a container limit', () => {
    const b = memoryBudget({}, sys(8 * 2 ** 30, 16 * 2 ** 30, 2 ** 30));
    expect(b.bytes).toBe(2 ** 30 * SAFETY_FACTOR);
    expect(b.source).toContain('container');
  });
  it('ignores the "no limit" value of an unconstrained process', () => {
    const b = memoryBudget({}, sys(8 * 2 ** 30, 16 * 2 ** 30, 2 ** 64));
    expect(b.bytes).toBe(8 * 2 ** 30 * SAFETY_FACTOR);
  });
  it('obeys MEGASIM_MEMORY_LIMIT_MB', () => {
    expect(memoryBudget({ MEGASIM_MEMORY_LIMIT_MB: '300' }, sys(8 * 2 ** 30, 16 * 2 ** 30)).bytes).toBe(300 * 2 ** 20);
  });
  it('suggests a sample that does fit', () => {
    const budget = { bytes: 400 * 2 ** 20, source: 'test' };
    const c = checkRunMemory(city, { sample: 1, months: 12, replications: 1 }, budget);
    expect(c.fits).toBe(false);
    const s = Number(/--sample ([\d.e-]+)/.exec(c.message)?.[1]);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(1);
    expect(checkRunMemory(city, { sample: s, months: 12, replications: 1 }, budget).fits).toBe(true);
    expect(checkRunMemory(city, { sample: s * 1.2, months: 12, replications: 1 }, budget).fits).toBe(false);
  });
});

describe('megasim run that cannot fit', () => {
  it('stops before allocating, with exit 2, a message suggesting a sample, and nothing written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'megasim-mem-')), 'run');
    const r = cli({ MEGASIM_MEMORY_LIMIT_MB: '400' }, 'run', CHONGQING, '--sample', '1', '--months', '12', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/this run needs about [\d.]+ GiB \(28,846,170 persons at sample 1/);
    expect(r.stderr).toMatch(/try --sample 0\.\d+ or lower/);
    expect(r.stderr).toContain('MEGASIM_MEMORY_LIMIT_MB=400');
    expect(existsSync(out)).toBe(false);
    expect(r.stdout).toBe('');
  });
});
