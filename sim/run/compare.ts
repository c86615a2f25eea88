/**
 * `megasim compare`: several scenarios on the same seeds, in parallel, with
 * statistics across seeds, paired differences against the first scenario,
 * the standard charts and report.html.
 *
 * Members: scenario × seed. Member (scenario, seed S) is replication 0 of
 * seed S — streams "S/0/<name>" — so `megasim run FILE --seed S
 * --replications 1 --sample F --months M` reproduces it byte for byte; its
 * folder runs/<scenario-id>/seed-<S>/ is an ordinary run folder that
 * `megasim verify` accepts.
 *
 * The output folder holds comparison.csv, differences.csv (and their .parquet), charts/*.svg,
 * report.html, runs/… and manifest.json (written last). The manifest's
 * `digest` is the SHA-256 of the lines "<path> <sha256>" of every output
 * except the manifests and report.html (which record versions), in path
 * order. No output depends on `--workers`. This file computes and writes the
 * data; viz/publish/compare.ts adds the charts, report.html and manifest.json.
 */
import { join, resolve } from 'node:path';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { Loaded } from '../scenario/load.ts';
import { loadScenarioFile, shownPath } from '../scenario/node.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { sha256 } from '../engine/digest.ts';
import { ENGINE_VERSION } from '../version.ts';
import { writeAtomic } from './files.ts';
import { InputError } from '../scenario/errors.ts';
import { checkRunMemory } from './memory.ts';
import { runCommand, shellWord } from './commandLine.ts';
import { sourceId, type SourceId } from './source.ts';
import { progressBar } from './progress.ts';
import { buildOutputs, makeManifest, type Manifest } from './runScenario.ts';
import { runTasks } from './pool.ts';
import type { ReplicationPayload, ReplicationTask } from './worker.ts';
import { COMPARE_LIMITS, compareInputKind, loadComparisonFile, type LoadedComparison } from '../scenario/comparisonFile.ts';
import { seedList, type SeedRange } from '../scenario/seeds.ts';
import { comparisonCsv, differences, differencesCsv, statRows, type Difference, type ScenarioRecords, type StatRow } from './stats.ts';
import { formatNumber } from '../engine/format.ts';
import { INDICATORS, type Unit } from '../model/observe/indicators.ts';

const INDICATOR_HEADLINE = INDICATORS.filter((d) => d.headline).map((d) => d.name);

/** Options from the command line (each overrides the comparison file). */
export interface CompareOptions {
  seeds?: SeedRange;
  sample?: number;
  months?: number;
  out?: string;
  /** The report's title (default: the comparison file's, else "Comparison: A vs B…"). */
  title?: string;
  /** The question the comparison answers (default: the comparison file's; for ad-hoc scenario files, none unless they all ask the same). */
  question?: string;
}

/** Everything a comparison needs, checked before anything runs or is written. */
export interface ComparePlan {
  id: string;
  title: string;
  question?: string;
  source?: string;
  comparison: LoadedComparison | null;
  /** Scenario files as named in messages and commands, and their loaded contents, in order. */
  members: { file: string; loaded: Loaded }[];
  seeds: SeedRange;
  sample: number;
  months: number;
  headline: string[];
  out: string;
  /** The one command that repeats the comparison. */
  command: string;
}


const problem = (file: string, path: string, expected: string, found: string) => new ScenarioError([{ file, line: 0, col: 0, path, expected, found }]);

/** Loads and checks every input; throws ScenarioError (exit 2) on any problem. */
export function planCompare(files: readonly string[], o: CompareOptions): ComparePlan {
  if (files.length === 0) throw problem('(command line)', '', 'a comparison file or two or more scenario files', 'none');
  let comparison: LoadedComparison | null = null;
  let paths: string[];
  if (files.length === 1) {
    if (!existsSync(files[0]!)) throw problem(shownPath(files[0]!), '', 'an existing comparison file', 'no such file');
    const kind = compareInputKind(files[0]!);
    if (kind === 'sweep') throw problem(shownPath(files[0]!), '', 'a comparison file (with a scenarios: list) or two or more scenario files', 'a sweep file (run it with megasim sweep)');
    if (kind === 'backtest') throw problem(shownPath(files[0]!), '', 'a comparison file (with a scenarios: list) or two or more scenario files', 'a backtest targets file (run it with megasim backtest)');
    if (kind === 'scenario') {
      // Load it as a scenario first so a broken file gets its own positioned message.
      loadScenarioFile(files[0]!);
      throw problem(shownPath(files[0]!), '', 'a comparison file (with a scenarios: list) or two or more scenario files', 'a single scenario file');
    }
    comparison = loadComparisonFile(files[0]!);
    paths = comparison.scenarioPaths;
  } else {
    if (files.length > COMPARE_LIMITS.scenariosMax) throw problem('(command line)', '', `at most ${COMPARE_LIMITS.scenariosMax} scenario files`, `${files.length}`);
    paths = files.map((f) => resolve(f));
  }
  const members = paths.map((p) => ({ file: shownPath(p), loaded: loadScenarioFile(p) }));
  const first = members[0]!.loaded.scenario;
  members.forEach((m, i) => {
    const sc = m.loaded.scenario;
    const dup = members.findIndex((x) => x.loaded.scenario.id === sc.id);
    if (dup !== i) throw problem(m.file, 'id', `an id different from the other scenarios' (${members[dup]!.file} has it too)`, JSON.stringify(sc.id));
    if (sc.start !== first.start) throw problem(m.file, 'start', `the same start month as ${members[0]!.file} ("${first.start}")`, JSON.stringify(sc.start));
  });
  const c = comparison?.comparison;
  const seeds = o.seeds ?? c?.seeds ?? { from: 1, to: 10 };
  const sample = o.sample ?? c?.sample ?? first.sample;
  const months = o.months ?? c?.months ?? first.horizon_months;
  const ids = members.map((m) => m.loaded.scenario.id);
  const id = c?.id ?? `compare-${ids.join('-vs-')}`.slice(0, 100);
  const out = resolve(o.out ?? `runs/${id}`);
  const inputs = comparison ? [comparison.file] : members.map((m) => m.file);
  const title = o.title ?? c?.title ?? `Comparison: ${members.map((m) => m.loaded.scenario.title).join(' vs ')}`;
  // An ad-hoc comparison has no question of its own: the first scenario's is its subtitle only when every scenario asks it.
  const shared = members.every((m) => m.loaded.scenario.question === first.question) ? first.question : undefined;
  const question = o.question ?? c?.question ?? shared;
  const texts = [...(o.title !== undefined ? ['--title', o.title] : []), ...(o.question !== undefined ? ['--question', o.question] : [])];
  const command = `npx megasim compare ${inputs.map(shellWord).join(' ')} --seeds ${seeds.from}..${seeds.to} --sample ${sample} --months ${months}${texts.map((t) => ` ${shellWord(t)}`).join('')}`;
  return {
    id,
    title,
    question,
    source: c?.source,
    comparison,
    members,
    seeds,
    sample,
    months,
    headline: c?.headline ?? INDICATOR_HEADLINE,
    out,
    command,
  };
}


export interface CompareResult {
  /** payloads[i][k]: scenario i, seed from+k. */
  payloads: ReplicationPayload[][];
  stats: StatRow[];
  diffs: Difference[];
}

/** Runs every member (scenario × seed) on `workers` threads and computes the statistics. */
export async function runCompare(plan: ComparePlan, workers: number, progress = true): Promise<CompareResult> {
  const seeds = seedList(plan.seeds);
  const tasks: ReplicationTask[] = [];
  for (const m of plan.members) {
    for (const seed of seeds) tasks.push({ scenario: m.loaded.scenario, seed, replication: 0, sample: plan.sample, months: plan.months, pyramid: true });
  }
  const bar = progressBar(tasks.length * plan.months, plan.id, progress ? undefined : false);
  let flat: ReplicationPayload[];
  try {
    flat = await runTasks(tasks, { workers, onProgress: (d) => bar.update(d) });
  } finally {
    bar.stop();
  }
  const payloads = plan.members.map((_, i) => flat.slice(i * seeds.length, (i + 1) * seeds.length));
  const records: ScenarioRecords[] = plan.members.map((m, i) => ({
    id: m.loaded.scenario.id,
    zoneIds: m.loaded.scenario.city.zones.map((z) => z.id),
    replications: payloads[i]!.map((p) => p.rows),
  }));
  return { payloads, stats: statRows(records), diffs: differences(records, plan.months) };
}

/** The top-level manifest of a comparison folder. */
export interface CompareManifest {
  megasim_version: string;
  source?: SourceId;
  node_version: string;
  command: string;
  comparison: { id: string; title: string; file: string; sha256: string; resolved: Record<string, unknown> } | null;
  scenarios: { id: string; title: string; file: string; files: string[]; sha256: string; resolved: Record<string, unknown> }[];
  seeds: SeedRange;
  replication: number;
  sample: number;
  months: number;
  start: string;
  headline: string[];
  members: { scenario: string; seed: number; dir: string; digest: string }[];
  outputs: Record<string, string>;
  digest: string;
}

/** The digest of a set of outputs: SHA-256 of "<path> <sha256>\n" lines in path order, manifests and report.html left out. */
export function outputsDigest(outputs: Record<string, string>): string {
  const lines = Object.keys(outputs)
    .filter((p) => !p.endsWith('manifest.json') && p !== 'report.html')
    .sort()
    .map((p) => `${p} ${outputs[p]}\n`);
  return sha256(lines.join(''));
}

/**
 * Writes the data of a comparison folder: the member run folders (with
 * indicators.parquet), comparison.csv and differences.csv, and their Parquet
 * files (sim/run/parquet.ts). Returns path → sha256 of what it wrote; the charts,
 * report.html and manifest.json are added by viz/publish/compare.ts.
 */
export async function writeCompareData(plan: ComparePlan, res: CompareResult, dir = plan.out): Promise<Record<string, string>> {
  const seeds = seedList(plan.seeds);
  const outputs: Record<string, string> = {};
  const { writeCompareParquet, writeRunParquet } = await import('./parquet.ts');

  // Member run folders (each one as `megasim run --seed S --replications 1` writes it, without charts).
  const keepMembers = new Set<string>();
  for (const [i, m] of plan.members.entries()) {
    for (const [k, seed] of seeds.entries()) {
      const st = { seed, replications: 1, sample: plan.sample, months: plan.months };
      const p = res.payloads[i]![k]!;
      const out = buildOutputs(m.loaded, st, [{ replication: 0, rows: p.rows }], p.pyramid);
      const rel = memberDir(m.loaded.scenario.id, seed);
      keepMembers.add(rel);
      const manifest: Manifest = makeManifest(m.loaded, st, out, runCommand(m.file, st), m.file);
      writeAtomic(join(dir, rel, 'indicators.csv'), out.csv);
      writeAtomic(join(dir, rel, 'summary.json'), out.summaryJson);
      // indicators.parquet, recorded in the member's manifest as `megasim run` records it.
      const pq = await writeRunParquet(join(dir, rel), m.loaded.scenario.start, seed);
      manifest.outputs = { ...manifest.outputs, ...pq };
      const mtext = JSON.stringify(manifest, null, 2) + '\n';
      writeAtomic(join(dir, rel, 'manifest.json'), mtext);
      outputs[`${rel}/indicators.csv`] = out.digest;
      outputs[`${rel}/summary.json`] = sha256(out.summaryJson);
      for (const [f, d] of Object.entries(pq)) outputs[`${rel}/${f}`] = d;
      outputs[`${rel}/manifest.json`] = sha256(mtext);
    }
  }
  removeStaleMembers(dir, keepMembers);

  const cmpCsv = comparisonCsv(res.stats);
  const diffCsv = differencesCsv(res.diffs);
  writeAtomic(join(dir, 'comparison.csv'), cmpCsv);
  writeAtomic(join(dir, 'differences.csv'), diffCsv);
  outputs['comparison.csv'] = sha256(cmpCsv);
  outputs['differences.csv'] = sha256(diffCsv);
  Object.assign(outputs, await writeCompareParquet(dir, plan.members[0]!.loaded.scenario.start));
  return outputs;
}

/** The folder of member (scenario, seed) inside a comparison folder. */
const memberDir = (scenario: string, seed: number) => `runs/${scenario}/seed-${seed}`;

/** The comparison's manifest over `outputs` (path → sha256; keys sorted, digest over all but manifests and report.html). */
export function compareManifest(plan: ComparePlan, outputs: Record<string, string>): CompareManifest {
  const seeds = seedList(plan.seeds);
  const members: CompareManifest['members'] = [];
  for (const m of plan.members) {
    for (const seed of seeds) {
      const dir = memberDir(m.loaded.scenario.id, seed);
      members.push({ scenario: m.loaded.scenario.id, seed, dir, digest: outputs[`${dir}/indicators.csv`]! });
    }
  }
  return {
    megasim_version: ENGINE_VERSION,
    source: sourceId(),
    node_version: process.version,
    command: plan.command,
    comparison: plan.comparison
      ? { id: plan.comparison.comparison.id, title: plan.comparison.comparison.title, file: plan.comparison.file, sha256: plan.comparison.sha256, resolved: plan.comparison.resolved }
      : null,
    scenarios: plan.members.map((m) => ({ id: m.loaded.scenario.id, title: m.loaded.scenario.title, file: m.file, files: m.loaded.files, sha256: m.loaded.sha256, resolved: m.loaded.resolved })),
    seeds: plan.seeds,
    replication: 0,
    sample: plan.sample,
    months: plan.months,
    start: plan.members[0]!.loaded.scenario.start,
    headline: plan.headline,
    members,
    outputs: sortKeys(outputs),
    digest: outputsDigest(outputs),
  };
}

export function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

/** Removes member folders runs/<id>/seed-<n> (with a manifest.json) that this comparison did not write (after --force). */
function removeStaleMembers(dir: string, keep: Set<string>): void {
  const runs = join(dir, 'runs');
  if (!existsSync(runs)) return;
  for (const sid of readdirSync(runs)) {
    const sdir = join(runs, sid);
    if (!statSync(sdir).isDirectory()) continue;
    for (const s of readdirSync(sdir)) {
      if (!/^seed-\d+$/.test(s) || keep.has(`runs/${sid}/${s}`)) continue;
      if (existsSync(join(sdir, s, 'manifest.json'))) rmSync(join(sdir, s), { recursive: true });
    }
  }
}

/** One line per headline difference, for the terminal. */
/**
 * One line per headline difference, for the terminal. `fmt` writes a signed
 * value in its indicator's unit (the CLI passes the report's
 * `formatDifference`, so the terminal reads "−¥204bn" as the report does);
 * without it the plain number is printed.
 */
export function headlineSummary(plan: Pick<ComparePlan, 'headline'>, diffs: readonly Difference[], fmt?: (x: number, unit: Unit) => string): string[] {
  const lines: string[] = [];
  const plain = (x: number) => (x > 0 ? '+' : '') + formatNumber(Number(x.toPrecision(4)));
  for (const d of diffs) {
    if (!plan.headline.includes(d.indicator)) continue;
    const cityWide = diffs.some((x) => x.scenario === d.scenario && x.indicator === d.indicator && x.zone === 'all');
    if (cityWide && d.zone !== 'all') continue;
    const what = `${d.indicator}${d.zone === 'all' ? '' : `[${d.zone}]`}${d.measure === 'total' ? ' (total)' : ''}`;
    const unit = INDICATORS.find((i) => i.name === d.indicator)?.unit;
    const sign = fmt && unit ? (x: number) => fmt(x, unit) : plain;
    const interval = d.n >= 2 ? `95% [${sign(d.lo)}, ${sign(d.hi)}]` : '(no interval from one seed)';
    lines.push(`  ${d.scenario} − ${d.baseline}: ${what} ${sign(d.difference)}  ${interval}${d.significant ? ' *' : ''}`);
  }
  return lines;
}

/**
 * The memory estimate for a comparison (issue 18): every member scenario is
 * checked as if it ran all the comparison's tasks (their indicators are all
 * held until the statistics are made), with min(workers, tasks) worlds
 * alive at once. Throws InputError (exit 2) before anything is allocated
 * or written.
 */
export function checkCompareMemory(plan: ComparePlan, workers: number): void {
  const tasks = plan.members.length * seedList(plan.seeds).length;
  for (const m of plan.members) {
    const mem = checkRunMemory(m.loaded.scenario.city, { sample: plan.sample, months: plan.months, replications: tasks, workers: Math.min(workers, tasks), policies: m.loaded.scenario.policies });
    if (!mem.fits) throw new InputError(`${m.file}: ${mem.message}`);
  }
}
