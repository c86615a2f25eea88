/** `megasim verify DIR`: checks every file a run, comparison or sweep folder records and repeats its runs (exit 0 match, 1 difference; sim/run/verifyFolder.ts). */
import type { Command } from 'commander';
import { differenceLine } from '../run/verify.ts';
import { say } from './options.ts';

export function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check every file a run, comparison or sweep folder records and repeat its runs (exit 0 match, 1 difference)')
    .argument('<dir>', 'a folder written by megasim run, compare or sweep')
    .action(async (dir: string) => {
      const { verifyFolder } = await import('../run/verifyFolder.ts');
      const { renderRunCharts } = await import('../../viz/publish/run.ts');
      const { sweepCharts, sweepReport } = await import('../../viz/publish/sweep.ts');
      const r = await verifyFolder(dir, { runCharts: renderRunCharts, sweepCharts, sweepReport });
      if (r.ok) {
        say(r.message);
        return;
      }
      process.stderr.write(`verify failed: ${r.message}\n`);
      if (r.firstDifference) process.stderr.write(differenceLine(r.firstDifference) + '\n');
      process.exitCode = 1;
    });
}
