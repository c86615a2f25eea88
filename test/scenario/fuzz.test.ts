/**
 * Fuzzing the scenario loader. Every shipped scenario (scenarios/cities and
 * scenarios/policies, whatever files are there) is mutated many times by a
 * seeded generator (the engine's named streams): keys dropped or misspelt,
 * types changed, numbers turned into strings, NaN and infinities, huge and
 * negative values, deep nesting, duplicate keys, alias bombs, garbage bytes,
 * truncation, broken `extends`. Each mutant goes through the loader in this
 * process, exactly as `megasim validate` reads a file (bytes → strict UTF-8 →
 * YAML → extends → schema), and must either validate or fail with a
 * ScenarioError whose every problem names a position or a document path.
 * Nothing else may be thrown and nothing is written (the files are fuzzed from a sandbox copy
 * of scenarios/, whose listing, sizes and times must not change).
 *
 * Then a few dozen valid mutants with extreme in-range numbers run a few
 * months in checked mode: a value the schema accepts must not break the model.
 *
 * Reproduce one case: FUZZ_CASE=<index> (and MEGASIM_LONG=1 for 20,000 cases).
 * Inspect: FUZZ_REPORT=1 (outcomes by mutation, slowest case), FUZZ_SHOW=<mutation
 * name part> (some refusal messages), FUZZ_SHOW_VALID=<name part> (mutants that validated).
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { makeStream, type Stream } from '../../sim/engine/random.ts';
import { loadScenario, type Loaded, type Reader } from '../../sim/scenario/load.ts';
import { measureShape, nestingPrescan } from '../../sim/scenario/yaml.ts';
import { decodeScenarioBytes, nodeReader } from '../../sim/scenario/node.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { checkedReplication, InvariantBreach } from '../../sim/run/checked.ts';

const LONG = process.env.MEGASIM_LONG === '1';
const CASES = LONG ? 20_000 : 2_400;
// No case is timed against a wall-clock box (a test asserts no time: on a loaded machine any box is
// noise). A case that ran away would hang the test until its timeout; the loader's own limits on
// size, nesting and alias expansions, which keep it linear, are tested in errors.test.ts.

// The shipped scenarios are copied into a sandbox first (same layout, so `extends: ../cities/...` resolves
// inside it): the fuzz reads only the sandbox, and others editing scenarios/ meanwhile cannot disturb it.
const sandbox = mkdtempSync(join(tmpdir(), 'megasim-fuzz-'));
const shipped = ['cities', 'policies']
  .filter((d) => existsSync(join('scenarios', d)))
  .flatMap((d) => {
    mkdirSync(join(sandbox, d), { recursive: true });
    return readdirSync(join('scenarios', d))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => {
        copyFileSync(join('scenarios', d, f), join(sandbox, d, f));
        return join(sandbox, d, f);
      });
  })
  .sort();

const original = new Map(shipped.map((f) => [f, readFileSync(f)]));

// ---- the mutations ----------------------------------------------------------------------

type Path = (string | number)[];
type Mutation = { name: string; apply: (s: Stream, text: string, file: string) => string | Uint8Array };

/** Every (path, value) in parsed data, depth first. */
function leaves(data: unknown, path: Path = [], out: [Path, unknown][] = []): [Path, unknown][] {
  out.push([path, data]);
  if (Array.isArray(data)) data.forEach((v, i) => leaves(v, [...path, i], out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) leaves(v, [...path, k], out);
  return out;
}

function setAt(data: unknown, path: Path, value: unknown): void {
  let v = data as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) v = v[k] as Record<string | number, unknown>;
  v[path[path.length - 1]!] = value;
}

function deleteAt(data: unknown, path: Path): void {
  let v = data as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) v = v[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(v)) v.splice(last as number, 1);
  else delete v[last];
}

const pick = <T>(s: Stream, xs: readonly T[]): T => xs[s.int(xs.length)]!;

/** Mutations of the parsed document, written back as YAML (or JSON). */
function dataMutation(name: string, f: (s: Stream, data: Record<string, unknown>, paths: [Path, unknown][]) => void): Mutation {
  return {
    name,
    apply: (s, text) => {
      // After a text mutation the document may not parse any more (or be too deep to parse safely): leave it.
      if (nestingPrescan(text)) return text;
      let data: Record<string, unknown>;
      try {
        data = YAML.parse(text, { maxAliasCount: 100 }) as Record<string, unknown>;
      } catch {
        return text;
      }
      if (!data || typeof data !== 'object' || Array.isArray(data) || measureShape(data)) return text;
      const paths = leaves(data).filter(([p]) => p.length > 0);
      f(s, data, paths);
      return s.chance(0.2) && !/NaN|Infinity/.test(name) ? JSON.stringify(data, null, 1) : YAML.stringify(data);
    },
  };
}

const numericPaths = (paths: [Path, unknown][]) => paths.filter(([, v]) => typeof v === 'number');
const HUGE = [1e308, -1e308, 1e300, 2 ** 53 + 1, -(2 ** 31), 1e-320, -1, -0.5, 0, 1e9, 123456789012];
const WEIRD: unknown[] = ['', 'x'.repeat(10_000), '0.5', 'NaN', 'null', true, false, null, [], {}, [1, 2, 3], { a: 1 }, '2010-07', -1, 1e400, '\u0000', '<script>alert(1)</script>'];

function typo(s: Stream, k: string): string {
  if (k.length < 2) return k + 'x';
  const i = s.int(k.length - 1);
  switch (s.int(3)) {
    case 0:
      return k.slice(0, i) + k[i + 1] + k[i] + k.slice(i + 2); // swap
    case 1:
      return k.slice(0, i) + k.slice(i + 1); // drop a letter
    default:
      return k.slice(0, i) + 'e' + k.slice(i); // add one
  }
}

const MUTATIONS: Mutation[] = [
  dataMutation('drop a key', (s, _d, paths) => {
    const [p] = pick(s, paths);
    deleteAt(_d, p);
  }),
  dataMutation('change a type', (s, d, paths) => {
    const [p] = pick(s, paths);
    setAt(d, p, pick(s, WEIRD));
  }),
  dataMutation('number to string', (s, d, paths) => {
    const nums = numericPaths(paths);
    if (nums.length === 0) return;
    const [p, v] = pick(s, nums);
    setAt(d, p, String(v));
  }),
  dataMutation('NaN or infinity', (s, d, paths) => {
    const nums = numericPaths(paths);
    if (nums.length === 0) return;
    setAt(d, pick(s, nums)[0], pick(s, [NaN, Infinity, -Infinity]));
  }),
  dataMutation('huge, tiny or negative number', (s, d, paths) => {
    const nums = numericPaths(paths);
    if (nums.length === 0) return;
    setAt(d, pick(s, nums)[0], pick(s, HUGE));
  }),
  dataMutation('misspelt key', (s, d, paths) => {
    const keyed = paths.filter(([p]) => typeof p[p.length - 1] === 'string');
    if (keyed.length === 0) return;
    const [p, v] = pick(s, keyed);
    deleteAt(d, p);
    setAt(d, [...p.slice(0, -1), typo(s, p[p.length - 1] as string)], v);
  }),
  dataMutation('unknown policy', (s, d) => {
    const pol = (d.policies ??= {}) as Record<string, unknown>;
    pol[pick(s, ['points_based', 'hukou', 'point', 'condition', 'gridGovernance', 'landtickets', '__proto__', 'constructor', 'toString'])] = { source: 'x' };
  }),
  dataMutation('deep nesting', (s, d, paths) => {
    let v: unknown = 1;
    const depth = 1 + s.int(60);
    for (let i = 0; i < depth; i++) v = s.chance(0.5) ? [v] : { k: v };
    setAt(d, pick(s, paths)[0], v);
  }),
  dataMutation('shares off by a little', (s, d, paths) => {
    const shares = paths.filter(([p]) => /share/.test(String(p[p.length - 2] ?? '')) && typeof getLeaf(d, p) === 'number');
    if (shares.length === 0) return;
    const [p, v] = pick(s, shares);
    setAt(d, p, (v as number) + pick(s, [0.004, 0.006, 0.1, -0.1, 1]));
  }),
  dataMutation('a list where a mapping was, or the reverse', (s, d, paths) => {
    const [p, v] = pick(s, paths);
    setAt(d, p, Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [`k${i}`, x])) : v && typeof v === 'object' ? Object.values(v) : [v]);
  }),
  dataMutation('extends to a missing file or to itself', (s, d) => {
    d.extends = pick(s, ['missing.yaml', '../nope/nothere.yaml', '', '.', '..', '/', '/dev/null', '/etc/passwd', 'self']);
  }),
  {
    name: 'duplicate a line (duplicate keys)',
    apply: (s, text) => {
      const lines = text.split('\n');
      const i = s.int(lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    },
  },
  {
    name: 'delete a line',
    apply: (s, text) => {
      const lines = text.split('\n');
      lines.splice(s.int(lines.length), 1);
      return lines.join('\n');
    },
  },
  {
    name: 'garbage bytes',
    apply: (s, text) => {
      const bytes = new TextEncoder().encode(text);
      const at = s.int(bytes.length + 1);
      const junk = Uint8Array.from({ length: 1 + s.int(8) }, () => s.int(256));
      const out = new Uint8Array(bytes.length + junk.length);
      out.set(bytes.subarray(0, at));
      out.set(junk, at);
      out.set(bytes.subarray(at), at + junk.length);
      return out;
    },
  },
  {
    name: 'truncate',
    apply: (s, text) => {
      const bytes = new TextEncoder().encode(text);
      return bytes.subarray(0, s.int(bytes.length));
    },
  },
  {
    name: 'insert YAML syntax characters',
    apply: (s, text) => {
      const at = s.int(text.length + 1);
      return text.slice(0, at) + pick(s, ['[', ']', '{', '}', ':', ': ', '- ', '"', "'", '&a ', '*a', '*zz', '!!binary ', '!foo ', '\t', '---\n', '? ', '|', '>', '%YAML 1.1\n', '#', '@', '`', '\u0000', '\uFEFF']) + text.slice(at);
    },
  },
  {
    name: 'deeply nested brackets or indentation',
    apply: (s, text) => {
      const n = pick(s, [30, 40, 100, 1000, 100_000]);
      const bomb = s.chance(0.5) ? `${'['.repeat(n)}${']'.repeat(n)}` : Array.from({ length: Math.min(n, 500) }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
      return `${text}\ndeep: ${s.chance(0.5) ? bomb : '\n' + bomb}\n`;
    },
  },
  {
    name: 'alias bomb',
    apply: (s, text) => {
      const lines = ['bomb0: &b0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const levels = 2 + s.int(9);
      for (let i = 1; i < levels; i++) lines.push(`bomb${i}: &b${i} [${Array(9).fill(`*b${i - 1}`).join(',')}]`);
      if (s.chance(0.3)) lines.push('selfref: &self [*self]');
      return `${text}\n${lines.join('\n')}\n`;
    },
  },
  {
    name: 'a second document',
    apply: (s, text) => `${text}\n---\n${s.chance(0.5) ? text : 'id: other'}\n`,
  },
];

function getLeaf(data: unknown, path: Path): unknown {
  let v = data as Record<string | number, unknown> | undefined;
  for (const k of path) v = v?.[k] as Record<string | number, unknown> | undefined;
  return v;
}

// ---- running one case ---------------------------------------------------------------------

interface Outcome {
  ok: boolean;
  error?: ScenarioError;
  loaded?: Loaded;
}

/** Loads `file` with its text replaced by `content`, like megasim validate would read it from disk. */
function loadMutant(file: string, content: string | Uint8Array): Outcome {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const reader: Reader = {
    read(name) {
      if (name === file) return decodeScenarioBytes(name, bytes);
      if (name.endsWith('/self')) return decodeScenarioBytes(name, bytes); // "extends: self" names the mutant itself
      return nodeReader.read(name);
    },
    resolve: (from, rel) => (rel === 'self' ? join(dirname(from), 'self') : nodeReader.resolve(from, rel)),
  };
  try {
    return { ok: true, loaded: loadScenario(file, reader) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e };
    throw e;
  }
}

/** Files and modification times under a folder (to show nothing was written). */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${p} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

describe('fuzzing the scenario loader', () => {
  it('has shipped scenarios to mutate', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(8);
  });

  it(`${CASES} mutants of the shipped scenarios either validate or fail with a positioned ScenarioError`, () => {
    const before = snapshot(sandbox);
    const cwdBefore = readdirSync('.').sort().join(',');
    const only = process.env.FUZZ_CASE === undefined ? -1 : Number(process.env.FUZZ_CASE);
    const byMutation = new Map<string, { valid: number; refused: number }>();
    const failures: string[] = [];
    let slowest = { ms: 0, label: '' };
    for (let c = 0; c < CASES; c++) {
      // Each case draws from its own stream, so a case can be replayed alone.
      const cs = makeStream('fuzz', c, 'case');
      const file = shipped[cs.int(shipped.length)]!;
      const n = 1 + (cs.chance(0.25) ? cs.int(3) : 0);
      let content: string | Uint8Array = original.get(file)!.toString('utf8');
      const names: string[] = [];
      for (let k = 0; k < n && typeof content === 'string'; k++) {
        const m = pick(cs, MUTATIONS);
        names.push(m.name);
        content = m.apply(cs, content, file);
      }
      if (only >= 0 && c !== only) continue;
      const label = `case ${c} (${file.slice(sandbox.length + 1)}: ${names.join(' + ')})`;
      const t0 = performance.now();
      let out: Outcome;
      try {
        out = loadMutant(file, content);
      } catch (e) {
        failures.push(`${label}: threw ${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, label };
      const tally = byMutation.get(names[0]!) ?? { valid: 0, refused: 0 };
      byMutation.set(names[0]!, tally);
      if (out.ok) {
        tally.valid++;
        if (process.env.FUZZ_SHOW_VALID && names[0]!.includes(process.env.FUZZ_SHOW_VALID)) console.log('VALID', label);
        // A valid mutant loads to a scenario with an id and a hash of its resolved document.
        if (!/^[0-9a-f]{64}$/.test(out.loaded!.sha256) || !out.loaded!.scenario.id) failures.push(`${label}: validated without a hash or id`);
        continue;
      }
      tally.refused++;
      const e = out.error!;
      if (process.env.FUZZ_SHOW && names[0]!.includes(process.env.FUZZ_SHOW) && c % 7 === 0) console.log('REFUSED', label, '\n   ', e.message.split('\n')[0]);
      if (e.problems.length === 0) failures.push(`${label}: a ScenarioError without problems`);
      for (const p of e.problems) {
        if (!(p.line > 0 || p.path !== '')) failures.push(`${label}: a problem without position or path: ${e.message.split('\n')[0]}`);
        if (!p.expected || !p.found || !p.file) failures.push(`${label}: a problem without file, expected or found: ${JSON.stringify(p)}`);
      }
      if (!/ expected .+, found .+/.test(e.message) || /\n\s+at /.test(e.message)) failures.push(`${label}: message not in the documented form: ${e.message.slice(0, 200)}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // The generator exercised every mutation, and the mix holds both outcomes.
    if (only < 0) {
      for (const m of MUTATIONS) expect(byMutation.has(m.name), m.name).toBe(true);
      const all = [...byMutation.values()];
      expect(all.reduce((a, t) => a + t.refused, 0)).toBeGreaterThan(CASES / 4);
      expect(all.reduce((a, t) => a + t.valid, 0)).toBeGreaterThan(10);
    }
    // Nothing was written.
    expect(snapshot(sandbox)).toBe(before);
    expect(readdirSync('.').sort().join(',')).toBe(cwdBefore);
    if (process.env.FUZZ_REPORT) console.log(Object.fromEntries(byMutation), slowest);
  }, LONG ? 1_800_000 : 600_000);

  it('the same seed gives the same mutants', () => {
    const gen = (c: number) => {
      const cs = makeStream('fuzz', c, 'case');
      const file = shipped[cs.int(shipped.length)]!;
      const m = pick(cs, MUTATIONS);
      const out = m.apply(cs, original.get(file)!.toString('utf8'), file);
      return typeof out === 'string' ? out : Buffer.from(out).toString('hex');
    };
    expect(gen(17)).toBe(gen(17));
    expect(gen(17)).not.toBe(gen(18));
  });
});

describe('valid mutants with extreme numbers run in checked mode', () => {
  const RUNS = LONG ? 120 : 24;
  it(`${RUNS} in-range extremes run 3 months without an exception or a broken invariant`, () => {
    const failures: string[] = [];
    let ran = 0;
    for (let c = 0; ran < RUNS && c < RUNS * 40; c++) {
      const cs = makeStream('fuzz-extremes', c, 'case');
      const file = shipped[cs.int(shipped.length)]!;
      const data = YAML.parse(original.get(file)!.toString('utf8')) as Record<string, unknown>;
      const nums = numericPaths(leaves(data).filter(([p]) => p.length > 0 && p[0] !== 'sample' && p[0] !== 'horizon_months' && p[0] !== 'replications'));
      if (nums.length === 0) continue;
      const [p] = pick(cs, nums);
      setAt(data, p, pick(cs, [0, 1e-6, 0.5, 0.999, 1, 2, 8, 12, 50, 120, 1e4, 1e6, 1e7]));
      const out = loadMutant(file, YAML.stringify(data));
      if (!out.ok) continue; // out of range: refused, as it should be
      ran++;
      const label = `extreme ${c}: ${file.slice(sandbox.length + 1)} ${p.join('.')} = ${getLeaf(data, p)}`;
      try {
        checkedReplication(out.loaded!.scenario, { replication: 0, seed: 1, sample: 0.0002, months: 3 });
      } catch (e) {
        failures.push(`${label}: ${e instanceof InvariantBreach ? e.message : `threw ${(e as Error).name}: ${(e as Error).message}`}`);
      }
    }
    expect(ran).toBe(RUNS);
    expect(failures).toEqual([]);
  });
});

// ---- comparison files, sweep files and manifests (issue 18) ---------------------------------

/**
 * The same text mutations thrown at the other files megasim reads: the
 * shipped comparison and sweep files (through loadComparisonFile and
 * loadSweep, as `compare` and `sweep` read them) and the manifest of a small
 * run (through `verify`'s folder check). Each must load, or fail with a
 * ScenarioError or an InputError (exit 2) or, for a manifest, a verify
 * failure (exit 1): never another exception, never a run away.
 */
describe('fuzzing comparison files, sweep files and manifests', () => {
  const OTHER_CASES = LONG ? 2_000 : 240;
  const box = mkdtempSync(join(tmpdir(), 'megasim-fuzz-other-'));
  for (const d of ['cities', 'policies', 'comparisons', 'sweeps']) {
    if (!existsSync(join('scenarios', d))) continue;
    mkdirSync(join(box, d), { recursive: true });
    for (const f of readdirSync(join('scenarios', d))) if (/\.ya?ml$/.test(f)) copyFileSync(join('scenarios', d, f), join(box, d, f));
  }
  const kinds = ['comparisons', 'sweeps'].filter((d) => existsSync(join(box, d)));
  const sources = kinds.flatMap((d) => readdirSync(join(box, d)).map((f) => join(box, d, f))).sort();

  const allowed = async (e: unknown) => {
    const { InputError } = await import('../../sim/scenario/errors.ts');
    const { VerifyInputError } = await import('../../sim/run/verify.ts');
    return e instanceof ScenarioError || e instanceof InputError || e instanceof VerifyInputError;
  };

  it(`${OTHER_CASES} mutants of the shipped comparison and sweep files load or fail with a message`, async () => {
    const { loadComparisonFile } = await import('../../sim/scenario/comparisonFile.ts');
    const { loadSweep } = await import('../../sim/run/sweep.ts');
    const failures: string[] = [];
    let refused = 0;
    for (let c = 0; c < OTHER_CASES; c++) {
      const cs = makeStream('fuzz-other', c, 'case');
      const src = sources[cs.int(sources.length)]!;
      const m = pick(cs, MUTATIONS);
      const content = m.apply(cs, readFileSync(src, 'utf8'), src);
      const target = join(dirname(src), `mutant-${c}.yaml`);
      writeFileSync(target, content);
      try {
        if (src.includes('/sweeps/')) loadSweep(target);
        else loadComparisonFile(target);
      } catch (e) {
        if (!(await allowed(e))) failures.push(`case ${c} (${src.slice(box.length + 1)}: ${m.name}): threw ${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
        else if (!(e as Error).message.trim()) failures.push(`case ${c}: an empty message`);
        else refused++;
      } finally {
        rmSync(target, { force: true });
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(refused).toBeGreaterThan(OTHER_CASES / 4);
  }, 300_000);

  it('mutants of a run manifest are refused (exit 2) or fail verify (exit 1), never crash', async () => {
    const { spawnSync } = await import('node:child_process');
    const ref = join(box, 'run');
    const r = spawnSync(process.execPath, ['bin/megasim.mjs', 'run', 'scenarios/cities/wuhan-2020.yaml', '--sample', '0.0002', '--months', '2', '--out', ref], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { verifyFolder } = await import('../../sim/run/verifyFolder.ts');
    const manifest = readFileSync(join(ref, 'manifest.json'), 'utf8');
    const failures: string[] = [];
    const outcomes = { refused: 0, failed: 0, ok: 0 };
    const N = LONG ? 400 : 60;
    for (let c = 0; c < N; c++) {
      const cs = makeStream('fuzz-manifest', c, 'case');
      const m = pick(cs, MUTATIONS);
      const d = join(box, `m-${c}`);
      cpSync(ref, d, { recursive: true });
      const out = m.apply(cs, manifest, join(d, 'manifest.json'));
      writeFileSync(join(d, 'manifest.json'), out);
      try {
        const v = await verifyFolder(d);
        if (v.ok) outcomes.ok++;
        else outcomes.failed++;
        if (!v.ok && !v.message) failures.push(`case ${c} (${m.name}): a failure without a message`);
      } catch (e) {
        if (await allowed(e)) outcomes.refused++;
        else failures.push(`case ${c} (${m.name}): threw ${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
      }
      rmSync(d, { recursive: true, force: true });
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // A changed manifest is never accepted unless the mutation left its meaning intact (e.g. whitespace).
    expect(outcomes.refused + outcomes.failed).toBeGreaterThan(N / 2);
  }, 600_000);
});
