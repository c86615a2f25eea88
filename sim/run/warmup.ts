/**
 * A compiler warm-up before a large world. Each monthly step is one call a
 * month of a function that loops over every row, so V8 first compiles its
 * loop on stack replacement (OSR) in the middle of the first call, and that
 * code ran this machine's passes at about half the speed of the code it
 * compiles once the function has been called a few times (docs/performance.md,
 * "Eighth session: the first months"): the first two months of a run at
 * sample 1 cost about twice the others. Before the first world of this
 * process that is estimated at WARM_UP_PERSONS or more, the same scenario is
 * run for WARM_UP_MONTHS months on a small world of about WARM_UP_SIZE
 * persons, and dropped. It shares nothing with the real world: its own
 * World, streams and tables, as any two replications run one after the other
 * in one worker (which gives the same bytes as each in its own process;
 * tested). The passes a world runs once (the balanced start's) then run a few more times on it
 * (warmOnceAWorld). Browser-safe.
 */
import { createWorld, startingAgents } from '../model/build.ts';
import { observe } from '../model/observe/observation.ts';
import { pulseStep } from '../model/observe/pulse.ts';
import { installPolicies } from '../policy/registry.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { World } from '../model/world.ts';
import { tallyPersons } from '../model/balance.ts';
import { LeaverTerms, expectationAgain, expectationKept } from '../model/departures.ts';
import { IndexList } from '../engine/scratch.ts';

/** Worlds of at least this many starting persons (estimated) are preceded by a warm-up, once a process. */
export const WARM_UP_PERSONS = 250_000;
/** Persons of the warm-up world, about. */
export const WARM_UP_SIZE = 30_000;
/** Months the warm-up world runs. */
export const WARM_UP_MONTHS = 4;

let warmed = false;
let threshold = WARM_UP_PERSONS;

/** For tests: the threshold (0 warms before any world) and whether this process has warmed up (reset with `false`). */
export function setWarmUp(o: { threshold?: number; warmed?: boolean }): void {
  if (o.threshold !== undefined) threshold = o.threshold;
  if (o.warmed !== undefined) warmed = o.warmed;
}

/** Whether a warm-up has run in this process. */
export function hasWarmedUp(): boolean {
  return warmed;
}

/** Runs the warm-up before a world of scenario sc at this sample if it is large and none has run in this process. */
export function warmUpFor(sc: Scenario, sample: number, seed: number): void {
  if (warmed) return;
  const persons = startingAgents(sc.city, sample).persons;
  if (persons < threshold) return;
  warmed = true;
  const small = Math.min(sample, (sample * WARM_UP_SIZE) / Math.max(1, persons));
  const w = createWorld(sc.city, { sample: small, seed, replication: 0, start: sc.start });
  installPolicies(w, sc.policies as Record<string, unknown>);
  pulseStep(w);
  const drop = () => {};
  observe(w, drop);
  for (let m = 1; m <= WARM_UP_MONTHS; m++) {
    w.month = m;
    w.flows.reset();
    w.schedule.runMonth(w, m, w.calendar(m));
    observe(w, drop);
  }
  warmOnceAWorld(w, WARM_UP_REPEATS);
}

/** Extra calls of each once-a-world pass on the warm-up world (warmOnceAWorld). */
export const WARM_UP_REPEATS = 6;

/**
 * Runs the passes a world runs only once, in its first month, `times` more times on the warm-up world w:
 * the balanced start's persons tally and its two expectations of leavers (balance.ts, departures.ts). Once a world, V8 would run their first call on the
 * large world in code not yet optimised for a normal call (docs/performance.md, "Eleventh session: month
 * 1"). None of them draws or keeps state between calls that a later world reads (their scratch arrays are
 * refilled at each call), and w is dropped after: outputs are unchanged.
 */
export function warmOnceAWorld(w: World, times: number): void {
  const rows = new IndexList();
  const terms = new LeaverTerms();
  for (let i = 0; i < times; i++) {
    tallyPersons(w, rows);
    expectationKept(w, terms);
    expectationAgain(w, terms);
  }
  terms.release();
}
