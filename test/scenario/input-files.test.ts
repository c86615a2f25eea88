/**
 * Every input file kind (scenario, comparison, sweep) goes through one YAML
 * reader with one set of limits and one message format (issue #18 item 11),
 * and `megasim validate` tells the kinds apart (item 12).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inProcess } from '../helpers.ts';
import { LIMITS } from '../../sim/scenario/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'megasim-inputs-'));
const SCENARIO_A = resolve('scenarios/policies/wuhan-grid-baseline.yaml');
const SCENARIO_B = resolve('scenarios/policies/wuhan-grid-reform.yaml');

/** A small valid sweep file and comparison file, as text (absolute scenario paths). */
const sweepText = [
  'id: s',
  'title: a sweep',
  `scenario: ${JSON.stringify(SCENARIO_A)}`,
  'parameters:',
  '  - path: city.arrivals.base_rate_year',
  '    values: [0.01, 0.02]',
  'seeds: [1]',
  'months: 1',
  'sample: 0.0005',
  'indicators:',
  '  names: [residents]',
  '',
].join('\n');
const comparisonText = ['id: c', 'title: a comparison', `scenarios: [${JSON.stringify(SCENARIO_A)}, ${JSON.stringify(SCENARIO_B)}]`, 'seeds: { from: 1, to: 2 }', 'months: 1', ''].join('\n');

const write = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

/** Runs a command on a file; the output folder must not appear. */
async function refused(args: string[]) {
  const out = join(dir, `out-${readdirSync(dir).length}`);
  const r = await inProcess(...args, ...(args[0] === 'validate' ? [] : ['--out', out]));
  expect(existsSync(out)).toBe(false);
  return r;
}

describe('sweep and comparison files get the scenario loader protections (#18 item 11)', () => {
  const kinds: [string, string, (f: string) => string[]][] = [
    ['sweep', sweepText, (f) => ['sweep', f]],
    ['comparison', comparisonText, (f) => ['compare', f]],
  ];
  for (const [kind, text, command] of kinds) {
    it(`a ${kind} file with !!js/function is refused with its position, exit 2`, async () => {
      const f = write(`${kind}-fn.yaml`, text.replace('title: a', 'title: !!js/function "function () { return 1 }"\nx: a').replace('\nx: a', ' #'));
      const r = await refused(command(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${kind}-fn\\.yaml:2:\\d+: at title expected plain YAML, found a tag megasim does not read \\(tag:yaml.org,2002:js/function\\)`));
    });

    it(`a ${kind} file with Latin-1 bytes is refused with the byte's position, exit 2`, async () => {
      const f = write(`${kind}-latin1.yaml`, Buffer.from(text.replace('title: a ', 'title: caf\u00e9 '), 'latin1'));
      const r = await refused(command(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${kind}-latin1\\.yaml:2:11: expected UTF-8 text, found a byte 0xe9 that is not UTF-8`));
    });

    it(`a ${kind} file over the 1 MB limit is refused, exit 2`, async () => {
      const f = write(`${kind}-big.yaml`, text + `description: "${'x'.repeat(3_000_000)}"\n`);
      const r = await refused(command(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${kind}-big\\.yaml: expected a file of at most ${LIMITS.fileBytesMax} bytes, found 3\\d{6} bytes`));
    });

    it(`a ${kind} file with !!binary gets megasim's wording, exit 2`, async () => {
      const f = write(`${kind}-binary.yaml`, text.replace('title: a', 'title: !!binary aGVsbG8=\nx: a').replace(/\nx: a[^\n]*/, ''));
      const r = await refused(command(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${kind}-binary\\.yaml:2:\\d+: at title expected a plain value, mapping or list, found a value with the tag !!binary`));
      expect(r.stderr).not.toMatch(/Invalid input|expected string, received/);
    });

    it(`a ${kind} file with an alias bomb is refused with a position, exit 2`, async () => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'description: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
      const f = write(`${kind}-bomb.yaml`, text + bomb + '\n');
      const r = await refused(command(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${kind}-bomb\\.yaml:\\d+:\\d+: at \\S+ expected a document within the limits on aliases`));
    });
  }
});

describe('megasim validate tells scenario, comparison and sweep files apart (#18 item 12)', () => {
  it('validates every shipped input file, the sweep as a sweep: exit 0', async () => {
    const files = ['cities', 'policies', 'comparisons', 'sweeps', 'backtest'].flatMap((d) => readdirSync(join('scenarios', d)).filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', d, f)));
    expect(files.some((f) => f.startsWith('scenarios/sweeps/'))).toBe(true);
    const r = await inProcess('validate', ...files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok scenarios\/sweeps\/chongqing-differentiated\.yaml \(sweep chongqing-differentiated-sweep, 90 runs\)/);
    expect(r.stdout).toMatch(/ok scenarios\/comparisons\/chongqing-differentiated\.yaml \(comparison chongqing-differentiated, 2 scenarios\)/);
    expect(r.stdout).toMatch(/ok scenarios\/backtest\/targets\.yaml \(backtest targets, \d+ cities, \d+ figures\)/);
    expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
  });

  it('a scenario with city: misspelt is reported as a scenario problem, with the typo named', async () => {
    const f = write('citty.yaml', 'id: t\ntitle: T\nstart: "2010-01"\nhorizon_months: 12\ncitty:\n  name: X\n');
    const r = await inProcess('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/citty\.yaml:5:1: at citty expected a documented key, found unknown key "citty" \(did you mean "city"\? It is required and missing here\)/);
    expect(r.stderr).not.toMatch(/scenarios|seeds|headline/);
    expect(r.stderr.trim().split('\n')).toHaveLength(2); // the one problem, and the count
  });

  it('a sweep file with an error gets the sweep schema\'s message, not comparison problems', async () => {
    const f = write('sweep-bad.yaml', sweepText.replace('seeds: [1]', 'seeds: [one]'));
    const r = await inProcess('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sweep-bad\.yaml:7:\d+: at seeds/);
    expect(r.stderr).not.toMatch(/scenarios/);
  });

  it('keys of two kinds: a clear message saying which, and how to tell (kind:)', async () => {
    const f = write('mixed.yaml', 'id: m\ntitle: M\nscenarios: [a.yaml, b.yaml]\nparameters: []\n');
    const r = await inProcess('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mixed.yaml:4:1: expected the keys of one kind of input file, found keys of a comparison file (scenarios) and of a sweep file (parameters) (add `kind: scenario`, `kind: comparison`, `kind: sweep` or `kind: backtest` at the top)');
  });

  it('keys of no kind: a clear message', async () => {
    const f = write('none.yaml', 'id: m\ntitle: M\n');
    const r = await inProcess('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none\.yaml:1:1: expected the keys of a scenario .*found none of them, so the kind of file is unclear/);
  });

  it('an explicit kind: or $schema decides', async () => {
    // Keys of both a comparison and a sweep; `kind: sweep` says which, and the sweep's own check runs.
    const asSweep = write('kind-sweep.yaml', 'kind: sweep\n' + sweepText + 'headline: [residents]\n');
    let r = await inProcess('validate', asSweep);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kind-sweep\.yaml:13:1: at headline expected .*unknown key "headline"/);
    const bySchema = write('schema-cmp.yaml', `$schema: ../comparison.schema.json\n${comparisonText}`);
    r = await inProcess('validate', bySchema);
    expect(r.stdout).toContain(`ok ${bySchema} (comparison c, 2 scenarios)`);
    expect(r.code).toBe(0);
    const byComment = write('comment-cmp.yaml', `# yaml-language-server: $schema=../comparison.schema.json\n${comparisonText.replace('scenarios:', 'scenarioz:')}`);
    r = await inProcess('validate', byComment);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/comment-cmp\.yaml:4:1: at scenarioz .*did you mean "scenarios"/);
    const wrong = write('kind-wrong.yaml', 'kind: sweeps\n' + sweepText);
    r = await inProcess('validate', wrong);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kind-wrong.yaml:1:7: at kind expected one of "scenario", "comparison", "sweep", "backtest", found "sweeps"');
  });

  it('a backtest targets file with an unknown indicator: positioned, with a guess', async () => {
    const f = write('targets.yaml', `source: "test figures"\ncities:\n  - scenario: ${JSON.stringify(SCENARIO_A)}\n    targets:\n      - { date: "2021-12", figure: "residents", indicator: resident, value: 1, confidence: V, source: "made up" }\n`);
    const r = await inProcess('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/targets\.yaml:5:\d+: at cities\[0\]\.targets\[0\]\.indicator expected an indicator name .*found "resident" \(did you mean "residents"\?\)/);
  });

  it('a sweep file given to compare is named as such', async () => {
    const f = write('sweep-to-compare.yaml', sweepText);
    const r = await refused(['compare', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found a sweep file (run it with megasim sweep)');
  });
});
