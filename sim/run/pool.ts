/**
 * A worker_threads pool for replications. Each worker registers tsx and loads
 * sim/run/worker.ts (tsx is resolved from this package, so it works under
 * `npx megasim`, `tsx sim/cli.ts` and vitest alike) and runs one task at a
 * time; results are stored by task index, so the outputs are assembled in
 * task order whatever the number of workers or the order of completion.
 * With one worker (or one task) everything runs in this thread.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Loaded } from '../scenario/load.ts';
import { buildOutputs, type RunOutput, type RunSettings } from './runScenario.ts';
import type { Replication } from './simulate.ts';
import { progressBar } from './progress.ts';
import { runTask, WORKER_MARK, type ReplicationPayload, type ReplicationTask, type WorkerMessage } from './worker.ts';

export interface PoolOptions {
  /** Number of worker threads (1 = run in this thread). */
  workers: number;
  /** Called as months complete: months simulated so far over all tasks, and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * file: URL of one of tsx's exports, resolved from this package: `./esm/api` (the register API the
 * worker threads and bin/megasim.mjs use) or `./esm` (a module that registers tsx's ESM loader when
 * imported, for `node --import`). Never tsx's default export: it also hooks CommonJS, which slows the
 * model by 5–10% (docs/performance.md, "How the code is loaded").
 */
export function tsxExportUrl(key: './esm/api' | './esm'): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, string | { import?: { default?: string } }> };
  const e = pkg.exports?.[key];
  const rel = typeof e === 'string' ? e : e?.import?.default;
  if (!rel) throw new Error(`tsx at ${dirname(pkgPath)} has no ${key} export`);
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/**
 * The worker's entry module, as a data: URL: it registers tsx in the new
 * thread (hooks registered by the parent do not reach workers on Node 20)
 * and then imports worker.ts.
 */
export function workerEntryUrl(): URL {
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsxExportUrl('./esm/api'))};\nregister();\nawait import(${JSON.stringify(worker)});\n`;
  return new URL('data:text/javascript,' + encodeURIComponent(code));
}

/** Short description of a task for error messages. */
function describeTask(t: ReplicationTask): string {
  return `scenario ${t.scenario.id}, seed ${t.seed}, replication ${t.replication}`;
}

/** Runs `tasks` on up to `workers` threads; resolves with their payloads in task order. */
export async function runTasks(tasks: readonly ReplicationTask[], opts: PoolOptions): Promise<ReplicationPayload[]> {
  const total = tasks.reduce((s, t) => s + t.months, 0);
  const size = Math.max(1, Math.min(Math.floor(opts.workers), tasks.length));
  if (size <= 1) {
    const out: ReplicationPayload[] = [];
    let before = 0;
    for (const t of tasks) {
      out.push(runTask(t, (m) => opts.onProgress?.(before + m, total)));
      before += t.months;
    }
    return out;
  }
  const results: (ReplicationPayload | undefined)[] = new Array(tasks.length);
  const monthsDone = new Array<number>(tasks.length).fill(0);
  let doneMonths = 0;
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  const entry = workerEntryUrl();

  return new Promise<ReplicationPayload[]>((resolvePromise, rejectPromise) => {
    let settled = false;
    const stopAll = () => Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      void stopAll().then(() => rejectPromise(err));
    };
    const dispatch = (w: Worker) => {
      if (next >= tasks.length) return;
      const id = next++;
      w.postMessage({ id, task: tasks[id] });
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(entry, {
        execArgv: [],
        workerData: { role: WORKER_MARK },
        stdout: false,
        stderr: false,
      });
      workers.push(w);
      w.on('message', (msg: WorkerMessage) => {
        if (settled) return;
        if (msg.type === 'month') {
          doneMonths += msg.month - monthsDone[msg.id]!;
          monthsDone[msg.id] = msg.month;
          opts.onProgress?.(doneMonths, total);
        } else if (msg.type === 'done') {
          results[msg.id] = msg.payload;
          finished++;
          if (finished === tasks.length) {
            settled = true;
            void stopAll().then(() => resolvePromise(results as ReplicationPayload[]));
          } else dispatch(w);
        } else {
          const err = new Error(`replication failed (${describeTask(tasks[msg.id]!)}): ${msg.message}`);
          if (msg.stack) err.stack = msg.stack;
          fail(err);
        }
      });
      w.on('error', (e) => fail(new Error(`a worker thread failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!settled) fail(new Error(`a worker thread stopped early (exit code ${code})`));
      });
      dispatch(w);
    }
  });
}

/** All replications of one run on `workers` threads; the same outputs, byte for byte, as `runAll`. */
export async function runAllParallel(l: Loaded, st: RunSettings, workers: number, progress = true): Promise<RunOutput> {
  const tasks: ReplicationTask[] = [];
  for (let r = 0; r < st.replications; r++) {
    tasks.push({ scenario: l.scenario, seed: st.seed, replication: r, sample: st.sample, months: st.months, pyramid: r === 0 });
  }
  const bar = progressBar(st.replications * st.months, l.scenario.id, progress ? undefined : false);
  let payloads: ReplicationPayload[];
  try {
    payloads = await runTasks(tasks, { workers, onProgress: (d) => bar.update(d) });
  } finally {
    bar.stop();
  }
  const results: Replication[] = payloads.map((p, r) => ({ replication: r, rows: p.rows }));
  return buildOutputs(l, st, results, payloads[0]?.pyramid ?? null);
}
