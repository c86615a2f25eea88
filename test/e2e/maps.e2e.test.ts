/**
 * Zone maps in headless Chromium, for every shipped city: the report draws
 * each layer's map with one zone shape per zone of the city file (ids
 * matching) in every panel, its month slider appears with JS and moving it
 * sets every fill to that month's stored fill (and changes some); the
 * explorer, after a short run of the city's baseline, draws the map with a
 * shape per zone and its month scrubber recolours it the same way. Report
 * statistics are hand-made (each zone grows at its own pace); the explorer
 * runs the real model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchChromium, warnIfNoChromium } from './browser.ts';
import { renderReport } from '../../viz/report.ts';
import { renderZoneMaps } from '../../viz/publish/maps.ts';
import { buildExplorer } from '../../viz/explorer/build.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import type { ChartMeta, StatRow } from '../../viz/types.ts';

warnIfNoChromium('the zone map browser test (maps.e2e)');

const CITIES = readdirSync('scenarios/cities').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
interface City {
  name: string;
  zones: { id: string; name: string; area_km2: number; residents: number }[];
}
const cityOf = (c: string) => (parse(readFileSync(`scenarios/cities/${c}.yaml`, 'utf8')) as { start: string; city: City });

/** Two scenarios, months 0..12: zone k grows by (k + 1)% a month in A and twice that in B; settlements per zone rise with k. */
function handMade(city: City): StatRow[] {
  const rows: StatRow[] = [];
  const push = (scenario: string, month: number, indicator: string, zone: string, mean: number) => rows.push({ scenario, month, indicator, zone, mean, median: mean, q05: mean, q95: mean, n: 1 });
  ['A', 'B'].forEach((s, si) => {
    for (let m = 0; m <= 12; m++) {
      city.zones.forEach((z, k) => {
        const pop = z.residents * (1 + (si + 1) * (k + 1) * 0.01 * m);
        push(s, m, 'zone_population', z.id, pop);
        push(s, m, 'zone_density', z.id, pop / z.area_km2);
        push(s, m, 'mean_rent', z.id, 1000 + 50 * k * m);
        push(s, m, 'settlements', z.id, m === 0 ? 0 : 100 * (k + 1) * (si + 1));
      });
    }
  });
  return rows;
}

/** Every zone shape's fill, and the fill its data-fills stores for month index k, across the page's maps (in `root`). */
async function fillsAt(page: Page, root: string, k: number | null): Promise<{ now: string[]; stored: string[] }> {
  return page.$$eval(
    `${root} svg.zone-map path.zone-shape`,
    (els, k) =>
      ({
        now: els.map((e) => e.getAttribute('fill') ?? ''),
        stored: els.map((e) => {
          const fills = (e.getAttribute('data-fills') ?? '').split(' ');
          return fills[k === null ? fills.length - 1 : k] ?? '';
        }),
      }),
    k,
  );
}

describe.skipIf(!haveChromium)('zone maps in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'megasim-maps-e2e-'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe('report.html', () => {
    for (const c of CITIES) {
      it(`${c}: a map per layer with one shape per zone in each panel; the month slider changes the fills`, async () => {
        const { start, city } = cityOf(c);
        const stats = handMade(city);
        const meta: ChartMeta = { indicators: INDICATORS, startMonth: start, zones: city.zones.map((z) => ({ id: z.id, name: z.name, areaKm2: z.area_km2 })), sources: ['hand-made'] };
        const scenarios = [
          { id: 'A', title: 'Baseline' },
          { id: 'B', title: 'Reform' },
        ];
        const maps = renderZoneMaps(stats, scenarios, meta, { city });
        expect(maps, `${c}: no maps`).toBeDefined();
        const html = renderReport({ title: c, scenarios, meta, differences: [], charts: [], manifest: {}, command: 'x', maps });
        const file = join(dir, `${c}.html`);
        writeFileSync(file, html);
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.on('pageerror', (e) => pageErrors.push(`${c}: ${e.message}`));
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

        const layers = await page.$$eval('svg.zone-map', (els) => els.map((e) => e.getAttribute('data-layer')));
        expect(layers).toEqual(['residents', 'density', 'rent', 'settlements']);
        const panels = await page.$$eval('svg.zone-map g.map-panel', (gs) => gs.map((g) => [...g.querySelectorAll('path.zone-shape')].map((p) => p.getAttribute('data-zone'))));
        expect(panels.length).toBe(layers.length * 2);
        for (const ids of panels) expect(ids).toEqual(city.zones.map((z) => z.id));
        // Each shape is drawn (a real area on screen), not an empty path.
        const sizes = await page.$$eval('svg.zone-map path.zone-shape', (els) => els.map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => b.width * b.height));
        for (const s of sizes) expect(s).toBeGreaterThan(0);

        expect(await page.isVisible('input.map-slider')).toBe(true);
        const before = await fillsAt(page, 'body', null);
        expect(before.now).toEqual(before.stored);
        await page.$eval('input.map-slider', (s) => {
          (s as HTMLInputElement).value = '0';
          s.dispatchEvent(new Event('input'));
        });
        const after = await fillsAt(page, 'body', 0);
        expect(after.now).toEqual(after.stored);
        expect(after.now).not.toEqual(before.now);
        expect(await page.textContent('.map-slider-label')).toBe(start);
        expect(await page.$$eval('svg.zone-map text.map-month', (ts) => [...new Set(ts.map((t) => t.textContent))])).toEqual([start]);
        // The value box text follows the month (the report's script turned <title> into data-tip).
        const tip = await page.getAttribute('svg.zone-map[data-layer="settlements"] g[data-panel="level"] path.zone-shape', 'data-tip');
        expect(tip).toContain(`(${start})`);
        await page.close();
      }, 120_000);
    }
  });

  describe('explorer', () => {
    let url = '';
    let page: Page;
    beforeAll(async () => {
      await buildExplorer({ outDir: join(dir, 'explorer') });
      url = pathToFileURL(join(dir, 'explorer', 'index.html')).href;
      // One page for all cities: each city is chosen through the permalink (a hash change), as a user pasting a link would.
      page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      page.on('pageerror', (e) => pageErrors.push(`explorer: ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 60_000 });
    }, 120_000);

    for (const c of CITIES) {
      it(`${c}: after a run, the map has one shape per zone; the month scrubber changes the fills`, async () => {
        const { city } = cityOf(c);
        await page.evaluate((h) => (location.hash = h), `city=${c}&seed=1&months=12&sample=0.001&reps=1`);
        await page.waitForFunction((c) => (document.getElementById('city') as HTMLSelectElement | null)?.value === c, c, { timeout: 30_000 });
        await page.click('#run');
        await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 120_000 });
        expect(await page.evaluate(() => document.body.dataset.state), (await page.textContent('#messages')) ?? '').toBe('done');

        const ids = await page.$$eval('#zone-map svg.zone-map g[data-panel="level"] path.zone-shape', (els) => els.map((e) => e.getAttribute('data-zone')));
        expect(ids).toEqual(city.zones.map((z) => z.id));
        const options = await page.$$eval('#map-layer option', (os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(options).toContain('residents');

        // Scrub to month 0 on each layer: every fill becomes its stored month-0 fill, and some change.
        let changed = 0;
        for (const layer of ['residents', 'settlements'].filter((l) => options.includes(l))) {
          await page.selectOption('#map-layer', layer);
          await page.$eval('#month-scrub', (s) => {
            (s as HTMLInputElement).value = '12';
            s.dispatchEvent(new Event('input'));
          });
          const before = await fillsAt(page, '#zone-map', null);
          expect(before.now).toEqual(before.stored);
          await page.$eval('#month-scrub', (s) => {
            (s as HTMLInputElement).value = '0';
            s.dispatchEvent(new Event('input'));
          });
          const after = await fillsAt(page, '#zone-map', 0);
          expect(after.now).toEqual(after.stored);
          changed += after.now.filter((f, i) => f !== before.now[i]).length;
        }
        expect(changed).toBeGreaterThan(0);
      }, 180_000);
    }
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
