/**
 * The standard chart set of a run or comparison, in reading order: headline
 * indicators over time, zone populations, hukou stack, settlement rounds,
 * cost by payer, migration, rent burden by zone (and by rental tenure) and
 * the pyramid. Charts whose indicators are absent are skipped. The report,
 * the chart files and the explorer draw this one list.
 */
import type { ChartMeta, PyramidInput, ScenarioInfo, StatRow } from '../types.ts';
import { hasIndicator, monthRange, zonesOf } from './data.ts';
import { timeSeriesBand } from './timeSeriesBand.ts';
import { smallMultiplesByZone } from './smallMultiplesByZone.ts';
import { stackedHukou } from './stackedHukou.ts';
import { cutoffAndApplicants } from './cutoffAndApplicants.ts';
import { costByPayer, PAYERS } from './costByPayer.ts';
import { arrivalsDepartures } from './arrivalsDepartures.ts';
import { rentToIncomeByZone } from './rentToIncomeByZone.ts';
import { pyramid } from './pyramid.ts';

/** A named chart; `name` is a stable file stem such as "ts-hukou_share". */
export interface NamedChart {
  name: string;
  svg: SVGSVGElement;
}

/** What a page may change when drawing a standard chart: its title (else the chart's own) and width. */
export interface ChartLook {
  title?: string;
  width?: number;
}

/** A standard chart that the statistics support, not drawn yet. */
export interface StandardChart {
  name: string;
  draw: (document: Document, look?: ChartLook) => SVGSVGElement;
}

/** Rental tenures with their own rent-to-income chart. */
export const RENT_TENURES = [
  ['market_rental', 'market rentals'],
  ['urban_village', 'urban-village rentals (城中村)'],
  ['public_rental', 'public rental housing (公租房)'],
  ['dormitory', 'employer dormitories'],
] as const;

/**
 * The one list of standard charts, in reading order, with the conditions
 * under which each is shown: the report, `megasim run`/`compare` chart files
 * and the explorer all draw this list.
 */
export function standardCharts(stats: readonly StatRow[], scenarios: ScenarioInfo[], meta: ChartMeta, pyramids?: PyramidInput): StandardChart[] {
  const base = { scenarios, meta };
  const range = monthRange(stats) ?? ([0, 0] as [number, number]);
  const charts: StandardChart[] = [];
  // The look's keys are added only when set, so a chart drawn without one gets exactly the options it always had.
  const look = (l?: ChartLook) => ({ ...(l?.title !== undefined ? { title: l.title } : {}), ...(l?.width !== undefined ? { width: l.width } : {}) });
  const add = (name: string, draw: (document: Document, l?: ChartLook) => SVGSVGElement) => charts.push({ name, draw });

  for (const def of meta.indicators) {
    if (def.headline && hasIndicator(stats, def.name, 'all')) {
      add(`ts-${def.name}`, (d, l) => timeSeriesBand(d, stats, { ...base, indicator: def.name, ...look(l) }));
    }
  }
  if (zonesOf(stats, 'zone_population', meta).length > 0) {
    add('zones-zone_population', (d, l) => smallMultiplesByZone(d, stats, { ...base, indicator: 'zone_population', ...look(l) }));
  }
  if (hasIndicator(stats, 'residents', 'all') && hasIndicator(stats, 'hukou_residents', 'all')) {
    add('stacked-hukou', (d, l) => stackedHukou(d, stats, { ...base, ...look(l) }));
  }
  if (hasIndicator(stats, 'cutoff_score', 'all') || hasIndicator(stats, 'settlement_applicants', 'all')) {
    add('cutoff-applicants', (d, l) => cutoffAndApplicants(d, stats, { ...base, monthRange: range, ...look(l) }));
  }
  if (PAYERS.some((p) => hasIndicator(stats, p.indicator, 'all'))) {
    add('cost-by-payer', (d, l) => costByPayer(d, stats, { ...base, mode: 'cumulative', monthRange: range, ...look(l) }));
  }
  if (hasIndicator(stats, 'arrivals', 'all') || hasIndicator(stats, 'departures', 'all')) {
    add('arrivals-departures', (d, l) => arrivalsDepartures(d, stats, { ...base, monthRange: range, ...look(l) }));
  }
  if (zonesOf(stats, 'rent_to_income', meta).length > 0) {
    add('rent-to-income-by-zone', (d, l) => rentToIncomeByZone(d, stats, { ...base, ...look(l) }));
  }
  // Rent to income by zone and tenure: one chart per rental tenure present.
  for (const [tenure, label] of RENT_TENURES) {
    const indicator = `rent_to_income_${tenure}`;
    if (!stats.some((r) => r.indicator === indicator && Number.isFinite(r.mean))) continue;
    add(`rent-to-income-by-zone-${tenure}`, (d, l) => rentToIncomeByZone(d, stats, { ...base, indicator, title: `Rent to income by zone: ${label}`, ...look(l) }));
  }
  if (pyramids && scenarios.some((s) => pyramids[s.id] !== undefined)) {
    add('pyramid', (d, l) => pyramid(d, pyramids, { ...base, ...look(l) }));
  }
  return charts;
}

/** Draw every standard chart that the statistics support. */
export function renderStandardCharts(
  document: Document,
  stats: readonly StatRow[],
  scenarios: ScenarioInfo[],
  meta: ChartMeta,
  pyramids?: PyramidInput,
): NamedChart[] {
  return standardCharts(stats, scenarios, meta, pyramids).map((c) => ({ name: c.name, svg: c.draw(document) }));
}
