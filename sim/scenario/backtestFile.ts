/**
 * Backtest targets files (scenarios/backtest/targets.yaml, for `megasim
 * backtest`): dated real figures after each shipped city's start, copied
 * from calibration.md with their confidence. Read with the one YAML reader
 * and validated with the one zod translator, like every input file.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { INDICATORS } from '../model/observe/indicators.ts';
import { ScenarioError, describeValue, didYouMean, type ScenarioProblem } from './errors.ts';
import { readInputFile } from './node.ts';
import { locate, parseMappingFile } from './yaml.ts';
import { validateAgainst } from './problems.ts';

const Target = z.strictObject({
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month "YYYY-MM"'),
  figure: z.string().min(1).max(200),
  indicator: z.string().min(1),
  minus: z.string().min(1).optional(),
  zone: z.string().min(1).default('all'),
  value: z.number().finite(),
  confidence: z.enum(['V', 'U']),
  source: z.string().min(3),
});

export const BacktestFileSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('backtest').optional().describe('the kind of input file (megasim validate tells kinds apart by it)'),
  source: z.string().min(3),
  cities: z.array(z.strictObject({ scenario: z.string().min(1), targets: z.array(Target) })).min(1),
});
export type BacktestTarget = z.infer<typeof Target>;

/** Reads the targets file; problems name file, line, column and path (ScenarioError, exit 2). */
export function loadTargets(file: string): { scenarioPath: string; targets: BacktestTarget[] }[] {
  const { source, data } = parseMappingFile(readInputFile(file, 'backtest targets file'));
  const def = validateAgainst(BacktestFileSchema, data, [source]);
  const names = INDICATORS.map((d) => d.name);
  const problems: ScenarioProblem[] = [];
  def.cities.forEach((c, i) =>
    c.targets.forEach((t, j) => {
      for (const key of ['indicator', 'minus'] as const) {
        const n = t[key];
        if (n === undefined || names.includes(n)) continue;
        const guess = didYouMean(n, names);
        const path = ['cities', i, 'targets', j, key];
        problems.push({ ...locate([source], path), path: `cities[${i}].targets[${j}].${key}`, expected: 'an indicator name (see docs/MODEL.md, indicators)', found: describeValue(n), hint: guess ? `did you mean "${guess}"?` : undefined });
      }
    }),
  );
  if (problems.length > 0) throw new ScenarioError(problems.slice(0, 8));
  const abs = resolve(file);
  return def.cities.map((c) => ({ scenarioPath: resolve(dirname(abs), c.scenario), targets: c.targets }));
}
