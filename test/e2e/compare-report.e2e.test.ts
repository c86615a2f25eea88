/**
 * The compare report in headless Chromium (Debian's /usr/bin/chromium with
 * playwright-core): a PNG screenshot, every chart drew (an SVG with visible
 * data marks), toggling a scenario hides its series in every chart, and a
 * scenario titled `<img src=x onerror=alert(1)>` shows as text with no
 * script run and no network request. Skipped, with a message, where Chromium
 * is absent (.ci/run installs it).
 *
 * Screenshot of another report (e.g. the README's first screen):
 *   MEGASIM_SHOT_REPORT=runs/default/report.html MEGASIM_SHOT_PNG=docs/img/report-first-screen.png \
 *     npx vitest run test/e2e/compare-report.e2e.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchedPage, warnIfNoChromium, haveChromium } from './browser.ts';

const XSS = '<img src=x onerror=alert(1)>';
const CITY = resolve('scenarios/cities/chongqing-2010.yaml');
warnIfNoChromium('the compare report browser tests');

describe.skipIf(!haveChromium)('compare report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-e2e-report-'));
  const out = join(dir, 'out');
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    writeFileSync(join(dir, 'base.yaml'), `extends: ${CITY}\nid: e2e-base\ntitle: Baseline city\n`);
    // YAML single quotes keep the title verbatim.
    writeFileSync(join(dir, 'xss.yaml'), `extends: ${CITY}\nid: e2e-xss\ntitle: '${XSS}'\ndescription: 'A <script>alert(2)</script> description'\ncity:\n  arrivals:\n    base_rate_year: 0.04\n`);
    const r = spawnSync(process.execPath, ['bin/megasim.mjs', 'compare', join(dir, 'base.yaml'), join(dir, 'xss.yaml'), '--seeds', '1..2', '--sample', '0.001', '--months', '12', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    if (r.status !== 0) throw new Error(`compare failed (${r.status}): ${r.stderr}`);
    browser = await launchChromium();
    page = (await watchedPage(browser, { dialogs, pageErrors, requests })).page;
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('takes a PNG screenshot of the first screen', async () => {
    const png = await page.screenshot({ path: join(dir, 'report.png') });
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('draws every chart: an SVG with a size and visible data marks', async () => {
    // The chart files' figures (the zone maps are figures of their own, not files in charts/).
    const charts = await page.$$eval('figure.chart-figure:not(.map-figure)', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg ? [...svg.querySelectorAll('.mark')] : [];
        const visible = marks.filter((m) => {
          const b = (m as SVGGraphicsElement).getBBox();
          return b.width > 0 || b.height > 0;
        });
        return { name: f.getAttribute('data-chart'), w: box?.width ?? 0, h: box?.height ?? 0, marks: marks.length, visible: visible.length };
      }),
    );
    expect(charts.length).toBe(readFileSync(join(out, 'manifest.json'), 'utf8').match(/"charts\/[^"]+\.svg"/g)!.length);
    for (const c of charts) {
      expect(c.w, c.name!).toBeGreaterThan(200);
      expect(c.h, c.name!).toBeGreaterThan(100);
      expect(c.visible, c.name!).toBeGreaterThan(0);
    }
  });

  it('hides a scenario\'s series in every chart when its box is unticked, and shows it again', async () => {
    const state = () =>
      page.$$eval('svg.chart g.series', (gs) => gs.map((g) => ({ id: g.getAttribute('data-scenario'), shown: getComputedStyle(g).display !== 'none' })));
    const before = await state();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.shown)).toBe(true);
    await page.click('input.scenario-toggle[data-scenario="e2e-xss"]');
    const off = await state();
    expect(off.filter((s) => s.id === 'e2e-xss').every((s) => !s.shown)).toBe(true);
    expect(off.filter((s) => s.id === 'e2e-base').every((s) => s.shown)).toBe(true);
    expect(off.filter((s) => s.id === 'e2e-xss').length).toBe(off.filter((s) => s.id === 'e2e-base').length);
    await page.click('input.scenario-toggle[data-scenario="e2e-xss"]');
    expect((await state()).every((s) => s.shown)).toBe(true);
  });

  it('shows the scenario titled <img src=x onerror=alert(1)> as text; no script runs, nothing is fetched', async () => {
    const label = await page.$eval('input.scenario-toggle[data-scenario="e2e-xss"]', (cb) => cb.closest('label')!.querySelector('strong')!.textContent);
    expect(label).toBe(XSS);
    const legendTexts = await page.$$eval('svg.chart .legend-item[data-scenario="e2e-xss"] text', (ts) => ts.map((t) => t.textContent));
    expect(legendTexts.length).toBeGreaterThan(0);
    expect(legendTexts.every((t) => t === XSS)).toBe(true);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    // The report's own inline script, and the zone maps' one when the report has maps; none loaded from a file.
    expect(await page.$$eval('script', (s) => s.length)).toBe((await page.$$eval('svg.zone-map', (m) => m.length)) > 0 ? 2 : 1);
    expect(await page.$$eval('script[src]', (s) => s.length)).toBe(0);
    const desc = await page.$eval('#scenarios .desc', (p) => p.textContent);
    expect(desc).toContain('<script>alert(2)</script>');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });
});

// Screenshot of a given report (see the header); runs only when asked for.
describe.runIf(haveChromium && !!process.env.MEGASIM_SHOT_REPORT && !!process.env.MEGASIM_SHOT_PNG)('screenshot of a report', () => {
  it('writes the first screen of the report as PNG', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(pathToFileURL(resolve(process.env.MEGASIM_SHOT_REPORT!)).href, { waitUntil: 'load' });
      await page.screenshot({ path: resolve(process.env.MEGASIM_SHOT_PNG!) });
    } finally {
      await browser.close();
    }
    expect(existsSync(resolve(process.env.MEGASIM_SHOT_PNG!))).toBe(true);
  });
});
