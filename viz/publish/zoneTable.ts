/**
 * The per-zone headline table: for each zone of the city, the horizon value
 * of the zone indicators (residents, settlements over the run, rent to
 * income, plus any headline indicator recorded by zone) in every scenario,
 * and each scenario's difference from the first with its interval. A
 * comparison takes the paired differences (sim/run/stats.ts); a single run
 * takes its statistics (level at the last month; a flow summed over months
 * 1..last).
 */
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { measureOf, type Difference, type StatRow } from '../../sim/run/stats.ts';

/** Indicators every zone table shows when recorded (in this order), before the question's own zone indicators. */
export const ZONE_INDICATORS = ['zone_population', 'settlements', 'rent_to_income'] as const;

// The table's shape is declared once, beside the report part that draws it.
export type { ZoneCell, ZoneTable } from '../reportSections.ts';
import type { ZoneCell, ZoneTable } from '../reportSections.ts';

/** The table; null when no zone indicator is recorded. */
export function zoneTable(
  stats: readonly StatRow[],
  diffs: readonly Difference[],
  scenarios: readonly { id: string }[],
  zones: readonly { id: string; name: string }[],
  headline: readonly string[] = [],
): ZoneTable | null {
  const names = [...ZONE_INDICATORS, ...headline.filter((h) => !(ZONE_INDICATORS as readonly string[]).includes(h))];
  const defs = names
    .map((n) => INDICATORS.find((d) => d.name === n))
    .filter((d): d is IndicatorDef => d !== undefined)
    .filter((d) => stats.some((r) => r.indicator === d.name && r.zone !== 'all'));
  if (defs.length === 0 || zones.length === 0) return null;
  const last = Math.max(...stats.map((r) => r.month));
  const cells = zones.map((z) =>
    defs.map((def): ZoneCell | null => {
      if (scenarios.length > 1) {
        const mine = diffs.filter((d) => d.indicator === def.name && d.zone === z.id);
        if (mine.length === 0) return null;
        const first = mine[0]!;
        const values = [first.baselineMean, ...scenarios.slice(1).map((s) => mine.find((d) => d.scenario === s.id)?.scenarioMean ?? NaN)];
        const ds = scenarios.slice(1).map((s) => {
          const d = mine.find((x) => x.scenario === s.id);
          return d ? { difference: d.difference, lo: d.lo, hi: d.hi, significant: d.significant } : { difference: NaN, lo: NaN, hi: NaN, significant: false };
        });
        return { values, diffs: ds };
      }
      const rows = stats.filter((r) => r.indicator === def.name && r.zone === z.id && r.scenario === scenarios[0]?.id && Number.isFinite(r.mean));
      if (rows.length === 0) return null;
      const v = measureOf(def) === 'total' ? rows.filter((r) => r.month >= 1).reduce((s, r) => s + r.mean, 0) : (rows.find((r) => r.month === last) ?? rows[rows.length - 1]!).mean;
      return { values: [v], diffs: [] };
    }),
  );
  return { indicators: defs, zones: zones.map((z) => ({ id: z.id, name: z.name })), cells, measure: defs.map(measureOf) };
}
