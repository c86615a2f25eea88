/** The chart API: every chart `(document, data, options) => SVGSVGElement`, the standard set, and serialisation. */
export { timeSeriesBand, type TimeSeriesOptions } from './timeSeriesBand.ts';
export { smallMultiplesByZone, type SmallMultiplesOptions } from './smallMultiplesByZone.ts';
export { stackedHukou, type StackedHukouOptions } from './stackedHukou.ts';
export { cutoffAndApplicants, type CutoffOptions } from './cutoffAndApplicants.ts';
export { costByPayer, PAYERS, type CostByPayerOptions } from './costByPayer.ts';
export { arrivalsDepartures, type ArrivalsDeparturesOptions } from './arrivalsDepartures.ts';
export { rentToIncomeByZone, type RentByZoneOptions } from './rentToIncomeByZone.ts';
export { pyramid, pickSnapshot, type PyramidOptions } from './pyramid.ts';
export { renderStandardCharts, standardCharts, RENT_TENURES, type ChartLook, type NamedChart, type StandardChart } from './standard.ts';
export { serializeSvg } from './serialize.ts';
export { scenarioStyles, type ScenarioStyle } from './palette.ts';
export type { BaseChartOptions, ChartMeta, PyramidInput, PyramidSnapshot, ScenarioInfo, StatRow, ZoneInfo } from '../types.ts';
