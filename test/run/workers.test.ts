/**
 * Results do not depend on the number of worker threads: `megasim compare`
 * with --workers 1 and --workers 2 writes byte-identical files (CSV, SVG,
 * report, manifests), and so does `megasim run --replications 3`. The pool
 * returns payloads in task order whatever the completion order, and a task
 * that fails in a worker rejects with a message naming it. Small: sample
 * 0.001, 12 months, 3 seeds. The --workers 2 side is launched through bin/megasim.mjs (as
 * `npx megasim` does), so workers load TypeScript on their own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTasks } from '../../sim/run/pool.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import type { ReplicationTask } from '../../sim/run/worker.ts';
import { sha256 } from '../../sim/engine/digest.ts';
import { inProcess } from '../helpers.ts';

const CITY = resolve('scenarios/cities/chongqing-2010.yaml');
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix))
    .flatMap((f) => (statSync(join(dir, prefix, f)).isDirectory() ? filesUnder(dir, join(prefix, f)) : [join(prefix, f)]))
    .sort();
}

describe('compare: --workers 1 and --workers 2 write the same bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-workers-'));
  const W1 = join(dir, 'w1');
  const W2 = join(dir, 'w2');
  let r1: { status: number | null; stdout: string; stderr: string };
  let r2: ReturnType<typeof cli>;
  // --workers 1 in this process (main(), no start-up), --workers 2 through bin/megasim.mjs (whose workers load TypeScript on their own).
  beforeAll(async () => {
    writeFileSync(join(dir, 'a.yaml'), `extends: ${CITY}\nid: wa\ntitle: A\n`);
    writeFileSync(join(dir, 'b.yaml'), `extends: ${CITY}\nid: wb\ntitle: B\ncity:\n  arrivals:\n    base_rate_year: 0.04\n`);
    const args = ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--seeds', '1..3', '--sample', '0.001', '--months', '12'];
    const one = await inProcess(...args, '--out', W1, '--workers', '1');
    r1 = { status: one.code, stdout: one.stdout, stderr: one.stderr };
    r2 = cli(...args, '--out', W2, '--workers', '2');
  }, 120_000);

  it('both runs succeed and report their worker count', () => {
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r1.stdout).toMatch(/6 runs, 1 worker\(s\)/);
    expect(r2.stdout).toMatch(/6 runs, 2 worker\(s\)/);
  });

  it('comparison.csv, differences.csv, every SVG, report.html and every manifest are identical', () => {
    const f1 = filesUnder(W1);
    expect(f1).toEqual(filesUnder(W2));
    for (const f of ['comparison.csv', 'differences.csv', 'report.html', 'manifest.json', 'charts/ts-residents.svg', 'runs/wb/seed-3/indicators.csv']) expect(f1).toContain(f);
    expect(f1.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(5);
    for (const f of f1) expect(readFileSync(join(W2, f)).equals(readFileSync(join(W1, f))), f).toBe(true);
  });
});

describe('run: --workers 2 gives the same run folder as --workers 1', () => {
  it('for 3 replications, charts and report included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-runworkers-'));
    const args = ['run', CITY, '--seed', '4', '--replications', '3', '--sample', '0.001', '--months', '6'];
    // --workers 1 in this process, --workers 2 through bin/megasim.mjs (whose workers load TypeScript on their own).
    const a = await inProcess(...args, '--out', join(dir, 'a'));
    const b = cli(...args, '--out', join(dir, 'b'), '--workers', '2');
    expect(a.code, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const files = filesUnder(join(dir, 'a'));
    expect(files).toEqual(filesUnder(join(dir, 'b')));
    expect(files).toContain('report.html');
    for (const f of files) expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f))), f).toBe(true);
    // A single run writes its charts and report.html too, with their digests in the manifest.
    const run = join(dir, 'a');
    const m = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8'));
    const charts = files.filter((f) => f.startsWith('charts/'));
    expect(charts).toContain('charts/ts-residents.svg');
    for (const c of charts) expect(m.outputs[c], c).toBe(sha256(readFileSync(join(run, c))));
    expect(m.outputs['report.html']).toBe(sha256(readFileSync(join(run, 'report.html'))));
    expect(m.digest).toBe(sha256(readFileSync(join(run, 'indicators.csv'))));
    expect(readFileSync(join(run, 'report.html'), 'utf8')).toContain(m.command);
    expect(readFileSync(join(run, 'charts', 'ts-residents.svg'), 'utf8')).toContain('mean of 3 runs');
  }, 120_000);
});

describe('the pool', () => {
  const sc = loadScenarioFile(CITY).scenario;
  const task = (seed: number, months: number): ReplicationTask => ({ scenario: sc, seed, replication: 0, sample: 0.0005, months, pyramid: seed === 1 });

  it('returns payloads in task order when later tasks finish first', async () => {
    // The first task is the longest: with two workers, tasks 2 and 3 complete before it.
    const tasks = [task(1, 8), task(2, 1), task(3, 2)];
    const progress: number[] = [];
    const out = await runTasks(tasks, { workers: 2, onProgress: (d) => progress.push(d) });
    expect(out.map((p) => p.rows.month[p.rows.month.length - 1])).toEqual([8, 1, 2]);
    expect(out.map((p) => p.pyramid !== null)).toEqual([true, false, false]);
    expect(progress[progress.length - 1]).toBe(11);
    const alone = await runTasks([task(2, 1)], { workers: 1 });
    expect(Array.from(alone[0]!.rows.value)).toEqual(Array.from(out[1]!.rows.value));
  });

  it('rejects with the failing task named when a worker throws', async () => {
    const broken = { ...task(9, 2), scenario: { ...sc, city: { ...sc.city, zones: null } } } as unknown as ReplicationTask;
    await expect(runTasks([task(1, 1), broken], { workers: 2 })).rejects.toThrow(/seed 9, replication 0/);
  });
});
