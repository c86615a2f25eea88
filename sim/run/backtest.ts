/**
 * Backtest (docs/validation.md): runs each shipped city from its start over
 * seeds and sets the model against the dated real figures after the start
 * (scenarios/backtest/targets.yaml, copied from calibration.md): for each
 * figure the model mean and 5–95% band over the seeds in that month, and the
 * relative error of the mean. The targets are data, not code; none was used
 * to set a parameter.
 */
import { loadScenarioFile } from '../scenario/node.ts';
import type { BacktestTarget } from '../scenario/backtestFile.ts';
import { InputError } from '../scenario/errors.ts';
import { runReplication } from './simulate.ts';
import { summarize } from './stats.ts';
import { INDICATORS } from '../model/observe/indicators.ts';
import { csvField } from './csv.ts';

// The targets file's schema and reader live in sim/scenario/backtestFile.ts.
export { loadTargets, type BacktestTarget } from '../scenario/backtestFile.ts';

export interface BacktestRow {
  city: string;
  date: string;
  month: number;
  figure: string;
  zone: string;
  value: number;
  confidence: 'V' | 'U';
  mean: number;
  q05: number;
  q95: number;
  relError: number;
  inBand: boolean;
  /** false when the date is not after the start. */
  after: boolean;
}

/** Months from a start "YYYY-MM" to a date "YYYY-MM". */
export const monthsBetween = (start: string, date: string): number =>
  (Number(date.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(start.slice(5, 7));

/** Runs one city over seeds and compares it with its targets. */
export function backtestCity(scenarioPath: string, targets: readonly BacktestTarget[], o: { seeds: number; sample: number }): { city: string; rows: BacktestRow[] } {
  const sc = loadScenarioFile(scenarioPath).scenario;
  const zoneIndex = (id: string) => (id === 'all' ? -1 : sc.city.zones.findIndex((z) => z.id === id));
  for (const t of targets) if (zoneIndex(t.zone) < -1 || (t.zone !== 'all' && zoneIndex(t.zone) < 0)) throw new InputError(`backtest target ${t.date} ${t.figure}: ${sc.id} has no zone "${t.zone}"`);
  const months = targets.map((t) => monthsBetween(sc.start, t.date));
  const horizon = Math.max(0, ...months);
  const values: number[][] = targets.map(() => []);
  if (horizon > 0) {
    for (let r = 0; r < o.seeds; r++) {
      const rec = runReplication(sc, { replication: r, sample: o.sample, months: horizon }).rows;
      const at = new Map<string, number>();
      for (let k = 0; k < rec.month.length; k++) at.set(`${rec.month[k]}|${INDICATORS[rec.indicator[k]!]!.name}|${rec.zone[k]}`, rec.value[k]!);
      targets.forEach((t, i) => {
        if (months[i]! <= 0) return;
        const z = zoneIndex(t.zone);
        const v = at.get(`${months[i]}|${t.indicator}|${z}`) ?? NaN;
        const m = t.minus ? (at.get(`${months[i]}|${t.minus}|${z}`) ?? NaN) : 0;
        values[i]!.push(v - m);
      });
    }
  }
  const rows = targets.map((t, i): BacktestRow => {
    const after = months[i]! > 0;
    const s = after ? summarize(values[i]!) : { mean: NaN, q05: NaN, q95: NaN };
    return {
      city: sc.id, date: t.date, month: months[i]!, figure: t.figure, zone: t.zone, value: t.value, confidence: t.confidence,
      mean: s.mean, q05: s.q05, q95: s.q95, relError: (s.mean - t.value) / t.value, inBand: s.q05 <= t.value && t.value <= s.q95, after,
    };
  });
  return { city: sc.id, rows };
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e5 ? `${(x / 1e6).toFixed(3)} M` : x.toPrecision(4)) : '—');

/** The table as Markdown (for the terminal and docs/validation.md). */
export function backtestTable(rows: readonly BacktestRow[], cities: readonly string[]): string {
  const out = ['| city | date | figure | zone | real | model mean | model 5–95% | rel. error |', '|---|---|---|---|---|---|---|---|'];
  for (const c of cities) {
    const rs = rows.filter((r) => r.city === c);
    if (rs.length === 0) out.push(`| ${c} | — | no dated figure after the start in calibration.md | | | | | |`);
    for (const r of rs) {
      out.push(`| ${r.city} | ${r.date} | ${r.figure} | ${r.zone} | ${fmt(r.value)} [${r.confidence}] | ${fmt(r.mean)} | ${fmt(r.q05)} – ${fmt(r.q95)}${r.inBand ? ' ✓' : ''} | ${Number.isFinite(r.relError) ? `${(r.relError * 100).toFixed(1)}%` : '—'} |`);
    }
  }
  return out.join('\n') + '\n';
}

/** backtest.csv: one row per target. */
export function backtestCsv(rows: readonly BacktestRow[]): string {
  const head = 'city,date,month,figure,zone,real,confidence,model_mean,model_q05,model_q95,relative_error,in_band\n';
  return head + rows.map((r) => [r.city, r.date, r.month, r.figure, r.zone, r.value, r.confidence, r.mean, r.q05, r.q95, r.relError, r.inBand].map((x) => csvField(String(x))).join(',')).join('\n') + '\n';
}
