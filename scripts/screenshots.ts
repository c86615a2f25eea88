/**
 * Regenerates the README's screenshots in docs/img/ (issue 17). Not run by the
 * tests. Needs Chromium at /usr/bin/chromium (or $MEGASIM_CHROMIUM) and a CJK
 * font for the 中文 text (Debian: apt-get install fonts-noto-cjk).
 *
 *   node --import tsx/esm scripts/screenshots.ts [REPORT_DIR] [EXPLORER_DIR]
 *
 * REPORT_DIR (default /tmp/shots-cq) holds a comparison report; when it has no
 * report.html the script first runs
 *   megasim compare scenarios/comparisons/chongqing-differentiated.yaml --seeds 1..3 --sample 0.005 --out REPORT_DIR
 * (a few minutes on 2 cores). EXPLORER_DIR (default /tmp/shots-ex) holds the
 * static explorer; when it has no index.html the script runs
 *   megasim explore --out EXPLORER_DIR
 *
 * Writes, each about 1000 px wide:
 *   docs/img/report-findings.png  the report's key findings down to "What differs"
 *   docs/img/report-map.png       the report's zone maps (residents, hukou share)
 *   docs/img/explorer-zh.png      the explorer in 中文 after a short Chongqing run:
 *                                 its zone map and the urban hukou rate chart
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.ts';

const reportDir = resolve(process.argv[2] ?? '/tmp/shots-cq');
const explorerDir = resolve(process.argv[3] ?? '/tmp/shots-ex');
const IMG = resolve('docs/img');
/** The tallest picture, in CSS pixels (keeps each PNG near 300 KB). */
const MAX_HEIGHT = 1300;

function megasim(args: string[]): void {
  console.log(`megasim ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`megasim ${args[0]} exited with ${r.status}`);
}

/** Screenshot of the page area from the top of `fromSel` to the bottom of `toSel`. */
async function shotBetween(page: Page, fromSel: string, toSel: string, path: string, maxHeight = Infinity): Promise<void> {
  const a = await page.locator(fromSel).first().evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, w: r.width }; });
  const b = await page.locator(toSel).first().evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.bottom + scrollY, w: r.width }; });
  const x = Math.max(0, Math.min(a.x, b.x) - 8);
  const width = Math.max(a.x + a.w, b.x + b.w) + 8 - x;
  await page.screenshot({ path, fullPage: true, clip: { x, y: Math.max(0, a.y - 8), width, height: Math.min(maxHeight, b.y - a.y + 16) } });
}

function report(path: string): void {
  console.log(`wrote ${path} (${Math.round(statSync(path).size / 1024)} KiB)`);
}

async function main(): Promise<void> {
  mkdirSync(IMG, { recursive: true });
  if (!existsSync(join(reportDir, 'report.html')))
    megasim(['compare', 'scenarios/comparisons/chongqing-differentiated.yaml', '--seeds', '1..3', '--sample', '0.005', '--out', reportDir]);
  if (!existsSync(join(explorerDir, 'index.html'))) megasim(['explore', '--out', explorerDir]);

  const browser = await launchChromium();
  try {
    // The comparison report, about 1000 px wide.
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(pathToFileURL(join(reportDir, 'report.html')).href, { waitUntil: 'load' });
    // Key findings directly above "What differs" (the notes, scenarios and headline
    // table between them are hidden for this picture only), with the parameter table
    // opened and cut at MAX_HEIGHT.
    await page.addStyleTag({ content: 'section.notes, div.top { display: none !important; }' });
    await page.evaluate(() => document.querySelectorAll('#what-differs details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const findings = join(IMG, 'report-findings.png');
    await shotBetween(page, '#findings', '#what-differs', findings, MAX_HEIGHT);
    report(findings);
    await page.reload({ waitUntil: 'load' });
    // The zone maps: the first two (residents, and hukou share), with the month slider.
    await page.addStyleTag({ content: '#zone-maps figure.map-figure:not(#chart-map-residents):not(#chart-map-hukou_share) { display: none !important; }' });
    const map = join(IMG, 'report-map.png');
    await page.locator('#zone-maps').scrollIntoViewIfNeeded();
    await page.locator('#zone-maps').screenshot({ path: map });
    report(map);
    await page.close();

    // The explorer in 中文: a short run of Chongqing's differentiated settlement.
    const ex = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    ex.on('pageerror', (e) => errors.push(e.message));
    await ex.goto(`${pathToFileURL(join(explorerDir, 'index.html')).href}#lang=zh&city=chongqing-2010&seed=1&sample=0.002&months=60&reps=1&a=chongqing-differentiated`);
    await ex.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 60_000 });
    await ex.click('#run');
    await ex.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 300_000 });
    const state = await ex.evaluate(() => document.body.dataset.state);
    if (state !== 'done') throw new Error(`explorer run ended in state ${state}: ${await ex.textContent('#messages')}`);
    if (errors.length > 0) throw new Error(`explorer page errors: ${errors.join('; ')}`);
    const zh = join(IMG, 'explorer-zh.png');
    // The zone map, then the urban hukou rate through "plot any indicator" (just below it).
    await ex.selectOption('#plot-pick', 'urban_hukou_rate');
    await ex.locator('#picked figure').waitFor();
    await shotBetween(ex, 'section[aria-labelledby="h-map"]', '#picked figure', zh);
    report(zh);
    await ex.close();
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
