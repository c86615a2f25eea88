/**
 * The explorer as an instrument (issue 17), in headless Chromium (Debian's
 * chromium + playwright-core), opened through `megasim explore`: switching
 * city preselects that city's baseline; an edited B is named "B (edited: …)"
 * in the permalink line, chart legends and headline cards, and its download
 * carries "-b-edited"; play/pause and the month scrubber move the month the
 * cards and charts show; clicking B's legend key hides B everywhere and
 * rescales every axis to A, through redraws; and after a run in 中文 no text on the page is
 * English apart from codes, file names, digests and commands. One browser for
 * all steps (they run in order). Skipped, with a message, where
 * /usr/bin/chromium is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { openExplorer, warnIfNoChromium, haveChromium as HAVE_CHROMIUM } from './browser.ts';
import * as d3 from 'd3';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import { distinctDigits, unitDomain, COUNT_UNITS } from '../../viz/charts/frame.ts';
import { formatValue } from '../../viz/format.ts';

warnIfNoChromium('the explorer instrument browser test');

const CORE_YEARS = 'policies.differentiated.zones.core.years_work';
const MONTHS = 24;
const AB = `seed=1&sample=0.001&months=${MONTHS}&reps=1&mode=ab&a=chongqing-baseline&b=chongqing-differentiated`;


const state = (p: Page) => p.evaluate(() => document.body.dataset.state);
const waitState = (p: Page, s: string[], timeout = 60_000) =>
  p.waitForFunction((want) => want.includes(document.body.dataset.state ?? ''), s, { timeout });
const bodyMonth = (p: Page) => p.evaluate(() => document.body.dataset.month);

async function run(p: Page, timeout = 90_000): Promise<void> {
  await p.click('#run');
  await waitState(p, ['done', 'error'], timeout);
  expect(await state(p), (await p.textContent('#messages')) ?? '').toBe('done');
}

/** Sets the month scrubber as a user dragging it would (an input event). */
async function scrubTo(p: Page, month: number): Promise<void> {
  await p.evaluate((m) => {
    const s = document.getElementById('month-scrub') as HTMLInputElement;
    s.value = String(m);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, month);
}

/** The longest path in a chart: a line cut at an earlier month is shorter. */
const longestPath = (p: Page, chart: string) =>
  p.$eval(`figure[data-chart="${chart}"] svg`, (s) => Math.max(0, ...[...s.querySelectorAll('path')].map((x) => (x.getAttribute('d') ?? '').length)));

describe.skipIf(!HAVE_CHROMIUM)('the explorer as an instrument, in headless Chromium', () => {
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'megasim-instrument-'));

  beforeAll(async () => {
    ({ server, url, browser, page } = await openExplorer(pageErrors));
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it("switching city preselects that city's baseline, not the alphabetically first variant", async () => {
    await page.goto(url);
    await waitState(page, ['idle']);
    await page.selectOption('#city', 'beijing-2013');
    await page.selectOption('#city', 'chongqing-2010');
    const options = await page.$$eval('#scenario option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('chongqing-baseline');
    // The test could be false: another Chongqing variant sorts before the baseline.
    expect([...options].sort()[0]).not.toBe('chongqing-baseline');
    expect(await page.inputValue('#scenario')).toBe('chongqing-baseline');
    expect(await page.inputValue('#permalink')).toContain('a=chongqing-baseline');
  });

  it('names an edited B "B (edited: …)" in the permalink line, legends and cards, and its download "-b-edited"', async () => {
    await page.goto(`${url}#city=chongqing-2010&${AB}`);
    await page.reload();
    await waitState(page, ['idle']);
    expect(await page.textContent('#permalink-what')).not.toContain('edited');
    await page.click('#edit-B');
    const slider = page.locator(`input[type=range][data-key="${CORE_YEARS}"]`);
    const box = page.locator(`input[type=number][data-key="${CORE_YEARS}"]`);
    const shipped = await box.inputValue();
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await box.inputValue()).toBe('0');
    expect(shipped).not.toBe('0');
    const what = (await page.textContent('#permalink-what')) ?? '';
    expect(what).toMatch(/B \(edited: core [^)]*= 0\)/);
    expect(what).not.toMatch(/A \(edited/);
    await run(page);

    const legend = await page.$$eval('figure[data-chart="ts-residents"] .legend-item text', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(legend.some((l) => /^B \(edited: core .*= 0\)/.test(l)), legend.join(' | ')).toBe(true);
    const legendA = legend.filter((l) => /^A\b/.test(l));
    expect(legendA.length, legend.join(' | ')).toBeGreaterThan(0);
    for (const l of legendA) expect(l).not.toContain('edited');
    const cardTags = await page.$$eval('#cards .card .tag.B', (ts) => ts.map((t) => t.getAttribute('title') ?? ''));
    expect(cardTags.length).toBeGreaterThan(0);
    for (const tag of cardTags) expect(tag).toMatch(/^B \(edited: core .*= 0\)/);
    expect(await page.getAttribute('#cards .card .tag.A', 'title')).toBe('A');

    const [dlB] = await Promise.all([page.waitForEvent('download'), page.click('#dl-scenario-B')]);
    expect(dlB.suggestedFilename()).toContain('chongqing-differentiated-b-edited');
    const yamlPath = join(tmp, dlB.suggestedFilename());
    await dlB.saveAs(yamlPath);
    const yaml = readFileSync(yamlPath, 'utf8');
    expect(yaml).toMatch(/^id: chongqing-differentiated-b-edited$/m);
    expect(yaml).toMatch(/^title: .* B \(edited: core [^)]*= 0\)"?$/m);
    expect(yaml).toMatch(/^title_zh: .*B（已修改：[^）]*= 0）$/m);
    // The results downloads carry the edited id in their names and in every row.
    for (const [button, ext] of [['#dl-results-B', 'csv'], ['#dl-json-B', 'json']] as const) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      expect(dl.suggestedFilename()).toBe(`chongqing-differentiated-b-edited-indicators.${ext}`);
      await dl.saveAs(join(tmp, `b.${ext}`));
    }
    const csvB = readFileSync(join(tmp, 'b.csv'), 'utf8').trim().split('\n').slice(1);
    expect(csvB.length).toBeGreaterThan(0);
    expect(new Set(csvB.map((l) => l.split(',')[0]))).toEqual(new Set(['chongqing-differentiated-b-edited']));
    const jsonB = JSON.parse(readFileSync(join(tmp, 'b.json'), 'utf8')) as { scenario: string }[];
    expect(new Set(jsonB.map((r) => r.scenario))).toEqual(new Set(['chongqing-differentiated-b-edited']));
    const [dlA] = await Promise.all([page.waitForEvent('download'), page.click('#dl-scenario-A')]);
    expect(dlA.suggestedFilename()).toContain('chongqing-baseline');
    expect(dlA.suggestedFilename()).not.toContain('edited');
  });

  it('play then pause moves the month; the scrubber changes the month the cards and charts show', async () => {
    expect(await bodyMonth(page)).toBe(String(MONTHS));
    const endCards = await page.getAttribute('#cards', 'data-month');
    const endResidents = await page.getAttribute('.card[data-indicator="residents"]', 'data-a');
    const endPath = await longestPath(page, 'ts-residents');

    await page.click('#play');
    await page.waitForFunction((end) => document.body.dataset.month !== end, String(MONTHS), { timeout: 10_000 });
    await page.click('#play'); // pause
    const paused = await bodyMonth(page);
    expect(Number(paused)).toBeLessThan(MONTHS);
    await page.waitForTimeout(600); // several play intervals: a paused scrubber stays put
    expect(await bodyMonth(page)).toBe(paused);
    expect(await page.inputValue('#month-scrub')).toBe(paused);

    await scrubTo(page, 5);
    expect(await bodyMonth(page)).toBe('5');
    expect(await page.getAttribute('#cards', 'data-month')).toBe('5');
    expect(endCards).not.toBe('5');
    expect(await page.textContent('#h-headlines')).toContain('5');
    expect(await page.textContent('#month-text')).toMatch(/^month 5 \/ 24/i);
    expect(await page.getAttribute('.card[data-indicator="residents"]', 'data-a')).not.toBe(endResidents);
    expect(await longestPath(page, 'ts-residents')).toBeLessThan(endPath);

    await scrubTo(page, MONTHS);
    expect(await bodyMonth(page)).toBe(String(MONTHS));
    expect(await page.getAttribute('.card[data-indicator="residents"]', 'data-a')).toBe(endResidents);
    expect(await longestPath(page, 'ts-residents')).toBe(endPath);
  });

  it('downloads the results as JSON too: the CSV rows with their numbers, long form with date and unit', async () => {
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-results-A')]);
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json-A')]);
    expect(jsonDl.suggestedFilename()).toBe(csvDl.suggestedFilename().replace(/\.csv$/, '.json'));
    await csvDl.saveAs(join(tmp, 'a.csv'));
    await jsonDl.saveAs(join(tmp, 'a.json'));
    const csv = readFileSync(join(tmp, 'a.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('scenario,replication,month,indicator,zone,value');
    const json = JSON.parse(readFileSync(join(tmp, 'a.json'), 'utf8')) as Record<string, unknown>[];
    expect(json.length).toBe(csv.length - 1);
    expect(Object.keys(json[0]!)).toEqual(['scenario', 'seed', 'replication', 'month', 'date', 'indicator', 'zone', 'value', 'unit']);
    csv.slice(1).forEach((line, i) => {
      const [scenario, replication, month, indicator, zone, value] = line.split(',');
      const j = json[i]!;
      expect([j.scenario, j.replication, j.month, j.indicator, j.zone, j.value]).toEqual([scenario, Number(replication), Number(month), indicator, zone, value === 'NaN' ? null : Number(value)]); // JSON has no NaN: null
    });
    // Chongqing starts in 2010-07: month 6 is 2011-01-01; units from the indicator catalogue.
    const m6 = json.find((j) => j.month === 6 && j.indicator === 'residents')!;
    expect(m6.date).toBe('2011-01-01');
    expect(m6.unit).toBe('persons');
    expect(m6.seed).toBe(1);
  });

  it("clicking B's legend key hides B in every chart and rescales each axis to A, also after the charts are redrawn", async () => {
    /** Each time-series chart's axis: its top tick shown, and the top ticks computed for A and B and for A alone. */
    const axes = async () => {
      const found = await page.$$eval('#charts figure[data-chart^="ts-"]', (figs) =>
        figs.flatMap((f) => {
          const s = f.querySelector('g.y-scale');
          if (!s) return [];
          const v = [...s.children].find((c) => c.classList.contains('y-variant') && c.getAttribute('display') !== 'none')!;
          const ticks = [...v.querySelectorAll('.tick text')].map((t) => t.textContent ?? '');
          const bHidden = f.querySelector('g.series[data-scenario="B"]')!.classList.contains('is-hidden');
          return [{ chart: f.getAttribute('data-chart')!, series: s.getAttribute('data-series')!, lo: s.getAttribute('data-lo')!, hi: s.getAttribute('data-hi')!, top: ticks.at(-1) ?? '', bHidden }];
        }),
      );
      return found.map((a) => {
        const unit = INDICATORS.find((d) => d.name === a.chart.slice(3))!.unit;
        const lo = a.lo.split(' ').map(Number);
        const hi = a.hi.split(' ').map(Number);
        const ids = JSON.parse(a.series) as string[];
        const top = (k: number[]) => {
          const vs = d3.scaleLinear().domain(unitDomain(k.flatMap((i) => [lo[i]!, hi[i]!]), unit)).ticks(5).filter((v) => !COUNT_UNITS.includes(unit) || Number.isInteger(v));
          const fmt = (v: number, digits?: number) => formatValue(v, unit, digits, 'en');
          return fmt(Math.max(...vs), distinctDigits(vs, fmt));
        };
        return { ...a, both: top([0, 1]), aOnly: top([ids.indexOf('A')]) };
      });
    };
    const before = await axes();
    for (const a of before) expect(a.top, a.chart).toBe(a.both);
    const changing = before.filter((a) => a.aOnly !== a.both);
    expect(changing.length, before.map((a) => `${a.chart} ${a.both}`).join(', ')).toBeGreaterThan(0); // the test could be false
    await page.click(`#charts figure[data-chart="${changing[0]!.chart}"] .legend-item[data-scenario="B"]`);
    const hidden = await axes();
    for (const a of hidden) {
      expect(a.bHidden, a.chart).toBe(true);
      expect(a.top, a.chart).toBe(a.aOnly);
    }
    // A redraw (the scrubber cuts every chart) keeps B hidden and the axes rescaled to A.
    await scrubTo(page, 12);
    const redrawn = await axes();
    expect(redrawn.length).toBe(hidden.length);
    for (const a of redrawn) {
      expect(a.bHidden, a.chart).toBe(true);
      expect(a.top, a.chart).toBe(a.aOnly);
    }
    await scrubTo(page, MONTHS);
    await page.click(`#charts figure[data-chart="${changing[0]!.chart}"] .legend-item[data-scenario="B"]`);
    for (const a of await axes()) {
      expect(a.bHidden, a.chart).toBe(false);
      expect(a.top, a.chart).toBe(a.both);
    }
  });

  it('in 中文 after a run, no text on the page is English apart from codes, file names, digests and commands', async () => {
    await page.selectOption('#lang', 'zh');
    await run(page);
    // A grid indicator in the plot picker too (its figure carries data-kind).
    await page.selectOption('#plot-pick', 'complaint_backlog');
    expect(await page.locator('#picked figure[data-kind]').count()).toBeGreaterThan(0);
    // Latin parts of Chongqing's bilingual zone names ("渝东南 south-east ecological"), from the city file.
    const city = parse(readFileSync('scenarios/cities/chongqing-2010.yaml', 'utf8')) as { city: { zones: { name: string }[] } };
    const zoneLatin = city.city.zones.map((z) => z.name.replace(/^[^\x00-\x7f]+\s*/, '')).filter((x) => /[a-z]/.test(x));
    expect(zoneLatin).toContain('south-east ecological');
    const left = await page.evaluate((zoneLatin) => {
      const allowed = [
        /\becharts-china-cities-js \d+\.\d+\.\d+ \(MIT\)/g, // the boundaries' npm package, version and licence code
        /megasim (run|compare|explore)\b[^\n；]*/g, // commands to reproduce
        /\bmegasim\b( \d+\.\d+\.\d+)?/g, // the program's name (and version)
        /\b[0-9a-f]{64}\b/g, // digests
        /[\w.\-/]+\.(ya?ml|csv|json|png|svg|html|ts)\b/g, // file names
        /\b[a-z0-9]+(?:[_.][a-z0-9]+)+\b/g, // indicator and lever codes (snake_case, dotted keys)
        /\b(YAML|CSV|JSON|SHA-256)\b/g, // file-format names, as in 下载结果（CSV）
      ];
      const zoneWords = new Set(zoneLatin.flatMap((z) => z.split(' ')));
      const sorted = [...zoneLatin].sort((a, b) => b.length - a.length);
      const out: string[] = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const parent = n.parentElement!;
        if (parent.closest('script,noscript,style')) continue;
        if (parent.closest('option[value="en"]')) continue; // the "English" language option
        let t = n.textContent ?? '';
        // English-language literature cited by a source line, kept as a proper name (viz/sourceCatalogue.ts).
        if (parent.closest('cite.ref[lang="en"]')) continue;
        // A plot-picker option names its indicator code: "迁出人口 (departures)".
        const opt = parent.closest('option');
        if (opt) t = t.replace(`(${opt.value})`, ' ');
        for (const re of allowed) t = t.replace(re, ' ');
        for (const z of sorted) t = t.split(z).join(' ');
        // Wrapped or shortened zone names ("south-east eco…" on an axis).
        t = t.replace(/[A-Za-z][A-Za-z-]*…?/g, (w) => (zoneWords.has(w) || (w.endsWith('…') && [...zoneWords].some((z) => z.startsWith(w.slice(0, -1)))) ? ' ' : w));
        // English words, and numbers in English short scale (4M, 12k, ¥3bn) instead of 万/亿.
        if (/[A-Za-z]{3,}/.test(t) || /\d(k|M|bn)\b/.test(t)) out.push(`${parent.tagName.toLowerCase()}${parent.id ? '#' + parent.id : ''}.${parent.getAttribute('class') ?? ''}: ${(n.textContent ?? '').trim().slice(0, 100)}`);
      }
      return out;
    }, zoneLatin);
    expect(left).toEqual([]);
    // The source lines are there, in Chinese, naming Chinese titles; literature is marked as such.
    const sources = await page.$$eval('p[data-source="zh"]', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.every((t) => t.startsWith('来源：'))).toBe(true);
    expect(sources.some((t) => t.includes('第六次全国人口普查（2010）'))).toBe(true);
    expect(sources.some((t) => t.includes('《超大城市治理案例》'))).toBe(true);
    expect(await page.$$eval('cite.ref[lang="en"]', (cs) => cs.map((c) => c.textContent))).toContain('Harris & Todaro, AER 1970');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
