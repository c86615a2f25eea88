/**
 * Selecting and aggregating comparison statistics for charts: one series per
 * (scenario, indicator, zone), calendar-year totals of monthly flows, and the
 * unit metadata of an indicator. Pure functions, deterministic order.
 */
import type { ChartMeta, IndicatorDef, StatRow } from '../types.ts';
import { calendarYear, parseStartMonth } from '../format.ts';
import { wordsOf } from './words.ts';

/** The definition of `name`, or a unit-less placeholder if the metadata lacks it. */
export function indicatorDef(meta: ChartMeta, name: string): IndicatorDef {
  return meta.indicators.find((d) => d.name === name) ?? { name, unit: 'ratio', kind: 'stock', meaning: '' };
}

/** Rows of one indicator (and zone, and scenario if given), sorted by month. */
export function series(rows: readonly StatRow[], indicator: string, zone = 'all', scenario?: string): StatRow[] {
  return rows
    .filter((r) => r.indicator === indicator && r.zone === zone && (scenario === undefined || r.scenario === scenario))
    .sort((a, b) => a.month - b.month);
}

/** Whether any row of `indicator` exists (in `zone`, if given). */
export function hasIndicator(rows: readonly StatRow[], indicator: string, zone?: string): boolean {
  return rows.some((r) => r.indicator === indicator && (zone === undefined || r.zone === zone));
}

/** Zone ids other than "all" present for `indicator`, in the order of `meta.zones` (unknown zones last, sorted). */
export function zonesOf(rows: readonly StatRow[], indicator: string, meta: ChartMeta): string[] {
  const present = new Set(rows.filter((r) => r.indicator === indicator && r.zone !== 'all').map((r) => r.zone));
  const known = meta.zones.map((z) => z.id).filter((id) => present.has(id));
  const unknown = [...present].filter((id) => !meta.zones.some((z) => z.id === id)).sort();
  return [...known, ...unknown];
}

/** Display name of a zone id ("all" → "City-wide"). */
export function zoneName(meta: ChartMeta, id: string): string {
  if (id === 'all') return wordsOf(meta).cityWide;
  return meta.zones.find((z) => z.id === id)?.name ?? id;
}

/** First and last month present in any row, or null for no rows. */
export function monthRange(rows: readonly StatRow[]): [number, number] | null {
  if (rows.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.month < lo) lo = r.month;
    if (r.month > hi) hi = r.month;
  }
  return [lo, hi];
}

/**
 * Calendar years whose twelve months all lie within the run's month range;
 * if the run covers no whole year, every year it touches.
 */
export function completeYears(startMonth: string, range: [number, number]): number[] {
  const { month0 } = parseStartMonth(startMonth);
  const first = calendarYear(startMonth, range[0]);
  const last = calendarYear(startMonth, range[1]);
  const years: number[] = [];
  for (let y = first; y <= last; y++) {
    const janOffset = (y - calendarYear(startMonth, 0)) * 12 - month0;
    if (janOffset >= range[0] && janOffset + 11 <= range[1]) years.push(y);
  }
  if (years.length > 0) return years;
  const all: number[] = [];
  for (let y = first; y <= last; y++) all.push(y);
  return all;
}

/** Sum of the mean of `indicator` (zone "all") per calendar year, for one scenario. Years without rows are 0. */
export function yearlyTotals(
  rows: readonly StatRow[],
  indicator: string,
  scenario: string,
  startMonth: string,
  years: readonly number[],
): Map<number, number> {
  const totals = new Map<number, number>(years.map((y) => [y, 0]));
  for (const r of rows) {
    if (r.indicator !== indicator || r.scenario !== scenario || r.zone !== 'all') continue;
    const y = calendarYear(startMonth, r.month);
    const t = totals.get(y);
    if (t !== undefined && Number.isFinite(r.mean)) totals.set(y, t + r.mean);
  }
  return totals;
}

/** The last row of `indicator` (zone "all") in each calendar year, for one scenario. */
export function lastInYear(rows: readonly StatRow[], indicator: string, scenario: string, startMonth: string): Map<number, StatRow> {
  const out = new Map<number, StatRow>();
  for (const r of series(rows, indicator, 'all', scenario)) out.set(calendarYear(startMonth, r.month), r);
  return out;
}

/** Largest replication count among rows (1 when none). */
export function replications(rows: readonly StatRow[]): number {
  let n = 1;
  for (const r of rows) if (r.n > n) n = r.n;
  return n;
}

/** Caption note on what lines and bands mean, given the replication count (in the charts' language, `meta.lang`). */
export function bandNote(n: number, what: 'lines' | 'areas' | 'bars' = 'lines', meta: Pick<ChartMeta, 'lang'> = {}): string {
  return wordsOf(meta).bandNote(n, what);
}
