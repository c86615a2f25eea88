/** The governance process's aggregate state (governance.ts: the complaint queue), one per world. */

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
  misrouted: number; // dispatched to the wrong department this month (back in the queue)
  closedUnresolved: number;
  abandoned: number;
  inflow: number; // known problems entering the queue this month
  capacity: number; // problems dispatched at most this month
  /** Known inflow and effective capacity of the last 12 months (rings), for the utilisation. */
  inflow12: Float64Array;
  capacity12: Float64Array;
  utilisation: number;
  /** Conditions at the start (set in the first month): occupied dwellings by zone, and the shares. */
  start: null | { occupied: Float64Array; uv: number; unregistered: number; burden: number };
  raiseFactor: number;
}

export function newGovState(): GovState {
  return {
    known: new Float64Array(QUEUE), hidden: 0, backlog: 0, responseDays: NaN, satisfaction: 0.6, raised: 0, resolved: 0, detected: 0,
    misrouted: 0, closedUnresolved: 0, abandoned: 0, inflow: 0, capacity: 0,
    inflow12: new Float64Array(12), capacity12: new Float64Array(12), utilisation: NaN, start: null, raiseFactor: 1,
  };
}
