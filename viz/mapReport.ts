/**
 * The report's zone maps: the section's HTML (the static SVG maps of
 * viz/charts/map.ts at their initial month, and a month slider that is
 * hidden until the script runs, so the page without JS shows the maps and no
 * dead control), its CSS and its inline script. The script reads only data
 * attributes and writes text with `textContent` (as REPORT_SCRIPT); it does
 * what `setMonth` of viz/charts/map.ts does.
 */
import { escapeHtml } from './html.ts';
import { monthLabel } from './format.ts';

/** The maps a report shows: SVG markup per layer and the months the slider spans. */
export interface ReportMaps {
  maps: { name: string; svg: string }[];
  /** First and last simulation month of the maps, and the month they show initially. */
  from: number;
  to: number;
  initial: number;
  startMonth: string;
  /** A note under the maps (e.g. why some city has no map). */
  note?: string;
}

/**
 * The zone-maps section's HTML. `heading` lets a report section that holds
 * it (e.g. a "Zones" section) give its own heading level.
 */
export function zoneMapsHtml(maps: ReportMaps, heading = '<h2>Zone maps</h2>'): string {
  const label = escapeHtml(monthLabel(maps.startMonth, maps.initial));
  const figures = maps.maps.map((m) => `<figure class="chart-figure map-figure" id="chart-${escapeHtml(m.name)}" data-chart="${escapeHtml(m.name)}">${m.svg}</figure>`);
  const note = maps.note ? `<p class="hint">${escapeHtml(maps.note)}</p>` : '';
  return `<section id="zone-maps">${heading}<p class="hint">Each zone coloured by its value in the month shown; in a comparison, the other panels show each scenario minus the first. Hover a zone for its value.</p><div class="map-controls" hidden><label>Month <input type="range" class="map-slider" min="${maps.from}" max="${maps.to}" step="1" value="${maps.initial}" aria-label="Month shown on the maps" data-start="${escapeHtml(maps.startMonth)}"></label> <output class="map-slider-label">${label}</output></div><div class="charts">${figures.join('\n')}</div>${note}</section>`;
}

/** CSS of the zone maps. */
export const MAP_CSS = `
.map-controls { display: flex; align-items: center; gap: 10px; margin: 0 0 12px; font-size: 14px; }
.map-controls[hidden] { display: none; }
.map-controls input[type=range] { width: min(520px, 70vw); accent-color: var(--accent); vertical-align: middle; }
.map-slider-label { font-variant-numeric: tabular-nums; font-weight: 600; }
svg.zone-map path.zone-shape:hover { stroke: #222; stroke-width: 1.5; }
`;

/** Inline script of the zone maps (after REPORT_SCRIPT, which turned the zones' <title>s into data-tip). */
export const MAP_SCRIPT = `
(function () {
  'use strict';
  var maps = Array.prototype.slice.call(document.querySelectorAll('svg.zone-map'));
  var sliders = Array.prototype.slice.call(document.querySelectorAll('input.map-slider'));
  if (maps.length === 0 || sliders.length === 0) return;
  function split(s, sep) { return s ? s.split(sep) : []; }
  function show(svg, month) {
    var months = split(svg.getAttribute('data-months') || '', ' ');
    if (months.length === 0) return;
    var k = 0;
    for (var i = 0; i < months.length; i++) if (Number(months[i]) <= month) k = i;
    svg.setAttribute('data-month', months[k]);
    var monthEl = svg.querySelector('text.map-month');
    var label = monthEl ? (split(monthEl.getAttribute('data-labels') || '', ' ')[k] || '') : '';
    if (monthEl) monthEl.textContent = label;
    Array.prototype.forEach.call(svg.querySelectorAll('path.zone-shape'), function (el) {
      var fill = split(el.getAttribute('data-fills') || '', ' ')[k];
      if (fill) el.setAttribute('fill', fill);
      var tip = (el.getAttribute('data-name') || '') + ': ' + (split(el.getAttribute('data-values') || '', '|')[k] || '') + ' (' + label + ')';
      var title = el.querySelector('title');
      if (title) title.textContent = tip;
      if (el.hasAttribute('data-tip')) el.setAttribute('data-tip', tip);
      if (el.hasAttribute('aria-label')) el.setAttribute('aria-label', tip);
    });
  }
  function monthText(start, m) {
    var y = Number(start.slice(0, 4)), k = Number(start.slice(5, 7)) - 1 + m;
    var mm = ((k % 12) + 12) % 12 + 1;
    return (y + Math.floor(k / 12)) + '-' + (mm < 10 ? '0' : '') + mm;
  }
  function apply(month, from) {
    maps.forEach(function (svg) { show(svg, month); });
    sliders.forEach(function (s) {
      if (s !== from) s.value = String(month);
      var out = s.parentNode && s.parentNode.parentNode ? s.parentNode.parentNode.querySelector('.map-slider-label') : null;
      if (out) out.textContent = monthText(s.getAttribute('data-start') || '2000-01', month);
    });
  }
  sliders.forEach(function (s) {
    var box = s.closest ? s.closest('.map-controls') : null;
    if (box) box.hidden = false;
    s.addEventListener('input', function () { apply(Number(s.value), s); });
  });
})();
`;
