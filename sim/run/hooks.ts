/**
 * Run-time capabilities the `run` command uses: parallel replications,
 * checked mode and writing charts/report. Each starts as the plain version
 * and is replaced by its module as it lands.
 */
import type { Loaded } from '../scenario/load.ts';
import { runAll, type Manifest, type RunOutput, type RunSettings } from './runScenario.ts';

export const hooks = {
  async runParallel(l: Loaded, st: RunSettings, _workers: number): Promise<RunOutput> {
    return runAll(l, st, true);
  },
  async runChecked(l: Loaded, st: RunSettings): Promise<RunOutput> {
    return runAll(l, st, true);
  },
  async afterRun(_dir: string, _l: Loaded, _st: RunSettings, _out: RunOutput, _m: Manifest): Promise<void> {},
};
