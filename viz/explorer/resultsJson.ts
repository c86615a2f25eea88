/**
 * The explorer's results as JSON, beside the CSV: the rows indicators.csv
 * holds, in its order and with its numbers (the CSV's fixed format read back),
 * long form with the columns of a run folder's indicators.parquet —
 * scenario, seed, replication, month, date (first day of the month),
 * indicator, zone, value, unit — so that a notebook reads either file alike.
 * A value the CSV writes as NaN (undefined that month) is null in JSON.
 * The explorer writes no Parquet (docs/guide.md: a run downloaded as YAML and
 * repeated with `megasim run` gives the same digest and indicators.parquet).
 */
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import { formatNumber } from '../../sim/engine/format.ts';
import type { Rows } from '../../sim/run/rows.ts';

/** "YYYY-MM-01" of month `m` after `start` ("YYYY-MM"). */
export function monthDate(start: string, m: number): string {
  const k = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + m;
  const y = Math.floor(k / 12);
  return `${String(y).padStart(4, '0')}-${String(k - y * 12 + 1).padStart(2, '0')}-01`;
}

/** The JSON text of one setting's results: an array of row objects, replication by replication. */
export function resultsJson(scenario: string, seed: number, start: string, zoneIds: readonly string[], replications: readonly Rows[]): string {
  const lines: string[] = [];
  replications.forEach((rec, replication) => {
    for (let i = 0; i < rec.month.length; i++) {
      const def = INDICATORS[rec.indicator[i]!]!;
      const z = rec.zone[i]!;
      const m = rec.month[i]!;
      lines.push(
        JSON.stringify({ scenario, seed, replication, month: m, date: monthDate(start, m), indicator: def.name, zone: z < 0 ? 'all' : zoneIds[z], value: Number(formatNumber(rec.value[i]!)), unit: def.unit }),
      );
    }
  });
  return `[\n${lines.join(',\n')}\n]\n`;
}
