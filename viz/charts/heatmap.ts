/**
 * The interaction heatmap of a sweep: for two swept parameters, one cell per
 * pair of their values (or of their bins, as in `parameterEffect`), coloured
 * by the mean of one indicator over the runs in it (across seeds and the
 * other parameters' values). Under the colours each cell shows its mean and
 * its interaction: the cell's mean minus what the two main effects alone
 * predict (row mean + column mean − overall mean). Zero everywhere means the
 * parameters act additively; the subtitle gives the largest interaction
 * against the spread of the cells.
 */
import * as d3 from 'd3';
import type { IndicatorDef } from '../types.ts';
import { formatDifference, formatValue, formatWithUnit, humanize, unitLabel } from '../format.ts';
import { createFrame, drawAxisLabel, drawNoData, fitText, px, seriesGroup, tip, unitDomain } from './frame.ts';
import { parameterEffect, type SweepChartData } from './sweep.ts';

/** One cell: its groups' labels and positions, mean, interaction and number of runs. */
export interface HeatCell {
  i: number;
  j: number;
  mean: number;
  interaction: number;
  n: number;
}

/** The cells of parameters `a` × `b` for `indicator`, with the row and column labels. */
export function interactionCells(data: SweepChartData, a: number, b: number, indicator: string): { rows: string[]; cols: string[]; cells: HeatCell[] } {
  const ga = parameterEffect(data, a, indicator);
  const gb = parameterEffect(data, b, indicator);
  // Which group of a parameter a run falls in: the same rule as parameterEffect (value, or bin by rank).
  const member = (j: number, groups: ReturnType<typeof parameterEffect>) => {
    const distinct = [...new Set(data.runs.map((r) => r.params[j]!))];
    const numeric = distinct.every((v) => typeof v === 'number');
    const out = new Map<number, number>();
    if (!numeric) {
      const order = distinct.map(String);
      for (const r of data.runs) out.set(r.run, order.indexOf(String(r.params[j])));
      return out;
    }
    const sorted = (distinct as number[]).sort((x, y) => x - y);
    if (sorted.length === groups.length) {
      for (const r of data.runs) out.set(r.run, sorted.indexOf(r.params[j] as number));
      return out;
    }
    const byValue = [...data.runs].sort((x, y) => (x.params[j] as number) - (y.params[j] as number) || x.run - y.run);
    const bins = groups.length;
    byValue.forEach((r, k) => out.set(r.run, Math.min(bins - 1, Math.floor((k * bins) / byValue.length))));
    return out;
  };
  const ma = member(a, ga);
  const mb = member(b, gb);
  const sum = new Map<string, { s: number; n: number }>();
  let total = 0;
  let count = 0;
  for (const r of data.runs) {
    const v = r.values[indicator];
    if (v === undefined || !Number.isFinite(v)) continue;
    const key = `${ma.get(r.run)}|${mb.get(r.run)}`;
    const c = sum.get(key) ?? { s: 0, n: 0 };
    c.s += v;
    c.n += 1;
    sum.set(key, c);
    total += v;
    count += 1;
  }
  const overall = count > 0 ? total / count : NaN;
  const cells: HeatCell[] = [];
  for (let i = 0; i < ga.length; i++) {
    for (let j = 0; j < gb.length; j++) {
      const c = sum.get(`${i}|${j}`);
      if (!c) continue;
      const mean = c.s / c.n;
      cells.push({ i, j, mean, interaction: mean - (ga[i]!.mean + gb[j]!.mean - overall), n: c.n });
    }
  }
  return { rows: ga.map((g) => g.label), cols: gb.map((g) => g.label), cells };
}

/** Options of `sweepHeatmap`. */
export interface SweepHeatmapOptions {
  /** Parameter on the rows (y) and on the columns (x). */
  a: number;
  b: number;
  indicator: string;
  width?: number;
}

/** The interaction heatmap of parameters `a` (rows) × `b` (columns) for one indicator. */
export function sweepHeatmap(document: Document, data: SweepChartData, options: SweepHeatmapOptions): SVGSVGElement {
  const def: IndicatorDef | undefined = data.indicators.find((d) => d.name === options.indicator);
  if (!def) throw new Error(`sweepHeatmap: indicator ${options.indicator} is not in the sweep`);
  const pa = data.parameters[options.a]!;
  const pb = data.parameters[options.b]!;
  const { rows, cols, cells } = interactionCells(data, options.a, options.b, def.name);
  const spread = cells.length > 0 ? Math.max(...cells.map((c) => c.mean)) - Math.min(...cells.map((c) => c.mean)) : 0;
  const worst = cells.reduce((m, c) => (Math.abs(c.interaction) > Math.abs(m) ? c.interaction : m), 0);
  const labelWidth = 130;
  const frame = createFrame(document, {
    title: `${humanize(def.name)}: ${pa.label} × ${pb.label}`,
    subtitle:
      cells.length > 0
        ? `Largest interaction ${formatDifference(worst, def.unit)} against a spread of ${formatWithUnit(spread, def.unit)} across cells${spread > 0 && Math.abs(worst) < 0.05 * spread ? ' — nearly additive' : ''}`
        : def.meaning,
    legend: [],
    notes: [
      `Cells: mean of ${humanize(def.name)} (${unitLabel(def.unit)}) over the runs with these two values, across seeds and the other parameters, at ${data.monthLabel}; colour from low (light) to high (dark). Second line: interaction, the cell minus row mean + column mean − overall mean (0 = the two parameters add up).`,
    ],
    sources: data.sources,
    width: options.width,
    marginLeft: labelWidth + 24,
    marginBottom: 44,
    minPlotHeight: Math.max(1, rows.length) * 40,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (cells.length === 0) {
    drawNoData(g, plot);
    return frame.svg;
  }
  const x = d3.scaleBand<number>().domain(cols.map((_, j) => j)).range([plot.x, plot.x + plot.width]).padding(0.04);
  const y = d3.scaleBand<number>().domain(rows.map((_, i) => i)).range([plot.y, plot.y + plot.height]).padding(0.04);
  // Colour domain by unit (shares within 0–100%, counts from 0), as the value axes of the other charts.
  const [lo, hi] = d3.extent(cells.map((c) => c.mean)) as [number, number];
  const dom = hi > lo ? [lo, hi] : unitDomain([lo, hi], def.unit);
  const colour = d3.scaleSequential(d3.interpolateBlues).domain([dom[0]!, dom[1]!]);
  const series = seriesGroup(root, data.id);
  for (const c of cells) {
    const fill = colour(c.mean);
    const dark = d3.hsl(fill).l < 0.55;
    const cg = series.append('g').attr('class', 'mark cell').attr('data-row', String(c.i)).attr('data-col', String(c.j));
    cg.append('rect').attr('x', px(x(c.j)!)).attr('y', px(y(c.i)!)).attr('width', px(x.bandwidth())).attr('height', px(y.bandwidth())).attr('fill', fill);
    const cx = px(x(c.j)! + x.bandwidth() / 2);
    const cy = y(c.i)! + y.bandwidth() / 2;
    const ink = dark ? '#ffffff' : '#111827';
    cg.append('text').attr('x', cx).attr('y', px(cy - 1)).attr('text-anchor', 'middle').attr('font-size', 10.5).attr('fill', ink).text(fitText(formatValue(c.mean, def.unit, 4), x.bandwidth() - 4, 10.5));
    cg.append('text').attr('class', 'interaction').attr('x', cx).attr('y', px(cy + 11)).attr('text-anchor', 'middle').attr('font-size', 9).attr('fill', ink).text(fitText(formatDifference(c.interaction, def.unit), x.bandwidth() - 4, 9));
    tip(cg, `${pa.label} ${rows[c.i]}, ${pb.label} ${cols[c.j]}: ${formatWithUnit(c.mean, def.unit, 4)}; interaction ${formatDifference(c.interaction, def.unit, 3)} (n = ${c.n})`);
  }
  rows.forEach((r, i) => {
    g.append('text').attr('class', 'row-label').attr('x', plot.x - 6).attr('y', px(y(i)! + y.bandwidth() / 2 + 4)).attr('text-anchor', 'end').attr('font-size', 10).text(fitText(r, labelWidth, 10));
  });
  cols.forEach((c, j) => {
    g.append('text').attr('class', 'col-label').attr('x', px(x(j)! + x.bandwidth() / 2)).attr('y', px(plot.y + plot.height + 14)).attr('text-anchor', 'middle').attr('font-size', 10).text(fitText(c, x.bandwidth(), 10));
  });
  drawAxisLabel(g, pb.label, plot, 'bottom', 32);
  drawAxisLabel(g, pa.label, plot, 'left', labelWidth + 10);
  return frame.svg;
}
