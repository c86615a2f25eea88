/**
 * Resident population by hukou status over time, stacked: local-hukou
 * residents at the bottom, non-hukou residents (residents − hukou_residents)
 * on top; one panel per scenario on a shared scale.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { decimalYear, formatValue, formatWithUnit, monthLabel, unitLabel } from '../format.ts';
import { wordsOf, type ChartWords } from './words.ts';
import { indicatorDef, replications, series } from './data.ts';
import { SHADES, scenarioStyles, type ScenarioStyle } from './palette.ts';
import {
  INK,
  createFrame,
  drawAxisLabel,
  drawNoData,
  drawPanelTitle,
  drawTimeAxis,
  COUNT_UNITS,
  panelGrid,
  px,
  seriesGroup,
  tip,
  type Sel,
} from './frame.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';

/** Options of `stackedHukou`. */
export interface StackedHukouOptions extends BaseChartOptions {
  /** Panels per row (default up to 3). */
  columns?: number;
}

interface Point {
  month: number;
  total: number;
  hukou: number;
}

/** Join residents and hukou_residents of one scenario by month. */
function points(rows: readonly StatRow[], scenario: string): Point[] {
  const hukou = new Map(series(rows, 'hukou_residents', 'all', scenario).map((r) => [r.month, r.mean]));
  return series(rows, 'residents', 'all', scenario)
    .filter((r) => hukou.has(r.month) && Number.isFinite(r.mean) && Number.isFinite(hukou.get(r.month)!))
    .map((r) => ({ month: r.month, total: r.mean, hukou: Math.min(hukou.get(r.month)!, r.mean) }));
}

/** Stacked-area panels of hukou and non-hukou residents, one per scenario. */
export function stackedHukou(document: Document, rows: readonly StatRow[], options: StackedHukouOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const def = indicatorDef(meta, 'residents');
  const styles = scenarioStyles(options.scenarios);
  const data = styles.map((s) => points(rows, s.id));
  const all = data.flat();
  const cols = Math.max(1, Math.min(styles.length, options.columns ?? 3));
  const gridRows = Math.ceil(styles.length / cols);
  const n = replications(rows.filter((r) => r.indicator === 'residents'));

  const frame = createFrame(document, {
    title: options.title ?? w.hukouTitle,
    subtitle: w.hukouSubtitle,
    legend: [
      ...styles.map((s) => ({ label: s.title, shape: 'line' as const, color: s.color, dash: s.dash, scenario: s.id })),
      { label: w.localHukou, shape: 'rect', color: SHADES[0] },
      { label: w.nonHukou, shape: 'rect', color: SHADES[2] },
    ],
    notes: [w.areasNote(n)],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginLeft: 58,
    marginBottom: 6,
    minPlotHeight: gridRows * 130,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  drawAxisLabel(g, unitLabel(def.unit, L), plot, 'left', 46);
  if (all.length === 0) drawNoData(g, plot, w.noData);

  const m0 = d3.min(all, (p) => p.month) ?? 0;
  const m1 = Math.max(d3.max(all, (p) => p.month) ?? 12, m0 + 1);
  const extents = styles.map((s, i) => extentOf(s.id, data[i]!.map((p) => p.total)));
  const grid = panelGrid(plot, styles.length, cols, { x: 40, y: 12, top: 18, bottom: 20 });

  styles.forEach((style, i) => {
    const panel = grid[i]!;
    const { rect } = panel;
    const x = d3.scaleLinear().domain([decimalYear(meta.startMonth, m0), decimalYear(meta.startMonth, m1)]).range([rect.x, rect.x + rect.width]);
    const pg = g.append('g').attr('class', 'panel');
    drawPanelTitle(pg, panel, style.title, style.color);
    // The panels share one scale, which rescales to the scenarios shown (viz/charts/rescale.ts).
    const y = drawRescalingAxis(pg, rect, extents, {
      id: `p${i}`,
      domain: (vs) => d3.scaleLinear().domain([0, d3.max(vs) ?? 1]).nice().domain() as [number, number],
      format: (v, digits) => formatValue(v, def.unit, digits, L),
      ticks: 4,
      integer: COUNT_UNITS.includes(def.unit),
    });
    drawTimeAxis(pg, x, rect, Math.max(2, Math.floor(rect.width / 55)));
    drawStack(seriesGroup(root, style.id).attr('data-scale', `p${i}`), data[i]!, style, (m) => x(decimalYear(meta.startMonth, m)), y, meta.startMonth, w);
  });
  return frame.svg;
}

/** The two areas, the total line, direct labels and yearly hover markers of one scenario. */
function drawStack(
  g: Sel<SVGGElement>,
  pts: Point[],
  style: ScenarioStyle,
  x: (month: number) => number,
  y: d3.ScaleLinear<number, number>,
  startMonth: string,
  w: ChartWords,
): void {
  if (pts.length === 0) return;
  const L = w.locale;
  const fw = (v: number, digits?: number) => formatWithUnit(v, 'persons', digits, L);
  const lower = d3.area<Point>().x((p) => x(p.month)).y0(y(0)).y1((p) => y(p.hukou)).digits(2);
  const upper = d3.area<Point>().x((p) => x(p.month)).y0((p) => y(p.hukou)).y1((p) => y(p.total)).digits(2);
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const share = (p: Point) => (p.total > 0 ? `${((100 * p.hukou) / p.total).toFixed(1)}%` : '–');
  tip(
    g.append('path').attr('class', 'mark area hukou').attr('d', lower(pts)).attr('fill', style.color),
    w.hukouTip(style.title, fw(first.hukou), fw(last.hukou)),
  );
  tip(
    g.append('path').attr('class', 'mark area nonhukou').attr('d', upper(pts)).attr('fill', style.tint),
    w.nonHukouTip(style.title, fw(first.total - first.hukou), fw(last.total - last.hukou)),
  );
  g.append('path')
    .attr('class', 'mark line')
    .attr('d', d3.line<Point>().x((p) => x(p.month)).y((p) => y(p.total)).digits(2)(pts))
    .attr('fill', 'none')
    .attr('stroke', style.color)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', style.dash || null);

  // Direct labels inside the areas at the right end, when there is room.
  const lx = x(last.month) - 4;
  const onDark = d3.hsl(style.color).l < 0.55 ? '#ffffff' : INK;
  if (y(0) - y(last.hukou) > 16) {
    g.append('text').attr('class', 'area-label').attr('x', px(lx)).attr('y', px((y(0) + y(last.hukou)) / 2 + 4)).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', onDark).text(L === 'zh' ? '户籍' : 'hukou');
  }
  if (y(last.hukou) - y(last.total) > 16) {
    g.append('text').attr('class', 'area-label').attr('x', px(lx)).attr('y', px((y(last.hukou) + y(last.total)) / 2 + 4)).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', INK).text(w.nonHukou);
  }

  const marked = pts.length <= 40 ? pts : pts.filter((_, k) => (pts.length - 1 - k) % 12 === 0);
  for (const p of marked) {
    const c = g.append('circle').attr('class', 'mark point').attr('cx', px(x(p.month))).attr('cy', px(y(p.total))).attr('r', 2).attr('fill', '#ffffff').attr('stroke', style.color).attr('stroke-width', 1.2);
    tip(c, w.hukouPointTip(style.title, monthLabel(startMonth, p.month), fw(p.total, 4), fw(p.hukou, 4), share(p), fw(p.total - p.hukou, 4)));
  }
}
