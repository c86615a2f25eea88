/**
 * The command line lives in sim/cli/ only: no other folder of sim/ or viz/
 * imports commander, and the program registers every command from there.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../sim/cli/main.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|mjs|js)$/.test(f)) out.push(p);
  }
  return out;
}

describe('the command line is in sim/cli/', () => {
  it('no file outside sim/cli/ imports commander', () => {
    const importers = [...sources('sim'), ...sources('viz'), ...sources('bin')].filter((f) => /from\s+['"]commander['"]|import\(\s*['"]commander['"]\s*\)/.test(readFileSync(f, 'utf8')));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((f) => !f.startsWith(join('sim', 'cli') + '/'))).toEqual([]);
  });

  it('the program offers every command, each from its own file in sim/cli/', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['bench', 'compare', 'explore', 'merge', 'run', 'sweep', 'validate', 'verify']));
    // One file per command (merge sits with sweep, whose folders it joins).
    for (const n of names) expect(statSync(join('sim', 'cli', `${n === 'merge' ? 'sweep' : n}.ts`)).isFile(), n).toBe(true);
    for (const f of ['main', 'options']) expect(statSync(join('sim', 'cli', `${f}.ts`)).isFile()).toBe(true);
  });
});
