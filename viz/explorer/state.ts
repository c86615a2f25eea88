/**
 * The explorer's state: the catalog of shipped scenarios, the page state
 * (language, city, mode, run settings and per setting the scenario and lever
 * values, mirrored in the URL hash), which setting is being edited, the
 * current run with its recorded rows, and the messages shown.
 */
import type { Catalog, CityEntry, ScenarioEntry } from './catalog.ts';
import { encodeState, findCity, findScenario, leversOf, type PageState, type SettingId } from './permalink.ts';
import { applyLevers, runSettings, type Lever, type LeverValue } from './levers.ts';
import { t, type Lang, type Problem, type UiKey } from './i18n.ts';
import type { RowRecorder } from '../../sim/run/rows.ts';
import type { Pyramid } from '../../sim/run/summary.ts';
import { $ } from './page.ts';
import { settingTitle, type Change } from './edited.ts';

/** One setting (A or B) of a run: what runs, and the rows its Web Worker has posted so far. */
export interface SettingRun {
  setting: SettingId;
  entry: ScenarioEntry;
  resolved: Record<string, unknown>;
  /** The scenario file that runs (and is offered for download), without its comment header. */
  yamlBody: string;
  /** Levers moved from the shipped file (edited.ts names the setting by them). */
  changed: (Change & { key: string })[];
  /** The id the scenario runs under: the shipped id, or "<id>-<setting>-edited" (edited.ts). */
  runId: string;
  zoneIds: string[];
  /** Rows recorded so far, one recorder per replication (sim/run/rows.ts). */
  replications: RowRecorder[];
  /** Population pyramids so far, one list per replication (month 0, every twelfth month, the last; worker.ts). */
  pyramids: Pyramid[][];
  /** The latest month its first replication has recorded (−1: none yet). */
  lastMonth: number;
  digest?: string;
  csv?: string;
}

export interface RunRecord {
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

/** What the messages box shows; kept as data so it can be shown again in the other language. */
export type Message = { problem: Problem } | { key: UiKey; detail: string[] };

export interface Page {
  catalog: Catalog;
  state: PageState;
  editing: SettingId;
  current: RunRecord | null;
  runCounter: number;
  worker: Worker | null;
  messages: Message[];
  messagesAreErrors: boolean;
  /** The month scrubber (timeline.ts): the month shown (null: the latest, following the run) and whether it plays. */
  view: { month: number | null; playing: boolean };
  /** The indicator of the plot picker (picker.ts); "" = none. */
  pick: string;
}

/** The page's state, set once by `startPage` when the page boots. */
export let page: Page;

export function startPage(catalog: Catalog, state: PageState): void {
  page = { catalog, state, editing: 'A', current: null, runCounter: 0, worker: null, messages: [], messagesAreErrors: false, view: { month: null, playing: false }, pick: '' };
}

export const lang = (): Lang => page.state.lang;

export function cityOf(): CityEntry {
  return findCity(page.catalog, page.state.city)!;
}

export function entryOf(id: SettingId): ScenarioEntry {
  return findScenario(cityOf(), page.state[id].scenario)!;
}

export function settingsInPlay(): SettingId[] {
  return page.state.mode === 'ab' ? ['A', 'B'] : ['A'];
}

export function valueOf(id: SettingId, l: Lever): LeverValue {
  return page.state[id].values.get(l.key) ?? l.value;
}

/** The resolved document a setting runs: shipped scenario + lever values + run settings. */
export function resolvedFor(id: SettingId): Record<string, unknown> {
  const entry = entryOf(id);
  const doc = applyLevers(entry.loaded.resolved, leversOf(entry), page.state[id].values);
  for (const r of runSettings()) doc[r.field] = page.state.run[r.key];
  return doc;
}

/** The permalink of the state, whatever the language (a run is stale when it differs). */
export function runHash(): string {
  return encodeState({ ...page.state, lang: 'en' });
}

/** Writes the state into the URL hash and the permalink box. */
export function persist(): void {
  const hash = encodeState(page.state);
  if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', `#${hash}`);
  $<HTMLInputElement>('permalink').value = location.href;
  $('permalink-what').textContent = `${t(lang(), 'permalinkWhat')}: ${settingsInPlay().map(describeSetting).join(lang() === 'zh' ? '；' : '; ')}`;
  renderStale();
}

/** The lever changes of a setting as the page state holds them. */
export function changesOf(id: SettingId): Change[] {
  const values = page.state[id].values;
  return leversOf(entryOf(id))
    .filter((l) => values.has(l.key))
    .map((l) => ({ lever: l, from: l.value, to: values.get(l.key)! }));
}

/** "B (edited: …): <title>" (or the title alone for an unedited single setting). */
export function describeSetting(id: SettingId): string {
  const e = entryOf(id);
  const title = lang() === 'zh' && e.title_zh ? e.title_zh : e.title;
  return settingTitle(lang(), id, changesOf(id), title, page.state.mode === 'ab');
}

export function renderStale(): void {
  const stale = $('stale');
  const cur = page.current;
  const isStale = cur !== null && cur.status !== 'running' && cur.hash !== runHash();
  stale.hidden = !isStale;
  stale.textContent = isStale ? t(lang(), 'stale') : '';
}
