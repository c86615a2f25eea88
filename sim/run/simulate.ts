/**
 * One replication of one scenario, start to horizon: build the world,
 * install the policies, observe month 0, then run the monthly schedule and
 * observe after each month. Browser-safe (no Node imports): the explorer
 * runs this same code in a Web Worker.
 */
import { createWorld } from '../model/build.ts';
import { observe } from '../model/observe/observation.ts';
import { pulseStep } from '../model/observe/pulse.ts';
import { INDICATORS } from '../model/observe/indicators.ts';
import { RowRecorder, sliceRows, type Rows } from './rows.ts';
import { installPolicies } from '../policy/registry.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { World } from '../model/world.ts';
import { formatNumber } from '../engine/format.ts';
import { Sha256 } from '../engine/digest.ts';
import { csvField } from './csv.ts';
import { warmUpFor } from './warmup.ts';

export interface RunOptions {
  replication: number;
  /** Override the scenario's seed, sample and horizon. */
  seed?: number;
  sample?: number;
  months?: number;
  /** Called after each month (progress). */
  onMonth?: (month: number, months: number) => void;
  /** Called after each step of each month (checked mode). */
  onStep?: (w: World, month: number, step: string) => void;
  /** Called once the world is built and policies installed (before month 1). */
  onStart?: (w: World) => void;
  /** Called after each observation (month 0 first) with every row recorded so far (views into the recorder: copy what you keep). */
  onObserved?: (month: number, rows: Rows) => void;
}

/** A replication's recorded values (what outputs are made of once its world is dropped). */
export interface Replication {
  replication: number;
  rows: Rows;
}

/** A replication just run: its rows and the world at the horizon. */
export interface ReplicationResult extends Replication {
  world: World;
}

export function runReplication(sc: Scenario, opt: RunOptions): ReplicationResult {
  const seed = opt.seed ?? sc.seed;
  const sample = opt.sample ?? sc.sample;
  const months = opt.months ?? sc.horizon_months;
  // Before the first large world of the process, a small one warms the compiler (warmup.ts; shares nothing with w).
  warmUpFor(sc, sample, seed);
  const w = createWorld(sc.city, { sample, seed, replication: opt.replication, start: sc.start });
  installPolicies(w, sc.policies as Record<string, unknown>);
  // The pulse of the state the policies left at install (the one month 1 reads), and its census for month 0's indicators.
  pulseStep(w);
  const rec = new RowRecorder(1024);
  rec.month = 0;
  observe(w, rec.add);
  opt.onObserved?.(0, rec.rows());
  opt.onStart?.(w);
  for (let m = 1; m <= months; m++) {
    w.month = m;
    w.flows.reset();
    w.schedule.runMonth(w, m, w.calendar(m), opt.onStep ? (step) => opt.onStep!(w, m, step) : undefined);
    rec.month = m;
    observe(w, rec.add);
    opt.onObserved?.(m, rec.rows());
    opt.onMonth?.(m, months);
  }
  // A copy with buffers of its own, as long as the rows: nothing of the recorder's spare room is kept or transferred.
  return { replication: opt.replication, rows: sliceRows(rec.rows()), world: w };
}

export const CSV_HEADER = 'scenario,replication,month,indicator,zone,value\n';

/** The long-form CSV rows of one replication (no header). */
export function rowsCsv(scenarioId: string, zoneIds: readonly string[], r: Replication): string {
  const rec = r.rows;
  const id = csvField(scenarioId);
  const zones = zoneIds.map(csvField);
  const parts: string[] = [];
  for (let i = 0; i < rec.month.length; i++) {
    const z = rec.zone[i]!;
    parts.push(`${id},${r.replication},${rec.month[i]},${INDICATORS[rec.indicator[i]!]!.name},${z < 0 ? 'all' : zones[z]},${formatNumber(rec.value[i]!)}\n`);
  }
  return parts.join('');
}

/** indicators.csv for a set of replications (in replication order) and its SHA-256 digest. */
export function indicatorsCsv(sc: Scenario, results: readonly Replication[]): { csv: string; digest: string } {
  const zoneIds = sc.city.zones.map((z) => z.id);
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const h = new Sha256();
  let csv = CSV_HEADER;
  h.update(CSV_HEADER);
  for (const r of sorted) {
    const part = rowsCsv(sc.id, zoneIds, r);
    h.update(part);
    csv += part;
  }
  return { csv, digest: h.digestHex() };
}
