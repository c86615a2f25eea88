/**
 * Statistics across replications (or seeds) with simple-statistics:
 *
 * - `statRows`: per scenario, month, indicator and zone, the mean, median,
 *   5% and 95% quantiles (type 7, linear interpolation between order
 *   statistics, as R's default and numpy's) and n, the number of finite
 *   values. Non-finite values (e.g. a ratio with no renters) are left out.
 * - `differences`: each scenario against the first at the horizon, paired by
 *   seed: for stocks the level at the last recorded month, for flows the
 *   total over months 1..horizon. The interval is the 95% t-interval of the
 *   paired differences, mean(d) ± t(0.975, n−1)·sd(d)/√n.
 *
 * Every number is rounded to the output format (sim/engine/format.ts) once,
 * here, so the CSV files, the charts and the report show the same values.
 * Browser-safe (no Node imports).
 */
import * as ss from 'simple-statistics';
import { INDICATORS, type IndicatorDef } from '../model/observe/indicators.ts';
import { formatNumber } from '../engine/format.ts';
import type { Rows } from './rows.ts';
import { csvField } from './csv.ts';

/** One summary row per (scenario, month, indicator, zone) across replications: the table comparison.csv holds and the charts read. */
export interface StatRow {
  scenario: string;
  /** Integer offset in months from the start month (0 = start month). */
  month: number;
  indicator: string;
  /** Zone id, or "all" for the city-wide value. */
  zone: string;
  mean: number;
  median: number;
  /** 5% quantile across replications (= mean when n = 1). */
  q05: number;
  /** 95% quantile across replications (= mean when n = 1). */
  q95: number;
  /** Number of replications with a finite value. */
  n: number;
}

/** The replications (or seeds) of one scenario, in a fixed order. */
export interface ScenarioRecords {
  id: string;
  /** Zone ids of the scenario's city, indexed like the rows' zone column. */
  zoneIds: readonly string[];
  /** One set of rows per replication (or seed), in that order. */
  replications: readonly Rows[];
}

/** A value rounded to the output format (9 significant digits). */
export const rounded = (x: number): number => (Number.isFinite(x) ? Number(formatNumber(x)) : x);

/** Mean, median, 5% and 95% quantiles and n of the finite values of `values`. */
export function summarize(values: readonly number[]): { mean: number; median: number; q05: number; q95: number; n: number } {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return { mean: NaN, median: NaN, q05: NaN, q95: NaN, n: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    mean: rounded(ss.mean(xs)),
    median: rounded(ss.quantileSorted(sorted, 0.5)),
    q05: rounded(ss.quantileSorted(sorted, 0.05)),
    q95: rounded(ss.quantileSorted(sorted, 0.95)),
    n: xs.length,
  };
}

const zoneRank = (z: number): number => (z < 0 ? -1 : z);

/** Summary rows of every scenario: scenario order, then month, indicator definition order, zone ("all" first). */
export function statRows(scenarios: readonly ScenarioRecords[]): StatRow[] {
  const rows: StatRow[] = [];
  for (const sc of scenarios) {
    // key → values in replication order; keys remember (month, indicator, zone) for sorting.
    const values = new Map<string, number[]>();
    const keys: { key: string; month: number; indicator: number; zone: number }[] = [];
    sc.replications.forEach((rec, k) => {
      for (let i = 0; i < rec.month.length; i++) {
        const key = `${rec.month[i]}|${rec.indicator[i]}|${rec.zone[i]}`;
        let list = values.get(key);
        if (!list) {
          list = new Array<number>(k).fill(NaN);
          values.set(key, list);
          keys.push({ key, month: rec.month[i]!, indicator: rec.indicator[i]!, zone: rec.zone[i]! });
        }
        list.push(rec.value[i]!);
      }
      for (const list of values.values()) if (list.length < k + 1) list.push(NaN);
    });
    keys.sort((a, b) => a.month - b.month || a.indicator - b.indicator || zoneRank(a.zone) - zoneRank(b.zone));
    for (const k of keys) {
      rows.push({
        scenario: sc.id,
        month: k.month,
        indicator: INDICATORS[k.indicator]!.name,
        zone: k.zone < 0 ? 'all' : (sc.zoneIds[k.zone] ?? String(k.zone)),
        ...summarize(values.get(k.key)!),
      });
    }
  }
  return rows;
}

export const COMPARISON_HEADER = 'scenario,month,indicator,zone,mean,median,q05,q95,n\n';

/** comparison.csv: one line per summary row, numbers in the fixed output format. */
export function comparisonCsv(rows: readonly StatRow[]): string {
  const parts = [COMPARISON_HEADER];
  for (const r of rows) {
    parts.push(
      `${csvField(r.scenario)},${r.month},${r.indicator},${csvField(r.zone)},${formatNumber(r.mean)},${formatNumber(r.median)},${formatNumber(r.q05)},${formatNumber(r.q95)},${r.n}\n`,
    );
  }
  return parts.join('');
}

// ---- Student's t quantile (for the interval) ----

/** Regularised incomplete beta I_x(a, b), by its continued fraction (modified Lentz). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const lnFront = ss.gammaln(a + b) - ss.gammaln(a) - ss.gammaln(b) + a * Math.log(x) + b * Math.log(1 - x);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (Math.exp(lnFront) * f) / a;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (p in (0.5, 1)),
 * by bisection of `tCdf`.
 *
 * @example tQuantile(0.975, 9) // 2.262157...
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df >= 1)) throw new Error(`tQuantile needs 0.5 < p < 1 and df ≥ 1, got p=${p}, df=${df}`);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean of paired differences `b[i] − a[i]` and its 95% t-interval; pairs with a non-finite value are left out. */
export function pairedDifference(a: readonly number[], b: readonly number[]): { aMean: number; bMean: number; diff: number; lo: number; hi: number; n: number } {
  const xa: number[] = [];
  const xb: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (!Number.isFinite(a[i]!) || !Number.isFinite(b[i]!)) continue;
    xa.push(a[i]!);
    xb.push(b[i]!);
    d.push(b[i]! - a[i]!);
  }
  const n = d.length;
  if (n === 0) return { aMean: NaN, bMean: NaN, diff: NaN, lo: NaN, hi: NaN, n: 0 };
  const diff = ss.mean(d);
  let lo = NaN;
  let hi = NaN;
  if (n >= 2) {
    const half = (tQuantile(0.975, n - 1) * ss.sampleStandardDeviation(d)) / Math.sqrt(n);
    lo = diff - half;
    hi = diff + half;
  }
  return { aMean: rounded(ss.mean(xa)), bMean: rounded(ss.mean(xb)), diff: rounded(diff), lo: rounded(lo), hi: rounded(hi), n };
}

// ---- differences at the horizon ----

/** How an indicator is compared at the horizon: stocks by their level, flows by their total over the run. */
export type Measure = 'level' | 'total';

export function measureOf(def: IndicatorDef): Measure {
  return def.kind === 'flow' ? 'total' : 'level';
}

interface HorizonValue {
  value: number;
  from: number;
  to: number;
}

/** Per (indicator index, zone index) of one replication's rows: the level at the last recorded month ≤ `months`, or the total of a flow over months 1..`months`. */
export function horizonValues(rec: Rows, months: number): Map<string, HorizonValue> {
  const out = new Map<string, HorizonValue>();
  for (let i = 0; i < rec.month.length; i++) {
    const m = rec.month[i]!;
    if (m > months) continue;
    const ind = rec.indicator[i]!;
    const def = INDICATORS[ind]!;
    const key = `${ind}|${rec.zone[i]}`;
    const v = rec.value[i]!;
    if (measureOf(def) === 'total') {
      if (m < 1) continue;
      const cur = out.get(key);
      if (cur) {
        cur.value += v;
        cur.to = Math.max(cur.to, m);
      } else out.set(key, { value: v, from: 1, to: m });
    } else {
      const cur = out.get(key);
      if (!cur || m >= cur.to) out.set(key, { value: v, from: m, to: m });
    }
  }
  // A total covers months 1..horizon whatever month the flow was last recorded.
  for (const [key, hv] of out) if (measureOf(INDICATORS[Number(key.split('|')[0])]!) === 'total') hv.to = months;
  return out;
}

/** One line of differences.csv. */
export interface Difference {
  scenario: string;
  baseline: string;
  indicator: string;
  zone: string;
  measure: Measure;
  fromMonth: number;
  toMonth: number;
  baselineMean: number;
  scenarioMean: number;
  difference: number;
  lo: number;
  hi: number;
  n: number;
  significant: boolean;
}

/**
 * Every scenario after the first against the first, paired by position in
 * `replications` (the same seed), for every indicator and zone the baseline
 * records. Order: scenario, indicator definition order, zone ("all" first).
 */
export function differences(scenarios: readonly ScenarioRecords[], months: number): Difference[] {
  const base = scenarios[0];
  if (!base || scenarios.length < 2) return [];
  const hv = (sc: ScenarioRecords) => sc.replications.map((r) => horizonValues(r, months));
  const baseHv = hv(base);
  const keys = new Map<string, { ind: number; zone: number }>();
  for (const m of baseHv) for (const k of m.keys()) if (!keys.has(k)) keys.set(k, { ind: Number(k.split('|')[0]), zone: Number(k.split('|')[1]) });
  const ordered = [...keys.entries()].sort((a, b) => a[1].ind - b[1].ind || zoneRank(a[1].zone) - zoneRank(b[1].zone));
  const out: Difference[] = [];
  for (const sc of scenarios.slice(1)) {
    const scHv = hv(sc);
    for (const [key, { ind, zone }] of ordered) {
      const def = INDICATORS[ind]!;
      const a = baseHv.map((m) => m.get(key)?.value ?? NaN);
      const b = scHv.map((m) => m.get(key)?.value ?? NaN);
      const from = Math.min(...baseHv.map((m) => m.get(key)?.from ?? Infinity));
      const to = Math.max(...[...baseHv, ...scHv].map((m) => m.get(key)?.to ?? -Infinity));
      const r = pairedDifference(a, b);
      out.push({
        scenario: sc.id,
        baseline: base.id,
        indicator: def.name,
        zone: zone < 0 ? 'all' : (base.zoneIds[zone] ?? String(zone)),
        measure: measureOf(def),
        fromMonth: Number.isFinite(from) ? from : months,
        toMonth: Number.isFinite(to) ? to : months,
        baselineMean: r.aMean,
        scenarioMean: r.bMean,
        difference: r.diff,
        lo: r.lo,
        hi: r.hi,
        n: r.n,
        significant: r.lo > 0 || r.hi < 0,
      });
    }
  }
  return out;
}

export const DIFFERENCES_HEADER = 'scenario,baseline,indicator,zone,measure,from_month,to_month,baseline_mean,scenario_mean,difference,lo95,hi95,n,significant\n';

/** differences.csv text. */
export function differencesCsv(rows: readonly Difference[]): string {
  const parts = [DIFFERENCES_HEADER];
  for (const d of rows) {
    parts.push(
      [
        csvField(d.scenario),
        csvField(d.baseline),
        d.indicator,
        csvField(d.zone),
        d.measure,
        d.fromMonth,
        d.toMonth,
        formatNumber(d.baselineMean),
        formatNumber(d.scenarioMean),
        formatNumber(d.difference),
        formatNumber(d.lo),
        formatNumber(d.hi),
        d.n,
        d.significant ? 'true' : 'false',
      ].join(',') + '\n',
    );
  }
  return parts.join('');
}
