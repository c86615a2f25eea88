/**
 * `megasim bench [--quick]`: a fixed, documented benchmark (docs/performance.md).
 *
 *  1. Engine: the Boltzmann wealth model on the engine's column table and
 *     random stream, at 10^5, 10^6 and 10^7 agents (quick: 10^5, 10^6), next
 *     to a hand-written typed-array version and an object-per-agent version of
 *     the same model on the same generator, and a memory-bandwidth reference.
 *  2. Model: Chongqing 2010 at sample 0.01, 0.1 and 1.0 (quick: 0.01, 0.1) for
 *     12 months, each in its own process: person-months per second, seconds
 *     per simulated year, peak RSS, bytes per person, and how time grows with
 *     the population.
 *  3. Parallel: replications on 1 and 2 worker threads, and the speed-up.
 *
 * Every measurement runs in a child process (sim/bench/child.ts), one at a
 * time, so its peak RSS is its own. Prints a table and writes bench.json.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { ENGINE_VERSION } from '../version.ts';
import { loadScenarioFile } from '../scenario/node.ts';
import { checkRunMemory } from '../run/memory.ts';
import { writeAtomic } from '../run/files.ts';
import { tsxExportUrl } from '../run/pool.ts';
import { PACKAGE_ROOT } from '../run/source.ts';
import type { BoltzmannResult, ModelResult, ParallelResult } from './child.ts';

export const BENCH_SCENARIO = 'scenarios/cities/chongqing-2010.yaml';

/** The bench's scenario: --scenario relative to the working folder, else the shipped one, found in the package (so `npx megasim bench` runs from any folder). */
export function benchScenarioFile(scenario?: string): string {
  return scenario !== undefined ? resolve(scenario) : join(PACKAGE_ROOT, BENCH_SCENARIO);
}

export interface BenchSettings {
  quick: boolean;
  engineSizes: number[];
  rounds: number;
  /** Agent-steps per version per round (steps = max(1, this / n)). */
  agentStepsPerRound: number;
  modelSamples: number[];
  months: number;
  seed: number;
  parallel: { sample: number; replications: number; workers: number[] };
}

export function benchSettings(quick: boolean): BenchSettings {
  return quick
    ? { quick, engineSizes: [1e5, 1e6], rounds: 7, agentStepsPerRound: 5e6, modelSamples: [0.01, 0.1], months: 12, seed: 1, parallel: { sample: 0.01, replications: 4, workers: [1, 2] } }
    : { quick, engineSizes: [1e5, 1e6, 1e7], rounds: 7, agentStepsPerRound: 1e7, modelSamples: [0.01, 0.1, 1], months: 12, seed: 1, parallel: { sample: 0.05, replications: 4, workers: [1, 2] } };
}

export interface BenchReport {
  megasim_version: string;
  node_version: string;
  machine: { cpus: number; cpu_model: string; total_memory_bytes: number; platform: string };
  settings: BenchSettings;
  engine: (BoltzmannResult & { ratios: { engine_vs_hand_written: number; engine_vs_objects: number; engine_vs_bandwidth: number } })[];
  model: (ModelResult | { sample: number; skipped: string })[];
  /** Time per person-month growth between consecutive samples: exponent 1 = linear in population. */
  model_growth: { from: number; to: number; persons_ratio: number; time_ratio: number; exponent: number }[];
  parallel: ParallelResult | { skipped: string };
  targets: { name: string; goal: string; value: number | null; met: boolean | null }[];
}

/** Runs one child measurement; resolves with its JSON result, or rejects with its stderr. */
/** The command line of a bench child: Node with tsx's ESM loader only (never its default export, which also hooks CommonJS and slows the model). */
export function childArgs(kind: string, args: unknown): string[] {
  const child = fileURLToPath(new URL('./child.ts', import.meta.url));
  return ['--expose-gc', '--import', tsxExportUrl('./esm'), child, kind, JSON.stringify(args)];
}

function runChild<T>(kind: string, args: unknown): Promise<T> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, childArgs(kind, args), {
      env: { ...process.env, MEGASIM_BENCH_CHILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) res(JSON.parse(line) as T);
      else rej(new Error(`bench ${kind} ${JSON.stringify(args)} failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const M = (x: number) => (x / 1e6).toFixed(1);
const MiB = (b: number) => `${Math.round(b / 2 ** 20)}`;
const pow10 = (n: number) => `10^${Math.round(Math.log10(n))}`;
const pad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const padr = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? padr(c, w[i]!) : pad(c, w[i]!))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

/** Formats the report as the tables `megasim bench` prints (and docs/performance.md quotes). */
export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  out.push(`megasim ${r.megasim_version} bench${r.settings.quick ? ' --quick' : ''} — Node ${r.node_version}, ${r.machine.cpus} × ${r.machine.cpu_model}, ${(r.machine.total_memory_bytes / 2 ** 30).toFixed(1)} GiB`);
  out.push('');
  out.push(`1. Engine: Boltzmann wealth model, million agent-steps/s (median of ${r.settings.rounds} interleaved rounds)`);
  out.push(
    table(
      ['agents', 'engine', 'hand-written', 'objects', 'bandwidth ref', 'engine/hand', 'engine/objects', 'engine/bandwidth', 'bytes/agent engine/hand/objects', 'peak RSS MiB', 'same result'],
      r.engine.map((e) => [
        pow10(e.n),
        M(e.rate.engine),
        M(e.rate.hand_written),
        M(e.rate.objects),
        `${M(e.rate.bandwidth)} (${(e.bandwidthBytesPerSec / 1e9).toFixed(1)} GB/s)`,
        e.ratios.engine_vs_hand_written.toFixed(2),
        e.ratios.engine_vs_objects.toFixed(1),
        e.ratios.engine_vs_bandwidth.toFixed(3),
        `${(e.memory.engine / e.n).toFixed(1)}/${(e.memory.hand_written / e.n).toFixed(1)}/${(e.memory.objects / e.n).toFixed(1)}`,
        MiB(e.peakRss),
        e.identical && e.conserved ? 'yes' : 'NO',
      ]),
    ),
  );
  out.push('');
  out.push(`2. Model: ${BENCH_SCENARIO}, ${r.settings.months} months, one process per sample`);
  out.push(
    table(
      ['sample', 'persons', 'init s', 's / sim. year', 'M person-months/s', 'peak RSS MiB', 'table B/person', 'RSS B/person', 'estimate MiB'],
      r.model.map((m) =>
        'skipped' in m
          ? [String(m.sample), `skipped: ${m.skipped}`, '', '', '', '', '', '', '']
          : [
              String(m.sample),
              String(m.personsEnd),
              m.initSeconds.toFixed(1),
              m.secondsPerYear.toFixed(1),
              M(m.personMonthsPerSec),
              MiB(m.peakRss),
              m.tableBytesPerPerson.toFixed(0),
              m.rssPerPerson.toFixed(0),
              MiB(m.estimateBytes),
            ],
      ),
    ),
  );
  for (const g of r.model_growth) {
    out.push(`   ${g.from} → ${g.to}: ${g.persons_ratio.toFixed(1)}× the persons, ${g.time_ratio.toFixed(1)}× the time per simulated year (exponent ${g.exponent.toFixed(2)}; 1 = linear)`);
  }
  out.push('');
  const p = r.parallel;
  if ('skipped' in p) out.push(`3. Parallel: skipped (${p.skipped})`);
  else {
    out.push(`3. Parallel: ${p.replications} replications at sample ${p.sample}, ${p.months} months`);
    out.push(
      table(
        ['workers', 'wall s', 'speed-up', 'same result'],
        Object.keys(p.seconds).map((k) => [k, p.seconds[k]!.toFixed(1), (p.seconds[Object.keys(p.seconds)[0]!]! / p.seconds[k]!).toFixed(2), p.identical ? 'yes' : 'NO']),
      ),
    );
  }
  out.push('');
  out.push('Targets');
  out.push(table(['target', 'goal', 'measured', 'met'], r.targets.map((t) => [t.name, t.goal, t.value === null ? '—' : String(Number(t.value.toPrecision(3))), t.met === null ? 'not measured' : t.met ? 'yes' : 'no'])));
  return out.join('\n') + '\n';
}

export interface BenchOptions {
  quick: boolean;
  out: string;
  scenario?: string;
  log?: (s: string) => void;
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const st = benchSettings(o.quick);
  const log = o.log ?? (() => {});
  const file = benchScenarioFile(o.scenario);
  const engine: BenchReport['engine'] = [];
  for (const n of st.engineSizes) {
    log(`engine: Boltzmann at ${pow10(n)} agents…`);
    const steps = Math.max(1, Math.round(st.agentStepsPerRound / n));
    const e = await runChild<BoltzmannResult>('boltzmann', { n, rounds: st.rounds, steps, seed: st.seed });
    engine.push({
      ...e,
      ratios: {
        engine_vs_hand_written: e.rate.engine / e.rate.hand_written,
        engine_vs_objects: e.rate.engine / e.rate.objects,
        engine_vs_bandwidth: e.rate.engine / e.rate.bandwidth,
      },
    });
  }
  const model: BenchReport['model'] = [];
  const { city, policies } = loadScenarioFile(file).scenario;
  for (const sample of st.modelSamples) {
    const mem = checkRunMemory(city, { sample, months: st.months, replications: 1, policies });
    if (!mem.fits) {
      model.push({ sample, skipped: mem.message });
      continue;
    }
    log(`model: sample ${sample}…`);
    try {
      model.push(await runChild<ModelResult>('model', { file, sample, months: st.months, seed: st.seed }));
    } catch (e) {
      model.push({ sample, skipped: (e as Error).message });
    }
  }
  const done = model.filter((m): m is ModelResult => !('skipped' in m));
  const model_growth = done.slice(1).map((b, i) => {
    const a = done[i]!;
    const persons_ratio = b.personMonths / a.personMonths;
    const time_ratio = b.monthsSeconds / a.monthsSeconds;
    return { from: a.sample, to: b.sample, persons_ratio, time_ratio, exponent: Math.log(time_ratio) / Math.log(persons_ratio) };
  });
  let parallel: BenchReport['parallel'];
  log(`parallel: ${st.parallel.replications} replications on ${st.parallel.workers.join(' and ')} workers…`);
  try {
    parallel = await runChild<ParallelResult>('parallel', { file, months: st.months, seed: st.seed, ...st.parallel });
  } catch (e) {
    parallel = { skipped: (e as Error).message };
  }
  const at = (n: number) => engine.find((e) => e.n === n);
  const full = done.find((m) => m.sample === 1);
  const biggest = done[done.length - 1];
  const targets: BenchReport['targets'] = [
    { name: 'engine / hand-written at 10^6', goal: '≥ 0.6', value: at(1e6)?.ratios.engine_vs_hand_written ?? null, met: null },
    { name: 'engine at 10^6, M agent-steps/s', goal: '≥ 30', value: at(1e6) ? at(1e6)!.rate.engine / 1e6 : null, met: null },
    { name: 'model at sample 1, M person-months/s', goal: '≥ 10', value: full ? full.personMonthsPerSec / 1e6 : null, met: null },
    { name: 'model at sample 1, s per simulated year', goal: '< 40', value: full ? full.secondsPerYear : null, met: null },
    { name: `table bytes per person (sample ${biggest?.sample ?? '—'})`, goal: '< 100', value: biggest ? biggest.tableBytesPerPerson : null, met: null },
    { name: `peak RSS bytes per person (sample ${biggest?.sample ?? '—'})`, goal: '< 100', value: biggest ? biggest.rssPerPerson : null, met: null },
  ];
  for (const t of targets) {
    if (t.value === null) continue;
    const v = t.value;
    t.met = t.goal.startsWith('≥') ? v >= Number(t.goal.slice(2)) : v < Number(t.goal.slice(2));
  }
  const cpus = os.cpus();
  const report: BenchReport = {
    megasim_version: ENGINE_VERSION,
    node_version: process.version,
    machine: { cpus: cpus.length, cpu_model: cpus[0]?.model.trim() ?? 'unknown', total_memory_bytes: os.totalmem(), platform: `${process.platform}-${process.arch}` },
    settings: st,
    engine,
    model,
    model_growth,
    parallel,
    targets,
  };
  writeAtomic(o.out, JSON.stringify(report, null, 2) + '\n');
  return report;
}
