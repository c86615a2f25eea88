/**
 * The report page (viz/report.ts) in headless Chromium, from synthetic data:
 * a PNG screenshot, every chart drawn with visible data marks, unticking a
 * scenario hides its series everywhere, the hover value box, and a scenario
 * titled `<img src=x onerror=alert(1)>` shown as text with no dialog and no
 * image element. Uses /usr/bin/chromium (or $MEGASIM_CHROMIUM) through
 * playwright-core; skipped with a message when no Chromium is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openReportFile, warnIfNoChromium, haveChromium } from './browser.ts';
import { renderReport } from '../../viz/report.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const XSS = '<img src=x onerror=alert(1)>';
warnIfNoChromium('the report browser test (report.e2e)');

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-report-e2e-'));
  const data = sampleData(
    [
      { id: 'base', title: 'Baseline' },
      { id: 'reform', title: 'Differentiated settlement' },
      { id: 'xss', title: XSS },
    ],
    42,
    5,
  );
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const html = renderReport({
      title: 'Synthetic comparison',
      question: 'Does the page work offline?',
      scenarios: data.scenarios,
      meta: data.meta,
      differences: data.differences,
      stats: data.stats,
      pyramids: data.pyramids,
      manifest: { seeds: '1..5', sample: 0.001, engineVersion: 'test', digest: '0'.repeat(64) },
      command: 'megasim compare a.yaml b.yaml c.yaml --seeds 1..5',
    });
    ({ browser, page } = await openReportFile(dir, html, { dialogs, pageErrors, requests }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('takes a PNG screenshot of the whole page', async () => {
    const png = await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('draws every chart: an SVG of nonzero size with visible data marks', async () => {
    const charts = await page.$$eval('figure.chart-figure', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const visible = [...svg.querySelectorAll('.mark')].filter((m) => {
          const b = (m as SVGGraphicsElement).getBBox();
          return b.width > 0 || b.height > 0;
        });
        return { name: f.getAttribute('data-chart'), w: box.width, h: box.height, visible: visible.length };
      }),
    );
    expect(charts.length).toBe(16);
    for (const c of charts) {
      expect(c.w, c.name!).toBeGreaterThan(300);
      expect(c.h, c.name!).toBeGreaterThan(150);
      expect(c.visible, c.name!).toBeGreaterThan(0);
    }
  });

  it('hides a scenario in every chart when unticked (or clicked in a legend), and shows it again', async () => {
    const shown = () =>
      page.$$eval('svg.chart g.series', (gs) => gs.map((g) => ({ id: g.getAttribute('data-scenario'), shown: getComputedStyle(g).display !== 'none' })));
    expect((await shown()).every((s) => s.shown)).toBe(true);
    await page.click('input.scenario-toggle[data-scenario="reform"]');
    const off = await shown();
    expect(off.filter((s) => s.id === 'reform').length).toBe(16);
    expect(off.filter((s) => s.id === 'reform').every((s) => !s.shown)).toBe(true);
    expect(off.filter((s) => s.id !== 'reform').every((s) => s.shown)).toBe(true);
    expect(await page.isVisible('figure[data-chart="ts-residents"] g.series[data-scenario="reform"] path.mark')).toBe(false);
    await page.click('figure[data-chart="ts-residents"] .legend-item[data-scenario="reform"]');
    expect((await shown()).every((s) => s.shown)).toBe(true);
    expect(await page.isChecked('input.scenario-toggle[data-scenario="reform"]')).toBe(true);
  });

  it('shows a value box when hovering a data point', async () => {
    const point = page.locator('figure[data-chart="ts-hukou_share"] g.series[data-scenario="base"] circle.mark').last();
    await point.hover({ force: true });
    const box = page.locator('#valuebox');
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.textContent()).toMatch(/^Baseline — \d{4}-\d{2}: [\d.]+%/);
  });

  it('shows the scenario titled <img src=x onerror=alert(1)> as text; no dialog, no image, nothing fetched', async () => {
    expect(await page.textContent('input.scenario-toggle[data-scenario="xss"] ~ .name strong')).toBe(XSS);
    expect(await page.isVisible('text=<img src=x onerror=alert(1)>')).toBe(true);
    const legend = await page.$$eval('svg.chart .legend-item[data-scenario="xss"] text', (ts) => ts.map((t) => t.textContent));
    expect(legend.length).toBe(16);
    expect(legend.every((t) => t === XSS)).toBe(true);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });
});
