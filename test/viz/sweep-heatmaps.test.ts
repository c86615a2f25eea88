/**
 * The sweep report's interaction heatmaps: every pair of swept parameters
 * (not only the first four) for each headline indicator kept (not only the
 * first four indicators), falling back to the first four kept when none is a
 * headline indicator; the report's chooser lists those indicators and marks
 * each heatmap with its indicator.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { heatmapFile, heatmapPlan } from '../../viz/publish/sweep.ts';
import { renderSweepReport } from '../../viz/publish/sweepReport.ts';
import type { SweepRecord } from '../../sim/run/sweepRecord.ts';

const def = (n: string) => INDICATOR_BY_NAME.get(n)!;

describe('interaction heatmaps of a sweep', () => {
  it('cover every pair of six parameters for each headline indicator kept', () => {
    const shown = ['residents', 'arrivals', 'hukou_share', 'settlements', 'urban_hukou_rate', 'rent_to_income'].map(def);
    const headline = shown.filter((d) => d.headline).map((d) => d.name);
    expect(headline.length).toBeGreaterThan(1);
    expect(headline.length).toBeLessThan(shown.length); // the test could be false: a non-headline indicator is left out
    const plan = heatmapPlan(6, shown);
    expect(plan).toHaveLength(headline.length * 15); // 6 parameters: 6·5/2 pairs
    for (const name of headline) {
      const pairs = plan.filter((h) => h.indicator === name).map((h) => `${h.a}-${h.b}`);
      expect(pairs).toHaveLength(15);
      expect(pairs).toContain('4-5'); // the fifth and sixth parameters, beyond the old first four
      expect(new Set(pairs).size).toBe(15);
      for (const h of plan) expect(h.a).toBeLessThan(h.b);
    }
    expect(plan.some((h) => !headline.includes(h.indicator))).toBe(false);
  });

  it('fall back to the first four kept indicators when none is a headline indicator', () => {
    const shown = ['arrivals', 'departures', 'births', 'deaths', 'moves'].map(def).filter((d) => d && !d.headline);
    expect(shown.length).toBeGreaterThan(4);
    const plan = heatmapPlan(3, shown);
    expect([...new Set(plan.map((h) => h.indicator))]).toEqual(shown.slice(0, 4).map((d) => d.name));
    expect(plan).toHaveLength(4 * 3);
  });

  it('are chosen by indicator in the report: one option per indicator, each figure marked with its indicator', () => {
    const charts = new Map<string, string>();
    for (const h of heatmapPlan(5, ['residents', 'hukou_share'].map(def))) charts.set(heatmapFile(h.a, h.b, h.indicator), '<svg class="chart"></svg>');
    const record = {
      parameters: [1, 2, 3, 4, 5].map((k) => ({ path: `p.k${k}`, label: `k${k}` })),
      points: [[1, 2, 3, 4, 5]],
      sweep: {},
      scenario: { id: 's', title: 'S' },
      runs: 1,
      months: 12,
      sample: 0.001,
      seeds: [1],
      indicators: ['residents', 'hukou_share'],
      hash: '0'.repeat(64),
      megasim_version: 'test',
      title: 'T',
      id: 't',
    } as unknown as SweepRecord;
    const html = renderSweepReport(record, charts);
    expect(html.match(/<option value="[^"]+">/g)).toEqual(['<option value="residents">', '<option value="hukou_share">']);
    expect(html.match(/data-indicator="residents"/g)).toHaveLength(10);
    expect(html.match(/data-indicator="hukou_share"/g)).toHaveLength(10);
    expect(html).toContain('id="chart-interaction-4-5-hukou_share"');
  });
});
