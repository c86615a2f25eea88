import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GOLDEN_SETTINGS, goldenDigest, shippedScenarios } from './golden.ts';

const golden = JSON.parse(readFileSync('test/golden/digests.json', 'utf8')) as { settings: typeof GOLDEN_SETTINGS; digests: Record<string, string> };

describe(`golden digests of the shipped scenarios (seed ${GOLDEN_SETTINGS.seed}, sample ${GOLDEN_SETTINGS.sample}, ${GOLDEN_SETTINGS.months} months)`, () => {
  it('cover every shipped city and policy scenario, at the settings recorded', () => {
    expect(golden.settings).toEqual(GOLDEN_SETTINGS);
    expect(Object.keys(golden.digests).sort()).toEqual(shippedScenarios().sort());
  });
  for (const f of shippedScenarios()) {
    it(`${f} gives its golden digest (after a deliberate model change: npm run golden)`, () => {
      expect(goldenDigest(f)).toBe(golden.digests[f]);
    });
  }
});
