/**
 * report.html of a complete sweep folder: what was swept (parameters and
 * their values, seeds, sample, months), then the charts of charts/ in
 * sections — the effect of each parameter, the tornado of each indicator
 * (which parameter moves it most), the interaction heatmaps of every pair of
 * parameters for each headline indicator (a chooser shows one indicator), and the Sobol' or Morris indices when the design has them —
 * and the sweep's hash. Drawn from sweep.json and the summary alone (as the
 * charts are), so a merged folder and an unsharded one get the same bytes.
 * Every input string is escaped; the SVG is the chart files' own markup.
 */
import type { SweepRecord } from '../../sim/run/sweepRecord.ts';
import { escapeHtml } from '../html.ts';
import { reportPage } from '../reportAssets.ts';
import { SECTIONS_CSS, sourcesSection } from '../reportSections.ts';
import { shownValue } from './whatDiffers.ts';

/** The chart file names of each section, by prefix (as viz/publish/sweep.ts names them). */
const SWEEP_SECTIONS: readonly { id: string; title: string; intro: string; prefix: RegExp }[] = [
  { id: 'effects', title: 'Effects', intro: 'Each parameter against the kept indicators: the mean over runs at each of its values, with the 5–95% band across seeds and the other parameters.', prefix: /^effect-/ },
  { id: 'tornado', title: 'Which parameter matters most', intro: 'For each indicator, every parameter as a bar from the mean at its lowest value to the mean at its highest, the largest first.', prefix: /^tornado-/ },
  { id: 'interactions', title: 'Interactions', intro: 'Pairs of parameters: each cell the mean over the runs with those two values, and under it the interaction (the cell minus what the two main effects alone predict; 0 = they add up).', prefix: /^interaction-/ },
  { id: 'indices', title: 'Sensitivity indices', intro: "Sobol' indices (share of the output variance) or Morris elementary effects, from the design's own points.", prefix: /^(sobol|morris)-/ },
];

/** CSS of the heatmaps' indicator chooser. */
const HEATMAP_CSS = `
.heatmap-controls { margin: 0 0 12px; font-size: 14px; }
.heatmap-controls[hidden] { display: none; }
figure.chart-figure.is-unpicked { display: none; }
`;

/** The chooser: shows the interaction heatmaps of the chosen indicator only (all of them without the script). Reads data attributes only. */
const HEATMAP_SCRIPT = `
(function () {
  'use strict';
  var sel = document.querySelector('select.heatmap-pick');
  if (!sel) return;
  var box = sel.closest ? sel.closest('.heatmap-controls') : null;
  if (box) box.hidden = false;
  function show() {
    Array.prototype.forEach.call(document.querySelectorAll('#section-interactions figure[data-indicator]'), function (f) {
      if (f.getAttribute('data-indicator') === sel.value) f.classList.remove('is-unpicked'); else f.classList.add('is-unpicked');
    });
  }
  sel.addEventListener('change', show);
  show();
})();
`;

const withoutDeclaration = (text: string) => text.replace(/^<\?xml[^>]*\?>\n?/, '').replace(/\n$/, '');

/** The text of report.html for a sweep with these chart files (file name → SVG file text). */
export function renderSweepReport(record: SweepRecord, charts: ReadonlyMap<string, string>): string {
  const names = [...charts.keys()];
  const params = record.parameters
    .map((p, j) => {
      const values = [...new Set(record.points.map((pt) => shownValue(pt[j])))];
      const shown = values.length > 12 ? `${values.length} values from ${values[0]} to ${values[values.length - 1]}` : values.join(', ');
      return `<tr><td>${escapeHtml(p.label)}</td><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(shown)}</td></tr>`;
    })
    .join('');
  const design = String((record.sweep as { design?: unknown }).design ?? 'grid');
  const setup = `<section id="sweep"><h2>What was swept</h2><p>Base scenario <strong>${escapeHtml(record.scenario.title)}</strong> (<code>${escapeHtml(record.scenario.id)}</code>); design ${escapeHtml(design)}: ${record.points.length} points × ${record.seeds.length} random seeds = ${record.runs} runs of ${record.months} months at sample ${escapeHtml(String(record.sample))}.</p><table><thead><tr><th>Parameter</th><th>Path</th><th>Values</th></tr></thead><tbody>${params}</tbody></table><p class="hint">Indicators kept: ${record.indicators.map((n) => `<code>${escapeHtml(n)}</code>`).join(', ')}. Hover over lines, bars and cells for values.</p></section>`;
  const sections = SWEEP_SECTIONS.map((s) => {
    const mine = names.filter((n) => s.prefix.test(n));
    if (mine.length === 0) return '';
    const indicatorOf = (n: string) => /^interaction-\d+-\d+-(.+)\.svg$/.exec(n)?.[1];
    const figs = mine.map((n) => {
      const ind = indicatorOf(n);
      return `<figure class="chart-figure" id="chart-${escapeHtml(n.replace(/\.svg$/, ''))}" data-chart="${escapeHtml(n.replace(/\.svg$/, ''))}"${ind ? ` data-indicator="${escapeHtml(ind)}"` : ''}>${withoutDeclaration(charts.get(n)!)}</figure>`;
    });
    // Interactions: every pair of parameters for each headline indicator; a chooser shows one indicator at a time.
    const inds = [...new Set(mine.map(indicatorOf).filter((x): x is string => x !== undefined))];
    const pick =
      s.id === 'interactions' && inds.length > 1
        ? `<div class="heatmap-controls" hidden><label>Indicator <select class="heatmap-pick" aria-label="Indicator of the interaction heatmaps">${inds.map((i) => `<option value="${escapeHtml(i)}">${escapeHtml(i)}</option>`).join('')}</select></label></div>`
        : '';
    return `<section id="section-${s.id}" class="topic" data-section="${s.id}"><h2>${escapeHtml(s.title)}</h2><p class="hint">${escapeHtml(s.intro)}</p>${pick}<div class="charts">${figs.join('\n')}</div></section>`;
  }).join('\n');
  const reproduce = `<section id="reproduce"><h2>Reproduce</h2><p>The sweep's hash is <code>${escapeHtml(record.hash)}</code> (megasim ${escapeHtml(record.megasim_version)}). Run <code>npx megasim sweep FILE --out DIR</code> with the sweep file (its validated content is in <code>sweep.json</code>), or shards with <code>--shard K/N</code> and <code>npx megasim merge</code>; <code>npx megasim verify</code> on this folder repeats every run and rebuilds these charts.</p></section>`;
  const body = [
    `<header><p class="kicker">megasim sweep report</p><h1>${escapeHtml(record.title)}</h1></header>`,
    setup,
    sections,
    sourcesSection(undefined),
    reproduce,
    `<footer>Generated by megasim ${escapeHtml(record.megasim_version)}. This page is self-contained and works offline.</footer>`,
  ].join('\n');
  return reportPage(record.title, body, SECTIONS_CSS + HEATMAP_CSS, `<script>${HEATMAP_SCRIPT}</script>\n`);
}
