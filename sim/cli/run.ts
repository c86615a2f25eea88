/** `megasim run SCENARIO`: one scenario's replications into a run folder (manifest.json, indicators.csv, indicators.parquet, summary.json, charts/, report.html). */
import type { Command } from 'commander';
import { loadScenarioFile } from '../scenario/node.ts';
import { InputError } from '../scenario/errors.ts';
import { checkOutPath, openOutput } from '../run/outFolder.ts';
import { runCommand as commandLine } from '../run/commandLine.ts';
import { runAll, makeManifest, writeRun, settingsFor } from '../run/runScenario.ts';
import { checkRunMemory } from '../run/memory.ts';
import { loadTargetsFile, targetsFor } from '../scenario/targetsFile.ts';
import { targetsText } from '../run/targets.ts';
import { monthsOpt, peakMemoryMiB, replicationsOpt, sampleOpt, say, seedOpt, workersOpt } from './options.ts';

interface RunFlags {
  seed?: number;
  replications?: number;
  sample?: number;
  months?: number;
  out?: string;
  workers: number;
  check?: boolean;
  force?: boolean;
  targets?: string;
}

export function runCommand(program: Command): void {
  program
    .command('run')
    .description('run one scenario: writes manifest.json, indicators.csv (and .parquet), summary.json, charts/ and report.html')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seed <n>', 'master seed (default: the scenario\'s)', seedOpt)
    .option('--replications <r>', 'replications', replicationsOpt)
    .option('--sample <f>', 'agents per real person (0.01 = one agent per 100 people)', sampleOpt)
    .option('--months <m>', 'months to simulate (default: the scenario\'s horizon)', monthsOpt)
    .option('--out <dir>', 'output folder (default: runs/<scenario-id>)')
    .option('--workers <w>', 'worker threads for replications', workersOpt, 1)
    .option('--check', 'check the model\'s invariants after every step of every month')
    .option('--force', 'overwrite an output folder that already holds files')
    .option('--targets <file>', 'hold the run against this targets file (default: the targets files for the scenario in scenarios/targets/)')
    .action(async (file: string, o: RunFlags) => {
      const t0 = process.hrtime.bigint();
      const loaded = loadScenarioFile(file);
      const st = settingsFor(loaded, o);
      const out = checkOutPath(o.out ?? `runs/${loaded.scenario.id}`); // before anything runs
      // Targets files are read (and refused when malformed) before anything runs.
      if (o.targets) loadTargetsFile(o.targets);
      targetsFor(loaded.files);
      const mem = checkRunMemory(loaded.scenario.city, { ...st, workers: o.workers, policies: loaded.scenario.policies }); // before anything is allocated
      if (!mem.fits) throw new InputError(mem.message);
      // Written into a staging folder beside `out` and swapped in whole at the end (sim/run/outFolder.ts).
      const target = openOutput(out, { force: o.force === true });
      let output;
      let targetLines: string[] = [];
      try {
        // Loaded only when needed, so that `validate` and `--help` stay fast.
        if (o.check) output = (await import('../run/checked.ts')).runChecked(loaded, st, true);
        else if (o.workers > 1) output = await (await import('../run/pool.ts')).runAllParallel(loaded, st, o.workers);
        else output = runAll(loaded, st, true);
        const manifest = makeManifest(loaded, st, output, commandLine(file, st), file);
        writeRun(target.dir, output, manifest);
        // indicators.parquet beside indicators.csv, recorded before the charts (the report embeds the manifest).
        const { writeRunParquet } = await import('../run/parquet.ts');
        manifest.outputs = { ...manifest.outputs, ...(await writeRunParquet(target.dir, loaded.scenario.start, st.seed)) };
        const { writeRunCharts } = await import('../../viz/publish/run.ts');
        const table = writeRunCharts(target.dir, loaded, st, output, manifest, o.targets ? [o.targets] : []);
        targetLines = targetsText(table.rows[0]?.rows ?? []);
        await target.commit();
      } catch (e) {
        target.abandon();
        throw e;
      }
      for (const line of targetLines) say(line);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      say(`wrote ${out}`);
      say(`digest ${output.digest}`);
      say(`wall time ${secs.toFixed(1)} s, peak memory ${peakMemoryMiB()} MiB`);
    });
}
