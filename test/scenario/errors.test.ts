/**
 * Bad scenario input, class by class (docs/robustness.md has the table):
 * each gets exit 2 and a one-paragraph message naming file, line, column,
 * document path, what was expected and what was found; no stack trace
 * unless --debug; nothing written and nothing existing overwritten.
 *
 * Each class is checked in this process against the loader (exact fields),
 * then all of them at once through one spawned `megasim validate`, and the
 * command-line cases (flags, missing file, existing output folder, --debug)
 * through main() in this process and a few spawned commands.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inProcess } from '../helpers.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { ScenarioError, type ScenarioProblem } from '../../sim/scenario/errors.ts';
import { LIMITS } from '../../sim/scenario/schema.ts';
import { main } from '../../sim/cli/main.ts';

const BASE = 'scenarios/cities/chongqing-2010.yaml';
const base = readFileSync(BASE, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'megasim-bad-'));
const EXTENDS_EXPECTED = 'a scenario file (.yaml, .yml or .json, outside /etc, /proc, /sys and /dev)';
mkdirSync(join(dir, 'folder.yaml'));
/** How messages name a file: relative to the working folder when inside it, else as given. */
const rel = (f: string) => (relative(process.cwd(), f).startsWith('..') ? f : relative(process.cwd(), f));

/** Replaces a line of the base scenario (the pattern must match, so a changed base fails loudly). */
function edit(pattern: RegExp, replacement: string, text = base): string {
  if (!pattern.test(text)) throw new Error(`fixture: ${pattern} not found in ${BASE}`);
  return text.replace(pattern, replacement);
}

/** 1-based line and column where `needle` starts in `text`. */
function posOf(text: string, needle: string): { line: number; col: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture: ${needle} not in text`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, col: i - before.lastIndexOf('\n') };
}

/** Position of the value in a `key: value` line. */
function valueAt(text: string, keyValue: string): { line: number; col: number } {
  const p = posOf(text, keyValue);
  return { line: p.line, col: p.col + keyValue.indexOf(': ') + 2 };
}

interface Case {
  name: string;
  file: string;
  content: string | Uint8Array;
  /** The first problem, field by field (file defaults to this case's file). */
  expect: Partial<ScenarioProblem> & { foundMatch?: RegExp; expectedMatch?: RegExp; hintMatch?: RegExp };
}

const cases: Case[] = [];
function add(name: string, file: string, content: string | Uint8Array, expectation: Case['expect']): void {
  cases.push({ name, file: join(dir, file), content, expect: expectation });
}

{
  const syntax = edit(/^horizon_months: .*$/m, 'horizon_months: [120');
  add('YAML syntax error', 'syntax.yaml', syntax, { ...posOf(syntax, 'seed: 1'), expected: 'valid YAML', foundMatch: /Flow sequence/ });
  const quote = edit(/^title: .*$/m, 'title: "Chongqing 2010');
  add('YAML syntax error (unclosed quote)', 'quote.yaml', quote, { line: posOf(quote, '"Chongqing 2010').line, path: 'title', expected: 'valid YAML', found: 'Missing closing "quote' });
  const tabs = edit(/^seed: 1$/m, '\tseed: 1');
  add('tab indentation', 'tabs.yaml', tabs, { line: posOf(tabs, '\tseed').line, expected: 'valid YAML', found: 'Tabs are not allowed as indentation' });
  const type = edit(/^horizon_months: .*$/m, 'horizon_months: "ten years"');
  add('wrong type', 'type.yaml', type, { ...posOf(type, '"ten years"'), path: 'horizon_months', expected: 'a finite number', found: '"ten years"' });
  const boolType = edit(/^( +)hukou_priority: true$/m, '$1hukou_priority: "yes please"');
  add('wrong type (boolean)', 'bool.yaml', boolType, { ...posOf(boolType, '"yes please"'), path: 'city.services.hukou_priority', expected: 'true or false', found: '"yes please"' });
  const missing = edit(/^ {6}rent_yuan_month: 1100\n/m, '');
  add('missing required field', 'missing.yaml', missing, { ...posOf(missing, 'id: core'), path: 'city.zones[0].rent_yuan_month', expected: 'a finite number', found: 'nothing (the field is missing)' });
  const empty = edit(/^horizon_months: .*$/m, 'horizon_months:');
  add('empty value', 'empty-value.yaml', empty, { line: posOf(empty, 'horizon_months:').line, path: 'horizon_months', expected: 'a finite number', found: 'an empty value (null)' });
  const nan = edit(/fertility_rate: [\d.]+/, 'fertility_rate: .nan');
  add('NaN', 'nan.yaml', nan, { ...posOf(nan, '.nan'), path: 'city.demography.fertility_rate', expected: 'a finite number', found: 'NaN' });
  const inf = edit(/fertility_rate: [\d.]+/, 'fertility_rate: .inf');
  add('infinity', 'inf.yaml', inf, { ...posOf(inf, '.inf'), path: 'city.demography.fertility_rate', expected: 'a finite number', found: 'Infinity' });
  const ninf = edit(/mortality_b: [\d.]+/, 'mortality_b: -.inf');
  add('minus infinity', 'ninf.yaml', ninf, { ...posOf(ninf, '-.inf'), path: 'city.demography.mortality_b', expected: 'a finite number', found: '-Infinity' });
  const neg = edit(/residents: 4900700/, 'residents: -4900700');
  add('negative count', 'negative.yaml', neg, { ...posOf(neg, '-4900700'), path: 'city.zones[0].residents', expected: 'a number ≥ 0', found: '-4900700' });
  const shares = edit(/owned: 0\.60, market_rental: 0\.25/, 'owned: 0.70, market_rental: 0.25');
  add('shares that do not add up to 1', 'shares.yaml', shares, { ...posOf(shares, '{ owned: 0.70'), path: 'city.zones[0].tenure_shares', expected: 'shares that add up to 1', found: '1.1' });
  const unknownKey = edit(/^horizon_months: (.*)$/m, 'horizon_month: $1');
  add('unknown key', 'unknown-key.yaml', unknownKey, { ...posOf(unknownKey, 'horizon_month:'), path: 'horizon_month', expected: 'a documented key', found: 'unknown key "horizon_month"', hintMatch: /did you mean "horizon_months"\? It is required and missing here/ });
  const unknownPolicy = edit(/^ {2}conditions:$/m, '  condition:');
  add('unknown policy', 'unknown-policy.yaml', unknownPolicy, { ...posOf(unknownPolicy, 'condition:'), path: 'policies.condition', found: 'unknown key "condition"', hint: 'did you mean "conditions"?' });
  const farPolicy = edit(/^ {2}conditions:$/m, '  settle_everyone:');
  add('unknown policy (no close name)', 'far-policy.yaml', farPolicy, { ...posOf(farPolicy, 'settle_everyone:'), path: 'policies.settle_everyone', expectedMatch: /^one of the keys no_settlement, conditions, points, /, found: 'unknown key "settle_everyone"' });
  add('cycle in extends', 'cycle-a.yaml', 'extends: cycle-b.yaml\nid: a\n', { file: join(dir, 'cycle-b.yaml'), line: 1, col: 10, path: 'extends', expected: 'a chain of extends without a cycle', foundMatch: /^a cycle: .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml$/ });
  add('extends to itself', 'self.yaml', 'id: a\nextends: ./self.yaml\n', { line: 2, col: 10, path: 'extends', expected: 'a chain of extends without a cycle', foundMatch: /self\.yaml → .*self\.yaml$/ });
  add('extends to a missing file', 'orphan.yaml', 'id: orphan\nextends: ../nowhere/base.yaml\n', { line: 2, col: 10, path: 'extends', expected: 'an existing scenario file', foundMatch: /^no file at .*nowhere\/base\.yaml$/ });
  add('extends to a folder', 'extends-dir.yaml', 'id: x\nextends: .\n', { line: 2, col: 10, path: 'extends', expected: EXTENDS_EXPECTED, foundMatch: /, whose name does not end in \.yaml, \.yml or \.json$/ });
  add('extends to a folder named like a scenario', 'extends-dir2.yaml', 'id: x\nextends: ./folder.yaml\n', { line: 2, col: 10, path: 'extends', expected: 'a scenario file', foundMatch: /^a folder at / });
  add('extends to a system file (/etc/shadow)', 'shadow.yaml', 'id: x\nextends: /etc/shadow\n', { line: 2, col: 10, path: 'extends', expected: EXTENDS_EXPECTED, foundMatch: /^\/etc\/shadow, in the system folder \/etc$/ });
  add('extends to /proc/self/environ', 'environ.yaml', 'id: x\nextends: /proc/self/environ\n', { line: 2, col: 10, path: 'extends', expected: EXTENDS_EXPECTED, foundMatch: /^\/proc\/self\/environ, in the system folder \/proc$/ });
  const latin1 = Buffer.concat([Buffer.from(edit(/^title: .*$/m, 'title: Chongqing caf'), 'utf8')]);
  const cut = latin1.indexOf('Chongqing caf') + 'Chongqing caf'.length;
  const notUtf8 = Buffer.concat([latin1.subarray(0, cut), Buffer.from([0xe9]), latin1.subarray(cut)]);
  add('not UTF-8 (Latin-1 é)', 'latin1.yaml', notUtf8, { ...posOf(latin1.toString('utf8'), 'Chongqing caf'), col: posOf(latin1.toString('utf8'), 'Chongqing caf').col + 13, expected: 'UTF-8 text', foundMatch: /^a byte 0xe9 that is not UTF-8/ });
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: x\n', 'utf16le')]);
  add('not UTF-8 (UTF-16 with BOM)', 'utf16.yaml', utf16, { line: 1, col: 1, expected: 'UTF-8 text', foundMatch: /^a byte 0xff/ });
  add('over the size limit', 'huge.yaml', base + '#' + 'x'.repeat(LIMITS.fileBytesMax) + '\n', { line: 0, expected: `a file of at most ${LIMITS.fileBytesMax} bytes`, foundMatch: /^\d+ bytes$/ });
  const laughs = ['lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
  const bomb = `${base}\n${laughs.join('\n')}\n`;
  add('alias bomb (billion laughs)', 'laughs.yaml', bomb, { ...posOf(bomb, '*l0'), path: 'lol1[0]', expectedMatch: /limits on aliases \(100 expansions\)/, found: 'too many alias expansions (more than 100: an alias bomb?)' });
  const selfAlias = `${base}\nloop: &loop [*loop]\n`;
  add('alias that contains itself', 'self-alias.yaml', selfAlias, { path: 'loop[0][0][0][0][0][0][0]...', expectedMatch: /nesting of at most 32 levels/, foundMatch: /alias that contains itself/ });
  const brackets = `${base}\ndeep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
  add('deep nesting (brackets)', 'brackets.yaml', brackets, { line: posOf(brackets, 'deep:').line, col: 7 + 32, expected: 'brackets nested at most 32 deep', foundMatch: /too deep/ });
  const indent = `${base}\n${Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n`;
  add('deep nesting (indentation)', 'indent.yaml', indent, { expectedMatch: /at most 80 columns of indentation/, foundMatch: /too deep/ });
  const fert = edit(/fertility_rate: [\d.]+/, 'fertility_rate: 12');
  add('parameter outside its documented range', 'range.yaml', fert, { ...valueAt(fert, 'fertility_rate: 12'), path: 'city.demography.fertility_rate', expected: 'a number ≤ 10', found: '12' });
  const sample = edit(/^sample: .*$/m, 'sample: 2');
  add('sample above its limit', 'sample.yaml', sample, { ...valueAt(sample, 'sample: 2'), path: 'sample', expected: `a number ≤ ${LIMITS.sampleMax}`, found: '2' });
  const tiny = edit(/^sample: .*$/m, 'sample: 0.000001');
  add('sample below its limit', 'tiny.yaml', tiny, { path: 'sample', expected: `a number ≥ ${LIMITS.sampleMin}`, found: String(0.000001) });
  const months = edit(/^horizon_months: .*$/m, 'horizon_months: 601');
  add('months above their limit', 'months.yaml', months, { path: 'horizon_months', expected: `a number ≤ ${LIMITS.monthsMax}`, found: '601' });
  const reps = edit(/^replications: .*$/m, 'replications: 1001');
  add('replications above their limit', 'reps.yaml', reps, { path: 'replications', expected: `a number ≤ ${LIMITS.replicationsMax}`, found: '1001' });
  const seed = edit(/^seed: .*$/m, 'seed: 1.5');
  add('seed not a whole number', 'seed.yaml', seed, { path: 'seed', expected: 'a whole number', found: '1.5' });
  const dup = edit(/^seed: 1$/m, 'seed: 1\nseed: 2');
  add('duplicate key', 'dup.yaml', dup, { line: posOf(dup, 'seed: 2').line, col: 1, path: 'seed', expected: 'valid YAML', found: 'the key "seed" a second time in the same mapping' });
  const tag = edit(/^seed: 1$/m, 'seed: !!binary aGVsbG8=');
  add('a YAML tag', 'tag.yaml', tag, { path: 'seed', expected: 'a plain value, mapping or list', found: 'a value with the tag !!binary' });
  add('two documents', 'two-docs.yaml', `${base}\n---\nid: second\n`, { line: base.split('\n').length + 1, col: 1, expected: 'valid YAML', foundMatch: /a second document/ });
  add('empty file', 'empty.yaml', '', { line: 1, col: 1, expected: 'a mapping (key: value) at the top of the file', found: 'an empty document' });
  const proto = edit(/^seed: 1$/m, 'seed: 1\n__proto__: { sample: 0.5 }');
  add('a __proto__ key', 'proto.yaml', proto, { path: '__proto__', found: 'unknown key "__proto__"' });
}

const BAD_OUT = join(dir, 'out-never');

beforeAll(() => {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  for (const c of cases) writeFileSync(c.file, c.content);
  writeFileSync(join(dir, 'cycle-b.yaml'), 'extends: cycle-a.yaml\n');
});

function problemOf(file: string): ScenarioError {
  try {
    loadScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`${file} validated`);
}

describe('each bad-input class gets a positioned message (loader)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = problemOf(c.file);
    const p = e.first;
    const x = c.expect;
    expect(p.file).toBe(rel(x.file ?? c.file));
    if (x.line !== undefined) expect(p.line).toBe(x.line);
    if (x.col !== undefined) expect(p.col).toBe(x.col);
    if (x.path !== undefined) expect(p.path).toBe(x.path);
    if (x.expected !== undefined) expect(p.expected).toBe(x.expected);
    if (x.expectedMatch) expect(p.expected).toMatch(x.expectedMatch);
    if (x.found !== undefined) expect(p.found).toBe(x.found);
    if (x.foundMatch) expect(p.found).toMatch(x.foundMatch);
    if (x.hint !== undefined) expect(p.hint).toBe(x.hint);
    if (x.hintMatch) expect(p.hint).toMatch(x.hintMatch);
    // One paragraph: file:line:col: at path expected …, found … — no stack, no blank line.
    expect(e.message).toMatch(/^\S+?(:\d+:\d+)?: (at \S+ )?expected .+, found .+/);
    expect(e.message).not.toMatch(/\n\s*\n|\n\s+at /);
  });

  it('reports up to eight problems at once, in file order, with a count of the rest', () => {
    const f = join(dir, 'many.json');
    writeFileSync(f, JSON.stringify({ id: 'Bad Id', extra1: 1, extra2: 2, extra3: 3, extra4: 4, extra5: 5, extra6: 6, extra7: 7, extra8: 8 }));
    const e = problemOf(f);
    expect(e.problems.length).toBe(8);
    expect(e.message.split('\n').length).toBe(8);
    expect(e.problems[7]!.hint).toMatch(/and \d+ more problem\(s\) after this one/);
    const cols = e.problems.map((p) => p.col);
    expect(cols).toEqual([...cols].sort((a, b) => a - b));
  });

  it('a valid scenario still validates (the fixtures are otherwise whole)', () => {
    const f = join(dir, 'good.yaml');
    writeFileSync(f, base);
    expect(loadScenarioFile(f).scenario.id).toBe('chongqing-2010');
  });
});

// ---- through the command -------------------------------------------------------------

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });


describe('megasim validate / run on bad input (spawned)', () => {
  it('validate: every class at once, exit 2, one paragraph per file, no stack trace', () => {
    const files = cases.map((c) => c.file);
    const r = cli('validate', ...files);
    if (process.env.ROBUSTNESS_PRINT) for (const c of cases) console.log(`${c.name}\t${r.stderr.split('\n').find((l) => l.startsWith(rel(c.expect.file ?? c.file) + ':'))?.replace(dir, 'DIR')}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${files.length} of ${files.length} file(s) invalid`);
    for (const c of cases) expect(r.stderr, c.name).toContain(`${rel(c.expect.file ?? c.file)}:`);
    // Every message line has the documented form.
    const lines = r.stderr.trim().split('\n').slice(0, -1);
    for (const l of lines) expect(l).toMatch(/^\S+?(:\d+:\d+)?: (at \S+ )?expected .+, found .+/);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('run on a bad scenario: exit 2, and nothing is written', () => {
    const r = cli('run', cases.find((c) => c.name === 'NaN')!.file, '--out', BAD_OUT);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nan\.yaml:\d+:\d+: at city\.demography\.fertility_rate expected a finite number, found NaN/);
    expect(r.stdout).toBe('');
    expect(existsSync(BAD_OUT)).toBe(false);
  });

  it('a wrong flag value: exit 2 naming the flag', () => {
    const r = cli('run', BASE, '--seed', 'abc', '--out', BAD_OUT);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--seed expects a whole number, found "abc"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(BAD_OUT)).toBe(false);
  });

  it('an existing non-empty output folder without --force: exit 2, its files untouched', () => {
    const out = join(dir, 'existing');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'indicators.csv'), 'precious,data\n');
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const before = readdirSync(out).map((f) => `${f}:${readFileSync(join(out, f), 'utf8')}:${statSync(join(out, f)).mtimeMs}`);
    const r = cli('run', BASE, '--sample', '0.0001', '--months', '1', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${out} already holds files; choose another --out or add --force to overwrite`);
    expect(readdirSync(out).map((f) => `${f}:${readFileSync(join(out, f), 'utf8')}:${statSync(join(out, f)).mtimeMs}`)).toEqual(before);
  });

  it('--debug adds the stack trace; without it there is none', () => {
    const f = cases.find((c) => c.name === 'wrong type')!.file;
    const plain = cli('validate', f);
    const debug = cli('run', f, '--debug', '--out', BAD_OUT);
    expect(plain.status).toBe(2);
    expect(debug.status).toBe(2);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(/expected a finite number, found "ten years"/);
    expect(debug.stderr).toMatch(/ScenarioError.*\n\s+at /);
  });
});

describe('command-line flags and files (main() in this process)', () => {
  const flagCases: [string, string[], RegExp][] = [
    ['--sample 2', ['run', BASE, '--sample', '2'], /--sample must be between 0\.00001 and 1, found 2/],
    ['--sample 0', ['run', BASE, '--sample', '0'], /--sample must be between 0\.00001 and 1, found 0/],
    ['--sample abc', ['run', BASE, '--sample', 'abc'], /--sample expects a number, found "abc"/],
    ['--sample NaN', ['run', BASE, '--sample', 'NaN'], /--sample expects a number, found "NaN"/],
    ['--seed abc', ['run', BASE, '--seed', 'abc'], /--seed expects a whole number, found "abc"/],
    ['--seed -1', ['run', BASE, '--seed', '-1'], /--seed must be between 0 and 2147483647, found -1/],
    ['--seed 2^31', ['run', BASE, '--seed', String(2 ** 31)], /--seed must be between 0 and 2147483647, found 2147483648/],
    ['--months 601', ['run', BASE, '--months', '601'], /--months must be between 1 and 600, found 601/],
    ['--months 1.5', ['run', BASE, '--months', '1.5'], /--months expects a whole number, found "1\.5"/],
    ['--replications 0', ['run', BASE, '--replications', '0'], /--replications must be between 1 and 1000, found 0/],
    ['--replications 1e3', ['run', BASE, '--replications', '1e3'], /--replications expects a whole number, found "1e3"/],
    ['--workers 0', ['run', BASE, '--workers', '0'], /--workers must be between 1 and 64, found 0/],
    ['unknown flag', ['run', BASE, '--bogus'], /unknown option '--bogus'/],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['missing argument', ['run'], /missing required argument 'scenario'/],
  ];
  it.each(flagCases)('%s: exit 2 with the flag named', async (_n, args, msg) => {
    const r = await inProcess(...args, '--out', BAD_OUT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(BAD_OUT)).toBe(false);
  });

  it('a missing scenario file: exit 2', async () => {
    const r = await inProcess('run', 'scenarios/cities/atlantis-2020.yaml', '--out', BAD_OUT);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('scenarios/cities/atlantis-2020.yaml: expected an existing scenario file, found no such file\n');
  });

  it('validate of a missing file and a folder: exit 2, both named', async () => {
    const r = await inProcess('validate', 'no/such.yaml', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such.yaml: expected an existing scenario file, found no such file');
    expect(r.stderr).toContain(`${dir}: expected a scenario file, found a folder`);
    expect(r.stderr).toContain('2 of 2 file(s) invalid');
  });

  it('--out naming an existing file: exit 2, the file untouched', async () => {
    const f = join(dir, 'a-file');
    writeFileSync(f, 'keep me');
    const r = await inProcess('run', BASE, '--out', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${f}: exists and is not a folder`);
    expect(readFileSync(f, 'utf8')).toBe('keep me');
  });

  it('verify of a folder that is not a run: exit 2', async () => {
    const r = await inProcess('verify', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no manifest.json (not a finished run folder)');
  });
});

describe('newer commands (compare, sweep, merge, explore) on bad input', () => {
  const A = 'scenarios/policies/wuhan-grid-baseline.yaml';
  const B = 'scenarios/policies/wuhan-grid-reform.yaml';
  const SWEEP = 'scenarios/sweeps/chongqing-differentiated.yaml';
  const present = [A, B, SWEEP].every((f) => existsSync(f));
  const bigSweep = join(dir, 'big-sweep.yaml');
  const cmpMissing = join(dir, 'cmp-missing.yaml');
  beforeAll(() => {
    writeFileSync(
      bigSweep,
      [
        'id: big',
        'title: too big',
        `scenario: ${JSON.stringify(join(process.cwd(), 'scenarios/policies/chongqing-differentiated.yaml'))}`,
        'design: grid',
        'parameters:',
        '  - path: city.migration.pre_start_growth_year',
        '    range: [-0.01, 0.03]',
        '    steps: 1000',
        '  - path: city.migration.elasticity',
        '    range: [0.5, 2]',
        '    steps: 1000',
        'seeds: { from: 1, count: 5 }',
        'months: 12',
        'sample: 0.001',
        'indicators:',
        '  names: [residents]',
        '  at: [horizon]',
        '',
      ].join('\n'),
    );
    writeFileSync(cmpMissing, `id: c\ntitle: t\nscenarios: [${JSON.stringify(join(process.cwd(), A))}, /nowhere.yaml]\nseeds: { from: 1, to: 2 }\n`);
  });
  const cases: [string, () => string[], RegExp][] = [
    ['compare with one scenario', () => ['compare', A], /expected a comparison file \(with a scenarios: list\) or two or more scenario files, found a single scenario file/],
    ['compare --seeds 5..1', () => ['compare', A, B, '--seeds', '5..1'], /--seeds 5\.\.1: the first seed must not exceed the last/],
    ['compare --seeds 1..100000', () => ['compare', A, B, '--seeds', '1..100000'], /at most 1000 seeds, found 100000/],
    ['a comparison file naming a missing scenario', () => ['compare', cmpMissing], /cmp-missing\.yaml:3:\d+: at scenarios\[1\] expected an existing scenario file .*found no file at \/nowhere\.yaml/],
    ['sweep --shard 3/2', () => ['sweep', SWEEP, '--shard', '3/2'], /--shard K\/N needs 0 ≤ K < N, found 3\/2/],
    ['sweep --shard a/b', () => ['sweep', SWEEP, '--shard', 'a/b'], /--shard expects K\/N/],
    ['a sweep over the size limit', () => ['sweep', bigSweep], new RegExp(`1000000 points × 5 seeds = 5000000 runs, more than the limit of ${LIMITS.sweepRunsMax}`)],
    ['merge of a missing folder', () => ['merge', join(dir, 'no-such-shard'), dir], /no-such-shard: no such folder/],
    ['explore --port 99999', () => ['explore', '--port', '99999'], /--port must be between 0 and 65535, found 99999/],
  ];
  it.skipIf(!present).each(cases)('%s: exit 2', async (_n, args, msg) => {
    const out = join(dir, `never-${_n.replace(/\W/g, '_')}`);
    const r = await inProcess(...args(), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!present)('sweep into an existing folder without --resume or --force: exit 2, the folder untouched', async () => {
    const out = join(dir, 'existing-for-sweep');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const r = await inProcess('sweep', SWEEP, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds files; add --resume to continue that sweep, --force to start over, or choose another --out');
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it.skipIf(!present)('sweep --resume into a folder that holds a run (not a sweep): exit 2, the folder untouched', async () => {
    const out = join(dir, 'a-run-folder');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'manifest.json'), '{"not":"a sweep"}');
    writeFileSync(join(out, 'indicators.csv'), 'scenario,replication,month,indicator,zone,value\n');
    const r = await inProcess('sweep', SWEEP, '--resume', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds files but no sweep.json: it is not a sweep folder');
    expect(readdirSync(out).sort()).toEqual(['indicators.csv', 'manifest.json']);
  });
});

describe('docs/robustness.md', () => {
  it('lists every bad-input class tested here', () => {
    const doc = readFileSync('docs/robustness.md', 'utf8');
    for (const c of cases) expect(doc, c.name).toContain(`| ${c.name} |`);
  });
});
