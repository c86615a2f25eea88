/**
 * The month scrubber: play, pause and step through the months of a run. The
 * month shown (`page.view.month`; null = the latest recorded, following a
 * run as it goes) cuts every chart and the plot picker at that month, sets
 * the headline cards' month, and is passed to whoever listens for it (the
 * zone map) through `onViewMonth`.
 */
import { monthLabel } from '../format.ts';
import { t } from './i18n.ts';
import { $ } from './page.ts';
import { lang, page, type RunRecord } from './state.ts';

/** Milliseconds between months while playing. */
export const PLAY_INTERVAL_MS = 120;

/** The latest month recorded by a setting's first replication (−1: none yet). */
export function settingMonth(run: RunRecord, setting: string): number {
  return run.settings.find((s) => s.setting === setting)?.lastMonth ?? -1;
}

/** The latest month any setting has recorded (−1: none). */
export function latestMonth(run: RunRecord): number {
  return run.settings.reduce((m, s) => Math.max(m, s.lastMonth), -1);
}

/** The latest month every setting that has started has recorded: A and B are compared at this month, not at their own latest. */
export function commonMonth(run: RunRecord): number {
  const started = run.settings.filter((s) => s.lastMonth >= 0);
  return started.length === 0 ? -1 : started.reduce((m, s) => Math.min(m, s.lastMonth), Infinity);
}

/** The month the page shows: the scrubber's, or the latest recorded when it follows the run. */
export function shownMonth(run: RunRecord): number {
  const latest = latestMonth(run);
  return page.view.month === null ? latest : Math.min(page.view.month, latest);
}

type Listener = (month: number, run: RunRecord) => void;
const listeners: Listener[] = [];

/** Calls `f` with the shown month whenever the results are drawn (the zone map uses this). */
export function onViewMonth(f: Listener): void {
  listeners.push(f);
}

let redraw: () => void = () => {};
let timer: ReturnType<typeof setTimeout> | null = null;

/** Called by results.ts after each redraw: moves the scrubber and tells the listeners. */
export function renderTimeline(): void {
  const run = page.current;
  const L = lang();
  const scrub = $<HTMLInputElement>('month-scrub');
  const play = $<HTMLButtonElement>('play');
  const latest = run ? latestMonth(run) : -1;
  const shown = run ? shownMonth(run) : -1;
  scrub.min = '0';
  scrub.max = String(Math.max(0, latest));
  scrub.value = String(Math.max(0, shown));
  scrub.disabled = latest < 1;
  for (const id of ['play', 'step-back', 'step-fwd'] as const) $<HTMLButtonElement>(id).disabled = latest < 1;
  play.textContent = page.view.playing ? t(L, 'pause') : t(L, 'play');
  play.setAttribute('aria-pressed', String(page.view.playing));
  $('month-text').textContent =
    run && shown >= 0
      ? L === 'zh'
        ? `第 ${shown} / ${run.months} 月（${monthLabel(run.settings[0]!.entry.loaded.scenario.start, shown)}）`
        : `${t(L, 'month')} ${shown} / ${run.months} (${monthLabel(run.settings[0]!.entry.loaded.scenario.start, shown)})`
      : '';
  document.body.dataset.month = String(shown);
  if (run && shown >= 0) for (const f of listeners) f(shown, run);
}

function stopPlaying(): void {
  page.view.playing = false;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** Shows month `m` (clamped to the months recorded; the latest one follows the run again). */
export function showMonth(m: number): void {
  const run = page.current;
  if (!run) return;
  const latest = latestMonth(run);
  const v = Math.max(0, Math.min(latest, Math.round(m)));
  page.view.month = v >= latest && run.status === 'running' ? null : v;
  redraw();
}

function tick(): void {
  timer = null;
  const run = page.current;
  if (!run || !page.view.playing) return;
  const next = shownMonth(run) + playStep(run.months);
  const latest = latestMonth(run);
  if (next >= latest) {
    stopPlaying();
    showMonth(latest);
    return;
  }
  showMonth(next);
  timer = setTimeout(tick, PLAY_INTERVAL_MS);
}

/** Months advanced per frame while playing: 1, or more for long runs so a run plays in about 60 frames. */
export function playStep(months: number): number {
  return Math.max(1, Math.floor(months / 60));
}

/** Starts or pauses playing; playing from the last month starts again at month 0. */
export function togglePlay(): void {
  const run = page.current;
  if (!run) return;
  if (page.view.playing) {
    stopPlaying();
    redraw();
    return;
  }
  page.view.playing = true;
  if (shownMonth(run) >= latestMonth(run)) page.view.month = 0;
  else page.view.month = shownMonth(run);
  redraw();
  timer = setTimeout(tick, PLAY_INTERVAL_MS);
}

/** A new run: follow it from the start, not playing. */
export function resetView(): void {
  stopPlaying();
  page.view.month = null;
}

/** Wires the scrubber's controls; `draw` redraws the results. */
export function wireTimeline(draw: () => void): void {
  redraw = draw;
  $<HTMLInputElement>('month-scrub').addEventListener('input', (e) => {
    stopPlaying();
    showMonth(Number((e.target as HTMLInputElement).value));
  });
  $('play').addEventListener('click', togglePlay);
  $('step-back').addEventListener('click', () => {
    stopPlaying();
    if (page.current) showMonth(shownMonth(page.current) - 1);
  });
  $('step-fwd').addEventListener('click', () => {
    stopPlaying();
    if (page.current) showMonth(shownMonth(page.current) + 1);
  });
}
