/**
 * One measurement of `megasim bench`, run in its own process so that its
 * peak RSS is its own. Started by sim/bench/run.ts as
 *   node --expose-gc --import <tsx loader> sim/bench/child.ts <kind> <json args>
 * and prints one JSON line (the result) on stdout.
 *
 *   boltzmann {n, rounds, steps, seed}: the four Boltzmann versions on n agents,
 *     in interleaved rounds (each round runs each version `steps` steps, the
 *     order rotating from round to round), so that a change of machine load
 *     hits all of them alike; rates are medians over rounds.
 *   model {file, sample, months, seed}: one replication of a scenario.
 *   parallel {file, sample, months, seed, replications, workers}: replications
 *     on a worker pool.
 *
 * Timing uses process.hrtime.bigint(); nothing measured here reaches a model output.
 */
import { makeBoltzmann, BOLTZMANN_KINDS, BandwidthReference, type BoltzmannKind, type BoltzmannModel } from './boltzmann.ts';

const now = (): bigint => process.hrtime.bigint();
const secs = (a: bigint, b: bigint): number => Number(b - a) / 1e9;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

export function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

export interface BoltzmannResult {
  n: number;
  steps: number;
  rounds: number;
  /** Agent-steps per second (median over rounds) by version. */
  rate: Record<BoltzmannKind, number>;
  /** Bytes the version's state took when built (V8 heap + array buffers, after a GC). */
  memory: Record<BoltzmannKind, number>;
  /** Bytes read and written per second by the bandwidth reference. */
  bandwidthBytesPerSec: number;
  /** Engine, hand-written and object versions ended with the same wealth vector; total wealth conserved. */
  identical: boolean;
  conserved: boolean;
  peakRss: number;
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function benchBoltzmann(a: { n: number; rounds: number; steps: number; seed: number }): BoltzmannResult {
  const models = {} as Record<BoltzmannKind, BoltzmannModel>;
  const memory = {} as Record<BoltzmannKind, number>;
  for (const k of BOLTZMANN_KINDS) {
    gc();
    const before = used();
    models[k] = makeBoltzmann(k, a.n, a.seed);
    gc();
    memory[k] = Math.max(0, used() - before);
  }
  // Warm-up: compile each step loop.
  for (const k of BOLTZMANN_KINDS) models[k].step(1);
  const rates: Record<BoltzmannKind, number[]> = { engine: [], hand_written: [], objects: [], bandwidth: [] };
  for (let r = 0; r < a.rounds; r++) {
    // Each round starts with a different version, so none always runs right after the same other.
    const order = BOLTZMANN_KINDS.map((_, i) => BOLTZMANN_KINDS[(i + r) % BOLTZMANN_KINDS.length]!);
    for (const k of order) {
      const t0 = now();
      models[k].step(a.steps);
      const t = secs(t0, now());
      rates[k].push((a.n * a.steps) / t);
    }
  }
  const rate = {} as Record<BoltzmannKind, number>;
  for (const k of BOLTZMANN_KINDS) rate[k] = median(rates[k]);
  const we = models.engine.wealth();
  const wh = models.hand_written.wealth();
  const wo = models.objects.wealth();
  let identical = we.length === wh.length && we.length === wo.length;
  let total = 0;
  for (let i = 0; identical && i < we.length; i++) {
    if (we[i] !== wh[i] || we[i] !== wo[i]) identical = false;
    total += we[i]!;
  }
  const bw = models.bandwidth as BandwidthReference;
  return {
    n: a.n,
    steps: a.steps,
    rounds: a.rounds,
    rate,
    memory,
    bandwidthBytesPerSec: (rate.bandwidth * bw.bytesPerStep()) / a.n,
    identical,
    conserved: identical && total === a.n,
    peakRss: peakRssBytes(),
  };
}

export interface ModelResult {
  file: string;
  scenario: string;
  sample: number;
  months: number;
  personsStart: number;
  personsEnd: number;
  householdsEnd: number;
  dwellingsEnd: number;
  personMonths: number;
  initSeconds: number;
  monthsSeconds: number;
  personMonthsPerSec: number;
  secondsPerYear: number;
  /** Bytes held by the three tables at the end, and per person. */
  tableBytes: number;
  tableBytesPerPerson: number;
  peakRss: number;
  rssPerPerson: number;
  /** The estimate sim/run/memory.ts makes before a run of this shape. */
  estimateBytes: number;
}

export async function benchModel(a: { file: string; sample: number; months: number; seed: number }): Promise<ModelResult> {
  const { loadScenarioFile } = await import('../scenario/node.ts');
  const { runReplication } = await import('../run/simulate.ts');
  const { estimateRunMemory } = await import('../run/memory.ts');
  const loaded = loadScenarioFile(a.file);
  const t0 = now();
  let tStart = t0;
  let world: { persons: { count: number } } | null = null;
  let personsStart = 0;
  let countBefore = 0;
  let personMonths = 0;
  const res = runReplication(loaded.scenario, {
    replication: 0,
    seed: a.seed,
    sample: a.sample,
    months: a.months,
    onStart: (w) => {
      world = w;
      personsStart = countBefore = w.persons.count;
      tStart = now();
    },
    onMonth: () => {
      // The persons alive at the start of a month are that month's person-months.
      personMonths += countBefore;
      countBefore = world!.persons.count;
    },
  });
  const tEnd = now();
  const w = res.world;
  const tableBytes = w.persons.bytes() + w.households.bytes() + w.dwellings.bytes();
  const monthsSeconds = secs(tStart, tEnd);
  const est = estimateRunMemory(loaded.scenario.city, { sample: a.sample, months: a.months, replications: 1, policies: loaded.scenario.policies });
  const peak = peakRssBytes();
  return {
    file: a.file,
    scenario: loaded.scenario.id,
    sample: a.sample,
    months: a.months,
    personsStart,
    personsEnd: w.persons.count,
    householdsEnd: w.households.count,
    dwellingsEnd: w.dwellings.count,
    personMonths,
    initSeconds: secs(t0, tStart),
    monthsSeconds,
    personMonthsPerSec: personMonths / monthsSeconds,
    secondsPerYear: (monthsSeconds * 12) / a.months,
    tableBytes,
    tableBytesPerPerson: tableBytes / w.persons.count,
    peakRss: peak,
    rssPerPerson: peak / w.persons.count,
    estimateBytes: est.total,
  };
}

export interface ParallelResult {
  replications: number;
  sample: number;
  months: number;
  /** Wall seconds by number of workers. */
  seconds: Record<string, number>;
  speedup: number;
  /** The indicator values were the same, byte for byte, on 1 and 2 workers. */
  identical: boolean;
}

export async function benchParallel(a: { file: string; sample: number; months: number; seed: number; replications: number; workers: number[] }): Promise<ParallelResult> {
  const { loadScenarioFile } = await import('../scenario/node.ts');
  const { runTasks } = await import('../run/pool.ts');
  const loaded = loadScenarioFile(a.file);
  const tasks = Array.from({ length: a.replications }, (_, r) => ({ scenario: loaded.scenario, seed: a.seed, replication: r, sample: a.sample, months: a.months, pyramid: false }));
  const seconds: Record<string, number> = {};
  const values: Float64Array[][] = [];
  for (const workers of a.workers) {
    const t0 = now();
    const out = await runTasks(tasks, { workers });
    seconds[String(workers)] = secs(t0, now());
    values.push(out.map((p) => p.rows.value));
  }
  const same = (x: Float64Array[], y: Float64Array[]) =>
    x.length === y.length && x.every((v, i) => v.length === y[i]!.length && Buffer.compare(Buffer.from(v.buffer, v.byteOffset, v.byteLength), Buffer.from(y[i]!.buffer, y[i]!.byteOffset, y[i]!.byteLength)) === 0);
  const first = String(a.workers[0]);
  const last = String(a.workers[a.workers.length - 1]);
  return {
    replications: a.replications,
    sample: a.sample,
    months: a.months,
    seconds,
    speedup: seconds[first]! / seconds[last]!,
    identical: values.every((v) => same(v, values[0]!)),
  };
}

/** Child entry: `child.ts <kind> <json>` prints the result as one JSON line. */
async function main(): Promise<void> {
  const [kind, json] = process.argv.slice(2);
  const args = JSON.parse(json ?? '{}');
  let result: unknown;
  if (kind === 'boltzmann') result = benchBoltzmann(args);
  else if (kind === 'model') result = await benchModel(args);
  else if (kind === 'parallel') result = await benchParallel(args);
  else throw new Error(`bench child: unknown kind ${kind}`);
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.env.MEGASIM_BENCH_CHILD === '1') {
  main().then(
    () => process.exit(0),
    (e: Error) => {
      process.stderr.write(`${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}
