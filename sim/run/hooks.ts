/**
 * Run-time capabilities the `run` command uses: parallel replications,
 * checked mode and writing charts/report. Each starts as the plain version
 * and is replaced by its module as it lands.
 */
import type { Loaded } from '../scenario/load.ts';
import { runAll, type Manifest, type RunOutput, type RunSettings } from './runScenario.ts';

export const hooks = {
  async runParallel(l: Loaded, st: RunSettings, workers: number): Promise<RunOutput> {
    const { runAllParallel } = await import('./pool.ts');
    return runAllParallel(l, st, workers);
  },
  async runChecked(l: Loaded, st: RunSettings): Promise<RunOutput> {
    const { runChecked } = await import('./checked.ts');
    return runChecked(l, st, true);
  },
  async afterRun(dir: string, l: Loaded, st: RunSettings, out: RunOutput, m: Manifest): Promise<void> {
    const { writeRunCharts } = await import('./charts.ts');
    writeRunCharts(dir, l, st, out, m);
  },
};
