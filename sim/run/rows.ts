/**
 * The one shape of recorded indicator values, from the simulation to the
 * explorer: four typed columns of equal length, one entry per recorded value,
 * in recording order (month, then indicator definition order, then zone).
 * `runReplication` records into a `RowRecorder`; its `rows()` are what the
 * worker pool transfers, what indicators.csv, summary.json and the
 * statistics (sim/run/stats.ts) read, and what the explorer's Web Worker
 * posts month by month. A plain object of typed arrays survives
 * structured cloning (worker_threads and Web Workers) unchanged, and its
 * buffers can be transferred. Browser-safe.
 */
import { INDICATOR_INDEX } from '../model/observe/indicators.ts';

/** Recorded values, column by column; every column has the same length. */
export interface Rows {
  /** Month of the value (0 = the start month). */
  month: Int32Array;
  /** Index into INDICATORS. */
  indicator: Int32Array;
  /** Zone index into the scenario's zones, −1 = city-wide. */
  zone: Int32Array;
  value: Float64Array;
}

/** No rows. */
export function emptyRows(): Rows {
  return { month: new Int32Array(0), indicator: new Int32Array(0), zone: new Int32Array(0), value: new Float64Array(0) };
}

/** Rows from plain lists (tests, hand-made data). */
export function rowsOf(month: ArrayLike<number>, indicator: ArrayLike<number>, zone: ArrayLike<number>, value: ArrayLike<number>): Rows {
  if (indicator.length !== month.length || zone.length !== month.length || value.length !== month.length) throw new Error('rowsOf: columns of different lengths');
  return { month: Int32Array.from(month), indicator: Int32Array.from(indicator), zone: Int32Array.from(zone), value: Float64Array.from(value) };
}

/** A copy of rows [from, to) with buffers of their own (to post or transfer). */
export function sliceRows(r: Rows, from = 0, to = r.month.length): Rows {
  return { month: r.month.slice(from, to), indicator: r.indicator.slice(from, to), zone: r.zone.slice(from, to), value: r.value.slice(from, to) };
}

/** The buffers of `r`, for a transfer list. */
export function rowBuffers(r: Rows): ArrayBuffer[] {
  return [r.month.buffer as ArrayBuffer, r.indicator.buffer as ArrayBuffer, r.zone.buffer as ArrayBuffer, r.value.buffer as ArrayBuffer];
}

/**
 * Rows being recorded: columns that double as they fill. `add` is the sink
 * `observe()` writes to (indicator by name, at the month set in `month`);
 * `push` and `append` take indices and other rows. `rows()` views the values
 * recorded so far (no copy; later additions may reallocate the columns).
 */
export class RowRecorder {
  /** The month that `add` records at. */
  month = 0;
  private n = 0;
  private cMonth: Int32Array;
  private cIndicator: Int32Array;
  private cZone: Int32Array;
  private cValue: Float64Array;

  constructor(capacity = 256) {
    const c = Math.max(1, capacity);
    this.cMonth = new Int32Array(c);
    this.cIndicator = new Int32Array(c);
    this.cZone = new Int32Array(c);
    this.cValue = new Float64Array(c);
  }

  get length(): number {
    return this.n;
  }

  /** observe()'s sink: the value of indicator `name` in `zone` at `this.month`. */
  readonly add = (name: string, zone: number, value: number): void => {
    const i = INDICATOR_INDEX.get(name);
    if (i === undefined) throw new Error(`unknown indicator ${name}`);
    this.push(this.month, i, zone, value);
  };

  push(month: number, indicator: number, zone: number, value: number): void {
    if (this.n === this.cMonth.length) this.grow(this.n + 1);
    const k = this.n++;
    this.cMonth[k] = month;
    this.cIndicator[k] = indicator;
    this.cZone[k] = zone;
    this.cValue[k] = value;
  }

  /** Adds every row of `r` after those recorded so far. */
  append(r: Rows): void {
    const m = r.month.length;
    if (this.n + m > this.cMonth.length) this.grow(this.n + m);
    this.cMonth.set(r.month, this.n);
    this.cIndicator.set(r.indicator, this.n);
    this.cZone.set(r.zone, this.n);
    this.cValue.set(r.value, this.n);
    this.n += m;
  }

  /** The rows recorded so far (views, no copy). */
  rows(): Rows {
    return { month: this.cMonth.subarray(0, this.n), indicator: this.cIndicator.subarray(0, this.n), zone: this.cZone.subarray(0, this.n), value: this.cValue.subarray(0, this.n) };
  }

  private grow(need: number): void {
    let c = this.cMonth.length * 2;
    while (c < need) c *= 2;
    const m = new Int32Array(c);
    const ind = new Int32Array(c);
    const z = new Int32Array(c);
    const v = new Float64Array(c);
    m.set(this.cMonth.subarray(0, this.n));
    ind.set(this.cIndicator.subarray(0, this.n));
    z.set(this.cZone.subarray(0, this.n));
    v.set(this.cValue.subarray(0, this.n));
    this.cMonth = m;
    this.cIndicator = ind;
    this.cZone = z;
    this.cValue = v;
  }
}
