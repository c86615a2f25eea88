/**
 * Points of the global-sensitivity designs of `megasim sweep` (schemas in sim/scenario/sweepDesigns.ts) beside grid and Latin
 * hypercube: `sobol` (Saltelli's design over the Sobol' sequence, sim/run/sobol.ts),
 * `morris` (trajectories of elementary effects, sim/run/morris.ts) and
 * `samples` (a design made elsewhere, e.g. SALib's samples file: one row per
 * point, one whitespace-separated column per parameter in the sweep's order).
 * Unit-cube coordinates map onto each parameter's `range` (linear or log scale).
 */
import { readFileSync, existsSync } from 'node:fs';
import { isMorris, isSamples, isSobol } from '../scenario/sweepDesigns.ts';
import { saltelliDesign } from './sobol.ts';
import { morrisDesign } from './morris.ts';
import { directionNumbers } from './sobolData.ts';

type Def = { design: unknown; parameters: { path: string; range?: [number, number]; scale: 'linear' | 'log'; integer: boolean; values?: unknown[] }[] };

/** Points the design has (before enumerating them). */
export function gsaPointCount(def: Def): number | null {
  const D = def.parameters.length;
  if (isSobol(def.design)) return def.design.sobol.n * (D + 2);
  if (isMorris(def.design)) return def.design.morris.trajectories * (D + 1);
  return null;
}

const tidy = (x: number, integer: boolean) => (integer ? Math.round(x) : Number(x.toPrecision(6)));

/** A unit coordinate mapped onto a parameter's range. */
export function fromUnit(p: Def['parameters'][number], u: number): number {
  const [lo, hi] = p.range!;
  const v = p.scale === 'log' ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
  return tidy(v, p.integer);
}

/** Checks that every parameter of a sobol/morris design has a numeric range; returns a message or null. */
export function gsaProblem(def: Def): string | null {
  if (!isSobol(def.design) && !isMorris(def.design)) return null;
  const bad = def.parameters.find((p) => !p.range);
  return bad ? `design ${isSobol(def.design) ? 'sobol' : 'morris'} needs a \`range\` for every parameter; "${bad.path}" has \`values\`` : null;
}

/** The points of a sobol or morris design, in design order. */
export function gsaPoints(def: Def): number[][] {
  const D = def.parameters.length;
  let unit: number[][];
  if (isSobol(def.design)) unit = saltelliDesign(def.design.sobol.n, D, directionNumbers(), def.design.sobol.skip ?? def.design.sobol.n);
  else if (isMorris(def.design)) unit = morrisDesign(def.design.morris.trajectories, D, def.design.morris.levels, def.design.morris.seed).rows;
  else throw new Error('not a sobol or morris design');
  return unit.map((row) => row.map((u, j) => fromUnit(def.parameters[j]!, u)));
}

/** Reads a samples file: rows of numbers, '#' comments and blank lines skipped. Throws with file:line on a bad row. */
export function readSamplesFile(path: string, D: number, shown: string): number[][] {
  if (!existsSync(path)) throw new Error(`${shown}: no such samples file`);
  const rows: number[][] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const t = line.replace(/#.*$/, '').trim();
      if (t === '') return;
      const f = t.split(/[\s,]+/).map(Number);
      if (f.length !== D || f.some((x) => !Number.isFinite(x))) throw new Error(`${shown}:${i + 1}: expected ${D} numbers (one per parameter), found "${t.slice(0, 80)}"`);
      rows.push(f);
    });
  if (rows.length === 0) throw new Error(`${shown}: no sample rows`);
  return rows;
}

export { isMorris, isSamples, isSobol };
