/** `megasim validate FILE...`: checks scenario and comparison files against their schemas (exit 2 if any is invalid). */
import type { Command } from 'commander';
import { loadScenarioFile } from '../scenario/node.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { looksLikeComparison, loadComparisonFile } from '../scenario/comparisonFile.ts';
import { say } from './options.ts';

export function validateCommand(program: Command): void {
  program
    .command('validate')
    .description('check scenario files against the schema')
    .argument('<files...>', 'scenario or comparison files')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        try {
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
}
