/**
 * Drawing one scenario's time series: a 5–95% band, a mean line and point
 * markers carrying tooltips. Shared by the time-series and small-multiple charts.
 */
import * as d3 from 'd3';
import type { IndicatorDef, StatRow } from '../types.ts';
import { formatValue, formatWithUnit, monthLabel, type Locale } from '../format.ts';
import type { ScenarioStyle } from './palette.ts';
import { px, tip, type Sel } from './frame.ts';
import { wordsOf } from './words.ts';

/** Tooltip text of one row: "Scenario — 2015-07: 1.23M persons (5–95%: 1.2M–1.26M, n = 20)". */
export function describeRow(row: StatRow, def: IndicatorDef, scenarioTitle: string, startMonth: string, where = '', locale: Locale = 'en'): string {
  const w = wordsOf({ lang: locale });
  const band = row.n > 1 && row.q95 > row.q05 ? w.band(formatValue(row.q05, def.unit, 4, locale), formatValue(row.q95, def.unit, 4, locale), row.n) : '';
  return `${scenarioTitle}${where ? ` — ${where}` : ''} — ${monthLabel(startMonth, row.month)}: ${formatWithUnit(row.mean, def.unit, 4, locale)}${band}`;
}

/** Options of `drawBandLine`. */
export interface BandLineOptions {
  x: (month: number) => number;
  y: d3.ScaleLinear<number, number>;
  style: ScenarioStyle;
  def: IndicatorDef;
  startMonth: string;
  /** Zone name or other qualifier for tooltips. */
  where?: string;
  strokeWidth?: number;
  markerRadius?: number;
  /** Language of the tooltips' numbers and words (default English). */
  locale?: Locale;
}

/** Draw band (when replications differ), mean line and markers for `rows` (sorted by month) into `g`. */
export function drawBandLine(g: Sel<SVGGElement>, rows: StatRow[], o: BandLineOptions): void {
  const ok = rows.filter((r) => Number.isFinite(r.mean));
  if (ok.length === 0) return;
  const { style, def } = o;
  const hasBand = ok.some((r) => r.q95 > r.q05);
  if (hasBand) {
    const area = d3
      .area<StatRow>()
      .x((r) => o.x(r.month))
      .y0((r) => o.y(Number.isFinite(r.q05) ? r.q05 : r.mean))
      .y1((r) => o.y(Number.isFinite(r.q95) ? r.q95 : r.mean))
      .digits(2);
    g.append('path').attr('class', 'mark band').attr('d', area(ok)).attr('fill', style.color).attr('fill-opacity', 0.16).attr('stroke', 'none');
  }
  const line = d3
    .line<StatRow>()
    .x((r) => o.x(r.month))
    .y((r) => o.y(r.mean))
    .digits(2);
  const first = ok[0]!;
  const last = ok[ok.length - 1]!;
  const path = g
    .append('path')
    .attr('class', 'mark line')
    .attr('d', line(ok))
    .attr('fill', 'none')
    .attr('stroke', style.color)
    .attr('stroke-width', o.strokeWidth ?? 2)
    .attr('stroke-linejoin', 'round')
    .attr('stroke-dasharray', style.dash || null);
  tip(
    path,
    `${style.title}${o.where ? ` — ${o.where}` : ''}: ${formatWithUnit(first.mean, def.unit, 4, o.locale)} (${monthLabel(o.startMonth, first.month)}) → ${formatWithUnit(last.mean, def.unit, 4, o.locale)} (${monthLabel(o.startMonth, last.month)})`,
  );
  // Markers: every point for sparse series, otherwise one a year counted back from the last.
  const marked = ok.length <= 40 ? ok : ok.filter((_, i) => (ok.length - 1 - i) % 12 === 0);
  const r = o.markerRadius ?? 2.6;
  for (const row of marked) {
    const c = g
      .append('circle')
      .attr('class', 'mark point')
      .attr('cx', px(o.x(row.month)))
      .attr('cy', px(o.y(row.mean)))
      .attr('r', r)
      .attr('fill', '#ffffff')
      .attr('stroke', style.color)
      .attr('stroke-width', 1.5);
    tip(c, describeRow(row, def, style.title, o.startMonth, o.where, o.locale));
  }
}
