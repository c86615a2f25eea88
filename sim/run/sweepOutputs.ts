/**
 * What a complete sweep folder gets besides results.csv: summary.csv (each
 * point's indicators across seeds: n, mean, median, 5% and 95% quantiles)
 * and charts/ (viz/charts/sweep.ts: one effect chart per parameter, one
 * tornado chart per kept indicator, at the last reported month). Everything
 * is computed from results.csv and sweep.json alone, so a merged folder and an
 * unsharded one get the same bytes.
 */
import { join } from 'node:path';
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { INDICATOR_BY_NAME } from '../model/indicators.ts';
import { formatNumber } from '../engine/format.ts';
import { ENGINE_VERSION } from '../version.ts';
import { summarize } from './stats.ts';
import { csvField, fmtParam } from './csv.ts';
import { writeAtomic } from './files.ts';
import { svgFileText } from './charts.ts';
import { makeDocument } from '../../viz/dom.ts';
import { serializeSvg } from '../../viz/charts/serialize.ts';
import { monthLabel } from '../../viz/format.ts';
import { sweepEffect, sweepTornado, type SweepChartData, type SweepRunRow } from '../../viz/charts/sweep.ts';
import type { ParamValue, SweepRecord } from './sweep.ts';

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

/** The data the sweep charts read: one row per run with the city-wide values at the last reported month. */
export function sweepChartData(record: SweepRecord, sum: SweepSummary): SweepChartData {
  const month = record.report_months[record.report_months.length - 1] ?? record.months;
  const byRun = new Map<number, SweepRunRow>();
  for (const r of sum.rows) {
    if (r.month !== month || r.zone !== 'all') continue;
    let run = byRun.get(r.run);
    if (!run) byRun.set(r.run, (run = { run: r.run, point: r.point, seed: r.seed, params: record.points[r.point]!, values: {} }));
    run.values[r.indicator] = r.value;
  }
  const start = String((record.scenario.resolved as { start?: unknown }).start ?? '2000-01');
  return {
    id: record.id,
    title: record.title,
    parameters: record.parameters,
    indicators: record.indicators.map((n) => INDICATOR_BY_NAME.get(n)!).filter((d) => d !== undefined),
    runs: [...byRun.values()].sort((a, b) => a.run - b.run),
    month,
    monthLabel: monthLabel(start, month),
    seeds: record.seeds.length,
    sources: [
      `megasim ${ENGINE_VERSION} sweep "${record.id}" of ${record.scenario.title}: ${record.points.length} points × ${record.seeds.length} seeds, sample ${record.sample}, ${record.months} months`,
      'Model inputs: the sources cited in the scenario file',
    ],
  };
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

/** Chart files (name → SVG file text) of a complete sweep. */
export function sweepCharts(record: SweepRecord, sum: SweepSummary): Map<string, string> {
  const data = sweepChartData(record, sum);
  // Indicators with a city-wide value (those kept by zone only have none to chart).
  const shown = data.indicators.filter((d) => data.runs.some((r) => Number.isFinite(r.values[d.name])));
  const doc = makeDocument();
  const out = new Map<string, string>();
  record.parameters.forEach((p, j) => {
    const svg = sweepEffect(doc, data, { parameter: j, indicators: shown.map((d) => d.name) });
    out.set(`effect-${j + 1}-${slug(p.path)}.svg`, svgFileText(serializeSvg(svg)));
  });
  for (const d of shown) out.set(`tornado-${slug(d.name)}.svg`, svgFileText(serializeSvg(sweepTornado(doc, data, { indicator: d.name }))));
  return out;
}

export function writeSweepCharts(dir: string, record: SweepRecord, sum: SweepSummary): void {
  const charts = sweepCharts(record, sum);
  const cd = join(dir, 'charts');
  if (existsSync(cd)) for (const f of readdirSync(cd)) if (f.endsWith('.svg') && !charts.has(f)) unlinkSync(join(cd, f));
  for (const [name, text] of charts) writeAtomic(join(cd, name), text);
}
