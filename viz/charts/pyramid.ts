/**
 * Population pyramid by hukou status at one month: men to the left, women to
 * the right, local-hukou persons (dark) nearest the axis and non-hukou
 * persons (light) outside them; one panel per scenario on a shared scale.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, PyramidInput, PyramidSnapshot } from '../types.ts';
import { formatValue, formatWithUnit, monthLabel, unitLabel } from '../format.ts';
import { SHADES, scenarioStyles, type ScenarioStyle } from './palette.ts';
import { wordsOf, type ChartWords } from './words.ts';
import { MUTED, createFrame, drawAxisLabel, drawNoData, drawPanelTitle, panelGrid, px, seriesGroup, styleAxis, tip, translate, type Rect, type Sel } from './frame.ts';

/** Options of `pyramid`. */
export interface PyramidOptions extends BaseChartOptions {
  /** Month to show (default: each scenario's latest snapshot). */
  month?: number;
  /** Panels per row (default up to 3). */
  columns?: number;
}

/** The snapshot of `input` at `month` (or the latest one). */
export function pickSnapshot(input: PyramidSnapshot | PyramidSnapshot[] | undefined, month?: number): PyramidSnapshot | undefined {
  if (!input) return undefined;
  const list = Array.isArray(input) ? input : [input];
  if (month !== undefined) return list.find((s) => s.month === month);
  return list.reduce<PyramidSnapshot | undefined>((best, s) => (!best || s.month > best.month ? s : best), undefined);
}

const GAP = 34;

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

  const maxSide = d3.max(shown, ({ snap }) =>
    d3.max(snap.ageBands, (_, k) =>
      Math.max(snap.groups.hukou.male[k]! + snap.groups.nonhukou.male[k]!, snap.groups.hukou.female[k]! + snap.groups.nonhukou.female[k]!),
    ),
  ) ?? 1;
  const grid = panelGrid(plot, shown.length, cols, { x: 24, y: 14, top: 18, bottom: 22 });
  const byId = new Map(shown.map((d, k) => [d.style.id, { ...d, panel: grid[k]! }]));
  for (const style of styles) {
    const sg = seriesGroup(root, style.id);
    const d = byId.get(style.id);
    if (!d) continue;
    const pg = g.append('g').attr('class', 'panel');
    drawPanelTitle(pg, d.panel, months.length === 1 ? style.title : `${style.title} (${monthLabel(meta.startMonth, d.snap.month)})`, style.color);
    drawPanel(pg, sg, d.panel.rect, d.snap, style, maxSide || 1, w);
  }
  return frame.svg;
}

/** Axes and labels into `frameG`, bars into the scenario's series group `sg`. */
function drawPanel(frameG: Sel<SVGGElement>, sg: Sel<SVGGElement>, rect: Rect, snap: PyramidSnapshot, style: ScenarioStyle, maxSide: number, w: ChartWords): void {
  const half = (rect.width - GAP) / 2;
  const cxL = rect.x + half;
  const cxR = cxL + GAP;
  const xL = d3.scaleLinear().domain([maxSide, 0]).range([rect.x, cxL]).nice();
  const xR = d3.scaleLinear().domain([0, maxSide]).range([cxR, rect.x + rect.width]).nice();
  const bands = [...snap.ageBands].reverse();
  const y = d3.scaleBand<string>().domain(bands).range([rect.y, rect.y + rect.height]).paddingInner(0.12);
  const every = y.step() >= 10 ? 1 : 2;

  const ticks = Math.max(2, Math.floor(half / 45));
  for (const [scale, cls] of [
    [xL, 'axis-male'],
    [xR, 'axis-female'],
  ] as const) {
    const axis = d3.axisBottom(scale).ticks(ticks).tickFormat((v) => formatValue(Math.abs(Number(v)), 'persons', undefined, w.locale)).tickSizeOuter(0).tickSize(3).offset(0.5);
    const ag = frameG.append('g').attr('class', `axis axis-x ${cls}`).attr('transform', translate(0, rect.y + rect.height)).call(axis);
    styleAxis(ag, 9);
  }
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
      const hx = sex === 'male' ? cxL - wd(hk) : cxR;
      const nx = sex === 'male' ? cxL - wd(hk + nh) : cxR + wd(hk);
      const total = hk + nh;
      const pct = (v: number) => (total > 0 ? ` (${((100 * v) / total).toFixed(1)}%)` : '');
      tip(
        sg.append('rect').attr('class', 'mark bar hukou').attr('x', px(hx)).attr('y', top).attr('width', px(wd(hk))).attr('height', h).attr('fill', style.color),
        w.pyramidTip(style.title, sex === 'male', band, true, `${formatWithUnit(hk, 'persons', 4, w.locale)}${pct(hk)}`),
      );
      tip(
        sg.append('rect').attr('class', 'mark bar nonhukou').attr('x', px(nx)).attr('y', top).attr('width', px(wd(nh))).attr('height', h).attr('fill', style.tint),
        w.pyramidTip(style.title, sex === 'male', band, false, `${formatWithUnit(nh, 'persons', 4, w.locale)}${pct(nh)}`),
      );
    }
  });
}
