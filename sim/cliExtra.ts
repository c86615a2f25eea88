/** Commands added by later work (compare, sweep, merge, bench, explore) register here. */
import type { Command } from 'commander';
import { registerCompare } from './run/compare.ts';
import { registerExplore } from './run/explore.ts';
import { registerBench } from './bench/command.ts';
import { registerSweep } from './run/sweepCommand.ts';
import { intIn, monthsOpt, sampleOpt } from './cli.ts';

export function addExtraCommands(_program: Command): void {
  registerCompare(_program, { sample: sampleOpt, months: monthsOpt, workers: intIn('--workers', 1, 64) });
  registerExplore(_program);
  registerBench(_program);
  registerSweep(_program, { workers: intIn('--workers', 1, 64) });
}
