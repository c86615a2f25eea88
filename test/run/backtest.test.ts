/** megasim backtest: the targets file reader, the month arithmetic, and one city's comparison on a small run. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { backtestCity, backtestCsv, loadTargets, monthsBetween } from '../../sim/run/backtest.ts';
import { cli } from '../helpers.ts';

describe('backtest', () => {
  it('counts months from a start to a date', () => {
    expect(monthsBetween('2010-11', '2015-12')).toBe(61);
    expect(monthsBetween('2013-12', '2013-12')).toBe(0);
  });

  it('the shipped targets load: all eight cities, more than ten dated figures', () => {
    const t = loadTargets('scenarios/backtest/targets.yaml');
    expect(t.length).toBe(8);
    expect(t.flatMap((c) => c.targets).length).toBeGreaterThan(10);
  });

  it('refuses a target with an unknown indicator, naming the file, line and path and the value found; exit code 2 from the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-bt-'));
    const f = join(dir, 't.yaml');
    writeFileSync(f, `source: test\ncities:\n  - scenario: ${join(process.cwd(), 'scenarios/cities/tianjin-2020.yaml')}\n    targets:\n      - { date: "2022-12", figure: x, indicator: nonsense, value: 1, confidence: U, source: test }\n`);
    expect(() => loadTargets(f)).toThrow(/t\.yaml:5:\d+: at cities\[0\]\.targets\[0\]\.indicator expected an indicator name .*found "nonsense"/);
    const r = cli(['backtest', '--targets', f, '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/t\.yaml:5:\d+: .*found "nonsense"/);
  });

  it('compares the model mean and band over seeds with a figure, and the relative error is (mean − real) / real', () => {
    const target = { date: '2022-12', figure: 'residents', indicator: 'residents', zone: 'all', value: 14e6, confidence: 'U' as const, source: 'test' };
    const { rows } = backtestCity('scenarios/cities/tianjin-2020.yaml', [target], { seeds: 2, sample: 0.001 });
    const r = rows[0]!;
    expect(r.month).toBe(25);
    expect(r.q05).toBeLessThanOrEqual(r.mean);
    expect(r.mean).toBeLessThanOrEqual(r.q95);
    expect(r.mean).toBeGreaterThan(12e6);
    expect(r.relError).toBeCloseTo((r.mean - 14e6) / 14e6, 12);
    expect(backtestCsv(rows).split('\n')[0]).toBe('city,date,month,figure,zone,real,confidence,model_mean,model_q05,model_q95,relative_error,in_band');
  }, 120_000);
});
