/**
 * Notes a comparison report states about its results: facts a reader must not
 * miss in the charts. Now one: a scenario whose complaint queue is overloaded
 * (known inflow above effective dispatch capacity over the last 12 months of
 * the run, `complaint_utilisation` ≥ 1 on the mean across seeds), so that its
 * backlog and response time grow without bound rather than settle.
 */
import type { StatRow } from '../types.ts';

export function resultNotes(stats: readonly StatRow[], scenarios: readonly { id: string; title: string }[]): string[] {
  const notes: string[] = [];
  for (const sc of scenarios) {
    let last: StatRow | null = null;
    for (const r of stats) {
      if (r.scenario !== sc.id || r.indicator !== 'complaint_utilisation' || r.zone !== 'all' || !Number.isFinite(r.mean)) continue;
      if (!last || r.month > last.month) last = r;
    }
    if (last && last.mean >= 1) {
      notes.push(
        `${sc.title}: complaints come in faster than they can be handled (utilisation ${last.mean.toFixed(2)} over the last 12 months, ` +
          `${last.q05.toFixed(2)}–${last.q95.toFixed(2)} across seeds): the backlog and the response time keep growing and do not settle.`,
      );
    }
  }
  return notes;
}
