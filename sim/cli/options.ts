/**
 * Option parsers shared by the commands: each refuses a bad value with a
 * message naming the flag (commander prints it; the exit code is 2).
 */
import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { LIMITS } from '../scenario/schema.ts';
import { COMPARE_LIMITS } from '../scenario/comparisonFile.ts';
import type { SeedRange } from '../scenario/seeds.ts';

export function intIn(flag: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${flag} expects a whole number, found "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, found ${n}`);
    return n;
  };
}

export function floatIn(flag: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} expects a number, found "${v}"`);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, found ${n}`);
    return n;
  };
}

export const seedOpt = intIn('--seed', 0, LIMITS.seedMax);
export const sampleOpt = floatIn('--sample', LIMITS.sampleMin, LIMITS.sampleMax);
export const monthsOpt = intIn('--months', 1, LIMITS.monthsMax);
export const replicationsOpt = intIn('--replications', 1, LIMITS.replicationsMax);
export const workersOpt = intIn('--workers', 1, 64);

/** `--port P` (0 = any free port). */
export function portOpt(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`--port expects a whole number, found "${v}"`);
  const n = Number(v);
  if (n > 65535) throw new InvalidArgumentError(`--port must be between 0 and 65535, found ${n}`);
  return n;
}

/** Parses "--seeds A..B" (or a single seed "A"). */
export function parseSeeds(v: string): SeedRange {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(v);
  if (!m) throw new InvalidArgumentError(`--seeds expects A..B (e.g. 1..10) or one seed, found "${v}"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > LIMITS.seedMax || to > LIMITS.seedMax) throw new InvalidArgumentError(`--seeds must lie between 0 and ${LIMITS.seedMax}, found "${v}"`);
  if (from > to) throw new InvalidArgumentError(`--seeds ${v}: the first seed must not exceed the last`);
  if (to - from + 1 > COMPARE_LIMITS.seedsMax) throw new InvalidArgumentError(`--seeds ${v}: at most ${COMPARE_LIMITS.seedsMax} seeds, found ${to - from + 1}`);
  return { from, to };
}

/** One worker per CPU core (outputs are the same for any number). */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(64, availableParallelism()));
}

/** A line on standard output. */
export const say = (s: string): void => {
  process.stdout.write(s + '\n');
};

/** Peak resident memory of this process so far, in MiB. */
export function peakMemoryMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** A short line of text for a report (`--title`, `--question`): non-empty, one line, at most 300 characters. */
export function textOpt(flag: string) {
  return (v: string): string => {
    const t = v.trim();
    if (t === '') throw new InvalidArgumentError(`${flag} expects some text, found an empty string`);
    if (/[\u0000-\u001f\u007f]/.test(t)) throw new InvalidArgumentError(`${flag} expects one line of text without control characters`);
    if (t.length > 300) throw new InvalidArgumentError(`${flag} expects at most 300 characters, found ${t.length}`);
    return t;
  };
}
