/**
 * The results of a run as the report shows them: the statistics across
 * replications are sim/run/stats.ts's `statRows` (the report's quantiles and
 * rounding) over the rows recorded so far, the charts are the report's
 * standard chart list (viz/charts/standard.ts, the same conditions), drawn
 * with the page's language and width, and the headline cards read the same
 * statistics. Redrawn at most every 400 ms while a run goes on.
 */
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import { statRows, type StatRow } from '../../sim/run/stats.ts';
import { hasIndicator } from '../charts/data.ts';
import { standardCharts } from '../charts/standard.ts';
import { meanPyramid } from '../charts/pyramid.ts';
import { formatDifference, formatWithUnit, monthLabel } from '../format.ts';
import type { ChartMeta, PyramidInput, PyramidSnapshot, ScenarioInfo } from '../types.ts';
import { CHART_TITLES_ZH, indicatorMeaning, indicatorName, indicatorTitle, t, type Lang } from './i18n.ts';
import type { SettingId } from './permalink.ts';
import { $, el } from './page.ts';
import { lang, page, type RunRecord } from './state.ts';
import { settingLabel, settingTitle } from './edited.ts';
import { commonMonth, renderTimeline, settingMonth, shownMonth } from './timeline.ts';
import { drawPicked } from './picker.ts';

/** Width of the page's charts (viewBox px). */
const CHART_WIDTH = 620;

/** The statistics of every setting of `run` over the rows recorded so far (scenario id = setting id). */
export function runStats(run: RunRecord): StatRow[] {
  return statRows(run.settings.map((s) => ({ id: s.setting, zoneIds: s.zoneIds, replications: s.replications.map((r) => r.rows()) })));
}

export function chartMeta(run: RunRecord): ChartMeta {
  const a = run.settings[0]!;
  const city = a.entry.loaded.scenario.city;
  const L = lang();
  const indicators: IndicatorDef[] = INDICATORS.map((d) => ({ ...d, meaning: indicatorMeaning(L, d.name, d.meaning) }));
  const files = run.settings.map((s) => `${s.setting}: ${s.entry.file}`).join(L === 'zh' ? '；' : '; ');
  const { seed, sample } = page.state.run;
  return {
    indicators,
    startMonth: a.entry.loaded.scenario.start,
    zones: city.zones.map((zn) => ({ id: zn.id, name: zn.name, areaKm2: zn.area_km2 })),
    sources: [L === 'zh' ? `megasim ${ENGINE_VERSION} 在浏览器中运行，${files}；随机种子 ${seed}，抽样比例 ${sample}` : `megasim ${ENGINE_VERSION} in the browser, ${files}; seed ${seed}, sample ${sample}`],
    lang: L,
  };
}

export function scenarioInfos(run: RunRecord): ScenarioInfo[] {
  return run.settings.map((s) => {
    const title = lang() === 'zh' && s.entry.title_zh ? s.entry.title_zh : s.entry.title;
    return { id: s.setting, title: settingTitle(lang(), s.setting, s.changed, title, run.settings.length > 1) };
  });
}

/** A standard chart's title in `lang` (undefined: the chart's own English title). */
export function chartTitle(L: Lang, name: string, rows: readonly StatRow[]): string | undefined {
  if (L !== 'zh') return undefined;
  if (name.startsWith('ts-')) return indicatorTitle(L, name.slice(3));
  if (name === 'cutoff-applicants' && !hasIndicator(rows, 'cutoff_score', 'all')) return CHART_TITLES_ZH['applicants-grants'];
  // Rent to income by zone and tenure: "各功能区" + the tenure indicator's declared title.
  const tenure = /^rent-to-income-by-zone-(\w+)$/.exec(name);
  if (tenure) {
    const t = indicatorTitle(L, `rent_to_income_${tenure[1]}`);
    if (t) return `各功能区${t}`;
  }
  return CHART_TITLES_ZH[name];
}

let redrawTimer: ReturnType<typeof setTimeout> | null = null;

export function scheduleRedraw(): void {
  if (redrawTimer !== null) return;
  redrawTimer = setTimeout(() => {
    redrawTimer = null;
    renderResults();
  }, 400);
}

export function renderResults(): void {
  if (redrawTimer !== null) {
    clearTimeout(redrawTimer);
    redrawTimer = null;
  }
  renderCharts();
  renderCards();
  renderTimeline();
}

/** The statistics up to the month the scrubber shows (all of them when it follows the run). */
function shownStats(run: RunRecord): StatRow[] {
  const rows = runStats(run);
  if (page.view.month === null) return rows;
  const m = shownMonth(run);
  return rows.filter((r) => r.month <= m);
}

/**
 * Each setting's population pyramids up to month `upTo`: at each month taken
 * (worker.ts), the per-band mean over the replications that have it, as a
 * comparison's report takes the mean over seeds.
 */
export function runPyramids(run: RunRecord, upTo = Infinity): PyramidInput {
  const out: PyramidInput = {};
  for (const s of run.settings) {
    const months = [...new Set(s.pyramids.flatMap((list) => list.map((p) => p.month)))].filter((m) => m <= upTo).sort((a, b) => a - b);
    const snaps = months.map((m) => meanPyramid(s.pyramids.map((list) => list.find((p) => p.month === m) ?? null))).filter((p): p is PyramidSnapshot => p !== null);
    if (snaps.length > 0) out[s.setting] = snaps;
  }
  return out;
}

function renderCharts(): void {
  const box = $('charts');
  const run = page.current;
  if (!run) {
    box.replaceChildren();
    drawPicked(null, [], null as unknown as ChartMeta, () => undefined, CHART_WIDTH);
    return;
  }
  const rows = shownStats(run);
  const L = lang();
  drawPicked(rows, scenarioInfos(run), chartMeta(run), (def) => indicatorTitle(L, def.name), CHART_WIDTH);
  const keep = new Map<string, HTMLElement>();
  for (const f of box.querySelectorAll<HTMLElement>('figure[data-chart]')) keep.set(f.dataset.chart!, f);
  const figures: HTMLElement[] = [];
  const pyramids = runPyramids(run, page.view.month === null ? Infinity : shownMonth(run));
  for (const chart of standardCharts(rows, scenarioInfos(run), chartMeta(run), pyramids)) {
    let svg: SVGSVGElement;
    try {
      svg = chart.draw(document, { title: chartTitle(L, chart.name, rows), width: CHART_WIDTH });
    } catch (e) {
      console.error(`chart ${chart.name}:`, e);
      continue;
    }
    const fig = keep.get(chart.name) ?? el('figure', { 'data-chart': chart.name });
    fig.replaceChildren(svg);
    figures.push(fig);
  }
  box.replaceChildren(...figures);
}

/** A headline number with its unit, as the shared formatter writes it in the page's language ("3,100万人", "¥4,090亿"). */
function valueText(x: number, unit: IndicatorDef['unit']): string {
  return formatWithUnit(x, unit, 3, lang());
}

/** A signed difference: percentage points for shares, the value and its unit words otherwise. */
function differenceText(d: number, unit: IndicatorDef['unit']): string {
  return formatDifference(d, unit, 3, lang());
}

/** A headline number of a setting: a flow's total over months 1..`upTo`, a stock's mean at the last month recorded up to `upTo`. */
export function headlineValue(rows: readonly StatRow[], def: IndicatorDef, setting: SettingId, upTo = Infinity): number {
  const xs = rows.filter((r) => r.scenario === setting && r.indicator === def.name && r.zone === 'all' && r.month <= upTo);
  if (xs.length === 0) return NaN;
  if (def.kind === 'flow') return xs.filter((r) => r.month > 0).reduce((a, r) => a + (Number.isFinite(r.mean) ? r.mean : 0), 0);
  let last = xs[0]!;
  for (const r of xs) if (r.month > last.month) last = r;
  return last.mean;
}

export function renderCards(): void {
  const box = $('cards');
  box.replaceChildren();
  const run = page.current;
  if (!run) {
    box.append(el('p', { class: 'help' }, t(lang(), 'idle')));
    return;
  }
  const rows = runStats(run);
  // A and B at the same month: the scrubber's, at most the latest month both have recorded.
  const month = Math.min(shownMonth(run), commonMonth(run));
  const L = lang();
  const atEnd = month >= run.months;
  $('h-headlines').textContent = atEnd || month < 0 ? t(L, 'headlines') : L === 'zh' ? `第 ${month} 月（${monthLabel(run.settings[0]!.entry.loaded.scenario.start, month)}）` : `${t(L, 'atMonth')} ${month} (${monthLabel(run.settings[0]!.entry.loaded.scenario.start, month)})`;
  box.dataset.month = String(month);
  for (const def of INDICATORS) {
    if (!def.headline) continue;
    const a = headlineValue(rows, def, 'A', month);
    if (!Number.isFinite(a) && !rows.some((r) => r.indicator === def.name)) continue;
    const card = el('div', { class: 'card', 'data-indicator': def.name, 'data-a': String(a) });
    card.append(el('h3', { title: indicatorMeaning(lang(), def.name, def.meaning) }, indicatorName(lang(), def.name)));
    const fmt = (x: number) => (Number.isFinite(x) ? valueText(x, def.unit) : '–');
    if (run.settings.length > 1) {
      const b = settingMonth(run, 'B') >= 0 ? headlineValue(rows, def, 'B', month) : NaN;
      card.setAttribute('data-b', String(b));
      for (const [id, v] of [['A', a], ['B', b]] as const) {
        const line = el('div', { class: 'v' });
        const s = run.settings.find((x) => x.setting === id)!;
        line.append(el('span', { class: `tag ${id}`, title: settingLabel(L, id, s.changed) }, id), document.createTextNode(fmt(v)));
        card.append(line);
      }
      if (Number.isFinite(a) && Number.isFinite(b)) card.append(el('div', { class: 'd' }, `${t(lang(), 'difference')}: ${differenceText(b - a, def.unit)}`));
    } else {
      card.append(el('div', { class: 'v' }, fmt(a)));
    }
    if (def.kind === 'flow') card.append(el('div', { class: 'note' }, t(lang(), atEnd ? 'headlinesFlow' : 'headlinesFlowSoFar')));
    box.append(card);
  }
}
