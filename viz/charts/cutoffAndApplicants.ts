/**
 * Points settlement per calendar year: applicants (pale bars), persons
 * granted hukou (dark inner bars, when `settlements` is recorded) and the
 * cut-off score (line, right axis), grouped by scenario.
 */
import * as d3 from 'd3';
import type { BaseChartOptions, StatRow } from '../types.ts';
import { formatValue, formatWithUnit, unitLabel } from '../format.ts';
import { completeYears, hasIndicator, indicatorDef, lastInYear, monthRange, yearlyTotals } from './data.ts';
import { SHADES, scenarioStyles } from './palette.ts';
import { COUNT_UNITS, createFrame, drawAxisLabel, drawBandAxis, drawNoData, drawValueAxis, px, seriesGroup, tip, unitDomain, valueDomain } from './frame.ts';

/** Options of `cutoffAndApplicants`. */
export interface CutoffOptions extends BaseChartOptions {
  /** The run's first and last month (default: the range of `rows`); decides which years are whole. */
  monthRange?: [number, number];
}

/** Bars of yearly applicants (and grants) with the cut-off score line, per scenario. */
export function cutoffAndApplicants(document: Document, rows: readonly StatRow[], options: CutoffOptions): SVGSVGElement {
  const { meta } = options;
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
    ...(hasBars && !allGranted ? [{ label: 'applicants', shape: 'rect' as const, color: SHADES[2] }] : []),
    ...(hasGranted && !allGranted ? [{ label: 'granted hukou', shape: 'rect' as const, color: SHADES[0] }] : []),
    ...(allGranted ? [{ label: 'applicants, every one granted', shape: 'rect' as const, color: SHADES[0] }] : []),
  ];
  const frame = createFrame(document, {
    title: options.title ?? (hasCutoff ? 'Settlement applicants and points cut-off score' : 'Settlement applicants and grants per year'),
    subtitle: hasCutoff
      ? `Per calendar year: applicants${hasGranted ? ' and grants' : ''} (bars, left axis); lowest score granted (line, right axis)`
      : allGranted
        ? 'Persons applying for local hukou per calendar year: every applicant was granted it (the rule has no quota)'
        : `Persons applying for local hukou${hasGranted ? ' (pale) and persons granted it (dark)' : ''}, per calendar year`,
    legend,
    notes: [
      `Bars: yearly totals of the mean over runs (whole calendar years only)${hasCutoff ? '; line: cut-off of the last round in each year (mean)' : ''}.`,
      ...(hasGranted && heads
        ? ['Applicants and grants count the persons who apply (heads). The family members who follow a granted applicant get hukou too: they are counted in Settlements, which is therefore larger.']
        : []),
    ],
    sources: meta.sources,
    width: options.width,
    height: options.height,
    marginRight: hasBars && hasCutoff ? 62 : 22,
  });
  const { root, plot } = frame;
  const g = root.append('g').attr('class', 'plot');
  if (years.length === 0) drawNoData(g, plot);

  const x0 = d3.scaleBand<string>().domain(years.map(String)).range([plot.x, plot.x + plot.width]).paddingInner(0.22).paddingOuter(0.1);
  const x1 = d3.scaleBand<string>().domain(styles.map((s) => s.id)).range([0, x0.bandwidth()]).padding(0.08);
  const barValues = [...applicants, ...(hasGranted ? granted : [])].flatMap((m) => [...m.values()]);
  const yBars = d3.scaleLinear().domain(valueDomain(barValues, true)).range([plot.y + plot.height, plot.y]);
  const cutoffRows = cutoffs.flatMap((m) => [...m.values()]);
  const yCut = d3
    .scaleLinear()
    .domain(unitDomain(cutoffRows.flatMap((r) => [r.mean, r.q05, r.q95]), cutoffDef.unit))
    .range([plot.y + plot.height, plot.y]);

  if (hasBars) {
    drawValueAxis(g, yBars, plot, (v, digits) => formatValue(v, applicantsDef.unit, digits), { integer: COUNT_UNITS.includes(applicantsDef.unit) });
    drawAxisLabel(g, `${unitLabel(applicantsDef.unit)} per year`, plot, 'left', 52);
  }
  if (hasCutoff) {
    const side = hasBars ? 'right' : 'left';
    drawValueAxis(g, yCut, plot, (v, digits) => formatValue(v, cutoffDef.unit, digits), { side, grid: !hasBars });
    drawAxisLabel(g, `cut-off score (${unitLabel(cutoffDef.unit)})`, plot, side, side === 'right' ? 48 : 52);
  }
  drawBandAxis(g, x0, plot, (k) => k);

  styles.forEach((style, i) => {
    const sg = seriesGroup(root, style.id);
    const cx = (year: number) => (x0(String(year)) ?? 0) + (x1(style.id) ?? 0) + x1.bandwidth() / 2;
    if (hasBars) {
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
        tip(bar, `${style.title} — ${year}: ${formatWithUnit(a, applicantsDef.unit)} applied${allGranted ? ', every one granted' : ''}`);
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
          tip(gbar, `${style.title} — ${year}: ${formatWithUnit(gr, 'persons')} granted hukou${a > 0 ? ` (${((100 * gr) / a).toFixed(1)}% of applicants)` : ''}`);
        }
      }
    }
    if (hasCutoff) {
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
        const band = r.n > 1 && r.q95 > r.q05 ? ` (5–95%: ${formatValue(r.q05, cutoffDef.unit, 4)} to ${formatValue(r.q95, cutoffDef.unit, 4)})` : '';
        const c = sg
          .append('circle')
          .attr('class', 'mark point cutoff')
          .attr('cx', px(cx(year)))
          .attr('cy', px(yCut(r.mean)))
          .attr('r', 3.5)
          .attr('fill', '#ffffff')
          .attr('stroke', style.color)
          .attr('stroke-width', 2);
        tip(c, `${style.title} — ${year}: cut-off ${formatWithUnit(r.mean, cutoffDef.unit, 4)}${band}`);
      }
    }
  });
  return frame.svg;
}
