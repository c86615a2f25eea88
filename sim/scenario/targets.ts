/**
 * Targets: dated real-world figures a run is held against. A targets file
 * (or a `targets:` list inside a comparison or calibration file) lists
 * entries; each names an indicator, a zone (or the whole city), a month
 * ("YYYY-MM", the value at the end of that month) or a window of months
 * [from, to] (stocks: the mean over the window; flows: the sum), and either
 * a value with a tolerance (absolute, or relative to the value) or a
 * direction (`at_most` / `at_least` a value; `increase` / `decrease` from
 * the scenario's start), plus its source. The JSON Schema is
 * scenarios/targets.schema.json.
 */
import { z } from 'zod';
import { INDICATORS } from '../model/observe/indicators.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, 'a month "YYYY-MM"');

export const TargetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100).optional().describe('short name (default: indicator@zone@date)'),
    indicator: z.string().min(1).max(100).describe('an indicator name (docs/MODEL.md, Observation)'),
    zone: z.string().min(1).max(100).default('all').describe('a zone id, or "all" for the city'),
    date: month.optional().describe('the month whose end the figure describes'),
    window: z.tuple([month, month]).optional().describe('[first, last] month: stocks are averaged, flows summed'),
    value: z.number().finite().optional().describe('the figure (real persons, shares, yuan …, in the indicator\'s unit)'),
    tolerance: z.number().positive().finite().optional().describe('met when |model − value| ≤ tolerance (same unit)'),
    tolerance_rel: z.number().positive().max(10).optional().describe('met when |model − value| ≤ tolerance_rel × |value|'),
    direction: z.enum(['at_most', 'at_least', 'increase', 'decrease']).optional().describe('instead of a tolerance: model ≤ value, ≥ value, or above / below its value at the start'),
    role: z.enum(['calibration', 'validation', 'start']).optional().describe('calibration: before the start, may be fitted; validation: after the start, never fitted; start: the starting state'),
    source: z.string().min(1).max(2000).describe('where the figure comes from, with [V] or [U]'),
  })
  .superRefine((t, ctx) => {
    if ((t.date === undefined) === (t.window === undefined)) ctx.addIssue({ code: 'custom', message: `exactly one of \`date\` or \`window\`, found ${t.date ? 'both' : 'neither'}` });
    if (t.window && t.window[0] > t.window[1]) ctx.addIssue({ code: 'custom', path: ['window'], message: `a window [first, last] in order, found [${t.window[0]}, ${t.window[1]}]` });
    const tol = (t.tolerance !== undefined ? 1 : 0) + (t.tolerance_rel !== undefined ? 1 : 0);
    if (t.direction === undefined) {
      if (t.value === undefined) ctx.addIssue({ code: 'custom', message: 'a `value` (with a tolerance) or a `direction`, found neither' });
      if (tol !== 1) ctx.addIssue({ code: 'custom', message: `exactly one of \`tolerance\` or \`tolerance_rel\` with a value, found ${tol === 0 ? 'neither' : 'both'}` });
    } else if (t.direction === 'at_most' || t.direction === 'at_least') {
      if (t.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `a value for direction ${t.direction}, found none` });
    } else if (t.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `no value with direction ${t.direction} (it compares with the start), found ${t.value}` });
    if (!INDICATORS.some((d) => d.name === t.indicator)) ctx.addIssue({ code: 'custom', path: ['indicator'], message: `a known indicator, found "${t.indicator}"` });
  });
export type Target = z.infer<typeof TargetSchema>;

export const TargetListSchema = z.array(TargetSchema).min(1).max(500);

export const TargetsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lowercase id (letters, digits, . _ -)').max(100),
  title: z.string().min(1).max(300),
  description: z.string().max(5000).optional(),
  scenario: z.string().min(1).max(1000).optional().describe('the scenario file the targets are for, relative to this file: runs of it, or of any scenario that extends it, show the targets'),
  targets: TargetListSchema,
});
export type TargetsFile = z.infer<typeof TargetsFileSchema>;

/** Months from a scenario start "YYYY-MM" (month 0) to the end of month "YYYY-MM". */
export function monthIndex(start: string, date: string): number {
  const [sy, sm] = start.split('-').map(Number) as [number, number];
  const [y, m] = date.split('-').map(Number) as [number, number];
  return (y - sy) * 12 + (m - sm);
}

/** The name a target is shown by. */
export function targetName(t: Target): string {
  return t.id ?? `${t.indicator}@${t.zone}@${t.date ?? `${t.window![0]}..${t.window![1]}`}`;
}
