/**
 * The explorer's pure parts, in Node: levers generated from the schema,
 * applying them, reading values typed or found in a URL, the permalink, the
 * embedded catalog of shipped scenarios, the YAML the page runs and offers
 * for download, and the Chinese labels.
 */
import { describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { z } from 'zod';
import { applyLevers, checkLeverValue, checkNumber, leversFor, roundToStep, runSettings, stepDecimals, type Lever } from '../../viz/explorer/levers.ts';
import { buildCatalog, catalogIndex, embeddedReader, lazyCatalog, loadText, normalizePath } from '../../viz/explorer/catalog.ts';
import { collectScenarioFiles } from '../../viz/explorer/build.ts';
import { decodeState, defaultState, encodeState, findCity, leversOf } from '../../viz/explorer/permalink.ts';
import { leverDoc, leverLabel, problemText, t } from '../../viz/explorer/i18n.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { canonicalJson } from '../../sim/scenario/load.ts';
import { num, share } from '../../sim/model/params.ts';

const files = collectScenarioFiles();
const catalog = buildCatalog(files);
const allEntries = catalog.cities.flatMap((c) => c.scenarios);
const allLevers = allEntries.flatMap((s) => leversOf(s).map((l) => ({ s, l })));
const byKey = (ls: Lever[], key: string) => ls.find((l) => l.key === key);

describe('levers from the schema metadata', () => {
  const diff = loadScenarioFile('scenarios/policies/chongqing-differentiated.yaml');
  const levers = leversFor(diff.resolved);

  it('gives the differentiated rule one years-of-work slider per zone, with the zone, range, step, unit and source', () => {
    const core = byKey(levers, 'policies.differentiated.zones.core.years_work')!;
    expect(core).toBeDefined();
    expect(core).toMatchObject({ kind: 'number', min: 0, max: 50, slider: { min: 0, max: 15 }, step: 1, unit: 'years', main: true, value: 5, group: 'policies.differentiated' });
    expect(core.zone).toEqual({ id: 'core', name: expect.stringContaining('核心区') });
    expect(core.path).toEqual(['policies', 'differentiated', 'zones', 'core', 'years_work']);
    expect(core.source).toContain('seed 000');
    expect(byKey(levers, 'policies.differentiated.zones.expansion.years_work')!.value).toBe(3);
    expect(byKey(levers, 'policies.differentiated.zones.new_district.years_work')!.value).toBe(2);
  });

  it('turns booleans into toggles and enums into choices inside policy blocks', () => {
    expect(byKey(levers, 'policies.differentiated.include_nonlocal')).toMatchObject({ kind: 'boolean', value: true });
    const stance = byKey(levers, 'policies.differentiated.zones.northeast.stance')!;
    expect(stance.kind).toBe('enum');
    expect(stance.options).toEqual(['open', 'closed', 'reduce']);
    expect(stance.value).toBe('reduce');
  });

  it('offers labelled city parameters, per zone where the field is per zone, and skips unlabelled ones', () => {
    expect(byKey(levers, 'city.labour.wage_growth_year')).toMatchObject({ min: -0.5, max: 1, step: 0.005, main: false });
    expect(byKey(levers, 'city.zones.core.urban_share')!.zone?.id).toBe('core');
    expect(byKey(levers, 'city.demography.mortality_b')).toBeUndefined();
    expect(levers.some((l) => l.key.startsWith('city.zones.') && l.field === 'rent_yuan_month')).toBe(false);
  });

  it('does not invent optional blocks or fields the scenario lacks', () => {
    const base = loadScenarioFile('scenarios/policies/chongqing-baseline.yaml');
    const ls = leversFor(base.resolved);
    expect(ls.some((l) => l.group === 'policies.differentiated')).toBe(false);
    expect(ls.some((l) => l.group === 'policies.conditions')).toBe(true);
    // strategic is optional without a default: absent in seed 000's rule
    expect(levers.some((l) => l.key.startsWith('policies.differentiated.strategic'))).toBe(false);
  });

  it('reads range, step and integer-ness from zod checks and meta, and defaults a step when there is none', () => {
    const schema = z.strictObject({
      policies: z.strictObject({ p: z.strictObject({ a: num(0, 12), b: z.number().int().min(1).max(5000), c: share({ label: 'C', lever: true }), d: z.number() }) }),
      city: z.strictObject({}),
    });
    const ls = leversFor({ policies: { p: { a: 3, b: 10, c: 0.5, d: 7 } }, city: {} }, schema);
    expect(byKey(ls, 'policies.p.a')).toMatchObject({ min: 0, max: 12, step: 1, integer: false });
    expect(byKey(ls, 'policies.p.b')).toMatchObject({ min: 1, max: 5000, integer: true });
    expect(byKey(ls, 'policies.p.b')!.step).toBeGreaterThanOrEqual(1);
    expect(byKey(ls, 'policies.p.c')).toMatchObject({ step: 0.01, main: true, label: 'C' });
    expect(byKey(ls, 'policies.p.d')).toBeUndefined(); // no range: no slider
  });

  it('finds the issue\'s example levers in the shipped scenarios that have their policies', () => {
    const keys = new Set(allLevers.map(({ l }) => l.key.replace(/zones\.[a-z0-9_-]+\./, 'zones.*.')));
    const has = (policy: string) => allEntries.some((s) => (s.loaded.resolved.policies as Record<string, unknown> | undefined)?.[policy] !== undefined);
    if (has('differentiated')) expect(keys).toContain('policies.differentiated.zones.*.years_work');
    if (has('points')) expect(keys).toContain('policies.points.quota_persons_year');
    if (has('public_rental')) {
      expect(keys).toContain('policies.public_rental.rent_share');
      expect(keys).toContain('policies.public_rental.units_per_year');
    }
    if (has('housing_registration')) {
      expect(keys).toContain('policies.housing_registration.declaration_rate_month');
      expect(keys).toContain('policies.housing_registration.grid_workers_per_1000');
    }
    if (has('relief')) expect(keys).toContain('policies.relief.population_cap');
    const passMark = allEntries.filter((s) => (s.loaded.resolved.policies as { points?: { pass_mark?: number } } | undefined)?.points?.pass_mark !== undefined);
    for (const s of passMark) expect(byKey(leversOf(s), 'policies.points.pass_mark')).toBeDefined();
  });
});

describe('applying levers', () => {
  const entry = findCity(catalog, 'chongqing-2010')!.scenarios.find((s) => s.id === 'chongqing-differentiated')!;
  const levers = leversOf(entry);

  it('sets values at their paths in a copy and leaves the shipped document alone', () => {
    const before = canonicalJson(entry.loaded.resolved);
    const doc = applyLevers(entry.loaded.resolved, levers, new Map([['policies.differentiated.zones.core.years_work', 1.5]]));
    expect((doc as { policies: { differentiated: { zones: { core: { years_work: number } } } } }).policies.differentiated.zones.core.years_work).toBe(1.5);
    expect(canonicalJson(entry.loaded.resolved)).toBe(before);
    expect(canonicalJson(applyLevers(entry.loaded.resolved, levers, new Map()))).toBe(before);
  });

  it('writes a YAML file the loader reads back to the same scenario (sources kept), changed lever included', () => {
    const doc = applyLevers(entry.loaded.resolved, levers, new Map([['policies.differentiated.zones.core.years_work', 1.5]]));
    const text = YAML.stringify(doc, { lineWidth: 0 });
    const back = loadText('x.yaml', text);
    expect(canonicalJson(back.resolved)).toBe(canonicalJson(doc));
    expect((back.scenario.policies as unknown as { differentiated: { zones: { core: { years_work: number } } } }).differentiated.zones.core.years_work).toBe(1.5);
    expect(text).toContain('source:');
    expect(text).not.toContain('extends:');
    // Unchanged: the same resolved scenario as the shipped file read from disk.
    const plain = loadText('y.yaml', YAML.stringify(entry.loaded.resolved, { lineWidth: 0 }));
    expect(plain.sha256).toBe(loadScenarioFile(entry.file).sha256);
  });

  it('rounds slider arithmetic to the step', () => {
    expect(roundToStep(0.1 + 0.2, 0.01)).toBe(0.3);
    expect(roundToStep(2.5000000001, 0.5)).toBe(2.5);
    expect(stepDecimals(0.005)).toBe(3);
    expect(stepDecimals(1e-5)).toBe(5);
    expect(stepDecimals(500)).toBe(0);
  });
});

describe('reading typed and URL values', () => {
  it('clamps out-of-range numbers and refuses non-numbers', () => {
    expect(checkNumber('3', 0, 50, false)).toEqual({ value: 3, problem: null });
    expect(checkNumber('999', 0, 50, false)).toEqual({ value: 50, problem: 'clamped' });
    expect(checkNumber('-4', 0, 50, false)).toEqual({ value: 0, problem: 'clamped' });
    expect(checkNumber('2.6', 1, 600, true)).toEqual({ value: 3, problem: 'clamped' });
    expect(checkNumber('1e3', 0, 5000, true)).toEqual({ value: 1000, problem: null });
    for (const bad of ['abc', '', 'NaN', 'Infinity', '0x10', '1,5', '<script>', '3 4']) expect(checkNumber(bad, 0, 50, false).value).toBeNull();
  });

  it('reads booleans and enum choices, refusing anything else', () => {
    const b = { kind: 'boolean' as const, min: 0, max: 1, integer: true };
    expect(checkLeverValue(b, '1').value).toBe(true);
    expect(checkLeverValue(b, 'false').value).toBe(false);
    expect(checkLeverValue(b, 'maybe').problem).toBe('refused');
    const e = { kind: 'enum' as const, min: 0, max: 2, integer: true, options: ['open', 'closed', 'reduce'] };
    expect(checkLeverValue(e, 'closed').value).toBe('closed');
    expect(checkLeverValue(e, 'CLOSED').problem).toBe('refused');
  });

  it('bounds the run settings by the schema and the explorer\'s limits', () => {
    const r = Object.fromEntries(runSettings().map((x) => [x.key, x]));
    expect(r.seed).toMatchObject({ min: 0, max: 2 ** 31 - 1, integer: true });
    expect(r.months).toMatchObject({ min: 1, max: 600, integer: true });
    expect(r.sample!.max).toBeLessThanOrEqual(0.05);
    expect(r.replications!.max).toBeLessThanOrEqual(10);
  });
});

describe('permalink', () => {
  it('round-trips city, scenarios, mode, run settings and lever values', () => {
    const st = defaultState(catalog, 'chongqing-2010', 'zh');
    st.A = { scenario: 'chongqing-differentiated', values: new Map<string, number | boolean | string>([['policies.differentiated.zones.core.years_work', 2], ['policies.differentiated.include_nonlocal', false]]) };
    st.mode = 'ab';
    st.B = { scenario: 'chongqing-baseline', values: new Map([['policies.conditions.min_years_in_city', 1]]) };
    st.run = { seed: 42, sample: 0.002, months: 24, replications: 2 };
    const hash = encodeState(st);
    const { state, problems } = decodeState(hash, catalog);
    expect(problems).toEqual([]);
    expect(state.lang).toBe('zh');
    expect(state.run).toEqual(st.run);
    expect(state.A.scenario).toBe('chongqing-differentiated');
    expect(Object.fromEntries(state.A.values)).toEqual(Object.fromEntries(st.A.values));
    expect(state.B.scenario).toBe('chongqing-baseline');
    expect(Object.fromEntries(state.B.values)).toEqual(Object.fromEntries(st.B.values));
    expect(encodeState(state)).toBe(hash);
  });

  it('clamps or refuses bad values with a problem for each, and never throws', () => {
    const { state, problems } = decodeState(
      'city=chongqing-2010&a=chongqing-differentiated&a.policies.differentiated.zones.core.years_work=999&a.policies.differentiated.apply_rate=abc&a.nope=1&sample=9&months=-3&seed=x&zzz=1',
      catalog,
    );
    expect(state.A.values.get('policies.differentiated.zones.core.years_work')).toBe(50);
    expect(state.A.values.has('policies.differentiated.apply_rate')).toBe(false);
    expect(state.run.sample).toBe(0.05);
    expect(state.run.months).toBe(1);
    expect(state.run.seed).toBe(1);
    const codes = problems.map((p) => `${p.code}:${p.key}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'clamped:a.policies.differentiated.zones.core.years_work',
        'refused:a.policies.differentiated.apply_rate',
        'unknown-lever:a.nope',
        'clamped:sample',
        'clamped:months',
        'refused:seed',
        'unknown-lever:zzz',
      ]),
    );
    for (const p of problems) for (const lang of ['en', 'zh'] as const) expect(problemText(lang, p).length).toBeGreaterThan(10);
  });

  it('falls back to a known city and scenario', () => {
    const { state, problems } = decodeState('city=atlantis&a=%3Cimg%20src%3Dx%3E', catalog);
    expect(findCity(catalog, state.city)).toBeDefined();
    expect(problems.map((p) => p.code)).toEqual(['unknown-city', 'unknown-scenario']);
    expect(problems[1]!.raw).toBe('<img src=x>'); // shown as text by the page
  });

  it('survives garbage', () => {
    const junk = ['', '#', '&&&', '=%', '%E0%A4%A', 'a.=1', 'lang=fr', 'mode=abc', 'city=' + 'x'.repeat(5000), 'reps=1e400', 'a.city.zones.core.urban_share=-1e309'];
    for (const h of junk) expect(() => decodeState(h, catalog)).not.toThrow();
  });
});

describe('shipped scenarios in the page', () => {
  it('embeds every city and policy file and loads each of them', () => {
    expect(Object.keys(files)).toContain('scenarios/cities/chongqing-2010.yaml');
    expect(catalog.problems).toEqual([]);
    const chongqing = findCity(catalog, 'chongqing-2010')!;
    expect(chongqing.scenarios[0]!.isCity).toBe(true);
    expect(chongqing.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(['chongqing-baseline', 'chongqing-differentiated']));
  });

  it('opens from the embedded index and loads a scenario only when it is used, to the same result', () => {
    const index = JSON.parse(JSON.stringify(catalogIndex(catalog)));
    const lazy = lazyCatalog(index, files);
    expect(lazy.cities.map((c) => [c.id, c.scenarios.map((s) => s.id)])).toEqual(catalog.cities.map((c) => [c.id, c.scenarios.map((s) => s.id)]));
    const a = findCity(lazy, 'chongqing-2010')!.scenarios.find((s) => s.id === 'chongqing-differentiated')!;
    const b = findCity(catalog, 'chongqing-2010')!.scenarios.find((s) => s.id === 'chongqing-differentiated')!;
    expect(a.loaded.sha256).toBe(b.loaded.sha256);
    expect(a.loaded).toBe(a.loaded); // loaded once
    expect(leversOf(a).map((l) => l.key)).toEqual(leversOf(b).map((l) => l.key));
  });

  it('resolves extends over the embedded map like paths on disk', () => {
    expect(normalizePath('scenarios/policies/../cities/x.yaml')).toBe('scenarios/cities/x.yaml');
    const r = embeddedReader({ 'scenarios/cities/a.yaml': 'id: a' });
    expect(r.resolve('scenarios/policies/b.yaml', '../cities/a.yaml')).toBe('scenarios/cities/a.yaml');
    expect(r.read('scenarios/cities/a.yaml')!.text).toBe('id: a');
    expect(r.read('toString')).toBeNull();
  });

  it('reports a broken file instead of dropping it silently', () => {
    const c = buildCatalog({ ...files, 'scenarios/policies/broken.yaml': 'extends: ../cities/chongqing-2010.yaml\nid: broken\npolicies: { nope: {} }\n' });
    expect(c.problems.map((p) => p.file)).toEqual(['scenarios/policies/broken.yaml']);
    expect(c.problems[0]!.message).toContain('nope');
  });
});

describe('language', () => {
  it('labels every lever of every shipped scenario in English and Chinese, main levers in Chinese characters', () => {
    const missing: string[] = [];
    for (const { l } of allLevers) {
      const en = leverLabel('en', l);
      const zh = leverLabel('zh', l);
      expect(en.length).toBeGreaterThan(1);
      if (!/[\u3400-\u9fff]/.test(zh) && l.main) missing.push(l.key);
    }
    expect(missing).toEqual([]);
    expect(t('zh', 'run')).toBe('运行');
  });

  it('gives the levers of a block different labels (nested blocks, list items and zones named)', () => {
    const clashes: string[] = [];
    for (const s of allEntries) {
      for (const lang of ['en', 'zh'] as const) {
        const seen = new Map<string, string>();
        for (const l of leversOf(s)) {
          const shown = `${l.group} | ${leverLabel(lang, l)} | ${l.zone?.id ?? ''}`;
          if (seen.has(shown)) clashes.push(`${s.id} ${lang}: ${l.key} and ${seen.get(shown)} both "${shown}"`);
          seen.set(shown, l.key);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('explains every main lever in both languages, and names its source', () => {
    const missing: string[] = [];
    for (const { l } of allLevers) {
      if (!l.main) continue;
      const en = leverDoc('en', l);
      const zh = leverDoc('zh', l);
      if (!en || en.length < 20) missing.push(`en ${l.key}`);
      if (!zh || !/[\u3400-\u9fff]/.test(zh)) missing.push(`zh ${l.key}`);
      if (!l.source) missing.push(`source ${l.key}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('building the page', () => {
  it('says what to do when esbuild is missing', async () => {
    vi.resetModules();
    vi.doMock('esbuild', () => {
      throw new Error("Cannot find package 'esbuild'");
    });
    try {
      const { buildExplorer, ExplorerBuildError } = await import('../../viz/explorer/build.ts');
      const err = await buildExplorer().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ExplorerBuildError);
      expect((err as Error).message).toMatch(/esbuild is not installed.*npm ci/);
    } finally {
      vi.doUnmock('esbuild');
      vi.resetModules();
    }
  });
});
