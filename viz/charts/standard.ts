/**
 * The standard chart set of a run or comparison, in reading order: headline
 * indicators over time, zone populations, hukou stack, settlement rounds,
 * cost by payer, migration, rent burden by zone and the pyramid. Charts
 * whose indicators are absent are skipped.
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

/** Draw every standard chart that the statistics support. */
/** Rental tenures with their own rent-to-income chart. */
const RENT_TENURES = [
  ['market_rental', 'market rentals'],
  ['urban_village', 'urban-village rentals (城中村)'],
  ['public_rental', 'public rental housing (公租房)'],
  ['dormitory', 'employer dormitories'],
] as const;

export function renderStandardCharts(
  document: Document,
  stats: readonly StatRow[],
  scenarios: ScenarioInfo[],
  meta: ChartMeta,
  pyramids?: PyramidInput,
): NamedChart[] {
  const base = { scenarios, meta };
  const range = monthRange(stats) ?? ([0, 0] as [number, number]);
  const charts: NamedChart[] = [];
  const add = (name: string, draw: () => SVGSVGElement) => charts.push({ name, svg: draw() });

  for (const def of meta.indicators) {
    if (def.headline && hasIndicator(stats, def.name, 'all')) {
      add(`ts-${def.name}`, () => timeSeriesBand(document, stats, { ...base, indicator: def.name }));
    }
  }
  if (zonesOf(stats, 'zone_population', meta).length > 0) {
    add('zones-zone_population', () => smallMultiplesByZone(document, stats, { ...base, indicator: 'zone_population' }));
  }
  if (hasIndicator(stats, 'residents', 'all') && hasIndicator(stats, 'hukou_residents', 'all')) {
    add('stacked-hukou', () => stackedHukou(document, stats, base));
  }
  if (hasIndicator(stats, 'cutoff_score', 'all') || hasIndicator(stats, 'settlement_applicants', 'all')) {
    add('cutoff-applicants', () => cutoffAndApplicants(document, stats, { ...base, monthRange: range }));
  }
  if (PAYERS.some((p) => hasIndicator(stats, p.indicator, 'all'))) {
    add('cost-by-payer', () => costByPayer(document, stats, { ...base, mode: 'cumulative', monthRange: range }));
  }
  if (hasIndicator(stats, 'arrivals', 'all') || hasIndicator(stats, 'departures', 'all')) {
    add('arrivals-departures', () => arrivalsDepartures(document, stats, { ...base, monthRange: range }));
  }
  if (zonesOf(stats, 'rent_to_income', meta).length > 0) {
    add('rent-to-income-by-zone', () => rentToIncomeByZone(document, stats, base));
  }
  // Rent to income by zone and tenure: one chart per rental tenure present.
  for (const [tenure, label] of RENT_TENURES) {
    const indicator = `rent_to_income_${tenure}`;
    if (!stats.some((r) => r.indicator === indicator && Number.isFinite(r.mean))) continue;
    add(`rent-to-income-by-zone-${tenure}`, () => rentToIncomeByZone(document, stats, { ...base, indicator, title: `Rent to income by zone: ${label}` }));
  }
  if (pyramids && scenarios.some((s) => pyramids[s.id] !== undefined)) {
    add('pyramid', () => pyramid(document, pyramids, base));
  }
  return charts;
}
