/**
 * The explorer page: choose a city and a policy scenario, move the levers
 * (generated from the schema, see levers.ts), run one setting or A vs B on
 * the same seeds in a Web Worker, watch the report's charts fill month by
 * month, and share or reproduce the run (permalink, scenario YAML,
 * indicators CSV, digest). Every string that comes from a scenario file, the
 * CSV or the URL reaches the page through textContent only.
 *
 * This file wires the page together and boots it; the parts are state.ts
 * (state and permalink), controls.ts (choosers and lever controls),
 * running.ts (the Web Worker), results.ts (statistics, charts, headline
 * numbers), reproduce.ts (digest and downloads) and messages.ts.
 */
import { z } from 'zod';
import FILES from 'megasim-explorer:scenarios';
import INDEX from 'megasim-explorer:index';
import { lazyCatalog } from './catalog.ts';
import { decodeState, defaultState } from './permalink.ts';
import { runSettings } from './levers.ts';
import { t, type UiKey } from './i18n.ts';
import { $, el } from './page.ts';
import { lang, page, persist, startPage } from './state.ts';
import { renderMessages, showMessages } from './messages.ts';
import { onRunSetting, renderChoosers, renderLevers } from './controls.ts';
import { renderRunState, startRun, stopRun } from './running.ts';
import { renderResults } from './results.ts';
import { renderZoneMapText, wireZoneMap } from './zoneMap.ts';
import { renderRepro } from './reproduce.ts';
import { wireTimeline } from './timeline.ts';
import { renderPicker, wirePicker } from './picker.ts';

z.config({ jitless: true });

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
  $('month-scrub-label').textContent = t(L, 'monthShown');
  $('step-back').setAttribute('aria-label', t(L, 'stepBack'));
  $('step-fwd').setAttribute('aria-label', t(L, 'stepForward'));
  $<HTMLSelectElement>('lang').value = L;
}

function renderAll(): void {
  renderStaticText();
  renderChoosers();
  renderLevers();
  renderMessages();
  renderRunState();
  renderPicker();
  renderZoneMapText();
  renderResults();
  renderRepro();
  persist();
}

function wire(): void {
  $<HTMLSelectElement>('lang').addEventListener('change', (e) => {
    page.state.lang = (e.target as HTMLSelectElement).value === 'zh' ? 'zh' : 'en';
    renderAll();
  });
  $<HTMLSelectElement>('city').addEventListener('change', (e) => {
    const mode = page.state.mode;
    page.state = defaultState(page.catalog, (e.target as HTMLSelectElement).value, page.state.lang);
    page.state.mode = mode;
    page.editing = 'A';
    renderAll();
  });
  for (const id of ['mode-one', 'mode-ab'] as const) {
    $<HTMLInputElement>(id).addEventListener('change', () => {
      const mode = id === 'mode-ab' ? 'ab' : 'one';
      if (mode === page.state.mode) return;
      page.state.mode = mode;
      if (mode === 'ab') page.state.B = { scenario: page.state.A.scenario, values: new Map(page.state.A.values) };
      page.editing = 'A';
      renderAll();
    });
  }
  for (const id of ['A', 'B'] as const) {
    $(`edit-${id}`).addEventListener('click', () => {
      page.editing = id;
      renderChoosers();
      renderLevers();
    });
  }
  $<HTMLSelectElement>('scenario').addEventListener('change', (e) => {
    page.state[page.editing] = { scenario: (e.target as HTMLSelectElement).value, values: new Map() };
    renderChoosers();
    renderLevers();
    persist();
  });
  for (const r of runSettings()) $(`run-${r.key}`).addEventListener('change', () => onRunSetting(r));
  $('reset').addEventListener('click', () => {
    page.state[page.editing].values = new Map();
    renderLevers();
    persist();
  });
  $('run').addEventListener('click', startRun);
  wireTimeline(renderResults);
  wireZoneMap();
  wirePicker(renderResults);
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
    if (page.current?.status === 'running') stopRun();
    loadFromHash();
    renderAll();
  });
}

function loadFromHash(): void {
  const hash = location.hash.replace(/^#/, '');
  if (hash === '') {
    page.state = defaultState(page.catalog);
    return;
  }
  const r = decodeState(hash, page.catalog);
  page.state = r.state;
  page.editing = 'A';
  showMessages(r.problems.map((p) => ({ problem: p })));
}

function boot(): void {
  const catalog = lazyCatalog(INDEX, FILES);
  if (catalog.cities.length === 0) {
    document.body.dataset.state = 'error';
    showFatal(['No scenario could be loaded.', ...catalog.problems.map((p) => `${p.file}: ${p.message}`)]);
    return;
  }
  const hash = location.hash.replace(/^#/, '');
  const decoded = hash === '' ? null : decodeState(hash, catalog);
  startPage(catalog, decoded ? decoded.state : defaultState(catalog));
  if (decoded) showMessages(decoded.problems.map((p) => ({ problem: p })));
  if (catalog.problems.length > 0) {
    page.messages.push({ key: 'problemsFiles', detail: catalog.problems.map((p) => `${p.file}: ${p.message.split('\n')[0]}`) });
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
