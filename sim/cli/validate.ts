/**
 * `megasim validate FILE...`: checks scenario, comparison, sweep and backtest targets files
 * against their schemas (exit 2 if any is invalid). Each file's kind comes
 * from its `kind:` or `$schema`, else from its keys (sim/scenario/kind.ts);
 * a file whose keys do not tell is reported as such, not guessed.
 */
import type { Command } from 'commander';
import { loadScenarioFile, readInputFile } from '../scenario/node.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { parseMappingFile } from '../scenario/yaml.ts';
import { findKind, unknownKindProblem } from '../scenario/kind.ts';
import { loadComparisonFile } from '../scenario/comparisonFile.ts';
import { say } from './options.ts';

/** Validates one input file of any kind; returns the line to print, or throws ScenarioError (or InputError for a sweep). */
export async function validateInputFile(f: string): Promise<string> {
  const text = readInputFile(f, 'scenario file');
  const { source, data } = parseMappingFile(text);
  const found = findKind(data, source, text.text);
  if (found.kind === null) throw unknownKindProblem(found, source);
  if (found.kind === 'comparison') {
    const c = loadComparisonFile(f);
    for (const p of c.scenarioPaths) loadScenarioFile(p);
    return `ok ${f} (comparison ${c.comparison.id}, ${c.scenarioPaths.length} scenarios)`;
  }
  if (found.kind === 'sweep') {
    const { loadSweep } = await import('../run/sweep.ts');
    const sw = loadSweep(f);
    return `ok ${f} (sweep ${sw.def.id}, ${sw.totalRuns} runs)`;
  }
  if (found.kind === 'backtest') {
    const { loadTargets } = await import('../scenario/backtestFile.ts');
    const cities = loadTargets(f);
    for (const c of cities) loadScenarioFile(c.scenarioPath);
    return `ok ${f} (backtest targets, ${cities.length} cities, ${cities.reduce((n, c) => n + c.targets.length, 0)} figures)`;
  }
  const l = loadScenarioFile(f);
  return `ok ${f} (${l.scenario.id})`;
}

export function validateCommand(program: Command): void {
  program
    .command('validate')
    .description('check scenario, comparison, sweep and backtest targets files against their schemas')
    .argument('<files...>', 'scenario, comparison, sweep or backtest targets files')
    .action(async (files: string[]) => {
      const { SweepInputError } = await import('../scenario/sweepFile.ts');
      let bad = 0;
      for (const f of files) {
        try {
          say(await validateInputFile(f));
        } catch (e) {
          if (e instanceof ScenarioError) process.stderr.write(e.message + '\n');
          else if (e instanceof SweepInputError) process.stderr.write(`megasim: ${e.message}\n`);
          else throw e;
          bad++;
        }
      }
      if (bad > 0) {
        process.stderr.write(`${bad} of ${files.length} file(s) invalid\n`);
        process.exitCode = 2;
      }
    });
}
