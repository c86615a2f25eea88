/**
 * Points settlement per calendar year: applicants (pale bars), persons
 * granted hukou (dark inner bars, when `settlements` is recorded) and the
 * cut-off score (line, right axis), grouped by scenario.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { formatValue, formatWithUnit, unitLabel } from '../format.ts';
import { wordsOf } from './words.ts';
import { completeYears, hasIndicator, indicatorDef, lastInYear, monthRange, yearlyTotals } from './data.ts';
import { SHADES, scenarioStyles } from './palette.ts';
import { COUNT_UNITS, createFrame, drawAxisLabel, drawBandAxis, drawNoData, px, seriesGroup, tip, unitDomain, valueDomain } from './frame.ts';
import { drawRescalingAxis, extentOf, visibleDomain } from './rescale.ts';

/** Options of `cutoffAndApplicants`. */
export interface CutoffOptions extends BaseChartOptions {
  /** The run's first and last month (default: the range of `rows`); decides which years are whole. */
  monthRange?: [number, number];
}

/** Bars of yearly applicants (and grants) with the cut-off score line, per scenario. */
export function cutoffAndApplicants(document: Document, rows: readonly StatRow[], options: CutoffOptions): SVGSVGElement {
  const { meta } = options;
  const w = wordsOf(meta);
  const L = w.locale;
  const styles = scenarioStyles(options.scenarios);
  const cutoffDef = indicatorDef(meta, 'cutoff_score');
  const applicantsDef = indicatorDef(meta, 'settlement_applicants');
  const hasBars = hasIndicator(rows, 'settlement_applicants', 'all');
  // Granted applicants compare like with like (settlements also count family members who follow).
  const grantedName = hasIndicator(rows, 'granted_applicants', 'all') ? 'granted_applicants' : 'settlements';
  const hasGranted = hasBars && hasIndicator(rows, grantedName, 'all');
  const hasCutoff = hasIndicator(rows, 'cutoff_score', 'all');
  const range = options.monthRange ?? monthRange(rows) ?? [0, 0];
  const whole = completeYears(meta.startMonth, range);

  const cutoffs = styles.map((s) => lastInYear(rows, 'cutoff_score', s.id, meta.startMonth));
  const applicants = styles.map((s) => yearlyTotals(rows, 'settlement_applicants', s.id, meta.startMonth, whole));
  const granted = styles.map((s) => yearlyTotals(rows, grantedName, s.id, meta.startMonth, whole));
  const yearSet = new Set<number>(hasBars ? whole : []);
  for (const c of cutoffs) for (const y of c.keys()) yearSet.add(y);
  const years = [...yearSet].sort((a, b) => a - b);
  // Where every applicant is granted (a rule without a quota, as Chongqing's), the two bars would coincide: one bar says so.
  const allGranted =
    hasGranted &&
    styles.every((_, i) => whole.every((y) => Math.abs((applicants[i]!.get(y) ?? 0) - (granted[i]!.get(y) ?? 0)) <= 1e-9 * Math.max(1, applicants[i]!.get(y) ?? 0))) &&
    styles.some((_, i) => whole.some((y) => (applicants[i]!.get(y) ?? 0) > 0));
  const heads = grantedName === 'granted_applicants';

  const legend = [
    ...styles.map((s) => ({ label: s.title, shape: hasCutoff ? ('line' as const) : ('rect' as const), color: s.color, dash: s.dash, scenario: s.id })),
    ...(hasBars && !allGranted ? [{ label: w.applicants, shape: 'rect' as const, color: SHADES[2] }] : []),
    ...(hasGranted && !allGranted ? [{ label: w.grantedHukou, shape: 'rect' as const, color: SHADES[0] }] : []),
    ...(allGranted ? [{ label: w.allGranted, shape: 'rect' as const, color: SHADES[0] }] : []),
  ];
  const frame = createFrame(document, {
    title: options.title ?? (hasCutoff ? w.cutoffTitle : w.grantsTitle),
    subtitle: hasCutoff ? w.cutoffSubtitle(hasGranted) : allGranted ? w.allGrantedSubtitle : w.grantsSubtitle(hasGranted),
    legend,
    notes: [w.yearlyBarsNote(hasCutoff), ...(hasGranted && heads ? [w.headsNote] : [])],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginRight: hasBars && hasCutoff ? 62 : 22,
    lang: meta.lang,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (years.length === 0) drawNoData(g, plot, w.noData);

  const x0 = d3.scaleBand<string>().domain(years.map(String)).range([plot.x, plot.x + plot.width]).paddingInner(0.22).paddingOuter(0.1);
  const x1 = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([0, x0.bandwidth()]).padding(0.08);
  // Both axes rescale to the scenarios shown (viz/charts/rescale.ts).
  const barExtents = styles.map((st, i) => extentOf(st.id, [applicants[i]!, ...(hasGranted ? [granted[i]!] : [])].flatMap((m) => [...m.values()])));
  const cutExtents = styles.map((st, i) => extentOf(st.id, [...cutoffs[i]!.values()].flatMap((r) => [r.mean, r.q05, r.q95])));
  const barDomain = (vs: number[]) => valueDomain(vs, true);
  const cutDomain = (vs: number[]) => unitDomain(vs, cutoffDef.unit);
  const barFormat = (v: number, digits?: number) => formatValue(v, applicantsDef.unit, digits, L);
  const cutFormat = (v: number, digits?: number) => formatValue(v, cutoffDef.unit, digits, L);
  let yBars = d3.scaleLinear().domain(visibleDomain(barExtents, barDomain)).range([plot.y + plot.height, plot.y]);
  let yCut = d3.scaleLinear().domain(visibleDomain(cutExtents, cutDomain)).range([plot.y + plot.height, plot.y]);

  if (hasBars) {
    yBars = drawRescalingAxis(g, plot, barExtents, { id: 'bars', domain: barDomain, format: barFormat, integer: COUNT_UNITS.includes(applicantsDef.unit) });
    drawAxisLabel(g, w.perYear(unitLabel(applicantsDef.unit, L)), plot, 'left', 52);
  }
  if (hasCutoff) {
    const side = hasBars ? 'right' : 'left';
    yCut = drawRescalingAxis(g, plot, cutExtents, { id: 'cutoff', domain: cutDomain, format: cutFormat, side, grid: !hasBars });
    drawAxisLabel(g, w.cutoffAxis(unitLabel(cutoffDef.unit, L)), plot, side, side === 'right' ? 48 : 52);
  }
  drawBandAxis(g, x0, plot, (k) => k);

  styles.forEach((style, i) => {
    const series = seriesGroup(root, style.id);
    const cx = (year: number) => (x0(String(year)) ?? 0) + (x1(style.id) ?? 0) + x1.bandwidth() / 2;
    if (hasBars) {
      const sg = series.append('g').attr('data-scale', 'bars');
      for (const year of whole) {
        const a = applicants[i]!.get(year) ?? 0;
        const left = (x0(String(year)) ?? 0) + (x1(style.id) ?? 0);
        const bar = sg
          .append('rect')
          .attr('class', 'mark bar applicants')
          .attr('x', px(left))
          .attr('y', px(yBars(Math.max(0, a))))
          .attr('width', px(x1.bandwidth()))
          .attr('height', px(Math.abs(yBars(a) - yBars(0))))
          .attr('fill', allGranted ? style.color : style.tint)
          .attr('stroke', style.color)
          .attr('stroke-width', 0.8);
        tip(bar, w.appliedTip(style.title, year, formatWithUnit(a, applicantsDef.unit, 3, L)) + (allGranted ? w.allGrantedTip : ''));
        if (hasGranted && !allGranted) {
          const gr = granted[i]!.get(year) ?? 0;
          const inset = x1.bandwidth() * 0.22;
          const gbar = sg
            .append('rect')
            .attr('class', 'mark bar granted')
            .attr('x', px(left + inset))
            .attr('y', px(yBars(Math.max(0, gr))))
            .attr('width', px(x1.bandwidth() - 2 * inset))
            .attr('height', px(Math.abs(yBars(gr) - yBars(0))))
            .attr('fill', style.color);
          tip(gbar, w.grantedTip(style.title, year, formatWithUnit(gr, 'persons', 3, L), a > 0 ? ((100 * gr) / a).toFixed(1) : null));
        }
      }
    }
    if (hasCutoff) {
      const sg = series.append('g').attr('data-scale', 'cutoff');
      const pts = [...cutoffs[i]!.entries()].filter(([, r]) => Number.isFinite(r.mean));
      const line = d3
        .line<[number, StatRow]>()
        .x(([year]) => cx(year))
        .y(([, r]) => yCut(r.mean))
        .digits(2);
      sg.append('path')
        .attr('class', 'mark line cutoff')
        .attr('d', line(pts))
        .attr('fill', 'none')
        .attr('stroke', style.color)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', style.dash || null);
      for (const [year, r] of pts) {
        const band = r.n > 1 && r.q95 > r.q05 ? w.band(formatValue(r.q05, cutoffDef.unit, 4, L), formatValue(r.q95, cutoffDef.unit, 4, L)) : '';
        const c = sg
          .append('circle')
          .attr('class', 'mark point cutoff')
          .attr('cx', px(cx(year)))
          .attr('cy', px(yCut(r.mean)))
          .attr('r', 3.5)
          .attr('fill', '#ffffff')
          .attr('stroke', style.color)
          .attr('stroke-width', 2);
        tip(c, w.cutoffTip(style.title, year, formatWithUnit(r.mean, cutoffDef.unit, 4, L), band));
      }
    }
  });
  return frame.svg;
}
