/**
 * The rows of a complete sweep's results.csv and its summary.csv (each
 * point's indicators across seeds: n, mean, median, 5% and 95% quantiles).
 * Everything is computed from results.csv and sweep.json alone, so a merged
 * folder and an unsharded one get the same bytes. The charts of a sweep are
 * drawn from the same summary by viz/publish/sweep.ts.
 */
import { formatNumber } from '../engine/format.ts';
import { summarize } from './stats.ts';
import { csvField, fmtParam } from './csv.ts';
import type { SweepRecord } from './sweepRecord.ts';

/** Splits one CSV line (RFC 4180 quoting). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else s += line[i++];
      }
      out.push(s);
      i++; // the comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
    if (i > line.length) break;
  }
  return out;
}

export interface SweepTableRow {
  run: number;
  point: number;
  seed: number;
  month: number;
  indicator: string;
  zone: string;
  value: number;
}

/** The rows of results.csv. */
export function parseResults(record: SweepRecord, csv: string): SweepTableRow[] {
  const np = record.parameters.length;
  const lines = csv.split('\n');
  const rows: SweepTableRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const f = splitCsvLine(lines[i]!);
    rows.push({ run: Number(f[0]), point: Number(f[1]), seed: Number(f[2]), month: Number(f[3 + np]), indicator: f[4 + np]!, zone: f[5 + np]!, value: Number(f[6 + np]) });
  }
  return rows;
}

export interface SweepSummary {
  rows: SweepTableRow[];
  /** (point, month, indicator, zone) → statistics across seeds, in first-seen order. */
  stats: { point: number; month: number; indicator: string; zone: string; s: ReturnType<typeof summarize> }[];
}

export function summarizeSweep(record: SweepRecord, resultsCsv: string): SweepSummary {
  const rows = parseResults(record, resultsCsv);
  const groups = new Map<string, { point: number; month: number; indicator: string; zone: string; values: number[] }>();
  for (const r of rows) {
    const key = `${r.point}|${r.month}|${r.indicator}|${r.zone}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { point: r.point, month: r.month, indicator: r.indicator, zone: r.zone, values: [] }));
    g.values.push(r.value);
  }
  const stats = [...groups.values()]
    .sort((a, b) => a.point - b.point || a.month - b.month)
    .map((g) => ({ point: g.point, month: g.month, indicator: g.indicator, zone: g.zone, s: summarize(g.values) }));
  return { rows, stats };
}

export function summaryCsv(record: SweepRecord, sum: SweepSummary): string {
  const head = ['point', ...record.parameters.map((p) => csvField(p.path)), 'month', 'indicator', 'zone', 'n', 'mean', 'median', 'q05', 'q95'].join(',') + '\n';
  const parts = [head];
  for (const st of sum.stats) {
    const s = st.s;
    parts.push(
      `${st.point},${record.points[st.point]!.map(fmtParam).join(',')},${st.month},${st.indicator},${st.zone},${s.n},${formatNumber(s.mean)},${formatNumber(s.median)},${formatNumber(s.q05)},${formatNumber(s.q95)}\n`,
    );
  }
  return parts.join('');
}
