import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelDoc } from '../sim/scenario/writeDocs.ts';
import { scenarioJsonSchema } from '../sim/scenario/exportSchema.ts';
import { INDICATORS } from '../sim/model/observe/indicators.ts';
import { POLICY_LIST } from '../sim/policy/registry.ts';

describe('docs/MODEL.md and scenarios/schema.json are in step with the code', () => {
  const doc = readFileSync('docs/MODEL.md', 'utf8');
  it('regenerating the doc changes nothing (run `npm run docs` after changing a schema)', () => {
    expect(modelDoc(doc)).toBe(doc);
  });
  it('the JSON Schema matches the zod schema', () => {
    expect(readFileSync('scenarios/schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
  it('documents every indicator and every policy', () => {
    for (const d of INDICATORS) expect(doc).toContain(`\`${d.name}\``);
    for (const p of POLICY_LIST) expect(doc).toContain(`\`${p.name}\``);
  });
});
