/**
 * The one standard chart list (viz/charts/standard.ts), which the chart
 * files, the report and the explorer draw: drawn without a look it gives the
 * report's charts byte for byte; a look sets only the title and width; its
 * conditions follow the statistics; and the explorer's titles (results.ts)
 * are Chinese in 中文 and the charts' own in English.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../viz/dom.ts';
import { renderStandardCharts, serializeSvg, standardCharts } from '../../viz/charts/index.ts';
import { chartTitle } from '../../viz/explorer/results.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const data = sampleData([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], 30, 3);

describe('standardCharts', () => {
  it('drawn without a look, gives the charts renderStandardCharts (the report and chart files) gives', () => {
    const doc = makeDocument();
    const listed = standardCharts(data.stats, data.scenarios, data.meta, data.pyramids);
    const rendered = renderStandardCharts(doc, data.stats, data.scenarios, data.meta, data.pyramids);
    expect(listed.map((c) => c.name)).toEqual(rendered.map((c) => c.name));
    listed.forEach((c, i) => expect(serializeSvg(c.draw(doc)), c.name).toBe(serializeSvg(rendered[i]!.svg)));
  });

  it('a look sets the title and the width, nothing else', () => {
    const doc = makeDocument();
    const chart = standardCharts(data.stats, data.scenarios, data.meta).find((c) => c.name === 'stacked-hukou')!;
    const plain = chart.draw(doc);
    const looked = chart.draw(doc, { title: '按户籍状况划分的常住人口', width: 620 });
    expect(plain.querySelector('text.title')?.textContent).toBe('Residents by hukou status');
    expect(looked.querySelector('text.title')?.textContent).toBe('按户籍状况划分的常住人口');
    expect(plain.getAttribute('viewBox')).toMatch(/^0 0 720 /);
    expect(looked.getAttribute('viewBox')).toMatch(/^0 0 620 /);
  });

  it('lists a chart only when its indicators are recorded', () => {
    const names = (rows: typeof data.stats) => standardCharts(rows, data.scenarios, data.meta).map((c) => c.name);
    const all = names(data.stats);
    expect(all).toContain('arrivals-departures');
    expect(names(data.stats.filter((r) => r.indicator !== 'arrivals'))).toContain('arrivals-departures'); // departures alone suffice
    expect(names(data.stats.filter((r) => r.indicator !== 'arrivals' && r.indicator !== 'departures'))).not.toContain('arrivals-departures');
    expect(all).not.toContain('pyramid'); // no pyramids given
    expect(standardCharts(data.stats, data.scenarios, data.meta, data.pyramids).map((c) => c.name)).toContain('pyramid');
  });
});

describe("the explorer's chart titles", () => {
  it('are the charts\' own in English and Chinese in 中文, also for a cut-off chart without a cut-off', () => {
    expect(chartTitle('en', 'ts-hukou_share', data.stats)).toBeUndefined();
    expect(chartTitle('en', 'stacked-hukou', data.stats)).toBeUndefined();
    expect(chartTitle('zh', 'stacked-hukou', data.stats)).toBe('按户籍状况划分的常住人口');
    expect(chartTitle('zh', 'ts-hukou_share', data.stats)).toMatch(/[\u4e00-\u9fff]/);
    expect(chartTitle('zh', 'rent-to-income-by-zone-urban_village', data.stats)).toBe('各功能区租金收入比：城中村出租屋');
    const withCutoff = [...data.stats, { ...data.stats[0]!, indicator: 'cutoff_score', zone: 'all' }];
    const noCutoff = data.stats.filter((r) => r.indicator !== 'cutoff_score');
    expect(chartTitle('zh', 'cutoff-applicants', withCutoff)).toBe('落户申请人数与积分分数线');
    expect(chartTitle('zh', 'cutoff-applicants', noCutoff)).toBe('每年落户申请与批准人数');
  });
});
