/**
 * Running a scenario's replications and writing a run folder:
 * manifest.json, indicators.csv, summary.json (charts and report.html are
 * added by viz when available). Replication r draws from streams keyed
 * "seed/r/name", so replications are independent and reproducible alone.
 */
import { join } from 'node:path';
import type { Loaded } from '../scenario/load.ts';
import { runReplication, indicatorsCsv, type Replication, type ReplicationResult, type RunOptions } from './simulate.ts';
import { makeSummary, pyramidOf, type Summary } from './summary.ts';
import { sha256 } from '../engine/digest.ts';
import { ENGINE_VERSION } from '../version.ts';
import { writeAtomic } from './files.ts';
import { progressBar } from './progress.ts';
import { sourceId, type SourceId } from './source.ts';

export interface RunSettings {
  seed: number;
  replications: number;
  sample: number;
  months: number;
}

export interface Manifest {
  megasim_version: string;
  /** The build that wrote the folder: git commit (or null) and the source tree's SHA-256. */
  source?: SourceId;
  node_version: string;
  command: string;
  scenario: { id: string; title: string; file: string; files: string[]; sha256: string; resolved: Record<string, unknown> };
  seed: number;
  replications: number;
  sample: number;
  months: number;
  start: string;
  outputs: Record<string, string>;
  digest: string;
}

export interface RunOutput {
  csv: string;
  digest: string;
  summary: Summary;
  summaryJson: string;
  results: Replication[];
}

/** Settings from the scenario, overridden by command-line options. */
export function settingsFor(l: Loaded, o: Partial<RunSettings>): RunSettings {
  return {
    seed: o.seed ?? l.scenario.seed,
    replications: o.replications ?? l.scenario.replications,
    sample: o.sample ?? l.scenario.sample,
    months: o.months ?? l.scenario.horizon_months,
  };
}

/** Runs one replication (plain, or checked mode's). */
export type Replicate = (sc: Loaded['scenario'], opt: RunOptions) => ReplicationResult;

/** Runs all replications in this thread, in order, and builds the outputs. */
export function runAll(l: Loaded, st: RunSettings, progress = false, replicate: Replicate = runReplication, label = l.scenario.id): RunOutput {
  const bar = progressBar(st.replications * st.months, label, progress ? undefined : false);
  const results: Replication[] = [];
  let pyramid = null;
  for (let r = 0; r < st.replications; r++) {
    const res = replicate(l.scenario, {
      replication: r,
      seed: st.seed,
      sample: st.sample,
      months: st.months,
      onMonth: (m) => bar.update(r * st.months + m),
    });
    if (r === 0) pyramid = pyramidOf(res.world, st.months);
    // Keep the rows, drop the world (memory).
    results.push({ replication: r, rows: res.rows });
  }
  bar.stop();
  return buildOutputs(l, st, results, pyramid);
}

export function buildOutputs(l: Loaded, st: RunSettings, results: Replication[], pyramid: ReturnType<typeof pyramidOf> | null): RunOutput {
  const { csv, digest } = indicatorsCsv(l.scenario, results);
  const summary = makeSummary(l.scenario, results, st.months, st.sample, st.seed, pyramid);
  const summaryJson = JSON.stringify(summary, null, 1) + '\n';
  return { csv, digest, summary, summaryJson, results };
}

export function makeManifest(l: Loaded, st: RunSettings, out: RunOutput, command: string, file: string): Manifest {
  return {
    megasim_version: ENGINE_VERSION,
    source: sourceId(),
    node_version: process.version,
    command,
    scenario: { id: l.scenario.id, title: l.scenario.title, file, files: l.files, sha256: l.sha256, resolved: l.resolved },
    seed: st.seed,
    replications: st.replications,
    sample: st.sample,
    months: st.months,
    start: l.scenario.start,
    outputs: { 'indicators.csv': out.digest, 'summary.json': sha256(out.summaryJson) },
    digest: out.digest,
  };
}

/** Writes indicators.csv, summary.json, then manifest.json last (a folder without a manifest is not a finished run). */
export function writeRun(dir: string, out: RunOutput, manifest: Manifest): void {
  writeAtomic(join(dir, 'indicators.csv'), out.csv);
  writeAtomic(join(dir, 'summary.json'), out.summaryJson);
  writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
