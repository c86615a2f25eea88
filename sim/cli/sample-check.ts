/** `megasim sample-check SCENARIO --samples a,b,c`: does a cheap sample distort the headline indicators? (sim/run/sampleCheck.ts) */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { loadScenarioFile } from '../scenario/node.ts';
import { InputError } from '../scenario/errors.ts';
import { LIMITS } from '../scenario/schema.ts';
import { checkOutDir, writeAtomic } from '../run/files.ts';
import { checkRunMemory } from '../run/memory.ts';
import { monthsOpt, parseSeeds, say, workersOpt } from './options.ts';

function samplesOpt(v: string): number[] {
  const xs = v.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (xs.length < 2 || xs.some((x) => !Number.isFinite(x) || x < LIMITS.sampleMin || x > LIMITS.sampleMax)) {
    throw new InvalidArgumentError(`--samples expects two or more samples between ${LIMITS.sampleMin} and ${LIMITS.sampleMax}, comma-separated (e.g. 0.001,0.01,0.1), found "${v}"`);
  }
  if (new Set(xs).size !== xs.length) throw new InvalidArgumentError(`--samples: a sample is named twice in "${v}"`);
  return xs;
}

export function sampleCheckCommand(program: Command): void {
  program
    .command('sample-check')
    .description('run a scenario at several samples over the same seeds: each headline indicator\'s difference from the largest sample with a 95% interval, and the smallest sample inside the seed noise')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--samples <list>', 'samples to compare, e.g. 0.001,0.01,0.1', samplesOpt)
    .option('--seeds <a..b>', 'seeds (replication 0 of each)', parseSeeds, { from: 1, to: 5 })
    .option('--months <m>', "months (default: the scenario's horizon)", monthsOpt)
    .option('--workers <w>', 'worker threads', workersOpt, 1)
    .option('--out <dir>', 'also write sample-check.csv and sample-check.md here')
    .option('--force', 'overwrite --out if it holds files')
    .action(async (file: string, o: { samples: number[]; seeds: { from: number; to: number }; months?: number; workers: number; out?: string; force?: boolean }) => {
      const t0 = process.hrtime.bigint();
      const l = loadScenarioFile(file);
      const months = o.months ?? l.scenario.horizon_months;
      const seeds = Array.from({ length: o.seeds.to - o.seeds.from + 1 }, (_, i) => o.seeds.from + i);
      if (seeds.length < 2) throw new InputError('--seeds: at least two seeds are needed for an interval');
      const mem = checkRunMemory(l.scenario.city, { sample: Math.max(...o.samples), months, replications: 1, workers: o.workers, policies: l.scenario.policies });
      if (!mem.fits) throw new InputError(mem.message);
      const out = o.out ? resolve(o.out) : null;
      if (out) checkOutDir(out, o.force === true);
      const { runSampleCheck, sampleCheckCsv, sampleCheckMarkdown } = await import('../run/sampleCheck.ts');
      const c = await runSampleCheck(l, { samples: o.samples, seeds, months, workers: o.workers });
      const md = sampleCheckMarkdown(c);
      process.stdout.write(`${l.scenario.id}: ${months} months, seeds ${o.seeds.from}..${o.seeds.to}\n\n${md}`);
      if (out) {
        mkdirSync(out, { recursive: true });
        writeAtomic(join(out, 'sample-check.csv'), sampleCheckCsv(c));
        writeAtomic(join(out, 'sample-check.md'), `# megasim sample-check ${file}\n\n${months} months, seeds ${o.seeds.from}..${o.seeds.to}\n\n${md}`);
        say(`wrote ${out}`);
      }
      say(`wall time ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    });
}
