/**
 * The moving hazard drawn by thinning (MODEL.md §3.4, housing). A housed
 * household of a market tenure reconsiders where it lives with a monthly
 * chance r_t (its tenure's rate, times burdened_move_factor when burdened,
 * times the factors of its life events). Instead of a uniform draw for every
 * such household every month, each keeps in its `moveAt` column the month of
 * its next "look": the first month in which a monthly chance b ≥ r_t strikes,
 * b = min(1, tenure rate × (burdened_move_factor for renters) × life-event
 * factor) the household's bound, drawn as a geometric waiting time. In the
 * month of a look it reconsiders with chance r_t / b and draws its next look.
 * A look happens in each month with chance b, independently of other months
 * (the geometric waiting times of a monthly Bernoulli process), so the
 * household reconsiders in each month with chance b × r_t / b = r_t, as with a
 * draw every month (Lewis & Shedler 1979's thinning, in discrete time).
 *
 * The bound depends on the tenure and the life events only, and whenever
 * either changes — a move (World.moveIn), an event marked (noteLifeEvent), the
 * marks expiring — `moveAt` is set to UNDRAWN and the next housing pass draws
 * a new look from its own month on: by the waiting times' lack of memory this
 * keeps each month's chance at that month's bound. Households of other
 * tenures have bound 0 and never look (NEVER_LOOKS).
 */
import * as lifetimesM from './lifetimes.ts';
const { geometric, NEVER } = lifetimesM;

/** moveAt of a household whose next look is not drawn yet (the columns' zero: new rows start so). */
export const UNDRAWN = 0;
/** moveAt of a household that never looks (bound 0), the largest i16. */
export const NEVER_LOOKS = NEVER;

/**
 * The month of the next look of a household with monthly chance `bound`, counting months from `from`
 * (≥ 1) on: from − 1 + G, G geometric from the uniform u; NEVER_LOOKS beyond the i16 column.
 */
export function nextLook(u: number, from: number, bound: number): number {
  const at = from - 1 + geometric(u, bound);
  return at < NEVER_LOOKS ? at : NEVER_LOOKS;
}

/**
 * nextLook(u, from, bound) given `lg` = Math.log1p(−bound), which the caller keeps for the few bounds
 * a pass meets: the same branches and the same float expression as lifetimes.ts's geometric, so the
 * same month (one Math.log1p fewer a look).
 */
export function nextLookLog(u: number, from: number, bound: number, lg: number): number {
  const g = bound >= 1 ? 1 : !(bound > 0) ? Infinity : 1 + Math.floor(Math.log(1 - u) / lg);
  const at = from - 1 + g;
  return at < NEVER_LOOKS ? at : NEVER_LOOKS;
}
