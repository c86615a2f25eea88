/**
 * Named random streams. One stream per (seed, replication, name), made with
 * seedrandom's `alea` generator from the string key "seed/replication/name".
 * Adding draws to one stream never shifts another. No global random source is used.
 */
import seedrandom from 'seedrandom';

export interface Stream {
  /** The key this stream was made from, e.g. "42/3/arrivals". */
  readonly key: string;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** Standard normal draw (Box–Muller, one value per call, deterministic). */
  normal(): number;
  /** Poisson draw with mean lambda (inversion for small lambda, normal approximation above 50). */
  poisson(lambda: number): number;
  /** Binomial(n, p) draw: exact for n ≤ 64, normal approximation otherwise. */
  binomial(n: number, p: number): number;
  /** Index drawn from non-negative weights (linear scan). */
  pick(weights: ArrayLike<number>): number;
}

export function streamKey(seed: number | string, replication: number, name: string): string {
  return `${seed}/${replication}/${name}`;
}

/** Makes the stream for (seed, replication, name). */
export function makeStream(seed: number | string, replication: number, name: string): Stream {
  const key = streamKey(seed, replication, name);
  const rng = seedrandom.alea(key);
  const next = (): number => rng();
  const s: Stream = {
    key,
    next,
    int: (n: number) => Math.floor(rng() * n),
    chance: (p: number) => rng() < p,
    normal: () => {
      let u = rng();
      if (u < 1e-300) u = 1e-300;
      const v = rng();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    poisson: (lambda: number) => {
      if (!(lambda > 0)) return 0;
      if (lambda > 50) {
        const x = Math.round(lambda + Math.sqrt(lambda) * s.normal());
        return x < 0 ? 0 : x;
      }
      const L = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= rng();
      } while (p > L);
      return k - 1;
    },
    binomial: (n: number, p: number) => {
      if (n <= 0 || p <= 0) return 0;
      if (p >= 1) return n;
      if (n <= 64) {
        let k = 0;
        for (let i = 0; i < n; i++) if (rng() < p) k++;
        return k;
      }
      const mean = n * p;
      const sd = Math.sqrt(mean * (1 - p));
      const x = Math.round(mean + sd * s.normal());
      return x < 0 ? 0 : x > n ? n : x;
    },
    pick: (weights: ArrayLike<number>) => {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i]!;
      let r = rng() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
  return s;
}

/** A set of named streams for one replication; a stream is made on first use. */
export class Streams {
  private readonly made = new Map<string, Stream>();
  constructor(readonly seed: number | string, readonly replication: number) {}
  get(name: string): Stream {
    let s = this.made.get(name);
    if (!s) {
      s = makeStream(this.seed, this.replication, name);
      this.made.set(name, s);
    }
    return s;
  }
}
