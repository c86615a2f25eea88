/**
 * The common frame of every chart: an SVG root with a viewBox, title,
 * subtitle, legend, plot rectangle and a caption naming the sources, plus the
 * axis, text-fitting and tooltip helpers the charts share. Everything is set
 * with attributes and `.text()` only (never `.html()`), so text from data is
 * escaped by the serializer, and nothing depends on the global window.
 */
import * as d3 from 'd3';
import { wordsOf } from './words.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif";
export const INK = '#222222';
export const MUTED = '#5f6368';
export const GRID = '#e5e7eb';

/** A d3 selection of one element. */
export type Sel<E extends Element> = d3.Selection<E, unknown, null, undefined>;

/** A rectangle in viewBox units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One legend entry; entries with `scenario` carry `data-scenario` so the report can dim them. */
export interface LegendEntry {
  label: string;
  shape: 'line' | 'rect';
  color: string;
  dash?: string;
  scenario?: string;
}

/** What a frame shows around the plot. */
export interface FrameSpec {
  title: string;
  subtitle?: string;
  legend: LegendEntry[];
  /** Reading notes ("Lines: mean of 20 replications…"), first lines of the caption. */
  notes: string[];
  /** Source lines, written after the notes as "Sources: …". */
  sources: string[];
  width?: number;
  height?: number;
  marginLeft?: number;
  marginRight?: number;
  marginBottom?: number;
  /** The chart grows taller to keep at least this plot height. */
  minPlotHeight?: number;
  /** Language of the frame's own words ("Sources:"); default English. */
  lang?: 'en' | 'zh';
}

/** A drawn frame: the root, its size and the free plot rectangle. */
export interface Frame {
  svg: SVGSVGElement;
  root: Sel<SVGSVGElement>;
  width: number;
  height: number;
  plot: Rect;
}

/** Approximate rendered width of `text` at `fontSize` (wide CJK glyphs count as 1 em). */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? fontSize : fontSize * 0.56;
  return w;
}

/** `text` shortened with "…" to fit `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

/** Greedy word wrap of `text` into lines no wider than `maxWidth`. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(l, maxWidth, fontSize));
}

/** Round to 2 decimals for stable, compact coordinates. */
export function px(v: number): number {
  return Math.round(v * 100) / 100;
}

/** `translate(x,y)` with rounded coordinates. */
export function translate(x: number, y: number): string {
  return `translate(${px(x)},${px(y)})`;
}

/** Append a native tooltip (`<title>`) to a mark. */
export function tip<E extends Element>(sel: Sel<E>, text: string): Sel<E> {
  sel.append('title').text(text);
  return sel;
}

const TITLE_SIZE = 15;
const SUBTITLE_SIZE = 11;
const LEGEND_SIZE = 11;
const CAPTION_SIZE = 9.5;
const CAPTION_LINE = 12;
const LEGEND_ROW = 16;

/** Create the SVG root and draw title, subtitle, legend and caption; return the plot rectangle. */
export function createFrame(document: Document, spec: FrameSpec): Frame {
  const width = spec.width ?? 720;
  const left = spec.marginLeft ?? 66;
  const right = spec.marginRight ?? 22;
  const bottom = spec.marginBottom ?? 30;
  const inner = width - 32;

  const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  const root = d3.select(svg);

  const captionLines = [
    ...spec.notes.flatMap((n) => wrapText(n, inner, CAPTION_SIZE)),
    ...(spec.sources.length > 0 ? wrapText(wordsOf(spec).sources(spec.sources.join('; ')), inner, CAPTION_SIZE) : []),
  ];

  // Legend rows, laid out left to right with wrapping.
  const items = spec.legend.map((e) => {
    const label = fitText(e.label, inner - 40, LEGEND_SIZE);
    return { entry: e, label, w: 22 + 6 + textWidth(label, LEGEND_SIZE) + 18 };
  });
  const placed: { item: (typeof items)[number]; x: number; row: number }[] = [];
  let lx = 0;
  let row = 0;
  // Keep the non-scenario entries (categories such as payers) together on one row when they fit.
  const firstCategory = items.findIndex((it) => it.entry.scenario === undefined);
  const categoriesWidth = firstCategory < 0 ? 0 : items.slice(firstCategory).reduce((w, it) => w + it.w, 0);
  items.forEach((item, k) => {
    const breakForCategories = k === firstCategory && k > 0 && lx + categoriesWidth > inner && categoriesWidth <= inner;
    if (lx > 0 && (breakForCategories || lx + item.w > inner)) {
      row++;
      lx = 0;
    }
    placed.push({ item, x: lx, row });
    lx += item.w;
  });
  const legendRows = items.length > 0 ? row + 1 : 0;

  const headerBottom = spec.subtitle ? 46 : 30;
  const legendTop = headerBottom + 4;
  const plotTop = legendTop + legendRows * LEGEND_ROW + 12;
  const captionBlock = captionLines.length * CAPTION_LINE + 8;
  const grow = Math.max(0, captionLines.length - 2) * CAPTION_LINE + Math.max(0, legendRows - 1) * LEGEND_ROW;
  let height = (spec.height ?? 360) + grow;
  const minPlot = spec.minPlotHeight ?? 150;
  height = Math.max(height, plotTop + minPlot + bottom + captionBlock);
  const plot: Rect = { x: left, y: plotTop, width: width - left - right, height: height - captionBlock - bottom - plotTop };

  root
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('class', 'chart')
    .attr('role', 'img')
    .attr('aria-label', spec.title)
    .attr('font-family', FONT)
    .attr('font-size', 11)
    .attr('fill', INK);
  root.append('desc').text([spec.title, spec.subtitle ?? '', ...captionLines].filter((s) => s).join('\n'));
  root.append('rect').attr('class', 'background').attr('width', width).attr('height', height).attr('fill', '#ffffff');

  root
    .append('text')
    .attr('class', 'title')
    .attr('x', 16)
    .attr('y', 22)
    .attr('font-size', TITLE_SIZE)
    .attr('font-weight', 600)
    .text(fitText(spec.title, inner, TITLE_SIZE));
  if (spec.subtitle) {
    root
      .append('text')
      .attr('class', 'subtitle')
      .attr('x', 16)
      .attr('y', 39)
      .attr('font-size', SUBTITLE_SIZE)
      .attr('fill', MUTED)
      .text(fitText(spec.subtitle, inner, SUBTITLE_SIZE));
  }

  const legend = root.append('g').attr('class', 'legend').attr('transform', translate(16, legendTop));
  for (const { item, x, row: r } of placed) {
    const g = legend.append('g').attr('class', 'legend-item').attr('transform', translate(x, r * LEGEND_ROW));
    if (item.entry.scenario !== undefined) {
      g.attr('data-scenario', item.entry.scenario);
      // The whole key is clickable (it toggles the scenario), not only its line and text.
      g.append('rect').attr('class', 'legend-hit').attr('x', -2).attr('y', 0).attr('width', px(item.w - 14)).attr('height', LEGEND_ROW).attr('fill', '#ffffff').attr('fill-opacity', 0);
    }
    if (item.entry.shape === 'line') {
      g.append('line')
        .attr('x1', 0)
        .attr('x2', 22)
        .attr('y1', 8)
        .attr('y2', 8)
        .attr('stroke', item.entry.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', item.entry.dash || null);
    } else {
      g.append('rect').attr('x', 5).attr('y', 2).attr('width', 12).attr('height', 12).attr('fill', item.entry.color).attr('stroke', '#00000033');
    }
    g.append('text').attr('x', 28).attr('y', 12).attr('font-size', LEGEND_SIZE).text(item.label);
    if (item.label !== item.entry.label) tip(g, item.entry.label);
  }

  const caption = root.append('g').attr('class', 'caption-block');
  captionLines.forEach((line, i) => {
    caption
      .append('text')
      .attr('class', 'caption')
      .attr('x', 16)
      .attr('y', height - 8 - (captionLines.length - 1 - i) * CAPTION_LINE)
      .attr('font-size', CAPTION_SIZE)
      .attr('fill', MUTED)
      .text(line);
  });

  return { svg, root, width, height, plot };
}

/** Integer-year (or, for short spans, month) tick values inside a decimal-year domain. */
export function timeTicks(domain: [number, number], maxTicks: number): number[] {
  const [a, b] = domain;
  if (b - a >= 2) {
    const step = [1, 2, 5, 10, 20, 50, 100].find((s) => Math.floor(b / s) - Math.ceil(a / s) + 1 <= maxTicks) ?? 100;
    const out: number[] = [];
    for (let y = Math.ceil(a / step) * step; y <= b + 1e-9; y += step) out.push(y);
    return out;
  }
  const step = [1, 2, 3, 6, 12].find((s) => Math.floor((b * 12) / s) - Math.ceil((a * 12) / s) + 1 <= maxTicks) ?? 12;
  const out: number[] = [];
  for (let m = Math.ceil((a * 12) / step - 1e-9) * step; m <= b * 12 + 1e-9; m += step) out.push(m / 12);
  return out;
}

/** Label of a tick from `timeTicks`: "2015" for whole years, else "2015-03". */
export function timeTickLabel(v: number, monthly: boolean): string {
  const y = Math.floor(v + 1e-9);
  if (!monthly) return String(y);
  const m = Math.round((v - y) * 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Bottom axis of calendar time over `plot`, for a linear scale of decimal years. */
export function drawTimeAxis(parent: Sel<SVGGElement>, x: d3.ScaleLinear<number, number>, plot: Rect, maxTicks = 10): void {
  const domain = x.domain() as [number, number];
  const monthly = domain[1] - domain[0] < 2;
  const axis = d3
    .axisBottom(x)
    .tickValues(timeTicks(domain, maxTicks))
    .tickFormat((v) => timeTickLabel(Number(v), monthly))
    .tickSizeOuter(0)
    .tickSize(4)
    .offset(0.5);
  const g = parent.append('g').attr('class', 'axis axis-x').attr('transform', translate(0, plot.y + plot.height)).call(axis);
  styleAxis(g);
}

/**
 * Bottom axis for a band scale. Labels that do not fit the band are wrapped
 * onto two lines when they have several words (zone names); single-word
 * labels (years) are thinned to every k-th instead.
 */
export function drawBandAxis(
  parent: Sel<SVGGElement>,
  x: d3.ScaleBand<string>,
  plot: Rect,
  label: (key: string) => string,
): void {
  const keys = x.domain();
  const room = Math.max(1, x.step() - 4);
  const wraps = keys.some((k) => textWidth(label(k), 10) > room && /\s/.test(label(k)));
  const widest = Math.max(1, ...keys.map((k) => textWidth(label(k), 10)));
  const every = wraps ? 1 : Math.max(1, Math.ceil((widest + 6) / Math.max(1, x.step())));
  const axis = d3
    .axisBottom(x)
    .tickValues(keys.filter((_, i) => i % every === 0))
    .tickFormat((k) => (wraps ? '' : fitText(label(k), every === 1 ? room : widest, 10)))
    .tickSizeOuter(0)
    .tickSize(4)
    .offset(0.5);
  const g = parent.append('g').attr('class', 'axis axis-x').attr('transform', translate(0, plot.y + plot.height)).call(axis);
  if (wraps) {
    g.selectAll<SVGTextElement, string>('.tick text').each(function (key) {
      const lines = wrapText(label(key), room, 10);
      const shown = lines.length > 2 ? [lines[0]!, fitText(lines.slice(1).join(' '), room, 10)] : lines;
      const text = d3.select(this);
      shown.forEach((line, i) => text.append('tspan').attr('x', 0).attr('dy', i === 0 ? null : '1.15em').text(line));
      if (shown.join(' ') !== label(key)) text.append('title').text(label(key));
    });
  }
  styleAxis(g);
}

/** Left (or right) value axis with light gridlines across the plot. */
export function drawValueAxis(
  parent: Sel<SVGGElement>,
  y: d3.ScaleLinear<number, number>,
  plot: Rect,
  format: (v: number, digits?: number) => string,
  options: { ticks?: number; side?: 'left' | 'right'; grid?: boolean; integer?: boolean } = {},
): void {
  const side = options.side ?? 'left';
  // Integer ticks on counts of discrete things (no 0.5-person tick).
  const values = y.ticks(options.ticks ?? 5).filter((v) => !options.integer || Number.isInteger(v));
  const digits = distinctDigits(values, format);
  if (options.grid ?? true) {
    const grid = parent.append('g').attr('class', 'grid');
    for (const v of values) {
      grid
        .append('line')
        .attr('x1', plot.x)
        .attr('x2', plot.x + plot.width)
        .attr('y1', px(y(v)) + 0.5)
        .attr('y2', px(y(v)) + 0.5)
        .attr('stroke', v === 0 ? '#9ca3af' : GRID)
        .attr('stroke-width', 1);
    }
  }
  const axis = (side === 'left' ? d3.axisLeft(y) : d3.axisRight(y))
    .tickValues(values)
    .tickFormat((v) => format(Number(v), digits))
    .tickSize(0)
    .tickPadding(6)
    .offset(0.5);
  const g = parent
    .append('g')
    .attr('class', `axis axis-y axis-${side}`)
    .attr('transform', translate(side === 'left' ? plot.x : plot.x + plot.width, 0))
    .call(axis);
  styleAxis(g);
  g.select('.domain').remove();
}

/**
 * Axis title (contains the unit), `offset` px outside the plot's left, right or bottom edge and centred
 * along it (rotated on the sides), shortened to fit the edge.
 */
export function drawAxisLabel(parent: Sel<SVGGElement>, text: string, plot: Rect, side: 'left' | 'right' | 'bottom', offset: number, fontSize = 10.5): void {
  const t = parent.append('text').attr('class', 'axis-label');
  if (side === 'bottom') {
    t.attr('x', plot.x + plot.width / 2).attr('y', plot.y + plot.height + offset);
  } else {
    const x = side === 'left' ? plot.x - offset : plot.x + plot.width + offset;
    t.attr('transform', `${translate(x, plot.y + plot.height / 2)} rotate(${side === 'left' ? -90 : 90})`);
  }
  t.attr('text-anchor', 'middle')
    .attr('font-size', fontSize)
    .attr('fill', MUTED)
    .text(fitText(text, side === 'bottom' ? plot.width : plot.height, fontSize));
}

/** Replace d3-axis' default font attributes by the chart's and soften colours. */
export function styleAxis(g: Sel<SVGGElement>, fontSize = 10): void {
  g.attr('font-family', null).attr('font-size', fontSize);
  g.selectAll('.tick text').attr('fill', MUTED);
  g.selectAll('.tick line, .domain').attr('stroke', '#9ca3af');
}

/** A `<g class="series" data-scenario=ID>` under `parent`. */
export function seriesGroup(parent: Sel<SVGGElement> | Sel<SVGSVGElement>, scenario: string): Sel<SVGGElement> {
  return (parent as Sel<SVGGElement>).append('g').attr('class', 'series').attr('data-scenario', scenario);
}

/** A note centred in the plot: "No data" by default. */
export function drawNoData(parent: Sel<SVGGElement> | Sel<SVGSVGElement>, plot: Rect, text = 'No data', cls = 'no-data'): void {
  (parent as Sel<SVGGElement>)
    .append('text')
    .attr('class', cls)
    .attr('x', plot.x + plot.width / 2)
    .attr('y', plot.y + plot.height / 2)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .text(text);
}

/** Significant digits (3 at least) at which `format` writes every tick differently (no "21.1M, 21.1M"). */
export function distinctDigits(values: readonly number[], format: (v: number, digits?: number) => string): number {
  for (let digits = 3; digits < 12; digits++) {
    const labels = values.map((v) => format(v, digits));
    if (new Set(labels).size === labels.length) return digits;
  }
  return 12;
}

/** Units that count things: their axes start at 0 unless the data go below it, and their ticks are whole. */
export const COUNT_UNITS: readonly string[] = ['persons', 'children', 'problems', 'jobs', 'households'];

/**
 * Value domain by unit: like `valueDomain`, then a share stays within 0–100%
 * and a count (or any non-negative money or score) does not go below 0 unless
 * the data do.
 */
export function unitDomain(values: number[], unit: string, includeZero = false): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  const count = COUNT_UNITS.includes(unit);
  let [a, b] = valueDomain(values, includeZero || (count && lo >= 0));
  if (lo >= 0 && a < 0) a = 0;
  if (unit === 'share') {
    if (lo >= 0 && a < 0) a = 0;
    if (hi <= 1 && b > 1) b = 1;
  }
  return [a, b];
}

/** A series that is zero throughout, for every scenario: "none in this scenario" replaces a flat zero line. */
export function allZero(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v === 0 || Number.isNaN(v)) && values.some((v) => v === 0);
}

/** The note drawn instead of an all-zero series. */
export function drawNone(parent: Sel<SVGGElement> | Sel<SVGSVGElement>, plot: Rect, text = 'none in this scenario'): void {
  drawNoData(parent, plot, text, 'none');
}

/** Linear scale domain covering `values` with 5% padding, optionally including zero, made nice for about 5 ticks (so the top tick is the top of the plot). */
export function valueDomain(values: number[], includeZero: boolean): [number, number] {
  let lo = d3.min(values, (v) => (Number.isFinite(v) ? v : undefined)) ?? 0;
  let hi = d3.max(values, (v) => (Number.isFinite(v) ? v : undefined)) ?? 1;
  if (includeZero) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  } else {
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  if (hi === lo) {
    const d = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo = includeZero && lo >= 0 ? 0 : lo - d;
    hi += d;
  }
  return d3.scaleLinear().domain([lo, hi]).nice(5).domain() as [number, number];
}

/** One panel of a grid: where its title goes and its own plot rectangle. */
export interface Panel {
  titleX: number;
  titleY: number;
  rect: Rect;
}

/**
 * Split `plot` into `n` panels, `cols` per row, leaving `top` px for a panel
 * title and `bottom` px for an axis under each panel.
 */
export function panelGrid(plot: Rect, n: number, cols: number, gap: { x: number; y: number; top: number; bottom: number }): Panel[] {
  const rows = Math.max(1, Math.ceil(n / cols));
  const cellW = (plot.width - gap.x * (cols - 1)) / cols;
  const cellH = (plot.height - gap.y * (rows - 1)) / rows;
  const panels: Panel[] = [];
  for (let k = 0; k < n; k++) {
    const cx = plot.x + (k % cols) * (cellW + gap.x);
    const cy = plot.y + Math.floor(k / cols) * (cellH + gap.y);
    panels.push({ titleX: cx, titleY: cy + 10, rect: { x: cx, y: cy + gap.top, width: cellW, height: cellH - gap.top - gap.bottom } });
  }
  return panels;
}

/** Bold panel title at a panel's title position, fitted to its width. */
export function drawPanelTitle(parent: Sel<SVGGElement>, panel: Panel, text: string, color?: string): void {
  parent
    .append('text')
    .attr('class', 'panel-title')
    .attr('x', panel.titleX)
    .attr('y', panel.titleY)
    .attr('font-size', 11)
    .attr('font-weight', 600)
    .attr('fill', color ? readableOnWhite(color) : null)
    .text(fitText(text, panel.rect.width, 11));
}

/** `color`, darkened when too light to read as text on white. */
export function readableOnWhite(color: string): string {
  const c = d3.hsl(color);
  return c.l > 0.45 ? d3.rgb(color).darker(0.9).formatHex() : d3.rgb(color).formatHex();
}
