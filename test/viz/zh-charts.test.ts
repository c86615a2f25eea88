/**
 * 中文 charts and numbers: the shared formatter writes 万/亿 with a locale
 * argument, and every standard chart drawn with `meta.lang = 'zh'` has no
 * English text node apart from the names that come from the input (zone
 * names and scenario titles, here the fixture's English ones) — while the
 * English charts are unchanged by the locale plumbing (same text as without
 * it).
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { formatCompact, formatDifference, formatValue, formatWithUnit, unitLabel } from '../../viz/format.ts';
import { renderStandardCharts } from '../../viz/charts/standard.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';
import { sampleData } from '../fixtures/sampleData.ts';

describe('numbers in 万 and 亿', () => {
  it('writes the issue examples: 3,100万人 and ¥4,090亿', () => {
    expect(formatWithUnit(31e6, 'persons', 3, 'zh')).toBe('3,100万人');
    expect(formatValue(4.09e11, 'yuan', 3, 'zh')).toBe('¥4,090亿');
    expect(formatValue(-2.039e11, 'yuan', 3, 'zh')).toBe('−¥2,040亿');
  });

  it('scales by 万 from 10,000, by 亿 from 10⁸ and by 万亿 from 10¹², with thousands separators', () => {
    expect(formatCompact(9999, 3, 'zh')).toBe('1万'); // 3 significant digits: 10,000
    expect(formatCompact(950, 3, 'zh')).toBe('950');
    expect(formatCompact(12345, 3, 'zh')).toBe('1.23万');
    expect(formatCompact(123_456_789, 3, 'zh')).toBe('1.23亿');
    expect(formatCompact(1.5e12, 3, 'zh')).toBe('1.5万亿');
    expect(formatCompact(98_765_432, 4, 'zh')).toBe('9,877万');
  });

  it('gives Chinese units and percentage points, and leaves English as it was', () => {
    expect(unitLabel('persons', 'zh')).toBe('人');
    expect(formatDifference(0.023, 'share', 3, 'zh')).toBe('+2.3 个百分点');
    expect(formatDifference(-1.2e9, 'yuan', 3, 'zh')).toBe('−¥12亿');
    expect(formatWithUnit(31e6, 'persons')).toBe('31M persons');
    expect(formatValue(4.09e11, 'yuan')).toBe('¥409bn');
    expect(formatDifference(0.023, 'share')).toBe('+2.3 pp');
  });
});

describe('standard charts in 中文', () => {
  const doc = new JSDOM('<!DOCTYPE html><body></body>').window.document;

  function texts(svg: SVGSVGElement): string[] {
    const out: string[] = [];
    const walk = doc.createTreeWalker(svg, 4 /* SHOW_TEXT */);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
    return out;
  }

  it('draws every standard chart with no English text node but input names', () => {
    const data = sampleData(undefined, 66, 20);
    const meta = { ...data.meta, lang: 'zh' as const, indicators: INDICATORS, sources: ['megasim 在浏览器中运行'] };
    const charts = renderStandardCharts(doc, data.stats, data.scenarios, meta, data.pyramids);
    expect(charts.map((c) => c.name)).toContain('pyramid');
    expect(charts.length).toBeGreaterThan(8);
    const inputNames = [...data.meta.zones.map((z) => z.name), ...data.scenarios.map((s) => s.title)];
    const fromInput = (t: string) => inputNames.some((n) => n.includes(t.replace(/…$/, '')) || t.includes(n));
    const english: string[] = [];
    for (const c of charts) {
      for (const t of texts(c.svg)) {
        if (/[\u4e00-\u9fff]/.test(t) || !/[A-Za-z]{2,}/.test(t) || fromInput(t)) continue;
        english.push(`${c.name}: ${t}`);
      }
    }
    expect(english).toEqual([]);
    // Ticks read in 万: the residents chart of the fixture has millions of persons.
    const residents = charts.find((c) => c.name === 'ts-residents')!;
    expect(texts(residents.svg).some((t) => /^\d[\d,.]*万$/.test(t))).toBe(true);
    expect(texts(residents.svg)).toContain('常住人口');
  });

  it('draws the same English charts with lang "en" as without a language', () => {
    const data = sampleData(undefined, 66, 20);
    const a = renderStandardCharts(doc, data.stats, data.scenarios, data.meta, data.pyramids).map((c) => c.svg.outerHTML);
    const b = renderStandardCharts(doc, data.stats, data.scenarios, { ...data.meta, lang: 'en' }, data.pyramids).map((c) => c.svg.outerHTML);
    expect(b).toEqual(a);
  });
});
