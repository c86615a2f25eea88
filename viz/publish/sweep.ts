/**
 * The charts of a complete sweep folder (viz/charts/sweep.ts: one effect
 * chart per parameter, one tornado chart per kept indicator, at the last
 * reported month), drawn from sweep.json and the summary of results.csv
 * alone, so a merged folder and an unsharded one get the same bytes; and
 * the sweep and merge as the commands run them: the data (sim/run), then
 * charts/ once the folder holds every run.
 */
import { join } from 'node:path';
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import { writeAtomic } from '../../sim/run/files.ts';
import { runSweep, type FinishedSweep, type SweepOptions, type SweepResult } from '../../sim/run/sweep.ts';
import { mergeSweeps, type MergeResult } from '../../sim/run/merge.ts';
import type { SweepRecord } from '../../sim/run/sweepRecord.ts';
import type { SweepSummary } from '../../sim/run/sweepSummary.ts';
import { makeDocument } from '../dom.ts';
import { serializeSvg } from '../charts/serialize.ts';
import { monthLabel } from '../format.ts';
import { sweepEffect, sweepTornado, type SweepChartData, type SweepRunRow } from '../charts/sweep.ts';
import { svgFileText } from './charts.ts';
import { sensitivityCharts } from './sensitivity.ts';
import { sweepHeatmap } from '../charts/heatmap.ts';
import { renderSweepReport } from './sweepReport.ts';
import type { IndicatorDef } from '../types.ts';

/** `megasim sweep`: runs the sweep (or a shard); a folder that then holds every run also gets charts/. */
export async function sweepAndPublish(file: string, o: SweepOptions): Promise<SweepResult> {
  // The charts are drawn before the folder is committed (a forced sweep is swapped in only when whole).
  return runSweep(file, { ...o, publish: writeSweepCharts });
}

/** `megasim merge`: joins shard folders, then draws charts/ of the merged folder. */
export async function mergeAndPublish(dirs: string[], outDir: string, force: boolean): Promise<MergeResult> {
  const r = await mergeSweeps(dirs, outDir, force, writeSweepCharts);
  if (r.calibration?.complete) {
    const { writeCalibrationCharts } = await import('./calibrate.ts');
    writeCalibrationCharts(r.calibration);
  }
  return r;
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

/** How many indicators get heatmaps when none of the kept ones is a headline indicator. */
const HEATMAP_FALLBACK = 4;

/**
 * The interaction heatmaps of a sweep: every pair (a < b) of its `parameters`
 * swept parameters, for each of the `shown` indicators that is a headline
 * indicator (sim/model/observe/indicators.ts), or for the first four shown
 * when none is; ordered by indicator, then pair.
 */
export function heatmapPlan(parameters: number, shown: readonly IndicatorDef[]): { a: number; b: number; indicator: string }[] {
  const headline = shown.filter((d) => d.headline);
  const indicators = headline.length > 0 ? headline : shown.slice(0, HEATMAP_FALLBACK);
  const out: { a: number; b: number; indicator: string }[] = [];
  for (const d of indicators) for (let a = 0; a < parameters; a++) for (let b = a + 1; b < parameters; b++) out.push({ a, b, indicator: d.name });
  return out;
}

/** The file name of the heatmap of parameters a × b (0-based) for `indicator`. */
export const heatmapFile = (a: number, b: number, indicator: string) => `interaction-${a + 1}-${b + 1}-${slug(indicator)}.svg`;

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
  // Interaction heatmaps: every pair of swept parameters, for each headline indicator kept.
  for (const h of heatmapPlan(record.parameters.length, shown)) {
    out.set(heatmapFile(h.a, h.b, h.indicator), svgFileText(serializeSvg(sweepHeatmap(doc, data, h))));
  }
  for (const [name, text] of sensitivityCharts(record, sum)) out.set(name, text);
  return out;
}

/** report.html of a complete sweep (viz/publish/sweepReport.ts), from the same data as its charts. */
export function sweepReport(record: SweepRecord, sum: SweepSummary): string {
  return renderSweepReport(record, sweepCharts(record, sum));
}

/** Writes charts/ and report.html of a finished sweep folder and removes other .svg files left in charts/ by an earlier sweep. */
export function writeSweepCharts(f: FinishedSweep): void {
  const { dir, record, summary: sum } = f;
  const charts = sweepCharts(record, sum);
  const cd = join(dir, 'charts');
  if (existsSync(cd)) for (const f of readdirSync(cd)) if (f.endsWith('.svg') && !charts.has(f)) unlinkSync(join(cd, f));
  for (const [name, text] of charts) writeAtomic(join(cd, name), text);
  writeAtomic(join(dir, 'report.html'), renderSweepReport(record, charts));
}
