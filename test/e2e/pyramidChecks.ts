/**
 * Checks of a population pyramid drawn in a page (viz/charts/pyramid.ts), for
 * the report and explorer browser tests: the bar axis each panel shows, read
 * from the drawn axes (their path and ticks), and the bars of one scenario
 * against its data over a given domain, with the geometry read from the page.
 */
import { expect } from 'vitest';
import * as d3 from 'd3';
import type { Page } from 'playwright-core';
import type { PyramidSnapshot } from '../../viz/types.ts';

/** One drawn bar axis: which side, where its line runs (the x of 0 and of the top value), its ticks. */
export interface DrawnAxis {
  /** The domain the visible variant says it draws. */
  domain: [number, number];
  side: 'male' | 'female';
  /** x of the axis line's ends (left, right), without d3's half-pixel offset. */
  x0: number;
  x1: number;
  ticks: { x: number; label: string }[];
}

/** The bar axes shown (the visible x-variant of each panel; men then women, panel by panel). */
export function shownPyramidAxis(page: Page, chart: string): Promise<DrawnAxis[]> {
  return page.$$eval(`${chart} g.x-scale`, (scales) =>
    scales.flatMap((s) => {
      const shown = [...s.children].filter((c) => c.classList.contains('x-variant') && c.getAttribute('display') !== 'none');
      if (shown.length !== 1) throw new Error(`${shown.length} bar axis variants shown in one panel`);
      const v = shown[0]!;
      const domain = (v.getAttribute('data-domain') ?? '').split(' ').map(Number) as [number, number];
      return [...v.querySelectorAll('g.axis-x')].map((a) => {
        const d = a.querySelector('path.domain')?.getAttribute('d') ?? '';
        const m = /^M([-\d.]+),[-\d.]+V[-\d.]+H([-\d.]+)/.exec(d);
        if (!m) throw new Error(`unexpected axis path ${d}`);
        const ticks = [...a.querySelectorAll('g.tick')].map((t) => ({
          x: Number(/translate\(([-\d.]+)/.exec(t.getAttribute('transform') ?? '')?.[1]) - 0.5,
          label: t.querySelector('text')?.textContent ?? '',
        }));
        return { domain, side: a.classList.contains('axis-male') ? ('male' as const) : ('female' as const), x0: Number(m[1]) - 0.5, x1: Number(m[2]) - 0.5, ticks };
      });
    }),
  );
}

/**
 * Expects scenario `id`'s panel to show the bar axis 0…`top` (ticks where
 * d3 puts them for that domain, labelled by `fmt`) and its bars drawn for
 * `snap` over it: each bar as wide as its value over `top` times the axis
 * length, local hukou next to the centre, non-hukou outside it.
 */
export async function expectPyramidDrawnFor(page: Page, chart: string, id: string, snap: PyramidSnapshot, top: number, fmt: (v: number) => string): Promise<void> {
  const bars = await page.$$eval(`${chart} g.series[data-scenario="${id}"] rect.bar`, (rs) =>
    rs.map((r) => ({ x: Number(r.getAttribute('x')), width: Number(r.getAttribute('width')), anchor: Number(r.getAttribute('data-anchor')), hukou: r.classList.contains('hukou') })),
  );
  expect(bars.length).toBe(snap.ageBands.length * 4);
  const axes = await shownPyramidAxis(page, chart);
  // The panel of `id`: the one whose women's axis starts where its women's bars grow from.
  const femaleAnchor = bars[2]!.anchor;
  const k = axes.findIndex((a) => a.side === 'female' && Math.abs(a.x0 - femaleAnchor) < 0.02);
  expect(k, `no panel whose women's axis starts at ${femaleAnchor}`).toBeGreaterThan(0);
  const [men, women] = [axes[k - 1]!, axes[k]!];
  const half = women.x1 - women.x0;
  expect(men.x1 - men.x0).toBeCloseTo(half, 2);
  const count = Math.max(2, Math.floor(half / 45));
  const values = d3.scaleLinear().domain([0, top]).ticks(count);
  expect(women.ticks.map((t) => t.label)).toEqual(values.map(fmt));
  expect(men.ticks.map((t) => t.label)).toEqual([...values].reverse().map(fmt));
  women.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(women.x0 + (values[i]! / top) * half, 1));
  men.ticks.forEach((t, i) => expect(t.x).toBeCloseTo(men.x1 - (values[values.length - 1 - i]! / top) * half, 1));

  const cxL = men.x1;
  const cxR = women.x0;
  const wd = (v: number) => (v / top) * half;
  snap.ageBands.forEach((band, b) => {
    const [mh, mn, fh, fn] = bars.slice(4 * b, 4 * b + 4) as [typeof bars[0], typeof bars[0], typeof bars[0], typeof bars[0]];
    const g = snap.groups;
    const want = [
      { x: cxL - wd(g.hukou.male[b]!), width: wd(g.hukou.male[b]!) },
      { x: cxL - wd(g.hukou.male[b]! + g.nonhukou.male[b]!), width: wd(g.nonhukou.male[b]!) },
      { x: cxR, width: wd(g.hukou.female[b]!) },
      { x: cxR + wd(g.hukou.female[b]!), width: wd(g.nonhukou.female[b]!) },
    ];
    [mh, mn, fh, fn].forEach((bar, j) => {
      expect(bar.x, `${id} ${band} bar ${j} x`).toBeCloseTo(want[j]!.x, 1);
      expect(bar.width, `${id} ${band} bar ${j} width`).toBeCloseTo(want[j]!.width, 1);
    });
  });
}
