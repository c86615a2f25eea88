/**
 * Charts of global sensitivity (megasim sweep, designs sobol and morris):
 * Sobol' first-order and total indices of each parameter for one indicator,
 * as paired bars with their 95% bootstrap intervals; and Morris's μ*–σ plane
 * (one point per parameter: far right = influential, high = non-linear or
 * interacting). Text from the input is set with .text(), escaped on output.
 */
import * as d3 from 'd3';
import { createFrame, drawAxisLabel, fitText, px, tip, translate, GRID, MUTED } from './frame.ts';

export interface SobolChartRow {
  label: string;
  S1: number;
  S1lo: number;
  S1hi: number;
  ST: number;
  STlo: number;
  SThi: number;
}

const C_S1 = '#2563eb';
const C_ST = '#c2410c';
const fmt = d3.format('.3~f');

export function sobolChart(document: Document, input: { indicator: string; rows: SobolChartRow[]; n: number; seeds: number; sources: string[] }): SVGSVGElement {
  const rows = input.rows;
  const frame = createFrame(document, {
    title: `Sobol' indices: ${input.indicator}`,
    subtitle: `Saltelli design, ${input.n} base points × ${input.seeds} seed(s) per point; Jansen estimators`,
    legend: [
      { label: 'first order S₁ (alone)', shape: 'rect', color: C_S1 },
      { label: 'total S_T (with interactions)', shape: 'rect', color: C_ST },
    ],
    notes: ['Bars: share of the output variance due to each parameter; whiskers: 95% bootstrap intervals over base points, cut at 0 and 1 where the estimate\'s noise goes beyond them.'],
    sources: input.sources,
    marginLeft: 190,
    height: 120 + rows.length * 44,
    minPlotHeight: rows.length * 36,
  });
  // A share of variance: the axis is 0–1 whatever the estimates' noise; bars and whiskers beyond it are cut at its ends (clamped), and the value box keeps the estimate.
  const x = d3.scaleLinear().domain([0, 1]).clamp(true).range([frame.plot.x, frame.plot.x + frame.plot.width]);
  const band = d3.scaleBand<number>().domain(rows.map((_, i) => i)).range([frame.plot.y, frame.plot.y + frame.plot.height]).padding(0.25);
  const g = frame.root.append('g').attr('class', 'sobol');
  for (const v of x.ticks(5)) g.append('line').attr('x1', px(x(v))).attr('x2', px(x(v))).attr('y1', frame.plot.y).attr('y2', frame.plot.y + frame.plot.height).attr('stroke', v === 0 ? '#9ca3af' : GRID);
  g.append('g').attr('transform', translate(0, frame.plot.y + frame.plot.height)).call(d3.axisBottom(x).ticks(5));
  drawAxisLabel(g, 'share of variance', frame.plot, 'bottom', 30);
  rows.forEach((r, i) => {
    const y0 = band(i)!;
    const h = band.bandwidth() / 2;
    g.append('text').attr('x', frame.plot.x - 8).attr('y', px(y0 + h + 4)).attr('text-anchor', 'end').attr('font-size', 10.5).text(fitText(r.label, 175, 10.5));
    ([['S1', r.S1, r.S1lo, r.S1hi, C_S1, 0], ['ST', r.ST, r.STlo, r.SThi, C_ST, 1]] as const).forEach(([name, v, a, b, c, k]) => {
      const yy = y0 + k * h;
      if (Number.isFinite(v)) {
        tip(g.append('rect').attr('class', `bar ${name}`).attr('x', px(Math.min(x(0), x(v)))).attr('width', px(Math.abs(x(v) - x(0)))).attr('y', px(yy + 1)).attr('height', px(h - 2)).attr('fill', c), `${r.label} ${name} ${fmt(v)} (95%: ${fmt(a)} to ${fmt(b)})`);
      }
      if (Number.isFinite(a) && Number.isFinite(b)) g.append('line').attr('class', 'whisker').attr('x1', px(x(a))).attr('x2', px(x(b))).attr('y1', px(yy + h / 2)).attr('y2', px(yy + h / 2)).attr('stroke', '#111827').attr('stroke-width', 1.2);
    });
  });
  return frame.svg;
}

export interface MorrisChartRow {
  label: string;
  muStar: number;
  sigma: number;
}

export function morrisChart(document: Document, input: { indicator: string; unit: string; rows: MorrisChartRow[]; trajectories: number; sources: string[] }): SVGSVGElement {
  const rows = input.rows.filter((r) => Number.isFinite(r.muStar) && Number.isFinite(r.sigma));
  const frame = createFrame(document, {
    title: `Morris screening: ${input.indicator}`,
    subtitle: `${input.trajectories} trajectories; effects per whole range of each parameter`,
    legend: [],
    notes: ['μ*: mean absolute elementary effect (influence). σ: their standard deviation (non-linearity or interactions). Points on or above the line σ = μ* are strongly non-linear.'],
    sources: input.sources,
    marginBottom: 44,
  });
  const mx = Math.max(1e-12, ...rows.map((r) => r.muStar)) * 1.1;
  const my = Math.max(1e-12, ...rows.map((r) => r.sigma)) * 1.1;
  const x = d3.scaleLinear().domain([0, mx]).nice().range([frame.plot.x, frame.plot.x + frame.plot.width]);
  const y = d3.scaleLinear().domain([0, my]).nice().range([frame.plot.y + frame.plot.height, frame.plot.y]);
  const g = frame.root.append('g').attr('class', 'morris');
  g.append('g').attr('transform', translate(0, frame.plot.y + frame.plot.height)).call(d3.axisBottom(x).ticks(5, '~s'));
  g.append('g').attr('transform', translate(frame.plot.x, 0)).call(d3.axisLeft(y).ticks(5, '~s'));
  drawAxisLabel(g, `μ* (${input.unit})`, frame.plot, 'bottom', 30);
  drawAxisLabel(g, `σ (${input.unit})`, frame.plot, 'left', 48);
  const top = Math.min(x.domain()[1]!, y.domain()[1]!);
  g.append('line').attr('x1', px(x(0))).attr('y1', px(y(0))).attr('x2', px(x(top))).attr('y2', px(y(top))).attr('stroke', MUTED).attr('stroke-dasharray', '4 3');
  for (const r of rows) {
    tip(g.append('circle').attr('cx', px(x(r.muStar))).attr('cy', px(y(r.sigma))).attr('r', 5).attr('fill', C_S1), `${r.label}: μ* ${d3.format('.3~s')(r.muStar)}, σ ${d3.format('.3~s')(r.sigma)}`);
    g.append('text').attr('x', px(x(r.muStar) + 8)).attr('y', px(y(r.sigma) + 4)).attr('font-size', 10).text(fitText(r.label, 160, 10));
  }
  return frame.svg;
}
