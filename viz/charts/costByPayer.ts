/**
 * Citizenisation cost by payer — government, employers, the new citizens —
 * as stacked bars per scenario: either the cumulative total over the run or
 * one stack per scenario in every calendar year. Payers are told apart by
 * lightness (government darkest), scenarios by colour and position.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { calendarYear, formatValue, formatWithUnit, unitLabel } from '../format.ts';
import { wordsOf, type ChartWords } from './words.ts';
import { completeYears, hasIndicator, monthRange, yearlyTotals } from './data.ts';
import { SHADES, scenarioStyles, type ScenarioStyle } from './palette.ts';
import { createFrame, drawAxisLabel, drawBandAxis, drawNoData, px, seriesGroup, tip, valueDomain, type Sel } from './frame.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';

/** The three payers, darkest first. */
export const PAYERS = [
  { indicator: 'fiscal_cost_gov', label: 'government' },
  { indicator: 'fiscal_cost_employers', label: 'employers' },
  { indicator: 'fiscal_cost_persons', label: 'persons' },
] as const;

/** Options of `costByPayer`. */
export interface CostByPayerOptions extends BaseChartOptions {
  /** 'cumulative' (default): one stack per scenario over the whole run; 'yearly': per calendar year. */
  mode?: 'cumulative' | 'yearly';
  /** The run's first and last month (default: the range of `rows`). */
  monthRange?: [number, number];
}

function payerFill(style: ScenarioStyle, k: number): string {
  return k === 0 ? style.color : k === 1 ? style.midTint : style.tint;
}

/** Stacked bars of citizenisation cost by payer. */
export function costByPayer(document: Document, rows: readonly StatRow[], options: CostByPayerOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const mode = options.mode ?? 'cumulative';
  const styles = scenarioStyles(options.scenarios);
  const payers = PAYERS.filter((p) => hasIndicator(rows, p.indicator, 'all'));
  const range = options.monthRange ?? monthRange(rows) ?? [0, 0];
  const years = completeYears(meta.startMonth, range);
  const allYears = mode === 'cumulative' ? rangeYears(meta.startMonth, range) : years;
  // totals[scenario][payer] → Map(year → yuan)
  const totals = styles.map((s) => payers.map((p) => yearlyTotals(rows, p.indicator, s.id, meta.startMonth, allYears)));
  const keys = mode === 'cumulative' ? ['all'] : years.map(String);
  const stackOf = (i: number, key: string): number[] =>
    totals[i]!.map((m) => (key === 'all' ? d3.sum([...m.values()]) : (m.get(Number(key)) ?? 0)));

  const frame = createFrame(document, {
    title: options.title ?? w.costTitle(mode === 'cumulative'),
    subtitle: w.costSubtitle,
    legend: [
      ...styles.map((s) => ({ label: s.title, shape: 'rect' as const, color: s.color, scenario: s.id })),
      ...payers.map((p, k) => ({ label: w.payer(p.indicator, p.label), shape: 'rect' as const, color: SHADES[k]! })),
    ],
    notes: [w.costNote(mode === 'yearly')],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (payers.length === 0 || keys.length === 0) drawNoData(g, plot, w.noData);

  // Hiding a scenario rescales the axis to the others' stacks (viz/charts/rescale.ts).
  const extents = styles.map((s, i) => extentOf(s.id, keys.map((k) => d3.sum(stackOf(i, k)))));
  const y = drawRescalingAxis(g, plot, extents, { id: 'y', domain: (vs) => valueDomain(vs, true), format: (v, digits) => formatValue(v, 'yuan', digits, L) });
  drawAxisLabel(g, mode === 'yearly' ? w.perYear(unitLabel('yuan', L)) : unitLabel('yuan', L), plot, 'left', 52);

  if (mode === 'cumulative') {
    const x = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([plot.x, plot.x + plot.width]).padding(0.35);
    drawBandAxis(g, x, plot, (id) => styles.find((s) => s.id === id)?.title ?? id);
    styles.forEach((style, i) => {
      const sg = seriesGroup(root, style.id).attr('data-scale', 'y');
      const top = drawStack(sg, stackOf(i, 'all'), x(style.id) ?? 0, x.bandwidth(), y, style, w.wholeRun, payers, w);
      sg.append('text')
        .attr('class', 'bar-label')
        .attr('x', px((x(style.id) ?? 0) + x.bandwidth() / 2))
        .attr('y', px(top - 5))
        .attr('text-anchor', 'middle')
        .attr('font-size', 10.5)
        .text(formatValue(d3.sum(stackOf(i, 'all')), 'yuan', 3, L));
    });
  } else {
    const x0 = d3.scaleBand<string>().domain(keys).range([plot.x, plot.x + plot.width]).paddingInner(0.2).paddingOuter(0.1);
    const x1 = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([0, x0.bandwidth()]).padding(0.06);
    drawBandAxis(g, x0, plot, (k) => k);
    styles.forEach((style, i) => {
      const sg = seriesGroup(root, style.id).attr('data-scale', 'y');
      for (const key of keys) drawStack(sg, stackOf(i, key), (x0(key) ?? 0) + (x1(style.id) ?? 0), x1.bandwidth(), y, style, key, payers, w);
    });
  }
  return frame.svg;
}

/** Every calendar year the run touches. */
function rangeYears(startMonth: string, range: [number, number]): number[] {
  return d3.range(calendarYear(startMonth, range[0]), calendarYear(startMonth, range[1]) + 1);
}

/** One stacked bar; returns the y of its top. */
function drawStack(
  g: Sel<SVGGElement>,
  values: number[],
  x: number,
  width: number,
  y: d3.ScaleLinear<number, number>,
  style: ScenarioStyle,
  period: string,
  payers: readonly (typeof PAYERS)[number][],
  w: ChartWords,
): number {
  const total = d3.sum(values);
  let base = 0;
  values.forEach((v, k) => {
    const h = Math.max(0, v);
    const rect = g
      .append('rect')
      .attr('class', `mark bar payer-${payers[k]!.label}`)
      .attr('x', px(x))
      .attr('y', px(y(base + h)))
      .attr('width', px(width))
      .attr('height', px(y(base) - y(base + h)))
      .attr('fill', payerFill(style, k))
      .attr('stroke', style.color)
      .attr('stroke-width', 0.8);
    const share = total > 0 ? ` (${((100 * v) / total).toFixed(1)}%)` : '';
    tip(rect, `${style.title} — ${period} — ${w.payer(payers[k]!.indicator, payers[k]!.label)}: ${formatWithUnit(v, 'yuan', 4, w.locale)}${share}`);
    base += h;
  });
  return y(base);
}
