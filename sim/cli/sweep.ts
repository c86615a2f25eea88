/** `megasim sweep` and `megasim merge` (docs/cluster.md); the data in sim/run/sweep.ts and sim/run/merge.ts, charts/ in viz/publish/sweep.ts. */
import type { Command } from 'commander';
import { say, workersOpt } from './options.ts';
import { InputError } from '../scenario/errors.ts';

export function sweepCommands(program: Command): void {
  program
    .command('sweep')
    .description('run a parameter sweep (or one shard of it): one file per finished run in runs/, then results.csv, summary.csv and charts/')
    .argument('<sweep_file>', 'sweep file (YAML): base scenario, parameters, seeds, indicators')
    .option('--shard <k/n>', 'run only the runs with index mod N = K (K from 0), e.g. --shard $SLURM_ARRAY_TASK_ID/8')
    .option('--out <dir>', 'output folder (default: runs/sweep-<id>[-shard-K-of-N])')
    .option('--resume', 'continue a sweep in --out: skip the runs already finished')
    .option('--force', 'start over in an output folder that already holds files')
    .option('--workers <w>', 'worker threads (runs in parallel)', workersOpt, 1)
    .option('--export <format>', 'write the design for an outside tool instead of running it: salib (params.txt, problem.json, samples.txt)')
    .action(async (file: string, o: { shard?: string; out?: string; resume?: boolean; force?: boolean; workers: number; export?: string }) => {
      if (o.export !== undefined) {
        if (o.export !== 'salib') throw new InputError(`--export expects salib, found "${o.export}"`);
        const { exportSalib } = await import('../run/salib.ts');
        const r = exportSalib(file, o.out, o.force === true);
        say(`wrote ${r.out}: params.txt, problem.json, samples.txt (${r.points} points)`);
        return;
      }
      const { sweepAndPublish } = await import('../../viz/publish/sweep.ts');
      const r = await sweepAndPublish(file, { out: o.out, shard: o.shard, resume: o.resume === true, force: o.force === true, workers: o.workers });
      say(`wrote ${r.out}`);
      say(`runs: ${r.ran} run, ${r.skipped} already finished, ${r.shardRuns} in this ${o.shard ? `shard (${o.shard})` : 'sweep'}`);
      say(r.complete ? 'complete: results.csv, summary.csv, charts/, report.html' : 'partial: merge the shards with megasim merge DIR... --out DIR');
    });

  program
    .command('merge')
    .description("join the output folders of a sweep's shards into one folder (byte-identical to the unsharded sweep)")
    .argument('<dirs...>', 'sweep output folders (shards)')
    .requiredOption('--out <dir>', 'folder for the merged sweep')
    .option('--force', 'overwrite an output folder that already holds files')
    .action(async (dirs: string[], o: { out: string; force?: boolean }) => {
      const { mergeAndPublish } = await import('../../viz/publish/sweep.ts');
      const r = await mergeAndPublish(dirs, o.out, o.force === true);
      say(`wrote ${r.out}`);
      if (r.calibration) {
        say(`merged ${r.runs} candidate runs of a calibration from ${r.folders} folder(s)`);
        const w = r.calibration.waiting;
        say(r.calibration.complete ? `complete (${r.calibration.stop}): posterior.csv, generations.csv, calibrated.yaml, charts/` : `waiting at generation ${w!.gen} batch ${w!.batch} (${w!.missing} run(s) missing): copy this folder to each shard and run megasim calibrate --shard K/N --resume again`);
        return;
      }
      say(`merged ${r.runs} runs from ${r.folders} folder(s): results.csv, summary.csv, charts/, report.html`);
    });
}
