/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; Toni
 * et al. 2009, J. R. Soc. Interface 6:187; the population Monte Carlo
 * weights and kernel of Beaumont et al. 2009, Biometrika 96:983): the pure
 * arithmetic, with every draw from a named stream. `calibrate.ts` runs it.
 *
 * Parameters live in an internal space: log x for a log-uniform prior, x
 * otherwise; densities, covariances and perturbations are taken there.
 * Generation 0 samples the prior. Generation t ≥ 1 picks a parent j of
 * generation t − 1 with probability w_j, moves it by a normal kernel with
 * twice the weighted covariance of generation t − 1 (Beaumont et al.),
 * redrawing proposals outside the prior's support, and accepts it when its
 * distance is at most ε_t, the weighted α-quantile of generation t − 1's
 * distances (α = 0.5: pyABC's median epsilon). An accepted particle's
 * weight is π(θ) / Σ_j w_j K(θ | θ_j).
 */
import type { Stream } from '../engine/random.ts';

export type Prior =
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'log_uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'bounded'; mean: number; sd: number; low: number; high: number };

/** Value → internal coordinate. */
export const toInternal = (p: Prior, x: number): number => (p.kind === 'log_uniform' ? Math.log(x) : x);
export const fromInternal = (p: Prior, u: number): number => (p.kind === 'log_uniform' ? Math.exp(u) : u);

/** Prior density of an internal coordinate (up to a constant common to all particles). 0 outside the support. */
export function priorDensity(p: Prior, u: number): number {
  switch (p.kind) {
    case 'uniform':
      return u >= p.low && u <= p.high ? 1 / (p.high - p.low) : 0;
    case 'log_uniform':
      return u >= Math.log(p.low) && u <= Math.log(p.high) ? 1 / (Math.log(p.high) - Math.log(p.low)) : 0;
    case 'normal':
      return Math.exp(-0.5 * ((u - p.mean) / p.sd) ** 2) / p.sd;
    case 'bounded':
      return u >= p.low && u <= p.high ? Math.exp(-0.5 * ((u - p.mean) / p.sd) ** 2) / p.sd : 0;
  }
}

export function jointPriorDensity(priors: readonly Prior[], u: ArrayLike<number>): number {
  let d = 1;
  for (let k = 0; k < priors.length; k++) d *= priorDensity(priors[k]!, u[k]!);
  return d;
}

/** One internal coordinate drawn from a prior. A bounded normal is drawn by rejection (at most 10,000 tries, then the nearer bound). */
export function samplePrior(p: Prior, s: Stream): number {
  switch (p.kind) {
    case 'uniform':
      return p.low + s.next() * (p.high - p.low);
    case 'log_uniform':
      return Math.log(p.low) + s.next() * (Math.log(p.high) - Math.log(p.low));
    case 'normal':
      return p.mean + p.sd * s.normal();
    case 'bounded':
      for (let i = 0; i < 10_000; i++) {
        const x = p.mean + p.sd * s.normal();
        if (x >= p.low && x <= p.high) return x;
      }
      return Math.min(p.high, Math.max(p.low, p.mean));
  }
}

/** Weighted mean and covariance (weights summing to 1) of internal coordinates. */
export function weightedCovariance(xs: readonly number[][], w: readonly number[]): { mean: number[]; cov: number[][] } {
  const d = xs[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  xs.forEach((x, i) => x.forEach((v, k) => (mean[k]! += w[i]! * v)));
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const w2 = w.reduce((a, b) => a + b * b, 0);
  const norm = w2 < 1 ? 1 / (1 - w2) : 1; // unbiased weighted covariance
  xs.forEach((x, i) => {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a]![b]! += w[i]! * (x[a]! - mean[a]!) * (x[b]! - mean[b]!) * norm;
  });
  return { mean, cov };
}

/** Lower Cholesky factor of a symmetric positive-definite matrix (a tiny ridge is added to a singular diagonal). */
export function cholesky(m: readonly number[][]): number[][] {
  const d = m.length;
  const L = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        const floor = 1e-12 * Math.max(1e-300, Math.abs(m[i]![i]!));
        L[i]![i] = Math.sqrt(Math.max(s, floor));
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  return L;
}

/** The perturbation kernel of generation t: N(0, 2 Σ_w) of generation t − 1 (Beaumont et al. 2009). */
export interface Kernel {
  L: number[][];
  /** L⁻¹, to compute (x − y)ᵀ Σ⁻¹ (x − y) = |L⁻¹ (x − y)|². */
  Linv: number[][];
}

export function makeKernel(xs: readonly number[][], w: readonly number[]): Kernel {
  const { cov } = weightedCovariance(xs, w);
  const L = cholesky(cov.map((r) => r.map((v) => 2 * v)));
  const d = L.length;
  const Linv = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i]![k]! * Linv[k]![c]!;
      Linv[i]![c] = s / L[i]![i]!;
    }
  }
  return { L, Linv };
}

/** Kernel density K(x | y) up to its constant. */
export function kernelDensity(k: Kernel, x: readonly number[], y: readonly number[]): number {
  const d = x.length;
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) s += k.Linv[i]![j]! * (x[j]! - y[j]!);
    q += s * s;
  }
  return Math.exp(-0.5 * q);
}

/** A proposal of generation t ≥ 1: a parent drawn by weight and moved by the kernel, inside the prior's support (at most 1,000 tries). */
export function propose(priors: readonly Prior[], parents: readonly number[][], w: readonly number[], k: Kernel, s: Stream): number[] | null {
  const d = priors.length;
  for (let tries = 0; tries < 1000; tries++) {
    const j = s.pick(w);
    const z: number[] = [];
    for (let i = 0; i < d; i++) z.push(s.normal());
    const x = parents[j]!.map((v, i) => {
      let add = 0;
      for (let c = 0; c <= i; c++) add += k.L[i]![c]! * z[c]!;
      return v + add;
    });
    if (jointPriorDensity(priors, x) > 0) return x;
  }
  return null;
}

/** Importance weights of accepted particles (normalised to sum 1). */
export function smcWeights(priors: readonly Prior[], particles: readonly number[][], parents: readonly number[][], parentW: readonly number[], k: Kernel): number[] {
  const raw = particles.map((x) => {
    let den = 0;
    for (let j = 0; j < parents.length; j++) den += parentW[j]! * kernelDensity(k, x, parents[j]!);
    return den > 0 ? jointPriorDensity(priors, x) / den : 0;
  });
  const tot = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / tot);
}

/** Effective sample size (Σw)² / Σw². */
export function ess(w: readonly number[]): number {
  const s = w.reduce((a, b) => a + b, 0);
  const s2 = w.reduce((a, b) => a + b * b, 0);
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Weighted quantile (the smallest value whose cumulative weight reaches q). */
export function weightedQuantile(xs: readonly number[], w: readonly number[], q: number): number {
  const idx = xs.map((_, i) => i).filter((i) => Number.isFinite(xs[i]!)).sort((a, b) => xs[a]! - xs[b]! || a - b);
  const tot = idx.reduce((a, i) => a + w[i]!, 0);
  let c = 0;
  for (const i of idx) {
    c += w[i]!;
    if (c >= q * tot - 1e-12) return xs[i]!;
  }
  return xs[idx[idx.length - 1]!] ?? NaN;
}

export type Norm = 'l2' | 'l1' | 'max';

/**
 * The distance between model statistics and targets: each target's gap,
 * scaled (by its tolerance), combined by the norm (l2: root mean square;
 * l1: mean absolute; max). A gap is |model − value| for a value target, the
 * excess beyond the bound for at_most / at_least. Any non-finite model value
 * gives Infinity.
 */
export function abcDistance(gaps: readonly number[], norm: Norm): number {
  if (gaps.length === 0) return 0;
  let acc = 0;
  for (const g of gaps) {
    if (!Number.isFinite(g)) return Infinity;
    const a = Math.abs(g);
    if (norm === 'max') acc = Math.max(acc, a);
    else acc += norm === 'l2' ? a * a : a;
  }
  if (norm === 'max') return acc;
  return norm === 'l2' ? Math.sqrt(acc / gaps.length) : acc / gaps.length;
}
