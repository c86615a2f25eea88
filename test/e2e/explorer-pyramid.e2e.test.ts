/**
 * The explorer's population pyramid (issue 17), in headless Chromium through
 * `megasim explore`, in 中文: after an A-vs-B run (A Chongqing's baseline, B
 * the same with residents' pre-start growth raised to 30% a year, so B's bars
 * are longer), the page draws the pyramid of each setting at the horizon —
 * the pyramid `megasim run` takes, recomputed here in Node from the scenario
 * files the page offers for download — and clicking B's legend key redraws
 * A's bars and every panel's axis for A alone (0 to the nice top of A's
 * largest bar, ticks labelled in 万), also after the scrubber redraws the
 * charts, where the pyramid is the one of the latest year shown. Mid-run,
 * while B runs, the headline cards compare A and B at a month B has reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as d3 from 'd3';
import type { Browser, Page } from 'playwright-core';
import { openExplorer, warnIfNoChromium, haveChromium } from './browser.ts';
import { expectPyramidDrawnFor, shownPyramidAxis } from './pyramidChecks.ts';
import { loadText } from '../../viz/explorer/catalog.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { pyramidOf, type Pyramid } from '../../sim/run/summary.ts';
import { formatValue } from '../../viz/format.ts';

warnIfNoChromium('the explorer pyramid browser test');

const MONTHS = 24;
const GROWTH = 'city.migration.pre_start_growth_year';
const HASH = `lang=zh&city=chongqing-2010&seed=1&sample=0.001&months=${MONTHS}&reps=1&mode=ab&a=chongqing-baseline&b=chongqing-baseline`;
const CHART = '#charts figure[data-chart="pyramid"]';

const largest = (s: Pyramid) => Math.max(...s.ageBands.map((_, k) => Math.max(s.groups.hukou.male[k]! + s.groups.nonhukou.male[k]!, s.groups.hukou.female[k]! + s.groups.nonhukou.female[k]!)));
const niceTop = (ps: Pyramid[]) => d3.scaleLinear().domain([0, Math.max(...ps.map(largest))]).nice().domain()[1]!;
const fmt = (v: number) => formatValue(v, 'persons', undefined, 'zh');

/** The pyramids at `months` (and at 12) of one replication of a downloaded scenario file, as `megasim run` takes them. */
function pyramidsOf(file: string): { at12: Pyramid; end: Pyramid } {
  const sc = loadText(file, readFileSync(file, 'utf8')).scenario;
  expect(sc.horizon_months).toBe(MONTHS);
  let at12: Pyramid | null = null;
  let world: Parameters<typeof pyramidOf>[0] | null = null;
  const res = runReplication(sc, {
    replication: 0,
    onStart: (w) => (world = w),
    onObserved: (m) => {
      if (m === 12) at12 = pyramidOf(world!, 12);
    },
  });
  return { at12: at12!, end: pyramidOf(res.world, MONTHS) };
}

describe.skipIf(!haveChromium)("the explorer's pyramid, and its rescaling when B is hidden, in headless Chromium (中文)", () => {
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'megasim-explorer-pyramid-'));
  let A: { at12: Pyramid; end: Pyramid };
  let B: { at12: Pyramid; end: Pyramid };
  let run: { s: string; month: number; cards: number; b: number }[] = [];

  beforeAll(async () => {
    ({ server, url, browser, page } = await openExplorer(pageErrors));
    await page.goto(`${url}#${HASH}`);
    await page.waitForFunction(() => document.body.dataset.state === 'idle', undefined, { timeout: 60_000 });
    await page.click('#edit-B');
    await page.evaluate((key) => {
      const box = document.querySelector<HTMLInputElement>(`input[type=number][data-key="${key}"]`)!;
      box.value = '0.3';
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }, GROWTH);
    // Every state of the run, recorded in the page by an observer on every change of the status and the
    // cards (the cards are redrawn at most every so often, so a short run may redraw them only while A
    // runs): the setting running, the month it has reached, the month the cards show, and B's card value.
    await page.evaluate(() => {
      const seen: { s: string; month: number; cards: number; b: number }[] = [];
      (window as unknown as { __run: typeof seen }).__run = seen;
      new MutationObserver(() => {
        const m = /([AB])：第 (\d+) \/ (\d+) 月/.exec(document.getElementById('status')?.textContent ?? '');
        const card = document.querySelector<HTMLElement>('#cards .card[data-indicator="residents"]');
        if (document.body.dataset.state !== 'running' || !m) return;
        seen.push({ s: m[1]!, month: Number(m[2]), cards: Number(document.getElementById('cards')?.dataset.month ?? NaN), b: Number(card?.dataset.b ?? NaN) });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 240_000 });
    expect(await page.evaluate(() => document.body.dataset.state), (await page.textContent('#messages')) ?? '').toBe('done');
    run = await page.evaluate(() => (window as unknown as { __run: { s: string; month: number; cards: number; b: number }[] }).__run);
    for (const s of ['A', 'B'] as const) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#dl-scenario-${s}`)]);
      await dl.saveAs(join(tmp, `${s}.yaml`));
    }
    expect(readFileSync(join(tmp, 'B.yaml'), 'utf8')).toMatch(/pre_start_growth_year: 0\.3$/m);
    A = pyramidsOf(join(tmp, 'A.yaml'));
    B = pyramidsOf(join(tmp, 'B.yaml'));
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('draws each setting\'s pyramid at the horizon, the one megasim run takes, on one axis', async () => {
    expect(await page.textContent(`${CHART} svg`)).toContain('人口金字塔');
    const both = niceTop([A.end, B.end]);
    for (const axis of await shownPyramidAxis(page, CHART)) expect(axis.domain).toEqual([0, both]);
    await expectPyramidDrawnFor(page, CHART, 'A', A.end, both, fmt);
    await expectPyramidDrawnFor(page, CHART, 'B', B.end, both, fmt);
  });

  it("clicking B's legend key redraws A's bars and every axis for A alone, also after a redraw; clicking again restores them", async () => {
    const both = niceTop([A.end, B.end]);
    const aOnly = niceTop([A.end]);
    expect(aOnly).toBeLessThan(both); // the test could be false
    await page.click(`${CHART} .legend-item[data-scenario="B"]`);
    expect(await page.isVisible(`${CHART} g.series[data-scenario="B"] rect.bar`)).toBe(false);
    for (const axis of await shownPyramidAxis(page, CHART)) expect(axis.domain).toEqual([0, aOnly]);
    await expectPyramidDrawnFor(page, CHART, 'A', A.end, aOnly, fmt);

    // The scrubber at month 18 redraws every chart: the pyramid is each setting's at month 12, still for A alone.
    await page.evaluate(() => {
      const s = document.getElementById('month-scrub') as HTMLInputElement;
      s.value = '18';
      s.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => document.body.dataset.month === '18');
    expect(await page.textContent(`${CHART} svg`)).toContain('2011');
    const a12 = niceTop([A.at12]);
    for (const axis of await shownPyramidAxis(page, CHART)) expect(axis.domain).toEqual([0, a12]);
    await expectPyramidDrawnFor(page, CHART, 'A', A.at12, a12, fmt);
    await page.evaluate((m) => {
      const s = document.getElementById('month-scrub') as HTMLInputElement;
      s.value = String(m);
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }, MONTHS);

    await page.click(`${CHART} .legend-item[data-scenario="B"]`);
    for (const axis of await shownPyramidAxis(page, CHART)) expect(axis.domain).toEqual([0, both]);
    await expectPyramidDrawnFor(page, CHART, 'A', A.end, both, fmt);
    await expectPyramidDrawnFor(page, CHART, 'B', B.end, both, fmt);
  });

  it("mid-run, the headline cards compare A and B at a month the running setting has reached, not A's horizon", () => {
    // The cards were drawn at least once while a setting ran, never at a month beyond the one the setting
    // they compare had reached (before the fix they compared B's month 6 with A's month 120).
    const drawn = run.filter((r) => r.cards >= 0);
    expect(drawn.length).toBeGreaterThan(0);
    // While A runs the cards show A alone; once they show a value for B, B's month bounds them.
    const comparing = drawn.filter((r) => r.s === 'A' || Number.isFinite(r.b));
    expect(comparing.length).toBeGreaterThan(0);
    for (const r of comparing) expect(r.cards, `${r.s} at month ${r.month}`).toBeLessThanOrEqual(r.month);
    expect(run.some((r) => r.s === 'B' && r.month < MONTHS)).toBe(true);
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
