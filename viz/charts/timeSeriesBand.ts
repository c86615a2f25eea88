/**
 * One indicator over time, every scenario on shared axes: mean line and
 * 5–95% band across replications per scenario.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { decimalYear, formatValue, unitLabel } from '../format.ts';
import { wordsOf } from './words.ts';
import { bandNote, indicatorDef, replications, series, zoneName } from './data.ts';
import { scenarioStyles } from './palette.ts';
import { allZero, createFrame, drawAxisLabel, drawNoData, drawNone, drawTimeAxis, drawValueAxis, seriesGroup, unitDomain, COUNT_UNITS } from './frame.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';
import { drawBandLine } from './lines.ts';

/** Options of `timeSeriesBand`. */
export interface TimeSeriesOptions extends BaseChartOptions {
  indicator: string;
  /** Zone id (default "all", city-wide). */
  zone?: string;
}

/** Line-and-band chart of `options.indicator` for every scenario. */
export function timeSeriesBand(document: Document, rows: readonly StatRow[], options: TimeSeriesOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const zone = options.zone ?? 'all';
  const def = indicatorDef(meta, options.indicator);
  const styles = scenarioStyles(options.scenarios);
  const data = styles.map((s) => series(rows, def.name, zone, s.id));
  const all = data.flat();
  const frame = createFrame(document, {
    title: options.title ?? `${w.indicatorTitle(meta, def.name)}${zone === 'all' ? '' : ` — ${zoneName(meta, zone)}`}`,
    subtitle: w.meaning(meta, def.name, def.meaning),
    legend: styles.map((s) => ({ label: s.title, shape: 'line', color: s.color, dash: s.dash, scenario: s.id })),
    notes: [bandNote(replications(all), 'lines', meta)],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (all.length === 0) drawNoData(g, plot, w.noData);
  const values = all.flatMap((r) => [r.mean, r.q05, r.q95]);
  const none = allZero(values);
  if (none) drawNone(g, plot, w.none);

  const months = all.map((r) => r.month);
  const m0 = d3.min(months) ?? 0;
  const m1 = d3.max(months) ?? 12;
  const xDomain: [number, number] =
    m1 > m0 ? [decimalYear(meta.startMonth, m0), decimalYear(meta.startMonth, m1)] : [decimalYear(meta.startMonth, m0) - 0.5, decimalYear(meta.startMonth, m0) + 0.5];
  const x = d3.scaleLinear().domain(xDomain).range([plot.x, plot.x + plot.width]);
  const format = (v: number, digits?: number) => formatValue(v, def.unit, digits, L);
  const integer = COUNT_UNITS.includes(def.unit);
  // Hiding a scenario rescales the axis to the others (viz/charts/rescale.ts).
  const y = none
    ? d3.scaleLinear().domain([0, 1]).range([plot.y + plot.height, plot.y])
    : drawRescalingAxis(
        g,
        plot,
        styles.map((s, i) => extentOf(s.id, data[i]!.flatMap((r) => [r.mean, r.q05, r.q95]))),
        { id: 'y', domain: (vs) => unitDomain(vs, def.unit), format, integer },
      );
  if (none) drawValueAxis(g, y, plot, format, { integer });
  drawTimeAxis(g, x, plot);
  drawAxisLabel(g, unitLabel(def.unit, L), plot, 'left', 52);

  if (!none) styles.forEach((style, i) => {
    drawBandLine(seriesGroup(root, style.id).attr('data-scale', 'y'), data[i]!, {
      x: (m) => x(decimalYear(meta.startMonth, m)),
      y,
      style,
      def,
      startMonth: meta.startMonth,
      locale: L,
    });
  });
  return frame.svg;
}
