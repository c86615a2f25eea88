/**
 * What a finished calibration folder gets (from its run files alone, so the
 * same bytes whoever computes it): generations.csv (ε, candidates simulated,
 * accepted, acceptance rate and effective sample size per generation),
 * posterior.csv (the last population: values, distance, weight),
 * posterior-summary.csv (weighted mean, sd, 5%, median, 95% per parameter),
 * result.json, calibrated.yaml and charts/ (pairs and marginal charts).
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber } from '../engine/format.ts';
import { ENGINE_VERSION } from '../version.ts';
import { csvField } from './csv.ts';
import { writeAtomic } from './files.ts';
import { svgFileText } from './charts.ts';
import { weightedQuantile, type Prior } from './abc.ts';
import { calibratedDoc, populationCsv, type Calibration, type GenerationRecord, type Population } from './calibrate.ts';
import { makeDocument } from '../../viz/dom.ts';
import { serializeSvg } from '../../viz/charts/serialize.ts';
import { abcMarginal, abcPairs, type AbcChartData } from '../../viz/charts/abcPosterior.ts';

export interface PosteriorStat {
  path: string;
  mean: number;
  sd: number;
  q05: number;
  median: number;
  q95: number;
}

export function posteriorStats(cal: Calibration, pop: Population): PosteriorStat[] {
  return cal.def.parameters.map((p, k) => {
    const xs = pop.values.map((v) => v[k]!);
    const w = pop.weights;
    const mean = xs.reduce((a, x, i) => a + w[i]! * x, 0);
    const sd = Math.sqrt(xs.reduce((a, x, i) => a + w[i]! * (x - mean) ** 2, 0));
    return { path: p.path, mean, sd, q05: weightedQuantile(xs, w, 0.05), median: weightedQuantile(xs, w, 0.5), q95: weightedQuantile(xs, w, 0.95) };
  });
}

export function priorRange(p: Prior): [number, number] {
  switch (p.kind) {
    case 'uniform':
    case 'log_uniform':
    case 'bounded':
      return [p.low, p.high];
    case 'normal':
      return [p.mean - 3 * p.sd, p.mean + 3 * p.sd];
  }
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
const f = (x: number) => (Number.isFinite(x) ? formatNumber(x) : x > 0 ? 'inf' : '');

export async function finishCalibration(out: string, cal: Calibration, gens: GenerationRecord[], pops: Population[], stop: string): Promise<void> {
  const last = pops[pops.length - 1]!;
  let g = 'generation,epsilon,batches,simulated,accepted,acceptance_rate,ess\n';
  for (const r of gens) g += `${r.generation},${f(r.epsilon)},${r.batches},${r.simulated},${r.accepted},${f(r.acceptance_rate)},${f(r.ess)}\n`;
  writeAtomic(join(out, 'generations.csv'), g);
  writeAtomic(join(out, 'posterior.csv'), populationCsv(cal, last));
  const stats = posteriorStats(cal, last);
  let s = 'parameter,mean,sd,q05,median,q95\n';
  for (const st of stats) s += `${csvField(st.path)},${f(st.mean)},${f(st.sd)},${f(st.q05)},${f(st.median)},${f(st.q95)}\n`;
  writeAtomic(join(out, 'posterior-summary.csv'), s);
  const doc = calibratedDoc(
    cal,
    out,
    stats.map((x) => x.median),
    stats.map((x) => x.q05),
    stats.map((x) => x.q95),
  );
  writeAtomic(join(out, 'calibrated.yaml'), doc.text);
  const result = {
    megasim_version: ENGINE_VERSION,
    id: cal.def.id,
    hash: cal.hash,
    stop,
    generations: gens.map((r) => ({ ...r, epsilon: Number.isFinite(r.epsilon) ? r.epsilon : null })),
    posterior: stats,
    distance: { norm: cal.def.distance.norm, scale: 'each target gap divided by its tolerance' },
    targets: cal.targets.length,
  };
  writeAtomic(join(out, 'result.json'), JSON.stringify(result, null, 1) + '\n');
  // Charts
  const data: AbcChartData = {
    id: cal.def.id,
    title: cal.def.title,
    parameters: cal.def.parameters.map((p, k) => ({ path: p.path, label: p.label ?? p.path, log: cal.priors[k]!.kind === 'log_uniform', range: priorRange(cal.priors[k]!) })),
    generations: pops.map((p, t) => ({ values: p.values, weights: p.weights, epsilon: gens[t]!.epsilon })),
    sources: [`megasim ${ENGINE_VERSION} calibrate "${cal.def.id}": ABC-SMC, ${cal.def.abc.population} particles, ${gens.length} generations, sample ${cal.sample}, ${cal.months} months of ${cal.base.scenario.title}`, `targets: ${cal.targetsSource}`],
  };
  const d = makeDocument();
  const charts = new Map<string, string>();
  charts.set('pairs.svg', svgFileText(serializeSvg(abcPairs(d, data))));
  cal.def.parameters.forEach((p, k) => charts.set(`marginal-${k + 1}-${slug(p.path)}.svg`, svgFileText(serializeSvg(abcMarginal(d, data, k)))));
  const cd = join(out, 'charts');
  if (existsSync(cd)) for (const x of readdirSync(cd)) if (x.endsWith('.svg') && !charts.has(x)) unlinkSync(join(cd, x));
  for (const [name, text] of charts) writeAtomic(join(cd, name), text);
}
