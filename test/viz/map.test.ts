/**
 * The zone map (viz/charts/map.ts) on hand-made statistics over real shipped
 * boundaries: one path per zone and panel, fills from the values (higher
 * value = darker), every month's fill and value text stored, setMapMonthIndex
 * switching to them, cumulative flows summed, B − A panels, escaping of zone
 * names, same bytes twice, and the report's map section (viz/publish/maps.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { makeDocument } from '../../viz/dom.ts';
import { MAP_LAYERS, mapLayers, NO_VALUE_FILL, setMapMonthIndex, setMonth, zoneMap, type MapLayer } from '../../viz/charts/map.ts';
import { serializeSvg } from '../../viz/charts/serialize.ts';
import type { ZoneTopology } from '../../viz/charts/geo.ts';
import { renderZoneMaps } from '../../viz/publish/maps.ts';
import { renderReport } from '../../viz/report.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { ChartMeta, StatRow } from '../../viz/types.ts';

const geo = JSON.parse(readFileSync('scenarios/geo/beijing-2013.topo.json', 'utf8')) as ZoneTopology;
const ZONES = ['capital_core', 'core_four', 'rest'];
const layer = (key: string): MapLayer => MAP_LAYERS.find((l) => l.key === key)!;
const row = (scenario: string, month: number, indicator: string, zone: string, mean: number): StatRow => ({ scenario, month, indicator, zone, mean, median: mean, q05: mean, q95: mean, n: 1 });
const meta: ChartMeta = {
  indicators: INDICATORS,
  startMonth: '2013-12',
  zones: [
    { id: 'capital_core', name: 'Capital <script>alert(1)</script>', areaKm2: 92.4 },
    { id: 'core_four', name: 'Core four', areaKm2: 1291.7 },
    { id: 'rest', name: 'Rest', areaKm2: 15026 },
  ],
  sources: ['hand-made'],
};
/** Population: capital 1, core_four 3, rest 2 (millions) at month 0; in month 1 the capital overtakes everyone (5). */
function rows(): StatRow[] {
  const out: StatRow[] = [];
  const pop = [
    [1e6, 3e6, 2e6],
    [5e6, 3e6, 2e6],
    [5e6, 3e6, 2e6],
  ];
  for (let m = 0; m < 3; m++) {
    ZONES.forEach((z, i) => {
      out.push(row('A', m, 'zone_population', z, pop[m]![i]!));
      out.push(row('B', m, 'zone_population', z, pop[m]![i]! + (i === 2 ? 1e5 * m : 0)));
      out.push(row('A', m, 'settlements', z, m === 0 ? 999 : 10 * (i + 1)));
      out.push(row('B', m, 'settlements', z, m === 0 ? 999 : 20 * (i + 1)));
    });
    out.push(row('A', m, 'zone_population', 'all', 6e6));
  }
  return out;
}
const scenarios = [
  { id: 'A', title: 'Baseline' },
  { id: 'B', title: 'Reform' },
];
const lightness = (c: string) => d3.lab(c).l;
const fills = (svg: Element, panel: string) => Object.fromEntries([...svg.querySelectorAll(`g[data-panel="${panel}"] path.zone-shape`)].map((p) => [p.getAttribute('data-zone'), p.getAttribute('fill')!]));
const titles = (svg: Element, panel: string) => Object.fromEntries([...svg.querySelectorAll(`g[data-panel="${panel}"] path.zone-shape`)].map((p) => [p.getAttribute('data-zone'), p.querySelector('title')!.textContent]));

describe('zoneMap', () => {
  it('offers the layers recorded by zone only', () => {
    expect(mapLayers(rows()).map((l) => l.key)).toEqual(['residents', 'settlements']);
  });

  it('draws one path per zone in a level panel and a B − A panel, darker where the value is higher', () => {
    const svg = zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents'), month: 0 });
    expect([...svg.querySelectorAll('g[data-panel="level"] path.zone-shape')].map((p) => p.getAttribute('data-zone'))).toEqual(ZONES);
    expect([...svg.querySelectorAll('g[data-panel="difference"] path.zone-shape')].map((p) => p.getAttribute('data-zone'))).toEqual(ZONES);
    const f = fills(svg, 'level');
    // Month 0: core_four (3M) darker than rest (2M) darker than the capital (1M).
    expect(lightness(f.core_four!)).toBeLessThan(lightness(f.rest!));
    expect(lightness(f.rest!)).toBeLessThan(lightness(f.capital_core!));
    expect(svg.getAttribute('data-months')).toBe('0 1 2');
    expect(svg.querySelector('text.map-month')!.textContent).toBe('2013-12');
  });

  it('stores every month and switches to it: the capital becomes the darkest in month 1', () => {
    const svg = zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents'), month: 0 });
    const before = fills(svg, 'level');
    setMapMonthIndex(svg, 1);
    const after = fills(svg, 'level');
    expect(after.capital_core).not.toBe(before.capital_core);
    expect(lightness(after.capital_core!)).toBeLessThan(lightness(after.core_four!));
    expect(after.rest).toBe(before.rest);
    expect(svg.getAttribute('data-month')).toBe('1');
    expect(svg.querySelector('text.map-month')!.textContent).toBe('2014-01');
    expect(titles(svg, 'level').capital_core).toBe('Capital <script>alert(1)</script>: 5M persons (2014-01)');
    setMonth(svg, 0);
    expect(fills(svg, 'level')).toEqual(before);
  });

  it('shows B − A on a diverging scale: zero is neutral, a gain is red', () => {
    const svg = zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents') });
    const d = fills(svg, 'difference');
    expect(titles(svg, 'difference').rest).toBe('Rest: +200k persons (2014-02)');
    expect(titles(svg, 'difference').core_four).toBe('Core four: ±0 persons (2014-02)');
    const red = d3.rgb(d.rest!);
    expect(red.r).toBeGreaterThan(red.b);
    const zero = d3.rgb(d.core_four!);
    expect(Math.abs(zero.r - zero.b)).toBeLessThan(16);
  });

  it('sums a flow from month 1 to the month shown (month 0 is not a month of the run)', () => {
    const svg = zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('settlements') });
    expect(titles(svg, 'level').rest).toBe('Rest: 60 persons (2014-02)');
    expect(titles(svg, 'difference').rest).toBe('Rest: +60 persons (2014-02)');
  });

  it('fills a zone without a value grey', () => {
    const r = rows().filter((x) => !(x.zone === 'rest' && x.month === 2));
    const svg = zoneMap(makeDocument(), r, { scenarios: [scenarios[0]!], meta, geo, layer: layer('residents') });
    expect(fills(svg, 'level').rest).toBe(NO_VALUE_FILL);
    expect(svg.querySelectorAll('g[data-panel="difference"]').length).toBe(0);
  });

  it('is the same bytes twice and escapes zone names', () => {
    const a = serializeSvg(zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents') }));
    const b = serializeSvg(zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents') }));
    expect(a).toBe(b);
    expect(a).not.toContain('<script');
    expect(a).toContain('Capital &lt;script&gt;');
  });
});

describe('the report section', () => {
  const city = { name: 'Beijing 北京', zones: ZONES.map((id) => ({ id })) };

  it('draws a map per layer for a shipped city, at the last month, and none for an unknown city', () => {
    const maps = renderZoneMaps(rows(), scenarios, meta, { city });
    expect(maps?.maps.map((m) => m.name)).toEqual(['map-residents', 'map-settlements']);
    expect(maps?.initial).toBe(2);
    expect(renderZoneMaps(rows(), scenarios, meta, { city: { name: 'Atlantis', zones: ZONES.map((id) => ({ id })) } })).toBeUndefined();
  });

  it('puts the maps, the hidden slider and the script in report.html only when there are maps', () => {
    const base = { title: 't', scenarios, meta, differences: [], charts: [], manifest: {}, command: 'x' };
    const maps = renderZoneMaps(rows(), scenarios, meta, { city })!;
    const html = renderReport({ ...base, maps });
    expect(html).toContain('<section id="zone-maps">');
    expect(html).toMatch(/<div class="map-controls" hidden><label>Month <input type="range" class="map-slider" min="0" max="2" step="1" value="2"/);
    expect((html.match(/class="chart zone-map"/g) ?? []).length).toBe(2);
    expect(renderReport(base)).not.toContain('zone-map');
  });
});

describe('the zone map in 中文', () => {
  it('writes the colour ramps\' ticks in 万, level and B − A alike, with no Latin unit letters (4M, 6M)', () => {
    const zh = zoneMap(makeDocument(), rows(), { scenarios, meta: { ...meta, lang: 'zh' }, geo, layer: layer('residents'), month: 0 });
    const ticks = [...zh.querySelectorAll('g.map-legend text:not(.map-unit)')].map((t) => t.textContent ?? '');
    expect(ticks.length).toBeGreaterThan(4);
    expect(ticks.filter((t) => t.includes('万')).length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).not.toMatch(/[A-Za-z]/);
    // The same map in English keeps its M and k.
    const en = zoneMap(makeDocument(), rows(), { scenarios, meta, geo, layer: layer('residents'), month: 0 });
    expect([...en.querySelectorAll('g.map-legend text:not(.map-unit)')].some((t) => /\dM$/.test(t.textContent ?? ''))).toBe(true);
  });
});

