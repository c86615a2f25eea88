/**
 * Golden digests: the SHA-256 of indicators.csv for every shipped city and
 * policy scenario at a fixed small setting. A change of model behaviour
 * changes them; regenerate deliberately with `npm run golden` and say why in
 * the commit. (Performance work must leave them unchanged.)
 */
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { runReplication, indicatorsCsv } from '../../sim/run/simulate.ts';

export const GOLDEN_SETTINGS = { seed: 1, sample: 0.001, months: 24 } as const;

export function shippedScenarios(): string[] {
  const out: string[] = [];
  for (const dir of ['scenarios/cities', 'scenarios/policies']) {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.yaml')) out.push(`${dir}/${f}`);
  }
  return out;
}

export function goldenDigest(file: string): string {
  const l = loadScenarioFile(file);
  const r = runReplication(l.scenario, { replication: 0, ...GOLDEN_SETTINGS });
  return indicatorsCsv(l.scenario, [r]).digest;
}
