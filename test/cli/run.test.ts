/**
 * The first run and the failing verify go through bin/megasim.mjs as child
 * processes (exit codes 0 and 1 as a user sees them); the second run and the
 * passing verify call main() in this process (same program, no start-up).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcess } from '../helpers.ts';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('megasim run / verify round trip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'megasim-run-'));
  const A = join(dir, 'A');
  const B = join(dir, 'B');
  const args = ['run', 'scenarios/cities/chongqing-2010.yaml', '--seed', '7', '--sample', '0.001', '--months', '24'];
  const ra = cli(...args, '--out', A);
  let rb: { code: number };
  beforeAll(async () => {
    rb = await inProcess(...args, '--out', B);
  });

  it('writes a run folder and says where, with wall time and peak memory', () => {
    expect(ra.status, ra.stderr).toBe(0);
    expect(ra.stdout).toContain(`wrote ${A}`);
    expect(ra.stdout).toMatch(/wall time [\d.]+ s, peak memory \d+ MiB/);
    for (const f of ['manifest.json', 'indicators.csv', 'summary.json']) expect(existsSync(join(A, f))).toBe(true);
  });

  it('gives byte-identical indicators.csv and summary.json for the same seed', () => {
    expect(rb.code).toBe(0);
    expect(readFileSync(join(B, 'indicators.csv'))).toEqual(readFileSync(join(A, 'indicators.csv')));
    expect(readFileSync(join(B, 'summary.json'))).toEqual(readFileSync(join(A, 'summary.json')));
  });

  it('records what is needed to repeat the run in the manifest', () => {
    const m = JSON.parse(readFileSync(join(A, 'manifest.json'), 'utf8'));
    expect(m.seed).toBe(7);
    expect(m.sample).toBe(0.001);
    expect(m.months).toBe(24);
    expect(m.scenario.resolved.city.name).toContain('Chongqing');
    expect(m.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.megasim_version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(m.node_version).toBe(process.version);
  });

  it('verify exits 0 on the untouched run, and 1 naming the indicator after an edit', async () => {
    const ok = await inProcess('verify', A);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('verified');
    const csvPath = join(B, 'indicators.csv');
    const lines = readFileSync(csvPath, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(',12,unemployment_rate,all,'));
    const cells = lines[i]!.split(',');
    cells[5] = String(Number(cells[5]) + 0.01);
    lines[i] = cells.join(',');
    writeFileSync(csvPath, lines.join('\n'));
    const bad = cli('verify', B);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('indicator unemployment_rate');
    expect(bad.stderr).toContain('month 12');
  });
});
