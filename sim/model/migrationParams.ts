/**
 * The scenario block `city.migration` (MODEL.md §3.3, §3.10, the migration
 * submodel): the hinterland segments migrants come from and return to, the
 * terms of the migration decision, the residents' out-migration flow and the
 * start in balance. Kept apart from params.ts so that the parameters the
 * calibration tooling fits (#15) are in one place, each a plain number with
 * bounds.
 */
import { z } from 'zod';
import { EDUCATION } from './enums.ts';
import type * as paramsM from './params.ts';

/** The schema helpers of params.ts, passed in (params.ts imports this file: no import cycle). */
interface Helpers {
  num: typeof paramsM.num;
  share: typeof paramsM.share;
  shares: typeof paramsM.shares;
  source: typeof paramsM.source;
}

export const SEGMENT_HUKOU = ['local_rural', 'nonlocal'] as const;

/** The schemas of the migration and labour-demand blocks. */
export function migrationSchemas({ num, share, shares, source }: Helpers) {

  const SegmentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lowercase id (letters, digits, _ or -)'),
  name: z.string().min(1).max(200),
  hukou: z.enum(SEGMENT_HUKOU).describe('hukou of the migrants from this segment: local_rural (the municipality\'s own rural areas) or nonlocal (other provinces)'),
  population: num(0, 2e9).describe('working-age adults (16–59) in the segment at the start who could move (real persons)'),
  population_growth_year: num(-0.2, 0.2).default(0).describe('yearly change of the segment\'s working-age population by its own demography (ageing, cohorts), before migration'),
  income_yuan_month: num(1, 1e6).describe('income per worker at the origin at the start, yuan a month (for education "junior")'),
  income_growth_year: num(-0.5, 1).describe('nominal growth of origin income a year'),
  education: shares(EDUCATION).describe('education of the segment\'s working-age adults'),
  nonlocal_urban_share: share().default(0.15).describe('share of the segment\'s migrants with urban hukou (nonlocal segments only)'),
  age_mean: num(16, 60).default(30).describe('mean age of the segment\'s movers'),
  age_sd: num(1, 20).default(8),
  moving_cost_yuan_month: num(0, 1e5).default(300).describe('cost of moving and of living away from home (distance, family, hukou barriers), in start-month yuan a month, growing with city wages'),
  source,
});

  const MigrationSchema = z.strictObject({
  segments: z.array(SegmentSchema).min(1).max(16),
  elasticity: num(0, 10, { label: 'Migration elasticity to the income ratio', step: 0.1 }).default(1.5).describe('movers ∝ (expected city value / (origin income + moving cost))^elasticity'),
  propensity_month: num(0, 1).optional().describe('movers a month per segment adult at an income ratio of 1; absent: derived in month 1 so that the start is in balance with the pre-start trend'),
  pre_start_growth_year: num(-0.2, 0.3, { label: 'Residents\' growth a year before the start', step: 0.001 }).describe('residents\' mean yearly growth over the decade before the start (census to census); the derived propensity makes month 1 continue it'),
  origin_education_premium_share: share().default(0.5).describe('share of the city\'s education wage premium that also holds at the origin'),
  housing_cost_share: share().default(0.5).describe('share of the mean market / urban-village rent a newcomer expects to pay (shared rooms, dormitories)'),
  settlement_rate_year_start: share().default(0).describe('yearly settlements per worker without local urban hukou before the start: the prospect\'s window counts the pre-start months at this rate'),
  prospect_scale: num(0, 100).default(10).describe('settlement prospect = min(1, scale × yearly settlement rate of non-hukou workers of the same education)'),
  nonlocal_months_in_city_mean: num(1, 600).default(60).describe('mean months in the city of non-local residents at the start (exponential); decides how many every years-based rule finds eligible'),
  spouse_active_share: share().default(0.8).describe('chance an arriving spouse joins the labour force'),
  reduce_zone_weight: share().default(0.2).describe('weight of a zone whose policy stance is "reduce" as a first search zone, relative to its jobs'),
  out_migration: z.strictObject({
    rate_month: share().describe('monthly chance a local-hukou household with a working-age head leaves for other places, at a destination/city income ratio of 1'),
    elasticity: num(0, 10).default(1.5),
    destination_income_yuan_month: num(1, 1e6).describe('income at the destinations residents leave for (coastal cities), start-month yuan a month, for education "junior"'),
    destination_income_growth_year: num(-0.5, 1),
    max_head_age: num(20, 60).default(45).describe('households whose head is older do not leave'),
    source,
  }),
  source,
});

  const LabourDemandSchema = z.strictObject({
  adjust_month: share().default(0.1).describe('share of the gap between desired and existing jobs closed each month (vacancies posted or withdrawn)'),
  wage_elasticity: num(0, 5).default(0.4).describe('elasticity of desired jobs to the wage level (labour demand)'),
  wage_tightness_response: num(0, 1).default(0.01).describe('monthly wage growth of new hires per unit of ln(tightness / tightness at the start), tightness = vacancies / job seekers'),
  vacancy_share_start: share().default(0.05).describe('vacant jobs / jobs at the start in each zone × sector'),
  home_zone_job_share: share().default(0.7).describe('share of starting workers employed in their home zone'),
  other_zone_search_share: share().default(0.3).describe('chance a job seeker searches zones other than home first'),
  source,
});
  return { SegmentSchema, MigrationSchema, LabourDemandSchema };
}
