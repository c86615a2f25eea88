/**
 * Charts from the question: a comparison's headline indicators are charted
 * first by the standard set, and a series that is zero throughout reads
 * "none in this scenario" instead of a flat line on a −1…1 axis.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../viz/dom.ts';
import { serializeSvg, standardCharts, timeSeriesBand } from '../../viz/charts/index.ts';
import type { StatRow } from '../../viz/types.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const data = sampleData([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], 30, 3);
const row = (scenario: string, indicator: string, month: number, v: number): StatRow => ({ scenario, month, indicator, zone: 'all', mean: v, median: v, q05: v, q95: v, n: 3 });
const extra = (indicator: string, f: (s: string, m: number) => number) =>
  ['a', 'b'].flatMap((s) => Array.from({ length: 30 }, (_, m) => row(s, indicator, m, f(s, m))));

describe('charts from the question', () => {
  const grid = [
    ...data.stats.filter((r) => !['mean_response_days', 'complaint_backlog', 'satisfaction'].includes(r.indicator)),
    ...extra('mean_response_days', (s, m) => (s === 'a' ? 9 : 4) + m / 30),
    ...extra('complaint_backlog', (s, m) => 1000 + 10 * m),
    ...extra('satisfaction', (s) => (s === 'a' ? 0.6 : 0.7)),
  ];
  it('charts the comparison headline indicators, first and in the question\'s order', () => {
    const headline = ['mean_response_days', 'complaint_backlog', 'satisfaction'];
    const names = standardCharts(grid, data.scenarios, { ...data.meta, headline }).map((c) => c.name);
    expect(names.slice(0, 3)).toEqual(headline.map((h) => `ts-${h}`));
    // Without the question these are not headline indicators and are not charted.
    const plain = standardCharts(grid, data.scenarios, data.meta).map((c) => c.name);
    for (const h of headline) expect(plain).not.toContain(`ts-${h}`);
  });
  it('a question headline missing from the statistics is skipped, and nothing is charted twice', () => {
    const names = standardCharts(data.stats, data.scenarios, { ...data.meta, headline: ['no_such_indicator', 'hukou_share'] }).map((c) => c.name);
    expect(names[0]).toBe('ts-hukou_share');
    expect(names.filter((n) => n === 'ts-hukou_share')).toHaveLength(1);
  });
  it('draws "none in this scenario" for a series that is zero in every scenario', () => {
    const rows = extra('settlements', () => 0);
    const svg = serializeSvg(timeSeriesBand(makeDocument(), rows, { scenarios: data.scenarios, meta: data.meta, indicator: 'settlements' }));
    expect(svg).toContain('none in this scenario');
    expect(svg).not.toMatch(/>−1</); // no −1…1 axis
    expect(svg).not.toContain('class="mark line"');
  });
  it('draws the lines when any scenario has a non-zero value', () => {
    const rows = extra('settlements', (s, m) => (s === 'b' && m === 7 ? 5 : 0));
    const svg = serializeSvg(timeSeriesBand(makeDocument(), rows, { scenarios: data.scenarios, meta: data.meta, indicator: 'settlements' }));
    expect(svg).not.toContain('none in this scenario');
    expect(svg).toContain('class="mark line"');
  });
});
