/**
 * summary.json: the indicator definitions, each indicator's value at month 0
 * and at the horizon (mean, min and max over replications), and a population
 * pyramid by hukou status at the horizon (replication 0). Browser-safe.
 */
import { INDICATORS, type IndicatorDef } from '../model/indicators.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Replication } from './simulate.ts';
import type { World } from '../model/world.ts';
import { isLocal } from '../model/enums.ts';
import { formatNumber } from '../engine/format.ts';

export const AGE_BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'];

export interface Pyramid {
  month: number;
  ageBands: string[];
  groups: { hukou: { male: number[]; female: number[] }; nonhukou: { male: number[]; female: number[] } };
}

/** Persons by five-year age band, sex and hukou (local / non-local), in real persons. */
export function pyramidOf(w: World, month: number): Pyramid {
  const nb = AGE_BANDS.length;
  const g = { hukou: { male: new Array(nb).fill(0), female: new Array(nb).fill(0) }, nonhukou: { male: new Array(nb).fill(0), female: new Array(nb).fill(0) } };
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const band = Math.min(nb - 1, Math.floor(pc.ageM[p]! / 60));
    const grp = isLocal(pc.hukou[p]!) ? g.hukou : g.nonhukou;
    (pc.sex[p] === 0 ? grp.male : grp.female)[band]! += 1 / w.sample;
  }
  const round = (a: number[]) => a.map((x) => Number(formatNumber(x)));
  return { month, ageBands: AGE_BANDS, groups: { hukou: { male: round(g.hukou.male), female: round(g.hukou.female) }, nonhukou: { male: round(g.nonhukou.male), female: round(g.nonhukou.female) } } };
}

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
    indicators: [...INDICATORS],
    values,
    pyramid,
  };
}
