/**
 * Per-age tables of the demography step (demography.ts): what its handling of
 * a due person does at each age, read from a table instead of the walk over
 * the milestones (lifetimes.ts `milestones`, the rule) and the chain of age
 * tests, and the due age a person gets when made (World.newPerson).
 *
 * For each age a (months) in 0..size-1: `next[a]` is the first milestone
 * after a (truncated to an integer: the due column is i16, and every other
 * candidate of the due age is an integer, so min(x, trunc(m)) = trunc(min(x,
 * m)) for the positive milestone m), NEVER when none; `flags[a]` has
 * MILESTONE when a is a milestone, one of EDUCATION (18 years), ENTRY (16),
 * EXIT (60), SCHOOL (school age) when the step does that at a, and WINDOW when
 * a is in the leaving-home ages 22–34. Ages outside the table have no flags,
 * and next `nextBelow` (negative ages: never met in a run) or NEVER (past
 * every milestone and the window).
 */
import * as lifetimesM from './lifetimes.ts';

const { LEAVING_FROM, LEAVING_TO, NEVER, milestones } = lifetimesM;

export const MILESTONE = 1;
export const EDUCATION = 2;
export const ENTRY = 4;
export const EXIT = 8;
export const SCHOOL = 16;
export const WINDOW = 32;
/** The ages at which the step draws the education (216), the labour-force entry (192) and ends a job (720). */
export const EDUCATION_AGE = 18 * 12;
export const ENTRY_AGE = 16 * 12;
export const EXIT_AGE = 60 * 12;

export class DueAges {
  /** Ages 0..size-1 are in the tables. */
  readonly size: number;
  readonly next: Int32Array;
  readonly flags: Uint8Array;
  /** The next milestone of a negative age (the first milestone, truncated). */
  readonly nextBelow: number;
  constructor(readonly schoolAge: number) {
    const ms = milestones(schoolAge);
    this.nextBelow = Math.trunc(ms[0]!);
    this.size = Math.max(LEAVING_TO, Math.ceil(ms[ms.length - 1]!) + 1, EXIT_AGE + 1);
    this.next = new Int32Array(this.size);
    this.flags = new Uint8Array(this.size);
    for (let a = 0; a < this.size; a++) {
      let next = NEVER;
      let f = 0;
      for (let j = 0; j < ms.length; j++) {
        const m = ms[j]!;
        if (m === a) f |= MILESTONE;
        else if (m > a) {
          next = m;
          break;
        }
      }
      this.next[a] = Math.trunc(next);
      if (a === EDUCATION_AGE) f |= EDUCATION;
      if (a === ENTRY_AGE) f |= ENTRY;
      if (a === EXIT_AGE) f |= EXIT;
      if (a === schoolAge) f |= SCHOOL;
      if (a >= LEAVING_FROM && a < LEAVING_TO) f |= WINDOW;
      this.flags[a] = f;
    }
  }

  /**
   * The due age of a person made now at age `age` (before the next pass ages them by one month),
   * with the presampled death and next birth ages: 0 ("not set", handled by the next pass) when the
   * next pass finds them in the leaving-home ages, since there the pass draws their look; otherwise
   * the least of the death age, the next birth and the first milestone from age + 1 on. Then the next
   * pass handles them if and only if it would have had anything to do (a death, a birth or a
   * milestone at age + 1) and, when it has not, the due age the pass would have set is this one, so
   * that leaving them for later changes nothing (no draw is made for them either way).
   */
  first(age: number, death: number, birth: number): number {
    const a = age + 1;
    if (a < 0) return 0;
    let next = NEVER;
    if (a < this.size) {
      const f = this.flags[a]!;
      if ((f & WINDOW) !== 0) return 0;
      next = (f & MILESTONE) !== 0 ? a : this.next[a]!;
    }
    if (death < next) next = death;
    if (birth < next) next = birth;
    return next;
  }
}
