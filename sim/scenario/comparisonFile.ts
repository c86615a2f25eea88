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
import { isMap, isScalar, type LineCounter, type Document } from 'yaml';
import { z } from 'zod';
import { LIMITS } from './schema.ts';
import { ScenarioError, describeValue, didYouMean, pathString, type ScenarioProblem, getAt } from './errors.ts';
import { nodeReader, shownPath } from './node.ts';
import { canonicalJson, parseScenarioText } from './load.ts';
import { sha256 } from '../engine/digest.ts';
import { INDICATORS } from '../model/indicators.ts';

/** At most this many seeds in one comparison, and this many scenarios. */
export const COMPARE_LIMITS = { seedsMax: 1000, scenariosMax: 8, headlineMax: 40 } as const;

const seedInt = z.number().int().min(0).max(LIMITS.seedMax);

export const ComparisonSchema = z.strictObject({
  $schema: z.string().optional(),
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
  targets: z.string().min(1).max(1000).optional().describe('a targets file (relative to this file) whose targets the report and targets.csv hold the scenarios against; default: the targets files for the first scenario found beside it (scenarios/targets/)'),
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

interface Source {
  name: string;
  doc: Document;
  lc: LineCounter;
}

/** Line and column of the deepest existing node along `path`. */
function locate(src: Source, path: readonly PropertyKey[]): { file: string; line: number; col: number } {
  for (let len = path.length; len >= 0; len--) {
    const node = len === 0 ? src.doc.contents : (src.doc.getIn(path.slice(0, len) as (string | number)[], true) as { range?: [number, number, number] } | undefined);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const pos = src.lc.linePos(range[0]);
      return { file: src.name, line: pos.line, col: pos.col };
    }
  }
  return { file: src.name, line: 0, col: 0 };
}

/** Line and column of the key `key` of the mapping at `path` (the key itself, not its value). */
function locateKey(src: Source, path: readonly PropertyKey[], key: string): { file: string; line: number; col: number } {
  const parent = path.length === 0 ? src.doc.contents : src.doc.getIn(path as (string | number)[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = src.lc.linePos(range[0]);
      return { file: src.name, line: pos.line, col: pos.col };
    }
  }
  return locate(src, [...path, key]);
}


const TYPE_WORDS: Record<string, string> = {
  number: 'a finite number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a mapping (key: value)',
  boolean: 'true or false',
};

function expectedFor(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string };
  switch (i.code) {
    case 'invalid_type':
      return TYPE_WORDS[i.expected ?? ''] ?? `a ${i.expected}`;
    case 'too_small':
      return i.origin === 'array' ? `a list of at least ${i.minimum}` : i.origin === 'string' ? `text of at least ${i.minimum} characters` : `a number ${i.inclusive ? '≥' : '>'} ${i.minimum}`;
    case 'too_big':
      return i.origin === 'array' ? `a list of at most ${i.maximum}` : i.origin === 'string' ? `text of at most ${i.maximum} characters` : `a number ${i.inclusive ? '≤' : '<'} ${i.maximum}`;
    case 'custom':
      return i.message.replace(/, found .*$/, '');
    default:
      return i.message;
  }
}

/** Parses YAML/JSON text with the scenario loader's limits (size, nesting, aliases, tags); throws ScenarioError. */
function parse(name: string, text: string): { src: Source; data: unknown } {
  const { doc, lc, data } = parseScenarioText({ name, text });
  return { src: { name, doc, lc }, data };
}

/** Reads a file as UTF-8 text (size and encoding checked); throws ScenarioError if missing. */
function readText(path: string): { name: string; text: string } {
  const src = nodeReader.read(path);
  if (!src) throw new ScenarioError([{ file: shownPath(path), line: 0, col: 0, path: '', expected: 'an existing file', found: 'no such file' }]);
  return src;
}


/**
 * Whether a file is meant as a comparison rather than a scenario: its top
 * level has `scenarios`, `seeds` or `headline`, or has neither `city` nor
 * `extends` (so a misspelt comparison gets the comparison's messages).
 */
export function looksLikeComparison(path: string): boolean {
  try {
    const { data } = parse(path, readText(resolve(path)).text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
    if ('scenarios' in data || 'seeds' in data || 'headline' in data) return true;
    return !('city' in data) && !('extends' in data);
  } catch {
    return false;
  }
}

/** Validates comparison data; throws ScenarioError with positions in `src`. */
export function validateComparison(data: unknown, src: Source): Comparison {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError([{ file: src.name, line: 1, col: 1, path: '', expected: 'a mapping (key: value) at the top of the file', found: describeValue(data) }]);
  }
  const r = ComparisonSchema.safeParse(data, { reportInput: true });
  const problems: ScenarioProblem[] = [];
  if (!r.success) {
    for (const issue of r.error.issues.slice(0, 8)) {
      const path = issue.path as PropertyKey[];
      if (issue.code === 'unrecognized_keys') {
        const allowed = path.length === 0 ? Object.keys(ComparisonSchema.shape) : path[0] === 'seeds' ? ['from', 'to'] : [];
        for (const key of issue.keys) {
          const guess = didYouMean(key, allowed);
          problems.push({ ...locateKey(src, path, key), path: pathString([...path, key]), expected: allowed.length ? `one of the keys ${allowed.join(', ')}` : 'no such key', found: `unknown key "${key}"`, hint: guess ? `did you mean "${guess}"?` : undefined });
        }
        continue;
      }
      const found = issue.code === 'custom' ? issue.message.replace(/^.*found /, '') : describeValue((issue as { input?: unknown }).input ?? getAt(data, path));
      problems.push({ ...locate(src, path), path: pathString(path), expected: expectedFor(issue), found });
    }
    throw new ScenarioError(problems);
  }
  const names = INDICATORS.map((d) => d.name);
  (r.data.headline ?? []).forEach((h, i) => {
    if (names.includes(h)) return;
    const guess = didYouMean(h, names);
    problems.push({ ...locate(src, ['headline', i]), path: `headline[${i}]`, expected: 'an indicator name (see docs/MODEL.md, indicators)', found: describeValue(h), hint: guess ? `did you mean "${guess}"?` : undefined });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return r.data;
}

/** Loads and validates a comparison file, and checks that its scenario files exist. Throws ScenarioError. */
export function loadComparisonFile(path: string): LoadedComparison {
  const abs = resolve(path);
  const text = readText(abs);
  const { src, data } = parse(text.name, text.text);
  const comparison = validateComparison(data, src);
  const scenarioPaths = comparison.scenarios.map((rel) => resolve(dirname(abs), rel));
  const problems: ScenarioProblem[] = [];
  scenarioPaths.forEach((p, i) => {
    if (!existsSync(p) || !statSync(p).isFile()) {
      problems.push({ ...locate(src, ['scenarios', i]), path: `scenarios[${i}]`, expected: 'an existing scenario file (relative to the comparison file)', found: `no file at ${shownPath(p)}` });
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  const resolved = data as Record<string, unknown>;
  return { comparison, file: text.name, scenarioPaths, resolved, sha256: sha256(canonicalJson(resolved)) };
}
