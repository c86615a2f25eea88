/** `megasim eval FILE INPUT`: one parameter vector (JSON or EasyABC lines) → one run → summary statistics (sim/run/evaluate.ts). */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../scenario/errors.ts';
import { writeAtomic } from '../run/files.ts';

export function evalCommand(program: Command): void {
  program
    .command('eval')
    .description('run the model once for one parameter vector and write its summary statistics (for pyABC, EasyABC, SALib, OpenMOLE)')
    .argument('<file>', 'calibration file (statistics: its targets) or sweep file (statistics: its indicators at the horizon)')
    .argument('<input>', 'parameter vector: JSON {"seed": N, "parameters": {...}} or EasyABC lines (seed, then one value a line)')
    .option('--out <file>', 'write the statistics to this file (default: standard output)')
    .option('--force', 'overwrite --out if it exists')
    .action(async (file: string, input: string, o: { out?: string; force?: boolean }) => {
      if (o.out && existsSync(o.out) && !o.force) throw new InputError(`${o.out} exists; add --force to overwrite it`);
      const { evaluate, evalOutput } = await import('../run/evaluate.ts');
      const text = evalOutput(evaluate(file, input));
      if (o.out) writeAtomic(resolve(o.out), text);
      else process.stdout.write(text);
    });
}
