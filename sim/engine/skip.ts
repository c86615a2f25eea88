/**
 * Geometric skipping: a run of independent trials, each a success with the same chance p, drawn
 * with one uniform per success instead of one per trial. The number of failures before the next
 * success is geometric, P(k) = (1 − p)^k p; from a uniform u in [0, 1) it is
 * floor(log(1 − u) / log(1 − p)) (inversion: P(skip ≥ k) = P(1 − u ≤ (1 − p)^k) = (1 − p)^k).
 * The trials' successes have the same distribution as drawing u < p for each trial (Devroye 1986,
 * "Non-Uniform Random Variate Generation", §X.2), but the draws are different numbers, so a
 * process that changes to it changes its outputs.
 */

/** Failures before the next success of Bernoulli(p) trials, from one uniform u in [0, 1): 0 when p ≥ 1, Infinity when p ≤ 0 (or NaN). */
export function geometricSkip(u: number, p: number): number {
  if (p >= 1) return 0;
  if (!(p > 0)) return Infinity;
  return Math.floor(Math.log1p(-u) / Math.log1p(-p));
}

/** Not yet drawn: the first trial of a run draws its skip. */
export const UNDRAWN = -1;

/**
 * One trial of run k, whose remaining failures before its next success are left[k] (UNDRAWN before
 * its first trial and after each success): true for a success. `next` is the process's stream,
 * read at the first trial after UNDRAWN only, so a run of t trials with s successes makes s or
 * s + 1 draws. Hot loops inline the same steps.
 */
export function skipTrial(left: Float64Array, k: number, p: number, next: () => number): boolean {
  let l = left[k]!;
  if (l < 0) l = geometricSkip(next(), p);
  if (l > 0) {
    left[k] = l - 1;
    return false;
  }
  left[k] = UNDRAWN;
  return true;
}
