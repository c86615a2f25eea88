/**
 * Loading scenarios: YAML or JSON text → `extends` resolved → validated
 * Scenario. Pure (no file system): the caller supplies a reader, so the same
 * code runs in Node and in the browser. Every problem is a ScenarioError
 * naming file, line, column, path, what was expected and what was found.
 */
import YAML, { LineCounter, type Document } from 'yaml';
import { z } from 'zod';
import { ScenarioSchema, LIMITS, type Scenario } from './schema.ts';
import { ScenarioError, type ScenarioProblem, describeValue, didYouMean, pathString } from './errors.ts';
import { sha256 } from '../engine/digest.ts';

export interface SourceFile {
  name: string;
  text: string;
}
export interface Reader {
  /** Reads a file by name; returns null if it does not exist. May throw ScenarioError (e.g. not UTF-8). */
  read(name: string): SourceFile | null;
  /** Resolves `rel` (from an `extends`) against the file `from`. */
  resolve(from: string, rel: string): string;
}

interface Layer {
  name: string;
  doc: Document;
  lc: LineCounter;
}

export interface Loaded {
  scenario: Scenario;
  /** The merged document after `extends`, before defaults: what the manifest records. */
  resolved: Record<string, unknown>;
  /** SHA-256 of the canonical JSON of `resolved`. */
  sha256: string;
  /** Files read, most derived first. */
  files: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: mappings merge key by key; lists of mappings with `id`s merge by id; other lists are replaced. */
export function mergeScenario(base: unknown, over: unknown): unknown {
  if (isObj(base) && isObj(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const k of Object.keys(over)) out[k] = k in base ? mergeScenario(base[k], over[k]) : over[k];
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over) && base.every((x) => isObj(x) && typeof x.id === 'string') && over.every((x) => isObj(x) && typeof x.id === 'string')) {
    const out = base.map((x) => ({ ...(x as object) })) as Record<string, unknown>[];
    for (const o of over as Record<string, unknown>[]) {
      const i = out.findIndex((x) => x.id === o.id);
      if (i >= 0) out[i] = mergeScenario(out[i], o) as Record<string, unknown>;
      else out.push(o);
    }
    return out;
  }
  return over;
}

/** JSON with keys in document order; stable for hashing. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v);
}

function parseLayer(file: SourceFile): { layer: Layer; data: unknown } {
  const bytes = new TextEncoder().encode(file.text).length;
  if (bytes > LIMITS.fileBytesMax) {
    throw new ScenarioError([{ file: file.name, line: 0, col: 0, path: '', expected: `a file of at most ${LIMITS.fileBytesMax} bytes`, found: `${bytes} bytes` }]);
  }
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = YAML.parseDocument(file.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  } catch (e) {
    throw new ScenarioError([{ file: file.name, line: 0, col: 0, path: '', expected: 'a YAML or JSON document', found: `text the parser cannot read (${(e as Error).message.split('\n')[0]})` }]);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    throw new ScenarioError([
      { file: file.name, line: pos.line, col: pos.col, path: '', expected: 'valid YAML', found: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') },
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliasesMax });
  } catch (e) {
    const msg = (e as Error).message;
    const found = /alias/i.test(msg) ? `too many alias expansions (limit ${LIMITS.yamlAliasesMax}: an alias bomb?)` : e instanceof RangeError ? 'nesting too deep to read' : msg;
    throw new ScenarioError([{ file: file.name, line: 0, col: 0, path: '', expected: 'a document within the alias and depth limits', found }]);
  }
  const depth = maxDepth(data, 0);
  if (depth > 32) {
    throw new ScenarioError([{ file: file.name, line: 0, col: 0, path: '', expected: 'nesting of at most 32 levels', found: `${depth} levels` }]);
  }
  if (!isObj(data)) {
    throw new ScenarioError([{ file: file.name, line: 1, col: 1, path: '', expected: 'a mapping (key: value) at the top of the file', found: describeValue(data) }]);
  }
  return { layer: { name: file.name, doc, lc }, data };
}

function maxDepth(v: unknown, d: number): number {
  if (d > 40) return d;
  if (Array.isArray(v)) return v.reduce((m: number, x) => Math.max(m, maxDepth(x, d + 1)), d + 1);
  if (isObj(v)) return Object.values(v).reduce((m: number, x) => Math.max(m, maxDepth(x, d + 1)), d + 1);
  return d;
}

/** Line and column of the deepest node along `path` found in the most derived layer that has it. */
function locate(layers: Layer[], path: readonly PropertyKey[]): { file: string; line: number; col: number } {
  for (let len = path.length; len >= 0; len--) {
    const sub = path.slice(0, len) as (string | number)[];
    for (const L of layers) {
      const node = len === 0 ? L.doc.contents : (L.doc.getIn(sub, true) as { range?: [number, number, number] } | undefined);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) {
        // For a missing field, point at its parent mapping; for a present one, at the value.
        const pos = L.lc.linePos(range[0]);
        return { file: L.name, line: pos.line, col: pos.col };
      }
      if (len === 0) break;
    }
  }
  return { file: layers[0]!.name, line: 0, col: 0 };
}

/** The zod object shape at a document path (for "did you mean" on unknown keys). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (x as { _zod?: { def?: { type?: string; innerType?: unknown; element?: unknown; in?: unknown } } })._zod?.def;
      if (!def) return x;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') x = def.innerType;
      else if (def.type === 'pipe') x = def.in;
      else return x;
    }
    return x;
  };
  s = unwrap(s);
  for (const k of path) {
    const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown>; element?: unknown } } })._zod.def;
    if (typeof k === 'number' && def.type === 'array') s = unwrap(def.element);
    else if (def.type === 'object' && def.shape && typeof k === 'string' && k in def.shape) s = unwrap(def.shape[k]);
    else return [];
  }
  const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function expectedFor(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; values?: unknown[]; origin?: string; format?: string };
  switch (i.code) {
    case 'invalid_type':
      return i.expected === 'number' ? 'a finite number' : `a ${i.expected}`;
    case 'too_small':
      return i.origin === 'array' ? `a list of at least ${i.minimum}` : i.origin === 'string' ? `text of at least ${i.minimum} characters` : `a number ${i.inclusive ? '≥' : '>'} ${i.minimum}`;
    case 'too_big':
      return i.origin === 'array' ? `a list of at most ${i.maximum}` : i.origin === 'string' ? `text of at most ${i.maximum} characters` : `a number ${i.inclusive ? '≤' : '<'} ${i.maximum}`;
    case 'invalid_value':
      return `one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return i.message ?? `text in the format ${i.format}`;
    case 'unrecognized_keys':
      return 'only the documented keys';
    case 'custom':
      return i.message;
    default:
      return i.message;
  }
}

function getAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Validates merged data against the schema; throws ScenarioError with positions from the layers. */
export function validateData(data: unknown, layers: Layer[]): Scenario {
  const r = ScenarioSchema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  const problems: ScenarioProblem[] = [];
  for (const issue of r.error.issues.slice(0, 8)) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(ScenarioSchema, path);
      for (const key of issue.keys) {
        const at = locate(layers, [...path, key]);
        const guess = didYouMean(key, allowed);
        problems.push({
          ...at,
          path: pathString([...path, key]),
          expected: allowed.length ? `one of the keys ${allowed.join(', ')}` : 'no such key',
          found: `unknown key "${key}"`,
          hint: guess ? `did you mean "${guess}"?` : undefined,
        });
      }
      continue;
    }
    const found = issue.code === 'custom' ? describeValue(getAt(data, path)) : describeValue((issue as { input?: unknown }).input ?? getAt(data, path));
    problems.push({ ...locate(layers, path), path: pathString(path), expected: expectedFor(issue), found: issue.code === 'custom' ? issue.message.replace(/^.*found /, '') : found });
  }
  throw new ScenarioError(problems);
}

/** Loads a scenario: reads the entry, follows `extends` (cycles and depth checked), merges, validates. */
export function loadScenario(entry: string, reader: Reader): Loaded {
  const layers: Layer[] = [];
  const chain: string[] = [];
  let merged: unknown = undefined;
  const visit = (name: string, from: { file: string; line: number; col: number } | null): unknown => {
    if (chain.includes(name)) {
      throw new ScenarioError([
        { file: from?.file ?? name, line: from?.line ?? 0, col: from?.col ?? 0, path: 'extends', expected: 'a chain of extends without a cycle', found: `a cycle: ${[...chain, name].join(' → ')}` },
      ]);
    }
    if (chain.length >= LIMITS.extendsDepthMax) {
      throw new ScenarioError([{ file: name, line: 0, col: 0, path: 'extends', expected: `at most ${LIMITS.extendsDepthMax} levels of extends`, found: 'more' }]);
    }
    const src = reader.read(name);
    if (!src) {
      throw new ScenarioError([
        from
          ? { ...from, path: 'extends', expected: 'an existing scenario file', found: `no file at ${name}` }
          : { file: name, line: 0, col: 0, path: '', expected: 'an existing scenario file', found: 'no such file' },
      ]);
    }
    const { layer, data } = parseLayer(src);
    layers.push(layer);
    chain.push(name);
    const obj = data as Record<string, unknown>;
    let result: unknown = obj;
    if (obj.extends !== undefined) {
      if (typeof obj.extends !== 'string') {
        const at = locate([layer], ['extends']);
        throw new ScenarioError([{ ...at, path: 'extends', expected: 'a file path', found: describeValue(obj.extends) }]);
      }
      const at = locate([layer], ['extends']);
      const base = visit(reader.resolve(name, obj.extends), at);
      const { extends: _e, ...rest } = obj;
      result = mergeScenario(base, rest);
    }
    chain.pop();
    return result;
  };
  merged = visit(entry, null);
  const scenario = validateData(merged, layers);
  const resolved = merged as Record<string, unknown>;
  return { scenario, resolved, sha256: sha256(canonicalJson(resolved)), files: layers.map((l) => l.name) };
}

/** Validates an already resolved document (e.g. from a manifest or the explorer). */
export function loadResolved(name: string, resolved: Record<string, unknown>): Loaded {
  const text = JSON.stringify(resolved);
  const { layer } = parseLayer({ name, text });
  const scenario = validateData(resolved, [layer]);
  return { scenario, resolved, sha256: sha256(canonicalJson(resolved)), files: [name] };
}
