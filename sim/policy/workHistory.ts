/**
 * Years of work of the starting population. The `worked` column (months
 * employed in the city) counts up from the first month in labour.ts; persons
 * present at the start need a history, or no one could meet a years-of-work
 * condition for years. A policy that reads `worked` calls this once at
 * install: if no live person has any months of work yet, every person in the
 * labour force gets min(months lived in the city, months since their 16th
 * birthday) — they are taken to have worked every month since they came or
 * came of working age (megasim's assumption; docs/policies/differentiated.md).
 * Persons outside the labour force get 0. Deterministic, no draws.
 */
import type { World } from '../model/world.ts';

export function ensureWorkHistory(w: World): void {
  const pc = w.persons.cols;
  const live = w.persons.live;
  const n = w.persons.size;
  for (let p = 0; p < n; p++) if (live[p] && pc.worked[p]! > 0) return;
  for (let p = 0; p < n; p++) {
    if (!live[p] || !pc.active[p]) continue;
    pc.worked[p] = Math.min(32767, pc.inCity[p]!, Math.max(0, pc.ageM[p]! - 16 * 12));
  }
}
