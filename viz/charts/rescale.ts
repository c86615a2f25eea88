/**
 * Value axes that rescale when series are hidden. A chart draws its value
 * axis with `drawRescalingAxis`: the axis (and grid) of every series drawn as
 * usual, plus, hidden, the axis of every other domain that hiding series can
 * give. The domain depends only on the lowest and the highest value shown,
 * so the visible series' domain is that of the pair (series with the lowest
 * low, series with the highest high): at most n² pairs, usually a few
 * distinct domains. The unit rules (shares within 0–100%, counts from 0) are
 * the chart's own `domain` function, applied to each pair.
 *
 * The markup (read by the legend script of viz/legendScript.ts, which shows
 * the variant of the visible series and moves the marks by the affine map
 * from the drawn domain to the shown one):
 *
 *   <g class="y-scale" data-scale=ID data-series='["A","B"]' data-lo="…" data-hi="…"
 *      data-domain="a b" data-top=… data-bottom=…>
 *     <g class="y-variant" data-domain="a b" data-pairs="0-1 1-1">grid and axis</g>
 *     <g class="y-variant" data-domain="a' b'" data-pairs="0-0" display="none">…</g>
 *   </g>
 *   … <g data-scale=ID> the marks drawn with the y scale of all series </g>
 */
import * as d3 from 'd3';
import { drawValueAxis, type Rect, type Sel } from './frame.ts';

/** The lowest and highest values one series draws on an axis (NaN when it draws none). */
export interface SeriesExtent {
  id: string;
  lo: number;
  hi: number;
}

/** A series' extent over the finite `values` (NaN, NaN when there are none). */
export function extentOf(id: string, values: readonly number[]): SeriesExtent {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { id, lo, hi } : { id, lo: NaN, hi: NaN };
}

/** The (lowest-low, highest-high) series indices among `visible` series with data; null when none has data. */
export function extremePair(extents: readonly SeriesExtent[], visible: (id: string) => boolean): [number, number] | null {
  let i0 = -1;
  let j0 = -1;
  extents.forEach((e, k) => {
    if (!visible(e.id) || !Number.isFinite(e.lo) || !Number.isFinite(e.hi)) return;
    if (i0 < 0 || e.lo < extents[i0]!.lo) i0 = k;
    if (j0 < 0 || e.hi > extents[j0]!.hi) j0 = k;
  });
  return i0 < 0 ? null : [i0, j0];
}

/** The domain the axis shows when only the series for which `visible` holds are shown. */
export function visibleDomain(extents: readonly SeriesExtent[], domain: (values: number[]) => [number, number], visible: (id: string) => boolean = () => true): [number, number] {
  const p = extremePair(extents, visible);
  return p === null ? domain([]) : domain([extents[p[0]]!.lo, extents[p[1]]!.hi]);
}

/** Options of `drawRescalingAxis`. */
export interface RescalingAxisOptions {
  /** The scale's id within the chart (letters, digits and dashes), named by the marks' `data-scale`. */
  id: string;
  /** The domain for the values shown (the chart's unit rules); called with [] when nothing is shown. */
  domain: (values: number[]) => [number, number];
  format: (v: number, digits?: number) => string;
  ticks?: number;
  side?: 'left' | 'right';
  grid?: boolean;
  integer?: boolean;
}

const num = (v: number) => String(v);

/** One domain that hiding series can give, with the (lowest low, highest high) pairs `i-j` that give it. */
export interface DomainVariant {
  domain: [number, number];
  pairs: string[];
}

/**
 * The domain of every series shown first, then every other domain hiding series
 * can give: every pair (i, j) that can be (lowest low, highest high) of some set
 * of series (i's low at most j's, j's high at least i's), through `domain`;
 * pairs with the same domain share one variant.
 */
export function domainVariants(extents: readonly SeriesExtent[], domain: (values: number[]) => [number, number]): DomainVariant[] {
  const full = visibleDomain(extents, domain);
  const variants = new Map<string, DomainVariant>();
  variants.set(full.join(' '), { domain: full, pairs: [] });
  extents.forEach((a, i) => {
    extents.forEach((b, j) => {
      if (![a.lo, a.hi, b.lo, b.hi].every(Number.isFinite) || a.lo > b.lo || b.hi < a.hi) return;
      const d = domain([a.lo, b.hi]);
      const key = d.join(' ');
      if (!variants.has(key)) variants.set(key, { domain: d, pairs: [] });
      variants.get(key)!.pairs.push(`${i}-${j}`);
    });
  });
  return [...variants.values()];
}

/**
 * Draws the value axis of `extents` (every series shown) into `parent`, with a
 * hidden variant for every other domain hiding series can give; returns the
 * y scale of every series shown, which the marks (under `data-scale=id`) are drawn with.
 */
export function drawRescalingAxis(parent: Sel<SVGGElement>, plot: Rect, extents: readonly SeriesExtent[], o: RescalingAxisOptions): d3.ScaleLinear<number, number> {
  const range = [plot.y + plot.height, plot.y];
  const full = visibleDomain(extents, o.domain);
  const scale = parent
    .append('g')
    .attr('class', 'y-scale')
    .attr('data-scale', o.id)
    .attr('data-series', JSON.stringify(extents.map((e) => e.id)))
    .attr('data-lo', extents.map((e) => num(e.lo)).join(' '))
    .attr('data-hi', extents.map((e) => num(e.hi)).join(' '))
    .attr('data-domain', full.map(num).join(' '))
    .attr('data-top', num(plot.y))
    .attr('data-bottom', num(plot.y + plot.height));
  const variants = domainVariants(extents, o.domain);
  let first = true;
  for (const v of variants) {
    const g = scale.append('g').attr('class', 'y-variant').attr('data-domain', v.domain.map(num).join(' ')).attr('data-pairs', v.pairs.join(' '));
    if (!first) g.attr('display', 'none');
    first = false;
    drawValueAxis(g, d3.scaleLinear().domain(v.domain).range(range), plot, o.format, { ticks: o.ticks, side: o.side, grid: o.grid, integer: o.integer });
  }
  return d3.scaleLinear().domain(full).range(range);
}
