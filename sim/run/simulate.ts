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
import { installPolicies } from '../policy/registry.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { World } from '../model/world.ts';
import { formatNumber } from '../engine/format.ts';
import { Sha256 } from '../engine/digest.ts';
import { csvField } from './csv.ts';

const INDICATOR_INDEX = new Map(INDICATORS.map((d, i) => [d.name, i]));

/** Indicator values of one replication, in recording order (month, then definition order). */
export class Recorder {
  month: number[] = [];
  indicator: number[] = [];
  zone: number[] = [];
  value: number[] = [];
  current = 0;
  add = (name: string, zone: number, value: number): void => {
    const i = INDICATOR_INDEX.get(name);
    if (i === undefined) throw new Error(`unknown indicator ${name}`);
    this.month.push(this.current);
    this.indicator.push(i);
    this.zone.push(zone);
    this.value.push(value);
  };
  get length(): number {
    return this.month.length;
  }
}

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
  /** Called after each month's observation (month 0 included) with the recorder and the index of that month's first row (the explorer's display). */
  onObserved?: (month: number, rec: Recorder, from: number) => void;
}

export interface ReplicationResult {
  replication: number;
  recorder: Recorder;
  world: World;
}

export function runReplication(sc: Scenario, opt: RunOptions): ReplicationResult {
  const seed = opt.seed ?? sc.seed;
  const sample = opt.sample ?? sc.sample;
  const months = opt.months ?? sc.horizon_months;
  const w = createWorld(sc.city, { sample, seed, replication: opt.replication, start: sc.start });
  installPolicies(w, sc.policies as Record<string, unknown>);
  // The pulse of the state the policies left at install (the one month 1 reads), and its census for month 0's indicators.
  pulseStep(w);
  const rec = new Recorder();
  rec.current = 0;
  observe(w, rec.add);
  opt.onObserved?.(0, rec, 0);
  opt.onStart?.(w);
  for (let m = 1; m <= months; m++) {
    w.month = m;
    w.flows.reset();
    w.schedule.runMonth(w, m, w.calendar(m), opt.onStep ? (step) => opt.onStep!(w, m, step) : undefined);
    rec.current = m;
    const from = rec.length;
    observe(w, rec.add);
    opt.onObserved?.(m, rec, from);
    opt.onMonth?.(m, months);
  }
  return { replication: opt.replication, recorder: rec, world: w };
}

export const CSV_HEADER = 'scenario,replication,month,indicator,zone,value\n';

/** The long-form CSV rows of one replication (no header). */
export function recorderCsv(scenarioId: string, zoneIds: readonly string[], r: ReplicationResult): string {
  const rec = r.recorder;
  const id = csvField(scenarioId);
  const zones = zoneIds.map(csvField);
  const parts: string[] = [];
  for (let i = 0; i < rec.length; i++) {
    const z = rec.zone[i]!;
    parts.push(`${id},${r.replication},${rec.month[i]},${INDICATORS[rec.indicator[i]!]!.name},${z < 0 ? 'all' : zones[z]},${formatNumber(rec.value[i]!)}\n`);
  }
  return parts.join('');
}

/** indicators.csv for a set of replications (in replication order) and its SHA-256 digest. */
export function indicatorsCsv(sc: Scenario, results: ReplicationResult[]): { csv: string; digest: string } {
  const zoneIds = sc.city.zones.map((z) => z.id);
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const h = new Sha256();
  let csv = CSV_HEADER;
  h.update(CSV_HEADER);
  for (const r of sorted) {
    const part = recorderCsv(sc.id, zoneIds, r);
    h.update(part);
    csv += part;
  }
  return { csv, digest: h.digestHex() };
}
