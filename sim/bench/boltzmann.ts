/**
 * The Boltzmann wealth model (Dragulescu & Yakovenko 2000; the "hello world"
 * of agent-based frameworks such as Mesa): every agent starts with one unit
 * of wealth; each step, every agent in index order that has wealth gives one
 * unit to an agent drawn uniformly at random (itself included). Total wealth
 * is conserved and the distribution tends to an exponential.
 *
 * Three implementations of the same model, drawing from the same generator
 * (seedrandom's alea, keyed "seed/0/boltzmann", as the engine's streams are)
 * in the same order, so they give identical wealth vectors:
 *   - engine: a `Table` of the engine (column `wealth`, live flags tested as
 *     monthly passes do) and a `Stream` from sim/engine/random.ts;
 *   - handWritten: a bare Int32Array and the alea function;
 *   - objects: one JavaScript object per agent in an array.
 * And a memory-bandwidth reference that reads and writes the same bytes as
 * one engine step, with no logic and no random draws.
 */
import seedrandom from 'seedrandom';
import { Table } from '../engine/table.ts';
import { makeStream, streamKey, type Stream } from '../engine/random.ts';

export const BOLTZMANN_STREAM = 'boltzmann';

export interface BoltzmannModel {
  /** Runs `steps` steps. */
  step(steps: number): void;
  /** Wealth of every agent, in index order (a copy). */
  wealth(): Int32Array;
  /** Bytes of agent state held (columns or objects, estimated for objects). */
  stateBytes(): number;
}

/** The engine version: a column table and a named stream. */
export class EngineBoltzmann implements BoltzmannModel {
  readonly agents: Table<{ wealth: 'i32' }>;
  readonly stream: Stream;
  constructor(
    readonly n: number,
    seed: number,
  ) {
    this.agents = new Table('agents', { wealth: 'i32' }, n);
    for (let i = 0; i < n; i++) this.agents.cols.wealth[this.agents.add()] = 1;
    this.stream = makeStream(seed, 0, BOLTZMANN_STREAM);
  }
  step(steps: number): void {
    const t = this.agents;
    const s = this.stream;
    const wealth = t.cols.wealth;
    const live = t.live;
    const size = t.size;
    const n = t.count;
    for (let k = 0; k < steps; k++) {
      if (t.dense) {
        // No removed rows: the live test can be skipped (the engine's usual pass otherwise).
        for (let i = 0; i < size; i++) {
          if (wealth[i]! <= 0) continue;
          wealth[i]!--;
          wealth[s.int(n)]!++;
        }
        continue;
      }
      for (let i = 0; i < size; i++) {
        if (!live[i] || wealth[i]! <= 0) continue;
        wealth[i]!--;
        wealth[s.int(n)]!++;
      }
    }
  }
  wealth(): Int32Array {
    return this.agents.cols.wealth.slice(0, this.agents.size);
  }
  stateBytes(): number {
    return this.agents.bytes();
  }
}

/** The hand-written version: one Int32Array and the generator function, nothing else. */
export class HandWrittenBoltzmann implements BoltzmannModel {
  readonly w: Int32Array;
  private readonly rng: () => number;
  constructor(
    readonly n: number,
    seed: number,
  ) {
    this.w = new Int32Array(n).fill(1);
    this.rng = seedrandom.alea(streamKey(seed, 0, BOLTZMANN_STREAM));
  }
  step(steps: number): void {
    const w = this.w;
    const rng = this.rng;
    const n = this.n;
    for (let k = 0; k < steps; k++) {
      for (let i = 0; i < n; i++) {
        if (w[i]! <= 0) continue;
        w[i]!--;
        w[Math.floor(rng() * n)]!++;
      }
    }
  }
  wealth(): Int32Array {
    return this.w.slice();
  }
  stateBytes(): number {
    return this.w.byteLength;
  }
}

interface AgentObject {
  wealth: number;
}

/** The object-per-agent version, as a straightforward JavaScript model would be written. */
export class ObjectBoltzmann implements BoltzmannModel {
  readonly agents: AgentObject[] = [];
  private readonly rng: () => number;
  constructor(
    readonly n: number,
    seed: number,
  ) {
    for (let i = 0; i < n; i++) this.agents.push({ wealth: 1 });
    this.rng = seedrandom.alea(streamKey(seed, 0, BOLTZMANN_STREAM));
  }
  step(steps: number): void {
    const agents = this.agents;
    for (let k = 0; k < steps; k++) {
      for (const a of agents) {
        if (a.wealth <= 0) continue;
        a.wealth--;
        agents[Math.floor(this.rng() * agents.length)]!.wealth++;
      }
    }
  }
  wealth(): Int32Array {
    return Int32Array.from(this.agents, (a) => a.wealth);
  }
  stateBytes(): number {
    // A small V8 object (map, properties, elements, one in-object field) is about 32 bytes when
    // the field holds a small integer, plus an 8-byte slot in the array.
    return this.agents.length * 40;
  }
}

/**
 * The memory-bandwidth reference: one pass that reads the live flags and the
 * wealth column and writes the wealth column back (the bytes an engine step
 * moves through its sequential pass), with no test, no draw, no random access.
 */
export class BandwidthReference implements BoltzmannModel {
  readonly w: Int32Array;
  readonly live: Uint8Array;
  constructor(readonly n: number) {
    this.w = new Int32Array(n).fill(1);
    this.live = new Uint8Array(n).fill(1);
  }
  step(steps: number): void {
    const w = this.w;
    const live = this.live;
    const n = this.n;
    for (let k = 0; k < steps; k++) {
      for (let i = 0; i < n; i++) w[i] = (w[i]! + live[i]!) | 0;
    }
  }
  wealth(): Int32Array {
    return this.w.slice();
  }
  stateBytes(): number {
    return this.w.byteLength + this.live.byteLength;
  }
  /** Bytes read and written by one step. */
  bytesPerStep(): number {
    return this.n * (4 + 1 + 4);
  }
}

export type BoltzmannKind = 'engine' | 'hand_written' | 'objects' | 'bandwidth';
export const BOLTZMANN_KINDS: readonly BoltzmannKind[] = ['engine', 'hand_written', 'objects', 'bandwidth'];

export function makeBoltzmann(kind: BoltzmannKind, n: number, seed: number): BoltzmannModel {
  switch (kind) {
    case 'engine':
      return new EngineBoltzmann(n, seed);
    case 'hand_written':
      return new HandWrittenBoltzmann(n, seed);
    case 'objects':
      return new ObjectBoltzmann(n, seed);
    case 'bandwidth':
      return new BandwidthReference(n);
  }
}

/** Gini coefficient of a wealth vector (for checks: the stationary exponential distribution has Gini 0.5). */
export function wealthGini(w: ArrayLike<number>): number {
  const a = Float64Array.from(w).sort();
  let cum = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    cum += (i + 1) * a[i]!;
    total += a[i]!;
  }
  const n = a.length;
  return total === 0 ? 0 : (2 * cum) / (n * total) - (n + 1) / n;
}
