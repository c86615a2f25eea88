/**
 * The page state and its permalink. The URL hash carries the language, the
 * city, the run settings (seed, sample, months, replications), the mode (one
 * setting or A vs B) and, for each setting, its policy scenario and the lever
 * values that differ from the shipped file:
 *
 *   #lang=zh&city=chongqing-2010&seed=1&sample=0.003&months=120&reps=1
 *    &a=chongqing-differentiated&a.policies.differentiated.zones.core.years_work=3
 *    &mode=ab&b=chongqing-baseline
 *
 * Reading a link never fails: an unknown city or scenario falls back to the
 * first one, an out-of-range number is clamped, anything else is refused and
 * the default kept, and every such case becomes a Problem shown on the page.
 */
import { checkLeverValue, checkNumber, leversFor, runSettings, valueText, EXPLORER_LIMITS, type Lever, type LeverValue, type RunSetting } from './levers.ts';
import type { Catalog, CityEntry, ScenarioEntry } from './catalog.ts';
import { LANGS, type Lang, type Problem } from './i18n.ts';

export type SettingId = 'A' | 'B';
export type Mode = 'one' | 'ab';

export interface SettingState {
  /** Scenario id (a file of the city). */
  scenario: string;
  /** Lever values that differ from the shipped scenario. */
  values: Map<string, LeverValue>;
}

export interface RunValues {
  seed: number;
  sample: number;
  months: number;
  replications: number;
}

export interface PageState {
  lang: Lang;
  city: string;
  mode: Mode;
  run: RunValues;
  A: SettingState;
  B: SettingState;
}

const leverCache = new WeakMap<ScenarioEntry, Lever[]>();

/** The levers of a shipped scenario (computed once per scenario). */
export function leversOf(s: ScenarioEntry): Lever[] {
  let l = leverCache.get(s);
  if (!l) {
    l = leversFor(s.loaded.resolved);
    leverCache.set(s, l);
  }
  return l;
}

export function findCity(c: Catalog, id: string): CityEntry | undefined {
  return c.cities.find((x) => x.id === id);
}

export function findScenario(city: CityEntry, id: string): ScenarioEntry | undefined {
  return city.scenarios.find((s) => s.id === id);
}

/** The scenario a city opens with: its baseline (the shipped comparisons' reference), else its first policy scenario (policies are what the explorer is about), else the city file. */
export function defaultScenario(city: CityEntry): ScenarioEntry {
  return city.scenarios.find((s) => s.baseline) ?? city.scenarios.find((s) => !s.isCity) ?? city.scenarios[0]!;
}

/** Run settings a scenario opens with: its seed and horizon, a small sample and one replication (a run takes seconds). */
export function defaultRun(s: ScenarioEntry): RunValues {
  const sc = s.loaded.scenario;
  return { seed: sc.seed, sample: Math.min(sc.sample, EXPLORER_LIMITS.sampleDefault), months: sc.horizon_months, replications: 1 };
}

/** The state of a fresh page for `cityId` (or the first city). */
export function defaultState(c: Catalog, cityId?: string, lang: Lang = 'en'): PageState {
  const city = (cityId !== undefined ? findCity(c, cityId) : undefined) ?? c.cities[0]!;
  const s = defaultScenario(city);
  return { lang, city: city.id, mode: 'one', run: defaultRun(s), A: { scenario: s.id, values: new Map() }, B: { scenario: s.id, values: new Map() } };
}

const RUN_PARAM: Record<RunSetting['key'], string> = { seed: 'seed', sample: 'sample', months: 'months', replications: 'reps' };

/** The URL hash (without "#") of a state. Lever values equal to the shipped ones are left out. */
export function encodeState(st: PageState): string {
  const p = new URLSearchParams();
  p.set('lang', st.lang);
  p.set('city', st.city);
  for (const r of runSettings()) p.set(RUN_PARAM[r.key], String(st.run[r.key]));
  const settings: SettingId[] = st.mode === 'ab' ? ['A', 'B'] : ['A'];
  if (st.mode === 'ab') p.set('mode', 'ab');
  for (const id of settings) {
    const s = st[id];
    const pre = id.toLowerCase();
    p.set(pre, s.scenario);
    for (const [k, v] of [...s.values].sort((a, b) => (a[0] < b[0] ? -1 : 1))) p.set(`${pre}.${k}`, valueText(v));
  }
  return p.toString();
}

/** Reads a URL hash into a state; every problem found is reported, none is fatal. */
export function decodeState(hash: string, c: Catalog): { state: PageState; problems: Problem[] } {
  const problems: Problem[] = [];
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const get = (k: string) => p.get(k) ?? undefined;
  const rawLang = get('lang');
  const lang: Lang = rawLang !== undefined && (LANGS as readonly string[]).includes(rawLang) ? (rawLang as Lang) : 'en';
  if (rawLang !== undefined && rawLang !== lang) problems.push({ code: 'refused', key: 'lang', raw: rawLang, value: lang });

  const rawCity = get('city');
  let city = rawCity !== undefined ? findCity(c, rawCity) : undefined;
  if (!city) {
    city = c.cities[0]!;
    if (rawCity !== undefined) problems.push({ code: 'unknown-city', key: 'city', raw: rawCity, value: city.id });
  }
  const st = defaultState(c, city.id, lang);
  const rawMode = get('mode');
  if (rawMode === 'ab') st.mode = 'ab';
  else if (rawMode !== undefined && rawMode !== 'one') problems.push({ code: 'refused', key: 'mode', raw: rawMode, value: 'one' });

  const readSetting = (id: SettingId, fallback: ScenarioEntry) => {
    const pre = id.toLowerCase();
    const rawScenario = get(pre);
    let s = rawScenario !== undefined ? findScenario(city!, rawScenario) : undefined;
    if (!s) {
      s = fallback;
      if (rawScenario !== undefined) problems.push({ code: 'unknown-scenario', key: pre, raw: rawScenario, value: s.id });
    }
    const levers = new Map(leversOf(s).map((l) => [l.key, l]));
    const values = new Map<string, LeverValue>();
    for (const [k, raw] of p) {
      if (!k.startsWith(`${pre}.`)) continue;
      const key = k.slice(pre.length + 1);
      const lever = levers.get(key);
      if (!lever) {
        problems.push({ code: 'unknown-lever', key: k, raw });
        continue;
      }
      const r = checkLeverValue(lever, raw);
      if (r.value === null) {
        problems.push({ code: 'refused', key: k, raw, value: valueText(lever.value), min: lever.kind === 'number' ? lever.min : undefined, max: lever.kind === 'number' ? lever.max : undefined });
        continue;
      }
      if (r.problem === 'clamped') problems.push({ code: 'clamped', key: k, raw, value: valueText(r.value), min: lever.min, max: lever.max });
      if (r.value !== lever.value) values.set(key, r.value);
    }
    return { scenario: s.id, values, entry: s };
  };
  const a = readSetting('A', defaultScenario(city));
  st.A = { scenario: a.scenario, values: a.values };
  st.run = defaultRun(a.entry);
  if (st.mode === 'ab') {
    const b = readSetting('B', a.entry);
    st.B = { scenario: b.scenario, values: b.values };
  } else {
    st.B = { scenario: a.scenario, values: new Map(a.values) };
  }

  for (const r of runSettings()) {
    const name = RUN_PARAM[r.key];
    const raw = get(name);
    if (raw === undefined) continue;
    const x = checkNumber(raw, r.min, r.max, r.integer);
    if (x.value === null) {
      problems.push({ code: 'refused', key: name, raw, value: String(st.run[r.key]), min: r.min, max: r.max });
      continue;
    }
    if (x.problem === 'clamped') problems.push({ code: 'clamped', key: name, raw, value: String(x.value), min: r.min, max: r.max });
    st.run[r.key] = x.value as number;
  }

  const known = new Set(['lang', 'city', 'mode', 'a', 'b', ...Object.values(RUN_PARAM)]);
  for (const [k, raw] of p) {
    if (known.has(k) || k.startsWith('a.') || (k.startsWith('b.') && st.mode === 'ab')) continue;
    if (k.startsWith('b.')) continue; // B's levers in a one-setting link: harmless, ignored
    problems.push({ code: 'unknown-lever', key: k, raw });
  }
  return { state: st, problems };
}
