/**
 * Job ends by due month (docs/performance.md, "Ninth session: labour"): World.takeJob files each
 * new job under the month its separation is due (the `jobEnd` column, presampled when the job is
 * taken), so that the labour step finds the jobs that end in its month without a pass over the
 * labour force. An entry goes stale when the job ends otherwise (death, departure, the age of 60,
 * shedding, relocation); it stays in its list and is dropped when the list is read, since the
 * person then holds no job, or a later one whose own entry is filed under its own month. A row may
 * therefore appear more than once in a list (a person, or a later person in the same row, hired
 * again with the same due month); the first entry ends the job, the next finds it ended.
 *
 * Lists whose month the labour step has read (`done`) are freed; a job filed while its due month
 * is already read (a test's hand-made hire at a month past its due one) goes to the next month to
 * be read, where the step's test `jobEnd ≤ month` ends it, as a pass over the labour force would.
 * Jobs that never end by separation (`NEVER`) are not filed.
 */
import * as lifetimesM from './lifetimes.ts';
// Hot modules copy what they import into module constants (docs/performance.md).
const { NEVER } = lifetimesM;

export class JobEnds {
  /** The rows filed under each due month (index = month), with their lengths; null when empty or read. */
  private lists: (Int32Array | null)[] = [];
  private lens = new Int32Array(64);
  /** The lists of months up to this one have been read (and freed) by the labour step. */
  done = 0;

  /** Files row p's job, due to end in month `end`. */
  add(p: number, end: number): void {
    if (end >= NEVER) return;
    const k = end > this.done ? end : this.done + 1;
    if (k >= this.lens.length) {
      let m = this.lens.length * 2;
      while (m <= k) m *= 2;
      const l2 = new Int32Array(m);
      l2.set(this.lens);
      this.lens = l2;
    }
    while (this.lists.length <= k) this.lists.push(null);
    let a = this.lists[k]!;
    const n = this.lens[k]!;
    if (a === null) this.lists[k] = a = new Int32Array(64);
    else if (n === a.length) {
      const b = new Int32Array(n * 2);
      b.set(a);
      this.lists[k] = a = b;
    }
    a[n] = p;
    this.lens[k] = n + 1;
  }

  /** The rows filed under month k (valid up to count(k)); an empty array when none. */
  rows(k: number): Int32Array {
    return k < this.lists.length ? (this.lists[k] ?? EMPTY) : EMPTY;
  }

  /** How many rows are filed under month k. */
  count(k: number): number {
    return k < this.lens.length ? this.lens[k]! : 0;
  }

  /** Marks the months up to `month` read and frees their lists. */
  finish(month: number): void {
    for (let k = this.done + 1; k <= month && k < this.lists.length; k++) {
      this.lists[k] = null;
      this.lens[k] = 0;
    }
    if (month > this.done) this.done = month;
  }

  /**
   * Sets out[q] = 1 for every row q holding a job (live, sector ≥ 0) that is filed under the month
   * its due month is filed under now (monthFor(jobEnd[q])), for checked mode: a job held but not so
   * filed would not end in its month. `out` must be zero and at least as long as the table.
   */
  markFiled(live: Uint8Array, sector: Int8Array, jobEnd: Int16Array, out: Uint8Array): void {
    for (let k = this.done + 1; k < this.lists.length; k++) {
      const a = this.lists[k];
      if (!a) continue;
      const n = this.lens[k]!;
      for (let i = 0; i < n; i++) {
        const q = a[i]!;
        if (live[q] === 1 && sector[q]! >= 0 && this.monthFor(jobEnd[q]!) === k) out[q] = 1;
      }
    }
  }

  /** The month under which a job due in month `end` is filed now (NEVER: not filed). */
  monthFor(end: number): number {
    if (end >= NEVER) return NEVER;
    return end > this.done ? end : this.done + 1;
  }
}

const EMPTY = new Int32Array(0);
