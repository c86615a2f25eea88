/**
 * Loading scenarios: YAML or JSON text → `extends` resolved → validated
 * Scenario. Pure (no file system): the caller supplies a reader, so the same
 * code runs in Node and in the browser. Every problem is a ScenarioError
 * naming file, line, column, path, what was expected and what was found.
 */
import YAML, { Lexer, LineCounter, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { z } from 'zod';
import { ScenarioSchema, LIMITS, type Scenario } from './schema.ts';
import { ScenarioError, type ScenarioProblem, describeValue, didYouMean, pathString, getAt } from './errors.ts';
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
    // defineProperty, not assignment: a key named "__proto__" stays an ordinary
    // (and, for the schema, unknown) key instead of replacing the prototype.
    for (const k of Object.keys(over)) {
      const value = Object.hasOwn(base, k) ? mergeScenario(base[k], over[k]) : over[k];
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
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

/** Limits on the shape of a document (before and after aliases are expanded). */
export const SHAPE_LIMITS = {
  /** Nesting of mappings and lists in the data. */
  depthMax: 32,
  /** Columns of indentation plus block indicators (`-`, `?`, `:`) on one line, checked before parsing. */
  indentMax: 80,
  /** Nesting of flow brackets `[` `{`, checked before parsing. */
  flowDepthMax: 32,
  /** Values (scalars, mappings, lists) after alias expansion. */
  nodesMax: 200_000,
} as const;

const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** Line and column (1-based) of a character offset, without a parsed document. */
function posOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * A check of the raw text, before parsing, for nesting the YAML composer
 * would recurse into: it overflows the stack near a thousand levels, and a
 * stack overflow there can take the whole process down (V8 may then fail to
 * compile a regular expression and abort). Uses the YAML lexer (a flat
 * generator that reads quotes and comments correctly) and stops early.
 * Bounds flow nesting (`[`, `{`) and, per line, the indentation columns plus
 * block indicators (`-`, `?`, `:`): the composer's depth stays below
 * 2 × (indentMax + 1) + flowDepthMax + 2 (checked by a randomised test).
 */
export function nestingPrescan(text: string): { offset: number; found: string; expected: string } | null {
  let flow = 0;
  let offset = 0;
  let lineStart = true;
  let indent = 0;
  for (const tok of new Lexer().lex(text)) {
    const c0 = tok.charCodeAt(0);
    if (tok.length === 1 && c0 < 32 && c0 !== 9 && c0 !== 10 && c0 !== 13) continue; // lexer markers, not source text
    const at = offset;
    offset += tok.length;
    if (tok === '\n' || tok === '\r\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    const indicator = tok === '-' || tok === '?' || tok === ':';
    if (lineStart && /^[ \t]+$/.test(tok)) indent += tok.length;
    else if (indicator && flow === 0) indent += 1; // inside [ ] or { } these are not block indicators
    else lineStart = false;
    if (indent > SHAPE_LIMITS.indentMax) return { offset: at, expected: `at most ${SHAPE_LIMITS.indentMax} columns of indentation and block indicators on a line`, found: 'more (nesting too deep to read)' };
    if (tok === '[' || tok === '{') {
      if (++flow > SHAPE_LIMITS.flowDepthMax) return { offset: at, expected: `brackets nested at most ${SHAPE_LIMITS.flowDepthMax} deep`, found: 'deeper nesting (too deep to read)' };
    } else if ((tok === ']' || tok === '}') && flow > 0) flow--;
  }
  return null;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;
const rangeOf = (n: unknown) => (n as Ranged)?.range ?? undefined;

/** The document path of the deepest node whose source range holds `offset`. */
function pathAtOffset(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  const inRange = (n: unknown) => {
    const r = rangeOf(n);
    return r ? r[0] <= offset && offset <= r[2] : false;
  };
  let node: unknown = doc.contents;
  for (let guard = 0; guard < 256 && node; guard++) {
    let nextNode: unknown = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const from = rangeOf(pair.key)?.[0] ?? rangeOf(pair.value)?.[0];
        const to = rangeOf(pair.value)?.[2] ?? rangeOf(pair.key)?.[2];
        if (from === undefined || to === undefined || offset < from || offset > to) continue;
        path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
        nextNode = inRange(pair.value) ? pair.value : null;
        break;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        if (inRange(node.items[i])) {
          path.push(i);
          nextNode = node.items[i];
          break;
        }
      }
    }
    node = nextNode;
  }
  return path;
}

/** A readable text for a YAML parser error or warning. */
function yamlProblemText(e: { code: string; message: string }, text: string, offset: number): string {
  switch (e.code) {
    case 'MULTIPLE_DOCS':
      return "a second document after '---' (a scenario file holds one document)";
    case 'DUPLICATE_KEY': {
      const key = /^\s*("[^"\n]*"|'[^'\n]*'|[^:#\n]*?)\s*:/.exec(text.slice(offset, offset + 200))?.[1];
      return key ? `the key ${/^["']/.test(key) ? key : `"${key}"`} a second time in the same mapping` : 'a key given twice in the same mapping';
    }
    case 'TAG_RESOLVE_FAILED':
      return `a tag megasim does not read (${e.message.replace(/^Unresolved tag:\s*/, '').split('\n')[0]})`;
    case 'RESOURCE_EXHAUSTION':
      return 'nesting too deep to read';
    default:
      return e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  }
}

/**
 * Parses the text of one scenario (or comparison, or sweep) file into plain
 * data, refusing anything outside the documented limits: size, nesting,
 * aliases, tags, keys that are not text. Throws ScenarioError with the
 * position and document path of the first problem. Exported so that the
 * other file kinds get the same protection.
 */
export function parseScenarioText(file: SourceFile): { doc: Document; lc: LineCounter; data: unknown } {
  const fail = (p: Omit<ScenarioProblem, 'file'>): never => {
    throw new ScenarioError([{ file: file.name, ...p }]);
  };
  const bytes = new TextEncoder().encode(file.text).length;
  if (bytes > LIMITS.fileBytesMax) fail({ line: 0, col: 0, path: '', expected: `a file of at most ${LIMITS.fileBytesMax} bytes`, found: `${bytes} bytes` });
  const deep = nestingPrescan(file.text);
  if (deep) fail({ ...posOf(file.text, deep.offset), path: '', expected: deep.expected, found: deep.found });
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = YAML.parseDocument(file.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  } catch (e) {
    return fail({ line: 0, col: 0, path: '', expected: 'a YAML or JSON document', found: `text the parser cannot read (${String((e as Error).message).split('\n')[0]})` });
  }
  for (const e of [...doc.errors, ...doc.warnings]) {
    const offset = e.pos[0];
    const pos = lc.linePos(offset);
    fail({ line: pos.line, col: pos.col, path: pathString(pathAtOffset(doc, offset)), expected: e.name === 'YAMLWarning' ? 'plain YAML' : 'valid YAML', found: yamlProblemText(e, file.text, offset) });
  }
  // Walk the document tree (aliases not expanded): tags, keys, depth.
  const at = (n: unknown) => lc.linePos(rangeOf(n)?.[0] ?? 0);
  let firstAlias: { node: unknown; path: (string | number)[] } | null = null;
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (!node) continue;
    const tag = (node as { tag?: string }).tag;
    if (tag && !CORE_TAGS.has(tag)) fail({ ...at(node), path: pathString(path), expected: 'a plain value, mapping or list', found: `a value with the tag ${tag.replace('tag:yaml.org,2002:', '!!')}` });
    if (path.length > SHAPE_LIMITS.depthMax) fail({ ...at(node), path: pathString(path.slice(0, 6)) + '...', expected: `nesting of at most ${SHAPE_LIMITS.depthMax} levels`, found: `${path.length} levels` });
    if (isAlias(node)) {
      if (!firstAlias || (rangeOf(node)?.[0] ?? 0) < (rangeOf(firstAlias.node)?.[0] ?? 0)) firstAlias = { node, path };
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || (pair.key.value !== null && typeof pair.key.value === 'object')) {
          fail({ ...at(pair.key ?? node), path: pathString(path), expected: 'keys that are plain text', found: 'a mapping or list used as a key' });
        }
        stack.push({ node: pair.value, path: [...path, String((pair.key as { value: unknown }).value)] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliasesMax });
  } catch (e) {
    const msg = String((e as Error).message);
    const where = firstAlias ? { ...at(firstAlias.node), path: pathString(firstAlias.path) } : { line: 0, col: 0, path: '' };
    const found = /alias/i.test(msg) ? `too many alias expansions (more than ${LIMITS.yamlAliasesMax}: an alias bomb?)` : e instanceof RangeError ? 'nesting too deep to read' : msg.split('\n')[0]!;
    return fail({ ...where, expected: `a document within the limits on aliases (${LIMITS.yamlAliasesMax} expansions) and nesting (${SHAPE_LIMITS.depthMax} levels)`, found });
  }
  const shape = measureShape(data);
  if (shape) fail({ ...locateIn(doc, lc, shape.path), path: pathString(shape.path.slice(0, 8)) + (shape.path.length > 8 ? '...' : ''), expected: shape.expected, found: shape.found });
  return { doc, lc, data };
}

function parseLayer(file: SourceFile): { layer: Layer; data: unknown } {
  const { doc, lc, data } = parseScenarioText(file);
  if (!isObj(data)) {
    const found = data === null || data === undefined ? 'an empty document' : describeValue(data);
    throw new ScenarioError([{ file: file.name, line: 1, col: 1, path: '', expected: 'a mapping (key: value) at the top of the file', found }]);
  }
  return { layer: { name: file.name, doc, lc }, data };
}

/**
 * Walks plain data (aliases expanded: shared or even cyclic references are
 * possible) without recursion, within a depth and a node budget. Returns the
 * first problem with its path, or null.
 */
export function measureShape(data: unknown): { path: (string | number)[]; expected: string; found: string } | null {
  let nodes = 0;
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: data, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (++nodes > SHAPE_LIMITS.nodesMax) return { path, expected: `at most ${SHAPE_LIMITS.nodesMax} values after aliases are expanded`, found: 'more (an alias bomb?)' };
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= SHAPE_LIMITS.depthMax) return { path, expected: `nesting of at most ${SHAPE_LIMITS.depthMax} levels`, found: 'deeper nesting (or an alias that contains itself)' };
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    else if (isObj(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: v[keys[i]!], path: [...path, keys[i]!] });
    }
  }
  return null;
}

/** Position of the deepest node along `path` in one document. */
function locateIn(doc: Document, lc: LineCounter, path: readonly (string | number)[]): { line: number; col: number } {
  for (let len = path.length; len >= 0; len--) {
    const node = len === 0 ? doc.contents : (doc.getIn(path.slice(0, len), true) as unknown);
    const r = rangeOf(node);
    if (r) return lc.linePos(r[0]);
  }
  return { line: 0, col: 0 };
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

/** Line and column of the key `key` in the mapping at `path` (for unknown keys), from the most derived layer that has it. */
function locateKey(layers: Layer[], path: readonly PropertyKey[], key: string): { file: string; line: number; col: number } {
  for (const L of layers) {
    const parent = path.length === 0 ? L.doc.contents : (L.doc.getIn(path as (string | number)[], true) as unknown);
    if (!isMap(parent)) continue;
    for (const pair of parent.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) {
        const r = rangeOf(pair.key);
        if (r) return { file: L.name, ...L.lc.linePos(r[0]) };
      }
    }
  }
  return locate(layers, [...path, key]);
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

/** Validates merged data against the schema; throws ScenarioError with positions from the layers. */
export function validateData(data: unknown, layers: Layer[]): Scenario {
  const r = ScenarioSchema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  // One issue per path and code (zod may report the same bound twice, e.g. a safe-integer and a documented maximum: keep the later, documented one).
  const issues: z.core.$ZodIssue[] = [];
  for (const issue of r.error.issues) {
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
    const allowed = keysAt(ScenarioSchema, path);
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
  throw new ScenarioError(shown);
}

/** Why an `extends` target is not read (a system folder, not a scenario file name), or null. */
export function extendsRefusal(target: string): string | null {
  const t = target.replace(/\\/g, '/');
  for (const root of ['/etc', '/proc', '/sys', '/dev']) if (t === root || t.startsWith(root + '/')) return `${target}, in the system folder ${root}`;
  if (!/\.(ya?ml|json)$/i.test(t)) return `${target}, whose name does not end in .yaml, .yml or .json`;
  return null;
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
      throw new ScenarioError([{ file: from?.file ?? name, line: from?.line ?? 0, col: from?.col ?? 0, path: 'extends', expected: `at most ${LIMITS.extendsDepthMax} levels of extends`, found: `a chain of more (${chain.length + 1}: ${chain[0]} → ... → ${name})` }]);
    }
    let src: SourceFile | null;
    try {
      src = reader.read(name);
    } catch (e) {
      // A whole-file problem (a folder, a device, too large) of an extended file is reported where the `extends` names it.
      if (e instanceof ScenarioError && from && e.first.line === 0) {
        throw new ScenarioError([{ ...from, path: 'extends', expected: e.first.expected, found: `${e.first.found} at ${e.first.file}` }]);
      }
      throw e;
    }
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
      const target = reader.resolve(name, obj.extends);
      // Only a scenario file is read, never a system file: its content would be quoted back in the messages (issue 18).
      const refused = extendsRefusal(target);
      if (refused) throw new ScenarioError([{ ...at, path: 'extends', expected: 'a scenario file (.yaml, .yml or .json, outside /etc, /proc, /sys and /dev)', found: refused }]);
      const base = visit(target, at);
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
