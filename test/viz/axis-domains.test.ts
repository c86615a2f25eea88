/** Axis domains by unit and tick labels that stay distinct (viz/charts/frame.ts, used by timeSeriesBand). */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../viz/dom.ts';
import { serializeSvg, timeSeriesBand } from '../../viz/charts/index.ts';
import { distinctDigits, unitDomain } from '../../viz/charts/frame.ts';
import { formatValue } from '../../viz/format.ts';
import type { StatRow } from '../../viz/types.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const data = sampleData([{ id: 'a', title: 'A' }], 12, 3);
const rows = (indicator: string, f: (m: number) => number): StatRow[] =>
  Array.from({ length: 12 }, (_, m) => ({ scenario: 'a', month: m, indicator, zone: 'all', mean: f(m), median: f(m), q05: f(m), q95: f(m), n: 3 }));
const ticks = (svg: SVGSVGElement) => [...svg.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent ?? '');

describe('unitDomain', () => {
  it('keeps shares within 0–100%', () => {
    const [lo, hi] = unitDomain([0.02, 0.97, 0.99], 'share');
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(0.99);
  });
  it('starts counts at 0, and goes negative only when the data do', () => {
    expect(unitDomain([180_000, 200_000], 'persons')[0]).toBe(0);
    expect(unitDomain([0, 5, 200_000], 'persons')[0]).toBe(0);
    expect(unitDomain([-50, 100], 'persons')[0]).toBeLessThan(0);
  });
  it('does not push a non-negative quantity of another unit below 0', () => {
    expect(unitDomain([0, 3e9], 'yuan')[0]).toBe(0);
  });
});

describe('tick labels', () => {
  it('get enough digits to differ: a narrow range around 21.1M', () => {
    const values = [21_100_000, 21_120_000, 21_140_000, 21_160_000];
    expect(new Set(values.map((v) => formatValue(v, 'persons', 3))).size).toBeLessThan(values.length); // the old labels repeat
    const d = distinctDigits(values, (v, k) => formatValue(v, 'persons', k));
    const labels = values.map((v) => formatValue(v, 'persons', d));
    expect(new Set(labels).size).toBe(values.length);
  });
  it('a count chart has whole-number ticks only, and none below 0', () => {
    const svg = (timeSeriesBand(makeDocument(), rows('complaint_backlog', (m) => (m % 2) * 1), { scenarios: data.scenarios, meta: data.meta, indicator: 'complaint_backlog' }));
    expect(serializeSvg(svg)).toContain('axis-y');
    const labels = ticks(svg).filter((t) => /^[−\d.]+$/.test(t!) && !/^20\d\d$/.test(t!));
    expect(labels.length).toBeGreaterThan(0);
    for (const t of labels) {
      expect(Number(t!.replace('−', '-'))).toSatisfy((v: number) => Number.isInteger(v) && v >= 0);
    }
  });
  it('a share chart never shows a tick above 100%', () => {
    const svg = (timeSeriesBand(makeDocument(), rows('hukou_share', (m) => 0.9 + m / 110), { scenarios: data.scenarios, meta: data.meta, indicator: 'hukou_share' }));
    const pct = ticks(svg).filter((t) => /%$/.test(t!)).map((t) => Number(t!.slice(0, -1)));
    expect(pct.length).toBeGreaterThan(0);
    expect(Math.max(...pct)).toBeLessThanOrEqual(100);
  });
});
