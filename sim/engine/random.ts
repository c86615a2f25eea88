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

/** Alea's state after seeding, taken from seedrandom (its Mash seeding), so that the sequence is seedrandom's. */
function aleaState(key: string): { s0: number; s1: number; s2: number; c: number } {
  const rng = seedrandom.alea(key, { state: true }) as unknown as { state(): { s0: number; s1: number; s2: number; c: number } };
  return rng.state();
}

/**
 * A stream: seedrandom's alea recurrence, with its state held in the fields of a
 * class, so that hot loops call one monomorphic method V8 can inline (seedrandom's
 * closure over an object costs several times more per draw). The numbers are
 * seedrandom's, draw for draw (test/random.test.ts compares them).
 */
export class AleaStream implements Stream {
  private s0: number;
  private s1: number;
  private s2: number;
  private c: number;
  constructor(readonly key: string) {
    const st = aleaState(key);
    this.s0 = st.s0;
    this.s1 = st.s1;
    this.s2 = st.s2;
    this.c = st.c;
  }
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    let u = this.next();
    if (u < 1e-300) u = 1e-300;
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda > 50) {
      const x = Math.round(lambda + Math.sqrt(lambda) * this.normal());
      return x < 0 ? 0 : x;
    }
    const L = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > L);
    return k - 1;
  }
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 64) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.next() < p) k++;
      return k;
    }
    const mean = n * p;
    const sd = Math.sqrt(mean * (1 - p));
    const x = Math.round(mean + sd * this.normal());
    return x < 0 ? 0 : x > n ? n : x;
  }
  pick(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Makes the stream for (seed, replication, name). */
export function makeStream(seed: number | string, replication: number, name: string): AleaStream {
  return new AleaStream(streamKey(seed, replication, name));
}

/** A set of named streams for one replication; a stream is made on first use. */
export class Streams {
  private readonly made = new Map<string, AleaStream>();
  constructor(readonly seed: number | string, readonly replication: number) {}
  get(name: string): AleaStream {
    let s = this.made.get(name);
    if (!s) {
      s = makeStream(this.seed, this.replication, name);
      this.made.set(name, s);
    }
    return s;
  }
}
