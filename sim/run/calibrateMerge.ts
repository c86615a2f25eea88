/**
 * `megasim merge` of calibration folders (shards of `megasim calibrate`):
 * joins their run files (a run present in several folders must have the
 * same bytes), then derives everything the joined runs allow — the same
 * files an unsharded calibration writes. When a stage still lacks runs, the
 * merged folder waits there: run the shards again from copies of it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkOutDir, writeAtomic } from './files.ts';
import { SweepInputError } from './sweep.ts';
import type { CalibrateResult } from './calibrate.ts';

export const isCalibrationFolder = (d: string) => existsSync(join(d, 'calibration.json'));

export async function mergeCalibrations(dirs: string[], outDir: string, force: boolean): Promise<CalibrateResult & { folders: number; runs: number }> {
  const out = resolve(outDir);
  const inputs = dirs.map((d) => resolve(d));
  if (inputs.includes(out)) throw new SweepInputError(`--out ${outDir} is one of the folders to merge; choose a new folder`);
  let first: { hash: string; text: string; dir: string; file: string } | null = null;
  const files = new Map<string, string>(); // relative path → source file
  for (const d of inputs) {
    if (!isCalibrationFolder(d)) throw new SweepInputError(`${d}: no calibration.json (not a calibration folder)`);
    const text = readFileSync(join(d, 'calibration.json'), 'utf8');
    let rec: { hash: string; file: string };
    try {
      rec = JSON.parse(text) as { hash: string; file: string };
    } catch (e) {
      throw new SweepInputError(`${join(d, 'calibration.json')}: not valid JSON (${(e as Error).message})`);
    }
    if (!first) first = { hash: rec.hash, text, dir: d, file: resolve(d, rec.file) };
    else if (rec.hash !== first.hash) throw new SweepInputError(`${d} holds a different calibration from ${first.dir}: shards of one calibration only`);
    for (const g of readdirSync(d).filter((x) => /^gen-\d+$/.test(x)).sort()) {
      for (const b of readdirSync(join(d, g)).filter((x) => /^batch-\d+$/.test(x)).sort()) {
        const rd = join(d, g, b, 'runs');
        if (!existsSync(rd)) continue;
        for (const f of readdirSync(rd).filter((x) => /^\d+\.csv$/.test(x)).sort()) {
          const rel = join(g, b, 'runs', f);
          const prior = files.get(rel);
          if (prior === undefined) files.set(rel, join(rd, f));
          else if (!readFileSync(prior).equals(readFileSync(join(rd, f)))) throw new SweepInputError(`run ${rel} differs between ${prior} and ${join(rd, f)}`);
        }
      }
    }
  }
  if (!existsSync(first!.file)) throw new SweepInputError(`the calibration file ${first!.file} (named in ${first!.dir}/calibration.json) is not there; merge from the checkout that ran it`);
  checkOutDir(out, force);
  mkdirSync(out, { recursive: true });
  // --force over an earlier merge: start from the runs alone (derived files are made again).
  for (const f of readdirSync(out)) {
    if (/^gen-\d+$/.test(f) || f === 'charts') rmSync(join(out, f), { recursive: true, force: true });
    else if (['calibration.json', 'generations.csv', 'posterior.csv', 'posterior-summary.csv', 'calibrated.yaml', 'result.json'].includes(f)) rmSync(join(out, f), { force: true });
  }
  writeAtomic(join(out, 'calibration.json'), first!.text);
  for (const [rel, src] of files) {
    mkdirSync(join(out, rel, '..'), { recursive: true });
    writeAtomic(join(out, rel), readFileSync(src));
  }
  const { runCalibration } = await import('./calibrate.ts');
  const r = await runCalibration(first!.file, { out, resume: true, deriveOnly: true });
  return { ...r, folders: inputs.length, runs: files.size };
}
