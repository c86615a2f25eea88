/**
 * The sweep charts (effect, tornado) in 中文: drawn with `lang: 'zh'` they
 * have no English text node apart from input names (the sweep's title and
 * parameter labels) and indicator codes; in English they read as before.
 */
import { describe, expect, it } from 'vitest';
import { sweepEffect, sweepTornado, type SweepChartData } from '../../viz/charts/sweep.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { makeDocument } from '../../viz/dom.ts';

const def = (n: string) => INDICATOR_BY_NAME.get(n)!;
function data(lang?: 'en' | 'zh'): SweepChartData {
  const runs = [];
  let run = 0;
  for (const a of [1, 2, 3]) for (const b of [10, 20]) for (const seed of [1, 2]) runs.push({ run: run++, point: 0, seed, params: [a, b], values: { residents: 1e6 * a + 1e4 * b + seed, settlements: 100 * a - b } });
  return { id: 'sw', title: 'Sweep title', parameters: [{ path: 'p.a', label: 'alpha' }, { path: 'p.b', label: 'beta' }], indicators: [def('residents'), def('settlements')], runs, month: 12, monthLabel: '2011-01', seeds: 2, sources: ['megasim 0.1.0'], ...(lang ? { lang } : {}) };
}

function texts(svg: SVGSVGElement): string[] {
  return [...svg.querySelectorAll('text, tspan')].filter((t) => t.children.length === 0).map((t) => (t.textContent ?? '').trim()).filter((t) => t);
}

describe('sweep charts in 中文', () => {
  const doc = makeDocument();
  const input = ['Sweep title', 'alpha', 'beta', 'megasim'];
  it('draw no English words but input names', () => {
    const svgs = [sweepEffect(doc, data('zh'), { parameter: 0 }), sweepTornado(doc, data('zh'), { indicator: 'residents' })];
    const english = svgs.flatMap((s) => texts(s)).map((t) => input.reduce((x, n) => x.split(n).join(' '), t)).filter((t) => /[A-Za-z]{3,}/.test(t));
    expect(english).toEqual([]);
    const all = svgs.flatMap((s) => texts(s)).join('\n');
    expect(all).toContain('alpha的影响');
    expect(all).toContain('常住人口');
    expect(all).toContain('来源：megasim 0.1.0');
    expect(all).toMatch(/\d万/);
  });
  it('read in English as without a language', () => {
    expect(sweepEffect(doc, data('en'), { parameter: 0 }).outerHTML).toBe(sweepEffect(doc, data(), { parameter: 0 }).outerHTML);
    const en = texts(sweepTornado(doc, data(), { indicator: 'residents' })).join('\n');
    expect(en).toContain('Sensitivity of Residents');
    expect(en).toContain('rises with the parameter');
  });
});
