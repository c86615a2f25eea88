/**
 * `megasim verify DIR`: checks a run folder against its manifest and repeats
 * the run (comparison and sweep folders: sim/run/verifyFolder.ts).
 *
 * A run folder verifies when
 * - the manifest is well formed and within the limits (else exit 2);
 * - the manifest agrees with itself: written by this megasim version; its
 *   id, title, start and scenario.sha256 are those of its resolved scenario;
 *   its command repeats its settings; its seed, sample and months are those
 *   recorded in summary.json; `outputs` names indicators.csv (with the
 *   manifest's digest) and summary.json;
 * - every file `outputs` records is there with that SHA-256, and no chart or
 *   report is in the folder without being recorded;
 * - the repeated run gives the same indicators.csv, summary.json and (when
 *   recorded) the same indicators.parquet, charts and report.html.
 * Otherwise it fails (exit 1) naming every problem; for indicators.csv the
 * first differing row (indicator, replication, month, zone).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadResolved, type Loaded } from '../scenario/load.ts';
import type { SweepRecord } from './sweepRecord.ts';
import type { SweepSummary } from './sweepSummary.ts';
import { LIMITS } from '../scenario/schema.ts';
import { sha256 } from '../engine/digest.ts';
import { ENGINE_VERSION } from '../version.ts';
import { runAll, type Manifest, type RunOutput, type RunSettings } from './runScenario.ts';
import { runCommand } from './commandLine.ts';
import { checkRunMemory } from './memory.ts';
import type { Target } from '../scenario/targets.ts';

export interface VerifyResult {
  ok: boolean;
  message: string;
  firstDifference?: { indicator: string; replication: string; month: string; zone: string; stored: string; repeated: string; line?: number; note?: string };
  /** Every problem found (the message is their summary). */
  problems?: string[];
  /** The repeated run (comparison verify builds its statistics from it). */
  rerun?: RunOutput;
}

export class VerifyInputError extends Error {}

/** Largest manifest or sweep.json read (bytes), and deepest nesting accepted. */
const JSON_BYTES_MAX = 64 * 2 ** 20;
const JSON_DEPTH_MAX = 64;

/** Depth of a parsed JSON value, without recursion (a manifest nested 5,000 deep must not overflow the stack). */
export function jsonDepth(v: unknown, max: number): number {
  const stack: [unknown, number][] = [[v, 1]];
  let deepest = 0;
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > deepest) deepest = d;
    if (deepest > max) return deepest;
    for (const c of Object.values(x as Record<string, unknown>)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return deepest;
}

/** Reads a JSON file megasim wrote: a file (not a folder), not too large, valid JSON, an object, not too deep. Throws VerifyInputError (exit 2). */
export function readJsonObject(f: string, what: string): Record<string, unknown> {
  if (!existsSync(f)) throw new VerifyInputError(`${f}: no ${what}`);
  const st = statSync(f);
  if (!st.isFile()) throw new VerifyInputError(`${f}: expected a file, found a ${st.isDirectory() ? 'folder' : 'device or other special file'}`);
  if (st.size > JSON_BYTES_MAX) throw new VerifyInputError(`${f}: expected at most ${JSON_BYTES_MAX} bytes, found ${st.size}`);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    throw new VerifyInputError(`${f}: not valid JSON (${(e as Error).message})`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new VerifyInputError(`${f}: expected a JSON object, found ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`);
  if (jsonDepth(v, JSON_DEPTH_MAX) > JSON_DEPTH_MAX) throw new VerifyInputError(`${f}: expected nesting of at most ${JSON_DEPTH_MAX} levels, found deeper nesting`);
  return v as Record<string, unknown>;
}

export function readManifest(dir: string): Manifest {
  const mf = join(dir, 'manifest.json');
  if (!existsSync(mf)) throw new VerifyInputError(`${mf}: no manifest.json (not a finished run folder)`);
  const m = readJsonObject(mf, 'manifest.json') as unknown as Manifest;
  for (const k of ['scenario', 'seed', 'replications', 'sample', 'months', 'digest'] as const) {
    if (m[k] === undefined) throw new VerifyInputError(`${mf}: the manifest has no "${k}"`);
  }
  // A manifest is input too: its settings are held to the same limits as the command line (a tampered one must not start a run of a billion months).
  const whole = (k: 'seed' | 'replications' | 'months', min: number, max: number) => {
    const v = m[k] as unknown;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new VerifyInputError(`${mf}: "${k}" must be a whole number between ${min} and ${max}, found ${JSON.stringify(v)}`);
  };
  whole('seed', 0, LIMITS.seedMax);
  whole('replications', 1, LIMITS.replicationsMax);
  whole('months', 1, LIMITS.monthsMax);
  const sample = m.sample as unknown;
  if (typeof sample !== 'number' || !(sample >= LIMITS.sampleMin && sample <= LIMITS.sampleMax)) throw new VerifyInputError(`${mf}: "sample" must be a number between ${LIMITS.sampleMin} and ${LIMITS.sampleMax}, found ${JSON.stringify(sample)}`);
  if (typeof m.digest !== 'string' || !/^[0-9a-f]{64}$/.test(m.digest)) throw new VerifyInputError(`${mf}: "digest" must be a SHA-256 in hex, found ${JSON.stringify(m.digest)}`);
  const sc = m.scenario as unknown as Record<string, unknown> | null;
  if (typeof sc !== 'object' || sc === null || Array.isArray(sc)) throw new VerifyInputError(`${mf}: "scenario" must be a mapping`);
  const resolved = sc.resolved;
  if (typeof resolved !== 'object' || resolved === null || Array.isArray(resolved)) throw new VerifyInputError(`${mf}: "scenario.resolved" must be the resolved scenario (a mapping)`);
  for (const k of ['id', 'title', 'file', 'sha256'] as const) if (typeof sc[k] !== 'string') throw new VerifyInputError(`${mf}: "scenario.${k}" must be text, found ${JSON.stringify(sc[k]) ?? 'nothing'}`);
  const outputs = m.outputs as unknown;
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs) || !Object.values(outputs).every((d) => typeof d === 'string')) {
    throw new VerifyInputError(`${mf}: "outputs" must map each file to its SHA-256`);
  }
  return m;
}

/** A recorded output path that stays inside the folder. */
export const safeRel = (rel: string) => rel !== '' && !rel.startsWith('/') && !rel.includes('\\') && !rel.split('/').some((s) => s === '..' || s === '' || s === '.');

/** Problems of the files `outputs` records: missing, not a file, or with another digest. */
export function checkRecordedFiles(dir: string, outputs: Record<string, string>, prefix = ''): string[] {
  const problems: string[] = [];
  for (const [rel, digest] of Object.entries(outputs)) {
    if (!safeRel(rel)) {
      problems.push(`the manifest records "${rel}", a path outside the folder (the manifest was edited)`);
      continue;
    }
    const p = join(dir, ...rel.split('/'));
    if (!existsSync(p)) problems.push(`${prefix}${rel} is missing`);
    else if (!statSync(p).isFile()) problems.push(`${prefix}${rel} is not a file`);
    else if (sha256(readFileSync(p)) !== digest) problems.push(`${prefix}${rel} was changed (its SHA-256 is not the one the manifest records)`);
  }
  return problems;
}

/** Compares two indicators CSVs row by row; returns the first differing row, or null. */
export function firstDifference(a: string, b: string): VerifyResult['firstDifference'] | null {
  const la = a.split('\n');
  const lb = b.split('\n');
  const n = Math.max(la.length, lb.length);
  for (let i = 1; i < n; i++) {
    if (la[i] === lb[i]) continue;
    const ra = (la[i] ?? '').split(',');
    const rb = (lb[i] ?? '').split(',');
    const wellFormed = (r: string[]) => r.length === 6;
    const row = wellFormed(rb) ? rb : ra;
    const base = { line: i + 1, replication: row[1] ?? '?', month: row[2] ?? '?', indicator: row[3] ?? '?', zone: row[4] ?? '?', stored: ra[5] ?? '(missing)', repeated: rb[5] ?? '(missing)' };
    if (la[i] === undefined || (la[i] === '' && i === la.length - 1)) return { ...base, stored: '(missing: the stored file ends here)' };
    if (lb[i] === undefined || (lb[i] === '' && i === lb.length - 1)) {
      return { ...base, note: `the stored indicators.csv has ${la.length - lb.length + (la[la.length - 1] === '' ? 0 : 1)} line(s) more than the repeated run, from line ${i + 1}: ${JSON.stringify(la[i]!.slice(0, 60))}` };
    }
    if (!wellFormed(ra)) return { ...base, note: `line ${i + 1} of the stored indicators.csv is not a row of 6 fields: ${JSON.stringify(la[i]!.slice(0, 60))}` };
    return base;
  }
  return null;
}

/** The line the command prints for a first difference. */
export function differenceLine(d: NonNullable<VerifyResult['firstDifference']>): string {
  if (d.note) return `first difference: ${d.note}`;
  return `first difference: indicator ${d.indicator} (replication ${d.replication}, month ${d.month}, zone ${d.zone}): stored ${d.stored}, repeated ${d.repeated}`;
}

const CHART_OR_REPORT = (rel: string) => rel === 'report.html' || /^charts\/[^/]+\.svg$/.test(rel);

/** A report in the folder that the manifest does not record (charts the manifest leaves out are found by redrawing them; other files of the user's are not megasim's business). */
function unrecorded(dir: string, outputs: Record<string, string>): string[] {
  return ['report.html', 'indicators.parquet'].filter((f) => existsSync(join(dir, f)) && !(f in outputs));
}

/**
 * How verify redraws what a folder holds besides data (viz/publish draws
 * them; sim/cli/verify.ts passes them in, so sim/run does not import viz).
 * Without them, charts and report are checked against their recorded digests only.
 */
export interface Renderers {
  runCharts?: (l: Loaded, st: RunSettings, out: RunOutput, manifest: Manifest, targetFiles?: readonly string[], recorded?: readonly Target[]) => { files: Map<string, string>; manifest: Manifest };
  sweepCharts?: (record: SweepRecord, sum: SweepSummary) => Map<string, string>;
  /** report.html of a complete sweep folder (checked when the folder holds one; folders of older versions have none). */
  sweepReport?: (record: SweepRecord, sum: SweepSummary) => string;
}

export interface VerifyRunOptions {
  /** Regenerate charts and report.html and compare them (default true, when a renderer is given). */
  charts?: boolean;
  render?: Renderers;
}

/** Verifies a run folder (see the file comment). */
export async function verifyRun(dir: string, o: VerifyRunOptions = {}): Promise<VerifyResult> {
  const m = readManifest(dir);
  const mf = join(dir, 'manifest.json');
  const edited: string[] = [];
  if (m.megasim_version !== ENGINE_VERSION) {
    return { ok: false, message: `the folder was written by megasim ${JSON.stringify(m.megasim_version)}; this is megasim ${ENGINE_VERSION}: check out that version to verify it`, problems: [] };
  }
  const loaded = loadResolved(`${mf}#scenario.resolved`, m.scenario.resolved);
  const sc = loaded.scenario;
  const st: RunSettings = { seed: m.seed, replications: m.replications, sample: m.sample, months: m.months };
  const field = (name: string, recorded: unknown, actual: unknown) => {
    if (recorded !== actual) edited.push(`the manifest's ${name} ${JSON.stringify(recorded)} is not its resolved scenario's ${JSON.stringify(actual)}`);
  };
  field('scenario.sha256', m.scenario.sha256, loaded.sha256);
  field('scenario.id', m.scenario.id, sc.id);
  field('scenario.title', m.scenario.title, sc.title);
  field('start', m.start, sc.start);
  const expectedCommand = runCommand(m.scenario.file, st);
  if (m.command !== expectedCommand) edited.push(`the manifest's command ${JSON.stringify(m.command)} does not repeat its settings (expected ${JSON.stringify(expectedCommand)})`);
  const outputs = m.outputs;
  if (outputs['indicators.csv'] !== m.digest) edited.push(`the manifest's outputs record indicators.csv as ${JSON.stringify(outputs['indicators.csv'] ?? null)}, not its digest ${m.digest}`);
  if (!('summary.json' in outputs)) edited.push(`the manifest's outputs do not record summary.json`);
  // summary.json records the settings too: a seed, sample or months edited in the manifest alone shows here.
  const sp = join(dir, 'summary.json');
  if (existsSync(sp) && statSync(sp).isFile()) {
    let s: Record<string, unknown> | null = null;
    try {
      s = JSON.parse(readFileSync(sp, 'utf8')) as Record<string, unknown>;
    } catch {
      s = null;
    }
    if (s && typeof s === 'object') {
      for (const k of ['seed', 'sample', 'months'] as const) {
        if (k in s && s[k] !== m[k]) edited.push(`the manifest's ${k} ${JSON.stringify(m[k])} is not summary.json's ${JSON.stringify(s[k])}`);
      }
    }
  }
  const problems: string[] = edited.map((e) => `edited manifest: ${e}`);
  const fileProblems = checkRecordedFiles(dir, outputs);
  problems.push(...fileProblems);
  for (const rel of unrecorded(dir, outputs)) problems.push(`${rel} is in the folder but not recorded in the manifest`);
  const csvPath = join(dir, 'indicators.csv');
  const csvOnly = fileProblems.length === 1 && fileProblems[0]!.startsWith('indicators.csv ') && existsSync(csvPath) && statSync(csvPath).isFile() && edited.length === 0;
  if (problems.length > 0 && !csvOnly) return fail(problems);

  // Repeat the run (its memory estimated first: a manifest edited to full scale must not start a run this machine cannot hold).
  const mem = checkRunMemory(sc.city, { ...st, workers: 1, policies: sc.policies });
  if (!mem.fits) throw new VerifyInputError(`${mf}: ${mem.message}`);
  const stored = readFileSync(csvPath, 'utf8');
  const out = runAll(loaded, st);
  const storedDigest = sha256(stored);
  if (out.digest !== m.digest || storedDigest !== m.digest) {
    const diff = firstDifference(stored, out.csv) ?? undefined;
    if (storedDigest === m.digest) {
      return { ok: false, message: `the repeated run differs from the manifest's digest (engine or platform difference)`, firstDifference: diff, problems: ['the repeated run differs'], rerun: out };
    }
    return { ok: false, message: `indicators.csv does not match: stored digest ${storedDigest}, manifest ${m.digest}, repeated run ${out.digest}`, firstDifference: diff, problems, rerun: out };
  }
  const again: string[] = [];
  if (sha256(out.summaryJson) !== outputs['summary.json']) again.push('summary.json: the repeated run gives a different summary');
  // indicators.parquet (when recorded): rebuilt from indicators.csv, now known to be the repeated run's bytes.
  if ('indicators.parquet' in outputs) {
    const { indicatorsTable, parquetOf } = await import('./parquet.ts');
    if (sha256(await parquetOf(indicatorsTable(csvPath, sc.start, st.seed))) !== outputs['indicators.parquet']) again.push('indicators.parquet: the repeated run gives different Parquet bytes (another DuckDB version?)');
  }
  const recordedCharts = Object.keys(outputs).filter(CHART_OR_REPORT);
  const renderRunCharts = o.render?.runCharts;
  if (o.charts !== false && renderRunCharts && recordedCharts.length > 0) {
    // The manifest as it was before the charts were added (the report embeds that one, with the chart digests).
    const before: Manifest = {
      ...m,
      outputs: { 'indicators.csv': outputs['indicators.csv']!, 'summary.json': outputs['summary.json']!, ...('indicators.parquet' in outputs ? { 'indicators.parquet': outputs['indicators.parquet']! } : {}) },
    };
    const r = renderRunCharts(loaded, st, out, before, [], (m as { targets?: Target[] }).targets ?? []);
    for (const rel of recordedCharts) {
      const text = r.files.get(rel);
      if (text === undefined) again.push(`${rel}: the repeated run draws no such chart`);
      else if (sha256(text) !== outputs[rel]) again.push(`${rel}: the repeated run draws it differently`);
    }
    for (const rel of r.files.keys()) if (!(rel in outputs)) again.push(`${rel}: the repeated run draws it, but the manifest does not record it`);
  }
  if (again.length > 0) return { ...fail(again), rerun: out };
  return {
    ok: true,
    message: `verified: digest ${m.digest} (${m.replications} replication(s), ${m.months} months, sample ${m.sample}; ${Object.keys(outputs).length} files)`,
    problems: [],
    rerun: out,
  };
}

function fail(problems: string[]): VerifyResult {
  const edited = problems.some((p) => p.startsWith('edited manifest'));
  const head = edited ? 'the manifest was edited' : problems.length === 1 ? problems[0]! : `${problems.length} problems`;
  return { ok: false, message: problems.length === 1 && !edited ? head : `${head}:\n  ${problems.join('\n  ')}`, problems };
}
