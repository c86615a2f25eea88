/**
 * The explorer in headless Chromium (Debian's chromium + playwright-core),
 * opened through `megasim explore`: pick Chongqing, move the core-zone years
 * slider with the keyboard, run, see charts and a headline change, stay
 * responsive mid-run, switch to 中文, reload from the permalink to the same
 * levers and digest, download the scenario and get the same digest from
 * `megasim run`, and show a message for bad values in the URL. Skipped, with a
 * message, where /usr/bin/chromium is absent. With MEGASIM_SCREENSHOTS=1 it
 * also saves docs/img/explorer-en.png and docs/img/explorer-zh.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openExplorer, warnIfNoChromium, haveChromium as HAVE_CHROMIUM } from './browser.ts';

warnIfNoChromium('the explorer browser test');

const CORE_YEARS = 'policies.differentiated.zones.core.years_work';
const SEED = '3';
const MONTHS = '24';
const SAMPLE = '0.001';


const state = (p: Page) => p.evaluate(() => document.body.dataset.state);
const waitState = (p: Page, s: string[], timeout = 0) =>
  p.waitForFunction((want) => want.includes(document.body.dataset.state ?? ''), s, { timeout });
const digest = (p: Page, setting = 'A') => p.textContent(`#digest-${setting}`);
const headline = (p: Page, name: string) => p.getAttribute(`.card[data-indicator="${name}"]`, 'data-a');

async function setRunSetting(p: Page, id: string, value: string): Promise<void> {
  await p.fill(id, value);
  await p.press(id, 'Tab');
}

async function run(p: Page, timeout = 0): Promise<void> {
  await p.click('#run');
  await waitState(p, ['done', 'error'], timeout);
  expect(await state(p), (await p.textContent('#messages')) ?? '').toBe('done');
}

describe.skipIf(!HAVE_CHROMIUM)('explorer in headless Chromium', () => {
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'megasim-explorer-'));
  // Shared between the steps below (they run in order).
  let leverKey = CORE_YEARS;
  let defaultDigest = '';
  let movedDigest = '';
  let movedValue = '';
  let permalink = '';

  beforeAll(async () => {
    ({ server, url, browser, page } = await openExplorer(pageErrors));
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('opens through megasim explore, picks Chongqing and runs the default setting', async () => {
    await page.goto(url);
    await waitState(page, ['idle']);
    await page.selectOption('#city', 'chongqing-2010');
    const scenarios = await page.$$eval('#scenario option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    if (scenarios.includes('chongqing-differentiated')) await page.selectOption('#scenario', 'chongqing-differentiated');
    else {
      // The differentiated policy has not landed: use another Chongqing lever.
      leverKey = 'policies.conditions.min_years_in_city';
      console.warn('chongqing-differentiated is not shipped: moving policies.conditions.min_years_in_city instead');
    }
    expect(await page.locator(`input[type=range][data-key="${leverKey}"]`).count()).toBe(1);
    await setRunSetting(page, '#run-seed', SEED);
    await setRunSetting(page, '#run-months', MONTHS);
    await setRunSetting(page, '#run-sample', SAMPLE);
    await run(page);
    defaultDigest = (await digest(page))!;
    expect(defaultDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('moves the core-zone years slider with the keyboard, runs, draws charts and changes a headline number', async () => {
    const before = { settlements: await headline(page, 'settlements'), hukou: await headline(page, 'hukou_residents') };
    const slider = page.locator(`input[type=range][data-key="${leverKey}"]`);
    const box = page.locator(`input[type=number][data-key="${leverKey}"]`);
    const shipped = await box.inputValue();
    await slider.focus();
    await page.keyboard.press('Home'); // the slider's minimum: no years of work required in the core
    movedValue = await box.inputValue();
    expect(movedValue).toBe('0');
    expect(movedValue).not.toBe(shipped);
    expect(await page.locator(`.lever[data-key="${leverKey}"] .badge`).count()).toBeGreaterThan(0);
    expect(await page.inputValue('#permalink')).toContain(`a.${leverKey}=0`);
    await run(page);
    movedDigest = (await digest(page))!;
    expect(movedDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(movedDigest).not.toBe(defaultDigest);
    const after = { settlements: await headline(page, 'settlements'), hukou: await headline(page, 'hukou_residents') };
    expect(Number(after.settlements)).toBeGreaterThan(Number(before.settlements));
    expect(after.hukou).not.toBe(before.hukou);
    // Charts drew: the headline series and the zone panels, with lines.
    const charts = await page.$$eval('#charts figure[data-chart]', (fs) => fs.map((f) => (f as HTMLElement).dataset.chart));
    expect(charts).toEqual(expect.arrayContaining(['ts-hukou_residents', 'ts-settlements', 'zones-zone_population', 'stacked-hukou']));
    const pathLength = await page.$eval('figure[data-chart="ts-hukou_residents"] svg', (s) => Math.max(...[...s.querySelectorAll('path')].map((p) => (p.getAttribute('d') ?? '').length)));
    expect(pathLength).toBeGreaterThan(100);
    expect(await page.textContent('figure[data-chart="ts-hukou_residents"] svg text.title')).toBe('Hukou residents');
    permalink = await page.inputValue('#permalink');
  });

  it('switches to 中文: interface, lever labels and chart titles', async () => {
    await page.selectOption('#lang', 'zh');
    expect(await page.textContent('#app-title')).toContain('政策探索器');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('figure[data-chart="ts-hukou_residents"] svg text.title')).toBe('户籍常住人口');
    expect(await page.textContent('figure[data-chart="zones-zone_population"] svg text.title')).toBe('各功能区常住人口');
    const label = await page.textContent(`label[for="${await page.getAttribute(`input[type=range][data-key="${leverKey}"]`, 'id')}"]`);
    expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.textContent('#run')).toBe('运行');
    // The link now carries the language too; the levers and digest are the same run.
    permalink = await page.inputValue('#permalink');
    expect(permalink).toContain('lang=zh');
  });

  it('reloads from the permalink to the same lever values and digest', async () => {
    const p2 = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    p2.on('pageerror', (e) => pageErrors.push(e.message));
    await p2.goto(permalink);
    await waitState(p2, ['idle']);
    expect(await p2.inputValue(`input[type=number][data-key="${leverKey}"]`)).toBe(movedValue);
    expect(await p2.inputValue('#city')).toBe('chongqing-2010');
    expect(await p2.inputValue('#run-seed')).toBe(SEED);
    expect(await p2.inputValue('#run-months')).toBe(MONTHS);
    expect(await p2.inputValue('#run-sample')).toBe(SAMPLE);
    expect(await p2.textContent('#app-title')).toContain('政策探索器');
    await p2.reload();
    await waitState(p2, ['idle']);
    expect(await p2.inputValue(`input[type=number][data-key="${leverKey}"]`)).toBe(movedValue);
    await run(p2);
    expect(await digest(p2)).toBe(movedDigest);

    // Download the scenario and the results; `megasim run` on the file gives the page's digest.
    const [yamlDl] = await Promise.all([p2.waitForEvent('download'), p2.click('#dl-scenario-A')]);
    const yamlPath = join(tmp, yamlDl.suggestedFilename());
    await yamlDl.saveAs(yamlPath);
    const [csvDl] = await Promise.all([p2.waitForEvent('download'), p2.click('#dl-results-A')]);
    const csvPath = join(tmp, csvDl.suggestedFilename());
    await csvDl.saveAs(csvPath);
    await p2.close();
    const yamlText = readFileSync(yamlPath, 'utf8');
    expect(yamlText).toContain('source:');
    expect(yamlText).toMatch(new RegExp(`^#   ${leverKey.replace(/\./g, '\\.')}: [\\d.]+ -> 0$`, 'm'));
    expect(createHash('sha256').update(readFileSync(csvPath)).digest('hex')).toBe(movedDigest);
    const out = join(tmp, 'run');
    const r = spawnSync(process.execPath, ['bin/megasim.mjs', 'run', yamlPath, '--seed', SEED, '--sample', SAMPLE, '--months', MONTHS, '--out', out], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`digest ${movedDigest}`);
    expect(readFileSync(join(out, 'indicators.csv'))).toEqual(readFileSync(csvPath));
  });

  it('stays responsive during a run: a click mid-run gets its answer, and Stop stops', async () => {
    await setRunSetting(page, '#run-months', '240');
    await setRunSetting(page, '#run-sample', '0.004');
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.state === 'running' && (document.getElementById('progress') as HTMLProgressElement).value >= 2, null, { timeout: 0 });
    await page.selectOption('#lang', 'en');
    const seen = await page.evaluate(() => ({
      state: document.body.dataset.state,
      title: document.getElementById('app-title')!.textContent,
      status: document.getElementById('status')!.textContent,
    }));
    expect(seen.state).toBe('running');
    expect(seen.title).toBe('megasim explorer');
    expect(seen.status).toMatch(/^Running: month \d+ \/ 240$/);
    // A lever panel control answers too.
    await page.click('details.city > summary');
    expect(await page.getAttribute('details.city', 'open')).toBe('');
    expect(await state(page)).toBe('running');
    await page.click('#stop');
    expect(await state(page)).toBe('stopped');
    expect(await page.isEnabled('#run')).toBe(true);
  });

  it('shows a message for bad values in the URL instead of a blank page', async () => {
    const p3 = await browser.newPage();
    p3.on('pageerror', (e) => pageErrors.push(e.message));
    await p3.goto(`${url}#city=chongqing-2010&a=chongqing-differentiated&a.${leverKey}=999&sample=abc&months=%3Cb%3E&a.no_such_lever=1`);
    await waitState(p3, ['idle']);
    const msg = p3.locator('#messages');
    expect(await msg.isVisible()).toBe(true);
    const text = (await msg.textContent()) ?? '';
    expect(text).toContain('999');
    expect(text).toContain('<b>'); // shown as text, not markup
    expect(await p3.locator('#messages b').count()).toBe(0);
    expect(text).toContain('no_such_lever');
    expect(await p3.inputValue(`input[type=number][data-key="${leverKey}"]`)).toBe('50');
    expect(await p3.isVisible('#run')).toBe(true);
    await p3.close();
  });

  it('labels every control and moves focus visibly with the keyboard', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((e) => (e as HTMLInputElement).type !== 'hidden' && (e as HTMLInputElement).labels!.length === 0)
        .map((e) => e.id || e.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    const unnamedButtons = await page.$$eval('button', (bs) => bs.filter((b) => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label')).length);
    expect(unnamedButtons).toBe(0);
    await page.focus('#lang');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const cs = getComputedStyle(e);
      return { id: e.id, outline: cs.outlineStyle, width: cs.outlineWidth };
    });
    expect(focused.id).toBe('city');
    expect(focused.outline).not.toBe('none');
    expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
  });

  it('writes a static copy with --out that runs when opened from the folder', async () => {
    const dir = join(tmp, 'static');
    const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', 'explore', ...a], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const r = cli('--out', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${join(dir, 'index.html')}`);
    const again = cli('--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    const p4 = await browser.newPage();
    p4.on('pageerror', (e) => pageErrors.push(e.message));
    await p4.goto(`file://${join(dir, 'index.html')}#city=chongqing-2010&seed=2&months=2&sample=0.0005`);
    await waitState(p4, ['idle']);
    await run(p4);
    expect(await digest(p4)).toMatch(/^[0-9a-f]{64}$/);
    await p4.close();
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });

  it.runIf(process.env.MEGASIM_SCREENSHOTS === '1')('saves screenshots in both languages', { timeout: 600_000 }, async () => {
    mkdirSync('docs/img', { recursive: true });
    for (const lang of ['en', 'zh'] as const) {
      const shots = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
      await shots.goto(`${url}#lang=${lang}&city=chongqing-2010&seed=1&sample=0.002&months=60&reps=1&mode=ab&a=chongqing-baseline&b=chongqing-differentiated&b.${CORE_YEARS}=3`);
      await waitState(shots, ['idle']);
      await shots.click('#edit-B');
      await run(shots, 240_000);
      // Show B's differentiated levers (the core zone's years changed) in the side panel.
      await shots.evaluate((key) => {
        const lever = document.querySelector(`.lever[data-key="${key}"]`) as HTMLElement;
        const aside = document.querySelector('aside.controls') as HTMLElement;
        aside.scrollTop = lever.offsetTop - aside.offsetTop - 160;
        window.scrollTo(0, 0);
      }, CORE_YEARS);
      await shots.screenshot({ path: `docs/img/explorer-${lang}.png` });
      await shots.close();
    }
  });
});
