/**
 * Charts of a parameter sweep (megasim sweep / merge): the effect of one
 * swept parameter on the kept indicators, with the band across seeds, and a
 * tornado chart ranking the parameters by how much each moves one indicator.
 *
 * Data: one value per run (point × seed) of each indicator at one month
 * (the horizon), city-wide. For a parameter, runs are grouped by its value
 * (a grid), or into up to eight bins of equal counts by rank when it takes
 * many values (a Latin hypercube). In a group the line is the mean over runs
 * and the band the 5–95% quantiles over runs: across seeds, and across the
 * other parameters' values when more than one parameter is swept.
 * The tornado bar of a parameter runs from the mean of its lowest group to
 * the mean of its highest (main effect), parameters sorted by size.
 */
import * as d3 from 'd3';
import type { IndicatorDef } from '../types.ts';
import { formatValue, formatWithUnit, humanize, unitLabel } from '../format.ts';
import { scenarioStyles } from './palette.ts';
import { wordsOf } from './words.ts';
import { COUNT_UNITS, createFrame, distinctDigits, drawAxisLabel, drawNoData, drawPanelTitle, drawValueAxis, fitText, panelGrid, px, seriesGroup, styleAxis, tip, translate, unitDomain } from './frame.ts';

/** One run of a sweep: its design point, seed, parameter values and the kept indicators' values. */
export interface SweepRunRow {
  run: number;
  point: number;
  seed: number;
  params: (number | string | boolean)[];
  /** Indicator name → value at the chart month (city-wide). */
  values: Record<string, number>;
}

/** What the sweep charts read. */
export interface SweepChartData {
  id: string;
  title: string;
  parameters: { path: string; label: string }[];
  indicators: IndicatorDef[];
  runs: SweepRunRow[];
  /** Month the values are taken at, and its label (e.g. "2020-07"). */
  month: number;
  monthLabel: string;
  seeds: number;
  sources: string[];
  /** Language of the charts' own words (viz/charts/words.ts); default English. */
  lang?: 'en' | 'zh';
}

/** A group of runs sharing (or binned by) one parameter's value. */
export interface EffectGroup {
  /** Numeric position on the x axis (the value, or the bin's mean value; index for text values). */
  x: number;
  label: string;
  mean: number;
  q05: number;
  q95: number;
  n: number;
}

const MAX_GROUPS = 8;

function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function summarizeGroup(x: number, label: string, values: number[]): EffectGroup {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  return { x, label, mean, q05: quantile(v, 0.05), q95: quantile(v, 0.95), n: v.length };
}

const valueLabel = (v: number | string | boolean) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));

/** Whether parameter `j` takes whole-number values only in every run (years, counts): its axis gets whole-number ticks. */
export function isDiscrete(data: SweepChartData, j: number): boolean {
  return data.runs.length > 0 && data.runs.every((r) => typeof r.params[j] === 'number' && Number.isInteger(r.params[j]));
}

/** Ticks of a parameter axis: the swept values themselves when they are few and not binned (a grid), else nice ticks, whole ones only for a discrete parameter. */
export function parameterTicks(x: d3.ScaleLinear<number, number>, xs: readonly number[], binned: boolean, discrete: boolean, count: number): number[] {
  if (!binned && xs.length <= count) return [...xs];
  const t = x.ticks(count);
  return discrete ? t.filter((v) => Number.isInteger(v)) : t;
}

/** Groups of runs by the value of parameter `j` (binned when it takes more than eight values). */
export function parameterEffect(data: SweepChartData, j: number, indicator: string): EffectGroup[] {
  const runs = data.runs;
  const distinct = [...new Set(runs.map((r) => r.params[j]!))];
  const numeric = distinct.every((v) => typeof v === 'number');
  if (!numeric) {
    const order = distinct.map(String);
    return order.map((v, i) => summarizeGroup(i, v, runs.filter((r) => String(r.params[j]) === v).map((r) => r.values[indicator] ?? NaN)));
  }
  const sortedVals = (distinct as number[]).sort((a, b) => a - b);
  if (sortedVals.length <= MAX_GROUPS) {
    return sortedVals.map((v) => summarizeGroup(v, valueLabel(v), runs.filter((r) => r.params[j] === v).map((r) => r.values[indicator] ?? NaN)));
  }
  // Bins of equal counts by rank of the parameter value.
  const byValue = [...runs].sort((a, b) => (a.params[j] as number) - (b.params[j] as number) || a.run - b.run);
  const groups: EffectGroup[] = [];
  for (let b = 0; b < MAX_GROUPS; b++) {
    const part = byValue.slice(Math.floor((b * byValue.length) / MAX_GROUPS), Math.floor(((b + 1) * byValue.length) / MAX_GROUPS));
    if (part.length === 0) continue;
    const xs = part.map((r) => r.params[j] as number);
    const xm = xs.reduce((a, c) => a + c, 0) / xs.length;
    groups.push(summarizeGroup(xm, `${valueLabel(xs[0]!)}–${valueLabel(xs[xs.length - 1]!)}`, part.map((r) => r.values[indicator] ?? NaN)));
  }
  return groups;
}

/** Main effect of each parameter on an indicator: mean of the highest group minus the lowest, sorted by size. */
export function sensitivities(data: SweepChartData, indicator: string): { j: number; low: EffectGroup; high: EffectGroup; effect: number }[] {
  const out = data.parameters.map((_, j) => {
    const g = parameterEffect(data, j, indicator);
    const low = g[0]!;
    const high = g[g.length - 1]!;
    return { j, low, high, effect: high.mean - low.mean };
  });
  return out
    .filter((s) => Number.isFinite(s.effect))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.j - b.j);
}

function noteFor(data: SweepChartData, defs: readonly IndicatorDef[]): string {
  return wordsOf(data).sweepNote(data.seeds, data.parameters.length > 1, data.monthLabel, data.month, defs.some((d) => d.kind === 'flow' && !d.yearly));
}

/** An indicator's title in the sweep's language: its declared Chinese title in 中文. */
function titleOf(data: SweepChartData, def: IndicatorDef): string {
  return data.lang === 'zh' ? (def.title_zh ?? def.name) : humanize(def.name);
}

/** Options of `sweepEffect`. */
export interface SweepEffectOptions {
  /** Index of the swept parameter in `data.parameters`. */
  parameter: number;
  /** Indicators to show, one panel each (default: all kept, at most six). */
  indicators?: string[];
  title?: string;
  width?: number;
  height?: number;
}

/** The effect of one parameter on the kept indicators: one panel per indicator, mean line and 5–95% band. */
export function sweepEffect(document: Document, data: SweepChartData, options: SweepEffectOptions): SVGSVGElement {
  const param = data.parameters[options.parameter]!;
  const names = (options.indicators ?? data.indicators.map((d) => d.name)).slice(0, 6);
  const defs = names.map((n) => data.indicators.find((d) => d.name === n)).filter((d): d is IndicatorDef => d !== undefined);
  const style = scenarioStyles([{ id: data.id, title: data.title }])[0]!;
  const cols = Math.max(1, Math.min(defs.length, defs.length <= 4 ? 2 : 3));
  const rows = Math.max(1, Math.ceil(defs.length / cols));
  const frame = createFrame(document, {
    title: options.title ?? wordsOf(data).effectTitle(param.label),
    subtitle: wordsOf(data).sweepRuns(data.title, data.runs.length),
    legend: [{ label: data.title, shape: 'line', color: style.color, scenario: data.id }],
    notes: [noteFor(data, defs)],
    sources: data.sources,
    lang: data.lang,
    width: options.width,
    height: options.height,
    marginLeft: 44,
    marginBottom: 30,
    minPlotHeight: rows * 130,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  const series = seriesGroup(root, data.id);
  if (defs.length === 0 || data.runs.length === 0) {
    drawNoData(g, plot, wordsOf(data).noData);
    return frame.svg;
  }
  const grid = panelGrid(plot, defs.length, cols, { x: 52, y: 18, top: 16, bottom: 34 });
  defs.forEach((def, k) => {
    const groups = parameterEffect(data, options.parameter, def.name).filter((gr) => Number.isFinite(gr.mean));
    const panel = grid[k]!;
    const rect = panel.rect;
    const pg = g.append('g').attr('class', 'panel');
    drawPanelTitle(pg, panel, `${titleOf(data, def)} — ${unitLabel(def.unit, wordsOf(data).locale)}`);
    if (groups.length === 0) return;
    const xs = groups.map((gr) => gr.x);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const x = d3
      .scaleLinear()
      .domain(x1 > x0 ? [x0, x1] : [x0 - 1, x0 + 1])
      .range([rect.x, rect.x + rect.width]);
    const y = d3
      .scaleLinear()
      .domain(unitDomain(groups.flatMap((gr) => [gr.mean, gr.q05, gr.q95]), def.unit))
      .range([rect.y + rect.height, rect.y]);
    drawValueAxis(pg, y, rect, (v, digits) => formatValue(v, def.unit, digits, wordsOf(data).locale), { ticks: 3, integer: COUNT_UNITS.includes(def.unit) });
    const text = groups.some((gr) => gr.label !== valueLabel(gr.x));
    const axis = d3
      .axisBottom(x)
      .tickValues(text ? xs : parameterTicks(x, xs, new Set(data.runs.map((r) => r.params[options.parameter])).size > xs.length, isDiscrete(data, options.parameter), Math.max(2, Math.floor(rect.width / 60))))
      .tickFormat((v) => {
        const gr = groups.find((q) => q.x === v);
        return text && gr ? fitText(gr.label, rect.width / groups.length, 9) : valueLabel(v as number);
      })
      .tickSizeOuter(0)
      .tickSize(4);
    const ax = pg.append('g').attr('class', 'axis axis-x').attr('transform', translate(0, rect.y + rect.height)).call(axis);
    styleAxis(ax, 9);
    drawAxisLabel(pg, param.label, rect, 'bottom', 28, 9);
    const sg = series.append('g').attr('class', 'panel-series').attr('data-indicator', def.name);
    if (groups.some((gr) => gr.q95 > gr.q05)) {
      const area = d3
        .area<EffectGroup>()
        .x((gr) => x(gr.x))
        .y0((gr) => y(gr.q05))
        .y1((gr) => y(gr.q95))
        .digits(2);
      sg.append('path').attr('class', 'mark band').attr('d', area(groups)).attr('fill', style.color).attr('fill-opacity', 0.16).attr('stroke', 'none');
    }
    const line = d3
      .line<EffectGroup>()
      .x((gr) => x(gr.x))
      .y((gr) => y(gr.mean))
      .digits(2);
    sg.append('path').attr('class', 'mark line').attr('d', line(groups)).attr('fill', 'none').attr('stroke', style.color).attr('stroke-width', 1.8);
    for (const gr of groups) {
      const c = sg
        .append('circle')
        .attr('class', 'mark point')
        .attr('cx', px(x(gr.x)))
        .attr('cy', px(y(gr.mean)))
        .attr('r', 2.4)
        .attr('fill', '#ffffff')
        .attr('stroke', style.color)
        .attr('stroke-width', 1.5);
      tip(c, `${param.label} = ${gr.label}: ${formatWithUnit(gr.mean, def.unit, 4, wordsOf(data).locale)} (5–95%: ${formatValue(gr.q05, def.unit, 4, wordsOf(data).locale)} to ${formatValue(gr.q95, def.unit, 4, wordsOf(data).locale)}, n = ${gr.n})`);
    }
  });
  return frame.svg;
}

/** Options of `sweepTornado`. */
export interface SweepTornadoOptions {
  indicator: string;
  title?: string;
  width?: number;
  height?: number;
}

/** Tornado chart: for each parameter, a bar from the indicator's mean at its lowest value to its mean at its highest. */
export function sweepTornado(document: Document, data: SweepChartData, options: SweepTornadoOptions): SVGSVGElement {
  const def = data.indicators.find((d) => d.name === options.indicator);
  if (!def) throw new Error(`sweepTornado: indicator ${options.indicator} is not in the sweep`);
  const sens = sensitivities(data, def.name);
  const style = scenarioStyles([{ id: data.id, title: data.title }])[0]!;
  const up = style.color;
  const down = '#d55e00';
  const labelWidth = 200;
  const frame = createFrame(document, {
    title: options.title ?? wordsOf(data).tornadoTitle(titleOf(data, def)),
    subtitle: data.lang === 'zh' ? (def.meaning_zh ?? def.meaning) : def.meaning,
    legend: [
      { label: wordsOf(data).risesWith, shape: 'rect', color: up, scenario: data.id },
      { label: wordsOf(data).fallsWith, shape: 'rect', color: down },
    ],
    notes: [wordsOf(data).tornadoNote(titleOf(data, def), data.monthLabel, def.kind === 'flow' && !def.yearly)],
    sources: data.sources,
    lang: data.lang,
    width: options.width,
    height: options.height,
    marginLeft: labelWidth + 16,
    marginBottom: 36,
    minPlotHeight: Math.max(1, sens.length) * 30,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  const series = seriesGroup(root, data.id);
  if (sens.length === 0) {
    drawNoData(g, plot, wordsOf(data).noData);
    return frame.svg;
  }
  const all = data.runs.map((r) => r.values[def.name] ?? NaN).filter(Number.isFinite);
  const overall = all.length ? all.reduce((a, b) => a + b, 0) / all.length : NaN;
  const x = d3
    .scaleLinear()
    .domain(unitDomain([...sens.flatMap((s) => [s.low.mean, s.high.mean]), overall], def.unit))
    .range([plot.x, plot.x + plot.width]);
  const y = d3
    .scaleBand<number>()
    .domain(sens.map((s) => s.j))
    .range([plot.y, plot.y + plot.height])
    .padding(0.3);
  const tornadoTicks = x.ticks(Math.max(2, Math.floor(plot.width / 80))).filter((v) => !COUNT_UNITS.includes(def.unit) || Number.isInteger(v));
  const tornadoDigits = distinctDigits(tornadoTicks, (v, d) => formatValue(v, def.unit, d, wordsOf(data).locale));
  const ax = g
    .append('g')
    .attr('class', 'axis axis-x')
    .attr('transform', translate(0, plot.y + plot.height))
    .call(
      d3
        .axisBottom(x)
        .tickValues(tornadoTicks)
        .tickFormat((v) => formatValue(v as number, def.unit, tornadoDigits, wordsOf(data).locale))
        .tickSizeOuter(0),
    );
  styleAxis(ax);
  drawAxisLabel(g, `${titleOf(data, def)} — ${unitLabel(def.unit, wordsOf(data).locale)}`, plot, 'bottom', 30, 10);
  if (Number.isFinite(overall)) {
    g.append('line')
      .attr('class', 'reference')
      .attr('x1', px(x(overall)) + 0.5)
      .attr('x2', px(x(overall)) + 0.5)
      .attr('y1', plot.y)
      .attr('y2', plot.y + plot.height)
      .attr('stroke', '#6b7280')
      .attr('stroke-dasharray', '4 3');
  }
  for (const s of sens) {
    const p = data.parameters[s.j]!;
    const yy = y(s.j)!;
    const label = g.append('text').attr('class', 'parameter-label').attr('text-anchor', 'end').attr('font-size', 10);
    const mid = px(yy + y.bandwidth() / 2);
    label.append('tspan').attr('x', plot.x - 8).attr('y', mid - 2).text(fitText(p.label, labelWidth, 10));
    label.append('tspan').attr('x', plot.x - 8).attr('y', mid + 10).attr('fill', '#5f6368').attr('font-size', 9).text(fitText(`${s.low.label} → ${s.high.label}`, labelWidth, 9));
    const a = x(Math.min(s.low.mean, s.high.mean));
    const b = x(Math.max(s.low.mean, s.high.mean));
    const bar = series
      .append('rect')
      .attr('class', 'mark bar')
      .attr('data-parameter', p.path)
      .attr('x', px(a))
      .attr('y', px(yy))
      .attr('width', Math.max(1, px(b - a)))
      .attr('height', px(y.bandwidth()))
      .attr('fill', s.effect >= 0 ? up : down);
    tip(bar, `${p.label} ${s.low.label} → ${s.high.label}: ${formatWithUnit(s.low.mean, def.unit, 4, wordsOf(data).locale)} → ${formatWithUnit(s.high.mean, def.unit, 4, wordsOf(data).locale)} (${s.effect >= 0 ? '+' : ''}${formatValue(s.effect, def.unit, 3, wordsOf(data).locale)})`);
  }
  return frame.svg;
}
