/** Charts of a finished sobol or morris sweep: sobol-<indicator>.svg or morris-<indicator>.svg (viz/charts/sensitivity.ts). */
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import { sensitivityResults } from '../../sim/run/sensitivity.ts';
import type { SweepRecord } from '../../sim/run/sweepRecord.ts';
import type { SweepSummary } from '../../sim/run/sweepSummary.ts';
import { makeDocument } from '../dom.ts';
import { serializeSvg } from '../charts/serialize.ts';
import { morrisChart, sobolChart } from '../charts/sensitivity.ts';
import { unitLabel } from '../format.ts';
import { svgFileText } from './charts.ts';

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

export function sensitivityCharts(record: SweepRecord, sum: SweepSummary): Map<string, string> {
  const out = new Map<string, string>();
  const res = sensitivityResults(record, sum);
  if (res.length === 0) return out;
  const doc = makeDocument();
  const sources = [`megasim ${ENGINE_VERSION} sweep "${record.id}" of ${record.scenario.title}: ${record.points.length} points × ${record.seeds.length} seeds, sample ${record.sample}, ${record.months} months`];
  for (const r of res) {
    if (r.method === 'sobol') {
      out.set(`sobol-${slug(r.indicator)}.svg`, svgFileText(serializeSvg(sobolChart(doc, { indicator: r.indicator, rows: r.rows, n: r.n, seeds: record.seeds.length, sources }))));
    } else {
      const unit = unitLabel(INDICATOR_BY_NAME.get(r.indicator)!.unit);
      const rows = r.rows.map((m) => ({ label: m.label, muStar: m.muStar, sigma: m.sigma }));
      out.set(`morris-${slug(r.indicator)}.svg`, svgFileText(serializeSvg(morrisChart(doc, { indicator: r.indicator, unit, rows, trajectories: r.trajectories, sources }))));
    }
  }
  return out;
}
