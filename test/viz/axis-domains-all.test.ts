/**
 * The axis rules of every chart kind, not only the time series: shares stay
 * within 0–100%, counts start at 0 with whole-number ticks, tick labels of a
 * narrow range differ, and a discrete swept parameter gets whole-number
 * ticks (small multiples by zone, rent by zone, applicants, sweep effect and
 * tornado, Sobol').
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../viz/dom.ts';
import { smallMultiplesByZone } from '../../viz/charts/smallMultiplesByZone.ts';
import { rentToIncomeByZone } from '../../viz/charts/rentToIncomeByZone.ts';
import { sweepEffect, sweepTornado, type SweepChartData } from '../../viz/charts/sweep.ts';
import { sobolChart } from '../../viz/charts/sensitivity.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { StatRow } from '../../viz/types.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const data = sampleData([{ id: 'a', title: 'A' }], 12, 3);
const zones = data.meta.zones.map((z) => z.id);
const row = (indicator: string, zone: string, m: number, v: number): StatRow => ({ scenario: 'a', month: m, indicator, zone, mean: v, median: v, q05: v, q95: v, n: 3 });
const texts = (svg: SVGSVGElement, sel: string) => [...svg.querySelectorAll(sel)].map((t) => t.textContent ?? '');
const num = (t: string) => Number(t.replace('−', '-').replace(/[%M k]/g, ''));

describe('small multiples by zone', () => {
  it('a narrow range around 21.1M gets distinct labels, starts at 0 and has whole ticks', () => {
    const rows = zones.flatMap((z) => Array.from({ length: 12 }, (_, m) => row('zone_population', z, m, 21_100_000 + m * 2_000)));
    const svg = smallMultiplesByZone(makeDocument(), rows, { scenarios: data.scenarios, meta: data.meta, indicator: 'zone_population' });
    for (const panel of svg.querySelectorAll('g.panel')) {
      const labels = [...panel.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent ?? '');
      expect(labels.length).toBeGreaterThan(1);
      expect(new Set(labels).size, labels.join(', ')).toBe(labels.length);
    }
  });
  it('a share by zone never goes above 100% or below 0%', () => {
    const rows = zones.flatMap((z) => Array.from({ length: 12 }, (_, m) => row('vacancy_market_rental', z, m, 0.96 + m / 400)));
    const svg = smallMultiplesByZone(makeDocument(), rows, { scenarios: data.scenarios, meta: data.meta, indicator: 'vacancy_market_rental' });
    const pct = texts(svg, '.axis-y .tick text').filter((t) => /%$/.test(t)).map(num);
    expect(pct.length).toBeGreaterThan(0);
    expect(Math.max(...pct)).toBeLessThanOrEqual(100);
    expect(Math.min(...pct)).toBeGreaterThanOrEqual(0);
  });
});

describe('rent to income by zone', () => {
  it('labels of a narrow ratio range differ', () => {
    const rows = zones.map((z, k) => row('rent_to_income', z, 11, 0.2101 + k * 0.0001));
    const svg = rentToIncomeByZone(makeDocument(), rows, { scenarios: data.scenarios, meta: data.meta });
    const labels = texts(svg, '.axis-y .tick text');
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

const defOf = (n: string) => INDICATORS.find((d) => d.name === n)!;
function sweepData(values: (p: number, seed: number) => Record<string, number>, params: number[]): SweepChartData {
  const runs = params.flatMap((p, i) => [1, 2].map((seed, k) => ({ run: i * 2 + k, point: i, seed, params: [p], values: values(p, seed) })));
  return { id: 's', title: 'Sweep', parameters: [{ path: 'policies.points.years', label: 'years' }], indicators: [defOf('hukou_share'), defOf('settlements')], runs, month: 12, monthLabel: '2011-01', seeds: 2, sources: [] };
}

describe('sweep charts', () => {
  it('an effect chart keeps shares within 0–100%, counts from 0, and a discrete parameter on whole ticks', () => {
    // 20 integer values: binned, so the axis gets nice ticks, which must be whole.
    const params = Array.from({ length: 20 }, (_, i) => i + 1);
    const d = sweepData((p, s) => ({ hukou_share: 0.97 + p / 1000 + s / 1000, settlements: 21_100_000 + p * 1000 }), params);
    const svg = sweepEffect(makeDocument(), d, { parameter: 0 });
    const panels = [...svg.querySelectorAll('g.panel')];
    expect(panels).toHaveLength(2);
    const share = [...panels[0]!.querySelectorAll('.axis-y .tick text')].map((t) => num(t.textContent ?? ''));
    expect(Math.max(...share)).toBeLessThanOrEqual(100);
    const counts = [...panels[1]!.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent ?? '');
    expect(counts[0]).toBe('0');
    expect(new Set(counts).size).toBe(counts.length);
    // Binned: each tick names its bin by whole values ("1–3").
    const xt = [...panels[0]!.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent ?? '');
    expect(xt.length).toBeGreaterThan(1);
    for (const v of xt) expect(v).toMatch(/^\d+–\d+$/);
  });
  it('a discrete parameter with more values than ticks gets whole-number ticks only', () => {
    const d = sweepData((p) => ({ hukou_share: 0.3 + p / 100, settlements: 1000 * p }), [1, 2, 3, 4, 5, 6, 7, 8]);
    const svg = sweepEffect(makeDocument(), { ...d, indicators: [...d.indicators, defOf('residents'), defOf('arrivals'), defOf('departures')] }, { parameter: 0 });
    const xt = [...svg.querySelector('g.panel')!.querySelectorAll('.axis-x .tick text')].map((t) => Number(t.textContent));
    expect(xt.length).toBeGreaterThan(1);
    expect(xt.length).toBeLessThan(8);
    for (const v of xt) expect(Number.isInteger(v), String(v)).toBe(true);
  });
  it('a grid of a few values puts its ticks on the values themselves', () => {
    const d = sweepData((p) => ({ hukou_share: 0.3 + p / 100, settlements: 1000 * p }), [1, 2, 3]);
    const svg = sweepEffect(makeDocument(), d, { parameter: 0 });
    const xt = [...svg.querySelector('g.panel')!.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent);
    expect(xt).toEqual(['1', '2', '3']);
  });
  it('a tornado chart of a narrow count range has distinct labels, none below 0', () => {
    const d = sweepData((p) => ({ hukou_share: 0.3, settlements: 21_100_000 + p * 3000 }), [1, 2, 3, 4]);
    const svg = sweepTornado(makeDocument(), d, { indicator: 'settlements' });
    const labels = texts(svg, '.axis-x .tick text');
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size, labels.join(', ')).toBe(labels.length);
  });
});

describe("Sobol' chart", () => {
  it('keeps its share-of-variance axis within 0–1 when estimates stray beyond', () => {
    const svg = sobolChart(makeDocument(), { indicator: 'x', rows: [{ label: 'a', S1: 1.08, S1lo: 0.9, S1hi: 1.3, ST: -0.02, STlo: -0.2, SThi: 0.1 }], n: 64, seeds: 1, sources: [] });
    const ticks = texts(svg, '.sobol .tick text').map(Number);
    expect(Math.min(...ticks)).toBe(0);
    expect(Math.max(...ticks)).toBe(1);
    const plotRight = Math.max(...[...svg.querySelectorAll('.sobol .tick')].map((t) => Number(/translate\(([\d.]+)/.exec(t.getAttribute('transform') ?? '')?.[1])));
    for (const w of svg.querySelectorAll('line.whisker')) expect(Number(w.getAttribute('x2'))).toBeLessThanOrEqual(plotRight + 0.01);
  });
});
