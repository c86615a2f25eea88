/**
 * The census, old against new, in one process on the same world (docs/performance.md, eighth session).
 *
 *   node --import tsx sim/bench/census.ts SCENARIO SAMPLE [MONTHS] [ROUNDS] [REV]
 *
 * Builds the scenario's world at SAMPLE, runs MONTHS months (default 3, so that removed rows wait for
 * reuse), checks that the census of git revision REV (default 06ed318, the plain passes; taken with
 * `git show` into a temporary file whose relative imports point at this tree) and the current one give
 * the same bits, then times them alternately ROUNDS times each (default 9) and prints the medians in ns
 * a person (persons.count). Timing uses process.hrtime.bigint() and never reaches a model output; with
 * MEGASIM_BENCH_CPU=1 it uses the process's CPU time (process.cpuUsage, as sim/bench/steps.ts), which on a
 * shared machine counts less of the time spent waiting for a core.
 */
import { loadScenarioFile } from '../scenario/node.ts';
import { createWorld } from '../model/build.ts';
import { measure } from '../model/observe/census.ts';
import { observe } from '../model/observe/observation.ts';
import { installPolicies } from '../policy/registry.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [file, sampleArg, monthsArg, roundsArg, revArg] = process.argv.slice(2);
if (!file || !sampleArg) {
  console.error('usage: node --import tsx sim/bench/census.ts SCENARIO SAMPLE [MONTHS] [ROUNDS] [REV]');
  process.exit(2);
}
const CENSUS = 'sim/model/observe/census.ts';
const observeDir = new URL('../model/observe/', import.meta.url);
const oldSource = execFileSync('git', ['show', `${revArg ?? '06ed318'}:${CENSUS}`], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' })
  .replace(/from '(\.\.?\/[^']+)'/g, (_, rel: string) => `from '${new URL(rel, observeDir).href}'`);
const oldFile = join(mkdtempSync(join(tmpdir(), 'census-old-')), 'census.ts');
writeFileSync(oldFile, oldSource);
const { measure: measureOld } = (await import(pathToFileURL(oldFile).href)) as { measure: typeof measure };
const sc = loadScenarioFile(file).scenario;
const months = Number(monthsArg ?? 3);
const rounds = Number(roundsArg ?? 9);
const w = createWorld(sc.city, { sample: Number(sampleArg), seed: sc.seed, replication: 0, start: sc.start });
installPolicies(w, sc.policies as Record<string, unknown>);
for (let m = 1; m <= months; m++) {
  w.month = m;
  w.flows.reset();
  w.schedule.runMonth(w, m, w.calendar(m));
  observe(w, () => {});
}
console.log(`${w.persons.count} persons (${w.persons.size} rows), ${w.households.count} households (${w.households.size} rows)`);

/** The first field where a and b differ bit for bit (NaN equal to NaN, −0 not to 0), or null. */
function differ(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  for (const k of Object.keys(a)) {
    const x = a[k], y = b[k];
    if (typeof x === 'number') {
      if (!Object.is(x, y)) return `${k}: ${x} against ${String(y)}`;
    } else if (x instanceof Float64Array && y instanceof Float64Array) {
      if (x.length !== y.length) return `${k}: length`;
      for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${k}[${i}]: ${x[i]} against ${y[i]}`;
    } else if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < x.length; i++) {
        const d = differ({ v: x[i] }, { v: y[i] });
        if (d) return `${k}[${i}].${d}`;
      }
    }
  }
  return null;
}
const d = differ(measureOld(w) as never, measure(w) as never);
if (d) {
  console.error(`the censuses differ: ${d}`);
  process.exit(1);
}
console.log('old and new give the same bits');

const now = process.env.MEGASIM_BENCH_CPU === '1'
  ? () => {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
  : () => process.hrtime.bigint();
const time = (f: (w: typeof import('../model/world.ts').World.prototype) => unknown): number => {
  const t = now();
  f(w);
  return Number(now() - t) / w.persons.count;
};
for (let i = 0; i < 3; i++) {
  time(measureOld);
  time(measure);
}
const old: number[] = [], neu: number[] = [];
for (let i = 0; i < rounds; i++) {
  old.push(time(measureOld));
  neu.push(time(measure));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const f = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
console.log(`old ${f(old)}\nnew ${f(neu)}`);
console.log(`median ns a person: old ${median(old).toFixed(1)}, new ${median(neu).toFixed(1)}, new/old ${(median(neu) / median(old)).toFixed(2)}`);
console.log(`median of the rounds' new/old: ${median(neu.map((x, i) => x / old[i]!)).toFixed(2)}`);
console.log(`least ns a person: old ${Math.min(...old).toFixed(1)}, new ${Math.min(...neu).toFixed(1)}, new/old ${(Math.min(...neu) / Math.min(...old)).toFixed(2)}`);
