/**
 * Script injection, end to end: a scenario file whose title, question,
 * description, city name, zone names and a policy's source carry
 * script-bearing text goes through `megasim run` (tiny sample); the
 * report.html it writes, and a chart file with the zone names, are opened in
 * headless Chromium. No dialog opens, no injected element or handler exists,
 * no script runs (a canary global stays unset), the text shows literally, and
 * the page asks for nothing beyond the file itself (no remote resource).
 * Skipped with a message when Chromium is absent or when `run` writes no
 * report.html.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchedPage, warnIfNoChromium, requirePrerequisite, haveChromium } from './browser.ts';

warnIfNoChromium('the injection browser test (injection.e2e)');

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(1)</script>';
const CANARY = '<img src=y onerror="window.__pwned=1">';
const SVG_XSS = '<svg onload=alert(1)>';
const QUOTE = `" onmouseover="alert(1)" x="`;

const dir = mkdtempSync(join(tmpdir(), 'megasim-injection-'));
const scenarioFile = join(dir, 'hostile.yaml');
const out = join(dir, 'run');

const TITLE = `Wuhan ${IMG} ${SCRIPT}`;
const ZONE_NAME = `Central ${IMG}${CANARY}`;
const ZONE2_NAME = `Outer ${SCRIPT}${QUOTE}`;
const SOURCE = `Hotline ${SCRIPT} ${SVG_XSS} source`;

writeFileSync(
  scenarioFile,
  [
    `extends: ${JSON.stringify(resolve('scenarios/policies/wuhan-grid-reform.yaml'))}`,
    'id: hostile',
    `title: ${JSON.stringify(TITLE)}`,
    `question: ${JSON.stringify(`Does ${CANARY} run? ${QUOTE}`)}`,
    `description: ${JSON.stringify(`A description with ${SCRIPT} and ${SVG_XSS}`)}`,
    'city:',
    `  name: ${JSON.stringify(`Wuhan ${CANARY}`)}`,
    '  zones:',
    '    - id: central',
    `      name: ${JSON.stringify(ZONE_NAME)}`,
    '    - id: outer',
    `      name: ${JSON.stringify(ZONE2_NAME)}`,
    'policies:',
    '  grid_governance:',
    `    source: ${JSON.stringify(SOURCE)}`,
    '',
  ].join('\n'),
);

const run = spawnSync(process.execPath, ['bin/megasim.mjs', 'run', scenarioFile, '--sample', '0.0002', '--months', '13', '--out', out], {
  encoding: 'utf8',
  env: { ...process.env, CI: 'true' },
});
const reportPath = join(out, 'report.html');
const haveReport = run.status === 0 && existsSync(reportPath);
// A missing report is a failure, not a reason to skip: the suite would otherwise pass having checked nothing.
if (haveChromium) requirePrerequisite('injection.e2e', haveReport, `megasim run wrote no report.html (status ${run.status}: ${run.stderr.trim().split('\n')[0] ?? ''})`);

describe('the hostile scenario itself', () => {
  it('is a valid scenario and runs', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe.skipIf(!haveChromium || !haveReport)('script-bearing names in report.html and charts, in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    // Give any injected handler (onerror of a broken image, onload) the chance to fire.
    await page.waitForTimeout(300);
    // Hover over every chart once, for injected mouse handlers.
    for (const fig of await page.$$('figure.chart-figure')) await fig.hover().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens no dialog and sets no canary', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('creates no injected element, script or handler', async () => {
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.locator('svg[onload], [onerror], [onmouseover], [onload]').count()).toBe(0);
    const scripts = await page.$$eval('script', (s) => s.map((x) => x.textContent ?? ''));
    expect(scripts).toHaveLength(1); // the report's own
    for (const s of scripts) expect(s).not.toContain('alert(1)');
    // No attribute anywhere holds a javascript: URL.
    const jsUrls = await page.$$eval('*', (els) => els.flatMap((e) => [...e.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => a.name)));
    expect(jsUrls).toEqual([]);
  });

  it('shows the hostile text literally', async () => {
    const text = await page.evaluate(() => document.body.textContent ?? '');
    expect(await page.title()).toBe(TITLE);
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    for (const s of [IMG, SCRIPT, CANARY, SVG_XSS]) expect(text).toContain(s);
    // Zone names reach the charts (SVG text) and the manifest; the policy's source reaches the manifest.
    expect(text).toContain('Central <img src=x onerror=alert(1)>');
    expect(text).toContain(SOURCE.replace(/"/g, '\\"'));
    const svgText = await page.$$eval('svg text', (ts) => ts.map((t) => t.textContent ?? '').join('\n'));
    expect(svgText).toContain('Central <img');
  });

  it('loads no remote resource: nothing but the file itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    for (const u of requests) expect(u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:'), u).toBe(true);
    expect(requests.filter((u) => u.startsWith('file:'))).toEqual([pathToFileURL(reportPath).href]);
  });

  it('the report file holds no external URL to fetch (src/href/url())', () => {
    const html = readFileSync(reportPath, 'utf8');
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
  });

  it('a chart file with the zone names, opened directly, runs nothing either', async () => {
    const charts = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'));
    const withZones = charts.find((f) => readFileSync(join(out, 'charts', f), 'utf8').includes('Central &lt;img'));
    expect(withZones, `a chart naming the zones among ${charts.join(', ')}`).toBeDefined();
    const p2 = await browser.newPage();
    const d2: string[] = [];
    const r2: string[] = [];
    p2.on('dialog', (d) => {
      d2.push(d.message());
      void d.dismiss();
    });
    p2.on('request', (r) => r2.push(r.url()));
    await p2.goto(pathToFileURL(join(out, 'charts', withZones!)).href, { waitUntil: 'load' });
    await p2.waitForTimeout(200);
    expect(d2).toEqual([]);
    expect(await p2.$$('script, img, [onerror], [onload]')).toHaveLength(0);
    expect(await p2.evaluate(() => document.documentElement.textContent ?? '')).toContain('Central <img src=x onerror=alert(1)>');
    for (const u of r2) expect(u.startsWith('file:') || u.startsWith('data:'), u).toBe(true);
    await p2.close();
  });
});
