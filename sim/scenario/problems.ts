/**
 * The one translator from zod's issues to positioned problems (file, line,
 * column, document path, what was expected, what was found, a "did you
 * mean"), for every input file kind. At most 8 problems, in file order.
 */
import type { z } from 'zod';
import { ScenarioError, type ScenarioProblem, describeValue, didYouMean, pathString, getAt } from './errors.ts';
import { locate, locateKey, type Source } from './yaml.ts';
import { peel, unionBranch } from './walk.ts';

/** The keys of the object schema at a document path (for "did you mean" on unknown keys): fields and list elements only. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = peel(schema);
  for (const k of path) {
    let d = s.def;
    if (d.type === 'union') {
      // A policy entry: one block, or a list of dated phases (a numeric key) — sim/policy/dates.ts.
      const b = unionBranch(d, typeof k === 'number' ? [] : {});
      if (b) s = peel(b);
      d = s.def;
    }
    if (typeof k === 'number' && d.type === 'array') s = peel(d.element!);
    else if (d.type === 'object' && d.shape && typeof k === 'string' && k in d.shape) s = peel(d.shape[k]!);
    else return [];
  }
  if (s.def.type === 'union') {
    const b = unionBranch(s.def, {});
    if (b) s = peel(b);
  }
  return s.def.type === 'object' && s.def.shape ? Object.keys(s.def.shape) : [];
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a finite number',
  int: 'a whole number',
  string: 'text',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  boolean: 'true or false',
  null: 'nothing (null)',
};

function expectedFor(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; exact?: boolean; values?: unknown[]; origin?: string; format?: string };
  const bound = (x: number | bigint | undefined) => String(x);
  switch (i.code) {
    case 'invalid_type':
      return TYPE_NAMES[i.expected ?? ''] ?? `a ${i.expected}`;
    case 'too_small':
      if (i.origin === 'array') return i.exact ? `a list of exactly ${i.minimum}` : `a list of at least ${i.minimum}`;
      if (i.origin === 'string') return `text of at least ${i.minimum} character${i.minimum === 1 ? '' : 's'}`;
      return `a number ${i.inclusive ? '≥' : '>'} ${bound(i.minimum)}`;
    case 'too_big':
      if (i.origin === 'array') return i.exact ? `a list of exactly ${i.maximum}` : `a list of at most ${i.maximum}`;
      if (i.origin === 'string') return `text of at most ${i.maximum} characters`;
      return `a number ${i.inclusive ? '≤' : '<'} ${bound(i.maximum)}`;
    case 'invalid_value':
      return `one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return i.message ?? `text in the format ${i.format}`;
    case 'unrecognized_keys':
      return 'only the documented keys';
    case 'custom':
      return customParts(i.message).expected;
    default:
      return i.message;
  }
}

/** A custom check's message "X, found Y" split into what was expected and what was found. */
function customParts(message: string): { expected: string; found: string | null } {
  const m = /^(.*?),? found (.*)$/s.exec(message);
  if (!m) return { expected: message, found: null };
  return { expected: m[1]!.replace(/^(\w+) must (\w+)/, '$1 that $2'), found: m[2]! };
}


const MAX_PROBLEMS = 8;

/**
 * Validates data against an input schema: the parsed value, or a
 * ScenarioError with positions from `sources` (the most derived file first:
 * a scenario's `extends` chain, or one file).
 */
export function validateAgainst<S extends z.ZodType>(schema: S, data: unknown, sources: readonly Source[]): z.output<S> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  throw new ScenarioError(zodProblems(schema, data, r.error.issues, sources));
}

/** The positioned problems of zod's issues (deduplicated, typos of required keys reported once, at most 8, in file order). */
export function zodProblems(schema: z.ZodType, data: unknown, zodIssues: readonly z.core.$ZodIssue[], layers: readonly Source[]): ScenarioProblem[] {
  // One issue per path and code (zod may report the same bound twice, e.g. a safe-integer and a documented maximum: keep the later, documented one).
  const issues: z.core.$ZodIssue[] = [];
  for (const issue of zodIssues) {
    const key = `${pathString(issue.path as PropertyKey[])}|${issue.code}`;
    const i = issues.findIndex((x) => `${pathString(x.path as PropertyKey[])}|${x.code}` === key && x.code !== 'unrecognized_keys');
    if (i >= 0) issues[i] = issue;
    else issues.push(issue);
  }
  // Unknown keys whose likely meaning is a missing required field: report the typo only.
  const missing = new Set(issues.filter((x) => x.code === 'invalid_type' && getAt(data, x.path as PropertyKey[]) === undefined).map((x) => pathString(x.path as PropertyKey[])));
  const typoFor = new Set<string>();
  const problems: ScenarioProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as PropertyKey[];
    const allowed = keysAt(schema, path);
    for (const key of issue.keys) {
      const guess = didYouMean(key, allowed);
      const missingGuess = guess !== undefined && missing.has(pathString([...path, guess]));
      if (missingGuess) typoFor.add(pathString([...path, guess]));
      problems.push({
        ...locateKey(layers, path, key),
        path: pathString([...path, key]),
        expected: guess ? 'a documented key' : allowed.length ? `one of the keys ${allowed.join(', ')}` : 'no key here',
        found: `unknown key "${key}"`,
        hint: guess ? `did you mean "${guess}"?${missingGuess ? ' It is required and missing here' : ''}` : undefined,
      });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as PropertyKey[];
    const ps = pathString(path);
    if (typoFor.has(ps)) continue;
    const value = getAt(data, path);
    const input = (issue as { input?: unknown }).input;
    let found = describeValue(input !== undefined ? input : value);
    if (issue.code === 'custom') found = customParts(issue.message).found ?? describeValue(value);
    problems.push({ ...locate(layers, path), path: ps, expected: expectedFor(issue), found });
  }
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : 0));
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) {
    const last = shown[shown.length - 1]!;
    last.hint = `${last.hint ? last.hint + '; ' : ''}and ${problems.length - MAX_PROBLEMS} more problem(s) after this one`;
  }
  return shown;
}

