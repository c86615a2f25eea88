/**
 * One replication as a self-contained task, and the worker_threads entry
 * that runs such tasks for the pool (sim/run/pool.ts). A task carries the
 * validated scenario, seed, replication, sample and months; its result is
 * the replication's rows (sim/run/rows.ts; transferred, not copied) plus the
 * population pyramid at the horizon when asked for. The same `runTask` runs
 * in the main thread for `--workers 1`, so results cannot depend on where a
 * task ran.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.ts';
import { runReplication } from './simulate.ts';
import { rowBuffers, type Rows } from './rows.ts';
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

/** A replication's recorded rows (their buffers transferred, not copied) and, when asked for, its pyramid at the horizon. */
export interface ReplicationPayload {
  rows: Rows;
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
  return { rows: res.rows, pyramid: task.pyramid ? pyramidOf(res.world, task.months) : null };
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
      port.postMessage({ type: 'done', id, payload } satisfies WorkerMessage, rowBuffers(payload.rows));
    } catch (e) {
      const err = e as Error;
      port.postMessage({ type: 'error', id, message: err?.message ?? String(e), stack: err?.stack } satisfies WorkerMessage);
    }
  });
}
