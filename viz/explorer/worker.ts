/**
 * The explorer's Web Worker: runs `sim/` unchanged, off the page's thread.
 * For each job (setting A, then B) it loads the very YAML text the page
 * offers for download, with the same loader as `megasim run`, runs its replications with
 * `runReplication`, posts the indicator values month by month (for the
 * charts and the progress bar), and finally posts indicators.csv and its
 * digest as built by `indicatorsCsv` — the bytes `megasim run` writes for
 * the same resolved scenario.
 */
/// <reference lib="webworker" />
import { z } from 'zod';
import { loadText } from './catalog.ts';
import { runReplication, indicatorsCsv, type Recorder, type ReplicationResult } from '../../sim/run/simulate.ts';

// The page forbids eval (Content-Security-Policy): tell zod not to try it. Validation results are the same.
z.config({ jitless: true });

export type SettingId = 'A' | 'B';

export interface RunJob {
  setting: SettingId;
  /** File name shown in messages. */
  name: string;
  /** The scenario file the page offers for download (YAML, levers and run settings applied, `extends` resolved). */
  text: string;
}


export type ToWorker = { type: 'run'; runId: number; jobs: RunJob[] };

export type FromWorker =
  | {
      type: 'month';
      runId: number;
      setting: SettingId;
      replication: number;
      month: number;
      months: number;
      /** Index into INDICATORS, zone index (-1 = city) and value, one entry per recorded value. */
      indicator: number[];
      zone: number[];
      value: number[];
    }
  | { type: 'done'; runId: number; setting: SettingId; digest: string; csv: string }
  | { type: 'finished'; runId: number }
  | { type: 'error'; runId: number; setting?: SettingId; message: string };

const post = (m: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/** The values the run recorded for month `month` (rows from `from` on), posted for display: the run's own rows, not a second observation. */
function snapshot(rec: Recorder, from: number, runId: number, setting: SettingId, replication: number, month: number, months: number): void {
  const indicator = rec.indicator.slice(from);
  const zone = rec.zone.slice(from);
  const value = rec.value.slice(from);
  post({ type: 'month', runId, setting, replication, month, months, indicator, zone, value });
}

function runJob(runId: number, job: RunJob): void {
  const l = loadText(job.name, job.text);
  const sc = l.scenario;
  const results: ReplicationResult[] = [];
  for (let r = 0; r < sc.replications; r++) {
    const res = runReplication(sc, {
      replication: r,
      seed: sc.seed,
      sample: sc.sample,
      months: sc.horizon_months,
      onObserved: (m, rec, from) => snapshot(rec, from, runId, job.setting, r, m, sc.horizon_months),
    });
    results.push({ replication: r, recorder: res.recorder, world: undefined as never });
  }
  const { csv, digest } = indicatorsCsv(sc, results);
  post({ type: 'done', runId, setting: job.setting, digest, csv });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type !== 'run') return;
  let current: SettingId | undefined;
  try {
    for (const job of msg.jobs) {
      current = job.setting;
      runJob(msg.runId, job);
    }
    post({ type: 'finished', runId: msg.runId });
  } catch (err) {
    post({ type: 'error', runId: msg.runId, setting: current, message: (err as Error).message ?? String(err) });
  }
};
