/**
 * report.html (viz/report.ts): one self-contained page holding every chart,
 * the scenarios with toggles, the headline differences, the manifest and the
 * command; nothing loaded from the network; every input string escaped.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { escapeHtml, renderReport, type ReportInput } from '../../viz/report.ts';
import { makeDocument } from '../../viz/dom.ts';
import { renderStandardCharts, serializeSvg } from '../../viz/charts/index.ts';
import { sampleData } from '../fixtures/sampleData.ts';
import { chartSection } from '../../viz/charts/sections.ts';

const XSS = '<img src=x onerror=alert(1)>';
const data = sampleData(
  [
    { id: 'base', title: 'Baseline', description: 'The 2010 rules.' },
    { id: 'evil"id', title: XSS, description: '<script>alert(2)</script>' },
  ],
  30,
  5,
);
const input: ReportInput = {
  title: 'Test <b>report</b>',
  question: 'Does it <i>work</i>?',
  scenarios: data.scenarios,
  meta: data.meta,
  differences: data.differences,
  stats: data.stats,
  pyramids: data.pyramids,
  manifest: { seeds: [1, 2], sample: 0.01, engine: '0.1.0', digest: 'abc', note: '</pre><script>alert(3)</script>' },
  command: 'megasim compare a.yaml b.yaml --seeds 1..2 && echo "<done>"',
};
const html = renderReport(input);
const doc = new JSDOM(html).window.document; // scripts are not run

describe('renderReport', () => {
  it('embeds every standard chart as inline SVG', () => {
    const names = renderStandardCharts(makeDocument(), data.stats, data.scenarios, data.meta, data.pyramids).map((c) => c.name);
    const figures = [...doc.querySelectorAll('figure.chart-figure')];
    // Every chart once, each in its section (viz/charts/sections.ts), in the standard order within a section.
    expect(figures.map((f) => f.getAttribute('data-chart')).sort()).toEqual([...names].sort());
    for (const f of figures) expect(f.closest('section.topic')!.getAttribute('data-section')).toBe(chartSection(f.getAttribute('data-chart')!));
    const order = figures.map((f) => names.indexOf(f.getAttribute('data-chart')!));
    for (const s of doc.querySelectorAll('section.topic')) {
      const within = [...s.querySelectorAll('figure.chart-figure')].map((f) => names.indexOf(f.getAttribute('data-chart')!));
      expect(within).toEqual([...within].sort((a, b) => a - b));
    }
    expect(order.length).toBe(names.length);
    for (const f of figures) {
      const svg = f.querySelector('svg.chart');
      expect(svg).not.toBeNull();
      expect(svg!.querySelectorAll('g.series').length).toBe(2);
      expect(svg!.querySelectorAll('.mark').length).toBeGreaterThan(0);
    }
  });

  it('embeds charts given as elements or markup as they are', () => {
    const charts = renderStandardCharts(makeDocument(), data.stats, data.scenarios, data.meta).slice(0, 2);
    const page = renderReport({ ...input, stats: undefined, charts: [{ name: 'a', svg: charts[0]!.svg }, { name: 'b', svg: serializeSvg(charts[1]!.svg) }] });
    expect(page).toContain(serializeSvg(charts[0]!.svg));
    expect(page).toContain(serializeSvg(charts[1]!.svg));
    expect(new JSDOM(page).window.document.querySelectorAll('figure svg.chart').length).toBe(2);
  });

  it('is self-contained: no external src/href, stylesheet or script file, and a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(doc.querySelectorAll('link, img, iframe, object, embed').length).toBe(0);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelector('script')!.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
  });

  it('escapes scenario titles, ids, descriptions, title, question, manifest and command', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>report');
    expect(html).not.toContain('<i>work');
    expect(html).not.toContain('alert(2)</script>');
    expect(html).not.toContain('alert(3)</script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc.title).toBe('Test <b>report</b>');
    expect(doc.querySelector('.question')!.textContent).toBe('Does it <i>work</i>?');
    const titles = [...doc.querySelectorAll('#scenarios strong')].map((s) => s.textContent);
    expect(titles).toEqual(['Baseline', XSS]);
    expect(doc.querySelectorAll('#scenarios .desc')[1]!.textContent).toBe('<script>alert(2)</script>');
    expect([...doc.querySelectorAll('input.scenario-toggle')].map((i) => i.getAttribute('data-scenario'))).toEqual(['base', 'evil"id']);
    expect(JSON.parse(doc.querySelector('pre.manifest')!.textContent!)).toEqual(input.manifest);
    expect(doc.querySelector('pre.command')!.textContent).toBe(input.command);
  });

  it('tabulates headline differences against the first scenario, grouped by scenario', () => {
    const group = doc.querySelector('#differences tr.group');
    expect(group?.textContent).toBe(XSS);
    const rows = [...doc.querySelectorAll('#differences tbody tr:not(.group)')];
    expect(rows.length).toBe(data.differences.length);
    expect(rows[0]!.textContent).toContain('Hukou share');
    expect(rows[0]!.textContent).toContain('+2.1 pp');
    expect(doc.querySelector('#differences .hint')!.textContent).toContain('Baseline');
  });

  it('says so when there is nothing to compare', () => {
    const page = new JSDOM(renderReport({ ...input, differences: [] })).window.document;
    expect(page.querySelector('#differences')!.textContent).toContain('single scenario');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });
});
