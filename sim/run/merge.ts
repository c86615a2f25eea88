/**
 * `megasim merge DIR... --out DIR`: joins the folders of a sweep's shards
 * (or of interrupted and resumed parts) into one folder that is byte for byte
 * the folder the unsharded sweep writes: sweep.json, runs/, results.csv,
 * summary.csv and their .parquet (viz/publish/sweep.ts adds charts/). Every folder must hold the
 * same sweep (the same hash in sweep.json); a run found in several folders
 * must have the same bytes in each; every run must be present, else nothing
 * is written and the missing runs are named.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkOutPath, openOutput } from './outFolder.ts';
import { finishSweepFolder, readSweepRecord, RUNS_DIR, runFileName, runFiles, SweepInputError, type FinishedSweep } from './sweep.ts';
import type { SweepRecord } from './sweepRecord.ts';
import { writeAtomic } from './files.ts';
import { writeSweepParquet } from './parquet.ts';

export interface MergeResult {
  out: string;
  runs: number;
  folders: number;
  /** The merged folder, with results.csv and summary.csv written (null for a calibration). */
  finished: FinishedSweep | null;
  /** Set when the folders were a calibration's (megasim calibrate). */
  calibration?: import('./calibrate.ts').CalibrateResult;
}

/** Names runs compactly: "3, 7, 11 and 40 more". */
function listRuns(runs: number[]): string {
  const shown = runs.slice(0, 12).join(', ');
  return runs.length > 12 ? `${shown} and ${runs.length - 12} more` : shown;
}

export async function mergeSweeps(dirs: string[], outDir: string, force: boolean, publish?: (f: FinishedSweep) => void): Promise<MergeResult> {
  if (dirs.length === 0) throw new SweepInputError('merge needs at least one sweep folder');
  const { isCalibrationFolder, mergeCalibrations } = await import('./calibrateMerge.ts');
  if (isCalibrationFolder(resolve(dirs[0]!))) {
    const r = await mergeCalibrations(dirs, outDir, force);
    return { out: r.out, runs: r.runs, folders: r.folders, finished: null, calibration: r };
  }
  const out = resolve(outDir);
  const inputs = dirs.map((d) => resolve(d));
  if (inputs.includes(out)) throw new SweepInputError(`--out ${outDir} is one of the folders to merge; choose a new folder`);
  let first: { record: SweepRecord; text: string; dir: string } | null = null;
  const files = new Map<number, string>();
  for (const d of inputs) {
    if (!existsSync(d)) throw new SweepInputError(`${d}: no such folder`);
    if (!statSync(d).isDirectory()) throw new SweepInputError(`${d}: expected a sweep folder, found a file`);
    const r = readSweepRecord(d);
    if (!first) first = { ...r, dir: d };
    else if (r.record.hash !== first.record.hash) {
      throw new SweepInputError(`${d} holds a different sweep from ${first.dir} (sweep "${r.record.id}" hash ${r.record.hash.slice(0, 12)} vs "${first.record.id}" ${first.record.hash.slice(0, 12)}): shards of one sweep only`);
    }
    const { finished, damaged } = runFiles(d);
    if (damaged.length > 0) {
      throw new SweepInputError(`${d}: ${damaged.length === 1 ? `${damaged[0]} does not match its digest` : `${damaged.length} run files (${damaged.slice(0, 5).join(', ')}${damaged.length > 5 ? ', …' : ''}) do not match their digests`} in ${RUNS_DIR}/digests.sha256 (emptied, edited or cut short by a kill); run megasim sweep --resume on that folder to redo them, then merge again`);
    }
    for (const [run, f] of finished) {
      const prior = files.get(run);
      if (prior === undefined) files.set(run, f);
      else if (!readFileSync(prior).equals(readFileSync(f))) throw new SweepInputError(`run ${run} differs between ${prior} and ${f}`);
    }
  }
  const rec = first!.record;
  const missing: number[] = [];
  for (let r = 0; r < rec.runs; r++) if (!files.has(r)) missing.push(r);
  if (missing.length > 0) {
    throw new SweepInputError(`the folders hold ${files.size} of the sweep's ${rec.runs} runs; missing runs ${listRuns(missing)}. Run the missing shards (or --resume them) and merge again`);
  }
  const extra = [...files.keys()].filter((r) => r >= rec.runs);
  if (extra.length > 0) throw new SweepInputError(`runs beyond the sweep's ${rec.runs}: ${listRuns(extra)}`);
  checkOutPath(out);
  const target = openOutput(out, { force });
  let finished: FinishedSweep;
  try {
    const dir = target.dir;
    mkdirSync(join(dir, RUNS_DIR), { recursive: true });
    writeAtomic(join(dir, 'sweep.json'), first!.text);
    const merged = new Map<number, string>();
    for (let r = 0; r < rec.runs; r++) {
      const p = join(dir, RUNS_DIR, runFileName(r, rec.runs));
      writeAtomic(p, readFileSync(files.get(r)!));
      merged.set(r, p);
    }
    finished = finishSweepFolder(dir, rec, merged);
    await writeSweepParquet(dir, rec, merged, true);
    publish?.(finished);
    await target.commit();
  } catch (e) {
    target.abandon();
    throw e;
  }
  finished = { ...finished, dir: out };
  return { out, runs: rec.runs, folders: inputs.length, finished };
}
