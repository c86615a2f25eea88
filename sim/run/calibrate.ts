/**
 * `megasim calibrate FILE [--out DIR] [--shard K/N] [--resume] [--force]
 * [--workers W]`: ABC-SMC (sim/run/abc.ts) of a scenario's parameters
 * against declared targets.
 *
 * A calibration proceeds in stages: (generation t, batch b). A stage's
 * candidates are fixed by the calibration file and the populations before it
 * (draws from streams "<abc seed>/<t>/abc-batch-<b>" and "…/abc-seeds-<b>"),
 * so any process computes the same candidates. Each candidate's run is
 * written atomically as its own file gen-TTT/batch-BBB/runs/CCCCCC.csv (its
 * statistics, one line per replication and target); everything else —
 * distances, populations, weights, ε, the posterior — is derived from those
 * files alone, so it has the same bytes whoever computes it.
 *
 * `--shard K/N` runs the candidates with index mod N = K of the current
 * stage and then stops if the stage still needs other shards' runs; run
 * again (with --resume) when they are there. Shards can share one folder
 * (a cluster file system) or use their own and be joined with `megasim merge`
 * (then continue from the merged folder). The finished folder is byte for
 * byte the one an unsharded run writes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { loadScenarioFile } from '../scenario/node.ts';
import { canonicalJson, loadResolved, mergeScenario, type Loaded } from '../scenario/load.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { nodeReader } from '../scenario/node.ts';
import { parseYamlData } from '../scenario/yamlData.ts';
import { CalibrationSchema, type CalibrationFile } from '../scenario/calibration.ts';
import { loadTargetsFile } from '../scenario/targetsFile.ts';
import { monthIndex, targetName, type Target } from '../scenario/targets.ts';
import { makeStream } from '../engine/random.ts';
import { sha256 } from '../engine/digest.ts';
import { formatNumber } from '../engine/format.ts';
import { LIMITS } from '../scenario/schema.ts';
import { ENGINE_VERSION } from '../version.ts';
import { csvField } from './csv.ts';
import { writeAtomic } from './files.ts';
import { pointScenario, resolveParameterPath, parseShard, SweepInputError, type PathStep } from './sweep.ts';
import { targetMonths, targetValue, toleranceOf } from './targets.ts';
import { abcDistance, ess, fromInternal, makeKernel, propose, samplePrior, smcWeights, toInternal, weightedQuantile, type Kernel, type Prior } from './abc.ts';

export class CalibrationInputError extends SweepInputError {}

export interface Calibration {
  file: string;
  def: CalibrationFile;
  base: Loaded;
  applyTo: { file: string; loaded: Loaded };
  targets: Target[];
  targetsSource: string;
  priors: Prior[];
  steps: PathStep[][];
  months: number;
  sample: number;
  batch: number;
  hash: string;
}

const shortPath = (p: string) => {
  const r = resolve(p);
  const cwd = process.cwd();
  return r.startsWith(cwd + '/') ? r.slice(cwd.length + 1) : p;
};

export function parseCalibrationText(name: string, text: string): CalibrationFile {
  return parseYamlData(name, text, CalibrationSchema);
}

/** Reads and checks a calibration file, its scenario and its targets. */
export function loadCalibration(file: string): Calibration {
  const full = resolve(file);
  const src = nodeReader.read(full);
  if (!src) throw new ScenarioError([{ file, line: 0, col: 0, path: '', expected: 'an existing calibration file', found: 'no such file' }]);
  const def = parseCalibrationText(file, src.text);
  const dir = dirname(full);
  const base = loadScenarioFile(resolve(dir, def.scenario));
  const applyFile = resolve(dir, def.apply_to ?? def.scenario);
  const applyTo = { file: applyFile, loaded: def.apply_to ? loadScenarioFile(applyFile) : base };
  let targets: Target[];
  let targetsSource: string;
  if (typeof def.targets === 'string') {
    const t = loadTargetsFile(resolve(dir, def.targets));
    targets = t.def.targets;
    targetsSource = `${t.def.id} (${relative(dir, t.file)})`;
  } else {
    targets = def.targets;
    targetsSource = `the targets listed in the calibration file`;
  }
  const start = base.scenario.start;
  const zoneIds = base.scenario.city.zones.map((z) => z.id);
  const lastMonth = Math.max(...targets.map((t) => targetMonths(t, start)[1]));
  const months = def.months ?? Math.max(1, lastMonth);
  for (const t of targets) {
    const [m0, m1] = targetMonths(t, start);
    if (m0 < 0 || m1 > months) throw new CalibrationInputError(`${shortPath(file)}: target ${targetName(t)} falls outside the run (months ${m0}..${m1} of a run of ${months} months from ${start})`);
    if (t.zone !== 'all' && !zoneIds.includes(t.zone)) throw new CalibrationInputError(`${shortPath(file)}: target ${targetName(t)}: no zone "${t.zone}" in ${base.scenario.id} (zones: ${zoneIds.join(', ')})`);
    // Calibrate only on what happened before the start of the scenario the values are for.
    const after = monthIndex(applyTo.loaded.scenario.start, t.date ?? t.window![1]);
    if (after > 0) throw new CalibrationInputError(`${shortPath(file)}: target ${targetName(t)} (${t.date ?? t.window![1]}) is after the start of ${applyTo.loaded.scenario.id} (${applyTo.loaded.scenario.start}): a calibration may use only figures up to the start of the scenario it calibrates`);
    if (t.direction === 'increase' || t.direction === 'decrease') {
      throw new CalibrationInputError(`${shortPath(file)}: target ${targetName(t)}: direction ${t.direction} cannot be calibrated on (it has no value); use at_least / at_most with a value, or a value with a tolerance`);
    }
  }
  const priors = def.parameters.map((p) => p.prior as Prior);
  const steps = def.parameters.map((p) => {
    try {
      return resolveParameterPath(p.path, base.resolved).steps;
    } catch (e) {
      throw new CalibrationInputError(`${shortPath(file)}: ${(e as Error).message}`);
    }
  });
  const dup = def.parameters.find((p, i) => def.parameters.findIndex((q) => q.path === p.path) !== i);
  if (dup) throw new CalibrationInputError(`${shortPath(file)}: parameter path "${dup.path}" is calibrated twice`);
  const sample = def.sample ?? base.scenario.sample;
  const batch = def.abc.batch ?? def.abc.population;
  if (batch * def.replications * def.abc.max_batches > LIMITS.sweepRunsMax * 10) throw new CalibrationInputError(`${shortPath(file)}: batch × replications × max_batches is more than ${LIMITS.sweepRunsMax * 10} runs a generation`);
  const { $schema: _s, ...defNoSchema } = def;
  const hash = sha256(canonicalJson({ engine: ENGINE_VERSION, calibration: defNoSchema, scenario: base.resolved, targets, months, sample }));
  return { file: full, def, base, applyTo, targets, targetsSource, priors, steps, months, sample, batch, hash };
}

// ---- candidates -------------------------------------------------------------------

/** A candidate's parameter values as run (internal → value, rounded to 6 significant digits or to an integer). */
function valuesOf(cal: Calibration, u: readonly number[]): number[] {
  return u.map((x, k) => {
    const v = fromInternal(cal.priors[k]!, x);
    return cal.def.parameters[k]!.integer ? Math.round(v) : Number(v.toPrecision(6));
  });
}

export interface Population {
  /** Internal coordinates of the values as run. */
  u: number[][];
  values: number[][];
  weights: number[];
  distances: number[];
  candidates: { batch: number; candidate: number }[];
}

interface Stage {
  gen: number;
  batch: number;
  /** Parameter values of each candidate, and its model seed. */
  values: number[][];
  seeds: number[];
}

function stageCandidates(cal: Calibration, gen: number, batch: number, prev: Population | null, kernel: Kernel | null): Stage {
  const s = makeStream(cal.def.abc.seed, gen, `abc-batch-${batch}`);
  const ss = makeStream(cal.def.abc.seed, gen, `abc-seeds-${batch}`);
  const values: number[][] = [];
  const seeds: number[] = [];
  for (let c = 0; c < cal.batch; c++) {
    let u: number[];
    if (!prev) u = cal.priors.map((p) => samplePrior(p, s));
    else {
      const x = propose(cal.priors, prev.u, prev.weights, kernel!, s);
      if (!x) throw new CalibrationInputError(`generation ${gen}: no proposal inside the prior's support in 1000 tries (is the prior too narrow?)`);
      u = x;
    }
    values.push(valuesOf(cal, u));
    seeds.push(ss.int(LIMITS.seedMax + 1));
  }
  return { gen, batch, values, seeds };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const stageDir = (out: string, gen: number, batch: number) => join(out, `gen-${pad(gen, 3)}`, `batch-${pad(batch, 3)}`);
export const candidateFile = (c: number) => `${pad(c, 6)}.csv`;

function proposalsCsv(cal: Calibration, st: Stage): string {
  const head = ['candidate', 'model_seed', ...cal.def.parameters.map((p) => csvField(p.path))].join(',') + '\n';
  return head + st.values.map((v, c) => `${c},${st.seeds[c]},${v.map(formatNumber).join(',')}\n`).join('');
}

/** Model statistics of one candidate: one line per (replication, target). */
function candidateCsv(cal: Calibration, stats: number[][]): string {
  let s = 'replication,target,value\n';
  stats.forEach((row, r) => row.forEach((v, k) => (s += `${r},${csvField(targetName(cal.targets[k]!))},${formatNumber(v)}\n`)));
  return s;
}

/** Mean statistics (over replications) read back from a candidate's file. */
function readCandidate(cal: Calibration, text: string): number[] {
  const K = cal.targets.length;
  const sum = new Array<number>(K).fill(0);
  const cnt = new Array<number>(K).fill(0);
  const lines = text.split('\n');
  let k = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const v = Number(lines[i]!.slice(lines[i]!.lastIndexOf(',') + 1));
    const t = k % K;
    k++;
    if (lines[i]!.endsWith(',NaN') || !Number.isFinite(v)) {
      sum[t] = NaN;
      continue;
    }
    sum[t]! += v;
    cnt[t]!++;
  }
  return sum.map((s, t) => (cnt[t]! > 0 ? s / cnt[t]! : NaN));
}

/** Scaled gaps of model statistics from the targets (what the distance combines). */
export function scaledGaps(targets: readonly Target[], stats: readonly number[], startStats?: readonly number[]): number[] {
  return targets.map((t, k) => {
    const m = stats[k]!;
    const tol = toleranceOf(t);
    switch (t.direction) {
      case 'at_most':
        return Math.max(0, m - t.value!) / (Number.isFinite(tol) ? tol : Math.abs(t.value!) || 1);
      case 'at_least':
        return Math.max(0, t.value! - m) / (Number.isFinite(tol) ? tol : Math.abs(t.value!) || 1);
      case 'increase':
      case 'decrease': {
        const s0 = startStats?.[k] ?? NaN;
        const bad = t.direction === 'increase' ? Math.max(0, s0 - m) : Math.max(0, m - s0);
        return bad / (Number.isFinite(tol) ? tol : Math.abs(s0) || 1);
      }
      default:
        return (m - t.value!) / tol;
    }
  });
}

// ---- the run ------------------------------------------------------------------------

export interface CalibrateOptions {
  out?: string;
  shard?: string;
  resume?: boolean;
  force?: boolean;
  workers?: number;
  progress?: boolean;
  /** Do not run the model: only derive what the runs present allow (used by merge). */
  deriveOnly?: boolean;
  onCandidate?: (gen: number, batch: number, c: number) => void;
}

export interface GenerationRecord {
  generation: number;
  epsilon: number;
  batches: number;
  simulated: number;
  accepted: number;
  acceptance_rate: number;
  ess: number;
}

export interface CalibrateResult {
  out: string;
  ran: number;
  complete: boolean;
  /** When not complete: the stage that waits for other shards. */
  waiting?: { gen: number; batch: number; missing: number };
  generations: GenerationRecord[];
  stop?: string;
  /** When complete: what the charts are drawn from (viz/publish/calibrate.ts). */
  charts?: CalibrationCharts;
}

export function calibrationJson(cal: Calibration, out: string): string {
  return (
    JSON.stringify(
      {
        megasim_version: ENGINE_VERSION,
        hash: cal.hash,
        id: cal.def.id,
        title: cal.def.title,
        calibration: cal.def,
        scenario: { id: cal.base.scenario.id, title: cal.base.scenario.title, sha256: cal.base.sha256, resolved: cal.base.resolved },
        file: relative(out, cal.file),
        apply_to: { id: cal.applyTo.loaded.scenario.id, file: relative(out, cal.applyTo.file) },
        targets: cal.targets,
        targets_source: cal.targetsSource,
        months: cal.months,
        sample: cal.sample,
        batch: cal.batch,
      },
      null,
      1,
    ) + '\n'
  );
}

/** Prepares the output folder: new, --resume of the same calibration, or --force. */
function prepareFolder(out: string, cal: Calibration, o: CalibrateOptions): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new CalibrationInputError(`${out} exists and is not a folder`);
  if (readdirSync(out).length === 0) return;
  const cj = join(out, 'calibration.json');
  if (o.resume || o.deriveOnly) {
    if (!existsSync(cj)) throw new CalibrationInputError(`${out} holds files but no calibration.json: not a calibration folder, nothing to resume; choose another --out`);
    let hash = '';
    try {
      hash = (JSON.parse(readFileSync(cj, 'utf8')) as { hash: string }).hash;
    } catch {
      hash = '';
    }
    if (hash !== cal.hash) throw new CalibrationInputError(`${out} holds a different calibration (its calibration.json does not match ${shortPath(cal.file)}); choose another --out, or --force to start over`);
    return;
  }
  if (o.force) {
    if (!existsSync(cj) && readdirSync(out).length > 0) {
      // Only a calibration folder is cleared: never delete files we did not write.
      throw new CalibrationInputError(`${out} holds files but no calibration.json; --force only starts over in a calibration folder; choose another --out`);
    }
    for (const f of readdirSync(out)) if (/^gen-\d+$/.test(f) || f === 'charts') rmSync(join(out, f), { recursive: true, force: true });
    for (const f of ['calibration.json', 'generations.csv', 'posterior.csv', 'posterior-summary.csv', 'calibrated.yaml', 'result.json']) rmSync(join(out, f), { force: true });
    return;
  }
  throw new CalibrationInputError(`${out} already holds files; add --resume to continue that calibration, --force to start over, or choose another --out`);
}

/** Writes `text` unless the file already holds exactly it (a file with other bytes is an error: it was not made by this calibration). */
function writeSame(path: string, text: string): void {
  if (existsSync(path)) {
    if (readFileSync(path, 'utf8') === text) return;
    throw new CalibrationInputError(`${path} holds other content than this calibration derives; the folder was changed by hand or by another version`);
  }
  writeAtomic(path, text);
}

export async function runCalibration(file: string, o: CalibrateOptions): Promise<CalibrateResult> {
  const cal = loadCalibration(file);
  const shard = o.shard ? parseShard(o.shard) : { k: 0, n: 1 };
  const out = resolve(o.out ?? `runs/calibrate-${cal.def.id}`);
  prepareFolder(out, cal, o);
  if (!o.deriveOnly) {
    const { checkRunMemory } = await import('./memory.ts');
    const mem = checkRunMemory(cal.base.scenario.city, { sample: cal.sample, months: cal.months, replications: 1, workers: o.workers ?? 1, policies: cal.base.scenario.policies });
    if (!mem.fits) throw new CalibrationInputError(mem.message);
  }
  mkdirSync(out, { recursive: true });
  writeSame(join(out, 'calibration.json'), calibrationJson(cal, out));
  const N = cal.def.abc.population;
  const workers = Math.max(1, o.workers ?? 1);
  const zoneIds = cal.base.scenario.city.zones.map((z) => z.id);
  const start = cal.base.scenario.start;
  const gens: GenerationRecord[] = [];
  const populations: Population[] = [];
  let ran = 0;
  let prev: Population | null = null;
  let stop = '';
  const { runTasks } = await import('./pool.ts');
  for (let t = 0; t < cal.def.abc.generations; t++) {
    const eps = prev ? weightedQuantile(prev.distances, prev.weights, cal.def.abc.quantile) : Infinity;
    const kernel = prev ? makeKernel(prev.u, prev.weights) : null;
    const acc: { u: number[]; values: number[]; d: number; batch: number; candidate: number }[] = [];
    let simulated = 0;
    let batches = 0;
    for (let b = 0; b < cal.def.abc.max_batches && acc.length < N; b++) {
      const st = stageCandidates(cal, t, b, prev, kernel);
      const dir = stageDir(out, t, b);
      mkdirSync(join(dir, 'runs'), { recursive: true });
      writeSame(join(dir, 'proposals.csv'), proposalsCsv(cal, st));
      const missing = () => st.values.map((_, c) => c).filter((c) => !existsSync(join(dir, 'runs', candidateFile(c))));
      const mine = missing().filter((c) => c % shard.n === shard.k);
      if (!o.deriveOnly) {
        for (let i = 0; i < mine.length; i += workers) {
          const group = mine.slice(i, i + workers);
          const tasks = group.flatMap((c) => {
            const sc = pointScenario(cal.base, cal.steps, st.values[c]!, `generation ${t} batch ${b} candidate ${c}`);
            return Array.from({ length: cal.def.replications }, (_, r) => ({ scenario: sc, seed: st.seeds[c]!, replication: r, sample: cal.sample, months: cal.months, pyramid: false }));
          });
          const payloads = await runTasks(tasks, { workers: Math.min(workers, tasks.length) });
          group.forEach((c, gi) => {
            const stats: number[][] = [];
            for (let r = 0; r < cal.def.replications; r++) {
              const p = payloads[gi * cal.def.replications + r]!;
              stats.push(cal.targets.map((tg) => targetValue(tg, start, zoneIds, p.rows, cal.months)));
            }
            writeAtomic(join(dir, 'runs', candidateFile(c)), candidateCsv(cal, stats));
            ran++;
            o.onCandidate?.(t, b, c);
          });
        }
      }
      const still = missing();
      if (still.length > 0) {
        return { out, ran, complete: false, waiting: { gen: t, batch: b, missing: still.length }, generations: gens };
      }
      batches++;
      for (let c = 0; c < cal.batch; c++) {
        simulated++;
        const stats = readCandidate(cal, readFileSync(join(dir, 'runs', candidateFile(c)), 'utf8'));
        const d = abcDistance(scaledGaps(cal.targets, stats), cal.def.distance.norm);
        if (d <= eps && Number.isFinite(d)) acc.push({ u: st.values[c]!.map((v, k) => toInternal(cal.priors[k]!, v)), values: st.values[c]!, d, batch: b, candidate: c });
      }
    }
    const accepted = acc.length;
    if (accepted < 2) {
      stop = `generation ${t} accepted ${accepted} of ${simulated} candidates (fewer than 2): stopped before it`;
      break;
    }
    const chosen = acc.slice(0, N);
    const u = chosen.map((a) => a.u);
    const weights = prev ? smcWeights(cal.priors, u, prev.u, prev.weights, kernel!) : chosen.map(() => 1 / chosen.length);
    const pop: Population = { u, values: chosen.map((a) => a.values), weights, distances: chosen.map((a) => a.d), candidates: chosen.map((a) => ({ batch: a.batch, candidate: a.candidate })) };
    populations.push(pop);
    writeSame(join(out, `gen-${pad(t, 3)}`, 'population.csv'), populationCsv(cal, pop));
    const rate = accepted / simulated;
    gens.push({ generation: t, epsilon: eps, batches, simulated, accepted, acceptance_rate: rate, ess: ess(weights) });
    prev = pop;
    if (accepted < N) {
      stop = `generation ${t} found ${accepted} of ${N} particles in ${batches} batches (max_batches): stopped`;
      break;
    }
    if (t > 0 && rate < cal.def.abc.min_acceptance) {
      stop = `acceptance rate ${formatNumber(rate)} below min_acceptance ${cal.def.abc.min_acceptance}: stopped`;
      break;
    }
    if (eps <= cal.def.abc.min_epsilon) {
      stop = `ε ${formatNumber(eps)} reached min_epsilon: stopped`;
      break;
    }
  }
  if (!stop) stop = `${gens.length} generations done`;
  if (populations.length === 0) throw new CalibrationInputError(`${shortPath(file)}: ${stop}; widen the priors or the tolerances`);
  const charts = finishCalibration(out, cal, gens, populations, stop);
  return { out, ran, complete: true, generations: gens, stop, charts };
}

export function populationCsv(cal: Calibration, pop: Population): string {
  const head = ['particle', 'batch', 'candidate', ...cal.def.parameters.map((p) => csvField(p.path)), 'distance', 'weight'].join(',') + '\n';
  return head + pop.values.map((v, i) => `${i},${pop.candidates[i]!.batch},${pop.candidates[i]!.candidate},${v.map(formatNumber).join(',')},${formatNumber(pop.distances[i]!)},${formatNumber(pop.weights[i]!)}\n`).join('');
}

/** The calibrated scenario document: extends apply_to, with the posterior medians and sources naming the calibration. */
export function calibratedDoc(cal: Calibration, outDir: string, medians: number[], lo: number[], hi: number[]): { text: string } {
  const over: Record<string, unknown> = {};
  const ap = cal.applyTo.loaded;
  over.id = `${ap.scenario.id}-calibrated`.slice(0, 100);
  over.title = `${ap.scenario.title} (calibrated: ${cal.def.id})`;
  /** Sets a value in the override document, creating blocks (and lists of elements named by id) on the way. */
  const setIn = (steps: PathStep[], value: unknown) => {
    let cur: unknown = over;
    steps.forEach((st, i) => {
      const nxt = steps[i + 1];
      if ('key' in st) {
        const o = cur as Record<string, unknown>;
        if (!nxt) o[st.key] = value;
        else cur = o[st.key] ??= 'id' in nxt ? [] : {};
      } else if ('id' in st) {
        const a = cur as Record<string, unknown>[];
        let el = a.find((x) => x.id === st.id);
        if (!el) a.push((el = { id: st.id }));
        cur = el;
      } else throw new CalibrationInputError('parameter paths with list indices cannot be written into a calibrated scenario (name the element by its id)');
    });
  };
  const note = `calibrated by megasim ${ENGINE_VERSION} calibrate ${cal.def.id} (ABC-SMC on ${cal.targetsSource})`;
  cal.def.parameters.forEach((p, k) => {
    setIn(cal.steps[k]!, medians[k]);
  });
  // Each block holding a calibrated value gets a source naming the calibration (and keeping the old source).
  cal.def.parameters.forEach((p, k) => {
    const steps = cal.steps[k]!;
    const parent = steps.slice(0, -1);
    let old: unknown = ap.resolved;
    for (const st of parent) {
      if (old === null || typeof old !== 'object') break;
      if ('key' in st) old = (old as Record<string, unknown>)[st.key];
      else if ('id' in st) old = (old as Record<string, unknown>[]).find((x) => x.id === st.id);
    }
    const hasSource = old !== null && typeof old === 'object' && typeof (old as Record<string, unknown>).source === 'string';
    if (!hasSource) return;
    const params = cal.def.parameters
      .map((q, j) => ({ q, j }))
      .filter(({ j }) => canonicalJson(cal.steps[j]!.slice(0, -1)) === canonicalJson(parent))
      .map(({ q, j }) => `${q.path.split('.').pop()} = ${formatNumber(medians[j]!)} (posterior median; 5–95% ${formatNumber(lo[j]!)}–${formatNumber(hi[j]!)})`);
    setIn([...parent, { key: 'source' }], `${note}: ${params.join(', ')}. Before: ${(old as Record<string, unknown>).source as string}`);
  });
  over.extends = relative(outDir, cal.applyTo.file);
  // Validate the result: the calibrated scenario must load.
  const { extends: _e, ...rest } = over;
  loadResolved('calibrated.yaml', mergeScenario(ap.resolved, rest) as Record<string, unknown>);
  const body = YAML.stringify({ extends: over.extends, ...rest }, { lineWidth: 0 });
  const header = [
    `# ${note}.`,
    `# Calibration file: ${relative(outDir, cal.file)} (from this folder); scenario run: ${cal.base.scenario.id}; written into: ${ap.scenario.id}.`,
    '# Values: weighted posterior medians (posterior.csv holds the particles and weights).',
  ].join('\n');
  return { text: `${header}\n${body}` };
}


// ---- the finished folder -----------------------------------------------------------
// generations.csv (ε, candidates simulated, accepted, acceptance rate and effective sample size
// per generation), posterior.csv (the last population: values, distance, weight),
// posterior-summary.csv (weighted mean, sd, 5%, median, 95% per parameter), result.json and
// calibrated.yaml; viz/publish/calibrate.ts adds charts/ from what finishCalibration returns.

export interface PosteriorStat {
  path: string;
  mean: number;
  sd: number;
  q05: number;
  median: number;
  q95: number;
}

export function posteriorStats(cal: Calibration, pop: Population): PosteriorStat[] {
  return cal.def.parameters.map((p, k) => {
    const xs = pop.values.map((v) => v[k]!);
    const w = pop.weights;
    const mean = xs.reduce((a, x, i) => a + w[i]! * x, 0);
    const sd = Math.sqrt(xs.reduce((a, x, i) => a + w[i]! * (x - mean) ** 2, 0));
    return { path: p.path, mean, sd, q05: weightedQuantile(xs, w, 0.05), median: weightedQuantile(xs, w, 0.5), q95: weightedQuantile(xs, w, 0.95) };
  });
}

export function priorRange(p: Prior): [number, number] {
  switch (p.kind) {
    case 'uniform':
    case 'log_uniform':
    case 'bounded':
      return [p.low, p.high];
    case 'normal':
      return [p.mean - 3 * p.sd, p.mean + 3 * p.sd];
  }
}

const f = (x: number) => (Number.isFinite(x) ? formatNumber(x) : x > 0 ? 'inf' : '');

export function finishCalibration(out: string, cal: Calibration, gens: GenerationRecord[], pops: Population[], stop: string): CalibrationCharts {
  const last = pops[pops.length - 1]!;
  let g = 'generation,epsilon,batches,simulated,accepted,acceptance_rate,ess\n';
  for (const r of gens) g += `${r.generation},${f(r.epsilon)},${r.batches},${r.simulated},${r.accepted},${f(r.acceptance_rate)},${f(r.ess)}\n`;
  writeAtomic(join(out, 'generations.csv'), g);
  writeAtomic(join(out, 'posterior.csv'), populationCsv(cal, last));
  const stats = posteriorStats(cal, last);
  let s = 'parameter,mean,sd,q05,median,q95\n';
  for (const st of stats) s += `${csvField(st.path)},${f(st.mean)},${f(st.sd)},${f(st.q05)},${f(st.median)},${f(st.q95)}\n`;
  writeAtomic(join(out, 'posterior-summary.csv'), s);
  const doc = calibratedDoc(
    cal,
    out,
    stats.map((x) => x.median),
    stats.map((x) => x.q05),
    stats.map((x) => x.q95),
  );
  writeAtomic(join(out, 'calibrated.yaml'), doc.text);
  const result = {
    megasim_version: ENGINE_VERSION,
    id: cal.def.id,
    hash: cal.hash,
    stop,
    generations: gens.map((r) => ({ ...r, epsilon: Number.isFinite(r.epsilon) ? r.epsilon : null })),
    posterior: stats,
    distance: { norm: cal.def.distance.norm, scale: 'each target gap divided by its tolerance' },
    targets: cal.targets.length,
  };
  writeAtomic(join(out, 'result.json'), JSON.stringify(result, null, 1) + '\n');
  return {
    dir: out,
    id: cal.def.id,
    title: cal.def.title,
    parameters: cal.def.parameters.map((p, k) => ({ path: p.path, label: p.label ?? p.path, log: cal.priors[k]!.kind === 'log_uniform', range: priorRange(cal.priors[k]!) })),
    generations: pops.map((p, t) => ({ values: p.values, weights: p.weights, epsilon: gens[t]!.epsilon })),
    sources: [`megasim ${ENGINE_VERSION} calibrate "${cal.def.id}": ABC-SMC, ${cal.def.abc.population} particles, ${gens.length} generations, sample ${cal.sample}, ${cal.months} months of ${cal.base.scenario.title}`, `targets: ${cal.targetsSource}`],
  };
}

/** What the calibration charts (viz/publish/calibrate.ts) read: each generation's particles and weights, the priors' ranges. */
export interface CalibrationCharts {
  dir: string;
  id: string;
  title: string;
  parameters: { path: string; label: string; log: boolean; range: [number, number] }[];
  generations: { values: number[][]; weights: number[]; epsilon: number }[];
  sources: string[];
}

