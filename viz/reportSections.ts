/**
 * The parts of report.html that explain the results: key findings in words,
 * the "what differs" table of parameters, the sections of charts (people,
 * hukou, housing, services, money, governance, zones), the per-zone
 * headline table (beside the zone maps of viz/mapReport.ts), the [V]/[U] legend and the
 * sources. Each takes plain data (computed in viz/publish/) and returns
 * HTML in which every input string is escaped.
 */
import type { IndicatorDef } from './types.ts';
import { escapeHtml } from './html.ts';
import { formatDifference, formatWithUnit, humanize, monthLabel } from './format.ts';
import { SECTIONS, chartSection, type SectionId } from './charts/sections.ts';

/** One differing parameter and its value in each scenario. */
export interface WhatDiffersRow {
  path: string;
  values: string[];
}

/** One cell of the per-zone table. */
export interface ZoneCell {
  /** Per scenario (in order): the mean at the horizon (level) or over the run (flow). */
  values: number[];
  /** Per scenario after the first: difference from the first, its interval and whether it excludes zero (absent for a single run). */
  diffs: { difference: number; lo: number; hi: number; significant: boolean }[];
}

/** The per-zone headline table (viz/publish/zoneTable.ts). */
export interface ZoneTable {
  indicators: IndicatorDef[];
  zones: { id: string; name: string }[];
  /** cells[zone][indicator]; null where the zone has no value. */
  cells: (ZoneCell | null)[][];
  /** "level at 2020-01" or "total over the run", per indicator. */
  measure: ('level' | 'total')[];
}

/** A source document the scenarios cite. */
export interface SourceDocument {
  id: string;
  title: string;
  about: string;
}

/** What the Sources section lists. */
export interface ReportSources {
  /** The source documents the scenarios cite, with titles. */
  documents: SourceDocument[];
  /** Every distinct `source:` text of the scenario files, written readably, with where it is. */
  cited: { where: string; text: string }[];
  /** What the compiled official figures are. */
  compilation: string;
}

export function findingsSection(findings: readonly string[] | undefined): string {
  if (!findings || findings.length === 0) return '';
  return `<section id="findings"><h2>Key findings</h2><ul class="findings">${findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul><p class="hint">Generated from the headline differences below and their intervals; each names the parameters in "What differs" that bear on it.</p></section>`;
}

export function whatDiffersSection(rows: readonly WhatDiffersRow[] | undefined, titles: readonly string[]): string {
  if (!rows || titles.length < 2) return '';
  if (rows.length === 0) return `<section id="what-differs"><h2>What differs</h2><p>The scenarios set every parameter alike: they differ only in their words (titles, descriptions, sources).</p></section>`;
  const head = `<tr><th>Parameter</th>${titles.map((t, i) => `<th>${i === 0 ? 'Baseline: ' : ''}${escapeHtml(t)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => {
      const cls = /^policies\.[A-Za-z0-9_]+$/.test(r.path) ? ' class="policy"' : '';
      return `<tr${cls}><td><code>${escapeHtml(r.path)}</code></td>${r.values.map((v, i) => `<td class="${i > 0 && v !== r.values[0] ? 'changed' : ''}">${escapeHtml(v)}</td>`).join('')}</tr>`;
    })
    .join('');
  const table = `<table class="what-differs"><thead>${head}</thead><tbody>${body}</tbody></table>`;
  const wrapped = rows.length > 25 ? `<details><summary>${rows.length} parameters differ</summary>${table}</details>` : table;
  return `<section id="what-differs"><h2>What differs</h2><p class="hint">Computed from the scenarios as run (every file they extend merged, defaults filled in): the parameters whose values are not the same in every scenario; "—" means the scenario does not have it.</p>${wrapped}</section>`;
}

const zoneCell = (c: ZoneCell | null, def: IndicatorDef): string => {
  if (!c) return '<td class="num">—</td>';
  const vals = c.values.map((v) => `<span class="v">${escapeHtml(formatWithUnit(v, def.unit))}</span>`).join('<br>');
  const ds = c.diffs
    .map((d) => {
      const int = Number.isFinite(d.lo) && Number.isFinite(d.hi) ? ` [${escapeHtml(formatDifference(d.lo, def.unit))}, ${escapeHtml(formatDifference(d.hi, def.unit))}]` : '';
      return `<span class="d${d.significant ? ' significant' : ''}">${escapeHtml(formatDifference(d.difference, def.unit))}${int}</span>`;
    })
    .join('<br>');
  return `<td class="num">${vals}${ds ? `<br>${ds}` : ''}</td>`;
};

/** The per-zone headline table. */
export function zoneTableHtml(t: ZoneTable | null | undefined, titles: readonly string[], startMonth: string, lastMonth: number): string {
  if (!t) return '';
  const head = `<tr><th>Zone</th>${t.indicators.map((d, k) => `<th title="${escapeHtml(d.meaning)}">${escapeHtml(humanize(d.name))}<br><span class="unit">${t.measure[k] === 'total' ? 'total over the run' : `at ${escapeHtml(monthLabel(startMonth, lastMonth))}`}</span></th>`).join('')}</tr>`;
  const body = t.zones.map((z, i) => `<tr><th scope="row">${escapeHtml(z.name)}</th>${t.indicators.map((d, k) => zoneCell(t.cells[i]![k]!, d)).join('')}</tr>`).join('');
  const order = titles.length > 1 ? `Each cell: ${titles.map((x) => escapeHtml(x)).join('; then ')}; then each scenario minus the baseline with its interval (bold where it excludes zero).` : 'Mean over replications.';
  return `<div class="zone-table"><h3>Zone by zone</h3><table><thead>${head}</thead><tbody>${body}</tbody></table><p class="hint">${order}</p></div>`;
}

/**
 * The charts in their sections, each with its heading and introduction;
 * sections without charts or extra content are left out. `extra` adds markup
 * at the top of a section (the zones section's table and maps).
 */
export function chartSections(figures: readonly { name: string; html: string }[], extra: Partial<Record<SectionId, string>> = {}): string {
  return SECTIONS.map((s) => {
    const mine = figures.filter((f) => chartSection(f.name) === s.id);
    const top = extra[s.id] ?? '';
    if (mine.length === 0 && !top) return '';
    const charts = mine.length > 0 ? `<div class="charts">${mine.map((f) => f.html).join('\n')}</div>` : '';
    return `<section id="section-${s.id}" class="topic" data-section="${s.id}"><h2>${escapeHtml(s.title)}</h2><p class="hint">${escapeHtml(s.intro)}</p>${top}${charts}</section>`;
  }).join('\n');
}

/** The [V]/[U] legend and the documents and sources the scenarios cite. */
export function sourcesSection(s: ReportSources | undefined): string {
  const legend = `<dl class="legend-vu"><dt>[V]</dt><dd>verified: the figure was read in the source it cites.</dd><dt>[U]</dt><dd>unconfirmed: a remembered or derived figure used as a placeholder until it is checked; treat results that depend on it with care.</dd><dt>seed</dt><dd>in this report, always the random seed of a simulation run; the Chinese documents the model was specified from are "source documents".</dd></dl>`;
  if (!s) return `<section id="sources"><h2>Sources</h2>${legend}</section>`;
  const docs = s.documents.length
    ? `<h3>Source documents cited</h3><ul class="documents">${s.documents.map((d) => `<li><strong>${escapeHtml(d.id)}</strong> 《${escapeHtml(d.title)}》: ${escapeHtml(d.about)}</li>`).join('')}</ul>`
    : '';
  const comp = `<p>"Compiled official figures" are ${escapeHtml(s.compilation)}.</p>`;
  const cited = s.cited.length
    ? `<details><summary>Sources stated in the scenario files (${s.cited.length})</summary><table class="cited"><tbody>${s.cited.map((c) => `<tr><td><code>${escapeHtml(c.where)}</code></td><td>${escapeHtml(c.text)}</td></tr>`).join('')}</tbody></table></details>`
    : '';
  return `<section id="sources"><h2>Sources</h2>${legend}${docs}${comp}${cited}</section>`;
}

/** Extra CSS for these parts (appended to the report's stylesheet). */
export const SECTIONS_CSS = `
.findings { margin: 0; padding-left: 1.2em; }
.findings li { margin: 4px 0; max-width: 80em; }
table.what-differs td.changed { font-weight: 600; }
table.what-differs tr.policy td { background: #f3f4f6; }
section.topic > .charts { margin-top: 12px; }
.zone-table { margin: 12px 0; overflow-x: auto; }
.zone-table h3, #sources h3 { font-size: 15px; margin: 12px 0 6px; }
.zone-table .unit { text-transform: none; font-weight: 400; }
.zone-table .d { color: var(--muted); }
.zone-table .d.significant { color: var(--ink); font-weight: 600; }
dl.legend-vu { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; font-size: 13.5px; }
dl.legend-vu dt { font-weight: 600; }
dl.legend-vu dd { margin: 0; }
ul.documents { font-size: 13.5px; }
table.cited td { font-size: 12.5px; }
`;
