/**
 * Sensitivity outputs of a complete sweep with design sobol or morris
 * (from results.csv and sweep.json alone, so merged = unsharded):
 * sensitivity.csv — per kept indicator (city-wide, last reported month; the
 * value of a point is its mean over seeds) and parameter, Sobol' S1 and ST
 * with 95% bootstrap intervals, or Morris μ*, μ and σ — and charts
 * sobol-<indicator>.svg / morris-<indicator>.svg (viz/publish/sensitivity.ts). Designs from a samples file
 * (e.g. SALib's) get salib/Y-<indicator>.txt instead, for SALib's analyse.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber } from '../engine/format.ts';
import { csvField } from './csv.ts';
import { writeAtomic } from './files.ts';
import { sobolIndices, type SobolIndex } from './sobol.ts';
import { morrisDesign, morrisIndices, type MorrisIndex } from './morris.ts';
import { isMorris, isSamples, isSobol } from './sweepDesigns.ts';
import type { SweepRecord } from './sweepRecord.ts';
import type { SweepSummary } from './sweepSummary.ts';

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

export type SensitivityResult =
  | { method: 'sobol'; indicator: string; n: number; rows: ({ path: string; label: string } & SobolIndex)[] }
  | { method: 'morris'; indicator: string; trajectories: number; rows: ({ path: string; label: string } & MorrisIndex)[] };

/** Sobol' or Morris indices of each kept indicator (empty for other designs). */
export function sensitivityResults(record: SweepRecord, sum: SweepSummary): SensitivityResult[] {
  const design = record.sweep.design;
  const D = record.parameters.length;
  if (!isSobol(design) && !isMorris(design)) return [];
  const out: SensitivityResult[] = [];
  for (const [name, ys] of pointMeans(record, sum)) {
    if (isSobol(design)) {
      const idx = sobolIndices(ys, D, design.sobol.bootstrap, design.sobol.seed);
      out.push({ method: 'sobol', indicator: name, n: design.sobol.n, rows: idx.map((s, j) => ({ path: record.parameters[j]!.path, label: record.parameters[j]!.label, ...s })) });
    } else {
      const des = morrisDesign(design.morris.trajectories, D, design.morris.levels, design.morris.seed);
      const idx = morrisIndices(des, ys, D);
      out.push({ method: 'morris', indicator: name, trajectories: design.morris.trajectories, rows: idx.map((m, j) => ({ path: record.parameters[j]!.path, label: record.parameters[j]!.label, ...m })) });
    }
  }
  return out;
}

/** sensitivity.csv (designs sobol, morris) or salib/Y-<indicator>.txt (design samples) of a finished sweep folder. */
export function writeSensitivityData(dir: string, record: SweepRecord, sum: SweepSummary): void {
  const design = record.sweep.design;
  if (isSamples(design)) {
    // For SALib: one output per line, in the samples' row order.
    mkdirSync(join(dir, 'salib'), { recursive: true });
    for (const [name, ys] of pointMeans(record, sum)) writeAtomic(join(dir, 'salib', `Y-${slug(name)}.txt`), ys.map((y) => (Number.isFinite(y) ? formatNumber(y) : 'nan')).join('\n') + '\n');
    return;
  }
  const res = sensitivityResults(record, sum);
  if (res.length === 0) return;
  let csv = isSobol(design) ? 'indicator,parameter,S1,S1_lo95,S1_hi95,ST,ST_lo95,ST_hi95\n' : 'indicator,parameter,mu_star,mu,sigma,effects\n';
  for (const r of res) {
    if (r.method === 'sobol') for (const s of r.rows) csv += `${r.indicator},${csvField(s.path)},${f(s.S1)},${f(s.S1lo)},${f(s.S1hi)},${f(s.ST)},${f(s.STlo)},${f(s.SThi)}\n`;
    else for (const m of r.rows) csv += `${r.indicator},${csvField(m.path)},${f(m.muStar)},${f(m.mu)},${f(m.sigma)},${m.n}\n`;
  }
  writeAtomic(join(dir, 'sensitivity.csv'), csv);
}
