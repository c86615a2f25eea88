/**
 * summary.json: the indicator definitions, each indicator's value at month 0
 * and at the horizon (mean, min and max over replications), and a population
 * pyramid by hukou status at the horizon (replication 0). Browser-safe.
 */
import { INDICATORS, type IndicatorDef } from '../model/observe/indicators.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Replication } from './simulate.ts';
import { formatNumber } from '../engine/format.ts';

export { AGE_BANDS, pyramidOf, type Pyramid } from '../model/observe/pyramid.ts';
import type { Pyramid } from '../model/observe/pyramid.ts';

export interface Summary {
  scenario: string;
  title: string;
  start: string;
  months: number;
  sample: number;
  seed: number;
  replications: number;
  zones: { id: string; name: string; area_km2: number }[];
  indicators: IndicatorDef[];
  /** indicator → zone → { month0, horizon: {mean, min, max} } (mean over replications). */
  values: Record<string, Record<string, { month0: number | null; horizon: { mean: number | null; min: number | null; max: number | null } }>>;
  pyramid: Pyramid | null;
}

const num = (x: number): number | null => (Number.isFinite(x) ? Number(formatNumber(x)) : null);

export function makeSummary(sc: Scenario, results: readonly Replication[], months: number, sample: number, seed: number, pyramid: Pyramid | null): Summary {
  const zoneIds = sc.city.zones.map((z) => z.id);
  const first = new Map<string, number[]>();
  const last = new Map<string, number[]>();
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  for (const r of sorted) {
    const rec = r.rows;
    const seenFirst = new Set<string>();
    const lastVal = new Map<string, number>();
    for (let i = 0; i < rec.month.length; i++) {
      const key = `${INDICATORS[rec.indicator[i]!]!.name}|${rec.zone[i]! < 0 ? 'all' : zoneIds[rec.zone[i]!]}`;
      if (rec.month[i] === 0 && !seenFirst.has(key)) {
        seenFirst.add(key);
        if (!first.has(key)) first.set(key, []);
        first.get(key)!.push(rec.value[i]!);
      }
      lastVal.set(key, rec.value[i]!);
    }
    for (const [k, v] of lastVal) {
      if (!last.has(k)) last.set(k, []);
      last.get(k)!.push(v);
    }
  }
  const values: Summary['values'] = {};
  const keys = [...last.keys()];
  for (const key of keys) {
    const [ind, zone] = key.split('|') as [string, string];
    const xs = last.get(key)!.filter(Number.isFinite);
    const f = first.get(key)?.filter(Number.isFinite) ?? [];
    (values[ind] ??= {})[zone] = {
      month0: f.length ? num(f.reduce((a, b) => a + b, 0) / f.length) : null,
      horizon: {
        mean: xs.length ? num(xs.reduce((a, b) => a + b, 0) / xs.length) : null,
        min: xs.length ? num(Math.min(...xs)) : null,
        max: xs.length ? num(Math.max(...xs)) : null,
      },
    };
  }
  return {
    scenario: sc.id,
    title: sc.title,
    start: sc.start,
    months,
    sample,
    seed,
    replications: results.length,
    zones: sc.city.zones.map((z) => ({ id: z.id, name: z.name, area_km2: z.area_km2 })),
    // The definitions as summary.json has always held them: the Chinese words are for pages, not data files.
    indicators: INDICATORS.map(({ title_zh: _t, meaning_zh: _m, ...d }) => d),
    values,
    pyramid,
  };
}
