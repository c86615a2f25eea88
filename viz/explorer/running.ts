/**
 * Running: one Web Worker (worker.ts) runs setting A, then B, on the same
 * seeds; each month's recorded rows arrive as sim/run/rows.ts rows and are
 * appended to the setting's recorder of that replication; the progress bar,
 * the charts and the headline numbers follow, and the digest and CSV arrive
 * when a setting is done. Stopping terminates the worker.
 */
import YAML from 'yaml';
import WORKER_SOURCE from 'megasim-explorer:worker';
import { RowRecorder } from '../../sim/run/rows.ts';
import { loadText } from './catalog.ts';
import { leversOf } from './permalink.ts';
import { t } from './i18n.ts';
import { $ } from './page.ts';
import { entryOf, lang, page, renderStale, resolvedFor, runHash, settingsInPlay, type SettingRun } from './state.ts';
import { showMessages } from './messages.ts';
import { resetView } from './timeline.ts';
import { editedId, editedTitle, editedTitleZh } from './edited.ts';
import { renderCards, renderResults, scheduleRedraw } from './results.ts';
import { renderRepro } from './reproduce.ts';
import type { FromWorker, RunJob } from './worker.ts';

function statusText(): string {
  const L = lang();
  if (!page.current) return t(L, 'idle');
  if (page.current.status === 'running') {
    const setting = page.current.settings.length > 1 ? ` ${page.current.lastSetting}` : '';
    return L === 'zh'
      ? `${t(L, 'running')}${setting}：第 ${page.current.lastMonth} / ${page.current.months} 月`
      : `${t(L, 'running')}${setting}: ${t(L, 'month')} ${page.current.lastMonth} / ${page.current.months}`;
  }
  if (page.current.status === 'stopped') return t(L, 'stopped');
  if (page.current.status === 'error') return `${t(L, 'runFailed')} ${page.current.error ?? ''}`;
  return L === 'zh' ? `${t(L, 'done')}。` : `${t(L, 'done')}.`;
}

export function renderRunState(): void {
  const running = page.current?.status === 'running';
  document.body.dataset.state = page.current ? page.current.status : 'idle';
  $<HTMLButtonElement>('run').disabled = running;
  $<HTMLButtonElement>('stop').disabled = !running;
  const prog = $<HTMLProgressElement>('progress');
  prog.max = page.current ? Math.max(1, page.current.total) : 1;
  prog.value = page.current ? page.current.done : 0;
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
    if (page.current && page.current.status === 'running') failRun(e.message || 'worker error');
  };
  return w;
}

function failRun(message: string): void {
  if (!page.current) return;
  page.current.status = 'error';
  page.current.error = message;
  page.worker?.terminate();
  page.worker = null;
  showMessages([{ key: 'runFailed', detail: [message] }], true);
  renderRunState();
}

function onWorker(m: FromWorker): void {
  if (!page.current || m.runId !== page.current.id) return;
  const s = 'setting' in m && m.setting ? page.current.settings.find((x) => x.setting === m.setting) : undefined;
  switch (m.type) {
    case 'month': {
      (s!.replications[m.replication] ??= new RowRecorder(1024)).append(m.rows);
      if (m.month > 0) page.current.done++;
      if (m.replication === 0) s!.lastMonth = m.month;
      page.current.lastSetting = m.setting;
      page.current.lastMonth = m.month;
      renderRunState();
      scheduleRedraw();
      break;
    }
    case 'pyramid':
      (s!.pyramids[m.replication] ??= []).push(m.pyramid);
      break;
    case 'done':
      s!.digest = m.digest;
      s!.csv = m.csv;
      renderRepro();
      break;
    case 'finished':
      page.current.status = 'done';
      page.current.done = page.current.total;
      renderRunState();
      renderResults();
      renderRepro();
      break;
    case 'error':
      failRun(m.message);
      break;
  }
}

export function startRun(): void {
  if (page.current?.status === 'running') return;
  const settings: SettingRun[] = [];
  const invalid: string[] = [];
  for (const id of settingsInPlay()) {
    const entry = entryOf(id);
    const resolved = resolvedFor(id);
    const changed = leversOf(entry)
      .filter((l) => page.state[id].values.has(l.key))
      .map((l) => ({ key: l.key, lever: l, from: l.value, to: page.state[id].values.get(l.key)! }));
    // An edited setting runs, and downloads, under its own id and title (edited.ts).
    const runId = editedId(entry.id, id, changed);
    if (changed.length > 0) {
      resolved.id = runId;
      resolved.title = editedTitle(String(resolved.title ?? entry.title), id, changed);
      if (typeof resolved.title_zh === 'string') resolved.title_zh = editedTitleZh(resolved.title_zh, id, changed);
    }
    const yamlBody = YAML.stringify(resolved, { lineWidth: 0 });
    try {
      loadText(`${id}: ${entry.file}`, yamlBody);
    } catch (e) {
      invalid.push(`${id}: ${(e as Error).message}`);
      continue;
    }
    const zoneIds = entry.loaded.scenario.city.zones.map((zn) => zn.id);
    settings.push({ setting: id, entry, resolved, yamlBody, changed, runId, zoneIds, replications: [], pyramids: [], lastMonth: -1 });
  }
  if (invalid.length > 0) {
    showMessages([{ key: 'invalidScenario', detail: invalid }], true);
    return;
  }
  if (page.messagesAreErrors) showMessages([]);
  const reps = page.state.run.replications;
  page.current = {
    id: ++page.runCounter,
    settings,
    months: page.state.run.months,
    total: settings.length * reps * page.state.run.months,
    done: 0,
    status: 'running',
    hash: runHash(),
    lastSetting: 'A',
    lastMonth: 0,
  };
  resetView();
  page.worker ??= makeWorker();
  const jobs: RunJob[] = settings.map((s) => ({ setting: s.setting, name: `${s.setting}: ${s.entry.file}`, text: s.yamlBody }));
  page.worker.postMessage({ type: 'run', runId: page.current.id, jobs });
  $('charts').replaceChildren();
  renderRunState();
  renderCards();
  renderRepro();
}

export function stopRun(): void {
  if (!page.current || page.current.status !== 'running') return;
  page.worker?.terminate();
  page.worker = null;
  page.current.status = 'stopped';
  renderRunState();
  renderResults();
}
