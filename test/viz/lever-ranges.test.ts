/**
 * The explorer's slider ranges and steps come from each field's `ui` meta
 * (sim/model/params.ts `LeverMeta.ui`) and must fit the values the shipped
 * scenarios use: every shipped value lies on its slider, the slider is not
 * orders of magnitude wider than those values, the step resolves them, and
 * counts, years and months move in whole steps. Also: the city a page opens
 * with preselects its baseline, the first member of its shipped comparisons.
 */
import { describe, expect, it } from 'vitest';
import { leversFor, type Lever } from '../../viz/explorer/levers.ts';
import { buildCatalog } from '../../viz/explorer/catalog.ts';
import { collectBaselines, collectScenarioFiles } from '../../viz/explorer/build.ts';
import { defaultScenario, defaultState } from '../../viz/explorer/permalink.ts';
import { num } from '../../sim/model/params.ts';
import { z } from 'zod';

const files = collectScenarioFiles();
const catalog = buildCatalog(files, collectBaselines());
const numberLevers = catalog.cities.flatMap((c) => c.scenarios.flatMap((s) => leversFor(s.loaded.resolved).filter((l) => l.kind === 'number').map((l) => ({ s: s.id, l }))));

/** Units whose sliders move in whole steps. */
const WHOLE_UNITS = new Set(['years', 'months', 'persons', 'persons/year', 'units/year', 'households', 'children/year', 'problems/month', 'households/month']);

/** A lever's field across scenarios: its key without list positions and zone or item ids. */
function fieldKey(l: Lever): string {
  const skip = new Set([l.zone?.id, l.item].filter((x) => x !== undefined));
  return l.path.filter((p) => typeof p === 'string' && !skip.has(p)).join('.');
}

describe('slider ranges fit the shipped values', () => {
  it('finds the number levers of every shipped scenario', () => {
    expect(numberLevers.length).toBeGreaterThan(200);
    expect(new Set(numberLevers.map((x) => x.s)).size).toBeGreaterThan(20);
  });

  it('puts every shipped value on its slider, inside the schema bounds', () => {
    const off = numberLevers
      .filter(({ l }) => !(l.min <= l.slider.min && l.slider.min < l.slider.max && l.slider.max <= l.max && (l.value as number) >= l.slider.min && (l.value as number) <= l.slider.max))
      .map(({ s, l }) => `${s} ${l.key} = ${l.value} on [${l.slider.min}, ${l.slider.max}] within [${l.min}, ${l.max}]`);
    expect(off).toEqual([]);
  });

  it('keeps each slider within 40 times the largest value shipped for its field, with a step that resolves the values and at most 2,000 positions', () => {
    const groups = new Map<string, { ls: Lever[]; values: number[] }>();
    for (const { l } of numberLevers) {
      const g = groups.get(fieldKey(l)) ?? { ls: [], values: [] };
      g.ls.push(l);
      g.values.push(l.value as number);
      groups.set(fieldKey(l), g);
    }
    const bad: string[] = [];
    for (const [k, g] of groups) {
      const big = Math.max(...g.values.map(Math.abs));
      for (const l of g.ls) {
        const span = l.slider.max - l.slider.min;
        if (big > 0 && span > 40 * big) bad.push(`${k}: slider [${l.slider.min}, ${l.slider.max}] for values up to ${big}`);
        if (span / l.step > 2000) bad.push(`${k}: ${Math.round(span / l.step)} positions (step ${l.step})`);
        if (span / l.step < 4) bad.push(`${k}: only ${span / l.step} positions (step ${l.step})`);
        const v = Math.abs(l.value as number);
        if (v > 0 && v < l.step) bad.push(`${k}: step ${l.step} is coarser than the value ${v}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('moves counts and months in whole steps and years in whole or half years (Shanghai asks 0.5 years of insurance), their shipped values on the step grid', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const { s, l } of numberLevers) {
      if (!l.unit || !WHOLE_UNITS.has(l.unit)) continue;
      checked++;
      const whole = Number.isInteger(l.step) && l.step >= 1;
      if (!(whole || (l.unit === 'years' && l.step === 0.5))) bad.push(`${s} ${l.key}: step ${l.step} (${l.unit})`);
      const k = ((l.value as number) - l.slider.min) / l.step;
      if (Math.abs(k - Math.round(k)) > 1e-9) bad.push(`${s} ${l.key}: ${l.value} is not on the grid of step ${l.step} from ${l.slider.min}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });

  it('narrows the points, quota and years sliders the issue found too wide', () => {
    const find = (key: string) => numberLevers.find(({ l }) => l.key === key)?.l;
    const quota = find('policies.points.quota_persons_year')!;
    expect(quota.slider.max).toBeLessThanOrEqual(200_000);
    expect(quota.max).toBe(1e7); // still what the schema accepts
    const college = numberLevers.find(({ l }) => l.key === 'policies.points.education.college')!.l;
    expect(college.slider.max - college.slider.min).toBeLessThanOrEqual(300);
    expect(college.step).toBeLessThanOrEqual(1);
    const years = find('policies.differentiated.zones.core.years_work')!;
    expect(years.slider).toEqual({ min: 0, max: 15 });
    expect(years.step).toBe(1);
  });

  it('reads the slider from `ui`, clipped to the schema bounds, and falls back to the bounds without it', () => {
    const schema = z.object({
      policies: z.object({ p: z.object({ a: num(0, 100, { label: 'A', ui: { min: -5, max: 20, step: 2 } }), b: num(0, 100, { label: 'B' }), c: num(0, 100, { label: 'C', ui: { min: 50, max: 10 } }) }) }),
      city: z.object({}).optional(),
    });
    const ls = leversFor({ policies: { p: { a: 4, b: 4, c: 4 } } }, schema);
    const a = ls.find((l) => l.field === 'a')!;
    expect(a.slider).toEqual({ min: 0, max: 20 });
    expect(a.step).toBe(2);
    expect([a.min, a.max]).toEqual([0, 100]);
    expect(ls.find((l) => l.field === 'b')!.slider).toEqual({ min: 0, max: 100 });
    expect(ls.find((l) => l.field === 'c')!.slider).toEqual({ min: 0, max: 100 }); // an empty ui range is ignored
  });
});

describe('the baseline is preselected', () => {
  it('opens each city on the first member of its shipped comparisons, not the alphabetically first variant', () => {
    const pick = (city: string) => defaultScenario(catalog.cities.find((c) => c.id === city)!).id;
    expect(pick('chongqing-2010')).toBe('chongqing-baseline');
    expect(pick('beijing-2013')).toBe('beijing-points');
    expect(pick('wuhan-2020')).toBe('wuhan-grid-baseline');
    expect(pick('tianjin-2020')).toBe('tianjin-points');
    expect(defaultState(catalog, 'chongqing-2010').A.scenario).toBe('chongqing-baseline');
    // The alphabetically first policy scenario of Chongqing is not its baseline.
    const cq = catalog.cities.find((c) => c.id === 'chongqing-2010')!;
    expect(cq.scenarios.filter((s) => !s.isCity)[0]!.id).not.toBe('chongqing-baseline');
  });

  it('marks one baseline per city at most, the file most comparisons start from', () => {
    const f = { ...files };
    const c = buildCatalog(f, ['scenarios/policies/chongqing-differentiated.yaml', 'scenarios/policies/chongqing-baseline.yaml', 'scenarios/policies/chongqing-baseline.yaml']);
    const cq = c.cities.find((x) => x.id === 'chongqing-2010')!;
    expect(cq.scenarios.filter((s) => s.baseline).map((s) => s.id)).toEqual(['chongqing-baseline']);
    expect(buildCatalog(f).cities.every((x) => x.scenarios.every((s) => !s.baseline))).toBe(true);
  });
});
