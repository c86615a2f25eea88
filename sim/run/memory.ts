/**
 * Memory a run will need, estimated before anything is allocated, and what
 * this machine can give. A run that cannot fit stops with a message that
 * names a sample that would fit, instead of crashing part-way.
 *
 * The estimate (bytes):
 *   tables    = Σ over persons, households, dwellings of capacity × row bytes,
 *               with the capacities createWorld gives (build.ts tableCapacities:
 *               start × 1.15 / 1.25 / 1.2 + 64; a row holds World's columns,
 *               the live flag and the columns the scenario's policies declare,
 *               RunShape.policies: e.g. public_rental's prhWait, a byte a
 *               household) and, when the population may outgrow them before the
 *               horizon, the doubling: a table that fills is copied into one
 *               twice the size, so the old and new columns are held at once
 *               (1.5 × the new capacity at that moment). The population at the
 *               horizon is bounded by growth at the scenario's yearly arrival
 *               rate plus 2% natural growth.
 *   scratch   = per dwelling 4 (vacancy lists)
 *               + per person 4 (free lists, school groups, job seekers).
 *   recorder  = per replication and month, ~(40 + 8 × zones) indicator rows
 *               held as four typed columns (sim/run/rows.ts: 20 bytes,
 *               counted as 32 for the recorder's spare room) and written as
 *               CSV text (~64 bytes, held twice while joined).
 *   base      = 160 MiB for Node, tsx, zod and the scenario.
 * Worlds alive at once = min(workers, replications); each worker thread
 * adds its own 64 MiB base.
 *
 * What the machine can give: the memory the operating system reports as
 * available (os.freemem, i.e. MemAvailable on Linux), capped by a container
 * (cgroup) limit when there is one, or MEGASIM_MEMORY_LIMIT_MB when set; times
 * the safety factor 0.8 (page cache, other processes and the estimate's own
 * error). Typed-array columns live outside the V8 heap, so the heap limit
 * (--max-old-space-size) does not bound them and is not used.
 */
import os from 'node:os';
import { rowBytes } from '../engine/table.ts';
import { DWELLING_SPEC, HOUSEHOLD_SPEC, PERSON_SPEC } from '../model/world.ts';
import { startingAgents, tableCapacities } from '../model/build.ts';
import type { CityParams } from '../model/params.ts';
import { POLICIES } from '../policy/registry.ts';

export const SAFETY_FACTOR = 0.8;
export const BASE_BYTES = 160 * 2 ** 20;
export const WORKER_BASE_BYTES = 64 * 2 ** 20;
/** Natural growth allowed for on top of arrivals when bounding the population at the horizon. */
const NATURAL_GROWTH_YEAR = 0.02;

export interface MemoryEstimate {
  sample: number;
  /** Agents at the start. */
  persons: number;
  households: number;
  dwellings: number;
  /** Bytes of one row of each table (columns plus the live flag). */
  rowBytes: { persons: number; households: number; dwellings: number };
  /** Bytes, by part (for all worlds alive at once). */
  tables: number;
  scratch: number;
  recorder: number;
  base: number;
  total: number;
  /** Table bytes at the start per starting person (one world). */
  bytesPerPerson: number;
}

export interface MemoryBudget {
  /** Bytes the run may use. */
  bytes: number;
  /** How it was found, for the message. */
  source: string;
}

export interface RunShape {
  sample: number;
  months: number;
  replications: number;
  workers?: number;
  /** The scenario's `policies:` block (only its policy names count): their declared columns widen the rows. */
  policies?: Readonly<Record<string, unknown>>;
}

/** Bytes a row of persons and of households gains from the columns the named policies declare (unknown names add none). */
export function policyColumnBytes(policies: Readonly<Record<string, unknown>> | undefined): { persons: number; households: number } {
  const out = { persons: 0, households: 0 };
  for (const name of Object.keys(policies ?? {})) {
    for (const c of POLICIES.get(name)?.columns ?? []) out[c.table] += rowBytes(c.spec) - 1; // the live flag is the table's
  }
  return out;
}

/** Capacity a table of `start` rows ends with, and its peak bytes, if the rows may grow to `peak`. */
function tablePeak(capacity: number, peak: number, row: number): number {
  let cap = capacity;
  let grew = false;
  while (cap < peak) {
    cap *= 2;
    grew = true;
  }
  return (grew ? cap * 1.5 : cap) * row;
}

/** Estimates the memory a run needs (see the file comment for the formula). */
export function estimateRunMemory(city: CityParams, shape: RunShape): MemoryEstimate {
  const a = startingAgents(city, shape.sample);
  const cap = tableCapacities(a);
  const extra = policyColumnBytes(shape.policies);
  const rb = { persons: rowBytes(PERSON_SPEC) + extra.persons, households: rowBytes(HOUSEHOLD_SPEC) + extra.households, dwellings: rowBytes(DWELLING_SPEC) };
  // Growth of the tables: the given arrival rate, or the pre-start trend plus a margin for the pull of jobs (city.migration).
  const inflow = city.arrivals.base_rate_year ?? Math.max(0, city.migration.pre_start_growth_year) + 0.02;
  const growth = Math.pow(1 + inflow + NATURAL_GROWTH_YEAR, shape.months / 12);
  const oneWorldTables =
    tablePeak(cap.persons, a.persons * growth, rb.persons) +
    tablePeak(cap.households, a.households * growth, rb.households) +
    tablePeak(cap.dwellings, a.dwellings * growth, rb.dwellings);
  const oneWorldScratch = (4 * cap.dwellings + 4 * cap.persons) * Math.max(1, growth);
  const worlds = Math.max(1, Math.min(shape.workers ?? 1, shape.replications));
  const rowsPerMonth = 40 + 8 * city.zones.length;
  const recorder = shape.replications * (shape.months + 1) * rowsPerMonth * (32 + 2 * 64);
  const base = BASE_BYTES + (worlds > 1 ? worlds * WORKER_BASE_BYTES : 0);
  const tables = oneWorldTables * worlds;
  const scratch = oneWorldScratch * worlds;
  const startTables = cap.persons * rb.persons + cap.households * rb.households + cap.dwellings * rb.dwellings;
  return {
    sample: shape.sample,
    persons: Math.round(a.persons),
    households: Math.round(a.households),
    dwellings: Math.round(a.dwellings),
    rowBytes: rb,
    tables,
    scratch,
    recorder,
    base,
    total: tables + scratch + recorder + base,
    bytesPerPerson: a.persons > 0 ? startTables / a.persons : 0,
  };
}

/** What this machine can give a run (see the file comment). `env` and `sys` are injectable for tests. */
export function memoryBudget(
  env: Record<string, string | undefined> = process.env,
  sys: { freemem: () => number; totalmem: () => number; constrained?: () => number | undefined } = {
    freemem: os.freemem,
    totalmem: os.totalmem,
    constrained: () => (typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : undefined),
  },
): MemoryBudget {
  const forced = env.MEGASIM_MEMORY_LIMIT_MB;
  if (forced !== undefined && forced.trim() !== '') {
    const mb = Number(forced);
    if (Number.isFinite(mb) && mb > 0) return { bytes: mb * 2 ** 20, source: `MEGASIM_MEMORY_LIMIT_MB=${forced}` };
  }
  const total = sys.totalmem();
  let avail = sys.freemem();
  let source = `${formatBytes(avail)} available of ${formatBytes(total)}`;
  const c = sys.constrained?.();
  if (c !== undefined && c > 0 && c < total && c < avail) {
    avail = c;
    source = `container limit ${formatBytes(c)}`;
  }
  return { bytes: avail * SAFETY_FACTOR, source: `${source}, × ${SAFETY_FACTOR} safety factor` };
}

/** 28846170 → "28,846,170" (no locale). */
function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  return `${Math.round(b / 2 ** 20)} MiB`;
}

/** The largest sample (2 significant digits, rounded down) whose estimate fits the budget; 0 if none does. */
export function sampleThatFits(city: CityParams, shape: RunShape, budget: number): number {
  let lo = 0;
  let hi = shape.sample;
  const fits = (s: number) => estimateRunMemory(city, { ...shape, sample: s }).total <= budget;
  if (!fits(1e-5)) return 0;
  lo = 1e-5;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  const e = Math.floor(Math.log10(lo));
  const unit = Math.pow(10, e - 1);
  const r = Math.floor(lo / unit) * unit;
  return Number(r.toPrecision(2));
}

export interface MemoryCheck {
  fits: boolean;
  estimate: MemoryEstimate;
  budget: MemoryBudget;
  /** The message for a run that does not fit (empty when it fits). */
  message: string;
}

/** Compares a run's estimate with what the machine can give. */
export function checkRunMemory(city: CityParams, shape: RunShape, budget: MemoryBudget = memoryBudget()): MemoryCheck {
  const estimate = estimateRunMemory(city, shape);
  if (estimate.total <= budget.bytes) return { fits: true, estimate, budget, message: '' };
  const s = sampleThatFits(city, shape, budget.bytes);
  const parts = `tables ${formatBytes(estimate.tables)}, scratch ${formatBytes(estimate.scratch)}, indicators ${formatBytes(estimate.recorder)}, base ${formatBytes(estimate.base)}`;
  const who = `${groupDigits(estimate.persons)} persons at sample ${shape.sample}`;
  const advice =
    s > 0
      ? `try --sample ${s} or lower${(shape.workers ?? 1) > 1 ? ', or fewer --workers' : ''}`
      : `no sample fits: free some memory${(shape.workers ?? 1) > 1 ? ' or use fewer --workers' : ''}`;
  const message =
    `this run needs about ${formatBytes(estimate.total)} (${who}: ${parts}), ` +
    `more than this machine can give (${formatBytes(budget.bytes)}: ${budget.source}); ${advice}. ` +
    `Nothing was allocated or written. (Set MEGASIM_MEMORY_LIMIT_MB to override the limit.)`;
  return { fits: false, estimate, budget, message };
}
