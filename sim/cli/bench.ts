/** `megasim bench [--quick] [--out FILE]`: the benchmark itself is in sim/bench/run.ts, loaded when the command runs. */
import type { Command } from 'commander';
import { resolve } from 'node:path';

export function benchCommand(program: Command): void {
  program
    .command('bench')
    .description('benchmark: engine (Boltzmann wealth model), model (Chongqing at several samples), parallel workers; prints a table, writes bench.json')
    .option('--quick', 'smaller sizes: 10^5 and 10^6 agents, samples 0.01 and 0.1')
    .option('--out <file>', 'where to write the JSON results', 'bench.json')
    .option('--scenario <file>', 'scenario for the model part (default: Chongqing 2010)')
    .action(async (o: { quick?: boolean; out: string; scenario?: string }) => {
      const { runBench, formatReport } = await import('../bench/run.ts');
      const out = resolve(o.out);
      const report = await runBench({ quick: o.quick === true, out, scenario: o.scenario, log: (s) => process.stderr.write(s + '\n') });
      process.stdout.write(formatReport(report));
      process.stdout.write(`wrote ${out}\n`);
    });
}
