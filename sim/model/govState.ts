/** The governance process's aggregate state (governance.ts), one per world. */

/** Months of problems the first-in-first-out queue holds (a ring). */
export const QUEUE = 120;

export interface GovState {
  known: Float64Array; // known problems by month raised (ring of QUEUE months)
  hidden: number; // problems not yet detected
  backlog: number;
  responseDays: number;
  satisfaction: number;
  raised: number;
  resolved: number;
  detected: number; // problems found by grid workers this month
}

export function newGovState(): GovState {
  return { known: new Float64Array(QUEUE), hidden: 0, backlog: 0, responseDays: NaN, satisfaction: 0.6, raised: 0, resolved: 0, detected: 0 };
}
