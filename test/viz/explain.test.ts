/**
 * A report that explains itself: "what differs" from hand-made scenario
 * documents, findings whose sign and interval come from given difference
 * rows, sources written as the documents' titles, the per-zone table from
 * given rows, and the report's sections, legend and escaping.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { whatDiffers } from '../../viz/publish/whatDiffers.ts';
import { keyFindings } from '../../viz/publish/findings.ts';
import { citedDocuments, readableSource } from '../../viz/publish/sources.ts';
import { zoneTable } from '../../viz/publish/zoneTable.ts';
import { reportSources, sourceTexts } from '../../viz/publish/explain.ts';
import { renderReport } from '../../viz/report.ts';
import { chartSection, indicatorSection } from '../../viz/charts/sections.ts';
import type { Difference, StatRow } from '../../sim/run/stats.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const A = {
  id: 'a',
  title: 'A',
  description: 'quota of 6,000',
  seed: 1,
  sample: 0.01,
  city: { name: 'X', zones: [{ id: 'core', area_km2: 10, source: 'x' }, { id: 'edge', area_km2: 90 }], labour: { wage: 5000 } },
  policies: { points: { quota_persons_year: 6000, apply_rate: 0.5, source: 'seed 000' } },
};
const B = {
  ...A,
  id: 'b',
  title: 'B <b>',
  description: 'other words',
  seed: 7,
  city: { ...A.city, zones: [{ id: 'core', area_km2: 10, source: 'y' }, { id: 'edge', area_km2: 95 }] },
  policies: { points: { quota_persons_year: 12000, apply_rate: 0.5 }, cost_sharing: { gov_share: 0.3 } },
};

describe('whatDiffers', () => {
  it('lists exactly the parameters that differ, with values, zones by id, and ignores words and run settings', () => {
    const rows = whatDiffers([A, B]);
    expect(rows).toEqual([
      { path: 'city.zones[edge].area_km2', values: ['90', '95'] },
      { path: 'policies.points.quota_persons_year', values: ['6,000', '12,000'] },
      { path: 'policies.cost_sharing', values: ['not in force', 'in force'] },
      { path: 'policies.cost_sharing.gov_share', values: ['—', '0.3'] },
    ]);
  });
  it('is empty for scenarios that differ only in words', () => {
    expect(whatDiffers([A, { ...A, id: 'c', title: 'C', description: 'new', seed: 3 }])).toEqual([]);
  });
  it('has one value column per scenario', () => {
    const C = { ...A, policies: { points: { quota_persons_year: 9000, apply_rate: 0.4 } } };
    const rows = whatDiffers([A, B, C]);
    expect(rows.find((r) => r.path === 'policies.points.apply_rate')!.values).toEqual(['0.5', '0.5', '0.4']);
    expect(rows.find((r) => r.path === 'policies.points.quota_persons_year')!.values).toEqual(['6,000', '12,000', '9,000']);
  });
});

const diff = (indicator: string, difference: number, lo: number, hi: number, extra: Partial<Difference> = {}): Difference => ({
  scenario: 'b', baseline: 'a', indicator, zone: 'all', measure: 'level', fromMonth: 120, toMonth: 120,
  baselineMean: 0.3, scenarioMean: 0.3 + difference, difference, lo, hi, n: 10, significant: lo > 0 || hi < 0, ...extra,
});

describe('keyFindings', () => {
  const scenarios = [{ id: 'a', title: 'Baseline' }, { id: 'b', title: 'Reform' }];
  it('takes the sign and the interval from the rows', () => {
    const [up, flat] = keyFindings([diff('urban_hukou_rate', 0.031, 0.028, 0.034), diff('hukou_share', 0.001, -0.002, 0.004)], ['urban_hukou_rate', 'hukou_share'], scenarios, '2010-01');
    expect(up!.sign).toBe(1);
    expect(up!.excludesZero).toBe(true);
    expect(up!.text).toBe('Reform raises the urban hukou rate by 3.1 pp [+2.8 pp, +3.4 pp] by 2020-01 against Baseline; the 95% interval excludes zero.');
    expect(flat!.excludesZero).toBe(false);
    expect(flat!.text).toContain('raises the hukou share by 0.1 pp [−0.2 pp, +0.4 pp]');
    expect(flat!.text).toContain('includes zero');
  });
  it('says "lowers" for a negative difference and explains it from what differs when the mechanism agrees', () => {
    const rows = whatDiffers([A, B]);
    const [f] = keyFindings([diff('fiscal_cost_gov', -2e11, -2.1e11, -1.9e11)], ['fiscal_cost_gov'], scenarios, '2010-01', rows);
    expect(f!.sign).toBe(-1);
    expect(f!.text).toMatch(/^Reform lowers the fiscal cost gov by ¥200bn \[−¥210bn, −¥190bn\]/);
    expect(f!.text).toContain('because cost sharing, in force there only, moves part');
    // Against the mechanism's direction, no "because": only what differs.
    const [g] = keyFindings([diff('fiscal_cost_gov', 2e11, 1.9e11, 2.1e11)], ['fiscal_cost_gov'], scenarios, '2010-01', rows);
    expect(g!.text).not.toContain('because');
    expect(g!.text).toContain('What differs that bears on it: ');
    expect(g!.text).toContain('cost sharing is in force here only');
    const [h] = keyFindings([diff('settlements', 5000, 4000, 6000, { measure: 'total', fromMonth: 1 })], ['settlements'], scenarios, '2010-01', rows);
    expect(h!.text).toContain('the settlements in total over 2010-02 to 2020-01');
    expect(h!.text).toContain('quota_persons_year 6,000 → 12,000');
  });
  it('says when one seed gives no interval', () => {
    const [f] = keyFindings([diff('hukou_share', 0.01, NaN, NaN, { n: 1 })], ['hukou_share'], scenarios, '2010-01');
    expect(f!.excludesZero).toBe(false);
    expect(f!.text).toContain('one seed only, so there is no interval');
  });
});

describe('sources', () => {
  it('names the source documents by title and never the files a reader lacks', () => {
    const t = readableSource('seed 000 (Wuhan grid); seeds 001 and 004; seed 003_5b84dda5a66fd023.txt, calibration.md [V]');
    expect(t).toContain('source document 000 《超大城市治理案例》 (Wuhan grid)');
    expect(t).toContain('source documents 001 《成都超大城市治理访谈》, 004');
    expect(t).toContain('source document 003 《城市治理创新十篇》');
    expect(t).not.toMatch(/calibration\.md|\.txt|\bseed 0/);
    expect(citedDocuments('seed 000 (a); seeds 001, 004')).toEqual(['000', '001', '004']);
  });
  it('leaves a random seed alone', () => {
    expect(readableSource('random seed 100, seed 42')).toBe('random seed 100, seed 42');
  });
  it('collects every source text with its path and the documents cited', () => {
    const texts = sourceTexts(A, 'a');
    expect(texts).toEqual([
      { where: 'a.city.zones[core].source', text: 'x' },
      { where: 'a.policies.points.source', text: 'seed 000' },
    ]);
    const s = reportSources(texts);
    expect(s.documents.map((d) => d.id)).toEqual(['000']);
    expect(s.cited[1]!.text).toMatch(/^source document 000 《/);
  });
});

describe('zoneTable', () => {
  const st = (scenario: string, month: number, indicator: string, zone: string, mean: number): StatRow => ({ scenario, month, indicator, zone, mean, median: mean, q05: mean, q95: mean, n: 1 });
  it('a run: level at the last month, a flow summed over months 1..last', () => {
    const rows = [st('a', 0, 'zone_population', 'core', 100), st('a', 2, 'zone_population', 'core', 120), st('a', 0, 'settlements', 'core', 9), st('a', 1, 'settlements', 'core', 3), st('a', 2, 'settlements', 'core', 4)];
    const t = zoneTable(rows, [], [{ id: 'a' }], [{ id: 'core', name: 'Core' }])!;
    expect(t.indicators.map((d) => d.name)).toEqual(['zone_population', 'settlements']);
    expect(t.cells[0]!.map((c) => c!.values[0])).toEqual([120, 7]);
    expect(t.measure).toEqual(['level', 'total']);
  });
  it('a comparison: the baseline, the scenario and the paired difference', () => {
    const d = diff('zone_population', 50, 40, 60, { zone: 'core', baselineMean: 100, scenarioMean: 150 });
    const t = zoneTable([st('a', 2, 'zone_population', 'core', 100)], [d], [{ id: 'a' }, { id: 'b' }], [{ id: 'core', name: 'Core' }])!;
    expect(t.cells[0]![0]).toEqual({ values: [100, 150], diffs: [{ difference: 50, lo: 40, hi: 60, significant: true }] });
  });
});

describe('sections', () => {
  it('puts each standard chart and indicator in its section', () => {
    expect(chartSection('ts-mean_response_days')).toBe('governance');
    expect(chartSection('ts-complaint_backlog')).toBe('governance');
    expect(chartSection('ts-fiscal_cost_gov')).toBe('money');
    expect(chartSection('cost-by-payer')).toBe('money');
    expect(chartSection('ts-urban_hukou_rate')).toBe('hukou');
    expect(chartSection('cutoff-applicants')).toBe('hukou');
    expect(chartSection('rent-to-income-by-zone-dormitory')).toBe('housing');
    expect(chartSection('ts-migrant_school_access')).toBe('services');
    expect(chartSection('zones-zone_population')).toBe('zones');
    expect(chartSection('pyramid')).toBe('people');
    expect(indicatorSection('residents')).toBe('people');
  });
});

describe('the report explains itself', () => {
  const data = sampleData([{ id: 'base', title: 'Baseline' }, { id: 'b', title: 'B <x>' }], 24, 3);
  const html = renderReport({
    title: 'T',
    scenarios: data.scenarios,
    meta: data.meta,
    differences: data.differences,
    stats: data.stats,
    manifest: {},
    command: 'x',
    findings: ['B <x> raises <i>it</i>.'],
    whatDiffers: [{ path: 'policies.points.quota<', values: ['6,000', '12,000 <b>'] }],
    maps: { maps: [{ name: 'map-residents', svg: '<svg class="zone-map"></svg>' }], from: 0, to: 23, initial: 23, startMonth: '2010-01' },
    sources: { documents: [{ id: '000', title: '超大城市治理案例', about: 'cases' }], cited: [{ where: 'a.source', text: '<script>' }], compilation: 'figures' },
  });
  const doc = new JSDOM(html).window.document;
  it('has findings first, the what-differs table, the sections in order and the sources with the [V]/[U] legend', () => {
    expect(doc.querySelector('#findings li')!.textContent).toBe('B <x> raises <i>it</i>.');
    const cells = [...doc.querySelectorAll('#what-differs td')].map((td) => td.textContent);
    expect(cells).toEqual(['policies.points.quota<', '6,000', '12,000 <b>']);
    const sections = [...doc.querySelectorAll('section.topic')].map((s) => s.getAttribute('data-section'));
    expect(sections[0]).toBe('people');
    expect(sections).toContain('zones');
    expect(sections.indexOf('hukou')).toBeLessThan(sections.indexOf('zones'));
    expect(doc.querySelector('#section-zones #zone-maps svg.zone-map')).not.toBeNull();
    expect(doc.querySelector('#section-zones #zone-maps h3')!.textContent).toBe('Zone maps');
    expect(doc.querySelectorAll('[id="zone-maps"]').length).toBe(1);
    const legend = doc.querySelector('#sources dl.legend-vu')!.textContent!;
    expect(legend).toContain('[V]');
    expect(legend).toContain('[U]');
    expect(doc.querySelector('#sources ul.documents')!.textContent).toContain('《超大城市治理案例》');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<x>');
    expect(html).not.toContain('12,000 <b>');
  });
});
