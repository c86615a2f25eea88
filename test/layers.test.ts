/**
 * The layer order of docs/ARCHITECTURE.md, read from the import graph of
 * sim/ and viz/ (static imports, `export … from`, `import type` and dynamic
 * `import()`, as TypeScript's own pre-processor reads them):
 *
 *   engine ← model ← policy ← scenario ← run ← bench ← viz ← cli
 *
 * A file may import its own floor and the floors below it, never one above.
 * sim/bench sits on the run floor, above run/ (it times the model and the
 * worker pool; run/ never imports it) and below viz/ and cli/ (cli/bench.ts is
 * its command). sim/docs (docs tooling) sits with cli. sim/version.ts sits
 * with engine. Besides the floors: commander is imported only in sim/cli/,
 * d3 and jsdom only in viz/, and there is no import circle between files.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Floors from the bottom; a file's floor is that of the first prefix it starts with. */
const FLOORS: readonly { floor: string; prefixes: readonly string[] }[] = [
  { floor: 'engine', prefixes: ['sim/engine/', 'sim/version.ts'] },
  { floor: 'model', prefixes: ['sim/model/'] },
  { floor: 'policy', prefixes: ['sim/policy/'] },
  { floor: 'scenario', prefixes: ['sim/scenario/'] },
  { floor: 'run', prefixes: ['sim/run/'] },
  { floor: 'bench', prefixes: ['sim/bench/'] },
  { floor: 'viz', prefixes: ['viz/'] },
  { floor: 'cli', prefixes: ['sim/cli/', 'sim/docs/'] },
];

/** Packages only some floors may import: package name → the path prefixes allowed to. */
const PACKAGE_HOMES: Record<string, readonly string[]> = {
  commander: ['sim/cli/'],
  jsdom: ['viz/'],
  d3: ['viz/'],
};

export function floorOf(file: string): number {
  const i = FLOORS.findIndex((f) => f.prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
  return i;
}

export interface Edge {
  from: string;
  /** A repository path for a relative import, else the bare package specifier. */
  to: string;
}

/** Every way an edge breaks the rules, as one readable line each. */
export function violations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const a = floorOf(e.from);
    if (a < 0) {
      out.push(`${e.from}: on no floor (add its folder to FLOORS in test/layers.test.ts and to docs/ARCHITECTURE.md)`);
      continue;
    }
    if (e.to.startsWith('sim/') || e.to.startsWith('viz/')) {
      const b = floorOf(e.to);
      if (b < 0) out.push(`${e.from} -> ${e.to}: the target is on no floor`);
      else if (b > a) out.push(`${e.from} (${FLOORS[a]!.floor}) -> ${e.to} (${FLOORS[b]!.floor}): an import running back up`);
      continue;
    }
    const pkg = e.to.startsWith('@') ? e.to.split('/').slice(0, 2).join('/') : e.to.split('/')[0]!;
    const base = pkg.replace(/^d3-.*/, 'd3');
    const homes = PACKAGE_HOMES[base];
    if (homes && !homes.some((h) => e.from.startsWith(h))) out.push(`${e.from} -> ${e.to}: ${base} belongs in ${homes.join(', ')} only`);
  }
  return out;
}

/** Import circles between files (each reported once, from its smallest file). */
export function circles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to.startsWith('sim/') || e.to.startsWith('viz/')) (next.get(e.from) ?? next.set(e.from, []).get(e.from)!).push(e.to);
  const found = new Map<string, string[]>();
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    stack.push(f);
    for (const g of next.get(f) ?? []) {
      if (state.get(g) === 1) {
        const loop = stack.slice(stack.indexOf(g));
        const k = loop.indexOf([...loop].sort()[0]!);
        const canon = [...loop.slice(k), ...loop.slice(0, k)];
        found.set(canon.join(' -> '), canon);
      } else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of [...next.keys()].sort()) if (!state.has(f)) visit(f);
  return [...found.values()];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      if (f !== 'node_modules' && f !== 'dist') out.push(...sourceFiles(p));
    } else if (/\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The import graph of sim/ and viz/ (paths relative to the repository, with forward slashes). */
export function importGraph(root = process.cwd()): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = [...sourceFiles(join(root, 'sim')), ...sourceFiles(join(root, 'viz'))].map((f) => relative(root, f).split('\\').join('/'));
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const f of files) {
    const info = ts.preProcessFile(readFileSync(join(root, f), 'utf8'), true, true);
    for (const imp of info.importedFiles) {
      const spec = imp.fileName;
      if (spec.startsWith('node:')) continue;
      if (spec.startsWith('.')) {
        const target = resolve(root, dirname(f), spec);
        if (!existsSync(target)) {
          unresolved.push(`${f}: ${spec}`);
          continue;
        }
        edges.push({ from: f, to: relative(root, target).split('\\').join('/') });
      } else edges.push({ from: f, to: spec });
    }
  }
  return { files, edges, unresolved };
}

describe('the checker itself, on hand-made graphs', () => {
  it('accepts imports down or across a floor and refuses one running back up', () => {
    expect(violations([{ from: 'sim/run/a.ts', to: 'sim/model/world.ts' }, { from: 'viz/publish/x.ts', to: 'sim/run/stats.ts' }, { from: 'sim/run/a.ts', to: 'sim/run/b.ts' }])).toEqual([]);
    expect(violations([{ from: 'sim/run/charts.ts', to: 'viz/dom.ts' }])).toEqual(['sim/run/charts.ts (run) -> viz/dom.ts (viz): an import running back up']);
    expect(violations([{ from: 'sim/model/world.ts', to: 'sim/policy/points.ts' }])).toHaveLength(1);
    expect(violations([{ from: 'sim/run/pool.ts', to: 'sim/bench/run.ts' }])).toHaveLength(1);
    expect(violations([{ from: 'sim/bench/run.ts', to: 'sim/run/pool.ts' }])).toEqual([]);
    expect(violations([{ from: 'sim/cli/main.ts', to: 'viz/publish/run.ts' }])).toEqual([]);
  });

  it('keeps commander in sim/cli and d3/jsdom in viz, and names a file on no floor', () => {
    expect(violations([{ from: 'sim/run/compare.ts', to: 'commander' }])).toEqual(['sim/run/compare.ts -> commander: commander belongs in sim/cli/ only']);
    expect(violations([{ from: 'sim/cli/main.ts', to: 'commander' }])).toEqual([]);
    expect(violations([{ from: 'sim/run/x.ts', to: 'd3-selection' }, { from: 'sim/run/x.ts', to: 'jsdom' }])).toHaveLength(2);
    expect(violations([{ from: 'viz/dom.ts', to: 'jsdom' }, { from: 'viz/charts/frame.ts', to: 'd3' }])).toEqual([]);
    expect(violations([{ from: 'sim/elsewhere/x.ts', to: 'sim/engine/table.ts' }])[0]).toMatch(/on no floor/);
  });

  it('finds a circle once, whatever file it is entered from', () => {
    const loop = [
      { from: 'sim/run/sweep.ts', to: 'sim/run/sweepOutputs.ts' },
      { from: 'sim/run/sweepOutputs.ts', to: 'sim/run/sweep.ts' },
      { from: 'sim/run/merge.ts', to: 'sim/run/sweep.ts' },
    ];
    expect(circles(loop)).toEqual([['sim/run/sweep.ts', 'sim/run/sweepOutputs.ts']]);
    expect(circles(loop.slice(1))).toEqual([]);
  });
});

describe('the import graph of sim/ and viz/', () => {
  const g = importGraph();

  it('is read whole: every relative import resolves, and known imports are seen (static, type-only and dynamic)', () => {
    expect(g.unresolved).toEqual([]);
    expect(g.files.length).toBeGreaterThan(100);
    const has = (from: string, to: string) => g.edges.some((e) => e.from === from && e.to === to);
    expect(has('viz/publish/charts.ts', 'sim/run/stats.ts')).toBe(true);
    expect(has('viz/types.ts', 'sim/run/stats.ts')).toBe(true); // import type
    expect(has('sim/cli/run.ts', 'viz/publish/run.ts')).toBe(true); // await import()
    expect(has('sim/cli/main.ts', 'commander')).toBe(true);
  });

  it('runs one way: engine ← model ← policy ← scenario ← run ← bench ← viz ← cli, commander only in sim/cli, d3/jsdom only in viz', () => {
    expect(violations(g.edges)).toEqual([]);
  });

  it('has no import circle between files', () => {
    expect(circles(g.edges).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('sim/run imports neither viz nor commander', () => {
    const bad = g.edges.filter((e) => e.from.startsWith('sim/run/') && (e.to.startsWith('viz/') || e.to === 'commander'));
    expect(bad).toEqual([]);
  });
});
