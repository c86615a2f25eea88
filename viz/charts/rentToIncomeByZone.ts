/**
 * Rent-to-income ratio by zone at one month: grouped bars (one per scenario)
 * for every zone and the city as a whole, with 5–95% whiskers across
 * replications.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { formatValue, monthLabel, unitLabel } from '../format.ts';
import { wordsOf } from './words.ts';
import { indicatorDef, replications, zoneName, zonesOf } from './data.ts';
import { scenarioStyles } from './palette.ts';
import { COUNT_UNITS, createFrame, drawAxisLabel, drawBandAxis, drawNoData, px, seriesGroup, tip, unitDomain } from './frame.ts';
import { drawRescalingAxis, extentOf } from './rescale.ts';
import { describeRow } from './lines.ts';

/** Options of `rentToIncomeByZone`. */
export interface RentByZoneOptions extends BaseChartOptions {
  /** Month to show (default: the last month with data). */
  month?: number;
  /** By-zone indicator (default "rent_to_income"). */
  indicator?: string;
}

/** Grouped bars of a by-zone indicator at one month. */
export function rentToIncomeByZone(document: Document, rows: readonly StatRow[], options: RentByZoneOptions): SVGSVGElement {
  const { meta } = options;
  const wd = wordsOf(meta);
  const L = wd.locale;
  const def = indicatorDef(meta, options.indicator ?? 'rent_to_income');
  const styles = scenarioStyles(options.scenarios);
  const own = rows.filter((r) => r.indicator === def.name);
  const month = options.month ?? d3.max(own, (r) => r.month) ?? 0;
  const at = own.filter((r) => r.month === month);
  const zones = [...zonesOf(at, def.name, meta), ...(at.some((r) => r.zone === 'all') ? ['all'] : [])];
  const cell = (scenario: string, zone: string) => at.find((r) => r.scenario === scenario && r.zone === zone);
  const n = replications(at);

  const frame = createFrame(document, {
    title: options.title ?? wd.byZoneAt(wd.indicatorTitle(meta, def.name), monthLabel(meta.startMonth, month)),
    subtitle: wd.meaning(meta, def.name, def.meaning),
    legend: styles.map((s) => ({ label: s.title, shape: 'rect' as const, color: s.color, scenario: s.id })),
    notes: [wd.rentNote(n)],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginBottom: 40,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (zones.length === 0) drawNoData(g, plot, wd.noData);

  const x0 = d3.scaleBand<string>().domain(zones).range([plot.x, plot.x + plot.width]).paddingInner(0.22).paddingOuter(0.1);
  const x1 = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([0, x0.bandwidth()]).padding(0.08);
  // Hiding a scenario rescales the axis to the others (viz/charts/rescale.ts).
  const y = drawRescalingAxis(
    g,
    plot,
    styles.map((s) => extentOf(s.id, at.filter((r) => r.scenario === s.id).flatMap((r) => [r.mean, r.q95]))),
    { id: 'y', domain: (vs) => unitDomain(vs, def.unit, true), format: (v, digits) => formatValue(v, def.unit, digits, L), integer: COUNT_UNITS.includes(def.unit) },
  );
  drawAxisLabel(g, unitLabel(def.unit, L), plot, 'left', 52);
  drawBandAxis(g, x0, plot, (z) => zoneName(meta, z));

  styles.forEach((style) => {
    const sg = seriesGroup(root, style.id).attr('data-scale', 'y');
    for (const zone of zones) {
      const r = cell(style.id, zone);
      if (!r || !Number.isFinite(r.mean)) continue;
      const left = (x0(zone) ?? 0) + (x1(style.id) ?? 0);
      const w = x1.bandwidth();
      const bar = sg
        .append('rect')
        .attr('class', 'mark bar')
        .attr('x', px(left))
        .attr('y', px(y(Math.max(0, r.mean))))
        .attr('width', px(w))
        .attr('height', px(Math.abs(y(r.mean) - y(0))))
        .attr('fill', style.color);
      tip(bar, describeRow(r, def, style.title, meta.startMonth, zoneName(meta, zone), L));
      if (r.n > 1 && r.q95 > r.q05) {
        const cx = px(left + w / 2);
        const cap = Math.min(5, w / 3);
        const d = `M${cx},${px(y(r.q05))}V${px(y(r.q95))}M${px(cx - cap)},${px(y(r.q05))}H${px(cx + cap)}M${px(cx - cap)},${px(y(r.q95))}H${px(cx + cap)}`;
        sg.append('path').attr('class', 'whisker-halo').attr('d', d).attr('fill', 'none').attr('stroke', '#ffffff').attr('stroke-width', 3);
        sg.append('path').attr('class', 'whisker').attr('d', d).attr('fill', 'none').attr('stroke', '#111111').attr('stroke-width', 1);
      }
    }
  });
  return frame.svg;
}
