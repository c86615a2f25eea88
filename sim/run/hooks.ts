/**
 * Run-time capabilities the `run` command loads lazily: parallel
 * replications and checked mode. (Charts and report.html are written by
 * viz/publish/run.ts, which sim/cli.ts calls.)
 */
import type { Loaded } from '../scenario/load.ts';
import type { RunOutput, RunSettings } from './runScenario.ts';

export const hooks = {
  async runParallel(l: Loaded, st: RunSettings, workers: number): Promise<RunOutput> {
    const { runAllParallel } = await import('./pool.ts');
    return runAllParallel(l, st, workers);
  },
  async runChecked(l: Loaded, st: RunSettings): Promise<RunOutput> {
    const { runChecked } = await import('./checked.ts');
    return runChecked(l, st, true);
  },
};
