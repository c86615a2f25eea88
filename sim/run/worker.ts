/**
 * One replication as a self-contained task, and the worker_threads entry
 * that runs such tasks for the pool (sim/run/pool.ts). A task carries the
 * validated scenario, seed, replication, sample and months; its result is
 * the recorder's columns as typed arrays (transferred, not copied) plus the
 * population pyramid at the horizon when asked for. The same `runTask` runs
 * in the main thread for `--workers 1`, so results cannot depend on where a
 * task ran.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.ts';
import { Recorder, runReplication } from './simulate.ts';
import { pyramidOf, type Pyramid } from './summary.ts';

export interface ReplicationTask {
  scenario: Scenario;
  seed: number;
  replication: number;
  sample: number;
  months: number;
  /** Also compute the population pyramid at the horizon. */
  pyramid: boolean;
}

/** A replication's recorded indicator rows, column by column (recording order). */
export interface ReplicationPayload {
  month: Int32Array;
  indicator: Int32Array;
  zone: Int32Array;
  value: Float64Array;
  pyramid: Pyramid | null;
}

/** Messages from a worker to the pool. */
export type WorkerMessage =
  | { type: 'month'; id: number; month: number }
  | { type: 'done'; id: number; payload: ReplicationPayload }
  | { type: 'error'; id: number; message: string; stack?: string };

/** Runs one task; `onMonth` is called after each simulated month. */
export function runTask(task: ReplicationTask, onMonth?: (m: number) => void): ReplicationPayload {
  const res = runReplication(task.scenario, {
    replication: task.replication,
    seed: task.seed,
    sample: task.sample,
    months: task.months,
    onMonth,
  });
  const rec = res.recorder;
  return {
    month: Int32Array.from(rec.month),
    indicator: Int32Array.from(rec.indicator),
    zone: Int32Array.from(rec.zone),
    value: Float64Array.from(rec.value),
    pyramid: task.pyramid ? pyramidOf(res.world, task.months) : null,
  };
}

/** A Recorder holding a payload's rows (for the CSV and summary writers). */
export function payloadRecorder(p: ReplicationPayload): Recorder {
  const rec = new Recorder();
  rec.month = Array.from(p.month);
  rec.indicator = Array.from(p.indicator);
  rec.zone = Array.from(p.zone);
  rec.value = Array.from(p.value);
  rec.current = p.month.length > 0 ? p.month[p.month.length - 1]! : 0;
  return rec;
}

/** Marks a thread started by the pool (other threads, e.g. a test runner's, may import this file too). */
export const WORKER_MARK = 'megasim-replication-worker';

// Worker entry: answer each { id, task } with month ticks and one 'done' (or 'error').
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_MARK) {
  const port = parentPort;
  port.on('message', (msg: { id: number; task: ReplicationTask }) => {
    const { id, task } = msg;
    try {
      const payload = runTask(task, (month) => port.postMessage({ type: 'month', id, month } satisfies WorkerMessage));
      port.postMessage({ type: 'done', id, payload } satisfies WorkerMessage, [
        payload.month.buffer as ArrayBuffer,
        payload.indicator.buffer as ArrayBuffer,
        payload.zone.buffer as ArrayBuffer,
        payload.value.buffer as ArrayBuffer,
      ]);
    } catch (e) {
      const err = e as Error;
      port.postMessage({ type: 'error', id, message: err?.message ?? String(e), stack: err?.stack } satisfies WorkerMessage);
    }
  });
}
