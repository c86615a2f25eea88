/**
 * Helpers for the policy tests of housing registration, public rental,
 * cost sharing, land tickets, relief and grids: tiny worlds built from the
 * Chongqing 2010 city with hand-made households added, and small runs of a
 * test-only scenario (Chongqing 2010 with overrides).
 */
import { createWorld } from '../../sim/model/build.ts';
import { runReplication, type ReplicationResult, type RunOptions } from '../../sim/run/simulate.ts';
import { INDICATOR_INDEX } from '../../sim/model/observe/indicators.ts';
import type { World } from '../../sim/model/world.ts';
import type { Scenario } from '../../sim/scenario/schema.ts';
import { CHONGQING } from '../helpers.ts';
import YAML from 'yaml';
import { dirname, relative, resolve } from 'node:path';
import { loadScenario, type Reader } from '../../sim/scenario/load.ts';
import { nodeReader } from '../../sim/scenario/node.ts';

/**
 * A shipped scenario with an override: a test-only scenario file (in memory)
 * that `extends` it, loaded and validated by the loader as a user's file
 * would be. Its own policies stay unless removed with `drop`.
 */
export function scenarioFileWith(file: string, override: Record<string, unknown> = {}, drop: string[] = []): Scenario {
  const base = resolve(file);
  const virtual = resolve(dirname(base), 'test-override.yaml');
  const text = YAML.stringify({ extends: relative(dirname(virtual), base), ...override });
  const reader: Reader = {
    read: (n) => (n === virtual ? { name: 'test-override.yaml', text } : nodeReader.read(n)),
    resolve: nodeReader.resolve,
  };
  const sc = loadScenario(virtual, reader).scenario;
  const pol = sc.policies as Record<string, unknown>;
  for (const k of drop) delete pol[k];
  return sc;
}

/** Chongqing 2010 with an override (see scenarioFileWith). */
export const chongqingWith = (override: Record<string, unknown> = {}, drop: string[] = []): Scenario => scenarioFileWith(CHONGQING, override, drop);

/** A world of the scenario's city at a tiny sample (a few hundred persons), not yet given any policy. */
export function tinyWorld(sc: Scenario, sample = 1e-5, seed = 1): World {
  return createWorld(sc.city, { sample, seed, replication: 0, start: sc.start });
}

export interface MemberSpec {
  ageYears: number;
  hukou: number;
  /** Monthly wage in start-month yuan; omitted = no job. */
  wage?: number;
}

/** Adds a hand-made household living in a new dwelling of this zone and tenure (tenure -1: unhoused). */
export function addHousehold(
  w: World,
  spec: { zone: number; tenure: number; factor?: number; members: MemberSpec[]; savings?: number; landMu?: number; migrant?: boolean },
): { h: number; d: number; persons: number[] } {
  const h = w.newHousehold(spec.zone, 0, spec.migrant ?? true);
  const persons = spec.members.map((m, i) => {
    const p = w.newPerson(h, Math.round(m.ageYears * 12), i % 2, 4, m.hukou, spec.zone);
    if (m.wage !== undefined) {
      w.setActive(p, 1);
      w.takeJob(p, spec.zone, 3, m.wage, true);
    }
    return p;
  });
  let d = -1;
  if (spec.tenure >= 0) {
    d = w.newDwelling(spec.zone, spec.tenure, spec.factor ?? 1);
    w.moveIn(h, d);
  }
  w.households.cols.savings[h] = spec.savings ?? 0;
  w.households.cols.landMu[h] = spec.landMu ?? 0;
  return { h, d, persons };
}

/** One small replication. */
export function runSmall(sc: Scenario, opt: Partial<RunOptions> & { seed: number; months: number; sample: number }): ReplicationResult {
  return runReplication(sc, { replication: 0, ...opt });
}

/** Values of an indicator (zone -1 = city) by month, NaN where absent. */
export function series(r: ReplicationResult, name: string, zone = -1): number[] {
  const rec = r.rows;
  const idx = INDICATOR_INDEX.get(name);
  if (idx === undefined) throw new Error(`no indicator ${name}`);
  const out: number[] = [];
  for (let i = 0; i < rec.month.length; i++) {
    if (rec.indicator[i] !== idx || rec.zone[i] !== zone) continue;
    out[rec.month[i]!] = rec.value[i]!;
  }
  return out;
}

/** Mean of the values of months from..to (inclusive). */
export function meanOver(v: number[], from: number, to: number): number {
  let s = 0;
  let n = 0;
  for (let m = from; m <= to; m++) {
    if (v[m] === undefined || Number.isNaN(v[m])) continue;
    s += v[m]!;
    n++;
  }
  return n > 0 ? s / n : NaN;
}

/** Seeds for across-seed direction checks: 3 by default, 10 with MEGASIM_LONG. */
export const SEEDS = process.env.MEGASIM_LONG ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3];

/**
 * A small linear congruential generator for scrambling hand-made worlds in tests (not the model's streams,
 * so that a scramble draws nothing from them): x ← x × 1103515245 + 12345 mod 2^32, returned as x / 2^32.
 */
export function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
}
