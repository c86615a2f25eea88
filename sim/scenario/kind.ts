/**
 * Which kind of input file a document is: a scenario, a comparison file or
 * a sweep file or a backtest targets file. An explicit `kind:` decides; else
 * a `$schema` (key, or the `# yaml-language-server: $schema=…` line editors
 * read) naming one of the shipped JSON Schemas (scenarios/schema.json,
 * comparison.schema.json, sweep.schema.json, backtest.schema.json); else the
 * keys that only one kind has. When the keys
 * point at several kinds, or at none, the problem says so and how to tell.
 */
import { ScenarioError, describeValue } from './errors.ts';
import { locate, locateKey, type Source } from './yaml.ts';

export type InputKind = 'scenario' | 'comparison' | 'sweep' | 'backtest';
export const INPUT_KINDS: readonly InputKind[] = ['scenario', 'comparison', 'sweep', 'backtest'];

/** Top-level keys that only one kind of file has. */
export const KIND_KEYS: Record<InputKind, readonly string[]> = {
  scenario: ['city', 'extends', 'start', 'horizon_months', 'policies', 'replications', 'seed'],
  comparison: ['scenarios', 'headline'],
  sweep: ['scenario', 'parameters', 'design', 'indicators'],
  backtest: ['cities'],
};

/** The JSON Schema file of each kind (beside each other in scenarios/). */
export const SCHEMA_FILES: Record<InputKind, string> = { scenario: 'schema.json', comparison: 'comparison.schema.json', sweep: 'sweep.schema.json', backtest: 'backtest.schema.json' };

const KIND_WORDS: Record<InputKind, string> = { scenario: 'a scenario', comparison: 'a comparison file', sweep: 'a sweep file', backtest: 'a backtest targets file' };
export const kindWords = (k: InputKind): string => KIND_WORDS[k];

/** The kind a `$schema` names (by the file name at its end), or null. */
function kindOfSchemaRef(ref: string): InputKind | null {
  const base = ref.trim().split(/[\\/]/).pop() ?? '';
  for (const k of INPUT_KINDS) if (base === SCHEMA_FILES[k]) return k;
  return null;
}

/** The `$schema=` of a `# yaml-language-server:` line before the first data line, if any. */
function schemaComment(text: string): string | null {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*(#|$)/.test(line)) {
      const m = /^\s*#\s*yaml-language-server\s*:\s*\$schema=(\S+)/.exec(line);
      if (m) return m[1]!;
      continue;
    }
    return null;
  }
  return null;
}

export interface KindFound {
  /** The kind, or null when the keys do not tell (see `problem`). */
  kind: InputKind | null;
  /** How it was found. */
  by: 'kind' | '$schema' | 'keys' | 'none';
  /** Keys of each kind found at the top level. */
  keys: Record<InputKind, string[]>;
}

/** Finds the kind of a parsed input file (`text`: its text, for the editor's `$schema` line). Throws ScenarioError for a wrong `kind:`. */
export function findKind(data: Record<string, unknown>, src: Source, text = ''): KindFound {
  const keys = { scenario: [], comparison: [], sweep: [], backtest: [] } as Record<InputKind, string[]>;
  for (const k of INPUT_KINDS) keys[k] = KIND_KEYS[k].filter((key) => Object.hasOwn(data, key));
  if (data.kind !== undefined) {
    if (typeof data.kind !== 'string' || !(INPUT_KINDS as readonly string[]).includes(data.kind)) {
      throw new ScenarioError([{ ...locate([src], ['kind']), path: 'kind', expected: `one of ${INPUT_KINDS.map((k) => JSON.stringify(k)).join(', ')}`, found: describeValue(data.kind) }]);
    }
    return { kind: data.kind as InputKind, by: 'kind', keys };
  }
  const ref = typeof data.$schema === 'string' ? data.$schema : schemaComment(text);
  const bySchema = ref ? kindOfSchemaRef(ref) : null;
  if (bySchema) return { kind: bySchema, by: '$schema', keys };
  const hits = INPUT_KINDS.filter((k) => keys[k].length > 0);
  if (hits.length === 1) return { kind: hits[0]!, by: 'keys', keys };
  return { kind: null, by: 'none', keys };
}

/** The problem of a file whose kind cannot be told from its keys. */
export function unknownKindProblem(found: KindFound, src: Source): ScenarioError {
  const hits = INPUT_KINDS.filter((k) => found.keys[k].length > 0);
  const how = 'add `kind: scenario`, `kind: comparison`, `kind: sweep` or `kind: backtest` at the top';
  if (hits.length === 0) {
    return new ScenarioError([
      {
        ...locate([src], []),
        path: '',
        expected: `the keys of a scenario (${KIND_KEYS.scenario.slice(0, 4).join(', ')}, …), a comparison file (${KIND_KEYS.comparison.join(', ')}), a sweep file (${KIND_KEYS.sweep.join(', ')}) or a backtest targets file (${KIND_KEYS.backtest.join(', ')})`,
        found: 'none of them, so the kind of file is unclear',
        hint: how,
      },
    ]);
  }
  const first = hits[1]!;
  return new ScenarioError([
    {
      ...locateKey([src], [], found.keys[first]![0]!),
      path: '',
      expected: 'the keys of one kind of input file',
      found: `keys of ${hits.map((k) => `${kindWords(k)} (${found.keys[k].join(', ')})`).join(' and of ')}`,
      hint: how,
    },
  ]);
}
