#!/usr/bin/env node
/**
 * The `megasim` command: the program, one file per command beside this one,
 * and the one rule that turns an error into an exit code:
 * 0 done, 1 failed (e.g. verify found a difference, checked mode found a
 * wrong state), 2 bad input (malformed file, wrong flag, missing file,
 * unusable output folder). Bad input is detected before anything is written.
 */
import { Command, CommanderError } from 'commander';
import { InputError, ScenarioError } from '../scenario/errors.ts';
import { OutputExistsError } from '../run/files.ts';
import { VerifyInputError } from '../run/verify.ts';
import { ENGINE_VERSION } from '../version.ts';
import { runCommand } from './run.ts';
import { verifyCommand } from './verify.ts';
import { validateCommand } from './validate.ts';
import { compareCommand } from './compare.ts';
import { exploreCommand } from './explore.ts';
import { benchCommand } from './bench.ts';
import { sweepCommands } from './sweep.ts';
import { backtestCommand } from './backtest.ts';
import { calibrateCommand } from './calibrate.ts';
import { evalCommand } from './eval.ts';
import { sampleCheckCommand } from './sample-check.ts';
import { queryCommand } from './query.ts';

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
  runCommand(program);
  verifyCommand(program);
  validateCommand(program);
  compareCommand(program);
  exploreCommand(program);
  benchCommand(program);
  sweepCommands(program);
  backtestCommand(program);
  calibrateCommand(program);
  evalCommand(program);
  sampleCheckCommand(program);
  queryCommand(program);
  return program;
}

/** Bad input that is not a positioned file problem: printed as "megasim: <message>", exit 2. */
const isBadInput = (e: unknown): e is Error => e instanceof InputError || e instanceof OutputExistsError || e instanceof VerifyInputError;

/** The exit code of an error (printing its message): the one place that decides it. */
function exitCodeOf(e: unknown, debug: boolean): number {
  const stack = () => {
    if (debug) process.stderr.write(((e as Error).stack ?? '') + '\n');
  };
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (e instanceof ScenarioError) {
    process.stderr.write(e.message + '\n');
    stack();
    return 2;
  }
  if (isBadInput(e)) {
    process.stderr.write(`megasim: ${e.message}\n`);
    stack();
    return 2;
  }
  if ((e as Error).name === 'InvariantBreach') {
    // Checked mode found a wrong state: the message names month, step and agent; nothing was written.
    process.stderr.write(`megasim: ${(e as Error).message}\n`);
    stack();
    return 1;
  }
  process.stderr.write(`megasim: ${(e as Error).message}\n`);
  if (debug) stack();
  else process.stderr.write('(run with --debug for details)\n');
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return exitCodeOf(e, argv.includes('--debug'));
  }
}

// bin/megasim.mjs imports this module and calls main() itself: do not start a second run here.
if (import.meta.url === `file://${process.argv[1]}` || process.env.MEGASIM_CLI === '1') {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
