/**
 * Years of work of the starting population. The `worked` column (months
 * employed in the city) counts up from the first month in labour.ts; persons
 * present at the start need a history, or no one could meet a years-of-work
 * condition for years. A policy that reads `worked` calls this once at
 * install, once per world: every person in the labour force gets at least
 * min(months lived in the city, months since their 16th birthday) — they are
 * taken to have worked every month since they came or came of working age
 * (megasim's assumption; docs/policies/differentiated.md). A rule installed
 * mid-run (a `from` date) gives the same history to those then present.
 * Persons outside the labour force keep what they have. Deterministic, no draws.
 */
import type { World } from '../model/world.ts';

const given = new WeakSet<World>();

export function ensureWorkHistory(w: World): void {
  if (given.has(w)) return;
  given.add(w);
  const pc = w.persons.cols;
  const live = w.persons.live;
  const n = w.persons.size;
  for (let p = 0; p < n; p++) {
    if (!live[p] || !pc.active[p]) continue;
    w.setWorkMonths(p, Math.max(w.workedMonths(p), Math.min(32767, pc.inCity[p]!, Math.max(0, pc.ageM[p]! - 16 * 12))), w.insuredMonths(p));
  }
}
