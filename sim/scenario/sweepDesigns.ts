/**
 * The global-sensitivity designs a sweep file may name beside grid and
 * latin_hypercube (their points: sim/run/sweepDesigns.ts): `sobol`
 * (Saltelli's design over the Sobol' sequence), `morris` (elementary-effect
 * trajectories) and `samples` (a design made elsewhere, e.g. SALib's
 * samples file).
 */
import { z } from 'zod';
import { LIMITS } from './schema.ts';

const seed = z.number().int().min(0).max(LIMITS.seedMax);

export const SobolDesignSchema = z.strictObject({
  sobol: z.strictObject({
    n: z.number().int().min(2).max(LIMITS.sweepRunsMax).describe('base points; runs = n × (parameters + 2) × seeds; a power of 2 keeps the sequence balanced'),
    skip: z.number().int().min(0).max(1_000_000).optional().describe('Sobol\' points skipped at the start (default: n)'),
    bootstrap: z.number().int().min(0).max(10_000).default(500).describe('bootstrap resamples for the 95% intervals'),
    seed: seed.describe('seed of the bootstrap stream'),
  }),
});
export const MorrisDesignSchema = z.strictObject({
  morris: z.strictObject({
    trajectories: z.number().int().min(2).max(10_000).describe('runs = trajectories × (parameters + 1) × seeds'),
    levels: z.number().int().min(2).max(100).refine((v) => v % 2 === 0, 'an even number of levels').default(4),
    seed,
  }),
});
export const SamplesDesignSchema = z.strictObject({
  samples: z.strictObject({ file: z.string().min(1).max(1000).describe("a samples file (e.g. SALib's): one row per point, one whitespace-separated column per parameter, relative to the sweep file") }),
});

export function isSobol(d: unknown): d is z.infer<typeof SobolDesignSchema> {
  return typeof d === 'object' && d !== null && 'sobol' in d;
}
export function isMorris(d: unknown): d is z.infer<typeof MorrisDesignSchema> {
  return typeof d === 'object' && d !== null && 'morris' in d;
}
export function isSamples(d: unknown): d is z.infer<typeof SamplesDesignSchema> {
  return typeof d === 'object' && d !== null && 'samples' in d;
}

