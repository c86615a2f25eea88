/**
 * Axes that rescale when a series is hidden (viz/charts/rescale.ts), on
 * hand-made extents and a hand-made chart: the domain of the series shown is
 * that of the (lowest-low, highest-high) pair through the chart's unit rule,
 * and a chart carries one axis variant per distinct domain hiding can give,
 * each naming the pairs it serves.
 */
import { describe, expect, it } from 'vitest';
import { extentOf, extremePair, visibleDomain } from '../../viz/charts/rescale.ts';
import { unitDomain } from '../../viz/charts/frame.ts';
import { timeSeriesBand } from '../../viz/charts/timeSeriesBand.ts';
import { makeDocument } from '../../viz/dom.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { StatRow } from '../../viz/types.ts';

describe('the domain of the series shown', () => {
  const ext = [extentOf('a', [10, 12, NaN]), extentOf('b', [40, 55]), extentOf('c', [5, 20]), extentOf('none', [NaN])];
  it('takes the lowest low and the highest high of the visible series with data', () => {
    expect(ext[3]).toEqual({ id: 'none', lo: NaN, hi: NaN });
    expect(extremePair(ext, () => true)).toEqual([2, 1]);
    expect(extremePair(ext, (id) => id !== 'b')).toEqual([2, 2]);
    expect(extremePair(ext, (id) => id === 'a' || id === 'b')).toEqual([0, 1]);
    expect(extremePair(ext, (id) => id === 'none')).toBeNull();
  });
  it('applies the unit rule to that pair: counts from 0, shares within 0–100%', () => {
    const persons = (vs: number[]) => unitDomain(vs, 'persons');
    expect(visibleDomain(ext, persons)).toEqual([0, 60]);
    expect(visibleDomain(ext, persons, (id) => id === 'a')).toEqual(unitDomain([10, 12], 'persons'));
    expect(visibleDomain(ext, persons, (id) => id === 'a')[1]).toBeLessThan(20);
    const shares = [extentOf('x', [0.95, 0.99]), extentOf('y', [0.2, 0.3])];
    const d = visibleDomain(shares, (vs) => unitDomain(vs, 'share'), (id) => id === 'x');
    expect(d[1]).toBeLessThanOrEqual(1);
    expect(d[0]).toBeGreaterThan(0.5);
  });
});

describe('a chart with a rescaling axis', () => {
  const rows: StatRow[] = [];
  for (let m = 0; m <= 12; m++) {
    for (const [s, v] of [['small', 1000 + m], ['big', 4000 + 10 * m]] as const) rows.push({ scenario: s, month: m, indicator: 'residents', zone: 'all', mean: v, median: v, q05: v, q95: v, n: 1 });
  }
  const svg = timeSeriesBand(makeDocument(), rows, {
    indicator: 'residents',
    scenarios: [{ id: 'small', title: 'Small' }, { id: 'big', title: 'Big' }],
    meta: { indicators: INDICATORS, startMonth: '2010-01', zones: [], sources: [] },
  });
  const scale = svg.querySelector('g.y-scale')!;
  const variants = [...scale.querySelectorAll(':scope > g.y-variant')];
  const domainOf = (el: Element) => el.getAttribute('data-domain')!.split(' ').map(Number);
  it('records the series and their extents', () => {
    expect(JSON.parse(scale.getAttribute('data-series')!)).toEqual(['small', 'big']);
    expect(scale.getAttribute('data-lo')).toBe('1000 4000');
    expect(scale.getAttribute('data-hi')).toBe('1012 4120');
  });
  it('draws the axis of every series shown first, and a hidden variant per other domain, each with its pairs', () => {
    expect(domainOf(variants[0]!)).toEqual(unitDomain([1000, 4120], 'persons'));
    expect(variants[0]!.hasAttribute('display')).toBe(false);
    expect(variants[0]!.getAttribute('data-pairs')!.split(' ')).toContain('0-1');
    const onlySmall = variants.find((v) => v.getAttribute('data-pairs')!.split(' ').includes('0-0'))!;
    const onlyBig = variants.find((v) => v.getAttribute('data-pairs')!.split(' ').includes('1-1'))!;
    expect(domainOf(onlySmall)).toEqual(unitDomain([1000, 1012], 'persons'));
    expect(domainOf(onlyBig)).toEqual(unitDomain([4000, 4120], 'persons'));
    expect(onlySmall.getAttribute('display')).toBe('none');
    // (1, 0) cannot be a (lowest low, highest high) pair: big's low is above small's.
    expect(variants.flatMap((v) => v.getAttribute('data-pairs')!.split(' '))).not.toContain('1-0');
    // Each variant's top tick label is that of its own domain.
    const top = (v: Element) => [...v.querySelectorAll('.tick text')].at(-1)!.textContent;
    expect(top(onlySmall)).not.toBe(top(variants[0]!));
  });
  it('marks the series drawn with that scale', () => {
    expect([...svg.querySelectorAll('g.series[data-scale="y"]')].map((g) => g.getAttribute('data-scenario'))).toEqual(['small', 'big']);
  });
});
