/**
 * `megasim eval FILE INPUT [--out OUTPUT]`: the contract for outside tools
 * (pyABC, EasyABC, SALib, OpenMOLE): one parameter vector in, one run of the
 * model, its summary statistics out.
 *
 * FILE names the parameters (their order and paths) and the statistics: a
 * calibration file (statistics = the model's value of each target, mean over
 * its `replications`) or a sweep file (statistics = each kept indicator,
 * city-wide, at the horizon; `seeds` ignored: the input's seed is used).
 *
 * INPUT is either JSON — {"seed": 7, "parameters": {"city.arrivals.base_rate_year": 0.08, …}}
 * or {"seed": 7, "parameters": [0.08, …]} in the file's parameter order — or
 * the EasyABC convention: a text file whose first line is the seed and then
 * one parameter value a line, in the file's order. The output follows the
 * input: JSON {"seed", "parameters", "statistics": {name: value}} for JSON
 * input; for EasyABC input, the statistics on one line separated by spaces
 * (what EasyABC's binary_model reads back). A statistic the run cannot give
 * is written as NaN (JSON: null).
 */
import { readFileSync, existsSync } from 'node:fs';
import { InputError } from '../scenario/errors.ts';
import { LIMITS } from '../scenario/schema.ts';
import { formatNumber } from '../engine/format.ts';
import { targetName } from '../scenario/targets.ts';
import { runReplication } from './simulate.ts';
import { pointScenario, loadSweep, resolveParameterPath, keptValues, type PathStep } from './sweep.ts';
import type { ParamValue } from './sweepRecord.ts';
import { loadCalibration } from './calibrate.ts';
import { targetValue } from './targets.ts';

export interface EvalInput {
  seed: number;
  values: number[];
  format: 'json' | 'easyabc';
}

/** Reads an input vector for `paths` (JSON or EasyABC lines). */
export function parseEvalInput(text: string, paths: readonly string[], shown: string): EvalInput {
  const t = text.trim();
  const seedOk = (s: unknown): s is number => typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= LIMITS.seedMax;
  if (t.startsWith('{')) {
    let j: { seed?: unknown; parameters?: unknown };
    try {
      j = JSON.parse(t) as typeof j;
    } catch (e) {
      throw new InputError(`${shown}: not valid JSON (${(e as Error).message})`);
    }
    if (!seedOk(j.seed)) throw new InputError(`${shown}: "seed" must be a whole number between 0 and ${LIMITS.seedMax}, found ${JSON.stringify(j.seed)}`);
    let values: unknown[];
    if (Array.isArray(j.parameters)) values = j.parameters;
    else if (j.parameters && typeof j.parameters === 'object') {
      const o = j.parameters as Record<string, unknown>;
      const unknown = Object.keys(o).filter((k) => !paths.includes(k));
      if (unknown.length > 0) throw new InputError(`${shown}: parameters: unknown path "${unknown[0]}"; expected ${paths.join(', ')}`);
      values = paths.map((p) => o[p]);
    } else throw new InputError(`${shown}: "parameters" must be an object {path: value} or a list in the file's order`);
    if (values.length !== paths.length) throw new InputError(`${shown}: ${paths.length} parameter value(s) expected (${paths.join(', ')}), found ${values.length}`);
    values.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${shown}: parameter ${paths[i]} must be a number, found ${JSON.stringify(v)}`);
    });
    return { seed: j.seed, values: values as number[], format: 'json' };
  }
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length !== paths.length + 1) throw new InputError(`${shown}: EasyABC input: the seed then ${paths.length} parameter value(s), one a line (${paths.join(', ')}); found ${lines.length} line(s)`);
  const nums = lines.map(Number);
  const bad = nums.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new InputError(`${shown}:${bad + 1}: expected a number, found "${lines[bad]}"`);
  // EasyABC writes the seed as a (possibly large or fractional) number: reduce it into megasim's seed range.
  const seed = Math.abs(Math.trunc(nums[0]!)) % (LIMITS.seedMax + 1);
  return { seed, values: nums.slice(1), format: 'easyabc' };
}

export interface EvalResult {
  input: EvalInput;
  paths: string[];
  names: string[];
  statistics: number[];
}

export function evaluate(file: string, inputFile: string): EvalResult {
  if (!existsSync(inputFile)) throw new InputError(`${inputFile}: no such input file`);
  const text = readFileSync(inputFile, 'utf8');
  const head = readFileSync(file, 'utf8');
  const isCalibration = /^\s*abc\s*:/m.test(head) || /^\s*targets\s*:/m.test(head);
  if (isCalibration) {
    const cal = loadCalibration(file);
    const paths = cal.def.parameters.map((p) => p.path);
    const input = parseEvalInput(text, paths, inputFile);
    const sc = pointScenario(cal.base, cal.steps, input.values.map((v, k) => (cal.def.parameters[k]!.integer ? Math.round(v) : v)), `${inputFile}`);
    const zoneIds = sc.city.zones.map((z) => z.id);
    const sums = new Array<number>(cal.targets.length).fill(0);
    for (let r = 0; r < cal.def.replications; r++) {
      const rec = runReplication(sc, { replication: r, seed: input.seed, sample: cal.sample, months: cal.months }).rows;
      cal.targets.forEach((t, k) => (sums[k]! += targetValue(t, sc.start, zoneIds, rec, cal.months)));
    }
    return { input, paths, names: cal.targets.map(targetName), statistics: sums.map((s) => s / cal.def.replications) };
  }
  const sw = loadSweep(file);
  const paths = sw.def.parameters.map((p) => p.path);
  const input = parseEvalInput(text, paths, inputFile);
  const steps: PathStep[][] = paths.map((p) => resolveParameterPath(p, sw.base.resolved).steps);
  const values: ParamValue[] = input.values.map((v, k) => (sw.def.parameters[k]!.integer ? Math.round(v) : v));
  const sc = pointScenario(sw.base, steps, values, inputFile);
  const rec = runReplication(sc, { replication: 0, seed: input.seed, sample: sw.sample, months: sw.months }).rows;
  const kept = keptValues(sw, rec).filter((r) => r.zone < 0 && r.month === sw.months);
  return { input, paths, names: kept.map((r) => r.indicator.name), statistics: kept.map((r) => r.value) };
}

/** The output text, in the input's convention. */
export function evalOutput(r: EvalResult): string {
  if (r.input.format === 'easyabc') return r.statistics.map((v) => (Number.isFinite(v) ? formatNumber(v) : 'NaN')).join(' ') + '\n';
  const stats: Record<string, number | null> = {};
  r.names.forEach((n, i) => (stats[n] = Number.isFinite(r.statistics[i]!) ? Number(formatNumber(r.statistics[i]!)) : null));
  const params: Record<string, number> = {};
  r.paths.forEach((p, i) => (params[p] = r.input.values[i]!));
  return JSON.stringify({ seed: r.input.seed, parameters: params, statistics: stats }, null, 1) + '\n';
}
