/**
 * Issue 18, "nothing lost, nothing faked": each numbered item of the issue
 * has a test here (items 11 and 12 are the scenario readers' and are tested
 * with them). Kills go through the crash hook (MEGASIM_CRASH_AT, SIGKILL at
 * a named file), the pause hook (MEGASIM_PAUSE_BEFORE_COMMIT, then a real
 * signal from outside) or real signals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, inProcess } from '../helpers.ts';
import { snapshot } from '../folders.ts';
import { sha256 } from '../../sim/engine/digest.ts';
import { canonicalJson } from '../../sim/scenario/load.ts';
import { csvField } from '../../sim/run/csv.ts';
import { sourceTreeSha256 } from '../../sim/run/source.ts';
import { Schedule } from '../../sim/engine/schedule.ts';

/** Extra cases of items already covered run with MEGASIM_LONG=1 only (the default suite stays short). */
const LONG = process.env.MEGASIM_LONG === '1';
const SCENARIO = 'scenarios/cities/wuhan-2020.yaml';
const SMALL = ['--sample', '0.0002', '--months', '4', '--seed', '4'];
/** Two scenarios with the same start month, for compare. */
const PAIR = ['scenarios/policies/wuhan-grid-baseline.yaml', 'scenarios/policies/wuhan-grid-reform.yaml'];
const root = mkdtempSync(join(tmpdir(), 'megasim-robust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Files megasim left beside a folder (staging, old copy, lock). */
const leftovers = (out: string) => readdirSync(resolve(out, '..')).filter((f) => f.startsWith(`.${basename(out)}.megasim-`));

/** A finished small run, made once and copied for each test that changes one. */
const REF = join(root, 'ref');
beforeAll(async () => {
  const r = await mega(['run', SCENARIO, ...SMALL, '--out', REF]);
  if (r.status !== 0) throw new Error(r.stderr);
});
let n = 0;
const copyOf = (dir = REF) => {
  const d = join(root, `copy-${n++}`);
  cpSync(dir, d, { recursive: true });
  return d;
};
/**
 * The command: in this process (fast), with `env` set in process.env for the
 * call (the memory hook, MEGASIM_MEMORY_LIMIT_MB, is read when a run is
 * planned), unless it uses the crash hook (MEGASIM_CRASH_AT: a SIGKILL), which
 * needs a child process, as a user runs it.
 */
async function mega(args: string[], env?: Record<string, string>): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  if (env?.MEGASIM_CRASH_AT !== undefined) return cli(args, env);
  const saved = Object.keys(env ?? {}).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, env);
  try {
    const r = await inProcess(...args);
    return { status: r.code, signal: null, stdout: r.stdout, stderr: r.stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Months simulated (Schedule.runMonth calls in this process) while `f` runs: 0 shows a refusal came before any simulating. */
async function monthsSimulatedBy<T>(f: () => Promise<T>): Promise<{ result: T; months: number }> {
  const original = Schedule.prototype.runMonth;
  let months = 0;
  Schedule.prototype.runMonth = function (this: Schedule<unknown>, ...a: Parameters<typeof original>) {
    months++;
    return original.apply(this, a);
  } as typeof original;
  try {
    return { result: await f(), months };
  } finally {
    Schedule.prototype.runMonth = original;
  }
}
const verify = (dir: string, env?: Record<string, string>) => mega(['verify', dir], env);

/** A tiny sweep: 2 points × 1 seed of 3 months. */
function tinySweep(dir: string, body = ''): string {
  mkdirSync(dir, { recursive: true });
  const f = join(dir, 'tiny.yaml');
  writeFileSync(
    f,
    body ||
      `id: tiny
title: tiny sweep
scenario: ${resolve(SCENARIO)}
parameters:
  - path: city.arrivals.base_rate_year
    values: [0.02, 0.04]
seeds: [1]
months: 3
sample: 0.0002
indicators:
  names: [residents, settlements]
`,
  );
  return f;
}

describe('1. --force replaces only what megasim wrote, and only once the new work is ready', () => {
  it('sweep --force into a folder that is not a megasim output: exit 2, nothing touched', async () => {
    const d = join(root, 'not-a-sweep');
    mkdirSync(join(d, 'runs', 'important'), { recursive: true });
    writeFileSync(join(d, 'runs', 'important', 'data.txt'), 'precious');
    const before = snapshot(d);
    const r = await mega(['sweep', tinySweep(join(root, 'sw1')), '--out', d, '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds files that megasim did not write');
    expect(snapshot(d)).toEqual(before);
  });

  it('sweep --force over a finished sweep that stops on the memory estimate: the old sweep is whole', async () => {
    const f = tinySweep(join(root, 'sw2'));
    const d = join(root, 'sweep-mem');
    expect((await mega(['sweep', f, '--out', d])).status).toBe(0);
    const before = snapshot(d);
    const r = await mega(['sweep', f, '--out', d, '--force'], { MEGASIM_MEMORY_LIMIT_MB: '1' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Nothing was allocated or written');
    expect(snapshot(d)).toEqual(before);
    expect((await verify(d)).status).toBe(0);
  });

  it.runIf(LONG)("sweep --force over a megasim sweep keeps the user's own files in it", async () => {
    const f = tinySweep(join(root, 'sw3'));
    const d = join(root, 'sweep-user');
    expect((await mega(['sweep', f, '--out', d])).status).toBe(0);
    mkdirSync(join(d, 'runs', 'important'));
    writeFileSync(join(d, 'runs', 'important', 'data.txt'), 'precious');
    const r = await mega(['sweep', f, '--out', d, '--force']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(d, 'runs', 'important', 'data.txt'), 'utf8')).toBe('precious');
    expect(leftovers(d)).toEqual([]);
  });

  it("run --force keeps a user's own charts/*.svg and replaces megasim's", async () => {
    const d = copyOf();
    writeFileSync(join(d, 'charts', 'mine.svg'), '<svg/>');
    const r = await mega(['run', SCENARIO, ...SMALL.slice(0, 4), '--seed', '5', '--out', d, '--force']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(d, 'charts', 'mine.svg'), 'utf8')).toBe('<svg/>');
    expect(JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')).seed).toBe(5);
    expect((await verify(d)).status).toBe(0);
    expect(leftovers(d)).toEqual([]);
  });

  it('run --force into a folder of files megasim did not write: exit 2, nothing touched', async () => {
    const d = join(root, 'user-folder');
    mkdirSync(join(d, 'charts'), { recursive: true });
    writeFileSync(join(d, 'charts', 'mine.svg'), '<svg/>');
    writeFileSync(join(d, 'notes.txt'), 'mine');
    const before = snapshot(d);
    const r = await mega(['run', SCENARIO, ...SMALL, '--out', d, '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--force replaces only a megasim output folder');
    expect(snapshot(d)).toEqual(before);
  });
});

describe('2. a killed or interrupted run --force leaves the old folder whole', () => {
  it('SIGKILL right after the new manifest.json: the old folder is unchanged and verifies', async () => {
    const d = copyOf();
    const before = snapshot(d);
    const r = await mega(['run', SCENARIO, ...SMALL.slice(0, 4), '--seed', '6', '--out', d, '--force'], { MEGASIM_CRASH_AT: 'manifest.json+' });
    expect(r.signal).toBe('SIGKILL');
    expect(snapshot(d)).toEqual(before);
    expect((await verify(d)).status).toBe(0);
    // The next forced run clears the dead run's staging folder and lock.
    expect((await mega(['run', SCENARIO, ...SMALL.slice(0, 4), '--seed', '6', '--out', d, '--force'])).status).toBe(0);
    expect(leftovers(d)).toEqual([]);
  });

  it('a real SIGINT just before the swap: exit 130, the old folder unchanged, nothing left beside it', async () => {
    const d = copyOf();
    const before = snapshot(d);
    const go = join(root, `never-${n++}`);
    const child = spawn(process.execPath, ['bin/megasim.mjs', 'run', SCENARIO, ...SMALL.slice(0, 4), '--seed', '7', '--out', d, '--force'], {
      env: { ...process.env, CI: 'true', MEGASIM_PAUSE_BEFORE_COMMIT: go },
    });
    let err = '';
    child.stderr.on('data', (b) => {
      err += String(b);
      if (err.includes('paused before commit')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code).toBe(130);
    expect(err).toContain('stopped by SIGINT');
    expect(snapshot(d)).toEqual(before);
    expect(leftovers(d)).toEqual([]);
    expect((await verify(d)).status).toBe(0);
  });
});

describe('3. verify checks every recorded file and the manifest against its resolved scenario', () => {
  const edit = (d: string, f: (m: Record<string, any>) => void) => {
    const p = join(d, 'manifest.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    f(m);
    writeFileSync(p, JSON.stringify(m, null, 2) + '\n');
  };
  const firstChart = () => readdirSync(join(REF, 'charts')).sort()[0]!;
  const cases: [string, (d: string) => void, RegExp][] = [
    ['summary.json edited', (d) => writeFileSync(join(d, 'summary.json'), readFileSync(join(d, 'summary.json'), 'utf8').replace(/"months": 4/, '"months": 5')), /summary\.json was changed/],
    ['summary.json deleted', (d) => rmSync(join(d, 'summary.json')), /summary\.json is missing/],
    ['report.html edited', (d) => writeFileSync(join(d, 'report.html'), readFileSync(join(d, 'report.html'), 'utf8').replace('Reproduce', 'Reproduse')), /report\.html was changed/],
    ['report.html deleted', (d) => rmSync(join(d, 'report.html')), /report\.html is missing/],
    ['a chart edited', (d) => writeFileSync(join(d, 'charts', firstChart()), readFileSync(join(d, 'charts', firstChart()), 'utf8') + ' '), /charts\/.*\.svg was changed/],
    ['a chart deleted', (d) => rmSync(join(d, 'charts', firstChart())), /charts\/.*\.svg is missing/],
    ['the title', (d) => edit(d, (m) => (m.scenario.title = 'Another city')), /edited manifest: the manifest's scenario\.title "Another city" is not its resolved scenario's/],
    ['a zone name', (d) => edit(d, (m) => (m.scenario.resolved.city.zones[0].name = 'Elsewhere')), /edited manifest: the manifest's scenario\.sha256 .* is not its resolved scenario's/],
    ['scenario.sha256', (d) => edit(d, (m) => (m.scenario.sha256 = '0'.repeat(64))), /edited manifest: the manifest's scenario\.sha256/],
    ['outputs (an entry dropped)', (d) => edit(d, (m) => delete m.outputs['summary.json']), /edited manifest: the manifest's outputs do not record summary\.json/],
    ['outputs (a chart dropped)', (d) => edit(d, (m) => delete m.outputs[`charts/${firstChart()}`]), /the repeated run draws it, but the manifest does not record it/],
    ['megasim_version', (d) => edit(d, (m) => (m.megasim_version = '9.9.9')), /written by megasim "9\.9\.9"; this is megasim/],
    ['start', (d) => edit(d, (m) => (m.start = '1999-01')), /edited manifest: the manifest's start "1999-01" is not its resolved scenario's "2020-/],
    ['seed', (d) => edit(d, (m) => (m.seed = 5)), /the manifest was edited:[\s\S]*the manifest's seed 5 is not summary\.json's 4/],
  ];
  it.each(cases)('%s: exit 1 naming it', async (_what, change, message) => {
    const d = copyOf();
    change(d);
    const r = await verify(d);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('engine or platform difference');
  });
});

describe('4. two runs into the same new --out', () => {
  it('while one holds the folder, a second exits 2 naming it; the first then finishes and verifies', async () => {
    const d = join(root, 'race-held');
    const go = join(root, 'race-go');
    const first = spawn(process.execPath, ['bin/megasim.mjs', 'run', SCENARIO, ...SMALL, '--out', d], { env: { ...process.env, CI: 'true', MEGASIM_PAUSE_BEFORE_COMMIT: go } });
    let err = '';
    const paused = new Promise<void>((res) => first.stderr.on('data', (b) => ((err += String(b)), err.includes('paused before commit') && res())));
    const done = new Promise<number | null>((res) => first.on('exit', (c) => res(c)));
    await paused;
    const second = await mega(['run', SCENARIO, ...SMALL.slice(0, 4), '--seed', '8', '--out', d]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/another megasim \(process \d+\) is writing/);
    writeFileSync(go, '');
    expect(await done).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')).seed).toBe(4);
    expect((await verify(d)).status).toBe(0);
    expect(leftovers(d)).toEqual([]);
  });

  it.runIf(LONG)('started together: exactly one succeeds, the other exits 2, and the folder is one whole run', async () => {
    for (let k = 0; k < 1; k++) {
      const d = join(root, `race-${k}`);
      const start = (seed: string) =>
        new Promise<{ code: number | null; err: string }>((res) => {
          const c = spawn(process.execPath, ['bin/megasim.mjs', 'run', SCENARIO, ...SMALL.slice(0, 4), '--seed', seed, '--out', d], { env: { ...process.env, CI: 'true' } });
          let err = '';
          c.stderr.on('data', (b) => (err += String(b)));
          c.on('exit', (code) => res({ code, err }));
        });
      const [a, b] = await Promise.all([start('4'), start('9')]);
      expect([a.code, b.code].sort()).toEqual([0, 2]);
      expect((await verify(d)).status).toBe(0);
      expect(leftovers(d)).toEqual([]);
    }
  }, 120_000);
});

describe('5 and 6. comparison folders: kills, verify of the whole folder and of each member', () => {
  const CMP = join(root, 'cmp');
  beforeAll(async () => {
    const r = await mega(['compare', ...PAIR, '--seeds', '1..2', '--sample', '0.0002', '--months', '3', '--workers', '1', '--out', CMP]);
    if (r.status !== 0) throw new Error(r.stderr);
  }, 120_000);

  it('verify accepts a comparison folder, repeating every member', async () => {
    const r = await verify(CMP);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/verified: comparison digest [0-9a-f]{64} \(4 member runs repeated/);
  });

  it('a member changed: exit 1 naming the member; comparison.csv changed: named', async () => {
    const d = copyOf(CMP);
    const member = 'runs/wuhan-grid-reform/seed-2/indicators.csv';
    writeFileSync(join(d, member), readFileSync(join(d, member), 'utf8').replace(/,residents,all,(\d)/, ',residents,all,9$1'));
    const r = await verify(d);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${member} was changed`);
    const e = copyOf(CMP);
    writeFileSync(join(e, 'comparison.csv'), readFileSync(join(e, 'comparison.csv'), 'utf8') + '\n');
    expect((await verify(e)).stderr).toContain('comparison.csv was changed');
  });

  it('compare --force killed mid-write leaves the old comparison whole (and it verifies)', async () => {
    const d = copyOf(CMP);
    const before = snapshot(d);
    const r = await mega(['compare', ...PAIR, '--seeds', '3..4', '--sample', '0.0002', '--months', '3', '--workers', '1', '--out', d, '--force'], { MEGASIM_CRASH_AT: 'comparison.csv' });
    expect(r.signal).toBe('SIGKILL');
    expect(snapshot(d)).toEqual(before);
    expect((await verify(d)).status).toBe(0);
  }, 120_000);
});

describe('6 and 7. sweep folders: verify, leftovers, run files checked by digest', () => {
  it('verify accepts a sweep folder and a shard; an edited results.csv or sweep.json is named', async () => {
    const f = tinySweep(join(root, 'sw6'));
    const d = join(root, 'sweep6');
    expect((await mega(['sweep', f, '--out', d])).status).toBe(0);
    const ok = await verify(d);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('all 2 runs repeated');
    const s = join(root, 'sweep6-shard');
    expect((await mega(['sweep', f, '--out', s, '--shard', '1/2'])).status).toBe(0);
    expect((await verify(s)).stdout).toContain('1 of 2 runs');
    const e = copyOf(d);
    writeFileSync(join(e, 'results.csv'), readFileSync(join(e, 'results.csv'), 'utf8').replace(/,residents,all,(\d)/, ',residents,all,9$1'));
    expect((await verify(e)).stderr).toContain('results.csv: not what the run files give');
    const j = copyOf(d);
    writeFileSync(join(j, 'sweep.json'), readFileSync(join(j, 'sweep.json'), 'utf8').replace('"months": 3', '"months": 2'));
    const rj = await verify(j);
    expect(rj.status).toBe(1);
    expect(rj.stderr).toContain('edited sweep.json');
  }, 120_000);

  it('a run file emptied by hand is not taken as finished: --resume redoes it, merge refuses it', async () => {
    const f = tinySweep(join(root, 'sw7'));
    const d = join(root, 'sweep7');
    expect((await mega(['sweep', f, '--out', d])).status).toBe(0);
    const results = readFileSync(join(d, 'results.csv'), 'utf8');
    const m = await mega(['merge', d, '--out', join(root, 'sweep7-merged-ok')]);
    expect(m.status).toBe(0);
    writeFileSync(join(d, 'runs', '000001.csv'), '');
    const bad = await mega(['merge', d, '--out', join(root, 'sweep7-merged')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('runs/000001.csv does not match its digest');
    expect(existsSync(join(root, 'sweep7-merged'))).toBe(false);
    expect((await verify(d)).stderr).toContain('runs/000001.csv does not match its digest');
    const r = await mega(['sweep', f, '--out', d, '--resume']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('runs: 1 run, 1 already finished');
    expect(readFileSync(join(d, 'results.csv'), 'utf8')).toBe(results);
  }, 120_000);

  it('temporary files of a killed sweep are removed by --resume; a SIGTERM releases the folder', async () => {
    const f = tinySweep(join(root, 'sw8'));
    const d = join(root, 'sweep8');
    const k = await mega(['sweep', f, '--out', d], { MEGASIM_CRASH_AT: '000001.csv' });
    expect(k.signal).toBe('SIGKILL');
    expect(readdirSync(join(d, 'runs')).some((x) => /^\.000001\.csv\.\d+\.\d+\.tmp$/.test(x))).toBe(true);
    const r = await mega(['sweep', f, '--out', d, '--resume']);
    expect(r.status).toBe(0);
    expect(readdirSync(join(d, 'runs')).filter((x) => x.endsWith('.tmp'))).toEqual([]);
    expect(leftovers(d)).toEqual([]);
    // SIGTERM while the sweep holds its folder: exit 143, lock gone, --resume continues.
    const e = join(root, 'sweep8b');
    const go = join(root, 'never-sweep');
    const child = spawn(process.execPath, ['bin/megasim.mjs', 'sweep', f, '--out', e], { env: { ...process.env, CI: 'true', MEGASIM_PAUSE_BEFORE_COMMIT: go } });
    let err = '';
    child.stderr.on('data', (b) => ((err += String(b)), err.includes('paused before commit') && child.kill('SIGTERM')));
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code).toBe(143);
    expect(leftovers(e)).toEqual([]);
    expect((await mega(['sweep', f, '--out', e, '--resume'])).status).toBe(0);
  }, 120_000);

  it.runIf(LONG)('run --force after a killed run leaves no temporary file behind', async () => {
    const d = copyOf();
    expect((await mega(['run', SCENARIO, ...SMALL, '--out', d, '--force'], { MEGASIM_CRASH_AT: 'summary.json' })).signal).toBe('SIGKILL');
    expect(leftovers(d).length).toBeGreaterThan(0);
    expect((await mega(['run', SCENARIO, ...SMALL, '--out', d, '--force'])).status).toBe(0);
    expect(leftovers(d)).toEqual([]);
    expect(readdirSync(d).filter((x) => x.endsWith('.tmp'))).toEqual([]);
  });
});

describe('8. the memory estimate applies to compare, verify and each swept point; an empty city is refused', () => {
  it('compare and verify under MEGASIM_MEMORY_LIMIT_MB=1: exit 2, nothing written', async () => {
    const out = join(root, 'cmp-mem');
    const c = await mega(['compare', ...PAIR, '--seeds', '1..1', '--sample', '0.0002', '--months', '2', '--out', out], { MEGASIM_MEMORY_LIMIT_MB: '1' });
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('more than this machine can give');
    expect(existsSync(out)).toBe(false);
    const v = await verify(REF, { MEGASIM_MEMORY_LIMIT_MB: '1' });
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('more than this machine can give');
  });

  it('a manifest edited to full scale is refused by the estimate, not run', async () => {
    const d = copyOf();
    const p = join(d, 'manifest.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    m.sample = 1;
    m.replications = 1000;
    m.command = m.command.replace('--sample 0.0002', '--sample 1').replace('--replications 1', '--replications 1000');
    writeFileSync(p, JSON.stringify(m, null, 2));
    writeFileSync(join(d, 'summary.json'), readFileSync(join(d, 'summary.json'), 'utf8').replace('"sample": 0.0002', '"sample": 1'));
    const s = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8'));
    m.outputs['summary.json'] = sha256(readFileSync(join(d, 'summary.json'), 'utf8'));
    writeFileSync(p, JSON.stringify(m, null, 2));
    expect(s.sample).toBe(1);
    const { result: v, months } = await monthsSimulatedBy(() => verify(d, { MEGASIM_MEMORY_LIMIT_MB: '300' }));
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('more than this machine can give');
    expect(months).toBe(0);
  });

  it('a swept city.residents_total that does not fit is refused before any run, naming the point', async () => {
    const f = tinySweep(
      join(root, 'sw-mem'),
      `id: big
title: big sweep
scenario: ${resolve(SCENARIO)}
parameters:
  - path: city.residents_total
    values: [1000000, 90000000]
seeds: [1]
months: 3
sample: 0.5
indicators:
  names: [residents]
`,
    );
    const out = join(root, 'sweep-mem-out');
    const r = await mega(['sweep', f, '--out', out], { MEGASIM_MEMORY_LIMIT_MB: '2000' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/point 1 \(city\.residents_total = 90000000\): this run needs about/);
    expect(existsSync(out)).toBe(false);
  });

  it('a city whose zones all have 0 residents is refused at validation, with a position', async () => {
    const d = join(root, 'empty-city');
    mkdirSync(d);
    const text = readFileSync(SCENARIO, 'utf8').replace(/^(\s+residents: )\d+/gm, '$10').replace(/^\s*residents_total:.*$/m, '');
    writeFileSync(join(d, 'empty.yaml'), text);
    const r = await mega(['validate', join(d, 'empty.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/empty\.yaml:\d+:\d+: at city\.zones\[0\]\.residents expected residents in at least one zone \(a number > 0\), found 0 in every zone/);
  });
});

describe('9. an unusable --out is refused before simulating, exit 2, quickly', () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  const dangling = join(root, 'dangling');
  symlinkSync(join(root, 'nowhere'), dangling);
  const loopA = join(root, 'loop-a');
  symlinkSync(join(root, 'loop-b'), loopA);
  symlinkSync(loopA, join(root, 'loop-b'));
  const cases: [string, string, RegExp][] = [
    ['/sys (read-only, a system folder)', '/sys/x', /it lies in \/sys, a system folder/],
    ['/proc/1/x', '/proc/1/x', /it lies in \/proc, a system folder/],
    ['a path under a file', join(file, 'out'), /lies under .*a-file, which is a file, not a folder/],
    ['a dangling symbolic link', dangling, /a symbolic link to nothing/],
    ['a symbolic link loop', loopA, /symbolic link loop/],
    ['a path through a loop', join(loopA, 'x'), /symbolic link loop/],
  ];
  it.each(cases)('%s', async (_what, out, message) => {
    // A run that would take minutes: the check must come first (no month simulated).
    const { result: r, months } = await monthsSimulatedBy(() => mega(['run', 'scenarios/cities/chongqing-2010.yaml', '--sample', '0.05', '--months', '120', '--out', out]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\(run with --debug/);
    expect(months).toBe(0);
  });
});

describe('10. malformed files megasim reads back exit 2, never a crash', () => {
  it('manifest.json that is null or nested 5,000 deep; indicators.csv that is a folder', async () => {
    const a = copyOf();
    writeFileSync(join(a, 'manifest.json'), 'null');
    const ra = await verify(a);
    expect(ra.status).toBe(2);
    expect(ra.stderr).toContain('expected a JSON object, found null');
    const b = copyOf();
    const m = JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8'));
    writeFileSync(join(b, 'manifest.json'), JSON.stringify(m).replace('"resolved":{', `"resolved":{"deep":${'['.repeat(5000)}${']'.repeat(5000)},`));
    const rb = await verify(b);
    expect(rb.status).toBe(2);
    expect(rb.stderr).toContain('expected nesting of at most 64 levels');
    const c = copyOf();
    rmSync(join(c, 'indicators.csv'));
    mkdirSync(join(c, 'indicators.csv'));
    const rc = await verify(c);
    expect(rc.status).toBe(1);
    expect(rc.stderr).toContain('indicators.csv is not a file');
    expect(rc.stderr).not.toContain('EISDIR');
  });

  it('a sweep file with an alias bomb: exit 2 at the first alias, not a crash', async () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const f = tinySweep(join(root, 'sw-bomb'), `id: bomb\ntitle: bomb\nscenario: ${resolve(SCENARIO)}\n${lol}\n`);
    const r = await mega(['sweep', f, '--out', join(root, 'bomb-out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/tiny\.yaml:5:\d+: (at [^ ]+ )?expected a document within the limits? on aliases \(100 expansions\).*, found too many alias expansions/);
    expect(existsSync(join(root, 'bomb-out'))).toBe(false);
  });

  it('merge of a sweep.json that is null, a folder, or with runs "abc" or 1e9: exit 2 with a message', async () => {
    const f = tinySweep(join(root, 'sw10'));
    const d = join(root, 'sweep10');
    expect((await mega(['sweep', f, '--out', d])).status).toBe(0);
    const rec = JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8'));
    const cases: [string, (x: string) => void, RegExp][] = [
      ['null', (x) => writeFileSync(join(x, 'sweep.json'), 'null'), /expected the record of a sweep \(a JSON object\), found null/],
      ['a folder', (x) => (rmSync(join(x, 'sweep.json')), mkdirSync(join(x, 'sweep.json'))), /sweep\.json: expected a file, found a folder/],
      ['runs "abc"', (x) => writeFileSync(join(x, 'sweep.json'), JSON.stringify({ ...rec, runs: 'abc' })), /"runs" must be a whole number between 1 and 100000, found "abc"/],
      ['runs 1e9', (x) => writeFileSync(join(x, 'sweep.json'), JSON.stringify({ ...rec, runs: 1e9 })), /"runs" must be a whole number between 1 and 100000, found 1000000000/],
    ];
    for (const [, change, message] of cases) {
      const x = copyOf(d);
      change(x);
      const r = await mega(['merge', x, '--out', `${x}-merged`]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(`${x}-merged`)).toBe(false);
    }
  });
});

describe('15. messages point at the right place', () => {
  it('a null key is reported at its own line', async () => {
    const lines = readFileSync(SCENARIO, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('start:'));
    lines.splice(at, 0, '~: 3');
    const f = join(root, 'nullkey.yaml');
    writeFileSync(f, lines.join('\n'));
    const r = await mega(['validate', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nullkey.yaml:${at + 1}:1: expected a documented key, found unknown key ""`);
  });

  it('a file with CR-only line ends is read line by line (YAML 1.2 line breaks), not called empty', async () => {
    const f = join(root, 'cr.yaml');
    writeFileSync(f, readFileSync(SCENARIO, 'utf8').replace(/\r?\n/g, '\r'));
    const r = await mega(['validate', f]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const g = join(root, 'cr-bad.yaml');
    writeFileSync(g, readFileSync(SCENARIO, 'utf8').replace(/^horizon_months: .*$/m, 'horizon_months: soon').replace(/\r?\n/g, '\r'));
    const line = readFileSync(SCENARIO, 'utf8').split('\n').findIndex((l) => l.startsWith('horizon_months:')) + 1;
    const b = await mega(['validate', g]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`cr-bad.yaml:${line}:17: at horizon_months expected a finite number, found "soon"`);
  });

  it('a comparison naming /dev/zero or a folder says so (not "no file")', async () => {
    const f = join(root, 'cmp-dev.yaml');
    writeFileSync(f, `id: c\ntitle: t\nseeds: { from: 1, to: 2 }\nscenarios: [/dev/zero, ${root}]\n`);
    const r = await mega(['validate', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('at scenarios[0] expected an existing scenario file (relative to the comparison file), found a device or other special file, not a regular file, at /dev/zero');
    expect(r.stderr).toContain(`at scenarios[1] expected an existing scenario file (relative to the comparison file), found a folder at ${root}`);
  });
});

describe('15. verify on a CSV with extra bytes names what is extra', () => {
  it('says how many lines more and quotes the first', async () => {
    const d = copyOf();
    writeFileSync(join(d, 'indicators.csv'), readFileSync(join(d, 'indicators.csv'), 'utf8') + 'garbage here\n');
    const r = await verify(d);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/first difference: the stored indicators\.csv has 1 line\(s\) more than the repeated run, from line \d+: "garbage here"/);
    expect(r.stderr).not.toContain('indicator ?');
  });
});

describe('17. the recorded command is quoted and runs with npx', () => {
  it('a scenario path with a space and a quote: the manifest command, run by a shell, repeats the run', async () => {
    const dir = join(root, "my dir's");
    mkdirSync(dir);
    const file = join(dir, 'wuhan.yaml');
    writeFileSync(file, readFileSync(SCENARIO));
    const out = join(root, 'quoted');
    expect((await mega(['run', file, ...SMALL, '--out', out])).status).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.command.startsWith('npx megasim run ')).toBe(true);
    // The shell splits it back into the original words.
    const words = spawnSync('sh', ['-c', `printf '%s\\n' ${m.command.replace(/^npx megasim /, '')}`], { encoding: 'utf8' }).stdout.trimEnd().split('\n');
    expect(words).toEqual(['run', file, '--seed', '4', '--replications', '1', '--sample', '0.0002', '--months', '4']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<code>npx megasim run ');
  });
});

describe('18. the manifest records the source commit and tree', () => {
  it('commit = git rev-parse HEAD; tree_sha256 = the hash of the source tree', async () => {
    const out = join(root, 'source');
    expect((await mega(['run', SCENARIO, ...SMALL, '--out', out])).status).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    expect(m.source.commit).toBe(head);
    expect(m.source.tree_sha256).toBe(sourceTreeSha256());
  });
});

describe('20. CSV text cells are not formulas', () => {
  it('csvField prefixes = + - @ with a quote; numbers and ids are untouched', async () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('core')).toBe('core');
  });

  it('a swept text value reaches results.csv neutralised', async () => {
    const f = tinySweep(
      join(root, 'sw20'),
      `id: formula
title: formula sweep
scenario: ${resolve(SCENARIO)}
parameters:
  - path: title
    values: ["=HYPERLINK(\\"http://evil\\",\\"x\\")", "plain"]
seeds: [1]
months: 1
sample: 0.0002
indicators:
  names: [residents]
`,
    );
    const out = join(root, 'sweep20');
    const r = await mega(['sweep', f, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readFileSync(join(out, 'results.csv'), 'utf8').split('\n');
    expect(rows[1]).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
    expect(rows.some((l) => /,=/.test(l))).toBe(false);
  });
});

describe('22. verify compares the repeated run itself', () => {
  it('a manifest whose resolved scenario (and its sha256) was edited but whose digest was not: exit 1, the repeated run differs', async () => {
    const d = copyOf();
    const p = join(d, 'manifest.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    m.scenario.resolved.city.zones[0].residents = m.scenario.resolved.city.zones[0].residents * 2;
    m.scenario.sha256 = sha256(canonicalJson(m.scenario.resolved));
    writeFileSync(p, JSON.stringify(m, null, 2) + '\n');
    const r = await verify(d);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the repeated run differs from the manifest's digest");
    expect(r.stderr).toMatch(/first difference: indicator \w+/);
  });
});

describe('13. control characters in text do not make chart SVG ill-formed', () => {
  it('serializeSvg drops characters XML 1.0 forbids and keeps the rest', async () => {
    const { makeDocument } = await import('../../viz/dom.ts');
    const { serializeSvg } = await import('../../viz/charts/serialize.ts');
    const doc = makeDocument();
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg') as unknown as SVGSVGElement;
    const t = doc.createElementNS('http://www.w3.org/2000/svg', 'text');
    t.textContent = 'Wu\x01h\x1ban\0 城\uffff市 <ok> & \ud800';
    svg.appendChild(t);
    const text = serializeSvg(svg);
    expect(text).toContain('Wuhan 城市 &lt;ok&gt; &amp; ');
    const parsed = new (doc.defaultView as unknown as { DOMParser: typeof DOMParser }).DOMParser().parseFromString(text, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror').length).toBe(0);
  });
});

describe('14. a scenario title with "<!--" does not break the explorer', () => {
  it('the explorer builds; its inline script holds no "<!--" and the title survives as text', async () => {
    const { buildExplorer } = await import('../../viz/explorer/build.ts');
    const r0 = join(root, 'explorer-root');
    mkdirSync(join(r0, 'scenarios', 'cities'), { recursive: true });
    writeFileSync(join(r0, 'scenarios', 'cities', 'wuhan.yaml'), readFileSync(SCENARIO, 'utf8').replace(/^title: .*$/m, 'title: "Wuhan <!-- and </script> too"'));
    const built = await buildExplorer({ root: r0 });
    const script = built.html.slice(built.html.indexOf('<script>') + 8, built.html.lastIndexOf('</script>'));
    expect(script).not.toContain('<!--');
    expect(script.toLowerCase()).not.toContain('</script');
    expect(script).toContain('Wuhan <\\!-- and <\\/script> too');
    expect(built.scenarios).toEqual(['scenarios/cities/wuhan.yaml']);
  }, 120_000);
});

describe('19. bench finds its shipped scenario from any folder', () => {
  it('the default scenario is resolved in the package, not the working folder', async () => {
    const { benchScenarioFile } = await import('../../sim/bench/run.ts');
    // A child whose working folder is not the repository: it must still find the shipped scenario.
    const tsx = pathToFileURL(resolve('node_modules/tsx/dist/esm/index.mjs')).href;
    const run = pathToFileURL(resolve('sim/bench/run.ts')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', `const m = await import(${JSON.stringify(run)}); process.stdout.write(m.benchScenarioFile());`], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.stderr).toBe('');
    const file = r.stdout;
    expect(file).toBe(resolve('scenarios/cities/chongqing-2010.yaml'));
    expect(existsSync(file)).toBe(true);
    expect(benchScenarioFile('x.yaml')).toBe(resolve('x.yaml'));
  });
});

describe('21. the explorer server answers only Host 127.0.0.1, localhost and [::1]', () => {
  it('a rebinding Host gets 421 and no page; the loopback names get the page', async () => {
    const { serveExplorer } = await import('../../sim/run/explore.ts');
    const { request } = await import('node:http');
    const server = await serveExplorer('<p>page</p>', 0);
    const port = (server.address() as { port: number }).port;
    const get = (host: string) =>
      new Promise<{ status: number; body: string }>((res, rej) => {
        const q = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (r) => {
          let body = '';
          r.on('data', (b) => (body += String(b)));
          r.on('end', () => res({ status: r.statusCode ?? 0, body }));
        });
        q.on('error', rej);
        q.end();
      });
    try {
      for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost']) expect((await get(h)).status, h).toBe(200);
      for (const h of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'localhost.evil']) {
        const r = await get(h);
        expect(r.status, h).toBe(421);
        expect(r.body).not.toContain('page');
      }
    } finally {
      server.close();
    }
  });
});

describe('24. under CI a missing browser fails instead of skipping', () => {
  it('.ci/run exits 1 before installing anything when Chromium is absent and cannot be installed', () => {
    const bin = join(root, 'fakebin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n', { mode: 0o755 });
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho npm-ran >&2; exit 0\n', { mode: 0o755 });
    const r = spawnSync('bash', ['.ci/run'], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, MEGASIM_CHROMIUM: join(root, 'no-chromium') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the browser tests cannot run, so CI fails');
    expect(r.stderr).not.toContain('npm-ran');
  });

  it('a browser suite run with CI=true and no Chromium fails, naming why', () => {
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/e2e/report.e2e.test.ts'], { encoding: 'utf8', env: { ...process.env, CI: 'true', MEGASIM_CHROMIUM: join(root, 'no-chromium') } });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('needs Chromium under CI');
  }, 120_000);
});
