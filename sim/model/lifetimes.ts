/**
 * Presampled waiting times (MODEL.md §3.1, §3.2). Three monthly Bernoulli
 * processes of the model have a chance that depends only on age or on
 * nothing: death (chance q(age) on reaching each month of age), a birth
 * (chance c each month for women aged 15–49) and separation from a job
 * (chance σ each month). Instead of a draw per person and month, the waiting
 * time of each is drawn once, by inversion, when it starts — the age at
 * death when a person is made, the age of the next birth when a girl is made
 * and after each birth, the month a job ends when it is taken — and the
 * monthly steps compare it with the age or the month. The waiting times have
 * exactly the distributions of the monthly processes (a test checks them
 * against the monthly arithmetic); the draws come from streams of their own,
 * "lifetimes" and "separations".
 */
import type { Stream } from '../engine/random.ts';

/** A waiting time that never ends within an i16 column: no birth, no death, no separation. */
export const NEVER = 32767;
/** Ages (months) the death table covers: 130 years. */
const MAX_AGE = 130 * 12;
/** Ages (months, after the month's ageing) at which a woman may give birth: years 15 to 49. */
export const FERTILE_FROM = 15 * 12;
export const FERTILE_TO = 50 * 12;

/** Ages (months, after the month's ageing) at which a non-head member of a household of 3+ may leave it to form their own: years 22 to 34. */
export const LEAVING_FROM = 22 * 12;
export const LEAVING_TO = 35 * 12;

/**
 * The age (months) of the next look at leaving home of a person now aged `age`: age + G, G geometric
 * with the monthly chance from the uniform u (the first later month in which that chance strikes);
 * NEVER when it falls at 35 years or later. In a look the person leaves if they are a candidate then
 * (demography.ts), so that each month of ages 22–34 a candidate leaves with the monthly chance.
 */
export function nextLeavingLook(u: number, age: number, chance: number): number {
  const at = age + geometric(u, chance);
  return at < LEAVING_TO ? at : NEVER;
}

/**
 * nextLeavingLook for many uniforms with one monthly chance, the same numbers for less: log1p(−chance)
 * is taken once, and a uniform whose look falls at 35 years or later for sure is told by a bound,
 * without the log. With L = log1p(−chance) < 0 and q = 1 − u, the look is age + 1 + ⌊log(q) / L⌋, NEVER
 * when that is LEAVING_TO or later, i.e. when 1 + ⌊log(q) / L⌋ ≥ k = LEAVING_TO − age. For q ≤ Q_k =
 * exp((k − 1)·L)·(1 − 1e-9), log q ≤ (k − 1)·L − 1e-9 nearly, and the computed log and quotient, each
 * within an ulp or so (relative 2.3e-16, i.e. below 1e-13 here), cannot bring the quotient back to k − 1
 * or below: the look is NEVER, as the full formula computes it. Other uniforms (and ages outside
 * LEAVING_FROM − 1 .. LEAVING_TO − 1, and chances not in (0, 1)) take the full formula.
 */
export class LeavingLooks {
  private readonly logq: number;
  private readonly full: boolean;
  /** qNever[age − (LEAVING_FROM − 1)] = Q_k, k = LEAVING_TO − age. */
  private readonly qNever: Float64Array;
  constructor(readonly chance: number) {
    this.full = !(chance > 0 && chance < 1);
    this.logq = Math.log1p(-chance);
    this.qNever = new Float64Array(LEAVING_TO - LEAVING_FROM + 1);
    if (!this.full) for (let i = 0; i < this.qNever.length; i++) this.qNever[i] = Math.exp((LEAVING_TO - (LEAVING_FROM - 1 + i) - 1) * this.logq) * (1 - 1e-9);
  }

  /** nextLeavingLook(u, age, this.chance). */
  next(u: number, age: number): number {
    if (this.full) return nextLeavingLook(u, age, this.chance);
    const q = 1 - u;
    const i = age - (LEAVING_FROM - 1);
    if (i >= 0 && i < this.qNever.length && q <= this.qNever[i]!) return NEVER;
    const at = age + 1 + Math.floor(Math.log(q) / this.logq);
    return at < LEAVING_TO ? at : NEVER;
  }
}

/**
 * The ages (months, ascending, distinct) at which the demography step has something to do for
 * everyone who reaches them: school age (the household's life event), 16 (labour-force entry), 18
 * (education), 22 (the leaving-home window opens) and 60 (labour-force exit).
 */
export function milestones(schoolAge: number): Int32Array {
  const m = [...new Set([schoolAge, 16 * 12, 18 * 12, LEAVING_FROM, 60 * 12])].sort((a, b) => a - b);
  return Int32Array.from(m);
}

/** Monthly death probability at an age in months, from annual Gompertz mortality m(x) = a·exp(b·x). */
export function monthlyDeathChance(a: number, b: number, infant: number, ageM: number): number {
  const annual = ageM < 12 ? infant : Math.min(1, a * Math.exp((b * ageM) / 12));
  return 1 - Math.pow(1 - annual, 1 / 12);
}

/** Chance of dying on reaching age k months: by year of age (mid-year), capped at 110 years; year 0 is infant mortality. */
export function deathChanceByYear(a: number, b: number, infant: number): Float64Array {
  const t = new Float64Array(111);
  for (let y = 0; y <= 110; y++) t[y] = monthlyDeathChance(a, b, infant, y * 12 + 6);
  t[0] = monthlyDeathChance(a, b, infant, 0);
  return t;
}

/** Geometric waiting time G ≥ 1 (months until the first success of a monthly chance p) from a uniform u in [0, 1). */
export function geometric(u: number, p: number): number {
  if (p >= 1) return 1;
  if (!(p > 0)) return Infinity;
  return 1 + Math.floor(Math.log(1 - u) / Math.log1p(-p));
}

export class Lifetimes {
  /** logS[k] = Σ_{j=1..k} log(1 − q(j)): log of the chance to live from age 0 through age k months. */
  readonly logS: Float64Array;
  private readonly qLast: number;
  constructor(
    mortality: { a: number; b: number; infant: number },
    readonly birthChance: number,
    readonly separationChance: number,
  ) {
    const byYear = deathChanceByYear(mortality.a, mortality.b, mortality.infant);
    const q = (k: number) => byYear[Math.min(110, Math.floor(k / 12))]!;
    this.logS = new Float64Array(MAX_AGE + 1);
    for (let k = 1; k <= MAX_AGE; k++) this.logS[k] = this.logS[k - 1]! + Math.log1p(-q(k));
    this.qLast = byYear[110]!;
  }

  /**
   * The age (months) at which a person now aged `age` dies: the first age D > age with
   * S(D) / S(age) < u, S the survival of the monthly process, u uniform in (0, 1].
   */
  deathAge(s: Stream, age: number): number {
    const u = 1 - s.next();
    const logS = this.logS;
    const from = Math.min(age, MAX_AGE);
    const base = logS[from]!;
    if (!(base > -Infinity)) return age + 1;
    const target = base + Math.log(u);
    if (logS[MAX_AGE]! >= target) {
      // Beyond the table the chance stays q(110 years).
      const lq = Math.log1p(-this.qLast);
      return lq < 0 ? Math.min(NEVER, Math.max(age, MAX_AGE) + Math.ceil((target - logS[MAX_AGE]!) / lq)) : NEVER;
    }
    // Smallest D in (from, MAX_AGE] with logS[D] < target (logS is non-increasing).
    let lo = from + 1;
    let hi = MAX_AGE;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (logS[mid]! < target) hi = mid;
      else lo = mid + 1;
    }
    return Math.max(lo, age + 1);
  }

  /** The age (months) of the next birth of a woman who may give birth from age `from` on, or NEVER. */
  birthAge(s: Stream, from: number): number {
    const start = Math.max(from, FERTILE_FROM);
    if (start >= FERTILE_TO) return NEVER;
    const at = start + geometric(s.next(), this.birthChance) - 1;
    return at < FERTILE_TO ? at : NEVER;
  }

  /** The month a job taken in `month` ends by separation (the first month after it that the monthly chance strikes). */
  jobEnd(s: Stream, month: number): number {
    return Math.min(NEVER, month + geometric(s.next(), this.separationChance));
  }
}
