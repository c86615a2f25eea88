import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import {
  designPoints,
  finishedRuns,
  gridValues,
  keptValues,
  loadSweep,
  parseShard,
  parseSweepText,
  resolveParameterPath,
  runSweep,
  shardRuns,
  SweepInputError,
  type SweepFile,
} from '../../sim/run/sweep.ts';
import { mergeSweeps } from '../../sim/run/merge.ts';
import { rowsOf } from '../../sim/run/rows.ts';
import { mergeAndPublish, sweepAndPublish } from '../../viz/publish/sweep.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { sweepEffect, sweepTornado, parameterEffect, sensitivities, type SweepChartData } from '../../viz/charts/sweep.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { inProcess } from '../helpers.ts';

const BASE = resolve('scenarios/policies/chongqing-differentiated.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'megasim-sweep-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

/** A small sweep: 2 × 2 points × 2 seeds = 8 runs of 13 months at sample 0.0003 (about 8,700 agents). */
function smallSweep(dir: string, extra = ''): string {
  const f = join(dir, 'small.yaml');
  writeFileSync(
    f,
    `id: small
title: small test sweep
scenario: ${BASE}
parameters:
  - path: policies.differentiated.apply_rate
    values: [0.01, 0.06]
  - path: city.zones.core.rent_yuan_month
    label: core rent
    range: [800, 1400]
    steps: 2
seeds: [3, 4]
months: 13
sample: 0.0003
indicators:
  names: [hukou_share, settlements, residents, zone_population]
  at: [yearly, horizon]
  zones: true
${extra}`,
  );
  return f;
}

/**
 * One small sweep file shared by the tests that compare against its unsharded run, and that run,
 * made once (the first test to ask runs it; the file's tests run in order).
 */
const SHARED_DIR = tmp();
const SHARED = smallSweep(SHARED_DIR);
let wholeRun: ReturnType<typeof sweepAndPublish> | undefined;
const wholeSweep = () => (wholeRun ??= sweepAndPublish(SHARED, { out: join(SHARED_DIR, 'whole'), progress: false }));

const folderBytes = (dir: string): Record<string, Buffer> => {
  const out: Record<string, Buffer> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name));
    }
  };
  walk(dir, '');
  return out;
};

describe('sweep file and design', () => {
  const base = loadScenarioFile(BASE);

  it('resolves parameter paths through the scenario schema, list elements by id', () => {
    expect(resolveParameterPath('policies.differentiated.apply_rate', base.resolved).leaf).toBe('number');
    expect(resolveParameterPath('city.zones.core.rent_yuan_month', base.resolved).steps).toEqual([{ key: 'city' }, { key: 'zones' }, { id: 'core' }, { key: 'rent_yuan_month' }]);
    expect(resolveParameterPath('city.labour.formal_share_by_education.3', base.resolved).steps[3]).toEqual({ index: 3 });
  });

  it('refuses a wrong path, naming it and what was expected', () => {
    expect(() => resolveParameterPath('city.arrivals.base_rate', base.resolved)).toThrow(/parameter path "city.arrivals.base_rate".*did you mean "base_rate_year"/);
    expect(() => resolveParameterPath('city.zones.centre.rent_yuan_month', base.resolved)).toThrow(/an element id \(core, expansion/);
    expect(() => resolveParameterPath('city.arrivals', base.resolved)).toThrow(/a single value .* found a block of settings/);
    expect(() => resolveParameterPath('city.arrivals.base_rate_year.x', base.resolved)).toThrow(/the path ends at the previous segment/);
  });

  it('enumerates a grid with the first parameter slowest', () => {
    const def = parseSweepText('t', `id: g\ntitle: g\nscenario: x\nparameters:\n  - {path: a, values: [1, 2]}\n  - {path: b, range: [0, 1], steps: 3}\nseeds: [1]\nindicators: {names: [residents]}\n`);
    expect(designPoints(def)).toEqual([[1, 0], [1, 0.5], [1, 1], [2, 0], [2, 0.5], [2, 1]]);
    expect(gridValues({ path: 'c', range: [1, 100], steps: 3, scale: 'log', integer: false })).toEqual([1, 10, 100]);
  });

  it('draws a Latin hypercube: one value in each of n strata per parameter, fixed by its seed', () => {
    const text = (seed: number) => `id: l\ntitle: l\nscenario: x\ndesign: {latin_hypercube: {n: 10, seed: ${seed}}}\nparameters:\n  - {path: a, range: [0, 1]}\n  - {path: b, range: [10, 20]}\nseeds: {from: 1, count: 2}\nindicators: {names: [residents]}\n`;
    const pts = designPoints(parseSweepText('t', text(5)));
    expect(pts).toHaveLength(10);
    for (const [j, [lo, hi]] of [[0, [0, 1]], [1, [10, 20]]] as const) {
      const strata = pts.map((p) => Math.floor((((p[j] as number) - lo) / (hi - lo)) * 10)).sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(designPoints(parseSweepText('t', text(5)))).toEqual(pts);
    expect(designPoints(parseSweepText('t', text(6)))).not.toEqual(pts);
  });

  it('reports sweep-file mistakes with file, line and path', () => {
    const bad = `id: b\ntitle: b\nscenario: x\nparameters:\n  - {path: a, values: [1], range: [0, 1]}\nseeds: [1]\nindicators: {names: [residents]}\n`;
    try {
      parseSweepText('bad.yaml', bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as Error).message).toMatch(/bad\.yaml:5:\d+: at parameters\[0\] expected exactly one of `values` or `range`, found both/);
    }
  });

  it('shards partition the runs: run mod N = K', () => {
    const all = [0, 1, 2].flatMap((k) => shardRuns(10, { k, n: 3 }));
    expect(all.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(shardRuns(10, { k: 1, n: 3 })).toEqual([1, 4, 7]);
    expect(parseShard('2/8')).toEqual({ k: 2, n: 8 });
    expect(() => parseShard('8/8')).toThrow(SweepInputError);
    expect(() => parseShard('1-4')).toThrow(/K\/N/);
  });

  it('keeps stocks at the month, sums flows over the span, and leaves out values never recorded', () => {
    const dir = tmp();
    const sw = loadSweep(smallSweep(dir));
    expect(sw.totalRuns).toBe(8);
    expect(sw.reportMonths).toEqual([12, 13]);
    const I = (n: string) => [...INDICATOR_BY_NAME.keys()].indexOf(n);
    const rec = { month: [] as number[], indicator: [] as number[], zone: [] as number[], value: [] as number[] };
    for (let m = 0; m <= 13; m++) {
      rec.month.push(m, m, m);
      rec.indicator.push(I('residents'), I('settlements'), I('zone_population'));
      rec.zone.push(-1, -1, 0);
      rec.value.push(1000 + m, 10, 500 + m);
    }
    const kept = keptValues(sw, rowsOf(rec.month, rec.indicator, rec.zone, rec.value)).map((r) => `${r.month} ${r.indicator.name} ${r.zone} ${r.value}`);
    expect(kept).toEqual(['12 settlements -1 120', '12 residents -1 1012', '12 zone_population 0 512', '13 settlements -1 10', '13 residents -1 1013', '13 zone_population 0 513']);
  });
});

describe('sweep runs, shards, merge and resume', () => {
  it('a small sweep unsharded and as 3 shards + merge (one shard on 2 workers) give the same bytes', async () => {
    const dir = tmp();
    const file = SHARED;
    const whole = await wholeSweep();
    expect(whole.complete).toBe(true);
    expect(whole.ran).toBe(8);
    const shards = [];
    for (let k = 0; k < 3; k++) {
      // Shard 1 runs its runs two at a time on worker threads: results must not depend on it.
      const r = await sweepAndPublish(file, { out: join(dir, `shard${k}`), shard: `${k}/3`, progress: false, workers: k === 1 ? 2 : 1 });
      expect(r.complete).toBe(false);
      expect(r.ran).toBe(shardRuns(8, { k, n: 3 }).length);
      expect(existsSync(join(r.out, 'results.csv'))).toBe(false);
      shards.push(r.out);
    }
    await mergeAndPublish(shards, join(dir, 'merged'), false);
    const a = folderBytes(whole.out);
    const b = folderBytes(join(dir, 'merged'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expect(b[k]!.equals(a[k]!), k).toBe(true);
    const results = a['results.csv']!.toString();
    expect(results.split('\n')[0]).toBe('run,point,seed,policies.differentiated.apply_rate,city.zones.core.rent_yuan_month,month,indicator,zone,value');
    // Different points give different results (the parameters reach the model).
    const hukou = results.split('\n').filter((l) => l.includes(',13,hukou_share,all,')).map((l) => l.split(',').pop());
    expect(new Set(hukou).size).toBeGreaterThan(1);
    expect(Object.keys(a).some((k) => k.startsWith('charts/tornado-'))).toBe(true);

    // merge refuses an incomplete set, naming the missing runs, and writes nothing.
    await expect(mergeAndPublish(shards.slice(0, 2), join(dir, 'partial'), false)).rejects.toThrow(/missing runs 2, 5/);
    expect(existsSync(join(dir, 'partial'))).toBe(false);
  });

  it('a sweep killed after its first run file, then resumed, gives the same merged bytes and redoes nothing', async () => {
    const dir = tmp();
    const file = SHARED;
    const out = join(dir, 'killed');
    const child = spawn(process.execPath, ['bin/megasim.mjs', 'sweep', file, '--out', out], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    const runsDir = join(out, 'runs');
    // Killed as soon as a run is finished (its file in place and its digest line written: a file renamed into
    // place whose digest line the kill prevented is redone on resume, rightly); no wall-clock limit (if the
    // sweep ends first, the test fails on it).
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((res, rej) => {
      const poll = setInterval(() => {
        if (existsSync(runsDir) && finishedRuns(out).size > 0) {
          clearInterval(poll);
          child.kill('SIGKILL');
          res();
        }
      }, 10);
      void exited.then(() => {
        clearInterval(poll);
        rej(new Error('the sweep ended before it was killed'));
      });
    });
    await exited;
    // The runs finished before the kill (a later run's file may be in place without its digest line).
    const before = [...finishedRuns(out).keys()].map((r) => `${r}.csv`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(8);
    expect(existsSync(join(out, 'results.csv'))).toBe(false);
    // Without --resume the folder is refused.
    const refused = cli('sweep', file, '--out', out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--resume');
    const redone: number[] = [];
    const r = await sweepAndPublish(file, { out, resume: true, progress: false, onRun: (run) => redone.push(run) });
    expect(r.complete).toBe(true);
    expect(r.skipped).toBe(before.length);
    for (const f of before) expect(redone).not.toContain(Number(f.replace('.csv', '')));
    const whole = await wholeSweep();
    const a = folderBytes(whole.out);
    const b = folderBytes(out);
    for (const k of Object.keys(a)) expect(b[k]?.equals(a[k]!), k).toBe(true);
  });

  it('refuses to resume into a folder of another sweep', async () => {
    const dir = tmp();
    const a = smallSweep(dir);
    const out = join(dir, 'o');
    await runSweep(a, { out, shard: '0/4', progress: false });
    const other = join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(a, 'utf8').replace('seeds: [3, 4]', 'seeds: [5, 6]'));
    await expect(runSweep(other, { out, resume: true, progress: false })).rejects.toThrow(/holds a different sweep/);
    // A folder with files but no sweep.json (e.g. a run folder) is not resumed into.
    const runDir = join(dir, 'a-run');
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'manifest.json'), '{}');
    await expect(runSweep(a, { out: runDir, resume: true, progress: false })).rejects.toThrow(/no sweep\.json: it is not a sweep folder/);
    expect(readdirSync(runDir)).toEqual(['manifest.json']);
  });
});

describe('megasim sweep: bad input exits 2 before running', () => {
  // main() in this process: the exit code it returns is the process's (bin/megasim.mjs); test/scenario/errors.test.ts checks exit 2 through real processes.
  it('names a wrong parameter path', async () => {
    const dir = tmp();
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, readFileSync(smallSweep(dir), 'utf8').replace('path: city.zones.core.rent_yuan_month', 'path: city.zones.core.rent_yuan'));
    const r = await inProcess('sweep', f, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parameter path "city\.zones\.core\.rent_yuan".*did you mean "rent_yuan_month"/);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });
  it('names an unknown indicator and a value the schema refuses', async () => {
    const dir = tmp();
    const f = join(dir, 'bad.yaml');
    const text = readFileSync(smallSweep(dir), 'utf8');
    writeFileSync(f, text.replace('names: [hukou_share,', 'names: [hukou_shares,'));
    const r = await inProcess('sweep', f, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown indicator "hukou_shares" \(did you mean "hukou_share"\?\)/);
    writeFileSync(f, text.replace('values: [0.01, 0.06]', 'values: [0.01, 7]'));
    const r2 = await inProcess('sweep', f, '--out', join(dir, 'o'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/policies\.differentiated\.apply_rate = 7 does not give a valid scenario/);
  });
});

describe('sweep charts', () => {
  const def = (n: string) => INDICATOR_BY_NAME.get(n)!;
  const runs = [];
  let run = 0;
  for (const a of [1, 2, 3]) for (const b of [10, 20]) for (const seed of [1, 2]) runs.push({ run: run++, point: 0, seed, params: [a, b], values: { residents: 100 * a + b + seed, hukou_share: 0.5 - 0.01 * b } });
  const data: SweepChartData = {
    id: 'sw<1>',
    title: 'A & B',
    parameters: [{ path: 'p.a', label: 'alpha' }, { path: 'p.b', label: 'beta' }],
    indicators: [def('residents'), def('hukou_share')],
    runs,
    month: 12,
    monthLabel: '2011-07',
    seeds: 2,
    sources: ['test'],
  };

  it('groups runs by parameter value, with bands across seeds and other parameters', () => {
    const g = parameterEffect(data, 0, 'residents');
    expect(g.map((x) => x.x)).toEqual([1, 2, 3]);
    expect(g[0]!.mean).toBeCloseTo(100 + 15 + 1.5);
    expect(g[0]!.n).toBe(4);
    expect(g[0]!.q95).toBeGreaterThan(g[0]!.q05);
  });

  it('ranks the parameters by their main effect', () => {
    const s = sensitivities(data, 'residents');
    expect(s.map((x) => x.j)).toEqual([0, 1]);
    expect(s[0]!.effect).toBeCloseTo(200);
    expect(s[1]!.effect).toBeCloseTo(10);
    expect(sensitivities(data, 'hukou_share')[0]!.effect).toBeCloseTo(-0.1);
  });

  it('draws SVG with series groups, marks, units and escaped text', () => {
    const doc = new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
    const e = sweepEffect(doc, data, { parameter: 0 });
    expect(e.querySelector('g.series')?.getAttribute('data-scenario')).toBe('sw<1>');
    expect(e.querySelectorAll('.mark.line')).toHaveLength(2);
    expect(e.querySelectorAll('.mark.point')).toHaveLength(6);
    expect(e.querySelectorAll('.mark.band').length).toBeGreaterThan(0);
    expect(e.textContent).toContain('persons');
    const t = sweepTornado(doc, data, { indicator: 'hukou_share' });
    const bars = [...t.querySelectorAll('g.series .mark.bar')];
    expect(bars.map((b) => b.getAttribute('data-parameter'))).toEqual(['p.b', 'p.a']);
    expect(t.textContent).toContain('beta');
    expect(t.textContent).toContain('share');
    const xml = new (doc.defaultView!.XMLSerializer)().serializeToString(e);
    expect(xml).toContain('A &amp; B');
    expect(xml).not.toContain('A & B');
  });

  it('a sweep file in scenarios/sweeps loads', () => {
    const sw = loadSweep('scenarios/sweeps/chongqing-differentiated.yaml');
    expect(sw.totalRuns).toBe(sw.points.length * sw.seeds.length);
    const d: SweepFile = sw.def;
    expect(d.parameters.length).toBeGreaterThan(1);
  });
});

describe('docs/cluster.md recipes', () => {
  const doc = readFileSync('docs/cluster.md', 'utf8');
  const blocks = [...doc.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
  const slurm = blocks.find((b) => b.lang === 'bash' && b.text.includes('#SBATCH --array'))!.text;
  const k8s = blocks.find((b) => b.lang === 'yaml' && b.text.includes('completionMode: Indexed'))!.text;

  it('the Slurm array script, run as tasks 0..2 of 3, gives shards that merge into the unsharded sweep', async () => {
    const dir = tmp();
    const file = SHARED;
    const script = join(dir, 'sweep.slurm');
    writeFileSync(script, slurm);
    for (let k = 0; k < 3; k++) {
      const r = spawnSync('bash', [script], {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_COUNT: '3', SWEEP: file, OUT: join(dir, 'out'), MEGASIM_DIR: process.cwd() },
      });
      expect(r.status, r.stderr).toBe(0);
    }
    await mergeSweeps([0, 1, 2].map((k) => join(dir, 'out', `shard-${k}-of-3`)), join(dir, 'merged'), false);
    const whole = await wholeSweep();
    expect(readFileSync(join(dir, 'merged', 'results.csv')).equals(readFileSync(join(whole.out, 'results.csv')))).toBe(true);
  });

  it('the Kubernetes Indexed Job uses its completion index as K and its completions as N', async () => {
    const { parseAllDocuments } = await import('yaml');
    const job = parseAllDocuments(k8s)
      .map((d) => d.toJS())
      .find((d) => d.kind === 'Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const c = job.spec.template.spec.containers[0];
    const args: string = c.args[0];
    const n = Number(/--shard "\$\{JOB_COMPLETION_INDEX\}\/(\d+)"/.exec(args)?.[1]);
    expect(n).toBe(job.spec.completions);
    expect(args).toContain('--resume');
    const mount = c.volumeMounts[0].mountPath;
    expect(args).toContain(`--out "${mount}/`);
    expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('megasim-results');
    // The pod command itself, run here as index 1 of a small sweep.
    const dir = tmp();
    const cmd = args.replace('scenarios/sweeps/chongqing-differentiated.yaml', smallSweep(dir)).replaceAll(mount, dir);
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, CI: 'true', JOB_COMPLETION_INDEX: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const shardDir = join(dir, 'chongqing-differentiated-sweep', `shard-1-of-${n}`);
    expect(readdirSync(join(shardDir, 'runs')).filter((f) => f !== 'digests.sha256')).toEqual(shardRuns(8, { k: 1, n }).map((run) => `${String(run).padStart(6, '0')}.csv`));
  });
});
