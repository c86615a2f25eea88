/**
 * The scenario schema: one zod schema for every scenario file, exported as
 * JSON Schema to scenarios/schema.json. Documented limits (docs/robustness.md)
 * are enforced here.
 */
import { z } from 'zod';
import { CitySchema } from '../model/params.ts';
import { PoliciesSchema } from '../policy/registry.ts';

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
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  title_zh: z.string().max(300).optional(),
  description: z.string().max(5000).optional(),
  question: z.string().max(2000).optional(),
  extends: z.string().optional().describe('path of a scenario this one extends (relative to this file)'),
  start: z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
  horizon_months: z.number().int().min(1).max(LIMITS.monthsMax),
  seed: z.number().int().min(0).max(LIMITS.seedMax).default(1),
  replications: z.number().int().min(1).max(LIMITS.replicationsMax).default(1),
  sample: z.number().min(LIMITS.sampleMin).max(LIMITS.sampleMax).default(0.01),
  city: CitySchema,
  policies: PoliciesSchema.default({}),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
