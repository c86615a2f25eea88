/**
 * Zone maps: a choropleth of one by-zone indicator (residents, density,
 * hukou share, rent, settlements) on the city's zone boundaries
 * (scenarios/geo/, drawn with d3-geo), one panel for the first scenario and,
 * in a comparison, one "B − A" panel per other scenario on a diverging
 * scale. Every month's fill and value text is precomputed into the paths'
 * data attributes, so the SVG is complete and static for its initial month
 * (the last, unless told) and `setMapMonth` (or the report's inline script,
 * viz/mapAssets.ts) changes the month without redrawing. Text from input
 * files (zone names, titles) goes in with `.text()` / attributes only.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, IndicatorDef, StatRow } from '../types.ts';
import { formatDifference, formatValue, formatWithUnit, monthLabel, unitLabel, type Locale } from '../format.ts';
import { indicatorDef, zoneName } from './data.ts';
import { createFrame, drawNoData, drawPanelTitle, MUTED, panelGrid, px, translate, type Sel } from './frame.ts';
import { zoneFeatures, type ZoneTopology } from './geo.ts';

/** One map layer: the by-zone indicator it shows; `cumulative` layers sum a flow from month 1 to the month shown. */
export interface MapLayer {
  key: string;
  indicator: string;
  title: string;
  cumulative?: boolean;
}

/** The map layers, in menu order. A layer is offered only when its indicator is recorded by zone. */
export const MAP_LAYERS: readonly MapLayer[] = [
  { key: 'residents', indicator: 'zone_population', title: 'Residents' },
  { key: 'density', indicator: 'zone_density', title: 'Density' },
  { key: 'hukou_share', indicator: 'zone_hukou_share', title: 'Hukou share' },
  { key: 'rent', indicator: 'mean_rent', title: 'Mean rent' },
  { key: 'settlements', indicator: 'settlements', title: 'Settlements since the start', cumulative: true },
];

/** The layers whose indicator has rows for at least one zone (not only "all"). */
export function mapLayers(rows: readonly StatRow[]): MapLayer[] {
  const present = new Set<string>();
  for (const r of rows) if (r.zone !== 'all') present.add(r.indicator);
  return MAP_LAYERS.filter((l) => present.has(l.indicator));
}

/** Options of `zoneMap`. */
export interface ZoneMapOptions extends BaseChartOptions {
  geo: ZoneTopology;
  layer: MapLayer;
  /** Month shown in the static SVG (default: the last month with rows). */
  month?: number;
  /** Overrides the subtitle (default: the indicator's meaning) and the caption notes (e.g. in another language). */
  subtitle?: string;
  notes?: string[];
  /** Overrides the unit words under the colour ramps (default: unitLabel of the indicator's unit; differences get "difference, " before it). */
  unitText?: { level: string; difference: string };
}

/** Fill of a zone without a value in the month shown. */
export const NO_VALUE_FILL = '#e6e6e6';
const SEQUENTIAL = d3.interpolateYlGnBu;
const DIVERGING = (t: number) => d3.interpolateRdBu(1 - t); // red = B above A
const LEGEND_H = 46;

/** The months (sorted) with a row of `indicator` for a zone. */
function monthsOf(rows: readonly StatRow[], indicator: string): number[] {
  const s = new Set<number>();
  for (const r of rows) if (r.indicator === indicator && r.zone !== 'all') s.add(r.month);
  return [...s].sort((a, b) => a - b);
}

/** value[zone][k] for each month k of `months`: the mean, or the running sum over months ≥ 1 for a cumulative layer. */
function zoneValues(rows: readonly StatRow[], layer: MapLayer, scenario: string, zones: readonly string[], months: readonly number[]): number[][] {
  const at = new Map<string, number>();
  for (const r of rows) if (r.indicator === layer.indicator && r.scenario === scenario && r.zone !== 'all') at.set(`${r.zone}\n${r.month}`, r.mean);
  return zones.map((z) => {
    let sum = 0;
    return months.map((m) => {
      const v = at.get(`${z}\n${m}`);
      if (!layer.cumulative) return v ?? NaN;
      if (m >= 1 && v !== undefined && Number.isFinite(v)) sum += v;
      return at.has(`${z}\n${m}`) || sum !== 0 ? sum : NaN;
    });
  });
}

/** A hex colour (deterministic text) from an interpolator. */
const hex = (c: string) => d3.color(c)!.formatHex();

interface PanelData {
  title: string;
  diff: boolean;
  values: number[][];
}

/** A zone's value text: "name: value (YYYY-MM)" (the report's script builds the same). */
export function mapTip(name: string, value: string, month: string): string {
  return `${name}: ${value} (${month})`;
}

/** A signed tick label without the unit (the ramp names it). */
function signed(v: number, unit: IndicatorDef['unit'], L: Locale): string {
  if (unit === 'share') return formatDifference(v, unit, 3, L);
  return (v > 0 ? '+' : v < 0 ? '−' : '') + formatValue(Math.abs(v), unit, 3, L);
}

/** Draw the zone map of one layer. */
export function zoneMap(document: Document, rows: readonly StatRow[], options: ZoneMapOptions): SVGSVGElement {
  const { meta, layer, geo } = options;
  const def: IndicatorDef = indicatorDef(meta, layer.indicator);
  const features = zoneFeatures(geo);
  const zones = features.map((f) => f.id);
  const months = monthsOf(rows, layer.indicator);
  const scenarios = options.scenarios;
  const base = scenarios[0];
  const panels: PanelData[] = [];
  if (base) {
    const a = zoneValues(rows, layer, base.id, zones, months);
    panels.push({ title: base.title, diff: false, values: a });
    for (const s of scenarios.slice(1)) {
      const b = zoneValues(rows, layer, s.id, zones, months);
      panels.push({ title: `${s.title} − ${base.title}`, diff: true, values: b.map((row, i) => row.map((v, k) => v - a[i]![k]!)) });
    }
  }
  const last = months.length - 1;
  let k0 = options.month === undefined ? last : months.findIndex((m) => m >= options.month!);
  if (k0 < 0) k0 = last;

  const cols = Math.max(1, Math.min(panels.length, 3));
  const gridRows = Math.max(1, Math.ceil(panels.length / cols));
  const width = options.width ?? 720;
  const cellW = (width - 32 - 16 * (cols - 1)) / cols;
  // The panel's map height follows the city's shape (Mercator), within bounds.
  const fc: d3.ExtendedFeatureCollection = { type: 'FeatureCollection', features };
  const probe = d3.geoMercator().fitWidth(cellW, fc);
  const [[, y0], [, y1]] = d3.geoPath(probe).bounds(fc);
  const mapH = Math.max(150, Math.min(360, y1 - y0));
  const monthText = months.length > 0 ? monthLabel(meta.startMonth, months[k0]!) : '';

  const frame = createFrame(document, {
    title: options.title ?? `${layer.title} by zone`,
    subtitle: options.subtitle ?? def.meaning,
    legend: [],
    notes: options.notes ?? [
      `Colours: each zone's value in the month shown at the top right (the month slider changes it).${panels.length > 1 ? ' Difference panels: each scenario minus the first, red where it is higher, blue where lower.' : ''}${layer.cumulative ? ' Summed from the first month to the month shown.' : ''}`,
      `Boundaries: ${geo.megasim?.source ?? 'scenarios/geo'}${geo.megasim?.note ? `; ${geo.megasim.note}` : ''}.`,
    ],
    sources: meta.sources,
    ...(meta.lang ? { lang: meta.lang } : {}),
    width,
    height: options.height ?? 120,
    marginLeft: 16,
    marginRight: 16,
    marginBottom: 4,
    minPlotHeight: gridRows * (mapH + 18 + LEGEND_H) + (gridRows - 1) * 12,
  });
  const { root, plot } = frame;
  root.classed('zone-map', true).attr('data-layer', layer.key).attr('data-indicator', layer.indicator);
  root.attr('data-months', months.join(' ')).attr('data-month', months.length > 0 ? String(months[k0]) : null);
  const g = root.append('g').attr('class', 'plot');
  g.append('text')
    .attr('class', 'map-month')
    .attr('x', plot.x + plot.width)
    .attr('y', plot.y - 4)
    .attr('text-anchor', 'end')
    .attr('font-size', 12)
    .attr('font-weight', 600)
    .attr('data-labels', months.map((m) => monthLabel(meta.startMonth, m)).join(' '))
    .text(monthText);
  if (features.length === 0 || months.length === 0 || panels.length === 0) {
    drawNoData(g, plot, features.length === 0 ? 'No zone boundaries' : 'No data by zone');
    return frame.svg;
  }

  const grid = panelGrid(plot, panels.length, cols, { x: 16, y: 12, top: 18, bottom: LEGEND_H });
  // One scale for the level panel, one symmetric scale shared by the difference panels (over all months, so the slider never rescales).
  const level = panels.filter((p) => !p.diff).flatMap((p) => p.values.flat()).filter(Number.isFinite);
  const diffs = panels.filter((p) => p.diff).flatMap((p) => p.values.flat()).filter(Number.isFinite);
  let lo = d3.min(level) ?? 0;
  let hi = d3.max(level) ?? 1;
  if (def.unit === 'share') [lo, hi] = [Math.max(0, lo), Math.min(1, hi)];
  if (!(hi > lo)) [lo, hi] = [lo - (Math.abs(lo) * 0.1 || 1), hi + (Math.abs(hi) * 0.1 || 1)];
  const seq = d3.scaleSequential(SEQUENTIAL).domain([lo, hi]).clamp(true);
  const dmax = Math.max(d3.max(diffs, (v) => Math.abs(v)) ?? 0, Number.EPSILON);
  const div = d3.scaleDiverging(DIVERGING).domain([-dmax, 0, dmax]).clamp(true);

  panels.forEach((panel, p) => {
    const cell = grid[p]!;
    const pg = g.append('g').attr('class', 'map-panel').attr('data-panel', panel.diff ? 'difference' : 'level');
    drawPanelTitle(pg, { ...cell, rect: { ...cell.rect, width: cell.rect.width - 10 } }, panel.title);
    const rect = cell.rect;
    const projection = d3.geoMercator().fitExtent(
      [
        [rect.x + 2, rect.y + 2],
        [rect.x + rect.width - 2, rect.y + rect.height - 2],
      ],
      fc,
    );
    const path = d3.geoPath(projection).digits(1);
    const color = (v: number) => (Number.isFinite(v) ? hex(panel.diff ? div(v) : seq(v)) : NO_VALUE_FILL);
    const L = meta.lang ?? 'en';
    const text = (v: number) => (!Number.isFinite(v) ? (L === 'zh' ? '无数值' : 'no value') : panel.diff ? formatDifference(v, def.unit, 3, L) : formatWithUnit(v, def.unit, 3, L));
    features.forEach((f, i) => {
      const values = panel.values[i]!;
      const name = zoneName(meta, f.id);
      const texts = values.map(text);
      pg.append('path')
        .attr('class', 'zone-shape mark')
        .attr('data-zone', f.id)
        .attr('d', path(f) ?? '')
        .attr('fill', color(values[k0]!))
        .attr('stroke', '#ffffff')
        .attr('stroke-width', 1)
        .attr('stroke-linejoin', 'round')
        .attr('data-name', name)
        .attr('data-fills', values.map(color).join(' '))
        .attr('data-values', texts.join('|'))
        .append('title')
        .text(mapTip(name, texts[k0]!, monthText));
    });
    const unit = options.unitText ? (panel.diff ? options.unitText.difference : options.unitText.level) : panel.diff ? `difference, ${unitLabel(def.unit)}` : unitLabel(def.unit);
    drawRamp(pg, rect, panel.diff ? div : seq, panel.diff ? [-dmax, dmax] : [lo, hi], panel.diff, def, unit, L);
  });
  return frame.svg;
}

/** The colour ramp under a panel, with 3–5 ticks and the unit. */
function drawRamp(parent: Sel<SVGGElement>, rect: { x: number; y: number; width: number; height: number }, scale: (v: number) => string, domain: [number, number], diff: boolean, def: IndicatorDef, unit: string, L: Locale): void {
  const w = Math.min(rect.width - 8, 260);
  const x0 = rect.x + 4;
  const y0 = rect.y + rect.height + 8;
  const x = d3.scaleLinear().domain(domain).range([x0, x0 + w]);
  const lg = parent.append('g').attr('class', 'map-legend');
  const steps = 32;
  for (let i = 0; i < steps; i++) {
    const v = domain[0] + ((i + 0.5) / steps) * (domain[1] - domain[0]);
    lg.append('rect')
      .attr('x', px(x0 + (i * w) / steps))
      .attr('y', y0)
      .attr('width', px(w / steps + 0.3))
      .attr('height', 8)
      .attr('fill', hex(scale(v)));
  }
  for (const t of x.ticks(4)) {
    const tx = x(t);
    lg.append('line').attr('x1', px(tx)).attr('x2', px(tx)).attr('y1', y0 + 8).attr('y2', y0 + 11).attr('stroke', MUTED);
    lg.append('text')
      .attr('x', px(tx))
      .attr('y', y0 + 20)
      .attr('text-anchor', 'middle')
      .attr('font-size', 9)
      .attr('fill', MUTED)
      // Ramp ticks in the chart's language: 万/亿 in 中文 (issue 17).
      .text(diff ? signed(t, def.unit, L) : formatValue(t, def.unit, 3, L));
  }
  lg.append('text')
    .attr('class', 'map-unit')
    .attr('transform', translate(x0, y0 + 32))
    .attr('font-size', 9)
    .attr('fill', MUTED)
    .text(unit);
}

/**
 * Show month index `k` of a drawn map (clamped): sets every zone's fill and
 * value text from its data attributes. DOM only (no d3), for the explorer;
 * the report's inline script does the same (viz/mapAssets.ts).
 */
export function setMapMonthIndex(svg: Element, k: number): void {
  const months = (svg.getAttribute('data-months') ?? '').split(' ').filter((s) => s !== '');
  if (months.length === 0) return;
  const i = Math.max(0, Math.min(months.length - 1, Math.round(k)));
  svg.setAttribute('data-month', months[i]!);
  for (const el of Array.from(svg.querySelectorAll('path.zone-shape'))) {
    const fill = (el.getAttribute('data-fills') ?? '').split(' ')[i];
    if (fill) el.setAttribute('fill', fill);
    const label = (svg.querySelector('text.map-month')?.getAttribute('data-labels') ?? '').split(' ')[i] ?? '';
    const tip = mapTip(el.getAttribute('data-name') ?? '', (el.getAttribute('data-values') ?? '').split('|')[i] ?? '', label);
    const title = el.querySelector('title');
    if (title) title.textContent = tip;
    if (el.hasAttribute('data-tip')) el.setAttribute('data-tip', tip);
    if (el.hasAttribute('aria-label')) el.setAttribute('aria-label', tip);
  }
  const monthEl = svg.querySelector('text.map-month');
  if (monthEl) monthEl.textContent = (monthEl.getAttribute('data-labels') ?? '').split(' ')[i] ?? '';
}

/** Show simulation month `month` (or the last month before it) of a drawn map. */
export function setMonth(svg: Element, month: number): void {
  const months = (svg.getAttribute('data-months') ?? '').split(' ').filter((s) => s !== '').map(Number);
  let k = 0;
  for (let i = 0; i < months.length; i++) if (months[i]! <= month) k = i;
  setMapMonthIndex(svg, k);
}
