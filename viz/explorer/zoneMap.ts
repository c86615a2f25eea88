/**
 * The explorer's zone map: the report's choropleth (viz/charts/map.ts) of
 * the current run on the city's shipped boundaries (bundled by build.ts as
 * `megasim-explorer:geo`), with a layer chooser. The month scrubber moves it
 * (timeline.ts calls the `onViewMonth` listener): the map is redrawn when
 * the run has new months, the layer or the language changes, and otherwise
 * only its fills change (`setMonth`). `setZoneMapMonth(m)` does the same for
 * any other caller. Text reaches the page through textContent and SVG
 * attributes only.
 */
import GEO from 'megasim-explorer:geo';
import { geoForCity, type ZoneTopology } from '../charts/geo.ts';
import { mapLayers, setMonth, zoneMap, type MapLayer } from '../charts/map.ts';
import { $, el } from './page.ts';
import { lang, page, type RunRecord } from './state.ts';
import { chartMeta, runStats, scenarioInfos } from './results.ts';
import { onViewMonth } from './timeline.ts';

const WIDTH = 620;

const TEXT = {
  en: { heading: 'Zone map', layer: 'Map', none: 'No map: this city has no shipped zone boundaries for its zones (scenarios/geo/).', idle: 'Run to colour the zones.' },
  zh: { heading: '分区地图', layer: '地图', none: '无地图：本城市的分区没有随附的边界（scenarios/geo/）。', idle: '运行后按分区着色。' },
} as const;

const UNIT_ZH: Record<string, string> = { persons: '人', 'persons/km2': '人/平方公里', 'yuan/month': '元/月', share: '占比 (%)' };

const LAYER_ZH: Record<string, string> = {
  residents: '常住人口',
  density: '人口密度',
  hukou_share: '户籍人口占比',
  rent: '平均租金',
  settlements: '累计落户人数',
};

/** The layer's title in the page language. */
function layerTitle(l: MapLayer): string {
  return lang() === 'zh' ? (LAYER_ZH[l.key] ?? l.title) : l.title;
}

let drawnKey = '';
let drawnRun: RunRecord | null = null;

/** The boundaries of the run's city, or null. */
function geoOf(run: RunRecord): ZoneTopology | null {
  const city = run.settings[0]!.entry.loaded.scenario.city;
  return geoForCity(GEO as Record<string, ZoneTopology>, city.name, city.zones.map((z) => z.id));
}

/** The drawn map's SVG, if any. */
function mapSvg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('#zone-map svg.zone-map');
}

/** Shows month `m` on the map (the last month recorded before it). */
export function setZoneMapMonth(m: number): void {
  const svg = mapSvg();
  if (svg) setMonth(svg, m);
}

/** The section's heading and chooser label in the page language; the idle note when nothing has run. */
export function renderZoneMapText(): void {
  const L = lang();
  $('h-map').textContent = TEXT[L].heading;
  $('map-layer-label').textContent = TEXT[L].layer;
  if (!page.current) renderZoneMap(0, null);
}

/** Draws (or only recolours) the map for `run` at `month`. */
export function renderZoneMap(month: number, run: RunRecord | null): void {
  const L = lang();
  $('h-map').textContent = TEXT[L].heading;
  $('map-layer-label').textContent = TEXT[L].layer;
  const box = $('zone-map');
  const select = $<HTMLSelectElement>('map-layer');
  if (!run) {
    drawnKey = '';
    drawnRun = null;
    select.replaceChildren();
    box.replaceChildren(el('p', { class: 'help' }, TEXT[L].idle));
    return;
  }
  const geo = geoOf(run);
  if (!geo) {
    drawnKey = '';
    select.replaceChildren();
    box.replaceChildren(el('p', { class: 'help', id: 'zone-map-none' }, TEXT[L].none));
    return;
  }
  const key = `${L}|${run.status}|${run.lastMonth}|${run.settings.map((s) => s.lastMonth).join(',')}|${select.value}`;
  if (run === drawnRun && key === drawnKey && mapSvg()) {
    setZoneMapMonth(month);
    return;
  }
  const rows = runStats(run);
  const layers = mapLayers(rows);
  const wanted = select.value;
  select.replaceChildren(...layers.map((l) => el('option', { value: l.key }, layerTitle(l))));
  const layer = layers.find((l) => l.key === wanted) ?? layers[0];
  if (!layer) {
    box.replaceChildren(el('p', { class: 'help' }, TEXT[L].idle));
    return;
  }
  select.value = layer.key;
  const meta = chartMeta(run);
  const svg = zoneMap(document, rows, {
    scenarios: scenarioInfos(run),
    meta,
    geo,
    layer,
    month,
    width: WIDTH,
    title: layerTitle(layer),
    ...(L === 'zh'
      ? {
          subtitle: meta.indicators.find((d) => d.name === layer.indicator)?.meaning,
          unitText: ((u) => ({ level: u, difference: `差值，${u}` }))(UNIT_ZH[meta.indicators.find((d) => d.name === layer.indicator)?.unit ?? ''] ?? ''),
          notes: [`颜色：各分区在右上角所示月份的数值（拖动月份滑块可改变）。${run.settings.length > 1 ? '差值图：B 减 A，红色为高于 A，蓝色为低于 A。' : ''}`, `边界：${(geo.megasim?.source ?? 'scenarios/geo').replace(/, built by (\S+)$/, '，由 $1 生成')}`],
        }
      : {}),
  });
  box.replaceChildren(svg);
  setMonth(svg, month);
  drawnRun = run;
  drawnKey = `${L}|${run.status}|${run.lastMonth}|${run.settings.map((s) => s.lastMonth).join(',')}|${select.value}`;
}

/** Wires the layer chooser and follows the scrubber; call once. */
export function wireZoneMap(): void {
  $<HTMLSelectElement>('map-layer').addEventListener('change', () => {
    const run = page.current;
    drawnKey = '';
    const month = Number(document.body.dataset.month ?? '0');
    renderZoneMap(Number.isFinite(month) && month >= 0 ? month : 0, run);
  });
  onViewMonth((month, run) => renderZoneMap(month, run));
}
