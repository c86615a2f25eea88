/**
 * Months worked and insured, kept as spells (MODEL.md §3.2, docs/performance.md "Eighth session").
 *
 * The counts are those of a monthly counter: in each labour step, every employed person whose job
 * does not end in it (by separation or shedding) counts a month worked and, in formal work, a month
 * insured, each capped at the i16 maximum 32767. Instead of adding 1 to everyone every month, the
 * world counts its labour steps (`w.labourSteps`, one more at the end of each step's pass over the
 * labour force, before matching), and while a spell runs the column holds the count less the steps
 * done when the spell began:
 *   - `worked` while employed (sector ≠ NO_JOB): months worked − labourSteps at the job's start;
 *     otherwise months worked;
 *   - `insured` while in formal work (formal = 1, which implies employed): months insured −
 *     labourSteps at the start of formal work (the hire, or the move to a formal contract);
 *     otherwise months insured.
 * The months now are min(32767, column + labourSteps) during a spell (the same as adding 1, capped,
 * in each step: the count only rises), else the column. World.takeJob starts the spells and
 * World.releaseJob folds them back into plain counts; the chase rule in labour.ts starts the
 * insured spell. Read the counts only through these functions (or World.workedMonths /
 * insuredMonths), and write them only through World.setWorkMonths. A read before the month's labour
 * step sees last month's count, after it this month's, as with the counter.
 *
 * Every employed person is in the labour force (live and active: demography ends a job with the
 * person's activity at 60, and only active persons are hired), so every labour step counts every
 * running spell; checked mode tests it.
 */
import * as enumsM from './enums.ts';
// Hot modules copy what they import into module constants (docs/performance.md).
const { NO_JOB } = enumsM;

/** The i16 cap of both counts. */
export const MONTHS_CAP = 32767;

/** Months worked of person p: `worked` and `sector` columns, the world's labourSteps. */
export function workedOf(worked: Int16Array, sector: Int8Array, steps: number, p: number): number {
  const v = worked[p]!;
  return sector[p] === NO_JOB ? v : Math.min(MONTHS_CAP, v + steps);
}

/** Months insured of person p: `insured` and `formal` columns, the world's labourSteps. */
export function insuredOf(insured: Int16Array, formal: Uint8Array, steps: number, p: number): number {
  const v = insured[p]!;
  return formal[p] === 1 ? Math.min(MONTHS_CAP, v + steps) : v;
}
