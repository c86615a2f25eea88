/**
 * Axes that rescale when a series is hidden (issue 17), in a report in
 * headless Chromium: on hand-made statistics where one scenario is four times
 * the other, clicking the big scenario's legend key makes the value axis'
 * top tick the one computed from the small scenario alone (with the unit's
 * domain rules: counts from 0, shares within 0–100%), moves the small
 * scenario's line up to fill the plot, and clicking again restores the axis.
 * The expected ticks are computed here from the data with the charts' own
 * domain, tick and format rules (viz/charts/frame.ts, viz/format.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as d3 from 'd3';
import type { Browser, Page } from 'playwright-core';
import { openTwoCityReport, warnIfNoChromium, haveChromium } from './browser.ts';
import { distinctDigits, unitDomain, COUNT_UNITS } from '../../viz/charts/frame.ts';
import { formatValue } from '../../viz/format.ts';
import { sampleData } from '../fixtures/sampleData.ts';
import type { StatRow } from '../../viz/types.ts';

warnIfNoChromium('the rescaling axes browser test (rescale.e2e)');

const data = sampleData(
  [
    { id: 'small', title: 'Small city' },
    { id: 'big', title: 'Big city' },
  ],
  24,
  5,
);
// The big scenario holds four times the residents of the small one, in every zone.
for (const r of data.stats) {
  if (r.scenario !== 'big' || (r.indicator !== 'residents' && r.indicator !== 'zone_population')) continue;
  r.mean *= 4;
  r.median *= 4;
  r.q05 *= 4;
  r.q95 *= 4;
}

/** The top tick label of a chart of `indicator` (zone `zone`) drawn with only `ids` shown, as the charts compute it. */
function expectedTop(stats: readonly StatRow[], indicator: string, zone: string, ids: string[], ticks = 5): string {
  const unit = data.meta.indicators.find((d) => d.name === indicator)!.unit;
  const values = stats.filter((r) => r.indicator === indicator && r.zone === zone && ids.includes(r.scenario)).flatMap((r) => [r.mean, r.q05, r.q95]);
  const domain = unitDomain(values, unit);
  const vs = d3.scaleLinear().domain(domain).ticks(ticks).filter((v) => !COUNT_UNITS.includes(unit) || Number.isInteger(v));
  const fmt = (v: number, digits?: number) => formatValue(v, unit, digits, 'en');
  return fmt(Math.max(...vs), distinctDigits(vs, fmt));
}

/** The labels of the value-axis ticks shown in `chart` (one list per rescaling axis, bottom to top). */
const shownTicks = (page: Page, chart: string) =>
  page.$$eval(`figure[data-chart="${chart}"] g.y-scale`, (scales) =>
    scales.map((s) => {
      const v = [...s.children].find((c) => c.classList.contains('y-variant') && c.getAttribute('display') !== 'none')!;
      return [...v.querySelectorAll('.tick text')].map((t) => t.textContent ?? '');
    }),
  );

/** The highest point (smallest y on screen) of a scenario's markers in a chart. */
const topOfMarkers = (page: Page, chart: string, id: string) =>
  page.$$eval(`figure[data-chart="${chart}"] g.series[data-scenario="${id}"] circle.mark`, (cs) => Math.min(...cs.map((c) => c.getBoundingClientRect().top)));

describe.skipIf(!haveChromium)('value axes rescale when a scenario is hidden, in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-rescale-e2e-'));
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ browser, page } = await openTwoCityReport(dir, data, 'Do the axes follow the scenarios shown?', { dialogs: [], pageErrors, requests: [] }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('hiding the big scenario by its legend key rescales the residents axis to the small one, and showing it restores the axis', async () => {
    const both = expectedTop(data.stats, 'residents', 'all', ['small', 'big']);
    const small = expectedTop(data.stats, 'residents', 'all', ['small']);
    expect(small).not.toBe(both); // the test could be false
    expect((await shownTicks(page, 'ts-residents'))[0]!.at(-1)).toBe(both);
    const before = await topOfMarkers(page, 'ts-residents', 'small');

    await page.click('figure[data-chart="ts-residents"] .legend-item[data-scenario="big"]');
    expect((await shownTicks(page, 'ts-residents'))[0]!.at(-1)).toBe(small);
    expect(await page.isVisible('figure[data-chart="ts-residents"] g.series[data-scenario="big"] path.mark')).toBe(false);
    expect(await page.isChecked('input.scenario-toggle[data-scenario="big"]')).toBe(false);
    // The small city's line now fills the plot: its top marker rose.
    const after = await topOfMarkers(page, 'ts-residents', 'small');
    expect(after).toBeLessThan(before - 50);
    // … and stays inside the plot.
    const plotTop = await page.$eval('figure[data-chart="ts-residents"] g.y-scale', (s) => s.getBoundingClientRect().top);
    expect(after).toBeGreaterThanOrEqual(plotTop - 6);

    // Each zone's panel rescales too.
    const zones = data.meta.zones.map((z) => z.id);
    const panels = await shownTicks(page, 'zones-zone_population');
    expect(panels.length).toBe(zones.length);
    panels.forEach((ticks, k) => expect(ticks.at(-1), zones[k]).toBe(expectedTop(data.stats, 'zone_population', zones[k]!, ['small'], 3)));

    await page.click('figure[data-chart="ts-residents"] .legend-item[data-scenario="big"]');
    expect((await shownTicks(page, 'ts-residents'))[0]!.at(-1)).toBe(both);
    expect(await topOfMarkers(page, 'ts-residents', 'small')).toBeCloseTo(before, 0);
    expect(await page.isChecked('input.scenario-toggle[data-scenario="big"]')).toBe(true);
  });

  it('a share axis rescaled to one scenario stays within 0–100%, at the tick computed for it', async () => {
    for (const [hide, keep] of [['big', 'small'], ['small', 'big']] as const) {
      await page.click(`input.scenario-toggle[data-scenario="${hide}"]`);
      const ticks = (await shownTicks(page, 'ts-hukou_share'))[0]!;
      expect(ticks.at(-1)).toBe(expectedTop(data.stats, 'hukou_share', 'all', [keep]));
      for (const t of ticks) expect(Number(t.replace('%', ''))).toBeLessThanOrEqual(100);
      await page.click(`input.scenario-toggle[data-scenario="${hide}"]`);
    }
    expect((await shownTicks(page, 'ts-hukou_share'))[0]!.at(-1)).toBe(expectedTop(data.stats, 'hukou_share', 'all', ['small', 'big']));
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
