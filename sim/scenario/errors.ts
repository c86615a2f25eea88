/** Scenario errors: where (file, line, column, document path), what was expected, what was found. */

export interface ScenarioProblem {
  file: string;
  line: number; // 1-based, 0 when unknown
  col: number; // 1-based, 0 when unknown
  path: string; // e.g. city.zones[0].area_km2 ("" for the whole document)
  expected: string;
  found: string;
  hint?: string;
}

export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
  get first(): ScenarioProblem {
    return this.problems[0]!;
  }
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const at = p.path ? ` at ${p.path}` : '';
  return `${where}:${at} expected ${p.expected}, found ${p.found}${p.hint ? ` (${p.hint})` : ''}`;
}

/** Formats a document path as a.b[0].c. */
export function pathString(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += s ? `.${String(k)}` : String(k);
  }
  return s;
}

/** A short, safe description of a found value for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'an empty value (null)';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (ArrayBuffer.isView(v)) return 'binary data';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

/** Levenshtein distance (for "did you mean"). */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The closest candidate to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** The value at a document path, or undefined. */
export function getAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Bad input that has no position in a document (a sweep parameter path that
 * names no setting, a shard that does not exist, a memory refusal): the
 * command prints "megasim: <message>" and exits 2 (sim/cli/main.ts).
 */
export class InputError extends Error {}
