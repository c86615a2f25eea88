/**
 * Loading scenarios: YAML or JSON text → `extends` resolved → validated
 * Scenario. Pure (no file system): the caller supplies a reader, so the same
 * code runs in Node and in the browser. Every problem is a ScenarioError
 * naming file, line, column, path, what was expected and what was found.
 */
import { ScenarioSchema, LIMITS, type Scenario } from './schema.ts';
import { ScenarioError, describeValue } from './errors.ts';
import { locate, parseMappingFile, type Source, type SourceFile } from './yaml.ts';
import { validateAgainst } from './problems.ts';
import { sha256 } from '../engine/digest.ts';

export type { SourceFile } from './yaml.ts';
export interface Reader {
  /** Reads a file by name; returns null if it does not exist. May throw ScenarioError (e.g. not UTF-8). */
  read(name: string): SourceFile | null;
  /** Resolves `rel` (from an `extends`) against the file `from`. */
  resolve(from: string, rel: string): string;
}

/** One file of an `extends` chain, parsed. */
type Layer = Source;

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

function parseLayer(file: SourceFile): { layer: Layer; data: unknown } {
  const { source, data } = parseMappingFile(file);
  return { layer: source, data };
}

/** Validates merged data against the scenario schema; throws ScenarioError with positions from the layers. */
export function validateData(data: unknown, layers: Layer[]): Scenario {
  return validateAgainst(ScenarioSchema, data, layers);
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
