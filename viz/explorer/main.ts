/**
 * The explorer page: choose a city and a policy scenario, move the levers
 * (generated from the schema, see levers.ts), run one setting or A vs B on
 * the same seeds in a Web Worker, watch the charts of viz/charts fill month
 * by month, and share or reproduce the run (permalink, scenario YAML,
 * indicators CSV, digest). Every string that comes from a scenario file, the
 * CSV or the URL reaches the page through textContent only.
 */
import { z } from 'zod';
import YAML from 'yaml';
import FILES from 'megasim-explorer:scenarios';
import INDEX from 'megasim-explorer:index';
import WORKER_SOURCE from 'megasim-explorer:worker';
import { lazyCatalog, loadText, type Catalog, type CityEntry, type ScenarioEntry } from './catalog.ts';
import { decodeState, defaultState, encodeState, findCity, findScenario, leversOf, type PageState, type SettingId } from './permalink.ts';
import { applyLevers, checkNumber, policyInfo, roundToStep, runSettings, valueText, type Lever, type LeverValue, type RunSetting } from './levers.ts';
import { CHART_TITLES_ZH, leverDoc, unitLabel, groupTitle, indicatorMeaning, indicatorName, indicatorTitle, leverLabel, optionLabel, problemText, t, type Lang, type Problem, type UiKey } from './i18n.ts';
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import { arrivalsDepartures, costByPayer, cutoffAndApplicants, PAYERS, rentToIncomeByZone, smallMultiplesByZone, stackedHukou, timeSeriesBand } from '../charts/index.ts';
import { hasIndicator, monthRange, zonesOf } from '../charts/data.ts';
import { formatDifference, formatValue } from '../format.ts';
import type { ChartMeta, ScenarioInfo, StatRow } from '../types.ts';
import type { FromWorker, RunJob } from './worker.ts';

z.config({ jitless: true });

// ---------------------------------------------------------------- helpers

const $ = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing element #${id}`);
  return e as E;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One line of text: no newlines from file names or titles in YAML comments. */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

// ---------------------------------------------------------------- state

let catalog: Catalog;
let state: PageState;
let editing: SettingId = 'A';

interface Rows {
  rep: number[];
  month: number[];
  ind: number[];
  zone: number[];
  value: number[];
}

interface SettingRun {
  setting: SettingId;
  entry: ScenarioEntry;
  resolved: Record<string, unknown>;
  /** The scenario file that runs (and is offered for download), without its comment header. */
  yamlBody: string;
  changed: { key: string; from: LeverValue; to: LeverValue }[];
  zoneIds: string[];
  rows: Rows;
  digest?: string;
  csv?: string;
}

interface RunRecord {
  id: number;
  settings: SettingRun[];
  months: number;
  total: number;
  done: number;
  status: 'running' | 'done' | 'stopped' | 'error';
  /** The permalink at the time of the run: a different one means the results are stale. */
  hash: string;
  lastSetting: SettingId;
  lastMonth: number;
  error?: string;
}

let current: RunRecord | null = null;
let runCounter = 0;
let worker: Worker | null = null;

/** What the messages box shows; kept as data so it can be shown again in the other language. */
type Message = { problem: Problem } | { key: UiKey; detail: string[] };
let messages: Message[] = [];
let messagesAreErrors = false;

const lang = (): Lang => state.lang;

function cityOf(): CityEntry {
  return findCity(catalog, state.city)!;
}

function entryOf(id: SettingId): ScenarioEntry {
  return findScenario(cityOf(), state[id].scenario)!;
}

function settingsInPlay(): SettingId[] {
  return state.mode === 'ab' ? ['A', 'B'] : ['A'];
}

function valueOf(id: SettingId, l: Lever): LeverValue {
  return state[id].values.get(l.key) ?? l.value;
}

/** The resolved document a setting runs: shipped scenario + lever values + run settings. */
function resolvedFor(id: SettingId): Record<string, unknown> {
  const entry = entryOf(id);
  const doc = applyLevers(entry.loaded.resolved, leversOf(entry), state[id].values);
  for (const r of runSettings()) doc[r.field] = state.run[r.key];
  return doc;
}

// ---------------------------------------------------------------- permalink

function persist(): void {
  const hash = encodeState(state);
  if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', `#${hash}`);
  $<HTMLInputElement>('permalink').value = location.href;
  renderStale();
}

function renderStale(): void {
  const stale = $('stale');
  const isStale = current !== null && current.status !== 'running' && current.hash !== encodeState({ ...state, lang: 'en' });
  stale.hidden = !isStale;
  stale.textContent = isStale ? t(lang(), 'stale') : '';
}

// ---------------------------------------------------------------- messages

function showMessages(list: Message[], errors = false): void {
  messages = list;
  messagesAreErrors = errors;
  renderMessages();
}

function renderMessages(): void {
  const box = $('messages');
  const ul = $('messages-list');
  ul.replaceChildren();
  for (const m of messages) {
    if ('problem' in m) ul.append(el('li', {}, problemText(lang(), m.problem)));
    else {
      const li = el('li', {}, t(lang(), m.key));
      for (const d of m.detail) li.append(el('br'), document.createTextNode(d));
      ul.append(li);
    }
  }
  box.hidden = messages.length === 0;
  box.classList.toggle('error', messagesAreErrors);
  $('messages-title').textContent = t(lang(), 'messages');
  $('messages-dismiss').textContent = t(lang(), 'dismiss');
}

// ---------------------------------------------------------------- static text

function renderStaticText(): void {
  const L = lang();
  document.documentElement.lang = L === 'zh' ? 'zh-CN' : 'en';
  document.title = t(L, 'appTitle');
  const set = (id: string, key: UiKey) => ($(id).textContent = t(L, key));
  set('app-title', 'appTitle');
  set('tagline', 'tagline');
  set('lang-label', 'language');
  set('h-scenario', 'scenarioHeading');
  set('city-label', 'city');
  set('mode-legend', 'mode');
  set('mode-one-label', 'modeOne');
  set('mode-ab-label', 'modeAB');
  set('h-run', 'runHeading');
  set('run-seed-label', 'seed');
  set('run-sample-label', 'sample');
  set('run-months-label', 'months');
  set('run-replications-label', 'replications');
  set('sample-help', 'sampleHelp');
  set('h-levers', 'leversHeading');
  set('edit-label', 'editing');
  set('edit-A', 'settingA');
  set('edit-B', 'settingB');
  set('scenario-label', 'policyScenario');
  set('reset', 'reset');
  set('run', 'run');
  set('stop', 'stop');
  set('h-headlines', 'headlines');
  set('h-charts', 'charts');
  set('h-reproduce', 'reproduce');
  set('reproduce-help', 'reproduceHelp');
  set('permalink-label', 'permalink');
  set('copy', 'copy');
  set('footer', 'footer');
  $('progress-label').textContent = t(L, 'running');
  $<HTMLSelectElement>('lang').value = L;
}

// ---------------------------------------------------------------- choosing

function scenarioOptionText(s: ScenarioEntry): string {
  const title = lang() === 'zh' && s.title_zh ? s.title_zh : s.title;
  return s.isCity ? `${title} (${t(lang(), 'asShipped')})` : title;
}

function renderChoosers(): void {
  const citySel = $<HTMLSelectElement>('city');
  citySel.replaceChildren(
    ...catalog.cities.map((c) => el('option', { value: c.id }, lang() === 'zh' && c.title_zh ? c.title_zh : c.title)),
  );
  citySel.value = state.city;
  $<HTMLInputElement>('mode-one').checked = state.mode === 'one';
  $<HTMLInputElement>('mode-ab').checked = state.mode === 'ab';
  const sw = $('edit-switch');
  sw.hidden = state.mode !== 'ab';
  sw.style.display = state.mode === 'ab' ? '' : 'none';
  $('edit-A').setAttribute('aria-pressed', String(editing === 'A'));
  $('edit-B').setAttribute('aria-pressed', String(editing === 'B'));
  const scSel = $<HTMLSelectElement>('scenario');
  scSel.replaceChildren(...cityOf().scenarios.map((s) => el('option', { value: s.id }, scenarioOptionText(s))));
  scSel.value = state[editing].scenario;
  const label = state.mode === 'ab' ? `${t(lang(), 'policyScenario')} (${editing})` : t(lang(), 'policyScenario');
  $('scenario-label').textContent = label;
  $('scenario-question').textContent = entryOf(editing).question ?? '';
  for (const r of runSettings()) {
    const input = $<HTMLInputElement>(`run-${r.key}`);
    input.min = String(r.key === 'sample' ? 0 : r.min);
    input.max = String(r.max);
    input.step = String(r.step);
    input.value = String(state.run[r.key]);
  }
}

// ---------------------------------------------------------------- levers

function leverTitle(l: Lever): string {
  const base = leverLabel(lang(), l);
  return l.zone ? `${base} — ${l.zone.name}` : base;
}

function unitText(l: Lever): string {
  return unitLabel(lang(), l.unit);
}

function renderLevers(): void {
  const box = $('levers');
  const focusId = document.activeElement?.id;
  box.replaceChildren();
  const entry = entryOf(editing);
  const levers = leversOf(entry);
  const groups = new Map<string, Lever[]>();
  for (const l of levers) {
    if (!groups.has(l.group)) groups.set(l.group, []);
    groups.get(l.group)!.push(l);
  }
  const policyGroups = [...groups].filter(([g]) => g.startsWith('policies.'));
  const cityGroups = [...groups].filter(([g]) => !g.startsWith('policies.'));
  for (const [g, ls] of policyGroups) box.append(groupFieldset(g, ls, levers));
  if (cityGroups.length > 0) {
    const det = el('details', { class: 'city' });
    det.append(el('summary', {}, `${t(lang(), 'cityAssumptions')} (${cityGroups.reduce((n, [, ls]) => n + ls.length, 0)})`));
    for (const [g, ls] of cityGroups) det.append(groupFieldset(g, ls, levers));
    box.append(det);
  }
  if (focusId) {
    const f = document.getElementById(focusId);
    if (f) {
      f.closest('details')?.setAttribute('open', '');
      f.focus();
    }
  }
}

function groupFieldset(group: string, ls: Lever[], all: Lever[]): HTMLFieldSetElement {
  const fs = el('fieldset', { class: 'group', 'data-group': group });
  const policy = policyInfo(group);
  fs.append(el('legend', {}, groupTitle(lang(), group, policy, ls[0]?.zone?.name)));
  if (policy) fs.append(el('p', { class: 'group-source' }, `${t(lang(), 'source')}: ${policy.source}`));
  const main = ls.filter((l) => l.main);
  const rest = ls.filter((l) => !l.main);
  for (const l of main) fs.append(leverControl(l, all.indexOf(l)));
  if (rest.length > 0) {
    if (main.length === 0 && !policy) for (const l of rest) fs.append(leverControl(l, all.indexOf(l)));
    else {
      const more = el('details', { class: 'more' });
      more.append(el('summary', {}, `${t(lang(), 'moreLevers')} (${rest.length})`));
      for (const l of rest) more.append(leverControl(l, all.indexOf(l)));
      fs.append(more);
    }
  }
  return fs;
}

function badges(l: Lever): HTMLElement {
  const span = el('span', { class: 'badges' });
  const v = valueOf(editing, l);
  if (v !== l.value) span.append(el('span', { class: 'badge' }, t(lang(), 'changed')));
  if (state.mode === 'ab' && editing === 'B') {
    const a = leversOf(entryOf('A')).find((x) => x.key === l.key);
    if (!a || valueOf('A', a) !== v) span.append(el('span', { class: 'badge ab' }, t(lang(), 'differsFromA')));
  }
  return span;
}

function leverControl(l: Lever, index: number): HTMLElement {
  const id = `lv-${index}`;
  const wrap = el('div', { class: 'lever', 'data-key': l.key });
  const title = leverTitle(l);
  const value = valueOf(editing, l);
  const refreshBadges = () => wrap.querySelector('.badges')?.replaceWith(badges(l));
  if (l.kind === 'number') {
    const head = el('div', { class: 'lever-head' });
    head.append(el('label', { for: id }, title), badges(l));
    const row = el('div', { class: 'lever-row' });
    const range = el('input', { type: 'range', id, min: String(l.min), max: String(l.max), step: String(l.step), 'data-key': l.key });
    range.value = String(value);
    const num = el('input', { type: 'number', id: `${id}-n`, min: String(l.min), max: String(l.max), step: String(l.step), 'data-key': l.key });
    num.value = String(value);
    const numLabel = el('label', { for: `${id}-n`, class: 'visually-hidden' }, `${title} (${unitText(l) || '#'})`);
    range.addEventListener('input', () => {
      const v = roundToStep(Number(range.value), l.step);
      num.value = String(v);
      setLever(l, v);
      refreshBadges();
    });
    num.addEventListener('change', () => {
      const r = checkNumber(num.value, l.min, l.max, l.integer);
      if (r.value === null) {
        num.value = String(valueOf(editing, l));
        showMessages([{ problem: { code: 'refused', key: title, raw: num.value, value: String(valueOf(editing, l)), min: l.min, max: l.max } }]);
        return;
      }
      if (r.problem === 'clamped') showMessages([{ problem: { code: 'clamped', key: title, raw: num.value, value: String(r.value), min: l.min, max: l.max } }]);
      num.value = String(r.value);
      range.value = String(r.value);
      setLever(l, r.value as number);
      refreshBadges();
    });
    row.append(range, numLabel, num, el('span', { class: 'unit' }, unitText(l)));
    wrap.append(head, row);
  } else if (l.kind === 'boolean') {
    const row = el('div', { class: 'lever-row toggle' });
    const box = el('input', { type: 'checkbox', id, 'data-key': l.key });
    box.checked = value === true;
    box.addEventListener('change', () => {
      setLever(l, box.checked);
      refreshBadges();
    });
    row.append(box, el('label', { for: id }, title), badges(l));
    wrap.append(row);
  } else {
    const head = el('div', { class: 'lever-head' });
    head.append(el('label', { for: id }, title), badges(l));
    const sel = el('select', { id, 'data-key': l.key });
    for (const o of l.options ?? []) sel.append(el('option', { value: o }, optionLabel(lang(), o)));
    sel.value = String(value);
    sel.addEventListener('change', () => {
      setLever(l, sel.value);
      refreshBadges();
    });
    wrap.append(head, sel);
  }
  const about = el('details', { class: 'about' });
  about.append(el('summary', {}, t(lang(), 'about')));
  const doc = leverDoc(lang(), l);
  about.append(el('p', {}, doc ?? t(lang(), 'noDoc')));
  if (l.source) about.append(el('p', {}, `${t(lang(), 'source')}: ${l.source}`));
  wrap.append(about);
  return wrap;
}

function setLever(l: Lever, v: LeverValue): void {
  const values = state[editing].values;
  if (v === l.value) values.delete(l.key);
  else values.set(l.key, v);
  persist();
}

// ---------------------------------------------------------------- results → charts

function statRows(run: RunRecord): StatRow[] {
  const out: StatRow[] = [];
  for (const s of run.settings) {
    const groups = new Map<string, { month: number; ind: number; zone: number; values: number[] }>();
    const r = s.rows;
    for (let i = 0; i < r.month.length; i++) {
      const k = `${r.month[i]}|${r.ind[i]}|${r.zone[i]}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { month: r.month[i]!, ind: r.ind[i]!, zone: r.zone[i]!, values: [] }));
      g.values.push(r.value[i]!);
    }
    for (const g of groups.values()) {
      const xs = g.values.filter(Number.isFinite).sort((a, b) => a - b);
      const n = xs.length;
      const mean = n > 0 ? xs.reduce((a, b) => a + b, 0) / n : NaN;
      out.push({
        scenario: s.setting,
        month: g.month,
        indicator: INDICATORS[g.ind]!.name,
        zone: g.zone < 0 ? 'all' : s.zoneIds[g.zone] ?? String(g.zone),
        mean,
        median: quantile(xs, 0.5),
        q05: quantile(xs, 0.05),
        q95: quantile(xs, 0.95),
        n: Math.max(1, g.values.length),
      });
    }
  }
  return out;
}

/** Quantile of sorted values (linear interpolation, type 7). */
function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (h - lo);
}

function chartMeta(run: RunRecord): ChartMeta {
  const a = run.settings[0]!;
  const city = a.entry.loaded.scenario.city;
  const indicators: IndicatorDef[] = INDICATORS.map((d) => ({ ...d, meaning: indicatorMeaning(lang(), d.name, d.meaning) }));
  const files = run.settings.map((s) => `${s.setting}: ${s.entry.file}`).join('; ');
  return {
    indicators,
    startMonth: a.entry.loaded.scenario.start,
    zones: city.zones.map((zn) => ({ id: zn.id, name: zn.name, areaKm2: zn.area_km2 })),
    sources: [`megasim ${ENGINE_VERSION} in the browser, ${files}; seed ${state.run.seed}, sample ${state.run.sample}`],
  };
}

function scenarioInfos(run: RunRecord): ScenarioInfo[] {
  return run.settings.map((s) => {
    const title = lang() === 'zh' && s.entry.title_zh ? s.entry.title_zh : s.entry.title;
    return { id: s.setting, title: run.settings.length > 1 ? `${s.setting}: ${title}${s.changed.length ? ' *' : ''}` : `${title}${s.changed.length ? ' *' : ''}` };
  });
}

interface ChartSpec {
  name: string;
  when: (rows: readonly StatRow[], meta: ChartMeta) => boolean;
  draw: (rows: readonly StatRow[], base: { scenarios: ScenarioInfo[]; meta: ChartMeta; width: number }, range: [number, number]) => SVGSVGElement;
}

function chartSpecs(): ChartSpec[] {
  const L = lang();
  const zh = (name: string) => (L === 'zh' ? CHART_TITLES_ZH[name] : undefined);
  const specs: ChartSpec[] = [];
  for (const def of INDICATORS) {
    if (!def.headline) continue;
    specs.push({
      name: `ts-${def.name}`,
      when: (rows) => hasIndicator(rows, def.name, 'all'),
      draw: (rows, base) => timeSeriesBand(document, rows, { ...base, indicator: def.name, title: indicatorTitle(L, def.name) }),
    });
  }
  specs.push(
    { name: 'zones-zone_population', when: (rows, meta) => zonesOf(rows, 'zone_population', meta).length > 0, draw: (rows, base) => smallMultiplesByZone(document, rows, { ...base, indicator: 'zone_population', title: zh('zones-zone_population') }) },
    { name: 'stacked-hukou', when: (rows) => hasIndicator(rows, 'residents', 'all') && hasIndicator(rows, 'hukou_residents', 'all'), draw: (rows, base) => stackedHukou(document, rows, { ...base, title: zh('stacked-hukou') }) },
    { name: 'cutoff-applicants', when: (rows) => hasIndicator(rows, 'cutoff_score', 'all'), draw: (rows, base, range) => cutoffAndApplicants(document, rows, { ...base, monthRange: range, title: zh('cutoff-applicants') }) },
    { name: 'cost-by-payer', when: (rows) => PAYERS.some((p) => hasIndicator(rows, p.indicator, 'all')), draw: (rows, base, range) => costByPayer(document, rows, { ...base, mode: 'cumulative', monthRange: range, title: zh('cost-by-payer') }) },
    { name: 'arrivals-departures', when: (rows) => hasIndicator(rows, 'arrivals', 'all'), draw: (rows, base, range) => arrivalsDepartures(document, rows, { ...base, monthRange: range, title: zh('arrivals-departures') }) },
    { name: 'rent-to-income-by-zone', when: (rows, meta) => zonesOf(rows, 'rent_to_income', meta).length > 0, draw: (rows, base) => rentToIncomeByZone(document, rows, { ...base, title: zh('rent-to-income-by-zone') }) },
  );
  return specs;
}

let redrawTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleRedraw(): void {
  if (redrawTimer !== null) return;
  redrawTimer = setTimeout(() => {
    redrawTimer = null;
    renderResults();
  }, 400);
}

function renderResults(): void {
  if (redrawTimer !== null) {
    clearTimeout(redrawTimer);
    redrawTimer = null;
  }
  renderCharts();
  renderCards();
}

function renderCharts(): void {
  const box = $('charts');
  if (!current) {
    box.replaceChildren();
    return;
  }
  const rows = statRows(current);
  const meta = chartMeta(current);
  const base = { scenarios: scenarioInfos(current), meta, width: 620 };
  const range = monthRange(rows) ?? ([0, 0] as [number, number]);
  const keep = new Map<string, HTMLElement>();
  for (const f of box.querySelectorAll<HTMLElement>('figure[data-chart]')) keep.set(f.dataset.chart!, f);
  const figures: HTMLElement[] = [];
  for (const spec of chartSpecs()) {
    if (!spec.when(rows, meta)) continue;
    let svg: SVGSVGElement;
    try {
      svg = spec.draw(rows, base, range);
    } catch (e) {
      console.error(`chart ${spec.name}:`, e);
      continue;
    }
    const fig = keep.get(spec.name) ?? el('figure', { 'data-chart': spec.name });
    fig.replaceChildren(svg);
    figures.push(fig);
  }
  box.replaceChildren(...figures);
}

/** Unit words after a headline number. */
function unitSuffix(unit: IndicatorDef['unit']): string {
  const zh: Partial<Record<IndicatorDef['unit'], string>> = { persons: ' 人', children: ' 名儿童', households: ' 户', jobs: ' 个岗位', days: ' 天', mu: ' 亩', problems: ' 件', points: ' 分', 'persons/km2': ' 人/km²', 'yuan/month': '/月' };
  const en: Partial<Record<IndicatorDef['unit'], string>> = { persons: ' persons', children: ' children', households: ' households', jobs: ' jobs', days: ' days', mu: ' mu', problems: ' problems', points: ' points', 'persons/km2': ' persons/km²', 'yuan/month': '/month' };
  return (lang() === 'zh' ? zh : en)[unit] ?? '';
}

/** A signed difference: percentage points for shares, the value and its unit words otherwise. */
function differenceText(d: number, unit: IndicatorDef['unit']): string {
  if (unit !== 'share') return (d > 0 ? '+' : d < 0 ? '−' : '±') + formatValue(Math.abs(d), unit) + unitSuffix(unit);
  const pp = formatDifference(d, 'share');
  return lang() === 'zh' ? pp.replace(' pp', ' 个百分点') : pp;
}

function headlineValue(rows: readonly StatRow[], def: IndicatorDef, setting: SettingId): number {
  const xs = rows.filter((r) => r.scenario === setting && r.indicator === def.name && r.zone === 'all');
  if (xs.length === 0) return NaN;
  if (def.kind === 'flow') return xs.filter((r) => r.month > 0).reduce((a, r) => a + (Number.isFinite(r.mean) ? r.mean : 0), 0);
  let last = xs[0]!;
  for (const r of xs) if (r.month > last.month) last = r;
  return last.mean;
}

function renderCards(): void {
  const box = $('cards');
  box.replaceChildren();
  if (!current) {
    box.append(el('p', { class: 'help' }, t(lang(), 'idle')));
    return;
  }
  const rows = statRows(current);
  for (const def of INDICATORS) {
    if (!def.headline) continue;
    const a = headlineValue(rows, def, 'A');
    if (!Number.isFinite(a) && !rows.some((r) => r.indicator === def.name)) continue;
    const card = el('div', { class: 'card', 'data-indicator': def.name, 'data-a': String(a) });
    card.append(el('h3', { title: indicatorMeaning(lang(), def.name, def.meaning) }, indicatorName(lang(), def.name)));
    const fmt = (x: number) => (Number.isFinite(x) ? formatValue(x, def.unit) + unitSuffix(def.unit) : '–');
    if (current.settings.length > 1) {
      const b = headlineValue(rows, def, 'B');
      card.setAttribute('data-b', String(b));
      for (const [id, v] of [['A', a], ['B', b]] as const) {
        const line = el('div', { class: 'v' });
        line.append(el('span', { class: `tag ${id}` }, id), document.createTextNode(fmt(v)));
        card.append(line);
      }
      if (Number.isFinite(a) && Number.isFinite(b)) card.append(el('div', { class: 'd' }, `${t(lang(), 'difference')}: ${differenceText(b - a, def.unit)}`));
    } else {
      card.append(el('div', { class: 'v' }, fmt(a)));
    }
    if (def.kind === 'flow') card.append(el('div', { class: 'note' }, t(lang(), 'headlinesFlow')));
    box.append(card);
  }
}

// ---------------------------------------------------------------- reproduce and share

function yamlFileName(s: SettingRun): string {
  return `${s.entry.id}${s.changed.length ? '-explorer' : ''}-seed${state.run.seed}.yaml`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The scenario as a YAML file `megasim run` accepts: the full resolved document, sources kept. */
function scenarioYaml(s: SettingRun): string {
  const lines = [
    `# megasim scenario written by the megasim explorer (megasim ${ENGINE_VERSION}).`,
    `# Resolved from ${oneLine(s.entry.file)} (extends merged; every source: kept).`,
    ...(s.changed.length
      ? ['# Levers changed from the shipped file:', ...s.changed.map((c) => `#   ${oneLine(c.key)}: ${oneLine(valueText(c.from))} -> ${oneLine(valueText(c.to))}`)]
      : ['# No lever changed from the shipped file.']),
    `# Reproduce: megasim run ${yamlFileName(s)}`,
    ...(s.digest ? [`# Digest of indicators.csv in the explorer: ${s.digest}`] : []),
  ];
  return `${lines.join('\n')}\n${s.yamlBody}`;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function renderRepro(): void {
  const box = $('repro');
  box.replaceChildren();
  if (!current) return;
  for (const s of current.settings) {
    const div = el('div', { class: 'setting', 'data-setting': s.setting });
    const title = lang() === 'zh' && s.entry.title_zh ? s.entry.title_zh : s.entry.title;
    div.append(el('h3', {}, current.settings.length > 1 ? `${s.setting}: ${title}` : title));
    div.append(el('div', { class: 'label' }, t(lang(), 'digest')));
    div.append(el('code', { class: 'digest', id: `digest-${s.setting}` }, s.digest ?? '—'));
    const buttons = el('div', { class: 'buttons' });
    const dlS = el('button', { type: 'button', class: 'secondary', id: `dl-scenario-${s.setting}` }, t(lang(), 'downloadScenario'));
    const dlR = el('button', { type: 'button', class: 'secondary', id: `dl-results-${s.setting}` }, t(lang(), 'downloadResults'));
    dlS.disabled = s.digest === undefined;
    dlR.disabled = s.csv === undefined;
    dlS.addEventListener('click', () => download(yamlFileName(s), scenarioYaml(s), 'application/yaml'));
    dlR.addEventListener('click', () => download(`${s.entry.id}-indicators.csv`, s.csv ?? '', 'text/csv'));
    buttons.append(dlS, dlR);
    div.append(buttons);
    const p = el('p', { class: 'help' });
    p.append(el('code', { class: 'cmd' }, `megasim run ${yamlFileName(s)}`));
    div.append(p);
    box.append(div);
  }
}

// ---------------------------------------------------------------- running

function statusText(): string {
  const L = lang();
  if (!current) return t(L, 'idle');
  if (current.status === 'running') {
    const setting = current.settings.length > 1 ? ` ${current.lastSetting}` : '';
    return L === 'zh'
      ? `${t(L, 'running')}${setting}：第 ${current.lastMonth} / ${current.months} 月`
      : `${t(L, 'running')}${setting}: ${t(L, 'month')} ${current.lastMonth} / ${current.months}`;
  }
  if (current.status === 'stopped') return t(L, 'stopped');
  if (current.status === 'error') return `${t(L, 'runFailed')} ${current.error ?? ''}`;
  return L === 'zh' ? `${t(L, 'done')}。` : `${t(L, 'done')}.`;
}

function renderRunState(): void {
  const running = current?.status === 'running';
  document.body.dataset.state = current ? current.status : 'idle';
  $<HTMLButtonElement>('run').disabled = running;
  $<HTMLButtonElement>('stop').disabled = !running;
  const prog = $<HTMLProgressElement>('progress');
  prog.max = current ? Math.max(1, current.total) : 1;
  prog.value = current ? current.done : 0;
  $('status').textContent = statusText();
  renderStale();
}

function makeWorker(): Worker {
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const w = new Worker(url);
  URL.revokeObjectURL(url);
  w.onmessage = (e: MessageEvent<FromWorker>) => onWorker(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    if (current && current.status === 'running') failRun(e.message || 'worker error');
  };
  return w;
}

function failRun(message: string): void {
  if (!current) return;
  current.status = 'error';
  current.error = message;
  worker?.terminate();
  worker = null;
  showMessages([{ key: 'runFailed', detail: [message] }], true);
  renderRunState();
}

function onWorker(m: FromWorker): void {
  if (!current || m.runId !== current.id) return;
  const s = 'setting' in m && m.setting ? current.settings.find((x) => x.setting === m.setting) : undefined;
  switch (m.type) {
    case 'month': {
      const r = s!.rows;
      for (let i = 0; i < m.indicator.length; i++) {
        r.rep.push(m.replication);
        r.month.push(m.month);
        r.ind.push(m.indicator[i]!);
        r.zone.push(m.zone[i]!);
        r.value.push(m.value[i]!);
      }
      if (m.month > 0) current.done++;
      current.lastSetting = m.setting;
      current.lastMonth = m.month;
      renderRunState();
      scheduleRedraw();
      break;
    }
    case 'done':
      s!.digest = m.digest;
      s!.csv = m.csv;
      renderRepro();
      break;
    case 'finished':
      current.status = 'done';
      current.done = current.total;
      renderRunState();
      renderResults();
      renderRepro();
      break;
    case 'error':
      failRun(m.message);
      break;
  }
}

function startRun(): void {
  if (current?.status === 'running') return;
  const settings: SettingRun[] = [];
  const invalid: string[] = [];
  for (const id of settingsInPlay()) {
    const entry = entryOf(id);
    const resolved = resolvedFor(id);
    const yamlBody = YAML.stringify(resolved, { lineWidth: 0 });
    try {
      loadText(`${id}: ${entry.file}`, yamlBody);
    } catch (e) {
      invalid.push(`${id}: ${(e as Error).message}`);
      continue;
    }
    const changed = leversOf(entry)
      .filter((l) => state[id].values.has(l.key))
      .map((l) => ({ key: l.key, from: l.value, to: state[id].values.get(l.key)! }));
    const zoneIds = entry.loaded.scenario.city.zones.map((zn) => zn.id);
    settings.push({ setting: id, entry, resolved, yamlBody, changed, zoneIds, rows: { rep: [], month: [], ind: [], zone: [], value: [] } });
  }
  if (invalid.length > 0) {
    showMessages([{ key: 'invalidScenario', detail: invalid }], true);
    return;
  }
  if (messagesAreErrors) showMessages([]);
  const reps = state.run.replications;
  current = {
    id: ++runCounter,
    settings,
    months: state.run.months,
    total: settings.length * reps * state.run.months,
    done: 0,
    status: 'running',
    hash: encodeState({ ...state, lang: 'en' }),
    lastSetting: 'A',
    lastMonth: 0,
  };
  worker ??= makeWorker();
  const jobs: RunJob[] = settings.map((s) => ({ setting: s.setting, name: `${s.setting}: ${s.entry.file}`, text: s.yamlBody }));
  worker.postMessage({ type: 'run', runId: current.id, jobs });
  $('charts').replaceChildren();
  renderRunState();
  renderCards();
  renderRepro();
}

function stopRun(): void {
  if (!current || current.status !== 'running') return;
  worker?.terminate();
  worker = null;
  current.status = 'stopped';
  renderRunState();
  renderResults();
}

// ---------------------------------------------------------------- wiring

function renderAll(): void {
  renderStaticText();
  renderChoosers();
  renderLevers();
  renderMessages();
  renderRunState();
  renderResults();
  renderRepro();
  persist();
}

function onRunSetting(r: RunSetting): void {
  const input = $<HTMLInputElement>(`run-${r.key}`);
  const raw = input.value;
  const x = checkNumber(raw, r.min, r.max, r.integer);
  const label = t(lang(), r.key === 'months' ? 'months' : r.key);
  if (x.value === null) {
    showMessages([{ problem: { code: 'refused', key: label, raw, value: String(state.run[r.key]), min: r.min, max: r.max } }]);
    input.value = String(state.run[r.key]);
    return;
  }
  if (x.problem === 'clamped') showMessages([{ problem: { code: 'clamped', key: label, raw, value: String(x.value), min: r.min, max: r.max } }]);
  state.run[r.key] = x.value as number;
  input.value = String(x.value);
  persist();
}

function wire(): void {
  $<HTMLSelectElement>('lang').addEventListener('change', (e) => {
    state.lang = (e.target as HTMLSelectElement).value === 'zh' ? 'zh' : 'en';
    renderAll();
  });
  $<HTMLSelectElement>('city').addEventListener('change', (e) => {
    const mode = state.mode;
    state = defaultState(catalog, (e.target as HTMLSelectElement).value, state.lang);
    state.mode = mode;
    editing = 'A';
    renderAll();
  });
  for (const id of ['mode-one', 'mode-ab'] as const) {
    $<HTMLInputElement>(id).addEventListener('change', () => {
      const mode = id === 'mode-ab' ? 'ab' : 'one';
      if (mode === state.mode) return;
      state.mode = mode;
      if (mode === 'ab') state.B = { scenario: state.A.scenario, values: new Map(state.A.values) };
      editing = 'A';
      renderAll();
    });
  }
  for (const id of ['A', 'B'] as const) {
    $(`edit-${id}`).addEventListener('click', () => {
      editing = id;
      renderChoosers();
      renderLevers();
    });
  }
  $<HTMLSelectElement>('scenario').addEventListener('change', (e) => {
    state[editing] = { scenario: (e.target as HTMLSelectElement).value, values: new Map() };
    renderChoosers();
    renderLevers();
    persist();
  });
  for (const r of runSettings()) $(`run-${r.key}`).addEventListener('change', () => onRunSetting(r));
  $('reset').addEventListener('click', () => {
    state[editing].values = new Map();
    renderLevers();
    persist();
  });
  $('run').addEventListener('click', startRun);
  $('stop').addEventListener('click', stopRun);
  $('messages-dismiss').addEventListener('click', () => showMessages([]));
  $('copy').addEventListener('click', async () => {
    const input = $<HTMLInputElement>('permalink');
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy');
    }
    $('status').textContent = t(lang(), 'copied');
  });
  window.addEventListener('hashchange', () => {
    if (current?.status === 'running') stopRun();
    loadFromHash();
    renderAll();
  });
}

function loadFromHash(): void {
  const hash = location.hash.replace(/^#/, '');
  if (hash === '') {
    state = defaultState(catalog);
    return;
  }
  const r = decodeState(hash, catalog);
  state = r.state;
  editing = 'A';
  showMessages(r.problems.map((p) => ({ problem: p })));
}

function boot(): void {
  catalog = lazyCatalog(INDEX, FILES);
  if (catalog.cities.length === 0) {
    document.body.dataset.state = 'error';
    showFatal(['No scenario could be loaded.', ...catalog.problems.map((p) => `${p.file}: ${p.message}`)]);
    return;
  }
  loadFromHash();
  if (catalog.problems.length > 0) {
    messages.push({ key: 'problemsFiles', detail: catalog.problems.map((p) => `${p.file}: ${p.message.split('\n')[0]}`) });
  }
  wire();
  renderAll();
}

/** Last resort: a plain message instead of a blank page. */
function showFatal(lines: string[]): void {
  const box = document.getElementById('messages');
  const ul = document.getElementById('messages-list');
  if (!box || !ul) {
    document.body.textContent = lines.join('\n');
    return;
  }
  box.hidden = false;
  box.classList.add('error');
  ul.replaceChildren(...lines.map((s) => el('li', {}, s)));
}

try {
  boot();
} catch (e) {
  console.error(e);
  document.body.dataset.state = 'error';
  showFatal([`The explorer could not start: ${(e as Error).message}`]);
}
