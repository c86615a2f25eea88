/**
 * `megasim verify RUN_DIR`: repeats a run from its manifest and compares.
 * A run verifies when the stored indicators.csv hashes to the manifest's
 * digest and the repeated run gives the same bytes. Otherwise the first
 * differing row is named (indicator, replication, month, zone).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadResolved } from '../scenario/load.ts';
import { LIMITS } from '../scenario/schema.ts';
import { sha256 } from '../engine/digest.ts';
import { runAll, type Manifest } from './runScenario.ts';

export interface VerifyResult {
  ok: boolean;
  message: string;
  firstDifference?: { indicator: string; replication: string; month: string; zone: string; stored: string; repeated: string };
}

export class VerifyInputError extends Error {}

export function readManifest(dir: string): Manifest {
  const mf = join(dir, 'manifest.json');
  if (!existsSync(mf)) throw new VerifyInputError(`${mf}: no manifest.json (not a finished run folder)`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(mf, 'utf8')) as Manifest;
  } catch (e) {
    throw new VerifyInputError(`${mf}: not valid JSON (${(e as Error).message})`);
  }
  for (const k of ['scenario', 'seed', 'replications', 'sample', 'months', 'digest'] as const) {
    if (m[k] === undefined) throw new VerifyInputError(`${mf}: the manifest has no "${k}"`);
  }
  // A manifest is input too: its settings are held to the same limits as the command line (a tampered one must not start a run of a billion months).
  const whole = (k: 'seed' | 'replications' | 'months', min: number, max: number) => {
    const v = m[k] as unknown;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new VerifyInputError(`${mf}: "${k}" must be a whole number between ${min} and ${max}, found ${JSON.stringify(v)}`);
  };
  whole('seed', 0, LIMITS.seedMax);
  whole('replications', 1, LIMITS.replicationsMax);
  whole('months', 1, LIMITS.monthsMax);
  const sample = m.sample as unknown;
  if (typeof sample !== 'number' || !(sample >= LIMITS.sampleMin && sample <= LIMITS.sampleMax)) throw new VerifyInputError(`${mf}: "sample" must be a number between ${LIMITS.sampleMin} and ${LIMITS.sampleMax}, found ${JSON.stringify(sample)}`);
  if (typeof m.digest !== 'string' || !/^[0-9a-f]{64}$/.test(m.digest)) throw new VerifyInputError(`${mf}: "digest" must be a SHA-256 in hex, found ${JSON.stringify(m.digest)}`);
  const resolved = (m.scenario as { resolved?: unknown } | null)?.resolved;
  if (typeof resolved !== 'object' || resolved === null || Array.isArray(resolved)) throw new VerifyInputError(`${mf}: "scenario.resolved" must be the resolved scenario (a mapping)`);
  return m;
}

/** Compares two indicators CSVs row by row; returns the first differing row, or null. */
export function firstDifference(a: string, b: string): VerifyResult['firstDifference'] | null {
  const la = a.split('\n');
  const lb = b.split('\n');
  const n = Math.max(la.length, lb.length);
  for (let i = 1; i < n; i++) {
    if (la[i] === lb[i]) continue;
    const ra = (la[i] ?? '').split(',');
    const rb = (lb[i] ?? '').split(',');
    const row = rb.length >= 6 ? rb : ra;
    return { replication: row[1] ?? '?', month: row[2] ?? '?', indicator: row[3] ?? '?', zone: row[4] ?? '?', stored: ra[5] ?? '(missing)', repeated: rb[5] ?? '(missing)' };
  }
  return null;
}

export function verifyRun(dir: string): VerifyResult {
  const m = readManifest(dir);
  const csvPath = join(dir, 'indicators.csv');
  if (!existsSync(csvPath)) return { ok: false, message: `${csvPath} is missing` };
  const stored = readFileSync(csvPath, 'utf8');
  const loaded = loadResolved(`${dir}/manifest.json#scenario.resolved`, m.scenario.resolved);
  const out = runAll(loaded, { seed: m.seed, replications: m.replications, sample: m.sample, months: m.months });
  const storedDigest = sha256(stored);
  if (out.digest === m.digest && storedDigest === m.digest) {
    return { ok: true, message: `verified: digest ${m.digest} (${m.replications} replication(s), ${m.months} months, sample ${m.sample})` };
  }
  const diff = firstDifference(stored, out.csv);
  if (out.digest !== m.digest && storedDigest === m.digest) {
    return { ok: false, message: `the repeated run differs from the manifest's digest (engine or platform difference)`, firstDifference: firstDifference(stored, out.csv) ?? undefined };
  }
  return {
    ok: false,
    message: `indicators.csv does not match: stored digest ${storedDigest}, manifest ${m.digest}, repeated run ${out.digest}`,
    firstDifference: diff ?? undefined,
  };
}
