/** `megasim verify RUN_DIR`: repeats a run from its manifest and compares digests (exit 0 match, 1 difference). */
import type { Command } from 'commander';
import { verifyRun } from '../run/verify.ts';
import { say } from './options.ts';

export function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description('repeat a run from its manifest and compare digests (exit 0 match, 1 difference)')
    .argument('<run_dir>', 'a run folder written by megasim run')
    .action((dir: string) => {
      const r = verifyRun(dir);
      if (r.ok) {
        say(r.message);
        return;
      }
      process.stderr.write(`verify failed: ${r.message}\n`);
      if (r.firstDifference) {
        const d = r.firstDifference;
        process.stderr.write(`first difference: indicator ${d.indicator} (replication ${d.replication}, month ${d.month}, zone ${d.zone}): stored ${d.stored}, repeated ${d.repeated}\n`);
      }
      process.exitCode = 1;
    });
}
