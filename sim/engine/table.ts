/**
 * Column tables: one typed array per field, rows addressed by integer index.
 * Tables grow by doubling; removed rows go to a free list that is reused in
 * LIFO order, so the row an add() returns is fully determined by the history
 * of adds and removes. No object per row.
 */

export type ColumnType = 'u8' | 'i8' | 'i16' | 'u16' | 'i32' | 'f32' | 'f64';
export type ColumnSpec = Record<string, ColumnType>;

type ArrayFor<T extends ColumnType> = T extends 'u8'
  ? Uint8Array
  : T extends 'i8'
    ? Int8Array
    : T extends 'i16'
      ? Int16Array
      : T extends 'u16'
        ? Uint16Array
        : T extends 'i32'
          ? Int32Array
          : T extends 'f32'
            ? Float32Array
            : Float64Array;

type Kinds = { [K in ColumnType]: ArrayFor<K>[] };

export type Columns<S extends ColumnSpec> = { [K in keyof S]: ArrayFor<S[K]> };

const CTORS = {
  u8: Uint8Array,
  i8: Int8Array,
  i16: Int16Array,
  u16: Uint16Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

export const BYTES: Record<ColumnType, number> = { u8: 1, i8: 1, i16: 2, u16: 2, i32: 4, f32: 4, f64: 8 };

/** Bytes one row of this spec takes (plus one byte for the live flag). */
export function rowBytes(spec: ColumnSpec): number {
  let b = 1;
  for (const k of Object.keys(spec)) b += BYTES[spec[k]!];
  return b;
}

export class Table<S extends ColumnSpec> {
  /** The columns; re-read `cols` after any add(): growth replaces the arrays. */
  cols: Columns<S>;
  /** 1 where the row is live. */
  live: Uint8Array;
  /** Rows ever used (live or free): iterate 0..size-1 and test live[i]. */
  size = 0;
  /** Live rows. */
  count = 0;
  capacity: number;
  private free: Int32Array;
  private freeTop = 0;
  private kinds: Kinds;
  /** The columns' types: the constructor's spec, then any columns added with addColumns (in that order). */
  readonly spec: S;

  constructor(
    readonly name: string,
    spec: S,
    initialCapacity = 1024,
  ) {
    this.spec = { ...spec };
    this.capacity = Math.max(16, initialCapacity);
    this.cols = {} as Columns<S>;
    for (const k of Object.keys(spec) as (keyof S)[]) {
      (this.cols as Record<keyof S, unknown>)[k] = new CTORS[spec[k]!](this.capacity);
    }
    this.live = new Uint8Array(this.capacity);
    this.free = new Int32Array(64);
    this.kinds = this.groupByKind();
  }

  /** The column arrays grouped by kind (the same arrays as `cols`), for clearing a reused row. */
  private groupByKind(): Kinds {
    const g: Kinds = { u8: [], i8: [], i16: [], u16: [], i32: [], f32: [], f64: [] };
    for (const k of Object.keys(this.spec) as (keyof S)[]) (g[this.spec[k]!] as unknown[]).push(this.cols[k]);
    return g;
  }

  /**
   * Adds columns after construction (the columns a policy declares, added when it is installed),
   * zero in every row. A name already in the table is an error. Returns the table's columns, now
   * with the new ones (read them again after any add(), as `cols`).
   */
  addColumns<E extends ColumnSpec>(extra: E): Columns<S & E> {
    const spec = this.spec as ColumnSpec;
    const cols = this.cols as Record<string, unknown>;
    for (const k of Object.keys(extra)) {
      if (k in spec) throw new Error(`${this.name}: column "${k}" already exists`);
      spec[k] = extra[k]!;
      cols[k] = new CTORS[extra[k]!](this.capacity);
    }
    this.kinds = this.groupByKind();
    return this.cols as unknown as Columns<S & E>;
  }

  /** Adds a row with every field zero and returns its index. */
  add(): number {
    let i: number;
    if (this.freeTop > 0) {
      i = this.free[--this.freeTop]!;
      // One loop per array kind, so that each store site sees one kind of typed array (a single loop
      // over all columns is a megamorphic store, ~20 ns a column).
      const k = this.kinds;
      for (let j = 0; j < k.u8.length; j++) k.u8[j]![i] = 0;
      for (let j = 0; j < k.i8.length; j++) k.i8[j]![i] = 0;
      for (let j = 0; j < k.i16.length; j++) k.i16[j]![i] = 0;
      for (let j = 0; j < k.u16.length; j++) k.u16[j]![i] = 0;
      for (let j = 0; j < k.i32.length; j++) k.i32[j]![i] = 0;
      for (let j = 0; j < k.f32.length; j++) k.f32[j]![i] = 0;
      for (let j = 0; j < k.f64.length; j++) k.f64[j]![i] = 0;
    } else {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      i = this.size++;
    }
    this.live[i] = 1;
    this.count++;
    return i;
  }

  /** Removes row i; its index will be reused by a later add(). */
  remove(i: number): void {
    if (!this.live[i]) throw new Error(`${this.name}: row ${i} is not live`);
    this.live[i] = 0;
    this.count--;
    if (this.freeTop === this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.freeTop++] = i;
  }

  /** True when every row below `size` is live (no removed row is waiting for reuse): a pass may skip the live test. */
  get dense(): boolean {
    return this.count === this.size;
  }

  /** Makes room for at least n rows in total without further growth. */
  reserve(n: number): void {
    if (n > this.capacity) this.grow(n);
  }

  private grow(newCap: number): void {
    for (const k of Object.keys(this.spec) as (keyof S)[]) {
      const old = this.cols[k] as ArrayFor<ColumnType>;
      const a = new CTORS[this.spec[k]!](newCap);
      a.set(old as never);
      (this.cols as Record<keyof S, unknown>)[k] = a;
    }
    this.kinds = this.groupByKind();
    const live = new Uint8Array(newCap);
    live.set(this.live);
    this.live = live;
    this.capacity = newCap;
  }

  /** Bytes held by the columns (capacity, not only live rows). */
  bytes(): number {
    return this.capacity * rowBytes(this.spec) + this.free.byteLength;
  }
}
