/**
 * Sweep files (scenarios/sweeps/*.yaml; docs/cluster.md): a base scenario,
 * parameters as document paths with values (a grid) or ranges (a grid of
 * `steps`, or a Latin hypercube), seeds, months, sample and the indicators
 * to keep. Read with the one YAML reader (yaml.ts) and validated with the
 * one zod translator (problems.ts), like scenarios and comparison files;
 * parameter paths are checked against the scenario schema with the one
 * schema walker (walk.ts). The sweep itself runs in sim/run/sweep.ts.
 */
import { z } from 'zod';
import { INDICATORS } from '../model/observe/indicators.ts';
import { ScenarioSchema, LIMITS } from './schema.ts';
import { InputError, didYouMean } from './errors.ts';
import { parseMappingFile, type Source, type SourceFile } from './yaml.ts';
import { validateAgainst } from './problems.ts';
import { readInputFile } from './node.ts';
import { defOf, peel, unionBranch } from './walk.ts';

const ParameterSchema = z
  .strictObject({
    path: z.string().min(1).max(300).describe('document path of a scenario setting, e.g. policies.differentiated.apply_rate or city.zones.core.rent_yuan_month'),
    label: z.string().max(200).optional().describe('name shown in tables and charts (default: the path)'),
    values: z.array(z.union([z.number().finite(), z.string().max(200), z.boolean()])).min(1).max(1000).optional().describe('the values to try'),
    range: z.tuple([z.number().finite(), z.number().finite()]).optional().describe('[low, high] for a grid of `steps` values or a Latin hypercube'),
    steps: z.number().int().min(2).max(1000).optional().describe('grid: number of evenly spaced values over `range`, ends included'),
    scale: z.enum(['linear', 'log']).default('linear').describe('spacing over `range`'),
    integer: z.boolean().default(false).describe('round values to whole numbers'),
  })
  .superRefine((p, ctx) => {
    if ((p.values === undefined) === (p.range === undefined)) ctx.addIssue({ code: 'custom', message: 'exactly one of `values` or `range`, found ' + (p.values ? 'both' : 'neither') });
    if (p.range && p.range[0] > p.range[1]) ctx.addIssue({ code: 'custom', path: ['range'], message: `a range [low, high] with low ≤ high, found [${p.range[0]}, ${p.range[1]}]` });
    if (p.range && p.scale === 'log' && p.range[0] <= 0) ctx.addIssue({ code: 'custom', path: ['range'], message: `a positive range for scale: log, found low ${p.range[0]}` });
  });

export const SweepSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('sweep').optional().describe('the kind of input file (megasim validate tells kinds apart by it)'),
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  description: z.string().max(5000).optional(),
  scenario: z.string().min(1).describe('base scenario file, relative to the sweep file'),
  design: z
    .union([z.literal('grid'), z.strictObject({ latin_hypercube: z.strictObject({ n: z.number().int().min(1).max(LIMITS.sweepRunsMax), seed: z.number().int().min(0).max(LIMITS.seedMax) }) })])
    .default('grid'),
  parameters: z.array(ParameterSchema).min(1).max(20),
  seeds: z.union([
    z.array(z.number().int().min(0).max(LIMITS.seedMax)).min(1).max(LIMITS.replicationsMax),
    z.strictObject({ from: z.number().int().min(0).max(LIMITS.seedMax), count: z.number().int().min(1).max(LIMITS.replicationsMax) }),
  ]),
  months: z.number().int().min(1).max(LIMITS.monthsMax).optional().describe("default: the scenario's horizon"),
  sample: z.number().min(LIMITS.sampleMin).max(LIMITS.sampleMax).optional().describe("default: the scenario's sample"),
  indicators: z.strictObject({
    names: z.array(z.string()).min(1).max(INDICATORS.length),
    at: z.array(z.enum(['horizon', 'yearly'])).min(1).default(['horizon']).describe('horizon: the last month; yearly: months 12, 24, …'),
    zones: z.boolean().default(false).describe('also keep the values of each zone (default: city-wide only)'),
  }),
});
export type SweepFile = z.infer<typeof SweepSchema>;
export type SweepParameter = SweepFile['parameters'][number];

export type ParamValue = number | string | boolean;

/** Bad input of a sweep found outside the file's positions (a parameter path, a shard, a run limit): exit 2. */
export class SweepInputError extends InputError {}

/** Parses and validates a sweep file's text; problems name file, line, column and path. */
export function parseSweepText(name: string, text: string): SweepFile {
  return parseSweep({ name, text }).def;
}

/** Parses and validates a sweep file; returns the definition and the parsed source (for positions). */
export function parseSweep(file: SourceFile): { def: SweepFile; source: Source } {
  const { source, data } = parseMappingFile(file);
  return { def: validateAgainst(SweepSchema, data, [source]), source };
}

/** Reads and validates a sweep file from disk (size, UTF-8, YAML limits, schema); throws ScenarioError. */
export function readSweepFile(path: string): { def: SweepFile; source: Source } {
  return parseSweep(readInputFile(path, 'sweep file'));
}

// ---- parameter paths ---------------------------------------------------------------

/** A likely intended key: a close spelling, or the one key that starts with what was written. */
function guessKey(seg: string, keys: readonly string[]): string | undefined {
  const close = didYouMean(seg, keys);
  if (close) return close;
  const prefixed = keys.filter((k) => k.startsWith(seg) || seg.startsWith(k));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** One step of a parameter path: an object key, a list element by id or index, a record key. */
export type PathStep = { key: string } | { index: number } | { id: string };

/**
 * Checks a dotted parameter path against the scenario schema (and the base
 * document, for list elements named by id) and returns its steps. Throws
 * SweepInputError naming the path, the first wrong segment and the keys allowed there.
 */
export function resolveParameterPath(path: string, baseDoc: Record<string, unknown>): { steps: PathStep[]; leaf: string } {
  const segs = path.split('.');
  let schema: z.ZodType = ScenarioSchema;
  let doc: unknown = baseDoc;
  const steps: PathStep[] = [];
  const fail = (i: number, expected: string, found: string, hint?: string): never => {
    throw new SweepInputError(`parameter path "${path}": at "${segs.slice(0, i + 1).join('.')}" expected ${expected}, found ${found}${hint ? ` (${hint})` : ''}`);
  };
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    let d = peel(schema).def;
    if (d.type === 'union') {
      // A policy given as one block or as dated phases (sim/policy/dates.ts): the branch the base document has.
      schema = unionBranch(d, doc) ?? schema;
      d = peel(schema).def;
    }
    if (d.type === 'object' && d.shape) {
      if (!(seg in d.shape)) {
        const keys = Object.keys(d.shape).filter((k) => k !== '$schema' && k !== 'kind');
        const guess = guessKey(seg, keys);
        fail(i, `one of ${keys.join(', ')}`, `"${seg}", which is not a setting of the scenario schema`, guess ? `did you mean "${guess}"?` : undefined);
      }
      steps.push({ key: seg });
      schema = d.shape[seg]!;
      doc = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[seg] : undefined;
    } else if (d.type === 'record') {
      steps.push({ key: seg });
      schema = d.valueType!;
      doc = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[seg] : undefined;
    } else if (d.type === 'array' || d.type === 'tuple') {
      const list = Array.isArray(doc) ? (doc as unknown[]) : [];
      if (/^\d+$/.test(seg)) {
        const idx = Number(seg);
        if (d.type === 'array' && list.length > 0 && idx >= list.length) fail(i, `an index below ${list.length}`, seg);
        steps.push({ index: idx });
        const next = d.type === 'array' ? d.element : d.items?.[idx];
        if (!next) fail(i, 'a known setting', `"${seg}"`);
        schema = next!;
        doc = list[idx];
      } else {
        const ids = list.map((x) => (x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined)).filter((x): x is string => typeof x === 'string');
        if (!ids.includes(seg)) {
          const guess = didYouMean(seg, ids);
          fail(i, ids.length ? `an element id (${ids.join(', ')}) or an index` : 'an index', `"${seg}"`, guess ? `did you mean "${guess}"?` : undefined);
        }
        steps.push({ id: seg });
        schema = d.element!;
        doc = list.find((x) => (x as { id?: unknown }).id === seg);
      }
    } else if (!defOf(peel(schema).inner)) {
      fail(i, 'a known setting', `"${seg}"`);
    } else {
      fail(i, 'nothing more (the path ends at the previous segment)', `"${seg}"`);
    }
  }
  const leaf = peel(schema).def.type;
  if (!['number', 'boolean', 'string', 'enum', 'literal', 'union'].includes(leaf)) {
    throw new SweepInputError(`parameter path "${path}": expected a path to a single value (number, true/false or text), found a ${leaf === 'object' || leaf === 'record' ? 'block of settings' : leaf === 'array' ? 'list' : leaf}`);
  }
  return { steps, leaf };
}
