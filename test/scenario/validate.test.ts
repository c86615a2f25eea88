/**
 * Every shipped scenario validates, and every comparison names scenarios
 * that exist, validate and compare like with like (issue 3).
 *
 * - each file under scenarios/cities and scenarios/policies loads through
 *   loadScenarioFile (YAML → extends → schema) without a problem;
 * - each policy scenario rests, through its `extends` chain, on a city file;
 * - each comparison file loads through loadComparisonFile (schema, headline
 *   indicator names, scenario paths exist), every scenario it names
 *   validates, and all of them start from the same city (identical `city`
 *   block, start month and horizon), so that only the policies differ;
 * - each city file is the starting state of at least one comparison.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { loadComparisonFile } from '../../sim/scenario/comparisonFile.ts';

const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));

const CITIES = yamlIn('scenarios/cities');
const POLICIES = yamlIn('scenarios/policies');
const COMPARISONS = yamlIn('scenarios/comparisons');
const CITY_DIR = resolve('scenarios/cities');

/** Loads a scenario, turning a ScenarioError into a readable failure. */
function load(file: string) {
  try {
    return loadScenarioFile(file);
  } catch (e) {
    throw new Error(`${file} does not validate:\n${(e as Error).message}`);
  }
}

describe('scenario files validate', () => {
  it('finds the shipped cities, policies and comparisons', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(8);
    expect(POLICIES.length).toBeGreaterThanOrEqual(8);
    expect(COMPARISONS.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CITIES)('%s validates and extends nothing', (file) => {
    const l = load(file);
    expect(l.files).toHaveLength(1);
    expect(l.scenario.city.zones.length).toBeGreaterThanOrEqual(1);
  });

  it.each(POLICIES)('%s validates and rests on a city file', (file) => {
    const l = load(file);
    const base = resolve(l.files[l.files.length - 1]!);
    expect(base.startsWith(CITY_DIR), `${file}'s extends chain ends at ${base}`).toBe(true);
    expect(Object.keys(l.scenario.policies).length, `${file} applies no policy`).toBeGreaterThan(0);
  });
});

describe('comparisons name valid scenarios on the same city', () => {
  it.each(COMPARISONS)('%s', (file) => {
    const c = loadComparisonFile(file);
    expect(c.scenarioPaths.length).toBeGreaterThanOrEqual(2);
    const loaded = c.scenarioPaths.map((p) => load(p));
    const ids = loaded.map((l) => l.scenario.id);
    expect(new Set(ids).size, `${file} compares a scenario with itself`).toBe(ids.length);
    const first = loaded[0]!.scenario;
    for (const l of loaded.slice(1)) {
      const s = l.scenario;
      expect(s.city, `${s.id} starts from another city than ${first.id}`).toEqual(first.city);
      expect(s.start).toBe(first.start);
      expect(s.horizon_months).toBe(first.horizon_months);
      expect(JSON.stringify(s.policies), `${s.id} has the same policies as ${first.id}`).not.toBe(JSON.stringify(first.policies));
    }
  });

  it('every city file is the starting state of at least one comparison', () => {
    const used = new Set<string>();
    for (const file of COMPARISONS) {
      for (const p of loadComparisonFile(file).scenarioPaths) {
        const l = load(p);
        used.add(resolve(l.files[l.files.length - 1]!));
      }
    }
    const unused = CITIES.map((f) => resolve(f)).filter((f) => !used.has(f));
    expect(unused).toEqual([]);
  });
});
