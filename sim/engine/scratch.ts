/** A growable list of row indices, reused month after month (no allocation in the monthly pass once grown). */
export class IndexList {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  push(i: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = i;
  }
  clear(): void {
    this.n = 0;
  }
}
