/**
 * Holding runs against targets (sim/scenario/targets.ts): the model's value
 * of each target in each replication, their mean and 5–95% band, and whether
 * the mean meets the target. Used by `run`, `compare` (targets.csv and the
 * report's targets section), `calibrate` (the summary statistics the
 * distance compares) and `eval`. Browser-safe.
 */
import { INDICATORS, INDICATOR_BY_NAME } from '../model/observe/indicators.ts';
import { formatNumber } from '../engine/format.ts';
import { monthIndex, targetName, type Target } from '../scenario/targets.ts';
import { summarize } from './stats.ts';
import { csvField } from './csv.ts';

/** Recorded rows of one replication, column by column. */
export interface Rows {
  month: ArrayLike<number>;
  indicator: ArrayLike<number>;
  zone: ArrayLike<number>;
  value: ArrayLike<number>;
}

const INDEX = new Map(INDICATORS.map((d, i) => [d.name, i]));

/** Month span [m0, m1] of a target relative to the scenario start. */
export function targetMonths(t: Target, start: string): [number, number] {
  if (t.date) {
    const m = monthIndex(start, t.date);
    return [m, m];
  }
  return [monthIndex(start, t.window![0]), monthIndex(start, t.window![1])];
}

/** Zone index of a target (−1 = city); undefined when the scenario has no such zone. */
export function targetZone(t: Target, zoneIds: readonly string[]): number | undefined {
  if (t.zone === 'all') return -1;
  const z = zoneIds.indexOf(t.zone);
  return z < 0 ? undefined : z;
}

/**
 * The model's value of a target in one replication: a stock's value at the
 * month (its mean over a window), a flow's value in the month (its sum over
 * a window), a yearly indicator's last value in the span (for a single
 * month: in the 12 months up to it). NaN when the span is not inside the run
 * or the indicator was not recorded there.
 */
export function targetValue(t: Target, start: string, zoneIds: readonly string[], rows: Rows, months: number, span = targetMonths(t, start)): number {
  const def = INDICATOR_BY_NAME.get(t.indicator)!;
  const ind = INDEX.get(t.indicator)!;
  const z = targetZone(t, zoneIds);
  let [m0, m1] = span;
  if (z === undefined || m0 < 0 || m1 > months) return NaN;
  if (def.yearly && m0 === m1) m0 = Math.max(1, m1 - 11);
  let sum = 0;
  let n = 0;
  let last = NaN;
  for (let i = 0; i < rows.month.length; i++) {
    const m = rows.month[i]!;
    if (m < m0) continue;
    if (m > m1) break;
    if (rows.indicator[i] !== ind || rows.zone[i] !== z) continue;
    const v = rows.value[i]!;
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
    last = v;
  }
  if (n === 0) return NaN;
  if (def.yearly) return last;
  return def.kind === 'flow' ? sum : sum / n;
}

export interface TargetRow {
  name: string;
  target: Target;
  /** What the target asks, e.g. "8,277,500 ± 5%" or "at most 3,100,000". */
  asks: string;
  mean: number;
  q05: number;
  q95: number;
  n: number;
  /** Start value (for increase / decrease). */
  startMean: number;
  /** true met, false not met, null not evaluable (outside the run, zone unknown). */
  met: boolean | null;
  why: string;
}

export function toleranceOf(t: Target): number {
  if (t.tolerance !== undefined) return t.tolerance;
  if (t.tolerance_rel !== undefined) return t.tolerance_rel * Math.abs(t.value ?? 0);
  return NaN;
}

export function describeTarget(t: Target): string {
  const v = t.value !== undefined ? formatNumber(t.value) : '';
  if (t.direction === 'at_most') return `at most ${v}`;
  if (t.direction === 'at_least') return `at least ${v}`;
  if (t.direction === 'increase') return 'above its start';
  if (t.direction === 'decrease') return 'below its start';
  return t.tolerance_rel !== undefined ? `${v} ± ${formatNumber(t.tolerance_rel * 100)}%` : `${v} ± ${formatNumber(t.tolerance!)}`;
}

/** Whether a model mean meets a target (given the start value for increase / decrease). */
export function meets(t: Target, mean: number, startMean: number): boolean {
  switch (t.direction) {
    case 'at_most':
      return mean <= t.value!;
    case 'at_least':
      return mean >= t.value!;
    case 'increase':
      return mean > startMean;
    case 'decrease':
      return mean < startMean;
    default:
      return Math.abs(mean - t.value!) <= toleranceOf(t);
  }
}

/** The targets table of one scenario's replications. */
export function evaluateTargets(targets: readonly Target[], start: string, zoneIds: readonly string[], reps: readonly Rows[], months: number): TargetRow[] {
  return targets.map((t) => {
    const span = targetMonths(t, start);
    const vals = reps.map((r) => targetValue(t, start, zoneIds, r, months, span));
    const starts = t.direction === 'increase' || t.direction === 'decrease' ? reps.map((r) => targetValue(t, start, zoneIds, r, months, [0, 0])) : [];
    const s = summarize(vals);
    const s0 = summarize(starts);
    const base = { name: targetName(t), target: t, asks: describeTarget(t), mean: s.mean, q05: s.q05, q95: s.q95, n: s.n, startMean: s0.mean };
    if (targetZone(t, zoneIds) === undefined) return { ...base, met: null, why: `no zone "${t.zone}" in this scenario` };
    if (span[0] < 0 || span[1] > months) return { ...base, met: null, why: span[0] < 0 ? 'before the start' : `after the run's ${months} months` };
    if (s.n === 0) return { ...base, met: null, why: 'not recorded in that span' };
    const ok = meets(t, s.mean, s0.mean);
    return { ...base, met: ok, why: ok ? 'met' : 'not met' };
  });
}

export const TARGETS_HEADER = 'scenario,target,indicator,zone,when,role,asks,model_mean,model_q05,model_q95,n,met,source\n';

const when = (t: Target) => t.date ?? `${t.window![0]}..${t.window![1]}`;
const num = (x: number) => (Number.isFinite(x) ? formatNumber(x) : '');

/** targets.csv rows (no header) of one scenario. */
export function targetsCsv(scenario: string, rows: readonly TargetRow[]): string {
  return rows
    .map((r) =>
      [
        csvField(scenario),
        csvField(r.name),
        r.target.indicator,
        csvField(r.target.zone),
        when(r.target),
        r.target.role ?? '',
        csvField(r.asks),
        num(r.mean),
        num(r.q05),
        num(r.q95),
        r.n,
        r.met === null ? csvField(r.why) : r.met ? 'yes' : 'no',
        csvField(r.target.source),
      ].join(',') + '\n',
    )
    .join('');
}

/** A plain-text table for the terminal. */
export function targetsText(rows: readonly TargetRow[]): string[] {
  if (rows.length === 0) return [];
  const met = rows.filter((r) => r.met === true).length;
  const judged = rows.filter((r) => r.met !== null).length;
  const lines = [`targets: ${met} of ${judged} met (${rows.length - judged} outside the run)`];
  for (const r of rows) {
    const band = Number.isFinite(r.q05) ? ` [${formatNumber(r.q05)}, ${formatNumber(r.q95)}]` : '';
    lines.push(`  ${r.met === null ? '·' : r.met ? '✓' : '✗'} ${r.name}: target ${r.asks}; model ${num(r.mean) || '—'}${band}${r.met === null ? ` (${r.why})` : ''}`);
  }
  return lines;
}
