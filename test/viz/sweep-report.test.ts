/**
 * The sweep's HTML report and its interaction heatmap: the interaction of a
 * cell is computed on hand-made runs (zero for additive effects, the product
 * term's residual otherwise), and a small real sweep writes report.html with
 * its effects, tornado and interaction sections, which verify rebuilds.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { interactionCells, sweepHeatmap } from '../../viz/charts/heatmap.ts';
import type { SweepChartData } from '../../viz/charts/sweep.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { makeDocument } from '../../viz/dom.ts';
import { sweepAndPublish } from '../../viz/publish/sweep.ts';
import { cli, inProcess } from '../helpers.ts';

const def = (n: string) => INDICATOR_BY_NAME.get(n)!;
function data(f: (a: number, b: number) => number): SweepChartData {
  const runs = [];
  let run = 0;
  for (const a of [1, 2, 3]) for (const b of [10, 20]) for (const seed of [1, 2]) runs.push({ run: run++, point: 0, seed, params: [a, b], values: { residents: f(a, b) + seed } });
  return { id: 'sw', title: 'T <&>', parameters: [{ path: 'p.a', label: 'alpha' }, { path: 'p.b', label: 'beta' }], indicators: [def('residents')], runs, month: 12, monthLabel: '2011-01', seeds: 2, sources: [] };
}

describe('interaction cells', () => {
  it('are zero when the parameters add up', () => {
    const { rows, cols, cells } = interactionCells(data((a, b) => 100 * a + b), 0, 1, 'residents');
    expect(rows).toEqual(['1', '2', '3']);
    expect(cols).toEqual(['10', '20']);
    expect(cells).toHaveLength(6);
    expect(cells.find((c) => c.i === 2 && c.j === 1)!.mean).toBeCloseTo(300 + 20 + 1.5);
    for (const c of cells) expect(c.interaction).toBeCloseTo(0, 9);
  });
  it('are the residual of a product term otherwise', () => {
    // f = a·b: cell (a, b) minus row mean (15a) minus column mean (2b) plus overall mean (30) = (a − 2)(b − 15).
    const { cells } = interactionCells(data((a, b) => a * b), 0, 1, 'residents');
    for (const c of cells) {
      const a = [1, 2, 3][c.i]!;
      const b = [10, 20][c.j]!;
      expect(c.interaction).toBeCloseTo((a - 2) * (b - 15), 9);
      expect(c.n).toBe(2);
    }
  });
  it('draw one cell per pair with its value, escaped text', () => {
    const svg = sweepHeatmap(makeDocument(), data((a, b) => a * b), { a: 0, b: 1, indicator: 'residents' });
    expect(svg.querySelectorAll('g.mark.cell')).toHaveLength(6);
    expect(svg.querySelector('.subtitle')!.textContent).toContain('Largest interaction');
  });
});

describe('sweep report.html', () => {
  it('a small sweep writes report.html with effects, tornado and interactions; verify rebuilds it and catches an edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-sweeprep-'));
    try {
      const f = join(dir, 'small.yaml');
      writeFileSync(
        f,
        `id: small
title: "small <sweep>"
scenario: ${resolve('scenarios/policies/chongqing-differentiated.yaml')}
parameters:
  - path: policies.differentiated.apply_rate
    values: [0.01, 0.06]
  - path: policies.differentiated.zones.core.years_work
    label: core years
    values: [3, 5]
seeds: [1, 2]
months: 3
sample: 0.0003
indicators:
  names: [hukou_share, settlements]
  at: [horizon]
`,
      );
      const out = join(dir, 'out');
      const r = await sweepAndPublish(f, { out, workers: 1 });
      expect(r.complete).toBe(true);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      const doc = new JSDOM(html).window.document;
      expect(doc.querySelector('h1')!.textContent).toBe('small <sweep>');
      expect(html).not.toContain('<sweep>');
      const sections = [...doc.querySelectorAll('section.topic')].map((s) => s.getAttribute('data-section'));
      expect(sections).toEqual(['effects', 'tornado', 'interactions']);
      expect(doc.querySelectorAll('#section-effects svg.chart')).toHaveLength(2);
      expect(doc.querySelectorAll('#section-tornado svg.chart')).toHaveLength(2);
      expect(doc.querySelectorAll('#section-interactions svg.chart g.mark.cell')).toHaveLength(8);
      expect(doc.querySelector('#sweep td code')!.textContent).toBe('policies.differentiated.apply_rate');
      expect((await inProcess('verify', out)).code).toBe(0);
      writeFileSync(join(out, 'report.html'), html.replace('Interactions', 'Interactionz'));
      const bad = cli(['verify', out]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr + bad.stdout).toContain('report.html');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
