/**
 * Migration per calendar year: arrivals as bars above zero, departures as
 * bars below zero, net migration as a marker, grouped by scenario.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { formatDifference, formatValue, formatWithUnit, unitLabel } from '../format.ts';
import { wordsOf } from './words.ts';
import { completeYears, monthRange, yearlyTotals } from './data.ts';
import { SHADES, scenarioStyles } from './palette.ts';
import { createFrame, drawAxisLabel, drawBandAxis, drawNoData, px, seriesGroup, tip, valueDomain } from './frame.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';

/** Options of `arrivalsDepartures`. */
export interface ArrivalsDeparturesOptions extends BaseChartOptions {
  /** The run's first and last month (default: the range of `rows`). */
  monthRange?: [number, number];
}

/** Mirrored bars of yearly arrivals (up) and departures (down) per scenario. */
export function arrivalsDepartures(document: Document, rows: readonly StatRow[], options: ArrivalsDeparturesOptions): SVGSVGElement {
  const { meta } = options;
  const wd = wordsOf(meta);
  const L = wd.locale;
  const styles = scenarioStyles(options.scenarios);
  const range = options.monthRange ?? monthRange(rows) ?? [0, 0];
  const years = rows.some((r) => r.indicator === 'arrivals' || r.indicator === 'departures') ? completeYears(meta.startMonth, range) : [];
  const arrivals = styles.map((s) => yearlyTotals(rows, 'arrivals', s.id, meta.startMonth, years));
  const departures = styles.map((s) => yearlyTotals(rows, 'departures', s.id, meta.startMonth, years));

  const frame = createFrame(document, {
    title: options.title ?? wd.migrationTitle,
    subtitle: wd.migrationSubtitle,
    legend: [
      ...styles.map((s) => ({ label: s.title, shape: 'rect' as const, color: s.color, scenario: s.id })),
      { label: wd.arrivals, shape: 'rect', color: SHADES[0] },
      { label: wd.departures, shape: 'rect', color: SHADES[2] },
    ],
    notes: [wd.migrationNote],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (years.length === 0) drawNoData(g, plot, wd.noData);

  const x0 = d3.scaleBand<string>().domain(years.map(String)).range([plot.x, plot.x + plot.width]).paddingInner(0.2).paddingOuter(0.1);
  const x1 = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([0, x0.bandwidth()]).padding(0.06);
  // Hiding a scenario rescales the axis to the others (viz/charts/rescale.ts).
  const extents = styles.map((s, i) => extentOf(s.id, [...arrivals[i]!.values(), ...[...departures[i]!.values()].map((v) => -v)]));
  const y = drawRescalingAxis(g, plot, extents, { id: 'y', domain: (vs) => valueDomain(vs, true), format: (v, digits) => formatValue(Math.abs(v), 'persons', digits, L), integer: true });
  drawAxisLabel(g, wd.perYear(unitLabel('persons', L)), plot, 'left', 52);
  drawBandAxis(g, x0, plot, (k) => k);
  styles.forEach((style, i) => {
    const sg = seriesGroup(root, style.id).attr('data-scale', 'y');
    for (const year of years) {
      const a = arrivals[i]!.get(year) ?? 0;
      const d = departures[i]!.get(year) ?? 0;
      const left = (x0(String(year)) ?? 0) + (x1(style.id) ?? 0);
      const w = x1.bandwidth();
      tip(
        sg.append('rect').attr('class', 'mark bar arrivals').attr('x', px(left)).attr('y', px(y(Math.max(0, a)))).attr('width', px(w)).attr('height', px(Math.abs(y(a) - y(0)))).attr('fill', style.color),
        wd.arrivedTip(style.title, year, formatWithUnit(a, 'persons', 4, L)),
      );
      tip(
        sg.append('rect').attr('class', 'mark bar departures').attr('x', px(left)).attr('y', px(y(0))).attr('width', px(w)).attr('height', px(Math.abs(y(-d) - y(0)))).attr('fill', style.tint).attr('stroke', style.color).attr('stroke-width', 0.8),
        wd.leftTip(style.title, year, formatWithUnit(d, 'persons', 4, L)),
      );
      const cx = left + w / 2;
      const cy = y(a - d);
      const s = Math.min(4, w / 2);
      tip(
        sg.append('path').attr('class', 'mark net').attr('data-cy', px(cy)).attr('d', `M${px(cx)},${px(cy - s)}L${px(cx + s)},${px(cy)}L${px(cx)},${px(cy + s)}L${px(cx - s)},${px(cy)}Z`).attr('fill', '#ffffff').attr('stroke', '#111111').attr('stroke-width', 1.2),
        wd.netTip(style.title, year, formatDifference(a - d, 'persons', 4, L)),
      );
    }
  });
  return frame.svg;
}
