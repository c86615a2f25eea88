/**
 * Results do not depend on the memory layout: the same run with tables that
 * start at 16 rows and grow by doubling many times (every column copied into
 * new arrays) gives the same indicators, byte for byte, as the usual run with
 * tables sized for the sample. The Table class is replaced in this file only.
 */
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('../../sim/engine/table.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../sim/engine/table.ts')>();
  class TinyTable<S extends import('../../sim/engine/table.ts').ColumnSpec> extends actual.Table<S> {
    constructor(name: string, spec: S, _initialCapacity = 1024) {
      super(name, spec, 16);
    }
  }
  return { ...actual, Table: TinyTable };
});

const { loadScenarioFile } = await import('../../sim/scenario/node.ts');
const { runReplication, indicatorsCsv } = await import('../../sim/run/simulate.ts');

describe('memory layout', () => {
  it('tables grown from 16 rows give the same indicators.csv as tables sized for the sample', () => {
    const loaded = loadScenarioFile('scenarios/cities/chongqing-2010.yaml');
    const res = runReplication(loaded.scenario, { replication: 0, seed: 5, sample: 0.001, months: 14 });
    // The tables really grew from 16 rows by doubling (sized tables would hold persons × 1.15 + 64).
    for (const t of [res.world.persons, res.world.households, res.world.dwellings]) {
      expect(Math.log2(t.capacity / 16) % 1).toBe(0);
      expect(t.capacity).toBeGreaterThan(16 * 64);
    }
    const csv = indicatorsCsv(loaded.scenario, [res]).csv;
    const dir = mkdtempSync(join(tmpdir(), 'megasim-layout-'));
    const r = spawnSync(process.execPath, ['bin/megasim.mjs', 'run', 'scenarios/cities/chongqing-2010.yaml', '--seed', '5', '--sample', '0.001', '--months', '14', '--out', dir, '--force'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(csv).toBe(readFileSync(join(dir, 'indicators.csv'), 'utf8'));
  });
});
