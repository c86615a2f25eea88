/**
 * The calibration file (`megasim calibrate FILE`): a scenario to run, the
 * parameters to calibrate as document paths with priors, the targets (a
 * targets file or a list), the distance, and the ABC-SMC settings. The JSON
 * Schema is scenarios/calibration.schema.json.
 */
import { z } from 'zod';
import { LIMITS } from './schema.ts';
import { TargetListSchema } from './targets.ts';

const finite = z.number().finite();

export const PriorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('uniform'), low: finite, high: finite }),
  z.strictObject({ kind: z.literal('log_uniform'), low: z.number().positive().finite(), high: z.number().positive().finite() }),
  z.strictObject({ kind: z.literal('normal'), mean: finite, sd: z.number().positive().finite() }),
  z.strictObject({ kind: z.literal('bounded'), mean: finite, sd: z.number().positive().finite(), low: finite, high: finite }).describe('a normal truncated to [low, high]'),
]);

export const CalibrationParameterSchema = z
  .strictObject({
    path: z.string().min(1).max(300).describe('document path of a scenario setting, as in a sweep'),
    label: z.string().max(200).optional(),
    prior: PriorSchema,
    integer: z.boolean().default(false).describe('round proposals to whole numbers before running'),
  })
  .superRefine((p, ctx) => {
    const pr = p.prior as { low?: number; high?: number };
    if (pr.low !== undefined && pr.high !== undefined && !(pr.low < pr.high)) ctx.addIssue({ code: 'custom', path: ['prior'], message: `low < high, found low ${pr.low} and high ${pr.high}` });
  });

export const CalibrationSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  description: z.string().max(5000).optional(),
  scenario: z.string().min(1).max(1000).describe('the scenario run for each particle, relative to this file'),
  apply_to: z.string().min(1).max(1000).optional().describe('the scenario the calibrated values are written into (calibrated.yaml extends it); every target must fall before or at its start. Default: `scenario`'),
  parameters: z.array(CalibrationParameterSchema).min(1).max(20),
  targets: z.union([z.string().min(1).max(1000), TargetListSchema]).describe('a targets file (relative to this file) or a list of targets'),
  distance: z
    .strictObject({
      norm: z.enum(['l2', 'l1', 'max']).default('l2').describe('l2: root mean square of the scaled gaps; l1: their mean absolute value; max: the largest'),
    })
    .default({ norm: 'l2' })
    .describe('each target\'s gap (model − value, or the excess beyond an at_most / at_least bound) is divided by its tolerance (a direction target without one: by |value|)'),
  abc: z.strictObject({
    population: z.number().int().min(4).max(10_000).describe('particles per generation'),
    generations: z.number().int().min(1).max(50).describe('at most this many generations (generation 0 samples the prior)'),
    quantile: z.number().gt(0).lt(1).default(0.5).describe('ε_t = this weighted quantile of generation t − 1\'s distances'),
    batch: z.number().int().min(1).max(100_000).optional().describe('candidates simulated per batch of a generation (default: population)'),
    max_batches: z.number().int().min(1).max(1000).default(20).describe('a generation stops after this many batches even if short of the population'),
    min_acceptance: z.number().min(0).max(1).default(0.01).describe('stop after a generation whose acceptance rate is below this'),
    min_epsilon: z.number().min(0).default(0).describe('stop once ε reaches this'),
    seed: z.number().int().min(0).max(LIMITS.seedMax),
  }),
  replications: z.number().int().min(1).max(100).default(1).describe('model runs per particle (its statistics are their mean)'),
  sample: z.number().min(LIMITS.sampleMin).max(LIMITS.sampleMax).optional().describe("default: the scenario's"),
  months: z.number().int().min(1).max(LIMITS.monthsMax).optional().describe('default: through the last target'),
});
export type CalibrationFile = z.infer<typeof CalibrationSchema>;
