import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelDoc } from '../../sim/docs/writeDocs.ts';
import { jsonSchemas, scenarioJsonSchema } from '../../sim/docs/exportSchema.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import { POLICY_LIST } from '../../sim/policy/registry.ts';

describe('docs/MODEL.md and scenarios/schema.json are in step with the code', () => {
  const doc = readFileSync('docs/MODEL.md', 'utf8');
  it('regenerating the doc changes nothing (run `npm run docs` after changing a schema)', () => {
    expect(modelDoc(doc)).toBe(doc);
  });
  it('the JSON Schema matches the zod schema', () => {
    expect(readFileSync('scenarios/schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
  it('the JSON Schemas of comparison, sweep and backtest targets files ship beside it and are current', () => {
    const files = jsonSchemas();
    expect(Object.keys(files).sort()).toEqual(['backtest.schema.json', 'comparison.schema.json', 'schema.json', 'sweep.schema.json']);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(`scenarios/${name}`, 'utf8')).toBe(text);
    // Each describes its own kind of file.
    expect(JSON.parse(files['comparison.schema.json']!).required).toEqual(expect.arrayContaining(['scenarios', 'seeds']));
    expect(JSON.parse(files['sweep.schema.json']!).required).toEqual(expect.arrayContaining(['scenario', 'parameters', 'indicators']));
    expect(JSON.parse(files['backtest.schema.json']!).required).toEqual(expect.arrayContaining(['source', 'cities']));
  });
  it('documents every indicator and every policy', () => {
    for (const d of INDICATORS) expect(doc).toContain(`\`${d.name}\``);
    for (const p of POLICY_LIST) expect(doc).toContain(`\`${p.name}\``);
  });
});
