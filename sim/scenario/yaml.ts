/**
 * The one YAML reader of every input file (scenarios, comparison files,
 * sweep files), with one set of limits: size (LIMITS.fileBytesMax), nesting
 * (checked on the raw text before parsing, then on the tree and on the data
 * after aliases), alias expansions (LIMITS.yamlAliasesMax), the core tags
 * only (no `!!js/function`, `!!binary`, …), keys that are text. Reading the
 * bytes from disk (UTF-8 checked) is sim/scenario/node.ts. Also the
 * positions of document paths, for messages. Pure; runs in the browser.
 */
import YAML, { Lexer, LineCounter, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { LIMITS } from './schema.ts';
import { ScenarioError, type ScenarioProblem, describeValue, pathString } from './errors.ts';

export interface SourceFile {
  name: string;
  text: string;
}

/** A parsed file: its name in messages, its document (for positions) and line counter. */
export interface Source {
  name: string;
  doc: Document;
  lc: LineCounter;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
 * Parses the text of one input file (scenario, comparison or sweep) into
 * plain data, refusing anything outside the documented limits: size,
 * nesting, aliases, tags, keys that are not text. Throws ScenarioError with
 * the position and document path of the first problem.
 */
export function parseYaml(file: SourceFile): { doc: Document; lc: LineCounter; data: unknown } {
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

/** Parses a file whose top level must be a mapping (every input file kind); throws ScenarioError. */
export function parseMappingFile(file: SourceFile): { source: Source; data: Record<string, unknown> } {
  const { doc, lc, data } = parseYaml(file);
  if (!isObj(data)) {
    const found = data === null || data === undefined ? 'an empty document' : describeValue(data);
    throw new ScenarioError([{ file: file.name, line: 1, col: 1, path: '', expected: 'a mapping (key: value) at the top of the file', found }]);
  }
  return { source: { name: file.name, doc, lc }, data };
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
export function locate(layers: readonly Source[], path: readonly PropertyKey[]): { file: string; line: number; col: number } {
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
export function locateKey(layers: readonly Source[], path: readonly PropertyKey[], key: string): { file: string; line: number; col: number } {
  for (const L of layers) {
    const parent = path.length === 0 ? L.doc.contents : (L.doc.getIn(path as (string | number)[], true) as unknown);
    if (!isMap(parent)) continue;
    for (const pair of parent.items) {
      // A null key (`~:` or `null:`) reaches the data as "" (or "null"): match it too, else the message points at the mapping.
      const isNullKey = isScalar(pair.key) && pair.key.value === null && (key === '' || key === 'null');
      if (isScalar(pair.key) && (String(pair.key.value) === key || isNullKey)) {
        const r = rangeOf(pair.key);
        if (r) return { file: L.name, ...L.lc.linePos(r[0]) };
      }
    }
  }
  return locate(layers, [...path, key]);
}

