/**
 * Charts of an ABC-SMC calibration (megasim calibrate): a pairs chart of the
 * final population (weighted histograms on the diagonal, particles below it,
 * dot area ∝ weight, the known value when given) and one marginal chart per
 * parameter (weighted histogram of each generation, later ones darker, over
 * the prior's range). Same in jsdom and the browser; text from the input is
 * set with .text() / attributes, so it is escaped by the serializer.
 */
import * as d3 from 'd3';
import { createFrame, drawAxisLabel, fitText, px, tip, translate, MUTED, GRID } from './frame.ts';

export interface AbcChartData {
  id: string;
  title: string;
  parameters: { path: string; label: string; log: boolean; range: [number, number] }[];
  /** Each generation's particles (values, in parameter order) and normalised weights. */
  generations: { values: number[][]; weights: number[]; epsilon: number }[];
  sources: string[];
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? d3.format('.2~e')(v) : d3.format('.3~g')(v));

function scaleFor(p: AbcChartData['parameters'][number], r0: number, r1: number) {
  return p.log ? d3.scaleLog().domain(p.range).range([r0, r1]) : d3.scaleLinear().domain(p.range).range([r0, r1]);
}

/** Weighted histogram over `bins` equal bins of the (log) range: bin edges and weight per bin. */
export function weightedHistogram(values: number[], weights: number[], range: [number, number], log: boolean, bins: number): { lo: number; hi: number; w: number }[] {
  const t = (v: number) => (log ? Math.log(v) : v);
  const inv = (v: number) => (log ? Math.exp(v) : v);
  const [a, b] = [t(range[0]), t(range[1])];
  const out = Array.from({ length: bins }, (_, i) => ({ lo: inv(a + ((b - a) * i) / bins), hi: inv(a + ((b - a) * (i + 1)) / bins), w: 0 }));
  values.forEach((v, i) => {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(((t(v) - a) / (b - a || 1)) * bins)));
    out[k]!.w += weights[i]!;
  });
  return out;
}

export function abcPairs(document: Document, data: AbcChartData, known?: number[]): SVGSVGElement {
  const d = data.parameters.length;
  const last = data.generations[data.generations.length - 1]!;
  const cell = Math.max(90, Math.min(200, Math.floor(620 / d)));
  const width = Math.max(520, 90 + d * cell + 20);
  const frame = createFrame(document, {
    title: `Posterior: ${data.title}`,
    subtitle: `${last.values.length} particles of generation ${data.generations.length - 1}, ε = ${fmt(last.epsilon)}`,
    legend: known ? [{ label: 'known value', shape: 'line', color: '#c2410c' }] : [],
    notes: ['Diagonal: weighted histogram of each parameter. Below it: particles, dot area proportional to weight. Axes span the prior range.'],
    sources: data.sources,
    width,
    height: 120 + d * cell + 40,
    marginLeft: 80,
    marginBottom: 40,
    minPlotHeight: d * cell,
  });
  const g = frame.root.append('g').attr('class', 'pairs');
  const size = Math.min(frame.plot.width, frame.plot.height) / d;
  const maxW = Math.max(...last.weights);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const x0 = frame.plot.x + j * size;
      const y0 = frame.plot.y + i * size;
      const pi = data.parameters[i]!;
      const pj = data.parameters[j]!;
      const cellG = g.append('g').attr('class', `cell cell-${i}-${j}`);
      cellG.append('rect').attr('x', px(x0 + 2)).attr('y', px(y0 + 2)).attr('width', px(size - 4)).attr('height', px(size - 4)).attr('fill', 'none').attr('stroke', GRID);
      const x = scaleFor(pj, x0 + 4, x0 + size - 4);
      if (i === j) {
        const h = weightedHistogram(last.values.map((v) => v[i]!), last.weights, pi.range, pi.log, 16);
        const top = Math.max(...h.map((b) => b.w), 1e-12);
        for (const b of h) {
          const bh = ((size - 10) * b.w) / top;
          tip(
            cellG.append('rect').attr('class', 'bar').attr('x', px(x(b.lo))).attr('width', px(Math.max(0.5, x(b.hi) - x(b.lo) - 0.5))).attr('y', px(y0 + size - 4 - bh)).attr('height', px(bh)).attr('fill', '#2563eb').attr('opacity', 0.8),
            `${pi.label}: ${fmt(b.lo)}–${fmt(b.hi)}, weight ${fmt(b.w)}`,
          );
        }
        if (known) cellG.append('line').attr('x1', px(x(known[i]!))).attr('x2', px(x(known[i]!))).attr('y1', px(y0 + 4)).attr('y2', px(y0 + size - 4)).attr('stroke', '#c2410c').attr('stroke-width', 1.5);
      } else {
        const y = scaleFor(pi, y0 + size - 4, y0 + 4);
        last.values.forEach((v, k) => {
          tip(
            cellG.append('circle').attr('cx', px(x(v[j]!))).attr('cy', px(y(v[i]!))).attr('r', px(1 + 3 * Math.sqrt(last.weights[k]! / maxW))).attr('fill', '#2563eb').attr('opacity', 0.45),
            `${pj.label} ${fmt(v[j]!)}, ${pi.label} ${fmt(v[i]!)}, weight ${fmt(last.weights[k]!)}`,
          );
        });
        if (known) cellG.append('circle').attr('cx', px(x(known[j]!))).attr('cy', px(y(known[i]!))).attr('r', 4).attr('fill', 'none').attr('stroke', '#c2410c').attr('stroke-width', 2);
      }
      if (i === d - 1) {
        for (const v of [pj.range[0], pj.range[1]]) cellG.append('text').attr('x', px(x(v))).attr('y', px(y0 + size + 11)).attr('text-anchor', v === pj.range[0] ? 'start' : 'end').attr('font-size', 9).attr('fill', MUTED).text(fmt(v));
        cellG.append('text').attr('x', px(x0 + size / 2)).attr('y', px(y0 + size + 24)).attr('text-anchor', 'middle').attr('font-size', 10).text(fitText(pj.label, size - 4, 10));
      }
      if (j === 0) {
        cellG
          .append('text')
          .attr('transform', `${translate(x0 - 8, y0 + size / 2)} rotate(-90)`)
          .attr('text-anchor', 'middle')
          .attr('font-size', 10)
          .text(fitText(pi.label, size - 4, 10));
      }
    }
  }
  return frame.svg;
}

export function abcMarginal(document: Document, data: AbcChartData, k: number, known?: number): SVGSVGElement {
  const p = data.parameters[k]!;
  const G = data.generations.length;
  const colors = d3.quantize(d3.interpolateRgb('#bfdbfe', '#1e3a8a'), Math.max(2, G));
  const frame = createFrame(document, {
    title: `${p.label}: marginal posterior by generation`,
    subtitle: `${data.title}; ${p.path}${p.log ? ' (log scale)' : ''}`,
    legend: [
      ...data.generations.map((g, t) => ({ label: `generation ${t}${Number.isFinite(g.epsilon) ? ` (ε ${fmt(g.epsilon)})` : ' (prior)'}`, shape: 'line' as const, color: colors[t]! })),
      ...(known !== undefined ? [{ label: 'known value', shape: 'line' as const, color: '#c2410c' }] : []),
    ],
    notes: ['Each line: weighted histogram (share of weight per bin) of a generation, over the prior range.'],
    sources: data.sources,
    marginBottom: 44,
  });
  const x = scaleFor(p, frame.plot.x, frame.plot.x + frame.plot.width);
  const hists = data.generations.map((g) => weightedHistogram(g.values.map((v) => v[k]!), g.weights, p.range, p.log, 20));
  const top = Math.max(1e-12, ...hists.flat().map((b) => b.w));
  const y = d3.scaleLinear().domain([0, top]).nice().range([frame.plot.y + frame.plot.height, frame.plot.y]);
  const g = frame.root.append('g').attr('class', 'marginal');
  g.append('g').attr('transform', translate(0, frame.plot.y + frame.plot.height)).call(p.log ? d3.axisBottom(x as d3.ScaleLogarithmic<number, number>).ticks(5, '~g') : d3.axisBottom(x as d3.ScaleLinear<number, number>).ticks(6));
  g.append('g').attr('transform', translate(frame.plot.x, 0)).call(d3.axisLeft(y).ticks(5, '~%'));
  drawAxisLabel(g, p.label, frame.plot, 'bottom', 30);
  drawAxisLabel(g, 'share of weight', frame.plot, 'left', 44);
  hists.forEach((h, t) => {
    const line = d3
      .line<{ lo: number; hi: number; w: number }>()
      .x((b) => px(p.log ? Math.sqrt(x(b.lo) * x(b.hi)) : (x(b.lo) + x(b.hi)) / 2))
      .y((b) => px(y(b.w)));
    tip(g.append('path').attr('class', `generation gen-${t}`).attr('d', line(h)).attr('fill', 'none').attr('stroke', colors[t]!).attr('stroke-width', t === G - 1 ? 2.5 : 1.5), `generation ${t}`);
  });
  if (known !== undefined) g.append('line').attr('x1', px(x(known))).attr('x2', px(x(known))).attr('y1', frame.plot.y).attr('y2', frame.plot.y + frame.plot.height).attr('stroke', '#c2410c').attr('stroke-width', 1.5);
  return frame.svg;
}
