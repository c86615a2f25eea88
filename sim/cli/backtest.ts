/** `megasim backtest`: each shipped city from its start against the dated real figures after it (docs/validation.md). */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backtestCity, backtestCsv, backtestTable, loadTargets, type BacktestRow } from '../run/backtest.ts';
import { InputError } from '../scenario/errors.ts';
import { intIn, sampleOpt, say } from './options.ts';

export function backtestCommand(program: Command): void {
  program
    .command('backtest')
    .description('run each shipped city from its start and compare it with the dated real figures after the start; writes backtest.csv')
    .option('--targets <file>', 'the dated figures (YAML)', 'scenarios/backtest/targets.yaml')
    .option('--seeds <n>', 'replications per city', intIn('--seeds', 1, 100), 5)
    .option('--sample <f>', 'agents per real person', sampleOpt, 0.01)
    .option('--out <dir>', 'folder for backtest.csv', 'runs/backtest')
    .option('--force', 'overwrite an existing backtest.csv')
    .action((o: { targets: string; seeds: number; sample: number; out: string; force?: boolean }) => {
      const cities = loadTargets(o.targets);
      const out = resolve(o.out);
      const csv = join(out, 'backtest.csv');
      if (existsSync(csv) && !o.force) throw new InputError(`${csv} exists (use --force to overwrite)`);
      const rows: BacktestRow[] = [];
      const ids: string[] = [];
      for (const c of cities) {
        const r = backtestCity(c.scenarioPath, c.targets, o);
        ids.push(r.city);
        rows.push(...r.rows);
      }
      process.stdout.write(backtestTable(rows, ids));
      mkdirSync(out, { recursive: true });
      writeFileSync(csv, backtestCsv(rows));
      say(`wrote ${csv}`);
    });
}
