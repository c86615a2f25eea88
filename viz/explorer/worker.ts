/**
 * The explorer's Web Worker: runs `sim/` unchanged, off the page's thread.
 * For each job (setting A, then B) it loads the very YAML text the page
 * offers for download, with the same loader as `megasim run`, runs its replications with
 * `runReplication`, posts each month's recorded rows (sim/run/rows.ts, the
 * rows the replication recorded, not a second observation) for the charts
 * and the progress bar, with the population pyramid (sim/model/observe/pyramid.ts,
 * as `megasim run` takes it at the horizon) at month 0, every twelfth month and
 * the last, and finally posts indicators.csv and its digest as
 * built by `indicatorsCsv` — the bytes `megasim run` writes for the same
 * resolved scenario.
 */
/// <reference lib="webworker" />
import { z } from 'zod';
import { loadText } from './catalog.ts';
import { runReplication, indicatorsCsv, type Replication } from '../../sim/run/simulate.ts';
import { rowBuffers, sliceRows, type Rows } from '../../sim/run/rows.ts';
import { pyramidOf, type Pyramid } from '../../sim/run/summary.ts';
import type { World } from '../../sim/model/world.ts';

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
      /** The rows recorded at this month (all of them carry `month`). */
      rows: Rows;
    }
  | { type: 'pyramid'; runId: number; setting: SettingId; replication: number; pyramid: Pyramid }
  | { type: 'done'; runId: number; setting: SettingId; digest: string; csv: string }
  | { type: 'finished'; runId: number }
  | { type: 'error'; runId: number; setting?: SettingId; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

function runJob(runId: number, job: RunJob): void {
  const l = loadText(job.name, job.text);
  const sc = l.scenario;
  const results: Replication[] = [];
  for (let r = 0; r < sc.replications; r++) {
    let posted = 0;
    let world: World | null = null;
    const res = runReplication(sc, {
      replication: r,
      seed: sc.seed,
      sample: sc.sample,
      months: sc.horizon_months,
      // onStart comes right after month 0 is observed, with nothing run between: month 0's pyramid.
      onStart: (w) => {
        world = w;
        post({ type: 'pyramid', runId, setting: job.setting, replication: r, pyramid: pyramidOf(w, 0) });
      },
      onObserved: (month, all) => {
        const rows = sliceRows(all, posted);
        posted = all.month.length;
        post({ type: 'month', runId, setting: job.setting, replication: r, month, months: sc.horizon_months, rows }, rowBuffers(rows));
        if (world && month > 0 && (month % 12 === 0 || month === sc.horizon_months)) post({ type: 'pyramid', runId, setting: job.setting, replication: r, pyramid: pyramidOf(world, month) });
      },
    });
    results.push({ replication: r, rows: res.rows });
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
