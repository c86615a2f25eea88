/** `megasim compare FILE...`: scenarios × seeds in parallel (the data in sim/run/compare.ts, charts and report in viz/publish/compare.ts). */
import type { Command } from 'commander';
import { join } from 'node:path';
import { checkOutPath, openOutput } from '../run/outFolder.ts';
import { checkCompareMemory, headlineSummary, planCompare, runCompare, type CompareManifest, type CompareOptions, type CompareResult } from '../run/compare.ts';
import { writeCompare } from '../../viz/publish/compare.ts';
import { formatDifference } from '../../viz/format.ts';
import { seedList } from '../scenario/seeds.ts';
import { defaultWorkers, monthsOpt, textOpt, parseSeeds, peakMemoryMiB, sampleOpt, say, workersOpt } from './options.ts';

export function compareCommand(program: Command): void {
  program
    .command('compare')
    .description('run scenarios × seeds in parallel: comparison.csv, differences.csv, charts/, report.html, runs/, manifest.json')
    .argument('<files...>', 'a comparison file (scenarios/comparisons/*.yaml) or two or more scenario files')
    .option('--seeds <a..b>', 'seeds A..B (default: the comparison file\'s, else 1..10); member (scenario, seed S) = replication 0 of seed S', parseSeeds)
    .option('--sample <f>', 'agents per real person (default: the comparison file\'s, else the first scenario\'s)', sampleOpt)
    .option('--months <m>', 'months to simulate (default: the comparison file\'s, else the first scenario\'s horizon)', monthsOpt)
    .option('--out <dir>', 'output folder (default: runs/<comparison-id>)')
    .option('--workers <w>', 'worker threads (default: the number of CPU cores; results do not depend on it)', workersOpt)
    .option('--title <text>', "the report's title (default: the comparison file's, else \"Comparison: A vs B\")", textOpt('--title'))
    .option('--question <text>', 'the question the comparison answers, under the title (default: the comparison file\'s; none for scenario files that ask different questions)', textOpt('--question'))
    .option('--force', 'overwrite an output folder that already holds files')
    .action(async (files: string[], o: CompareOptions & { workers?: number; force?: boolean }) => {
      const workers = o.workers ?? defaultWorkers(); // the default is in the help text, once
      const t0 = process.hrtime.bigint();
      const plan = planCompare(files, o);
      checkOutPath(plan.out);
      checkCompareMemory(plan, workers);
      // Written into a staging folder beside --out and swapped in whole at the end (sim/run/outFolder.ts).
      const target = openOutput(plan.out, { force: o.force === true });
      let res: CompareResult;
      let manifest: CompareManifest;
      try {
        res = await runCompare(plan, workers);
        manifest = await writeCompare(plan, res, target.dir);
        await target.commit();
      } catch (e) {
        target.abandon();
        throw e;
      }
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      say(`wrote ${plan.out}`);
      say(`report ${join(plan.out, 'report.html')}`);
      const lines = headlineSummary(plan, res.diffs, formatDifference);
      if (lines.length > 0) {
        const n = seedList(plan.seeds).length;
        say(`headline differences at month ${plan.months} (${n === 1 ? '1 seed' : `${n} seeds`}; * = 95% interval excludes 0):`);
        for (const l of lines) say(l);
      }
      say(`digest ${manifest.digest}`);
      say(`wall time ${secs.toFixed(1)} s, ${plan.members.length * seedList(plan.seeds).length} runs, ${workers} worker(s), peak memory ${peakMemoryMiB()} MiB`);
    });
}
