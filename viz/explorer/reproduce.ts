/**
 * Reproducing a run: per setting, the digest of its indicators.csv, the
 * scenario as a YAML file `megasim run` accepts (the full resolved document,
 * sources kept, the changed levers in its comment header) and the CSV the
 * Web Worker wrote (and the same rows as JSON, viz/explorer/resultsJson.ts),
 * and the command that repeats it.
 */
import { ENGINE_VERSION } from '../../sim/version.ts';
import { valueText } from './levers.ts';
import { t } from './i18n.ts';
import { $, el, oneLine } from './page.ts';
import { lang, page, type SettingRun } from './state.ts';
import { fileStem, settingLabel, settingTitle } from './edited.ts';
import { resultsJson } from './resultsJson.ts';

/** The scenario's file name: its run id (edited.ts: "<id>-b-edited" when levers moved) and the seed. */
export function yamlFileName(s: Pick<SettingRun, 'runId'>, seed = page.state.run.seed): string {
  return fileStem(`${s.runId}-seed${seed}.yaml`);
}

/** The results' file name: "<run id>-indicators.csv". */
export function csvFileName(s: Pick<SettingRun, 'runId'>): string {
  return fileStem(`${s.runId}-indicators.csv`);
}

/** The results' JSON file name: "<run id>-indicators.json". */
export function jsonFileName(s: Pick<SettingRun, 'runId'>): string {
  return fileStem(`${s.runId}-indicators.json`);
}

/** The scenario as a YAML file `megasim run` accepts: the full resolved document, sources kept. */
function scenarioYaml(s: SettingRun): string {
  const lines = [
    `# megasim scenario written by the megasim explorer (megasim ${ENGINE_VERSION}).`,
    `# Resolved from ${oneLine(s.entry.file)} (extends merged; every source: kept).`,
    ...(s.changed.length
      ? [`# ${oneLine(settingLabel('en', s.setting, s.changed))}`, '# Levers changed from the shipped file:', ...s.changed.map((c) => `#   ${oneLine(c.key)}: ${oneLine(valueText(c.from))} -> ${oneLine(valueText(c.to))}`)]
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

export function renderRepro(): void {
  const box = $('repro');
  box.replaceChildren();
  if (!page.current) return;
  for (const s of page.current.settings) {
    const div = el('div', { class: 'setting', 'data-setting': s.setting });
    const title = lang() === 'zh' && s.entry.title_zh ? s.entry.title_zh : s.entry.title;
    div.append(el('h3', {}, settingTitle(lang(), s.setting, s.changed, title, page.current.settings.length > 1)));
    div.append(el('div', { class: 'label' }, t(lang(), 'digest')));
    div.append(el('code', { class: 'digest', id: `digest-${s.setting}` }, s.digest ?? '—'));
    const buttons = el('div', { class: 'buttons' });
    const dlS = el('button', { type: 'button', class: 'secondary', id: `dl-scenario-${s.setting}` }, t(lang(), 'downloadScenario'));
    const dlR = el('button', { type: 'button', class: 'secondary', id: `dl-results-${s.setting}` }, t(lang(), 'downloadResults'));
    const dlJ = el('button', { type: 'button', class: 'secondary', id: `dl-json-${s.setting}` }, t(lang(), 'downloadJson'));
    dlS.disabled = s.digest === undefined;
    dlR.disabled = s.csv === undefined;
    dlJ.disabled = s.csv === undefined;
    dlS.addEventListener('click', () => download(yamlFileName(s), scenarioYaml(s), 'application/yaml'));
    dlR.addEventListener('click', () => download(csvFileName(s), s.csv ?? '', 'text/csv'));
    dlJ.addEventListener('click', () =>
      download(jsonFileName(s), resultsJson(s.runId, page.state.run.seed, s.entry.loaded.scenario.start, s.zoneIds, s.replications.map((r) => r.rows())), 'application/json'),
    );
    buttons.append(dlS, dlR, dlJ);
    div.append(buttons);
    const p = el('p', { class: 'help' });
    p.append(el('code', { class: 'cmd' }, `megasim run ${yamlFileName(s)}`));
    div.append(p);
    box.append(div);
  }
}
