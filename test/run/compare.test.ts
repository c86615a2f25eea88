/**
 * `megasim compare`: statistics (quantiles, t quantile, paired intervals),
 * comparison files and their positioned errors, bad input (exit 2, nothing
 * written), and a small comparison of city variants: a doubled arrival rate
 * gives a residents interval above zero, an identical copy a difference of
 * exactly zero (pairing by seed), members reproduce with `megasim run`, the
 * manifest's digests match the files, and every SVG parses with axis labels
 * and one series per scenario. Small: sample 0.001, 12 months, 3 seeds.
 * (A single run's charts and report are checked in workers.test.ts.)
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcess } from '../helpers.ts';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { sha256 } from '../../sim/engine/digest.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { loadComparisonFile } from '../../sim/scenario/comparisonFile.ts';
import { outputsDigest } from '../../sim/run/compare.ts';
import { parseSeeds } from '../../sim/cli/options.ts';
import { pairedDifference, summarize, tCdf, tQuantile, horizonValues } from '../../sim/run/stats.ts';
import { RowRecorder } from '../../sim/run/rows.ts';
import { INDICATORS } from '../../sim/model/observe/indicators.ts';

const CITY = resolve('scenarios/cities/chongqing-2010.yaml');


afterEach(() => {
  process.exitCode = undefined;
});

/** CSV text → rows of cells (no quoted commas in these files' numeric rows). */
const rowsOf = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(','));

describe('statistics', () => {
  it('summarises with type-7 quantiles and leaves non-finite values out', () => {
    const s = summarize([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, NaN]);
    expect(s.n).toBe(10);
    expect(s.mean).toBe(5.5);
    expect(s.median).toBe(5.5);
    // (n−1)·p = 0.45 → 1 + 0.45·(2 − 1); 8.55 → 9 + 0.55·(10 − 9)
    expect(s.q05).toBeCloseTo(1.45, 12);
    expect(s.q95).toBeCloseTo(9.55, 12);
    expect(summarize([NaN]).n).toBe(0);
    const one = summarize([3]);
    expect([one.q05, one.median, one.q95]).toEqual([3, 3, 3]);
  });

  it('t quantiles match the textbook table and invert the t CDF', () => {
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [4, 2.7764],
      [9, 2.2622],
      [29, 2.0452],
      [1000, 1.9623],
    ];
    for (const [df, t] of table) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    for (const df of [1, 3, 9, 50]) {
      expect(tCdf(tQuantile(0.975, df), df)).toBeCloseTo(0.975, 10);
      expect(tCdf(0, df)).toBeCloseTo(0.5, 12);
      expect(tCdf(-1.5, df) + tCdf(1.5, df)).toBeCloseTo(1, 12);
    }
  });

  it('pairs differences by position: a constant shift has a zero-width interval, noise widens it', () => {
    const a = [10, 20, 30, 40];
    const shifted = pairedDifference(a, a.map((x) => x + 5));
    expect(shifted).toMatchObject({ diff: 5, lo: 5, hi: 5, n: 4 });
    const noisy = pairedDifference([0, 0, 0], [1, 2, 3]);
    // mean 2, sd 1, n 3: 2 ± t(0.975, 2)/√3
    expect(noisy.diff).toBe(2);
    expect(noisy.lo).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
    expect(noisy.hi).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5);
    const single = pairedDifference([1], [2]);
    expect(single.n).toBe(1);
    expect(Number.isNaN(single.lo)).toBe(true);
    expect(pairedDifference([1, NaN, 3], [2, 5, 5]).n).toBe(2);
  });

  it('takes stocks at the horizon and totals flows over months 1..horizon', () => {
    const recorder = new RowRecorder(2);
    for (let m = 0; m <= 3; m++) {
      recorder.month = m;
      recorder.add('residents', -1, 100 + m);
      recorder.add('arrivals', -1, 10 * m + 1);
    }
    const rec = recorder.rows();
    const hv = horizonValues(rec, 3);
    const key = (name: string) => `${INDICATORS.findIndex((d) => d.name === name)}|-1`;
    expect(hv.get(key('residents'))).toEqual({ value: 103, from: 3, to: 3 });
    expect(hv.get(key('arrivals'))).toEqual({ value: 11 + 21 + 31, from: 1, to: 3 });
    expect(horizonValues(rec, 2).get(key('residents'))).toEqual({ value: 102, from: 2, to: 2 });
  });
});

describe('comparison files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-cmpfile-'));
  writeFileSync(join(dir, 'a.yaml'), `extends: ${CITY}\nid: var-a\ntitle: A\n`);
  writeFileSync(join(dir, 'b.yaml'), `extends: ${CITY}\nid: var-b\ntitle: B\n`);
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const good = `id: t\ntitle: T\nscenarios: [a.yaml, b.yaml]\nseeds: { from: 1, to: 3 }\nheadline: [residents]\n`;
  const problemOf = (file: string) => {
    try {
      loadComparisonFile(file);
    } catch (e) {
      if (e instanceof ScenarioError) return e.first;
      throw e;
    }
    throw new Error('no error');
  };

  it('loads a valid file with scenario paths relative to it', () => {
    const c = loadComparisonFile(write('good.yaml', good));
    expect(c.scenarioPaths).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
    expect(c.comparison.seeds).toEqual({ from: 1, to: 3 });
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names line, column and path of each problem', () => {
    const seeds = problemOf(write('seeds.yaml', good.replace('{ from: 1, to: 3 }', '{ from: 5, to: 2 }')));
    expect(seeds).toMatchObject({ line: 4, path: 'seeds.to' });
    expect(seeds.found).toBe('2');
    const typo = problemOf(write('typo.yaml', good + 'sampel: 0.01\n'));
    expect(typo).toMatchObject({ line: 6, col: 1, path: 'sampel' });
    expect(typo.hint).toContain('sample');
    const headline = problemOf(write('headline.yaml', good.replace('[residents]', '[residents, resident]')));
    expect(headline).toMatchObject({ line: 5, path: 'headline[1]' });
    expect(headline.hint).toContain('"residents"');
    const missing = problemOf(write('missing.yaml', good.replace('b.yaml]', 'nope.yaml]')));
    expect(missing).toMatchObject({ line: 3, path: 'scenarios[1]' });
    expect(missing.found).toContain('nope.yaml');
    const one = problemOf(write('one.yaml', good.replace('[a.yaml, b.yaml]', '[a.yaml]')));
    expect(one.path).toBe('scenarios');
    expect(one.expected).toContain('at least 2');
    const yaml = problemOf(write('broken.yaml', 'id: t\ntitle: [unclosed\n'));
    expect(yaml.expected).toBe('valid YAML');
    expect(yaml.line).toBeGreaterThan(0);
  });

  it('parses --seeds A..B and refuses reversed or malformed ranges', () => {
    expect(parseSeeds('3..7')).toEqual({ from: 3, to: 7 });
    expect(parseSeeds('4')).toEqual({ from: 4, to: 4 });
    expect(() => parseSeeds('5..2')).toThrow(/must not exceed/);
    expect(() => parseSeeds('1-3')).toThrow(/A\.\.B/);
    expect(() => parseSeeds('1..99999')).toThrow(/at most/);
  });
});

describe('megasim compare: bad input exits 2 and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-cmpbad-'));
  writeFileSync(join(dir, 'a.yaml'), `extends: ${CITY}\nid: var-a\ntitle: A\n`);
  writeFileSync(join(dir, 'b.yaml'), `extends: ${CITY}\nid: var-b\ntitle: B\n`);
  writeFileSync(join(dir, 'same-id.yaml'), `extends: ${CITY}\nid: var-a\ntitle: A again\n`);
  writeFileSync(join(dir, 'later.yaml'), `extends: ${CITY}\nid: var-later\ntitle: L\nstart: "2012-01"\n`);
  writeFileSync(join(dir, 'bad-cmp.yaml'), `id: t\ntitle: T\nscenarios: [a.yaml, b.yaml]\nseeds: { from: 1, to: 3 }\nmonths: twelve\n`);
  writeFileSync(join(dir, 'misspelt.yaml'), `id: t\ntitle: T\nscenario: [a.yaml, b.yaml]\nseeds: { from: 1, to: 3 }\n`);
  const out = join(dir, 'out');
  const cases: [string, string[], RegExp][] = [
    ['a missing file', [join(dir, 'none.yaml'), join(dir, 'a.yaml')], /none\.yaml.*existing scenario file/],
    ['a reversed seed range', [join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--seeds', '5..2'], /--seeds 5\.\.2/],
    ['a malformed comparison file', [join(dir, 'bad-cmp.yaml')], /bad-cmp\.yaml:5:\d+: at months expected a finite number, found "twelve"/],
    ['a single scenario file', [join(dir, 'a.yaml')], /a comparison file .* or two or more scenario files/],
    ['a comparison file with a misspelt key', [join(dir, 'misspelt.yaml')], /misspelt\.yaml:3:1: at scenario .*did you mean "scenarios"/],
    ['two scenarios with one id', [join(dir, 'a.yaml'), join(dir, 'same-id.yaml')], /same-id\.yaml: at id expected an id different/],
    ['different start months', [join(dir, 'a.yaml'), join(dir, 'later.yaml')], /later\.yaml: at start expected the same start month/],
    ['a bad --sample', [join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--sample', '2'], /--sample must be between/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const r = await inProcess('compare', ...args, '--months', '1', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('refuses an output folder that already holds files (without --force)', async () => {
    const r = await inProcess('compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--months', '1', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds files/);
    expect(existsSync(join(dir, 'comparison.csv'))).toBe(false);
    expect(existsSync(join(dir, 'runs'))).toBe(false);
  });
});

describe('megasim compare on city variants (3 seeds, sample 0.001, 12 months)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-cmp-'));
  const out = join(dir, 'out');
  const ids = ['var-base', 'var-double', 'var-copy'];
  let r: Awaited<ReturnType<typeof inProcess>>;
  // In this process, on one worker (main(), no start-up): workers.test.ts checks that --workers 2 and the
  // bin/megasim.mjs process boundary give the same bytes.
  beforeAll(async () => {
    writeFileSync(join(dir, 'base.yaml'), `extends: ${CITY}\nid: var-base\ntitle: "Base, 2% arrivals"\n`);
    writeFileSync(join(dir, 'double.yaml'), `extends: ${CITY}\nid: var-double\ntitle: Double arrivals\ncity:\n  arrivals:\n    base_rate_year: 0.04\n`);
    writeFileSync(join(dir, 'copy.yaml'), `extends: ${CITY}\nid: var-copy\ntitle: Copy of base\n`);
    writeFileSync(
      join(dir, 'cmp.yaml'),
      `id: variants\ntitle: Variants\nquestion: Do more arrivals mean more residents?\nscenarios: [base.yaml, double.yaml, copy.yaml]\nseeds: { from: 1, to: 3 }\nsample: 0.001\nmonths: 12\nheadline: [residents, settlements, zone_population]\nsource: test variants\n`,
    );
    r = await inProcess('compare', join(dir, 'cmp.yaml'), '--out', out, '--workers', '1');
  }, 120_000);

  it('exits 0 and says where the report is', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`report ${join(out, 'report.html')}`);
  });

  it('writes comparison.csv: every scenario, months 0..12, n = 3 seeds, q05 ≤ median ≤ q95', () => {
    const rows = rowsOf(readFileSync(join(out, 'comparison.csv'), 'utf8'));
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8').split('\n')[0]).toBe('scenario,month,indicator,zone,mean,median,q05,q95,n');
    expect([...new Set(rows.map((x) => x[0]))]).toEqual(ids);
    expect([...new Set(rows.map((x) => Number(x[1])))]).toEqual(Array.from({ length: 13 }, (_, m) => m));
    const residents = rows.filter((x) => x[2] === 'residents' && x[3] === 'all');
    expect(residents).toHaveLength(3 * 13);
    for (const x of residents) {
      const [mean, median, q05, q95, n] = x.slice(4).map(Number) as [number, number, number, number, number];
      expect(n).toBe(3);
      expect(q05).toBeLessThanOrEqual(median);
      expect(median).toBeLessThanOrEqual(q95);
      expect(q05).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(q95);
    }
  });

  it('puts the residents interval above zero for doubled arrivals, and at exactly zero for an identical copy', () => {
    const rows = rowsOf(readFileSync(join(out, 'differences.csv'), 'utf8'));
    const find = (sc: string, ind: string) => rows.find((x) => x[0] === sc && x[2] === ind && x[3] === 'all')!;
    const dbl = find('var-double', 'residents');
    expect(dbl.slice(1, 7)).toEqual(['var-base', 'residents', 'all', 'level', '12', '12']);
    const [lo, hi] = [Number(dbl[10]), Number(dbl[11])];
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThan(lo);
    expect(dbl[13]).toBe('true');
    const arrivals = find('var-double', 'arrivals');
    expect(arrivals[4]).toBe('total');
    expect(Number(arrivals[10])).toBeGreaterThan(0);
    // Same content, same seeds: paired differences are exactly 0 for every indicator.
    for (const x of rows.filter((y) => y[0] === 'var-copy')) {
      if (x[12] === '0') continue;
      expect([x[9], x[10], x[11]], x.join(',')).toEqual(['0', '0', '0']);
    }
  });

  it('writes each member as a run folder that `megasim run --seed S --replications 1` reproduces', async () => {
    for (const id of ids) expect(readdirSync(join(out, 'runs', id)).sort()).toEqual(['seed-1', 'seed-2', 'seed-3']);
    const single = join(dir, 'single');
    const s = await inProcess('run', join(dir, 'double.yaml'), '--seed', '2', '--replications', '1', '--sample', '0.001', '--months', '12', '--out', single);
    expect(s.code, s.stderr).toBe(0);
    expect(readFileSync(join(single, 'indicators.csv'))).toEqual(readFileSync(join(out, 'runs/var-double/seed-2/indicators.csv')));
    expect(readFileSync(join(single, 'summary.json'))).toEqual(readFileSync(join(out, 'runs/var-double/seed-2/summary.json')));
  });

  it('records every output file with its digest in manifest.json', () => {
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.seeds).toEqual({ from: 1, to: 3 });
    expect(m.scenarios.map((s: { id: string }) => s.id)).toEqual(ids);
    expect(m.comparison.resolved.question).toBe('Do more arrivals mean more residents?');
    expect(m.command).toBe(`npx megasim compare ${join(dir, 'cmp.yaml')} --seeds 1..3 --sample 0.001 --months 12`);
    expect(m.members).toHaveLength(9);
    const files = Object.keys(m.outputs);
    for (const f of ['comparison.csv', 'differences.csv', 'report.html', 'charts/ts-residents.svg', 'runs/var-copy/seed-3/indicators.csv']) expect(files).toContain(f);
    for (const f of files) expect(sha256(readFileSync(join(out, f))), f).toBe(m.outputs[f]);
    expect(m.digest).toBe(outputsDigest(m.outputs));
    expect(readdirSync(join(out, 'charts')).length).toBe(files.filter((f) => f.startsWith('charts/')).length);
  });

  it('draws every chart as valid SVG with axis labels and one series per scenario', () => {
    const charts = readdirSync(join(out, 'charts'));
    expect(charts).toEqual(expect.arrayContaining(['ts-residents.svg', 'zones-zone_population.svg', 'stacked-hukou.svg', 'arrivals-departures.svg', 'pyramid.svg']));
    for (const f of charts) {
      const text = readFileSync(join(out, 'charts', f), 'utf8');
      const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
      expect(doc.getElementsByTagName('parsererror').length, f).toBe(0);
      const svg = doc.documentElement;
      expect(svg.tagName, f).toBe('svg');
      expect(svg.getAttribute('xmlns'), f).toBe('http://www.w3.org/2000/svg');
      const labels = [...svg.querySelectorAll('.axis-label')].map((e) => e.textContent?.trim() ?? '');
      expect(labels.length, f).toBeGreaterThan(0);
      expect(labels.every((l) => l.length > 0), f).toBe(true);
      expect(svg.querySelectorAll('.axis').length, f).toBeGreaterThan(0);
      const series = [...svg.querySelectorAll('g.series')].map((g) => g.getAttribute('data-scenario'));
      expect(series, f).toEqual(ids);
      expect(svg.querySelectorAll('.mark').length, f).toBeGreaterThan(0);
      if (f.startsWith('ts-')) {
        for (const g of svg.querySelectorAll('g.series')) expect(g.querySelectorAll('path.line').length, f).toBe(1);
      }
    }
    const ts = new JSDOM(readFileSync(join(out, 'charts', 'ts-residents.svg'), 'utf8'), { contentType: 'image/svg+xml' }).window.document;
    expect(ts.querySelector('.axis-label')!.textContent).toContain('persons');
  });

  it('writes report.html with the question, the headline differences and the reproduce command', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Do more arrivals mean more residents?');
    expect(html).toContain(`megasim compare ${join(dir, 'cmp.yaml')} --seeds 1..3`);
    expect(html).toContain('Zone population — ');
    expect(html).toContain('Settlements, cumulative');
    expect(html).toContain('summed over 2010-08 to 2011-07');
    expect(html).toContain('95% interval (paired by seed, t, n = 3)');
    expect((html.match(/<figure class="chart-figure"/g) ?? []).length).toBe(readdirSync(join(out, 'charts')).length);
    expect(/(src|href|url)\s*[=(]\s*["']?https?:/i.test(html), 'no external resource').toBe(false);
  });
});
