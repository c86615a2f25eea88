#!/usr/bin/env node
/**
 * The `megasim` command. Exit codes: 0 done, 1 failed (e.g. verify found a
 * difference), 2 bad input (malformed scenario, wrong flag, missing file).
 * Bad input is detected before anything is written.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadScenarioFile } from './scenario/node.ts';
import { ScenarioError } from './scenario/errors.ts';
import { LIMITS } from './scenario/schema.ts';
import { RefusedInput } from './run/files.ts';
import { checkOutPath, openOutput } from './run/outFolder.ts';
import { runCommand } from './run/commandLine.ts';
import { runAll, makeManifest, writeRun, settingsFor } from './run/runScenario.ts';
import { differenceLine, VerifyInputError } from './run/verify.ts';
import { ENGINE_VERSION } from './version.ts';
import { addExtraCommands } from './cliExtra.ts';
import { checkRunMemory } from './run/memory.ts';

export class BadInput extends Error {}

// ---- option parsers (each refuses bad values with a message naming the flag) ----
export function intIn(flag: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${flag} expects a whole number, found "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, found ${n}`);
    return n;
  };
}
export function floatIn(flag: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} expects a number, found "${v}"`);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, found ${n}`);
    return n;
  };
}

export const seedOpt = intIn('--seed', 0, LIMITS.seedMax);
export const sampleOpt = floatIn('--sample', LIMITS.sampleMin, LIMITS.sampleMax);
export const monthsOpt = intIn('--months', 1, LIMITS.monthsMax);
export const replicationsOpt = intIn('--replications', 1, LIMITS.replicationsMax);

const say = (s: string) => process.stdout.write(s + '\n');

function peakMemoryMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('megasim')
    .description('Agent-based simulator of megacity governance policies')
    .version(ENGINE_VERSION)
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run megasim --help for usage)');

  program
    .command('run')
    .description('run one scenario: writes manifest.json, indicators.csv, summary.json, charts/ and report.html')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seed <n>', 'master seed (default: the scenario\'s)', seedOpt)
    .option('--replications <r>', 'replications', replicationsOpt)
    .option('--sample <f>', 'agents per real person (0.01 = one agent per 100 people)', sampleOpt)
    .option('--months <m>', 'months to simulate (default: the scenario\'s horizon)', monthsOpt)
    .option('--out <dir>', 'output folder (default: runs/<scenario-id>)')
    .option('--workers <w>', 'worker threads for replications', intIn('--workers', 1, 64), 1)
    .option('--check', 'check the model\'s invariants after every step of every month')
    .option('--force', 'overwrite an output folder that already holds files')
    .action(async (file: string, o: { seed?: number; replications?: number; sample?: number; months?: number; out?: string; workers: number; check?: boolean; force?: boolean }) => {
      const t0 = process.hrtime.bigint();
      const loaded = loadScenarioFile(file);
      const st = settingsFor(loaded, o);
      const out = checkOutPath(o.out ?? `runs/${loaded.scenario.id}`); // before anything runs
      const mem = checkRunMemory(loaded.scenario.city, { ...st, workers: o.workers }); // before anything is allocated
      if (!mem.fits) throw new BadInput(mem.message);
      // Written into a staging folder beside `out`, swapped in whole at the end (sim/run/outFolder.ts).
      const target = openOutput(out, { force: o.force === true });
      let output;
      try {
        const hooks = await runHooks();
        output = o.check ? await hooks.runChecked(loaded, st) : o.workers > 1 ? await hooks.runParallel(loaded, st, o.workers) : runAll(loaded, st, true);
        const manifest = makeManifest(loaded, st, output, runCommand(file, st), file);
        writeRun(target.dir, output, manifest);
        await hooks.afterRun(target.dir, loaded, st, output, manifest);
        await target.commit();
      } catch (e) {
        target.abandon();
        throw e;
      }
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      say(`wrote ${out}`);
      say(`digest ${output.digest}`);
      say(`wall time ${secs.toFixed(1)} s, peak memory ${peakMemoryMiB()} MiB`);
    });

  program
    .command('verify')
    .description('check every file a run, comparison or sweep folder records and repeat its runs (exit 0 match, 1 difference)')
    .argument('<dir>', 'a folder written by megasim run, compare or sweep')
    .action(async (dir: string) => {
      const { verifyFolder } = await import('./run/verifyFolder.ts');
      const r = await verifyFolder(dir);
      if (r.ok) {
        say(r.message);
        return;
      }
      process.stderr.write(`verify failed: ${r.message}\n`);
      if (r.firstDifference) process.stderr.write(differenceLine(r.firstDifference) + '\n');
      process.exitCode = 1;
    });

  program
    .command('validate')
    .description('check scenario files against the schema')
    .argument('<files...>', 'scenario or comparison files')
    .action(async (files: string[]) => {
      let bad = 0;
      for (const f of files) {
        try {
          const { looksLikeComparison, loadComparisonFile } = await import('./run/comparisonFile.ts');
          if (looksLikeComparison(f)) {
            const c = loadComparisonFile(f);
            for (const p of c.scenarioPaths) loadScenarioFile(p);
            say(`ok ${f} (comparison ${c.comparison.id}, ${c.scenarioPaths.length} scenarios)`);
            continue;
          }
          const l = loadScenarioFile(f);
          say(`ok ${f} (${l.scenario.id})`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          bad++;
          process.stderr.write(e.message + '\n');
        }
      }
      if (bad > 0) {
        process.stderr.write(`${bad} of ${files.length} file(s) invalid\n`);
        process.exitCode = 2;
      }
    });

  addExtraCommands(program);
  return program;
}

/** Optional capabilities (workers, checked mode, charts) loaded lazily so `validate` stays fast. */
async function runHooks() {
  const m = await import('./run/hooks.ts');
  return m.hooks;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    if (e instanceof ScenarioError) {
      process.stderr.write(e.message + '\n');
      if (debug) process.stderr.write((e.stack ?? '') + '\n');
      return 2;
    }
    if (e instanceof RefusedInput || e instanceof VerifyInputError || e instanceof BadInput) {
      process.stderr.write(`megasim: ${e.message}\n`);
      if (debug) process.stderr.write((e.stack ?? '') + '\n');
      return 2;
    }
    if ((e as Error).name === 'InvariantBreach') {
      // Checked mode found a wrong state: the message names month, step and agent; nothing was written.
      process.stderr.write(`megasim: ${(e as Error).message}\n`);
      if (debug) process.stderr.write(((e as Error).stack ?? '') + '\n');
      return 1;
    }
    process.stderr.write(`megasim: ${(e as Error).message}\n`);
    if (debug) process.stderr.write(((e as Error).stack ?? '') + '\n');
    else process.stderr.write('(run with --debug for details)\n');
    return 1;
  }
}

// bin/megasim.mjs imports this module and calls main() itself: do not start a second run here.
if (import.meta.url === `file://${process.argv[1]}` || process.env.MEGASIM_CLI === '1') {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
