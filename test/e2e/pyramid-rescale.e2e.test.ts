/**
 * The population pyramid rescales when a scenario is hidden (issue 17), in a
 * report in headless Chromium, with its charts in English and in 中文: on
 * hand-made pyramids where one scenario's non-hukou bars are three times the
 * other's, clicking the big scenario's legend key shows the bar axis of the
 * small scenario alone (0 to the nice top of its largest bar, computed here
 * with d3 from the data) in every panel, with its top tick label as the
 * page's language writes it, and redraws each of the small scenario's bars
 * to its value over that domain; clicking again restores the axis and the
 * bars. The explorer's pyramid is tested in explorer-pyramid.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as d3 from 'd3';
import type { Browser, Page } from 'playwright-core';
import { openTwoCityReport, warnIfNoChromium, haveChromium } from './browser.ts';
import { formatValue, type Locale } from '../../viz/format.ts';
import { sampleData } from '../fixtures/sampleData.ts';
import type { PyramidSnapshot } from '../../viz/types.ts';
import { expectPyramidDrawnFor, shownPyramidAxis } from './pyramidChecks.ts';

warnIfNoChromium('the pyramid rescaling browser test (pyramid-rescale.e2e)');

const data = sampleData(
  [
    { id: 'small', title: 'Small city' },
    { id: 'big', title: 'Big city' },
  ],
  24,
  5,
);
// The big scenario has three times the small one's non-hukou residents in every band.
for (const snap of [data.pyramids.big].flat() as PyramidSnapshot[]) {
  for (const sex of ['male', 'female'] as const) snap.groups.nonhukou[sex] = snap.groups.nonhukou[sex].map((v) => 3 * v);
}
const latest = (id: string) => ([data.pyramids[id]].flat() as PyramidSnapshot[]).reduce((a, b) => (b.month > a.month ? b : a));
const largest = (s: PyramidSnapshot) => Math.max(...s.ageBands.map((_, k) => Math.max(s.groups.hukou.male[k]! + s.groups.nonhukou.male[k]!, s.groups.hukou.female[k]! + s.groups.nonhukou.female[k]!)));
/** 0 to the nice top of the largest bar of the scenarios shown (d3's nice, as a linear scale rounds its domain). */
const niceTop = (ids: string[]) => d3.scaleLinear().domain([0, Math.max(...ids.map((id) => largest(latest(id))))]).nice().domain()[1]!;

for (const lang of ['en', 'zh'] as Locale[]) {
  describe.skipIf(!haveChromium)(`the pyramid's bars and axis rescale when a scenario is hidden, in a report (charts in ${lang})`, () => {
    const dir = mkdtempSync(join(tmpdir(), `megasim-pyramid-e2e-${lang}-`));
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      ({ browser, page } = await openTwoCityReport(dir, data, 'Does the pyramid follow the scenarios shown?', { dialogs: [], pageErrors, requests: [] }, lang));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('hiding the big scenario gives every panel the small one\'s axis and redraws its bars; showing it again restores them', async () => {
      const both = niceTop(['small', 'big']);
      const small = niceTop(['small']);
      expect(small).toBeLessThan(both); // the test could be false
      const fmt = (v: number) => formatValue(v, 'persons', undefined, lang);
      const sel = 'figure[data-chart="pyramid"]';

      for (const axis of await shownPyramidAxis(page, sel)) expect(axis.domain).toEqual([0, both]);
      await expectPyramidDrawnFor(page, sel, 'small', latest('small'), both, fmt);

      await page.click(`${sel} .legend-item[data-scenario="big"]`);
      expect(await page.isVisible(`${sel} g.series[data-scenario="big"] rect.bar`)).toBe(false);
      const axes = await shownPyramidAxis(page, sel);
      expect(axes.length).toBe(2 * 2); // two panels, men and women
      for (const axis of axes) expect(axis.domain).toEqual([0, small]);
      await expectPyramidDrawnFor(page, sel, 'small', latest('small'), small, fmt);

      await page.click(`${sel} .legend-item[data-scenario="big"]`);
      for (const axis of await shownPyramidAxis(page, sel)) expect(axis.domain).toEqual([0, both]);
      await expectPyramidDrawnFor(page, sel, 'small', latest('small'), both, fmt);
      await expectPyramidDrawnFor(page, sel, 'big', latest('big'), both, fmt);
    });

    it('hiding the small scenario by its checkbox keeps the big one\'s axis (its largest bar sets the top)', async () => {
      const sel = 'figure[data-chart="pyramid"]';
      const fmt = (v: number) => formatValue(v, 'persons', undefined, lang);
      expect(niceTop(['big'])).toBe(niceTop(['small', 'big']));
      await page.click('input.scenario-toggle[data-scenario="small"]');
      for (const axis of await shownPyramidAxis(page, sel)) expect(axis.domain).toEqual([0, niceTop(['big'])]);
      await expectPyramidDrawnFor(page, sel, 'big', latest('big'), niceTop(['big']), fmt);
      await page.click('input.scenario-toggle[data-scenario="small"]');
    });

    it('raised no error in the page', () => {
      expect(pageErrors).toEqual([]);
    });
  });
}
