/** `megasim calibrate FILE`: ABC-SMC of scenario parameters against targets (sim/run/calibrate.ts). */
import type { Command } from 'commander';
import { formatNumber } from '../engine/format.ts';
import { say, workersOpt } from './options.ts';

export function calibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description('calibrate scenario parameters by ABC-SMC against declared targets: posterior samples and weights, generations.csv, charts/, calibrated.yaml')
    .argument('<calibration_file>', 'calibration file (YAML): scenario, parameters with priors, targets, distance, abc settings')
    .option('--shard <k/n>', 'run only the candidates with index mod N = K of the current stage, then stop until the other shards are done')
    .option('--out <dir>', 'output folder (default: runs/calibrate-<id>)')
    .option('--resume', 'continue a calibration in --out: keep the runs already finished')
    .option('--force', 'start over in a calibration folder')
    .option('--workers <w>', 'worker threads (candidates in parallel)', workersOpt, 1)
    .action(async (file: string, o: { shard?: string; out?: string; resume?: boolean; force?: boolean; workers: number }) => {
      const t0 = process.hrtime.bigint();
      const { calibrateAndPublish } = await import('../../viz/publish/calibrate.ts');
      const r = await calibrateAndPublish(file, { out: o.out, shard: o.shard, resume: o.resume === true, force: o.force === true, workers: o.workers });
      say(`wrote ${r.out}`);
      say(`ran ${r.ran} candidate(s) in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
      for (const g of r.generations) {
        say(`generation ${g.generation}: ε ${Number.isFinite(g.epsilon) ? formatNumber(g.epsilon) : '∞ (prior)'}, accepted ${g.accepted} of ${g.simulated} (${formatNumber(g.acceptance_rate * 100)}%), ESS ${formatNumber(g.ess)}`);
      }
      if (!r.complete) {
        say(`waiting: generation ${r.waiting!.gen} batch ${r.waiting!.batch} needs ${r.waiting!.missing} run(s) of other shards; run them, then again with --resume (or megasim merge the shard folders)`);
        return;
      }
      say(`complete (${r.stop}): posterior.csv, posterior-summary.csv, generations.csv, calibrated.yaml, charts/`);
    });
}
