/**
 * `megasim sweep FILE --export salib`: the sweep's problem for SALib
 * (https://salib.readthedocs.io) without running it —
 *   salib/params.txt   SALib's command-line parameter file: one line
 *                      "name lower upper" per parameter (the sweep's order);
 *   salib/problem.json the same as SALib's Python problem dict
 *                      {num_vars, names, bounds};
 *   salib/samples.txt  the sweep's design points, one row per point,
 *                      space-separated (for design sobol: Saltelli's rows in
 *                      SALib's order, so `salib analyze sobol` can read the
 *                      outputs; for grid / latin_hypercube / morris: their points).
 * A sweep whose design is `samples: {file: …}` runs the rows of a samples
 * file made by SALib (`salib sample …`) and writes salib/Y-<indicator>.txt.
 * Parameter names are the document paths (SALib needs names without spaces).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeAtomic } from './files.ts';
import { formatNumber } from '../engine/format.ts';
import { loadSweep, SweepInputError } from './sweep.ts';

export function exportSalib(file: string, outDir: string | undefined, force: boolean): { out: string; points: number } {
  const sw = loadSweep(file);
  const bad = sw.def.parameters.find((p) => !p.range);
  if (bad) throw new SweepInputError(`--export salib needs a \`range\` for every parameter (SALib's bounds); "${bad.path}" has \`values\``);
  const out = resolve(outDir ?? `runs/sweep-${sw.def.id}-salib`);
  const target = join(out, 'salib');
  if (existsSync(target) && readdirSync(target).length > 0 && !force) throw new SweepInputError(`${target} already holds files; add --force to overwrite, or choose another --out`);
  mkdirSync(target, { recursive: true });
  const names = sw.def.parameters.map((p) => p.path);
  const params = sw.def.parameters.map((p) => `${p.path} ${formatNumber(p.range![0])} ${formatNumber(p.range![1])}`).join('\n') + '\n';
  const problem = { num_vars: names.length, names, bounds: sw.def.parameters.map((p) => p.range!) };
  const samples = sw.points.map((pt) => pt.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v))).join(' ')).join('\n') + '\n';
  writeAtomic(join(target, 'params.txt'), params);
  writeAtomic(join(target, 'problem.json'), JSON.stringify(problem, null, 1) + '\n');
  writeAtomic(join(target, 'samples.txt'), samples);
  return { out: target, points: sw.points.length };
}
