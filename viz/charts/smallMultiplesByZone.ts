/**
 * One indicator per zone in a grid of small panels, scenarios overlaid in
 * each panel. Each panel has its own value scale (zones differ in size).
 * Every scenario is one `g.series` holding its line in every panel.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { decimalYear, formatValue, unitLabel } from '../format.ts';
import { wordsOf } from './words.ts';
import { bandNote, indicatorDef, replications, series, zoneName, zonesOf } from './data.ts';
import { scenarioStyles } from './palette.ts';
import {
  createFrame,
  drawAxisLabel,
  drawNoData,
  drawTimeAxis,
  COUNT_UNITS,
  unitDomain,
  drawPanelTitle,
  panelGrid,
  seriesGroup,
} from './frame.ts';
import { drawBandLine } from './lines.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';

/** Options of `smallMultiplesByZone`. */
export interface SmallMultiplesOptions extends BaseChartOptions {
  /** Indicator recorded by zone (default "zone_population"). */
  indicator?: string;
  /** Panels per row (default: 2 for up to 4 zones, else 3). */
  columns?: number;
}

const PANEL_MIN_HEIGHT = 112;

/** Small-multiple line charts of one by-zone indicator. */
export function smallMultiplesByZone(document: Document, rows: readonly StatRow[], options: SmallMultiplesOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const def = indicatorDef(meta, options.indicator ?? 'zone_population');
  const styles = scenarioStyles(options.scenarios);
  const zones = zonesOf(rows, def.name, meta);
  const cols = Math.max(1, Math.min(zones.length, options.columns ?? (zones.length <= 4 ? 2 : 3)));
  const gridRows = Math.max(1, Math.ceil(zones.length / cols));
  const data = zones.map((z) => styles.map((s) => series(rows, def.name, z, s.id)));
  const all = data.flat(2);

  const frame = createFrame(document, {
    title: options.title ?? w.byZone(w.indicatorTitle(meta, def.name)),
    subtitle: w.meaning(meta, def.name, def.meaning),
    legend: styles.map((s) => ({ label: s.title, shape: 'line', color: s.color, dash: s.dash, scenario: s.id })),
    notes: [bandNote(replications(all), 'lines', meta) + w.eachPanel],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginLeft: 44,
    marginBottom: 6,
    minPlotHeight: gridRows * PANEL_MIN_HEIGHT,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  drawAxisLabel(g, unitLabel(def.unit, L), plot, 'left', 32);
  if (zones.length === 0) {
    drawNoData(g, plot, w.noData);
    for (const s of styles) seriesGroup(root, s.id);
    return frame.svg;
  }

  const months = all.map((r) => r.month);
  const xDomain: [number, number] = [decimalYear(meta.startMonth, d3.min(months) ?? 0), decimalYear(meta.startMonth, Math.max((d3.max(months) ?? 12), (d3.min(months) ?? 0) + 1))];
  const grid = panelGrid(plot, zones.length, cols, { x: 44, y: 12, top: 16, bottom: 20 });
  const panels = zones.map((zone, k) => {
    const { rect } = grid[k]!;
    const x = d3.scaleLinear().domain(xDomain).range([rect.x, rect.x + rect.width]);
    const panel = g.append('g').attr('class', 'panel');
    drawPanelTitle(panel, grid[k]!, zoneName(meta, zone));
    // Each panel's axis rescales to the scenarios shown (viz/charts/rescale.ts).
    const y = drawRescalingAxis(
      panel,
      rect,
      styles.map((s, i) => extentOf(s.id, data[k]![i]!.flatMap((r) => [r.mean, r.q05, r.q95]))),
      { id: `z${k}`, domain: (vs) => unitDomain(vs, def.unit), format: (v, digits) => formatValue(v, def.unit, digits, L), ticks: 3, integer: COUNT_UNITS.includes(def.unit) },
    );
    drawTimeAxis(panel, x, rect, Math.max(2, Math.floor(rect.width / 55)));
    return { x, y };
  });

  styles.forEach((style, i) => {
    const sg = seriesGroup(root, style.id);
    zones.forEach((zone, k) => {
      const p = panels[k]!;
      drawBandLine(sg.append('g').attr('class', 'panel-series').attr('data-zone', zone).attr('data-scale', `z${k}`), data[k]![i]!, {
        x: (m) => p.x(decimalYear(meta.startMonth, m)),
        y: p.y,
        style,
        def,
        startMonth: meta.startMonth,
        where: zoneName(meta, zone),
        locale: L,
        strokeWidth: 1.6,
        markerRadius: 2,
      });
    });
  });
  return frame.svg;
}
