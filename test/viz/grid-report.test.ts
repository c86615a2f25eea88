/**
 * The grid comparisons (wuhan-grid, chengdu-grid) chart what they ask about:
 * their files' headline indicators become charts, and the report puts those
 * charts in its Governance section, with a finding for each.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { loadComparisonFile } from '../../sim/scenario/comparisonFile.ts';
import { renderReport } from '../../viz/report.ts';
import { renderCharts } from '../../viz/publish/charts.ts';
import type { StatRow } from '../../viz/types.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const data = sampleData([{ id: 'a', title: 'Grids alone' }, { id: 'b', title: 'Platform' }], 30, 3);
const row = (scenario: string, indicator: string, month: number, v: number): StatRow => ({ scenario, month, indicator, zone: 'all', mean: v, median: v, q05: v, q95: v, n: 3 });

for (const file of ['scenarios/comparisons/wuhan-grid.yaml', 'scenarios/comparisons/chengdu-grid.yaml']) {
  describe(file, () => {
    const headline = loadComparisonFile(file).comparison.headline!;
    it('asks about response days, backlog and satisfaction', () => {
      expect(headline).toEqual(expect.arrayContaining(['mean_response_days', 'complaint_backlog', 'satisfaction']));
    });
    it('its report shows the response-days and backlog charts in the Governance section', () => {
      const stats = [
        ...data.stats.filter((r) => !headline.includes(r.indicator)),
        ...['a', 'b'].flatMap((s) => Array.from({ length: 30 }, (_, m) => [row(s, 'mean_response_days', m, s === 'a' ? 200 + m : 9), row(s, 'complaint_backlog', m, s === 'a' ? 5e6 : 1e5), row(s, 'satisfaction', m, s === 'a' ? 0.5 : 0.62)]).flat()),
      ];
      const meta = { ...data.meta, headline };
      const charts = renderCharts(stats, data.scenarios, meta);
      const html = renderReport({ title: 't', scenarios: data.scenarios, meta, differences: [], charts, manifest: {}, command: 'x' });
      const doc = new JSDOM(html).window.document;
      const gov = [...doc.querySelectorAll('#section-governance figure.chart-figure')].map((f) => f.getAttribute('data-chart'));
      expect(gov).toEqual(expect.arrayContaining(['ts-mean_response_days', 'ts-complaint_backlog', 'ts-satisfaction']));
      const days = doc.querySelector('#chart-ts-mean_response_days svg')!;
      expect(days.querySelectorAll('g.series .mark').length).toBeGreaterThan(0);
      expect(days.querySelector('.none')).toBeNull();
    });
  });
}
