/**
 * Population pyramid by hukou status at one month: men to the left, women to
 * the right, local-hukou persons (dark) nearest the axis and non-hukou
 * persons (light) outside them; one panel per scenario on a shared scale.
 *
 * The shared scale rescales when scenarios are hidden (viz/legendScript.ts):
 * each panel's axes are drawn for every domain hiding can give (0 to the
 * nice top of the largest bar shown; `domainVariants` of viz/charts/rescale.ts
 * over each scenario's largest bar), in a `g.x-scale` of `g.x-variant`s, and
 * every bar carries `data-anchor`, the x of the value 0 it grows from, so the
 * script can redraw its x and width for the domain shown.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, PyramidInput, PyramidSnapshot } from '../types.ts';
import { formatValue, formatWithUnit, monthLabel, unitLabel } from '../format.ts';
import { formatNumber } from '../../sim/engine/format.ts';
import { SHADES, scenarioStyles, type ScenarioStyle } from './palette.ts';
import { wordsOf, type ChartWords } from './words.ts';
import { domainVariants, type DomainVariant, type SeriesExtent } from './rescale.ts';
import { MUTED, createFrame, drawAxisLabel, drawNoData, drawPanelTitle, panelGrid, px, seriesGroup, styleAxis, tip, translate, type Rect, type Sel } from './frame.ts';

/** Options of `pyramid`. */
export interface PyramidOptions extends BaseChartOptions {
  /** Month to show (default: each scenario's latest snapshot). */
  month?: number;
  /** Panels per row (default up to 3). */
  columns?: number;
}

/** The per-band mean of several pyramids (e.g. one per seed), rounded like summary.json. */
export function meanPyramid(list: readonly (PyramidSnapshot | null)[]): PyramidSnapshot | null {
  const ps = list.filter((p): p is PyramidSnapshot => p !== null);
  if (ps.length === 0) return null;
  const avg = (pick: (p: PyramidSnapshot) => number[]) => pick(ps[0]!).map((_, k) => Number(formatNumber(ps.reduce((s, p) => s + pick(p)[k]!, 0) / ps.length)));
  return {
    month: ps[0]!.month,
    ageBands: ps[0]!.ageBands,
    groups: {
      hukou: { male: avg((p) => p.groups.hukou.male), female: avg((p) => p.groups.hukou.female) },
      nonhukou: { male: avg((p) => p.groups.nonhukou.male), female: avg((p) => p.groups.nonhukou.female) },
    },
  };
}

/** The snapshot of `input` at `month` (or the latest one). */
export function pickSnapshot(input: PyramidSnapshot | PyramidSnapshot[] | undefined, month?: number): PyramidSnapshot | undefined {
  if (!input) return undefined;
  const list = Array.isArray(input) ? input : [input];
  if (month !== undefined) return list.find((s) => s.month === month);
  return list.reduce<PyramidSnapshot | undefined>((best, s) => (!best || s.month > best.month ? s : best), undefined);
}

const GAP = 34;

/** The largest bar (one sex, hukou and non-hukou together) of a snapshot. */
export function largestBar(snap: PyramidSnapshot): number {
  return d3.max(snap.ageBands, (_, k) => Math.max(snap.groups.hukou.male[k]! + snap.groups.nonhukou.male[k]!, snap.groups.hukou.female[k]! + snap.groups.nonhukou.female[k]!)) ?? 0;
}

/** The bar axis' domain for the largest bar shown: 0 to its nice top (0 to 1 when nothing is shown). */
export function pyramidDomain(values: readonly number[]): [number, number] {
  const top = d3.max(values) ?? 0;
  const d = d3.scaleLinear().domain([0, top > 0 ? top : 1]).nice().domain();
  return [0, d[1]!];
}

/** Pyramid panels of persons by age band, sex and hukou status. */
export function pyramid(document: Document, pyramids: PyramidInput, options: PyramidOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const styles = scenarioStyles(options.scenarios);
  const snaps = styles.map((s) => pickSnapshot(pyramids[s.id], options.month));
  const shown = styles.map((s, i) => ({ style: s, snap: snaps[i] })).filter((d): d is { style: ScenarioStyle; snap: PyramidSnapshot } => !!d.snap);
  const months = [...new Set(shown.map((d) => d.snap.month))];
  const cols = Math.max(1, Math.min(shown.length, options.columns ?? 3));

  const frame = createFrame(document, {
    title: options.title ?? w.pyramidTitle(months.length === 1 ? monthLabel(meta.startMonth, months[0]!) : null),
    subtitle: w.pyramidSubtitle,
    legend: [
      ...styles.map((s) => ({ label: s.title, shape: 'rect' as const, color: s.color, scenario: s.id })),
      { label: w.localHukou, shape: 'rect', color: SHADES[0] },
      { label: w.nonHukou, shape: 'rect', color: SHADES[2] },
    ],
    notes: [w.pyramidNote],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginLeft: 22,
    marginBottom: 20,
    minPlotHeight: Math.ceil(shown.length / cols) * 190,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  drawAxisLabel(g, w.perAgeBand(unitLabel('persons', L)), plot, 'bottom', 14);
  if (shown.length === 0) {
    drawNoData(g, plot, w.noData);
    for (const s of styles) seriesGroup(root, s.id);
    return frame.svg;
  }

  // One extent per scenario (in legend order), from 0 to its largest bar: the domains hiding can give.
  const extents: SeriesExtent[] = styles.map((st, i) => {
    const snap = snaps[i];
    return snap ? { id: st.id, lo: 0, hi: largestBar(snap) } : { id: st.id, lo: NaN, hi: NaN };
  });
  const variants = domainVariants(extents, pyramidDomain);
  const grid = panelGrid(plot, shown.length, cols, { x: 24, y: 14, top: 18, bottom: 22 });
  const byId = new Map(shown.map((d, k) => [d.style.id, { ...d, panel: grid[k]! }]));
  for (const style of styles) {
    const sg = seriesGroup(root, style.id).attr('data-scale', 'x');
    const d = byId.get(style.id);
    if (!d) continue;
    const pg = g.append('g').attr('class', 'panel');
    drawPanelTitle(pg, d.panel, months.length === 1 ? style.title : `${style.title} (${monthLabel(meta.startMonth, d.snap.month)})`, style.color);
    drawPanel(pg, sg, d.panel.rect, d.snap, style, extents, variants, w);
  }
  return frame.svg;
}

/** Axes and labels into `frameG`, bars into the scenario's series group `sg`. */
function drawPanel(
  frameG: Sel<SVGGElement>,
  sg: Sel<SVGGElement>,
  rect: Rect,
  snap: PyramidSnapshot,
  style: ScenarioStyle,
  extents: readonly SeriesExtent[],
  variants: readonly DomainVariant[],
  w: ChartWords,
): void {
  const half = (rect.width - GAP) / 2;
  const cxL = rect.x + half;
  const cxR = cxL + GAP;
  const scaleL = (top: number) => d3.scaleLinear().domain([top, 0]).range([rect.x, cxL]);
  const scaleR = (top: number) => d3.scaleLinear().domain([0, top]).range([cxR, rect.x + rect.width]);
  const full = variants[0]!.domain[1];
  const xL = scaleL(full);
  const xR = scaleR(full);
  const bands = [...snap.ageBands].reverse();
  const y = d3.scaleBand<string>().domain(bands).range([rect.y, rect.y + rect.height]).paddingInner(0.12);
  const every = y.step() >= 10 ? 1 : 2;

  const ticks = Math.max(2, Math.floor(half / 45));
  const num = (v: number) => String(v);
  const xs = frameG
    .append('g')
    .attr('class', 'x-scale')
    .attr('data-scale', 'x')
    .attr('data-series', JSON.stringify(extents.map((e) => e.id)))
    .attr('data-lo', extents.map((e) => num(e.lo)).join(' '))
    .attr('data-hi', extents.map((e) => num(e.hi)).join(' '))
    .attr('data-domain', `0 ${num(full)}`);
  variants.forEach((v, i) => {
    const vg = xs.append('g').attr('class', 'x-variant').attr('data-domain', v.domain.map(num).join(' ')).attr('data-pairs', v.pairs.join(' '));
    if (i > 0) vg.attr('display', 'none');
    for (const [scale, cls] of [
      [scaleL(v.domain[1]), 'axis-male'],
      [scaleR(v.domain[1]), 'axis-female'],
    ] as const) {
      const axis = d3.axisBottom(scale).ticks(ticks).tickFormat((t) => formatValue(Math.abs(Number(t)), 'persons', undefined, w.locale)).tickSizeOuter(0).tickSize(3).offset(0.5);
      const ag = vg.append('g').attr('class', `axis axis-x ${cls}`).attr('transform', translate(0, rect.y + rect.height)).call(axis);
      styleAxis(ag, 9);
    }
  });
  snap.ageBands.forEach((band, k) => {
    if ((snap.ageBands.length - 1 - k) % every !== 0) return;
    frameG
      .append('text')
      .attr('class', 'age-label')
      .attr('x', px(cxL + GAP / 2))
      .attr('y', px((y(band) ?? 0) + y.bandwidth() / 2 + 3))
      .attr('text-anchor', 'middle')
      .attr('font-size', 8.5)
      .attr('fill', MUTED)
      .text(band);
  });
  for (const [label, x, anchor] of [
    [w.men, rect.x, 'start'],
    [w.women, rect.x + rect.width, 'end'],
  ] as const) {
    frameG.append('text').attr('class', 'sex-label').attr('x', x).attr('y', rect.y + 8).attr('text-anchor', anchor).attr('font-size', 10).attr('fill', MUTED).text(label);
  }

  snap.ageBands.forEach((band, k) => {
    const top = px(y(band) ?? 0);
    const h = px(y.bandwidth());
    for (const sex of ['male', 'female'] as const) {
      const hk = snap.groups.hukou[sex][k] ?? 0;
      const nh = snap.groups.nonhukou[sex][k] ?? 0;
      const wd = (v: number) => (sex === 'male' ? cxL - xL(v) : xR(v) - cxR);
      const anchor = sex === 'male' ? cxL : cxR;
      const hx = sex === 'male' ? cxL - wd(hk) : cxR;
      const nx = sex === 'male' ? cxL - wd(hk + nh) : cxR + wd(hk);
      const total = hk + nh;
      const pct = (v: number) => (total > 0 ? ` (${((100 * v) / total).toFixed(1)}%)` : '');
      tip(
        sg.append('rect').attr('class', 'mark bar hukou').attr('data-anchor', px(anchor)).attr('x', px(hx)).attr('y', top).attr('width', px(wd(hk))).attr('height', h).attr('fill', style.color),
        w.pyramidTip(style.title, sex === 'male', band, true, `${formatWithUnit(hk, 'persons', 4, w.locale)}${pct(hk)}`),
      );
      tip(
        sg.append('rect').attr('class', 'mark bar nonhukou').attr('data-anchor', px(anchor)).attr('x', px(nx)).attr('y', top).attr('width', px(wd(nh))).attr('height', h).attr('fill', style.tint),
        w.pyramidTip(style.title, sex === 'male', band, false, `${formatWithUnit(nh, 'persons', 4, w.locale)}${pct(nh)}`),
      );
    }
  });
}
