/** What the terminal prints: the ETA, headline differences in their units, one default per option in the help. */
import { describe, expect, it } from 'vitest';
import { formatEta } from '../../sim/run/progress.ts';
import { headlineSummary } from '../../sim/run/compare.ts';
import type { Difference } from '../../sim/run/stats.ts';
import { formatDifference } from '../../viz/format.ts';
import { cli } from '../helpers.ts';

describe('formatEta', () => {
  it('rounds before splitting, so minutes and hours carry instead of showing 60', () => {
    expect(formatEta(179.9)).toBe('3m00s'); // cli-progress's own formatter gives "02m60s"
    expect(formatEta(178)).toBe('3m00s');
    expect(formatEta(172)).toBe('2m50s');
    expect(formatEta(59.5)).toBe('1m00s');
    expect(formatEta(3599)).toBe('1h00m');
    expect(formatEta(7170)).toBe('2h00m');
    expect(formatEta(3725)).toBe('1h02m');
    expect(formatEta(9.6)).toBe('10s');
    expect(formatEta(4)).toBe('4s');
    expect(formatEta(Infinity)).toBe('?');
    expect(formatEta(NaN)).toBe('?');
  });
  it('never prints a 60 in the seconds or minutes place over a sweep of durations', () => {
    for (let t = 0; t < 8000; t += 0.7) expect(formatEta(t)).not.toMatch(/(^|[hm])60[ms]/);
  });
});

describe('headlineSummary', () => {
  const d = (indicator: string, difference: number, lo: number, hi: number): Difference => ({
    scenario: 'b', baseline: 'a', indicator, zone: 'all', measure: 'level', fromMonth: 0, toMonth: 120,
    baselineMean: 0, scenarioMean: difference, difference, lo, hi, n: 10, significant: lo > 0 || hi < 0,
  });
  const diffs = [d('fiscal_cost_gov', -203_900_000_000, -2.1e11, -1.97e11), d('hukou_share', 0.0234, 0.01, 0.03)];
  it('writes values as the report does when given its formatter', () => {
    const lines = headlineSummary({ headline: ['fiscal_cost_gov', 'hukou_share'] }, diffs, formatDifference);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('fiscal_cost_gov −¥204bn');
    expect(lines[0]).toContain('95% [−¥210bn, −¥197bn] *');
    expect(lines[0]).not.toContain('203900000000');
    expect(lines[1]).toContain('hukou_share +2.34 pp');
  });
  it('falls back to the plain number without one', () => {
    expect(headlineSummary({ headline: ['fiscal_cost_gov'] }, diffs)[0]).toContain('-203900000000');
  });
});

describe('help', () => {
  it('prints one default for --workers', () => {
    for (const cmd of ['compare', 'run', 'sweep']) {
      const r = cli([cmd, '--help']);
      expect(r.status).toBe(0);
      const text = r.stdout.replace(/\s+/g, ' ');
      const opt = /--workers <w> (.*?)(?= --|$)/.exec(text)?.[1] ?? '';
      expect(opt, cmd).toMatch(/default/);
      expect(opt.match(/default/g), `${cmd}: ${opt}`).toHaveLength(1);
    }
  });
});
