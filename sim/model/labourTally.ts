/**
 * The labour force kept by events (docs/performance.md, "Tenth session: labour's ordinary months"):
 * its size (live and active persons), its non-hukou members (hukou ≠ 0) by education, and a bitmap
 * of its members without a job (live, active, sector NO_JOB), one bit a row, so that the labour step
 * lists its job seekers in index order from the set bits instead of a pass over every row.
 *
 * World keeps it: takeJob clears a row's bit, releaseJob sets it for a member of the labour force,
 * removals take the person out, and every change of a person's live, active, hukou or edu goes
 * through World.labourOut before and World.labourIn after (World.setActive does both). Code that
 * writes those columns directly (init, tests building a world by hand) calls World.recountLabour
 * afterwards. Checked mode recounts it after every step (`labour force tallied`).
 */

export class LabourTally {
  /** Live and active persons. */
  size = 0;
  /** Live and active persons with hukou ≠ 0 (not local urban), by education. */
  readonly nonHukou: Int32Array;
  /** Bit p & 31 of word p >>> 5 is 1 when row p is live, active and without a job. */
  seek = new Uint32Array(1024);

  constructor(ne: number) {
    this.nonHukou = new Int32Array(ne);
  }

  /** Counts a person joining the labour force (without a job: `seeking`). */
  join(p: number, hukou: number, edu: number, seeking: boolean): void {
    this.size++;
    if (hukou !== 0) this.nonHukou[edu]!++;
    if (seeking) this.set(p);
  }

  /** Counts a person leaving the labour force. */
  leave(p: number, hukou: number, edu: number): void {
    this.size--;
    if (hukou !== 0) this.nonHukou[edu]!--;
    this.clear(p);
  }

  /** Marks row p as seeking work. */
  set(p: number): void {
    const q = p >>> 5;
    if (q >= this.seek.length) {
      let m = this.seek.length * 2;
      while (m <= q) m *= 2;
      const s = new Uint32Array(m);
      s.set(this.seek);
      this.seek = s;
    }
    this.seek[q]! |= 1 << (p & 31);
  }

  /** Marks row p as not seeking work. */
  clear(p: number): void {
    const q = p >>> 5;
    if (q < this.seek.length) this.seek[q]! &= ~(1 << (p & 31));
  }

  /** Whether row p is marked as seeking work. */
  seeking(p: number): boolean {
    const q = p >>> 5;
    return q < this.seek.length && ((this.seek[q]! >>> (p & 31)) & 1) === 1;
  }

  /** Counts everything anew from the columns (n rows). */
  recount(n: number, live: Uint8Array, active: Uint8Array, hukou: Uint8Array, edu: Uint8Array, sector: Int8Array, noJob: number): void {
    this.size = 0;
    this.nonHukou.fill(0);
    this.seek.fill(0);
    for (let p = 0; p < n; p++) if (live[p] === 1 && active[p] === 1) this.join(p, hukou[p]!, edu[p]!, sector[p] === noJob);
  }
}
