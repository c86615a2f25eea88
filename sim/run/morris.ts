/**
 * Morris's elementary effects (Morris 1991; μ* of Campolongo, Cariboni &
 * Saltelli 2007). A trajectory starts at a point of a p-level grid in the
 * unit cube and moves one input at a time by ±Δ, Δ = p / (2(p − 1)), in a
 * random order: D + 1 points per trajectory, r trajectories, all drawn from
 * the stream "<seed>/0/morris". The elementary effect of input j is
 * (f(after) − f(before)) / (±Δ), in output units per unit of the input's
 * normalised range (i.e. the change across its whole range if linear). μ* is
 * the mean of |EE|, μ the mean of EE and σ their standard deviation
 * (n − 1 denominator). Pure.
 */
import { makeStream } from '../engine/random.ts';

export interface MorrisDesign {
  /** Points in the unit cube, trajectory after trajectory (D + 1 each). */
  rows: number[][];
  /** For each trajectory and step k (1..D): which input moved and by how much (±Δ). */
  moves: { input: number; delta: number }[][];
}

export function morrisDesign(trajectories: number, D: number, levels: number, seed: number): MorrisDesign {
  if (levels < 2 || levels % 2 !== 0) throw new Error(`Morris: levels must be an even number ≥ 2, found ${levels}`);
  const s = makeStream(seed, 0, 'morris');
  const delta = levels / (2 * (levels - 1));
  const rows: number[][] = [];
  const moves: { input: number; delta: number }[][] = [];
  for (let t = 0; t < trajectories; t++) {
    // Base point on the grid {0, 1/(p−1), …} below 1 − Δ, a direction per input, an order.
    const x: number[] = [];
    const dir: number[] = [];
    for (let j = 0; j < D; j++) {
      const base = s.int(levels / 2) / (levels - 1);
      const up = s.chance(0.5);
      dir.push(up ? 1 : -1);
      x.push(up ? base : base + delta);
    }
    const order = Array.from({ length: D }, (_, j) => j);
    for (let j = D - 1; j > 0; j--) {
      const k = s.int(j + 1);
      [order[j], order[k]] = [order[k]!, order[j]!];
    }
    const cur = x.slice();
    rows.push(cur.slice());
    const mv: { input: number; delta: number }[] = [];
    for (const j of order) {
      cur[j] = Number((cur[j]! + dir[j]! * delta).toPrecision(15));
      rows.push(cur.slice());
      mv.push({ input: j, delta: dir[j]! * delta });
    }
    moves.push(mv);
  }
  return { rows, moves };
}

export interface MorrisIndex {
  muStar: number;
  mu: number;
  sigma: number;
  /** Number of elementary effects that were finite. */
  n: number;
}

/** μ*, μ and σ of each input from outputs `y` in design order. */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, D: number): MorrisIndex[] {
  const ee: number[][] = Array.from({ length: D }, () => []);
  design.moves.forEach((mv, t) => {
    const off = t * (D + 1);
    mv.forEach((m, k) => {
      const e = (y[off + k + 1]! - y[off + k]!) / m.delta;
      if (Number.isFinite(e)) ee[m.input]!.push(e);
    });
  });
  return ee.map((xs) => {
    const n = xs.length;
    if (n === 0) return { muStar: NaN, mu: NaN, sigma: NaN, n };
    const mu = xs.reduce((a, b) => a + b, 0) / n;
    const muStar = xs.reduce((a, b) => a + Math.abs(b), 0) / n;
    const sigma = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mu) * (b - mu), 0) / (n - 1)) : 0;
    return { muStar, mu, sigma, n };
  });
}
