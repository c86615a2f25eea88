/**
 * Comparison files (scenarios/comparisons/*.yaml): which scenarios to run on
 * which seeds, at what sample and horizon, and which indicators head the
 * report. Validated with zod; every problem is a ScenarioError naming file,
 * line, column and path, like the scenario loader's.
 *
 * ```yaml
 * id: chongqing-differentiated
 * title: "Chongqing: differentiated settlement vs pre-reform baseline"
 * question: Does differentiated settlement ...?
 * scenarios: [../policies/chongqing-baseline.yaml, ../policies/chongqing-differentiated.yaml]
 * seeds: { from: 1, to: 10 }     # one member per scenario and seed
 * sample: 0.01                    # optional (default: the first scenario's)
 * months: 120                     # optional (default: the first scenario's horizon)
 * headline: [settlements, urban_hukou_rate, hukou_share, fiscal_cost_gov, zone_population]
 * source: "seed 000 (Chongqing case)"
 * ```
 * Scenario paths are relative to the comparison file.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LIMITS } from './schema.ts';
import { ScenarioError, describeValue, didYouMean, type ScenarioProblem } from './errors.ts';
import { readInputFile, shownPath } from './node.ts';
import { canonicalJson } from './load.ts';
import { locate, parseMappingFile, type Source, type SourceFile } from './yaml.ts';
import { validateAgainst } from './problems.ts';
import { findKind, type InputKind } from './kind.ts';
import { sha256 } from '../engine/digest.ts';
import { INDICATORS } from '../model/observe/indicators.ts';

/** At most this many seeds in one comparison, and this many scenarios. */
export const COMPARE_LIMITS = { seedsMax: 1000, scenariosMax: 8, headlineMax: 40 } as const;

const seedInt = z.number().int().min(0).max(LIMITS.seedMax);

export const ComparisonSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('comparison').optional().describe('the kind of input file (megasim validate tells kinds apart by it)'),
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  title_zh: z.string().max(300).optional(),
  question: z.string().max(2000).optional(),
  description: z.string().max(5000).optional(),
  scenarios: z.array(z.string().min(1).max(1000)).min(2).max(COMPARE_LIMITS.scenariosMax).describe('scenario files, relative to this file; the first is the baseline'),
  seeds: z
    .strictObject({ from: seedInt, to: seedInt })
    .superRefine((s, ctx) => {
      if (s.from > s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `a last seed ≥ the first (${s.from}), found ${s.to}` });
      else if (s.to - s.from + 1 > COMPARE_LIMITS.seedsMax) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${COMPARE_LIMITS.seedsMax} seeds, found ${s.to - s.from + 1}` });
    })
    .describe('seeds from..to (inclusive); member (scenario, seed S) is replication 0 of seed S'),
  sample: z.number().min(LIMITS.sampleMin).max(LIMITS.sampleMax).optional(),
  months: z.number().int().min(1).max(LIMITS.monthsMax).optional(),
  headline: z.array(z.string()).max(COMPARE_LIMITS.headlineMax).optional().describe('indicators shown first in the report'),
  source: z.string().max(2000).optional(),
});

export type Comparison = z.infer<typeof ComparisonSchema>;

export interface LoadedComparison {
  comparison: Comparison;
  /** The file as named in messages (relative to the working directory). */
  file: string;
  /** Absolute paths of the scenario files, in order. */
  scenarioPaths: string[];
  /** The document as read, and the SHA-256 of its canonical JSON. */
  resolved: Record<string, unknown>;
  sha256: string;
}

/** Reads a comparison file's text and parses it (the one YAML reader); throws ScenarioError. */
export function parseComparisonFile(path: string): { file: SourceFile; source: Source; data: Record<string, unknown> } {
  const file = readInputFile(path, 'comparison file');
  return { file, ...parseMappingFile(file) };
}

/** Validates comparison data; throws ScenarioError with positions in `src`. */
export function validateComparison(data: unknown, src: Source): Comparison {
  const comparison = validateAgainst(ComparisonSchema, data, [src]);
  const names = INDICATORS.map((d) => d.name);
  const problems: ScenarioProblem[] = [];
  (comparison.headline ?? []).forEach((h, i) => {
    if (names.includes(h)) return;
    const guess = didYouMean(h, names);
    problems.push({ ...locate([src], ['headline', i]), path: `headline[${i}]`, expected: 'an indicator name (see docs/MODEL.md, indicators)', found: describeValue(h), hint: guess ? `did you mean "${guess}"?` : undefined });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return comparison;
}

/** Loads and validates a comparison file, and checks that its scenario files exist. Throws ScenarioError. */
export function loadComparisonFile(path: string): LoadedComparison {
  const abs = resolve(path);
  const { file, source, data } = parseComparisonFile(abs);
  const comparison = validateComparison(data, source);
  const scenarioPaths = comparison.scenarios.map((rel) => resolve(dirname(abs), rel));
  const problems: ScenarioProblem[] = [];
  scenarioPaths.forEach((p, i) => {
    if (!existsSync(p) || !statSync(p).isFile()) {
      const st = existsSync(p) ? statSync(p) : null;
      const what = st === null ? 'no file' : st.isDirectory() ? 'a folder' : 'a device or other special file, not a regular file,';
      problems.push({ ...locate([source], ['scenarios', i]), path: `scenarios[${i}]`, expected: 'an existing scenario file (relative to the comparison file)', found: `${what} at ${shownPath(p)}` });
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return { comparison, file: file.name, scenarioPaths, resolved: data, sha256: sha256(canonicalJson(data)) };
}

/**
 * What a single file given to `megasim compare` is meant as. An explicit
 * `kind:` or `$schema` decides; else a file with a scenario's keys and none
 * of a comparison's is a scenario, one with only a sweep's keys is a sweep,
 * and anything else is taken as a comparison (so a misspelt comparison gets
 * the comparison's messages). A file that cannot be read or parsed counts as
 * a scenario, so that it gets the scenario loader's positioned message.
 */
export function compareInputKind(path: string): InputKind {
  let parsed: ReturnType<typeof parseComparisonFile>;
  try {
    parsed = parseComparisonFile(path);
  } catch {
    return 'scenario';
  }
  const found = findKind(parsed.data, parsed.source, parsed.file.text);
  if (found.by === 'kind' || found.by === '$schema') return found.kind!;
  const { scenario, comparison, sweep, backtest } = found.keys;
  if (comparison.length === 0 && scenario.length > 0) return 'scenario';
  if (comparison.length === 0 && backtest.length > 0) return 'backtest';
  if (comparison.length === 0 && sweep.length > 0 && sweep.some((k) => k !== 'scenario')) return 'sweep';
  return 'comparison';
}
