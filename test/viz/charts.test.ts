/**
 * Charts (viz/charts): each chart draws valid standalone SVG from synthetic
 * statistics of two scenarios, with unit-bearing axis labels, one
 * `g.series` per scenario holding data marks, a caption naming the sources,
 * byte-identical output for identical input, and escaped text from data.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { makeDocument } from '../../viz/dom.ts';
import {
  arrivalsDepartures,
  costByPayer,
  cutoffAndApplicants,
  pyramid,
  renderStandardCharts,
  rentToIncomeByZone,
  serializeSvg,
  smallMultiplesByZone,
  stackedHukou,
  timeSeriesBand,
} from '../../viz/charts/index.ts';
import { completeYears } from '../../viz/charts/data.ts';
import { scenarioStyles } from '../../viz/charts/palette.ts';
import { sampleData } from '../fixtures/sampleData.ts';
import { calendarYear, decimalYear, formatCompact, formatDifference, formatValue, monthLabel, unitLabel } from '../../viz/format.ts';

const XSS = '<img src=x onerror=alert(1)>';
const SCENARIOS = [
  { id: 'base', title: 'Baseline' },
  { id: 'x"s&s', title: XSS },
];
const data = sampleData(SCENARIOS, 42, 10);
const base = { scenarios: data.scenarios, meta: data.meta };

/** Every chart with the unit its value-axis label must contain. */
const CHARTS: { name: string; unit: string; draw: (doc: Document) => SVGSVGElement }[] = [
  { name: 'timeSeriesBand', unit: 'persons', draw: (d) => timeSeriesBand(d, data.stats, { ...base, indicator: 'residents' }) },
  { name: 'timeSeriesBand share', unit: 'share (%)', draw: (d) => timeSeriesBand(d, data.stats, { ...base, indicator: 'hukou_share' }) },
  { name: 'smallMultiplesByZone', unit: 'persons', draw: (d) => smallMultiplesByZone(d, data.stats, { ...base, indicator: 'zone_population' }) },
  { name: 'stackedHukou', unit: 'persons', draw: (d) => stackedHukou(d, data.stats, base) },
  { name: 'cutoffAndApplicants', unit: 'points', draw: (d) => cutoffAndApplicants(d, data.stats, base) },
  { name: 'costByPayer cumulative', unit: 'yuan', draw: (d) => costByPayer(d, data.stats, { ...base, mode: 'cumulative' }) },
  { name: 'costByPayer yearly', unit: 'yuan', draw: (d) => costByPayer(d, data.stats, { ...base, mode: 'yearly' }) },
  { name: 'arrivalsDepartures', unit: 'persons', draw: (d) => arrivalsDepartures(d, data.stats, base) },
  { name: 'rentToIncomeByZone', unit: 'ratio', draw: (d) => rentToIncomeByZone(d, data.stats, base) },
  { name: 'pyramid', unit: 'persons', draw: (d) => pyramid(d, data.pyramids, base) },
];

/** Parse standalone SVG text as XML; throws on a parser error. */
function parseSvg(text: string): Document {
  const { DOMParser } = new JSDOM('').window;
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`invalid SVG: ${err.textContent}`);
  return doc;
}

describe.each(CHARTS)('$name', ({ unit, draw }) => {
  const text = serializeSvg(draw(makeDocument()));
  const doc = parseSvg(text);
  const root = doc.documentElement;

  it('is standalone SVG with a viewBox, a title and a caption naming the sources', () => {
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 720 \d+$/);
    expect(root.querySelector('text.title')?.textContent).toBeTruthy();
    const caption = [...root.querySelectorAll('text.caption')].map((t) => t.textContent).join(' ');
    expect(caption).toContain('Sources: synthetic sample data');
    expect(root.querySelector('desc')?.textContent).toContain('synthetic sample data');
  });

  it('has axes with tick labels and an axis label carrying the unit', () => {
    expect(root.querySelectorAll('.axis .tick text').length).toBeGreaterThan(2);
    const labels = [...root.querySelectorAll('text.axis-label')].map((t) => t.textContent ?? '');
    expect(labels.some((l) => l.includes(unit))).toBe(true);
  });

  it('has one g.series per scenario, each with data marks', () => {
    const series = [...root.querySelectorAll('g.series')];
    expect(series.map((g) => g.getAttribute('data-scenario'))).toEqual(SCENARIOS.map((s) => s.id));
    for (const g of series) {
      const marks = g.querySelectorAll('.mark');
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(['path', 'rect', 'circle']).toContain(m.localName);
      expect(g.querySelectorAll('.mark > title').length).toBeGreaterThan(0);
    }
  });

  it('gives the same bytes for the same input', () => {
    expect(serializeSvg(draw(makeDocument()))).toBe(text);
  });

  it('escapes text from data', () => {
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('data-scenario="x&quot;s&amp;s"');
    const legend = [...root.querySelectorAll('.legend-item[data-scenario] text')].map((t) => t.textContent);
    expect(legend).toContain(XSS);
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('renderStandardCharts', () => {
  it('draws the standard set in reading order', () => {
    const names = renderStandardCharts(makeDocument(), data.stats, data.scenarios, data.meta, data.pyramids).map((c) => c.name);
    expect(names).toEqual([
      'ts-residents',
      'ts-hukou_residents',
      'ts-hukou_share',
      'ts-urban_hukou_rate',
      'ts-urbanisation_gap',
      'ts-settlements',
      'ts-rent_to_income',
      'ts-migrant_school_access',
      'ts-fiscal_cost_gov',
      'zones-zone_population',
      'stacked-hukou',
      'cutoff-applicants',
      'cost-by-payer',
      'arrivals-departures',
      'rent-to-income-by-zone',
      'pyramid',
    ]);
  });

  it('skips charts whose indicators are absent', () => {
    const only = data.stats.filter((r) => r.indicator === 'residents' || r.indicator === 'arrivals');
    const names = renderStandardCharts(makeDocument(), only, data.scenarios, data.meta).map((c) => c.name);
    expect(names).toEqual(['ts-residents', 'arrivals-departures']);
    expect(renderStandardCharts(makeDocument(), [], data.scenarios, data.meta)).toEqual([]);
  });

  it('draws a single run (n = 1) without bands', () => {
    const single = sampleData([SCENARIOS[0]!], 30, 1);
    const charts = renderStandardCharts(makeDocument(), single.stats, single.scenarios, single.meta, single.pyramids);
    expect(charts.length).toBeGreaterThan(10);
    for (const c of charts) {
      expect(c.svg.querySelectorAll('g.series').length).toBe(1);
      expect(c.svg.querySelectorAll('.mark.band').length).toBe(0);
      parseSvg(serializeSvg(c.svg));
    }
    const caption = [...charts[0]!.svg.querySelectorAll('text.caption')].map((t) => t.textContent).join(' ');
    expect(caption).toContain('a single run');
  });

  it('draws "No data" rather than failing on an empty selection', () => {
    const svg = timeSeriesBand(makeDocument(), [], { ...base, indicator: 'residents' });
    expect(svg.querySelector('text.no-data')?.textContent).toBe('No data');
    parseSvg(serializeSvg(svg));
  });
});

describe('palette', () => {
  it('gives every scenario its own colour and dash pattern; a valid own colour wins, an invalid one is ignored', () => {
    const styles = scenarioStyles([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }, { id: 'c', title: 'C', color: 'red' }, { id: 'd', title: 'D', color: 'url(javascript:x)' }]);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(4);
    expect(styles[2]!.color).toBe('#ff0000');
    expect(styles[3]!.color).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('format', () => {
  it('writes counts, money and shares readably', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(30000)).toBe('30k');
    expect(formatCompact(1.2e6)).toBe('1.2M');
    expect(formatCompact(999_999)).toBe('1M');
    expect(formatValue(1.2e9, 'yuan')).toBe('¥1.2bn');
    expect(formatValue(30000, 'yuan')).toBe('¥30k');
    expect(formatValue(0.4567, 'share')).toBe('45.7%');
    expect(formatValue(0.35, 'ratio')).toBe('0.35');
    expect(formatDifference(0.021, 'share')).toBe('+2.1 pp');
    expect(formatDifference(-3.1e8, 'yuan')).toBe('−¥310M');
    expect(unitLabel('share')).toContain('share');
  });

  it('counts calendar time from the start month', () => {
    expect(monthLabel('2010-07', 0)).toBe('2010-07');
    expect(monthLabel('2010-07', 6)).toBe('2011-01');
    expect(calendarYear('2010-07', 5)).toBe(2010);
    expect(calendarYear('2010-07', 6)).toBe(2011);
    expect(decimalYear('2010-07', 0)).toBe(2010.5);
    expect(completeYears('2010-07', [0, 41])).toEqual([2011, 2012, 2013]);
    expect(completeYears('2010-07', [0, 3])).toEqual([2010]);
    expect(() => monthLabel('July 2010', 0)).toThrow(/YYYY-MM/);
  });
});
