/**
 * The sweep report's interaction heatmaps in headless Chromium: with three
 * swept parameters and two headline indicators, every pair of parameters has
 * a heatmap per indicator; the chooser shows one indicator's heatmaps at a
 * time (all of them without the script) and switching it shows the other's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openReportFile, warnIfNoChromium, haveChromium } from './browser.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { sweepHeatmap } from '../../viz/charts/heatmap.ts';
import { serializeSvg } from '../../viz/charts/serialize.ts';
import type { SweepChartData } from '../../viz/charts/sweep.ts';
import { makeDocument } from '../../viz/dom.ts';
import { heatmapFile, heatmapPlan } from '../../viz/publish/sweep.ts';
import { renderSweepReport } from '../../viz/publish/sweepReport.ts';
import type { SweepRecord } from '../../sim/run/sweepRecord.ts';

warnIfNoChromium('the sweep heatmaps browser test (sweep-heatmaps.e2e)');

const defs = ['residents', 'hukou_share'].map((n) => INDICATOR_BY_NAME.get(n)!);
const runs = [];
let run = 0;
for (const a of [1, 2]) for (const b of [10, 20]) for (const c of [0, 1]) runs.push({ run: run++, point: 0, seed: 1, params: [a, b, c], values: { residents: 1e6 * a + 1e4 * b + c, hukou_share: 0.3 + 0.01 * a * c } });
const data: SweepChartData = { id: 'sw', title: 'Three levers', parameters: ['p.a', 'p.b', 'p.c'].map((path) => ({ path, label: path })), indicators: defs, runs, month: 12, monthLabel: '2011-01', seeds: 1, sources: [] };

describe.skipIf(!haveChromium)('sweep report heatmaps in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const plan = heatmapPlan(3, defs);

  beforeAll(async () => {
    const doc = makeDocument();
    const charts = new Map(plan.map((h) => [heatmapFile(h.a, h.b, h.indicator), serializeSvg(sweepHeatmap(doc, data, h))]));
    const record = { parameters: data.parameters, points: [[1, 10, 0]], sweep: {}, scenario: { id: 's', title: 'S' }, runs: runs.length, months: 12, sample: 0.001, seeds: [1], indicators: ['residents', 'hukou_share'], hash: '0'.repeat(64), megasim_version: 'test', title: 'T', id: 't' } as unknown as SweepRecord;
    const dir = mkdtempSync(join(tmpdir(), 'megasim-heatmaps-e2e-'));
    ({ browser, page } = await openReportFile(dir, renderSweepReport(record, charts), { dialogs: [], pageErrors, requests: [] }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visible = () =>
    page.$$eval('#section-interactions figure[data-indicator]', (fs) => fs.filter((f) => getComputedStyle(f).display !== 'none').map((f) => f.getAttribute('data-chart')));

  it('has a heatmap for each of the 3 pairs and 2 indicators, and shows the chosen indicator only', async () => {
    expect(plan).toHaveLength(6);
    expect(await page.locator('#section-interactions figure[data-indicator]').count()).toBe(6);
    expect(await page.isVisible('select.heatmap-pick')).toBe(true);
    expect(await visible()).toEqual(['interaction-1-2-residents', 'interaction-1-3-residents', 'interaction-2-3-residents']);
    await page.selectOption('select.heatmap-pick', 'hukou_share');
    expect(await visible()).toEqual(['interaction-1-2-hukou_share', 'interaction-1-3-hukou_share', 'interaction-2-3-hukou_share']);
    expect(pageErrors).toEqual([]);
  });
});
