/**
 * Parameter sweeps: `megasim sweep SWEEP_FILE [--shard K/N] [--out DIR]
 * [--resume] [--force] [--workers W]` (docs/cluster.md).
 *
 * A sweep file names a base scenario, parameters as document paths with
 * values (a grid) or ranges (a grid of `steps`, or a Latin hypercube with its
 * own seed and size), seeds, months, sample and the indicators to keep.
 *
 * Design points are enumerated in a fixed order (grid: the first parameter
 * varies slowest; Latin hypercube: the order drawn). Runs are (point, seed)
 * pairs numbered run = point × seeds + seed index. `--shard K/N` takes the
 * runs with run mod N = K. Every finished run is written atomically as its
 * own file `runs/<run>.csv`, so an interrupted sweep continues with
 * `--resume` without redoing finished runs. When a folder holds every run
 * (unsharded, or after `megasim merge`), it also gets `results.csv` (header
 * + the runs' rows in run order) and `summary.csv`, and viz/publish/sweep.ts
 * draws `charts/` from them; the merged folder of shards is byte-identical to
 * the unsharded one. Every folder, a shard's too, gets `results.parquet`
 * (the rows of the runs it holds), and a complete one `summary.parquet`
 * (sim/run/parquet.ts), written when the command ends.
 *
 * Every point uses the same seeds (common random numbers), so differences
 * between points are not blurred by different random histories. A run is
 * replication 0 of its seed: streams "seed/0/name".
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadScenarioFile, shownPath } from '../scenario/node.ts';
import { canonicalJson, loadResolved, type Loaded } from '../scenario/load.ts';
import { LIMITS, type Scenario } from '../scenario/schema.ts';
import { ScenarioError, didYouMean } from '../scenario/errors.ts';
import { readSweepFile, resolveParameterPath, SweepInputError, type ParamValue, type PathStep, type SweepFile, type SweepParameter } from '../scenario/sweepFile.ts';
import { INDICATORS, INDICATOR_BY_NAME, INDICATOR_INDEX, type IndicatorDef } from '../model/observe/indicators.ts';
import { makeStream } from '../engine/random.ts';
import { sha256 } from '../engine/digest.ts';
import { formatNumber } from '../engine/format.ts';
import { ENGINE_VERSION } from '../version.ts';
import { csvField, fmtParam } from './csv.ts';
import { gsaPointCount, gsaPoints, gsaProblem, isMorris, isSamples, isSobol, readSamplesFile } from './sweepDesigns.ts';
import { writeSensitivityData } from './sensitivity.ts';
import { seedList } from '../scenario/seeds.ts';
import { writeAtomic } from './files.ts';
import { checkOutPath, openOutput } from './outFolder.ts';
import { checkRunMemory, memoryBudget } from './memory.ts';
import type { SweepRecord } from './sweepRecord.ts';
import type { Rows } from './rows.ts';
import { summarizeSweep, summaryCsv, type SweepSummary } from './sweepSummary.ts';
import { SWEEP_PARQUET, writeSweepParquet } from './parquet.ts';

/** A sweep ready to run: the file, the base scenario, the design and the output columns. */
export interface Sweep {
  file: string;
  def: SweepFile;
  base: Loaded;
  /** Values of each design point, in parameter order. */
  points: ParamValue[][];
  seeds: number[];
  months: number;
  sample: number;
  /** Months reported (ascending). */
  reportMonths: number[];
  /** Indicators kept, in the file's order. */
  indicators: IndicatorDef[];
  /** Zones kept: -1 (city) first, then zone indices when `zones: true`. */
  zones: number[];
  totalRuns: number;
  /** Hash of everything that determines the results (engine version, scenario, design, seeds, months, sample, indicators). */
  hash: string;
  header: string;
}

/** A copy of `doc` with the value at `steps` set (creating missing blocks). */
export function setAtPath(doc: Record<string, unknown>, steps: PathStep[], value: ParamValue): Record<string, unknown> {
  const root = structuredClone(doc);
  let cur: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i]!;
    const last = i === steps.length - 1;
    if ('key' in st) {
      const o = cur as Record<string, unknown>;
      if (last) o[st.key] = value;
      else {
        if (o[st.key] === undefined || o[st.key] === null || typeof o[st.key] !== 'object') o[st.key] = {};
        cur = o[st.key];
      }
    } else if ('index' in st) {
      const a = cur as unknown[];
      if (last) a[st.index] = value;
      else {
        if (a[st.index] === undefined || typeof a[st.index] !== 'object') a[st.index] = {};
        cur = a[st.index];
      }
    } else {
      const a = cur as Record<string, unknown>[];
      const el = a.find((x) => x.id === st.id)!;
      cur = el;
      if (last) throw new Error('a path cannot end at a list element');
    }
  }
  return root;
}

// The sweep file's reader and its types live in sim/scenario/sweepFile.ts.
export { parseSweepText, resolveParameterPath, SweepInputError, type ParamValue, type PathStep, type SweepFile, type SweepParameter } from '../scenario/sweepFile.ts';

// ---- the design -------------------------------------------------------------------------

/** Rounds a drawn or spaced value to 6 significant digits (what the table shows is what ran). */
const tidy = (x: number, integer: boolean) => (integer ? Math.round(x) : Number(x.toPrecision(6)));

/** Values of a parameter on a grid. */
export function gridValues(p: SweepParameter): ParamValue[] {
  if (p.values) return p.values;
  const [lo, hi] = p.range!;
  const n = p.steps ?? 2;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = n === 1 ? 0 : i / (n - 1);
    const v = p.scale === 'log' ? Math.exp(Math.log(lo) + q * (Math.log(hi) - Math.log(lo))) : lo + q * (hi - lo);
    out.push(tidy(v, p.integer));
  }
  return out;
}

/** Design points: the grid (first parameter slowest) or a Latin hypercube (stream "<seed>/0/latin_hypercube"). */
export function designPoints(def: SweepFile, samples?: number[][]): ParamValue[][] {
  if (isSobol(def.design) || isMorris(def.design)) return gsaPoints(def);
  if (isSamples(def.design)) return samples!.map((r) => r.map((v, j) => (def.parameters[j]!.integer ? Math.round(v) : v)));
  if (def.design === 'grid') {
    const lists = def.parameters.map(gridValues);
    let points: ParamValue[][] = [[]];
    for (const list of lists) points = points.flatMap((pt) => list.map((v) => [...pt, v]));
    return points;
  }
  const { n, seed } = (def.design as { latin_hypercube: { n: number; seed: number } }).latin_hypercube;
  const s = makeStream(seed, 0, 'latin_hypercube');
  const cols = def.parameters.map((p) => {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = s.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    return perm.map((stratum) => {
      const q = (stratum + s.next()) / n;
      if (p.values) return p.values[Math.min(p.values.length - 1, Math.floor(q * p.values.length))]!;
      const [lo, hi] = p.range!;
      const v = p.scale === 'log' ? Math.exp(Math.log(lo) + q * (Math.log(hi) - Math.log(lo))) : lo + q * (hi - lo);
      return tidy(v, p.integer);
    });
  });
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
}

/** Loads a sweep file and its base scenario, checks every parameter path and value, and enumerates the design. */
export function loadSweep(file: string): Sweep {
  const { def } = readSweepFile(file);
  const base = loadScenarioFile(resolve(dirname(file), def.scenario));
  return buildSweep(file, def, base);
}

/** A sweep from its parsed file and loaded base scenario (loadSweep; verify rebuilds one from sweep.json). */
export function buildSweep(file: string, def: SweepFile, base: Loaded): Sweep {
  const unknown = def.indicators.names.filter((n) => !INDICATOR_BY_NAME.has(n));
  if (unknown.length > 0) {
    const guess = didYouMean(unknown[0]!, INDICATORS.map((d) => d.name));
    throw new SweepInputError(`${shownPath(file)}: indicators.names: unknown indicator "${unknown[0]}"${guess ? ` (did you mean "${guess}"?)` : ''}; known: ${INDICATORS.map((d) => d.name).join(', ')}`);
  }
  const paths = def.parameters.map((p) => resolveParameterPath(p.path, base.resolved));
  const dup = def.parameters.find((p, i) => def.parameters.findIndex((q) => q.path === p.path) !== i);
  if (dup) throw new SweepInputError(`${shownPath(file)}: parameter path "${dup.path}" is swept twice`);
  // The size is checked before the points are enumerated (a grid of a million points is refused at once).
  const seeds = seedList(def.seeds);
  const gsa = gsaProblem(def);
  if (gsa) throw new SweepInputError(`${shownPath(file)}: ${gsa}`);
  let samples: number[][] | undefined;
  if (isSamples(def.design)) {
    try {
      samples = readSamplesFile(resolve(dirname(file), def.design.samples.file), def.parameters.length, def.design.samples.file);
    } catch (e) {
      throw new SweepInputError(`${shownPath(file)}: design.samples: ${(e as Error).message}`);
    }
  }
  const nPoints =
    def.design === 'grid'
      ? def.parameters.reduce((n, p) => n * gridValues(p).length, 1)
      : (gsaPointCount(def) ?? (samples ? samples.length : (def.design as { latin_hypercube: { n: number } }).latin_hypercube.n));
  if (nPoints * seeds.length > LIMITS.sweepRunsMax) {
    throw new SweepInputError(`${shownPath(file)}: ${nPoints} points × ${seeds.length} seeds = ${nPoints * seeds.length} runs, more than the limit of ${LIMITS.sweepRunsMax}`);
  }
  const points = designPoints(def, samples);
  const totalRuns = points.length * seeds.length;
  // Each value of each parameter must give a valid scenario (the others at their first value).
  def.parameters.forEach((p, j) => {
    const values = def.design === 'grid' ? gridValues(p) : [...new Set(points.map((pt) => pt[j]!))];
    for (const v of values) {
      const pt = points[0]!.slice();
      pt[j] = v;
      try {
        pointScenario(base, paths.map((x) => x.steps), pt, `${p.path} = ${String(v)}`);
      } catch (e) {
        if (e instanceof ScenarioError) throw new SweepInputError(`${shownPath(file)}: parameter ${p.path} = ${JSON.stringify(v)} does not give a valid scenario: ${e.message}`);
        throw e;
      }
    }
  });
  const months = def.months ?? base.scenario.horizon_months;
  const sample = def.sample ?? base.scenario.sample;
  const rm = new Set<number>();
  if (def.indicators.at.includes('yearly')) for (let m = 12; m <= months; m += 12) rm.add(m);
  if (def.indicators.at.includes('horizon')) rm.add(months);
  const reportMonths = [...rm].sort((a, b) => a - b);
  const indicators = def.indicators.names.map((n) => INDICATOR_BY_NAME.get(n)!);
  const zones = [-1, ...(def.indicators.zones ? base.scenario.city.zones.map((_, i) => i) : [])];
  const { $schema: _s, kind: _k, ...defNoSchema } = def;
  const hash = sha256(
    canonicalJson({ engine: ENGINE_VERSION, sweep: defNoSchema, scenario: base.resolved, points, seeds, months, sample, reportMonths }),
  );
  const header = ['run', 'point', 'seed', ...def.parameters.map((p) => csvField(p.path)), 'month', 'indicator', 'zone', 'value'].join(',') + '\n';
  return { file, def, base, points, seeds, months, sample, reportMonths, indicators, zones, totalRuns, hash, header };
}

/** The scenario of a design point (validated). */
export function pointScenario(base: Loaded, steps: PathStep[][], values: ParamValue[], what: string): Scenario {
  let doc = base.resolved;
  steps.forEach((st, j) => (doc = setAtPath(doc, st, values[j]!)));
  return loadResolved(`${base.files[0] ?? 'scenario'} with ${what}`, doc).scenario;
}

// ---- runs ---------------------------------------------------------------------------------

export interface RunRef {
  run: number;
  point: number;
  seedIndex: number;
  seed: number;
}

export function runRef(sw: Sweep, run: number): RunRef {
  const S = sw.seeds.length;
  const point = Math.floor(run / S);
  return { run, point, seedIndex: run % S, seed: sw.seeds[run % S]! };
}

/** Runs of shard K of N: run mod N = K, ascending. */
export function shardRuns(total: number, shard: { k: number; n: number }): number[] {
  const out: number[] = [];
  for (let r = shard.k; r < total; r += shard.n) out.push(r);
  return out;
}

export function parseShard(s: string): { k: number; n: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) throw new SweepInputError(`--shard expects K/N (e.g. 0/4, K counted from 0), found "${s}"`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k >= n) throw new SweepInputError(`--shard K/N needs 0 ≤ K < N, found ${k}/${n}`);
  return { k, n };
}

/**
 * The kept values of one run, in output order (month, then indicator in the
 * file's order, then zone). Stocks: the value at the month. Flows: the sum
 * over the months since the previous reported month (a year's total for
 * yearly values; the whole run's for the horizon alone). Indicators recorded
 * once a year: the last value recorded in that span. NaN when none. An
 * (indicator, zone) the run never recorded (e.g. the city-wide value of an
 * indicator kept by zone only) has no rows.
 */
export function keptValues(sw: Sweep, rec: Rows): { month: number; indicator: IndicatorDef; zone: number; value: number }[] {
  const nz = sw.base.scenario.city.zones.length;
  const zoneSlot = (z: number) => z + 1;
  const width = nz + 1;
  const idx = sw.indicators.map((d) => INDICATOR_INDEX.get(d.name)!);
  const pos = new Map(idx.map((v, i) => [v, i]));
  const K = sw.indicators.length;
  const out: { month: number; indicator: IndicatorDef; zone: number; value: number }[] = [];
  // Accumulators per (indicator, zone): sum, count, last value, value at the month.
  const sum = new Float64Array(K * width);
  const cnt = new Int32Array(K * width);
  const last = new Float64Array(K * width).fill(NaN);
  const atMonth = new Float64Array(K * width).fill(NaN);
  // (indicator, zone) pairs this run recorded at all: the others (e.g. a city-wide value of an
  // indicator recorded by zone only) get no rows.
  const seen = new Uint8Array(K * width);
  const n = rec.month.length;
  for (let r = 0; r < n; r++) {
    const k = pos.get(rec.indicator[r]!);
    if (k !== undefined) seen[k * width + zoneSlot(rec.zone[r]!)] = 1;
  }
  let prev = 0;
  let i = 0;
  for (const m of sw.reportMonths) {
    sum.fill(0);
    cnt.fill(0);
    last.fill(NaN);
    atMonth.fill(NaN);
    while (i < n && rec.month[i]! <= m) {
      const mm = rec.month[i]!;
      const k = pos.get(rec.indicator[i]!);
      if (k !== undefined && mm > prev) {
        const slot = k * width + zoneSlot(rec.zone[i]!);
        const v = rec.value[i]!;
        sum[slot]! += v;
        cnt[slot]!++;
        last[slot] = v;
        if (mm === m) atMonth[slot] = v;
      }
      i++;
    }
    for (let k = 0; k < K; k++) {
      const def = sw.indicators[k]!;
      for (const z of sw.zones) {
        const slot = k * width + zoneSlot(z);
        let v: number;
        if (def.yearly) v = last[slot]!;
        else if (def.kind === 'flow') v = cnt[slot]! > 0 ? sum[slot]! : NaN;
        else v = atMonth[slot]!;
        if (!seen[slot]) continue;
        out.push({ month: m, indicator: def, zone: z, value: v });
      }
    }
    prev = m;
  }
  return out;
}

/** The CSV rows of one run (no header). */
export function runCsv(sw: Sweep, ref: RunRef, rec: Rows): string {
  const zoneIds = sw.base.scenario.city.zones.map((z) => csvField(z.id));
  const lead = `${ref.run},${ref.point},${ref.seed},${sw.points[ref.point]!.map(fmtParam).join(',')},`;
  let s = '';
  for (const r of keptValues(sw, rec)) s += `${lead}${r.month},${r.indicator.name},${r.zone < 0 ? 'all' : zoneIds[r.zone]},${formatNumber(r.value)}\n`;
  return s;
}

// ---- folders --------------------------------------------------------------------------------

export const RUNS_DIR = 'runs';
const runWidth = (total: number) => Math.max(6, String(total - 1).length);
export const runFileName = (run: number, total: number) => `${String(run).padStart(runWidth(total), '0')}.csv`;

/** The description of a sweep written as sweep.json in every output folder (the same bytes in shards and merged folders). */
export function sweepJson(sw: Sweep): string {
  return (
    JSON.stringify(
      {
        megasim_version: ENGINE_VERSION,
        hash: sw.hash,
        id: sw.def.id,
        title: sw.def.title,
        sweep: sw.def,
        scenario: { id: sw.base.scenario.id, title: sw.base.scenario.title, sha256: sw.base.sha256, resolved: sw.base.resolved },
        parameters: sw.def.parameters.map((p) => ({ path: p.path, label: p.label ?? p.path })),
        points: sw.points,
        seeds: sw.seeds,
        months: sw.months,
        sample: sw.sample,
        report_months: sw.reportMonths,
        indicators: sw.indicators.map((d) => d.name),
        runs: sw.totalRuns,
        header: sw.header.trimEnd(),
      },
      null,
      1,
    ) + '\n'
  );
}

export function readSweepRecord(dir: string): { record: SweepRecord; text: string } {
  const f = join(dir, 'sweep.json');
  if (!existsSync(f)) throw new SweepInputError(`${dir}: no sweep.json (not a sweep output folder)`);
  if (!statSync(f).isFile()) throw new SweepInputError(`${f}: expected a file, found a folder or device`);
  const text = readFileSync(f, 'utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new SweepInputError(`${f}: not valid JSON (${(e as Error).message})`);
  }
  return { record: checkSweepRecord(f, v), text };
}

/** Checks what sweep.json holds before merge, --resume or verify use it (it is input too). */
export function checkSweepRecord(f: string, v: unknown): SweepRecord {
  const bad = (what: string, found: unknown): never => {
    const shown = JSON.stringify(found);
    throw new SweepInputError(`${f}: ${what}, found ${shown === undefined ? 'nothing' : shown.length > 60 ? shown.slice(0, 60) + '…' : shown}`);
  };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad('expected the record of a sweep (a JSON object)', v);
  const r = v as Record<string, unknown>;
  if (typeof r.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.hash)) bad('"hash" must be a SHA-256 in hex', r.hash);
  if (typeof r.runs !== 'number' || !Number.isInteger(r.runs) || r.runs < 1 || r.runs > LIMITS.sweepRunsMax) bad(`"runs" must be a whole number between 1 and ${LIMITS.sweepRunsMax}`, r.runs);
  if (!Array.isArray(r.points) || !r.points.every((p) => Array.isArray(p))) bad('"points" must be a list of design points', r.points);
  if (!Array.isArray(r.seeds) || !r.seeds.every((x) => Number.isInteger(x))) bad('"seeds" must be a list of whole numbers', r.seeds);
  if ((r.points as unknown[]).length * (r.seeds as unknown[]).length !== r.runs) bad(`"runs" must be points × seeds = ${(r.points as unknown[]).length * (r.seeds as unknown[]).length}`, r.runs);
  if (typeof r.header !== 'string' || r.header.includes('\n')) bad('"header" must be the CSV header line', r.header);
  for (const k of ['id', 'title', 'megasim_version'] as const) if (typeof r[k] !== 'string') bad(`"${k}" must be text`, r[k]);
  if (!Array.isArray(r.parameters) || !Array.isArray(r.indicators) || !Array.isArray(r.report_months)) bad('"parameters", "indicators" and "report_months" must be lists', null);
  return v as unknown as SweepRecord;
}

/**
 * The digests of a folder's finished run files: runs/digests.sha256, one
 * line "<sha256>  <file>" (the format of sha256sum) appended after each run
 * file is renamed into place, rewritten in run order when the folder is
 * complete. A run file counts as finished only if its bytes match its line,
 * so a file emptied or cut by hand, or one whose line a kill prevented, is
 * not taken as finished.
 */
export const DIGESTS_FILE = 'digests.sha256';

function readDigests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const f = join(dir, RUNS_DIR, DIGESTS_FILE);
  if (!existsSync(f) || !statSync(f).isFile()) return out;
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\d+\.csv)$/.exec(line);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** Finished and damaged run files of a folder (see DIGESTS_FILE). */
export function runFiles(dir: string): { finished: Map<number, string>; damaged: string[] } {
  const finished = new Map<number, string>();
  const damaged: string[] = [];
  const rd = join(dir, RUNS_DIR);
  if (!existsSync(rd)) return { finished, damaged };
  const digests = readDigests(dir);
  for (const f of readdirSync(rd).sort()) {
    const m = /^(\d+)\.csv$/.exec(f);
    if (!m) continue;
    const p = join(rd, f);
    const want = digests.get(f);
    if (want !== undefined && statSync(p).isFile() && sha256(readFileSync(p)) === want) finished.set(Number(m[1]), p);
    else damaged.push(`${RUNS_DIR}/${f}`);
  }
  return { finished, damaged };
}

/** Finished runs in a folder: run index → file path. */
export function finishedRuns(dir: string): Map<number, string> {
  return runFiles(dir).finished;
}

/** Writes a run file and appends its digest line. */
function writeRunFile(dir: string, name: string, text: string): void {
  writeAtomic(join(dir, RUNS_DIR, name), text);
  appendFileSync(join(dir, RUNS_DIR, DIGESTS_FILE), `${sha256(text)}  ${name}\n`);
}

/** Writes results.csv, summary.csv and runs/digests.sha256 (in run order) for a folder that holds every run; returns the summary (the charts are drawn from it by viz/publish/sweep.ts). */
export function finishSweepFolder(dir: string, record: SweepRecord, files: Map<number, string>): FinishedSweep {
  const parts: string[] = [record.header + '\n'];
  const lines: string[] = [];
  for (let r = 0; r < record.runs; r++) {
    const text = readFileSync(files.get(r)!, 'utf8');
    parts.push(text);
    lines.push(`${sha256(text)}  ${runFileName(r, record.runs)}\n`);
  }
  writeAtomic(join(dir, RUNS_DIR, DIGESTS_FILE), lines.join(''));
  const results = parts.join('');
  writeAtomic(join(dir, 'results.csv'), results);
  const summary = summarizeSweep(record, results);
  writeAtomic(join(dir, 'summary.csv'), summaryCsv(record, summary));
  writeSensitivityData(dir, record, summary);
  return { dir, record, summary };
}

/** A folder that holds every run of its sweep, with results.csv and summary.csv written. */
export interface FinishedSweep {
  dir: string;
  record: SweepRecord;
  summary: SweepSummary;
}

export interface SweepOptions {
  out?: string;
  shard?: string;
  resume?: boolean;
  force?: boolean;
  workers?: number;
  /** Progress bar on a terminal. */
  progress?: boolean;
  /** Called after each finished run (tests use it). */
  onRun?: (run: number) => void;
  /** Draws what a complete folder gets besides its data (charts/), before the folder is committed. */
  publish?: (f: FinishedSweep) => void;
}

export interface SweepResult {
  out: string;
  ran: number;
  skipped: number;
  shardRuns: number;
  complete: boolean;
  /** The finished folder when `complete` (results.csv and summary.csv written). */
  finished: FinishedSweep | null;
}

/** Runs a sweep (or one shard of it) into a folder. */
export async function runSweep(file: string, o: SweepOptions): Promise<SweepResult> {
  const sw = loadSweep(file);
  const shard = o.shard ? parseShard(o.shard) : { k: 0, n: 1 };
  const out = resolve(o.out ?? `runs/sweep-${sw.def.id}${shard.n > 1 ? `-shard-${shard.k}-of-${shard.n}` : ''}`);
  const json = sweepJson(sw);
  checkOutPath(out);
  // Memory first: a sweep refused for memory touches nothing (issue 18).
  checkSweepMemory(sw, Math.max(1, o.workers ?? 1));
  // The folder: new (written in place), --resume of the same sweep (in place), or --force (staged, swapped in when done).
  let staged = false;
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (o.resume) {
      if (!existsSync(join(out, 'sweep.json'))) {
        throw new SweepInputError(`${out} holds files but no sweep.json: it is not a sweep folder, so there is nothing to resume; choose another --out`);
      }
      let prior: SweepRecord | null = null;
      try {
        prior = readSweepRecord(out).record;
      } catch {
        prior = null;
      }
      if (prior === null || prior.hash !== sw.hash) {
        throw new SweepInputError(`${out} holds a different sweep (its sweep.json does not match ${shownPath(file)}); choose another --out, or --force to start over`);
      }
    } else if (o.force) staged = true;
    else throw new SweepInputError(`${out} already holds files; add --resume to continue that sweep, --force to start over, or choose another --out`);
  }
  const target = openOutput(out, { force: staged, direct: !staged });
  try {
    const r = await sweepInto(sw, target.dir, shard, o, json);
    if (r.finished) o.publish?.(r.finished);
    await target.commit();
    // The finished folder is now `out` (a staged folder was renamed there).
    return { out, ...r, finished: r.finished ? { ...r.finished, dir: out } : null };
  } catch (e) {
    target.abandon();
    throw e;
  }
}

/** Runs the sweep's runs of `shard` that `dir` does not hold finished, then finishes the folder when it holds them all. */
async function sweepInto(sw: Sweep, dir: string, shard: { k: number; n: number }, o: SweepOptions, json: string): Promise<Omit<SweepResult, 'out'>> {
  const out = dir;
  mkdirSync(join(out, RUNS_DIR), { recursive: true });
  writeAtomic(join(out, 'sweep.json'), json);
  // The Parquet files are rewritten at the end: until then a resumed folder holds none (never one older than its runs).
  for (const f of SWEEP_PARQUET) rmSync(join(out, f), { force: true });
  const mine = shardRuns(sw.totalRuns, shard);
  const done = finishedRuns(out);
  const todo = mine.filter((r) => !done.has(r));
  const steps = sw.def.parameters.map((p) => resolveParameterPath(p.path, sw.base.resolved).steps);
  const { progressBar } = await import('./progress.ts');
  const bar = progressBar(todo.length, `sweep ${sw.def.id}${shard.n > 1 ? ` ${shard.k}/${shard.n}` : ''}`, o.progress === false ? false : undefined);
  const { runTasks } = await import('./pool.ts');
  const workers = Math.max(1, o.workers ?? 1);
  let ran = 0;
  try {
    for (let b = 0; b < todo.length; b += workers) {
      const batch = todo.slice(b, b + workers).map((r) => runRef(sw, r));
      const tasks = batch.map((ref) => ({
        scenario: pointScenario(sw.base, steps, sw.points[ref.point]!, `point ${ref.point}`),
        seed: ref.seed,
        replication: 0,
        sample: sw.sample,
        months: sw.months,
        pyramid: false,
      }));
      const payloads = await runTasks(tasks, { workers: Math.min(workers, tasks.length) });
      batch.forEach((ref, i) => {
        writeRunFile(out, runFileName(ref.run, sw.totalRuns), runCsv(sw, ref, payloads[i]!.rows));
        ran++;
        o.onRun?.(ref.run);
      });
      bar.update(ran);
    }
  } finally {
    bar.stop();
  }
  const all = finishedRuns(out);
  const complete = all.size === sw.totalRuns && [...Array(sw.totalRuns).keys()].every((r) => all.has(r));
  const record = JSON.parse(json) as SweepRecord;
  const finished = complete ? finishSweepFolder(out, record, all) : null;
  await writeSweepParquet(out, record, all, complete);
  return { ran, skipped: mine.length - todo.length, shardRuns: mine.length, complete, finished };
}
/** At most this many design points are checked one by one for memory; beyond, each value of each parameter (the others at their first value). */
const MEMORY_POINTS_MAX = 1000;

/**
 * The memory estimate of a sweep, per swept point (issue 18): a point whose
 * city (e.g. a swept city.residents_total) needs more memory than this
 * machine can give is refused before anything runs, naming the point.
 * Only parameters under `city.` change the estimate; when none is swept the
 * base scenario is checked alone.
 */
export function checkSweepMemory(sw: Sweep, workers: number): void {
  const shape = { sample: sw.sample, months: sw.months, replications: 1, workers: Math.min(workers, sw.totalRuns), policies: sw.base.scenario.policies };
  const budget = memoryBudget();
  const check = (city: Scenario['city'], what: string) => {
    const mem = checkRunMemory(city, shape, budget);
    if (!mem.fits) throw new SweepInputError(`${shownPath(sw.file)}: ${what}: ${mem.message}`);
  };
  check(sw.base.scenario.city, 'the base scenario');
  const cityParams = sw.def.parameters.map((p, j) => (p.path.startsWith('city.') ? j : -1)).filter((j) => j >= 0);
  if (cityParams.length === 0) return;
  const steps = sw.def.parameters.map((p) => resolveParameterPath(p.path, sw.base.resolved).steps);
  const describe = (pt: ParamValue[]) => sw.def.parameters.map((p, j) => `${p.path} = ${String(pt[j])}`).join(', ');
  if (sw.points.length <= MEMORY_POINTS_MAX) {
    sw.points.forEach((pt, i) => check(pointScenario(sw.base, steps, pt, `point ${i}`).city, `point ${i} (${describe(pt)})`));
    return;
  }
  for (const j of cityParams) {
    for (const v of new Set(sw.points.map((pt) => pt[j]!))) {
      const pt = sw.points[0]!.slice();
      pt[j] = v;
      check(pointScenario(sw.base, steps, pt, `${sw.def.parameters[j]!.path} = ${String(v)}`).city, describe(pt));
    }
  }
}


