/**
 * Global sensitivity by Sobol' indices: the Sobol' low-discrepancy sequence
 * (Bratley & Fox 1988, Gray-code order, 32 bits) with Joe & Kuo's direction
 * numbers (data/sobol/, file new-joe-kuo-6.21201), Saltelli's design over it
 * (Saltelli 2002; Saltelli et al. 2010) and Jansen's estimators of the
 * first-order and total indices (Jansen 1999; Saltelli et al. 2010, table 2),
 * with bootstrap percentile intervals drawn from a named stream.
 *
 * The design has the row order SALib's `saltelli`/`sobol` sampler uses
 * (without second-order rows): for each base point i, A_i, AB_i^(1) … AB_i^(D),
 * B_i, where AB^(j) is A with its column j taken from B. So a SALib problem
 * file and megasim's samples can be analysed by either tool.
 *
 * Pure (no Node imports): the direction-number text is passed in.
 */
import { makeStream } from '../engine/random.ts';

export interface DirectionRow {
  d: number;
  s: number;
  a: number;
  m: number[];
}

/** Parses Joe & Kuo's text format (`d s a m_1 … m_s`, one header line). */
export function parseDirectionNumbers(text: string): DirectionRow[] {
  const rows: DirectionRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/).filter((x) => x !== '').map(Number);
    if (f.length < 4) continue;
    const [d, s, a, ...m] = f as [number, number, number, ...number[]];
    if (m.length !== s) throw new Error(`direction numbers: dimension ${d} has ${m.length} initial numbers, expected ${s}`);
    rows.push({ d, s, a, m });
  }
  return rows;
}

const BITS = 32;

/** The first `n` points of the `dims`-dimensional Sobol' sequence (point 0 is the origin), row-major. */
export function sobolPoints(n: number, dims: number, directions: readonly DirectionRow[]): Float64Array[] {
  if (dims - 1 > directions.length) throw new Error(`Sobol' sequence: ${dims} dimensions asked, direction numbers for ${directions.length + 1}`);
  if (n > 2 ** BITS) throw new Error('Sobol\' sequence: too many points');
  // V[j][k]: direction number k (k = 0 is the most significant bit) of dimension j, as a 32-bit integer.
  const V: Uint32Array[] = [];
  for (let j = 0; j < dims; j++) {
    const v = new Uint32Array(BITS);
    if (j === 0) {
      for (let k = 0; k < BITS; k++) v[k] = (1 << (BITS - 1 - k)) >>> 0;
    } else {
      const { s, a, m } = directions[j - 1]!;
      for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k]! << (BITS - 1 - k)) >>> 0;
      for (let k = s; k < BITS; k++) {
        let x = (v[k - s]! ^ (v[k - s]! >>> s)) >>> 0;
        for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) x = (x ^ v[k - l]!) >>> 0;
        v[k] = x;
      }
    }
    V.push(v);
  }
  const out: Float64Array[] = [];
  const X = new Uint32Array(dims);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // c = position of the rightmost zero bit of i − 1 (Gray-code update).
      let c = 0;
      let v = i - 1;
      while (v & 1) {
        v >>>= 1;
        c++;
      }
      for (let j = 0; j < dims; j++) X[j] = (X[j]! ^ V[j]![c]!) >>> 0;
    }
    const p = new Float64Array(dims);
    for (let j = 0; j < dims; j++) p[j] = X[j]! / 2 ** BITS;
    out.push(p);
  }
  return out;
}

/**
 * Saltelli's design in the unit cube: n base points (Sobol' points skip … skip+n−1 of a
 * 2D-dimensional sequence; A = the first D coordinates, B = the last D), n × (D + 2) rows
 * in SALib's order (A_i, AB_i^(1..D), B_i).
 */
export function saltelliDesign(n: number, D: number, directions: readonly DirectionRow[], skip: number): number[][] {
  const base = sobolPoints(skip + n, 2 * D, directions).slice(skip);
  const rows: number[][] = [];
  for (const p of base) {
    const A = Array.from(p.subarray(0, D));
    const B = Array.from(p.subarray(D, 2 * D));
    rows.push(A);
    for (let j = 0; j < D; j++) {
      const ab = A.slice();
      ab[j] = B[j]!;
      rows.push(ab);
    }
    rows.push(B);
  }
  return rows;
}

export interface SobolIndex {
  /** First-order index S_j and its bootstrap interval. */
  S1: number;
  S1lo: number;
  S1hi: number;
  /** Total index S_Tj and its bootstrap interval. */
  ST: number;
  STlo: number;
  SThi: number;
}

/** Jansen's estimators from outputs in design order, over the base points `idx` (with repeats for a bootstrap). */
function jansen(y: ArrayLike<number>, D: number, idx: ArrayLike<number>): { S1: number[]; ST: number[] } {
  const stride = D + 2;
  const n = idx.length;
  // Variance of f over the A and B points together.
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const a = y[i * stride]!;
    const b = y[i * stride + D + 1]!;
    sum += a + b;
    sum2 += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const V = sum2 / (2 * n) - mean * mean;
  const S1: number[] = [];
  const ST: number[] = [];
  for (let j = 0; j < D; j++) {
    let dB = 0;
    let dA = 0;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      const a = y[i * stride]!;
      const ab = y[i * stride + 1 + j]!;
      const b = y[i * stride + D + 1]!;
      dB += (b - ab) * (b - ab);
      dA += (a - ab) * (a - ab);
    }
    S1.push(V > 0 ? 1 - dB / (2 * n) / V : NaN);
    ST.push(V > 0 ? dA / (2 * n) / V : NaN);
  }
  return { S1, ST };
}

function quantileSorted(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/**
 * First-order and total Sobol' indices of each of D inputs from outputs `y` in
 * saltelliDesign order, with 95% bootstrap percentile intervals (`resamples`
 * resamples of the base points, drawn from stream "<seed>/0/sobol-bootstrap").
 */
export function sobolIndices(y: ArrayLike<number>, D: number, resamples: number, seed: number): SobolIndex[] {
  const stride = D + 2;
  if (y.length % stride !== 0) throw new Error(`Sobol' analysis: ${y.length} outputs is not a multiple of D + 2 = ${stride}`);
  const n = y.length / stride;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const est = jansen(y, D, all);
  const rs = makeStream(seed, 0, 'sobol-bootstrap');
  const bS1: number[][] = Array.from({ length: D }, () => []);
  const bST: number[][] = Array.from({ length: D }, () => []);
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < n; k++) idx[k] = rs.int(n);
    const b = jansen(y, D, idx);
    for (let j = 0; j < D; j++) {
      if (Number.isFinite(b.S1[j]!)) bS1[j]!.push(b.S1[j]!);
      if (Number.isFinite(b.ST[j]!)) bST[j]!.push(b.ST[j]!);
    }
  }
  return est.S1.map((s1, j) => {
    const a = bS1[j]!.sort((x, z) => x - z);
    const t = bST[j]!.sort((x, z) => x - z);
    return { S1: s1, S1lo: quantileSorted(a, 0.025), S1hi: quantileSorted(a, 0.975), ST: est.ST[j]!, STlo: quantileSorted(t, 0.025), SThi: quantileSorted(t, 0.975) };
  });
}
