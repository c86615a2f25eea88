/**
 * The scenario schema: one zod schema for every scenario file, exported as
 * JSON Schema to scenarios/schema.json. Documented limits (docs/robustness.md)
 * are enforced here.
 */
import { z } from 'zod';
import { CitySchema } from '../model/params.ts';
import { PoliciesSchema } from '../policy/registry.ts';
import { peel, unionBranch, type Peeled } from './walk.ts';

export const LIMITS = {
  sampleMin: 1e-5,
  sampleMax: 1,
  monthsMax: 600,
  replicationsMax: 1000,
  seedMax: 2 ** 31 - 1,
  fileBytesMax: 1_000_000,
  yamlAliasesMax: 100,
  extendsDepthMax: 16,
  sweepRunsMax: 100_000,
} as const;

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('scenario').optional().describe('the kind of input file (megasim validate tells kinds apart by it)'),
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  title_zh: z.string().max(300).optional(),
  description: z.string().max(5000).optional(),
  question: z.string().max(2000).optional(),
  question_zh: z.string().max(2000).optional().describe('the question in Chinese (the explorer in 中文)'),
  extends: z.string().optional().describe('path of a scenario this one extends (relative to this file)'),
  start: z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
  horizon_months: z.number().int().min(1).max(LIMITS.monthsMax),
  seed: z.number().int().min(0).max(LIMITS.seedMax).default(1),
  replications: z.number().int().min(1).max(LIMITS.replicationsMax).default(1),
  sample: z.number().min(LIMITS.sampleMin).max(LIMITS.sampleMax).default(0.01),
  city: CitySchema,
  policies: PoliciesSchema.default({}),
}).superRefine((sc, ctx) => {
  // Policies name zones by id: each must be a zone of the city.
  const ids = sc.city.zones.map((z) => z.id);
  const refs: { path: (string | number)[]; id: string }[] = [];
  zoneRefs(PoliciesSchema, sc.policies, ['policies'], refs);
  for (const r of refs) {
    if (!ids.includes(r.id)) {
      ctx.addIssue({ code: 'custom', path: r.path, input: r.id, message: `a zone id of the city (${ids.join(', ')}), found "${r.id}"` });
    }
  }
  // The travel matrix, when given, has a row for every zone with a time to every zone, and names no other zone.
  const T = sc.city.travel;
  if (T) {
    for (const from of Object.keys(T.minutes)) {
      if (!ids.includes(from)) ctx.addIssue({ code: 'custom', path: ['city', 'travel', 'minutes', from], input: from, message: `a zone id of the city (${ids.join(', ')}), found "${from}"` });
      for (const to of Object.keys(T.minutes[from]!)) {
        if (!ids.includes(to)) ctx.addIssue({ code: 'custom', path: ['city', 'travel', 'minutes', from, to], input: to, message: `a zone id of the city (${ids.join(', ')}), found "${to}"` });
      }
    }
    for (const from of ids) {
      const row = T.minutes[from];
      if (!row) {
        ctx.addIssue({ code: 'custom', path: ['city', 'travel', 'minutes'], input: Object.keys(T.minutes), message: `a row of travel minutes for every zone, missing zone "${from}"` });
        continue;
      }
      for (const to of ids) {
        if (row[to] === undefined) ctx.addIssue({ code: 'custom', path: ['city', 'travel', 'minutes', from], input: Object.keys(row), message: `travel minutes to every zone, missing zone "${to}"` });
      }
    }
  }
  // A city with no one in it: nothing to simulate (the memory estimate and every per-person rate would be 0/0).
  if (sc.city.zones.length > 0 && sc.city.zones.every((z) => z.residents === 0)) {
    ctx.addIssue({ code: 'custom', path: ['city', 'zones', 0, 'residents'], input: 0, message: 'residents in at least one zone (a number > 0), found 0 in every zone' });
  }
  if (sc.city.residents_total === 0) {
    ctx.addIssue({ code: 'custom', path: ['city', 'residents_total'], input: 0, message: 'a number > 0 (zone residents are scaled to add up to it), found 0' });
  }
  const seen = new Set<string>();
  sc.city.zones.forEach((z, i) => {
    if (seen.has(z.id)) ctx.addIssue({ code: 'custom', path: ['city', 'zones', i, 'id'], input: z.id, message: `zone ids that differ from each other, found "${z.id}" twice` });
    seen.add(z.id);
  });
});

const isZoneRef = (p: Peeled): boolean => p.layers.some((l) => l.meta?.zoneRef === true);

/** Collects the zone ids a value names, following the schema (fields built with `zoneId()`). */
export function zoneRefs(schema: z.ZodType, value: unknown, path: (string | number)[], out: { path: (string | number)[]; id: string }[]): void {
  if (value === undefined || value === null) return;
  const p = peel(schema);
  if (isZoneRef(p) && typeof value === 'string') {
    out.push({ path, id: value });
    return;
  }
  const d = p.def;
  switch (d.type) {
    case 'union': {
      // A policy entry: one block, or a list of dated phases (sim/policy/dates.ts).
      const o = unionBranch(d, value);
      return o ? zoneRefs(o, value, path, out) : undefined;
    }
    case 'object':
      for (const [k, v] of Object.entries(d.shape!)) zoneRefs(v, (value as Record<string, unknown>)[k], [...path, k], out);
      return;
    case 'array':
      (value as unknown[]).forEach((x, i) => zoneRefs(d.element!, x, [...path, i], out));
      return;
    case 'record':
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (isZoneRef(peel(d.keyType!))) out.push({ path: [...path, k], id: k });
        zoneRefs(d.valueType!, v, [...path, k], out);
      }
      return;
  }
}

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
