/**
 * Sensitivity outputs of a complete sweep with design sobol or morris
 * (from results.csv and sweep.json alone, so merged = unsharded):
 * sensitivity.csv — per kept indicator (city-wide, last reported month; the
 * value of a point is its mean over seeds) and parameter, Sobol' S1 and ST
 * with 95% bootstrap intervals, or Morris μ*, μ and σ — and charts
 * sobol-<indicator>.svg / morris-<indicator>.svg. Designs from a samples file
 * (e.g. SALib's) get salib/Y-<indicator>.txt instead, for SALib's analyse.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATOR_BY_NAME } from '../model/indicators.ts';
import { formatNumber } from '../engine/format.ts';
import { ENGINE_VERSION } from '../version.ts';
import { csvField } from './csv.ts';
import { writeAtomic } from './files.ts';
import { svgFileText } from './charts.ts';
import { sobolIndices } from './sobol.ts';
import { morrisDesign, morrisIndices } from './morris.ts';
import { isMorris, isSamples, isSobol } from './sweepDesigns.ts';
import type { SweepRecord } from './sweep.ts';
import type { SweepSummary } from './sweepOutputs.ts';
import { makeDocument } from '../../viz/dom.ts';
import { serializeSvg } from '../../viz/charts/serialize.ts';
import { morrisChart, sobolChart } from '../../viz/charts/sensitivity.ts';
import { unitLabel } from '../../viz/format.ts';

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
const f = (x: number) => (Number.isFinite(x) ? formatNumber(x) : '');

/** Each point's mean over seeds of each indicator (city-wide, at the last reported month), in point order. */
export function pointMeans(record: SweepRecord, sum: SweepSummary): Map<string, number[]> {
  const month = record.report_months[record.report_months.length - 1] ?? record.months;
  const acc = new Map<string, { s: Float64Array; n: Int32Array }>();
  for (const name of record.indicators) acc.set(name, { s: new Float64Array(record.points.length), n: new Int32Array(record.points.length) });
  for (const r of sum.rows) {
    if (r.month !== month || r.zone !== 'all') continue;
    const a = acc.get(r.indicator);
    if (!a) continue;
    a.s[r.point]! += r.value;
    a.n[r.point]!++;
  }
  const out = new Map<string, number[]>();
  for (const [name, a] of acc) if (a.n.some((n) => n > 0)) out.set(name, Array.from(a.s, (s, i) => (a.n[i]! === record.seeds.length ? s / a.n[i]! : NaN)));
  return out;
}

export function writeSensitivity(dir: string, record: SweepRecord, sum: SweepSummary): void {
  const design = record.sweep.design;
  const sobol = isSobol(design);
  const morris = isMorris(design);
  const D = record.parameters.length;
  const means = pointMeans(record, sum);
  if (isSamples(design)) {
    // For SALib: one output per line, in the samples' row order.
    mkdirSync(join(dir, 'salib'), { recursive: true });
    for (const [name, ys] of means) writeAtomic(join(dir, 'salib', `Y-${slug(name)}.txt`), ys.map((y) => (Number.isFinite(y) ? formatNumber(y) : 'nan')).join('\n') + '\n');
    return;
  }
  if (!sobol && !morris) return;
  const doc = makeDocument();
  const charts = new Map<string, string>();
  const sources = [`megasim ${ENGINE_VERSION} sweep "${record.id}" of ${record.scenario.title}: ${record.points.length} points × ${record.seeds.length} seeds, sample ${record.sample}, ${record.months} months`];
  let csv = sobol ? 'indicator,parameter,S1,S1_lo95,S1_hi95,ST,ST_lo95,ST_hi95\n' : 'indicator,parameter,mu_star,mu,sigma,effects\n';
  for (const [name, ys] of means) {
    const def = INDICATOR_BY_NAME.get(name)!;
    if (sobol) {
      const idx = sobolIndices(ys, D, design.sobol.bootstrap, design.sobol.seed);
      idx.forEach((s, j) => (csv += `${name},${csvField(record.parameters[j]!.path)},${f(s.S1)},${f(s.S1lo)},${f(s.S1hi)},${f(s.ST)},${f(s.STlo)},${f(s.SThi)}\n`));
      const svg = sobolChart(doc, { indicator: name, rows: idx.map((s, j) => ({ label: record.parameters[j]!.label, ...s })), n: design.sobol.n, seeds: record.seeds.length, sources });
      charts.set(`sobol-${slug(name)}.svg`, svgFileText(serializeSvg(svg)));
    } else {
      const des = morrisDesign(design.morris.trajectories, D, design.morris.levels, design.morris.seed);
      const idx = morrisIndices(des, ys, D);
      idx.forEach((m, j) => (csv += `${name},${csvField(record.parameters[j]!.path)},${f(m.muStar)},${f(m.mu)},${f(m.sigma)},${m.n}\n`));
      const svg = morrisChart(doc, { indicator: name, unit: unitLabel(def.unit), rows: idx.map((m, j) => ({ label: record.parameters[j]!.label, muStar: m.muStar, sigma: m.sigma })), trajectories: design.morris.trajectories, sources });
      charts.set(`morris-${slug(name)}.svg`, svgFileText(serializeSvg(svg)));
    }
  }
  writeAtomic(join(dir, 'sensitivity.csv'), csv);
  const cd = join(dir, 'charts');
  mkdirSync(cd, { recursive: true });
  for (const [n, text] of charts) writeAtomic(join(cd, n), text);
}
