/** `megasim query DIR... "SQL"`: DuckDB SQL over the Parquet files of run, comparison and sweep folders (sim/run/query.ts); prints a table or writes --csv / --parquet. */
import type { Command } from 'commander';
import { InputError } from '../scenario/errors.ts';
import { intIn, say } from './options.ts';

interface QueryFlags {
  csv?: string;
  parquet?: string;
  force?: boolean;
  maxRows: number;
}

export function queryCommand(program: Command): void {
  program
    .command('query')
    .description('run DuckDB SQL over the Parquet files of one or more output folders (views: indicators, comparison, differences, results, summary); print a table or write CSV/Parquet')
    .argument('<folders_then_sql...>', 'one or more folders written by megasim run, compare or sweep (e.g. every shard of a sweep), then the SQL in quotes')
    .option('--csv <file>', 'write the whole result as CSV')
    .option('--parquet <file>', 'write the whole result as Parquet')
    .option('--force', 'overwrite an existing --csv or --parquet file')
    .option('--max-rows <n>', 'rows to print', intIn('--max-rows', 0, 1_000_000), 100)
    .addHelpText(
      'after',
      `
Views (each over every such file in the folders and the folders inside them):
  indicators   indicators.parquet  every recorded value (run folders; a comparison's member runs)
  comparison   comparison.parquet  statistics across seeds (comparison folders)
  differences  differences.parquet paired differences against the baseline (comparison folders)
  results      results.parquet     one row per sweep run, month, indicator, zone (sweep folders, shards too)
  summary      summary.parquet     statistics across seeds per design point (complete sweep folders)

Example:
  megasim query runs/chongqing-2010 "SELECT date, value FROM indicators WHERE indicator = 'hukou_share' AND zone = 'all' ORDER BY date"`,
    )
    .action(async (args: string[], o: QueryFlags) => {
      if (args.length < 2) throw new InputError(`megasim query needs one or more folders, then the SQL in quotes, e.g. megasim query runs/x "SELECT * FROM indicators LIMIT 5"; found ${args.length === 0 ? 'nothing' : `only ${JSON.stringify(args[0])}`}`);
      const dirs = args.slice(0, -1);
      const sql = args[args.length - 1]!;
      const { formatTable, runQuery, thousands } = await import('../run/query.ts');
      const r = await runQuery(dirs, sql, { csv: o.csv, parquet: o.parquet, force: o.force === true, maxRows: o.maxRows });
      if (r.written.length === 0) say(formatTable(r));
      for (const f of r.written) say(`wrote ${f} (${thousands(r.total)} row${r.total === 1 ? '' : 's'}, ${r.columns.length} column${r.columns.length === 1 ? '' : 's'})`);
    });
}
