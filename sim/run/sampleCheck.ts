/**
 * `megasim sample-check SCENARIO --samples 0.001,0.01,0.1 [--seeds A..B]
 * [--months M] [--workers W] [--out DIR]`: does a cheap sample distort the
 * answer? Each sample is run over the same seeds (replication 0 of each);
 * for every headline indicator (city-wide; stocks at the horizon, flows
 * summed over the run, in real persons) the table gives each sample's mean
 * over seeds and its difference from the largest sample with a 95% Welch
 * t-interval (seeds are independent draws at each sample, so the difference
 * is unpaired). A sample is "inside the seed noise" for an indicator when
 * that interval holds 0. The answer named is the smallest sample that is
 * inside the noise for every headline indicator, as is every larger sample.
 */
import { INDICATORS, type IndicatorDef } from '../model/observe/indicators.ts';
import { formatNumber } from '../engine/format.ts';
import type { Loaded } from '../scenario/load.ts';
import { tQuantile, horizonValues } from './stats.ts';
import { csvField } from './csv.ts';

export interface SampleCheckRow {
  indicator: IndicatorDef;
  sample: number;
  n: number;
  mean: number;
  sd: number;
  /** Difference from the largest sample's mean, and its 95% interval (NaN for the largest). */
  diff: number;
  lo: number;
  hi: number;
  inside: boolean;
}

export interface SampleCheck {
  samples: number[];
  seeds: number[];
  months: number;
  rows: SampleCheckRow[];
  /** Smallest sample inside the seed noise for every indicator (with every larger one); null if none but the largest. */
  smallest: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

/** Welch's 95% interval of mean(a) − mean(b). */
export function welch(a: number[], b: number[]): { diff: number; lo: number; hi: number } {
  const diff = mean(a) - mean(b);
  const va = a.length > 1 ? sd(a) ** 2 / a.length : NaN;
  const vb = b.length > 1 ? sd(b) ** 2 / b.length : NaN;
  const se = Math.sqrt(va + vb);
  if (!Number.isFinite(se)) return { diff, lo: NaN, hi: NaN };
  if (se === 0) return { diff, lo: diff, hi: diff };
  const df = (va + vb) ** 2 / ((va * va) / Math.max(1, a.length - 1) + (vb * vb) / Math.max(1, b.length - 1));
  const half = tQuantile(0.975, Math.max(1, df)) * se;
  return { diff, lo: diff - half, hi: diff + half };
}

/** The table from each sample's horizon values (sample → indicator → values over seeds). */
export function sampleCheckTable(samples: number[], values: Map<number, Map<string, number[]>>, indicators: readonly IndicatorDef[]): { rows: SampleCheckRow[]; smallest: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const largest = sorted[sorted.length - 1]!;
  const rows: SampleCheckRow[] = [];
  const insideAll = new Map<number, boolean>(sorted.map((s) => [s, true]));
  for (const ind of indicators) {
    const ref = (values.get(largest)?.get(ind.name) ?? []).filter(Number.isFinite);
    if (ref.length === 0) continue;
    for (const s of sorted) {
      const xs = (values.get(s)?.get(ind.name) ?? []).filter(Number.isFinite);
      const w = s === largest ? { diff: 0, lo: NaN, hi: NaN } : welch(xs, ref);
      const inside = s === largest || (Number.isFinite(w.lo) && w.lo <= 0 && w.hi >= 0);
      if (!inside) insideAll.set(s, false);
      rows.push({ indicator: ind, sample: s, n: xs.length, mean: xs.length ? mean(xs) : NaN, sd: sd(xs), diff: w.diff, lo: w.lo, hi: w.hi, inside });
    }
  }
  let smallest = largest;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (!insideAll.get(sorted[i]!)) break;
    smallest = sorted[i]!;
  }
  return { rows, smallest };
}

export const HEADLINE = INDICATORS.filter((d) => d.headline && !d.yearly);

export async function runSampleCheck(l: Loaded, o: { samples: number[]; seeds: number[]; months: number; workers: number; onRun?: () => void }): Promise<SampleCheck> {
  const { runTasks } = await import('./pool.ts');
  const values = new Map<number, Map<string, number[]>>();
  const idx = new Map(INDICATORS.map((d, i) => [d.name, i]));
  for (const s of o.samples) {
    const m = new Map<string, number[]>(HEADLINE.map((d) => [d.name, []]));
    values.set(s, m);
    const tasks = o.seeds.map((seed) => ({ scenario: l.scenario, seed, replication: 0, sample: s, months: o.months, pyramid: false }));
    // A few at a time, so memory holds only `workers` worlds.
    for (let i = 0; i < tasks.length; i += o.workers) {
      const part = tasks.slice(i, i + o.workers);
      const payloads = await runTasks(part, { workers: Math.min(o.workers, part.length) });
      for (const p of payloads) {
        const hv = horizonValues(p.rows, o.months);
        for (const d of HEADLINE) m.get(d.name)!.push(hv.get(`${idx.get(d.name)}|-1`)?.value ?? NaN);
        o.onRun?.();
      }
    }
  }
  const { rows, smallest } = sampleCheckTable(o.samples, values, HEADLINE);
  return { samples: o.samples, seeds: o.seeds, months: o.months, rows, smallest };
}

const f = (x: number) => (Number.isFinite(x) ? formatNumber(x) : '');

export function sampleCheckCsv(c: SampleCheck): string {
  let s = 'indicator,sample,n,mean,sd,diff_from_largest,lo95,hi95,inside_seed_noise\n';
  for (const r of c.rows) s += `${csvField(r.indicator.name)},${r.sample},${r.n},${f(r.mean)},${f(r.sd)},${f(r.diff)},${f(r.lo)},${f(r.hi)},${r.inside ? 'yes' : 'no'}\n`;
  return s;
}

const sig = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '—');

/** A Markdown table for the terminal and notes. */
export function sampleCheckMarkdown(c: SampleCheck): string {
  const largest = Math.max(...c.samples);
  const lines = [
    `| indicator | sample | mean over ${c.seeds.length} seeds | difference from sample ${largest} | 95% interval | inside seed noise |`,
    '|---|---|---|---|---|---|',
  ];
  for (const r of c.rows) {
    const isRef = r.sample === largest;
    lines.push(`| ${r.indicator.name} | ${r.sample} | ${sig(r.mean)} | ${isRef ? '(reference)' : sig(r.diff)} | ${isRef ? '' : `${sig(r.lo)} to ${sig(r.hi)}`} | ${isRef ? '' : r.inside ? 'yes' : 'no'} |`);
  }
  lines.push('', `Smallest sample inside the seed noise for every headline indicator: ${c.smallest}${c.smallest === largest ? ' (only the largest: every smaller sample differs somewhere)' : ''}.`);
  return lines.join('\n') + '\n';
}
