/**
 * Targets: the file format (schema, positioned errors), the model's value of
 * a target on hand-made recorded rows (stock at a month, window mean, flow
 * sum, yearly last value), met / not met, every shipped targets file loads
 * and names a shipped scenario, and the JSON Schemas are in step.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TargetSchema } from '../../sim/scenario/targets.ts';
import { loadTargetsFile, targetsFor } from '../../sim/scenario/targetsFile.ts';
import { parseYamlData } from '../../sim/scenario/yamlData.ts';
import { TargetsFileSchema } from '../../sim/scenario/targets.ts';
import { evaluateTargets, meets, targetValue } from '../../sim/run/targets.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { calibrationJsonSchema, targetsJsonSchema } from '../../sim/scenario/exportFileSchemas.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';

const I = (n: string) => INDICATORS.findIndex((d) => d.name === n);
// Months 0..3 of a city with zones a, b: residents 100, 110, 120, 130; arrivals 0, 5, 6, 7.
const rows = { month: [] as number[], indicator: [] as number[], zone: [] as number[], value: [] as number[] };
for (let m = 0; m <= 3; m++) {
  const add = (ind: string, z: number, v: number) => (rows.month.push(m), rows.indicator.push(I(ind)), rows.zone.push(z), rows.value.push(v));
  add('residents', -1, 100 + 10 * m);
  add('arrivals', -1, m === 0 ? 0 : 4 + m);
  add('zone_population', 0, 60 + m);
}
const T = (o: Record<string, unknown>) => TargetSchema.parse({ source: 'test', ...o });
const Z = ['a', 'b'];

describe('target values on hand-made rows', () => {
  it('a stock at a month, a stock over a window (mean), a flow over a window (sum), a zone', () => {
    expect(targetValue(T({ indicator: 'residents', date: '2000-03', value: 1, tolerance: 1 }), '2000-01', Z, rows, 3)).toBe(120);
    expect(targetValue(T({ indicator: 'residents', window: ['2000-02', '2000-04'], value: 1, tolerance: 1 }), '2000-01', Z, rows, 3)).toBe(120);
    expect(targetValue(T({ indicator: 'arrivals', window: ['2000-02', '2000-04'], value: 1, tolerance: 1 }), '2000-01', Z, rows, 3)).toBe(18);
    expect(targetValue(T({ indicator: 'zone_population', zone: 'a', date: '2000-04', value: 1, tolerance: 1 }), '2000-01', Z, rows, 3)).toBe(63);
  });
  it('outside the run or an unknown zone is not evaluable; met and not met by value, bound and direction', () => {
    const t = [
      T({ indicator: 'residents', date: '2000-04', value: 128, tolerance: 5 }),
      T({ indicator: 'residents', date: '2000-04', value: 120, tolerance_rel: 0.05 }),
      T({ indicator: 'residents', date: '2000-04', value: 125, direction: 'at_most' }),
      T({ indicator: 'residents', date: '2000-04', direction: 'increase' }),
      T({ indicator: 'residents', date: '2001-04', value: 1, tolerance: 1 }),
      T({ indicator: 'zone_population', zone: 'c', date: '2000-02', value: 1, tolerance: 1 }),
    ];
    const r = evaluateTargets(t, '2000-01', Z, [rows, rows], 3);
    expect(r.map((x) => x.met)).toEqual([true, false, false, true, null, null]);
    expect(r[0]!.mean).toBe(130);
    expect(r[4]!.why).toBe("after the run's 3 months");
    expect(meets(t[2]!, 125, NaN)).toBe(true);
  });
});

describe('targets files', () => {
  it('refuse a target with neither value nor direction, naming file, line and path', () => {
    const text = 'id: x\ntitle: x\ntargets:\n  - indicator: residents\n    date: "2010-01"\n    source: s\n';
    try {
      parseYamlData('t.yaml', text, TargetsFileSchema);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as Error).message).toMatch(/^t\.yaml:4:5: at targets\[0\] expected .*(value|tolerance)/);
    }
    expect(() => parseYamlData('t.yaml', text.replace('residents', 'resident'), TargetsFileSchema)).toThrow(/a known indicator/);
  });
  const files = readdirSync('scenarios/targets').filter((f) => f.endsWith('.yaml'));
  it('every shipped city has a targets file, and every targets file names a scenario that loads', () => {
    const cities = readdirSync('scenarios/cities').filter((f) => f.endsWith('.yaml'));
    for (const c of cities) expect(targetsFor([join('scenarios/cities', c)]).length, c).toBeGreaterThan(0);
    for (const f of files) {
      const t = loadTargetsFile(join('scenarios/targets', f));
      expect(t.scenario).not.toBeNull();
      loadScenarioFile(t.scenario!);
      for (const x of t.def.targets) expect(x.source).toMatch(/\[(V|U)/);
    }
  });
  it('a policy scenario gets its city\'s targets through its extends chain', () => {
    const l = loadScenarioFile('scenarios/policies/chongqing-differentiated.yaml');
    expect(targetsFor(l.files).map((t) => t.def.id)).toEqual(['chongqing-2010']);
  });
  it('the JSON Schemas are in step with the code', () => {
    expect(readFileSync('scenarios/targets.schema.json', 'utf8')).toBe(targetsJsonSchema());
    expect(readFileSync('scenarios/calibration.schema.json', 'utf8')).toBe(calibrationJsonSchema());
  });
});
