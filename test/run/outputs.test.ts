/**
 * Outputs are written safely: every file through a temporary name and a
 * rename, indicators.csv before manifest.json, so a run killed at any point
 * never leaves a folder whose indicators.csv passes `verify` unless the run
 * had finished; an existing run folder is never overwritten without --force
 * (and a forced re-run first removes the old manifest); `verify` names the
 * indicator of a tampered indicators.csv (exit 1) and refuses a tampered
 * manifest (exit 1 or 2, never a run away).
 *
 * Kills are planted with MEGASIM_CRASH_AT (sim/run/files.ts: SIGKILL half-way
 * through writing a named file, or right after renaming it), plus one real
 * SIGKILL sent from outside the moment the first output file appears.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, inProcess } from '../helpers.ts';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, watch, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { snapshot } from '../folders.ts';
import { writeAtomic, checkOutDir, OutputExistsError } from '../../sim/run/files.ts';

const SCENARIO = 'scenarios/cities/wuhan-2020.yaml';
const RUN_ARGS = [SCENARIO, '--sample', '0.0002', '--months', '6', '--seed', '4'];
const root = mkdtempSync(join(tmpdir(), 'megasim-outputs-'));



const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** A complete reference run, written once. */
const REF = join(root, 'reference');
let refCsv = '';
beforeAll(async () => {
  // In this process: the crash tests below compare their child processes' indicators.csv with this one.
  const r = await inProcess('run', ...RUN_ARGS, '--out', REF);
  if (r.code !== 0) throw new Error(`reference run failed: ${r.stderr}`);
  refCsv = readFileSync(join(REF, 'indicators.csv'), 'utf8');
});

describe('atomic writes', () => {
  it('writeAtomic replaces the file whole and leaves no temporary file', () => {
    const d = join(root, 'atomic');
    writeAtomic(join(d, 'a.txt'), 'first');
    writeAtomic(join(d, 'a.txt'), 'second, longer');
    writeAtomic(join(d, 'b.bin'), new Uint8Array([1, 2, 3]));
    expect(files(d)).toEqual(['a.txt', 'b.bin']);
    expect(readFileSync(join(d, 'a.txt'), 'utf8')).toBe('second, longer');
  });

  it('checkOutDir accepts an absent or empty folder, refuses a non-empty one without force', () => {
    const d = join(root, 'check');
    expect(() => checkOutDir(d, false)).not.toThrow();
    mkdirSync(d);
    expect(() => checkOutDir(d, false)).not.toThrow();
    writeFileSync(join(d, 'x'), '');
    expect(() => checkOutDir(d, false)).toThrow(OutputExistsError);
    expect(() => checkOutDir(d, true)).not.toThrow();
  });

  it('a finished run writes manifest.json last among the files verify reads, and verifies', async () => {
    expect(files(REF)).toEqual(expect.arrayContaining(['indicators.csv', 'manifest.json', 'summary.json']));
    expect(files(REF).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(join(REF, 'manifest.json')).mtimeMs).toBeGreaterThanOrEqual(statSync(join(REF, 'indicators.csv')).mtimeMs);
    const v = await inProcess('verify', REF);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('verified');
  });
});

describe('a run killed while writing leaves nothing that passes verify', () => {
  const crashes: [string, string, string[]][] = [
    ['half-way through indicators.csv', 'indicators.csv', []],
    ['right after indicators.csv, before the manifest', 'indicators.csv+', ['indicators.csv']],
    ['half-way through summary.json', 'summary.json', ['indicators.csv']],
  ];
  it.each(crashes)('killed %s', async (_label, at, whole) => {
    const out = join(root, `crash-${at.replace(/\W/g, '_')}`);
    const r = cli(['run', ...RUN_ARGS, '--out', out], { MEGASIM_CRASH_AT: at });
    expect(r.signal).toBe('SIGKILL');
    // Everything was written into a staging folder beside --out: --out itself does not exist yet.
    expect(existsSync(out)).toBe(false);
    const siblings = files(root).filter((f) => f.startsWith(`.${basename(out)}.megasim-`));
    const staging = siblings.find((f) => /\.megasim-new-\d+$/.test(f))!;
    expect(siblings).toContain(`.${basename(out)}.megasim-lock`);
    const left = files(join(root, staging));
    expect(left).not.toContain('manifest.json');
    // Whatever is there under a real name is whole; the partial file is only a hidden temporary.
    for (const f of left.filter((f) => !f.startsWith('.'))) expect(whole).toContain(f);
    if (whole.includes('indicators.csv')) expect(readFileSync(join(root, staging, 'indicators.csv'), 'utf8')).toBe(refCsv);
    if (!whole.includes('indicators.csv')) {
      const tmp = left.find((f) => f.startsWith('.indicators.csv.'))!;
      expect(tmp).toMatch(/\.tmp$/);
      expect(readFileSync(join(root, staging, tmp), 'utf8').length).toBeLessThan(refCsv.length);
    }
    const v = await inProcess('verify', out);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('no such folder');
    // The next run into the same --out clears what the killed one left (its process is gone) and finishes.
    expect((await inProcess('run', ...RUN_ARGS, '--out', out)).code).toBe(0);
    expect(files(root).filter((f) => f.startsWith(`.${basename(out)}.megasim-`))).toEqual([]);
    expect(readFileSync(join(out, 'indicators.csv'), 'utf8')).toBe(refCsv);
  });

  it('a forced re-run killed half-way leaves the old folder whole: it still verifies as the old run', async () => {
    const out = join(root, 'forced');
    expect((await inProcess('run', ...RUN_ARGS, '--out', out)).code).toBe(0);
    const before = snapshot(out);
    const r = cli(['run', SCENARIO, '--sample', '0.0002', '--months', '6', '--seed', '5', '--out', out, '--force'], { MEGASIM_CRASH_AT: 'indicators.csv' });
    expect(r.signal).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    expect((await inProcess('verify', out)).code).toBe(0);
  });

  it('a real SIGKILL from outside the moment the first output file appears', async () => {
    const parent = join(root, 'sigkill-parent');
    mkdirSync(parent);
    const out = join(parent, 'sigkill');
    const child = spawn(process.execPath, ['bin/megasim.mjs', 'run', ...RUN_ARGS, '--out', out], { env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const w = watch(parent, () => child.kill('SIGKILL'));
    const signal = await new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, s) => res(s)));
    w.close();
    const left = files(out);
    const v = await inProcess('verify', out);
    if (left.includes('manifest.json')) {
      // The kill came after the run had finished writing: then it verifies, whole.
      expect(v.code).toBe(0);
      expect(readFileSync(join(out, 'indicators.csv'), 'utf8')).toBe(refCsv);
    } else {
      expect(signal).toBe('SIGKILL');
      expect(v.code).not.toBe(0);
      if (left.includes('indicators.csv')) expect(readFileSync(join(out, 'indicators.csv'), 'utf8')).toBe(refCsv);
    }
  });
});

describe('existing run folders', () => {
  it('a finished run is not overwritten without --force; with --force it is, and verifies', async () => {
    const out = join(root, 'rerun');
    expect((await inProcess('run', ...RUN_ARGS, '--out', out)).code).toBe(0);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    const again = await inProcess('run', SCENARIO, '--sample', '0.0002', '--months', '6', '--seed', '9', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds files; choose another --out or add --force to overwrite');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    const forced = await inProcess('run', SCENARIO, '--sample', '0.0002', '--months', '6', '--seed', '9', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).seed).toBe(9);
    expect(files(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await inProcess('verify', out)).code).toBe(0);
  });
});

describe('verify catches tampering', () => {
  /** A fresh copy of the reference run to tamper with. */
  function copy(name: string): string {
    const d = join(root, name);
    cpSync(REF, d, { recursive: true });
    return d;
  }

  it('a changed value in a zone row: exit 1 naming indicator, month and zone', async () => {
    const d = copy('tamper-zone');
    const lines = refCsv.split('\n');
    const i = lines.findIndex((l) => /,4,zone_population,[a-z]/.test(l));
    const cells = lines[i]!.split(',');
    cells[5] = String(Number(cells[5]) * 2 + 1);
    lines[i] = cells.join(',');
    writeFileSync(join(d, 'indicators.csv'), lines.join('\n'));
    const v = await inProcess('verify', d);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain(`first difference: indicator zone_population (replication 0, month 4, zone ${cells[4]})`);
  });

  it('a truncated indicators.csv: exit 1 naming the first missing row', async () => {
    const d = copy('tamper-truncated');
    const lines = refCsv.split('\n');
    const keep = Math.floor(lines.length / 2);
    writeFileSync(join(d, 'indicators.csv'), lines.slice(0, keep).join('\n') + '\n');
    const v = await inProcess('verify', d);
    expect(v.code).toBe(1);
    const row = lines[keep]!.split(',');
    expect(v.stderr).toContain(`first difference: indicator ${row[3]} (replication ${row[1]}, month ${row[2]}, zone ${row[4]})`);
  });

  it('a manifest whose digest was edited: exit 1', async () => {
    const d = copy('tamper-digest');
    const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
    m.digest = '0'.repeat(64);
    writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    const v = await inProcess('verify', d);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/edited manifest: the manifest's outputs record indicators\.csv as "[0-9a-f]{64}", not its digest 0{64}/);
  });

  const badManifests: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['months of a billion', (m) => (m.months = 1e9), /"months" must be a whole number between 1 and 600, found 1000000000/],
    ['replications as text', (m) => (m.replications = 'many'), /"replications" must be a whole number between 1 and 1000, found "many"/],
    ['sample of zero', (m) => (m.sample = 0), /"sample" must be a number between 0\.00001 and 1, found 0/],
    ['no seed', (m) => delete m.seed, /the manifest has no "seed"/],
    ['a resolved scenario that is not one', (m) => ((m.scenario as Record<string, unknown>).resolved = 'x'), /"scenario\.resolved" must be the resolved scenario/],
  ];
  it.each(badManifests)('a manifest with %s: exit 2 before any run', async (_n, mutate, msg) => {
    const d = copy(`tamper-manifest-${_n.replace(/\W/g, '_')}`);
    const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
    mutate(m);
    writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    const v = await inProcess('verify', d);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(msg);
  });

  it('a manifest whose resolved scenario breaks the schema: exit 2 with a positioned message', async () => {
    const d = copy('tamper-resolved');
    const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
    m.scenario.resolved.city.demography.fertility_rate = -3;
    writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    const v = await inProcess('verify', d);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/manifest\.json#scenario\.resolved:1:\d+: at city\.demography\.fertility_rate expected a number ≥ 0, found -3/);
  });

  it('a manifest that is not JSON: exit 2', async () => {
    const d = copy('tamper-json');
    writeFileSync(join(d, 'manifest.json'), '{"seed": 1,');
    const v = await inProcess('verify', d);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('not valid JSON');
  });
});
