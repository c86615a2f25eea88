/**
 * The contract for outside tools (megasim eval) and megasim sample-check.
 * eval: JSON and EasyABC inputs give the same statistics as running the
 * model directly with those values and that seed; bad inputs exit 2 naming
 * the file. sample-check: Welch intervals on hand-made numbers, the choice of
 * the smallest sample inside the noise, and a small run through the CLI.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluate, evalOutput, parseEvalInput } from '../../sim/run/evaluate.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { pointScenario, resolveParameterPath } from '../../sim/run/sweep.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { targetValue } from '../../sim/run/targets.ts';
import { TargetSchema } from '../../sim/scenario/targets.ts';
import { sampleCheckTable, welch } from '../../sim/run/sampleCheck.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { inProcess } from '../helpers.ts';

const CITY = resolve('scenarios/cities/shenzhen-2010.yaml');
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

function calFile(dir: string): string {
  writeFileSync(join(dir, 'later.yaml'), `extends: ${CITY}\nid: later\nstart: "2012-01"\n`);
  const f = join(dir, 'cal.yaml');
  writeFileSync(
    f,
    `id: evaltest
title: eval test
scenario: ${CITY}
apply_to: later.yaml
parameters:
  - { path: city.arrivals.base_rate_year, prior: { kind: uniform, low: 0.01, high: 0.2 } }
  - { path: city.departures.base_hazard_month, prior: { kind: log_uniform, low: 0.001, high: 0.02 } }
targets:
  - { indicator: arrivals, window: ["2010-12", "2011-05"], value: 1000, tolerance_rel: 0.1, source: test }
  - { indicator: residents, date: "2011-05", value: 10000000, tolerance_rel: 0.1, source: test }
abc: { population: 4, generations: 1, seed: 1 }
sample: 0.0002
`,
  );
  return f;
}

describe('megasim eval', () => {
  it('JSON and EasyABC inputs give the statistics of the model run with those values and that seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-eval-'));
    const f = calFile(dir);
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ seed: 12, parameters: { 'city.arrivals.base_rate_year': 0.07, 'city.departures.base_hazard_month': 0.004 } }));
    writeFileSync(join(dir, 'input'), '12\n0.07\n0.004\n');
    const a = evaluate(f, join(dir, 'in.json'));
    const b = evaluate(f, join(dir, 'input'));
    expect(b.statistics).toEqual(a.statistics);
    // the same by hand
    const base = loadScenarioFile(CITY);
    const steps = ['city.arrivals.base_rate_year', 'city.departures.base_hazard_month'].map((p) => resolveParameterPath(p, base.resolved).steps);
    const sc = pointScenario(base, steps, [0.07, 0.004], 'test');
    const rec = runReplication(sc, { replication: 0, seed: 12, sample: 0.0002, months: 6 }).rows;
    const t = TargetSchema.parse({ indicator: 'arrivals', window: ['2010-12', '2011-05'], value: 1000, tolerance_rel: 0.1, source: 'x' });
    expect(a.statistics[0]).toBe(targetValue(t, sc.start, sc.city.zones.map((z) => z.id), rec, 6));
    expect(a.statistics[0]!).toBeGreaterThan(0);
    // outputs: EasyABC one line of numbers; JSON with names
    expect(evalOutput(b).trim().split(' ').length).toBe(2);
    const j = JSON.parse(evalOutput(a)) as { statistics: Record<string, number> };
    expect(Object.keys(j.statistics)).toEqual(['arrivals@all@2010-12..2011-05', 'residents@all@2011-05']);
    // a different seed gives different statistics
    writeFileSync(join(dir, 'input2'), '13\n0.07\n0.004\n');
    expect(evaluate(f, join(dir, 'input2')).statistics).not.toEqual(a.statistics);
  });
  it('bad input: wrong number of lines, unknown path, not a number — exit 2 naming the file', async () => {
    expect(() => parseEvalInput('1\n0.5\n', ['a', 'b'], 'input')).toThrow(/input: EasyABC input: the seed then 2 parameter value/);
    expect(() => parseEvalInput('{"seed": 1, "parameters": {"a": 1, "c": 2}}', ['a', 'b'], 'in.json')).toThrow(/unknown path "c"/);
    expect(() => parseEvalInput('1\nx\n2\n', ['a', 'b'], 'input')).toThrow(/input:2: expected a number/);
    const dir = mkdtempSync(join(tmpdir(), 'megasim-eval-'));
    const f = calFile(dir);
    writeFileSync(join(dir, 'bad'), '1\n0.1\n');
    const r = await inProcess('eval', f, join(dir, 'bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad: EasyABC input');
  });
  it('through the CLI writes the EasyABC output file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-eval-'));
    const f = calFile(dir);
    writeFileSync(join(dir, 'input'), '12\n0.07\n0.004\n');
    const r = cli('eval', f, join(dir, 'input'), '--out', join(dir, 'output'));
    expect(r.status, r.stderr).toBe(0);
    const nums = readFileSync(join(dir, 'output'), 'utf8').trim().split(' ').map(Number);
    expect(nums).toEqual(evaluate(f, join(dir, 'input')).statistics.map((x) => Number(x.toPrecision(9))));
  });
});

describe('sample-check', () => {
  it("Welch's interval: equal samples hold 0; well separated ones do not", () => {
    const w = welch([1, 2, 3], [1, 2, 3]);
    expect(w.diff).toBe(0);
    expect(w.lo).toBeLessThan(0);
    expect(w.hi).toBeGreaterThan(0);
    // Known value: means 11 and 2, both variances 1, n = 3: se = sqrt(2/3), df = 4, t = 2.776
    const v = welch([10, 11, 12], [1, 2, 3]);
    expect(v.diff).toBe(9);
    expect(v.hi - v.diff).toBeCloseTo(2.7764451 * Math.sqrt(2 / 3), 5);
  });
  it('names the smallest sample inside the noise for every indicator, with all larger ones', () => {
    const ind = [INDICATOR_BY_NAME.get('residents')!, INDICATOR_BY_NAME.get('hukou_share')!];
    const v = new Map([
      [0.001, new Map([['residents', [80, 81, 79]], ['hukou_share', [0.3, 0.31, 0.29]]])],
      [0.01, new Map([['residents', [99, 101, 100]], ['hukou_share', [0.3, 0.31, 0.29]]])],
      [0.1, new Map([['residents', [100, 100.5, 99.5]], ['hukou_share', [0.3, 0.305, 0.295]]])],
    ]);
    const t = sampleCheckTable([0.001, 0.01, 0.1], v, ind);
    expect(t.smallest).toBe(0.01);
    expect(t.rows.find((r) => r.sample === 0.001 && r.indicator.name === 'residents')!.inside).toBe(false);
    expect(t.rows.find((r) => r.sample === 0.001 && r.indicator.name === 'hukou_share')!.inside).toBe(true);
  });
  it('runs through the CLI and prints the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-sc-'));
    // main() in this process (the EasyABC test above runs eval as a real process).
    const r = await inProcess('sample-check', CITY, '--samples', '0.0002,0.0005', '--seeds', '1..3', '--months', '3', '--out', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| residents | 0.0002 |');
    expect(r.stdout).toMatch(/Smallest sample inside the seed noise for every headline indicator: 0\.000[25]/);
    expect(readFileSync(join(dir, 'sample-check.csv'), 'utf8').split('\n')[0]).toBe('indicator,sample,n,mean,sd,diff_from_largest,lo95,hi95,inside_seed_noise');
  });
});
