/**
 * Time by monthly step: the profile of docs/performance.md.
 *
 *   node --import tsx sim/bench/steps.ts SCENARIO SAMPLE MONTHS
 *
 * Builds the scenario's world at SAMPLE, runs MONTHS months (observing after
 * each, as a run does) and prints, for each step, its seconds, its share,
 * nanoseconds per person-month over all months and the median over months
 * (yearly steps show their cost in the month they run), then the total in
 * person-months per second. Timing uses process.hrtime.bigint() and never
 * reaches a model output; with MEGASIM_BENCH_CPU=1 it uses the process's CPU
 * time instead (process.cpuUsage: user + system), which on a shared machine
 * counts less of the time spent waiting for a core. A small world warms the
 * compiler first, as a run does (sim/run/warmup.ts), unless MEGASIM_BENCH_COLD=1.
 */
import { loadScenarioFile } from '../scenario/node.ts';
import { createWorld } from '../model/build.ts';
import { observe } from '../model/observe/observation.ts';
import { pulseStep } from '../model/observe/pulse.ts';
import { installPolicies } from '../policy/registry.ts';
import { warmUpFor } from '../run/warmup.ts';

const [file, sampleArg, monthsArg] = process.argv.slice(2);
if (!file || !sampleArg || !monthsArg) {
  console.error('usage: node --import tsx sim/bench/steps.ts SCENARIO SAMPLE MONTHS');
  process.exit(2);
}
const sc = loadScenarioFile(file).scenario;
const sample = Number(sampleArg);
const months = Number(monthsArg);
const cpu = process.env.MEGASIM_BENCH_CPU === '1';
const now = cpu
  ? () => {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
  : () => process.hrtime.bigint();

// As a run does (sim/run/warmup.ts), unless MEGASIM_BENCH_COLD=1 (to see the first months' compilation).
if (process.env.MEGASIM_BENCH_COLD !== '1') warmUpFor(sc, sample, sc.seed);
const t0 = now();
const w = createWorld(sc.city, { sample, seed: sc.seed, replication: 0, start: sc.start });
installPolicies(w, sc.policies as Record<string, unknown>);
console.log(`init ${(Number(now() - t0) / 1e9).toFixed(1)} s, ${w.persons.count} persons`);

const seconds: Record<string, number> = {};
const perMonth: Record<string, number[]> = {};
const add = (step: string, ns: number, alive: number) => {
  seconds[step] = (seconds[step] ?? 0) + ns / 1e9;
  (perMonth[step] ??= []).push(ns / alive);
};
const noRecord = () => {};
pulseStep(w);
observe(w, noRecord);
let personMonths = 0;
const start = now();
for (let m = 1; m <= months; m++) {
  w.month = m;
  w.flows.reset();
  const alive = w.persons.count;
  personMonths += alive;
  let t = now();
  w.schedule.runMonth(w, m, w.calendar(m), (step) => {
    const n = now();
    add(step, Number(n - t), alive);
    t = n;
  });
  t = now();
  observe(w, noRecord);
  add('observation', Number(now() - t), alive);
}
const total = Number(now() - start) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log('step                  seconds  share  ns/person-month  median over months');
for (const [k, v] of Object.entries(seconds).sort((a, b) => b[1] - a[1])) {
  console.log(
    `${k.padEnd(20)} ${v.toFixed(2).padStart(8)} ${((v / total) * 100).toFixed(0).padStart(5)}% ${((v * 1e9) / personMonths).toFixed(1).padStart(16)} ${median(perMonth[k]!).toFixed(1).padStart(19)}`,
  );
}
console.log(`${total.toFixed(1)} ${cpu ? 'CPU ' : ''}s for ${months} months: ${(personMonths / total / 1e6).toFixed(2)} M person-months/s, ${((total * 12) / months).toFixed(1)} s per simulated year`);
if (process.env.MEGASIM_BENCH_MONTHS === '1') {
  console.log('ns/person-month by month:');
  for (const [k, v] of Object.entries(perMonth)) console.log(`${k.padEnd(14)} ${v.map((x) => x.toFixed(0).padStart(4)).join(' ')}`);
}
