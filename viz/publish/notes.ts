/**
 * Notes a comparison report states about its results: facts a reader must not
 * miss in the charts. Now one: a scenario whose complaint queue is overloaded
 * (known inflow above effective dispatch capacity over the last 12 months of
 * the run, `complaint_utilisation` ≥ 1 on the mean across seeds), so that its
 * backlog and response time grow without bound rather than settle; and,
 * where both are recorded, how many granted applicants (heads) and how many
 * settled persons (with their families) there were.
 */
import type { StatRow } from '../types.ts';
import { formatCompact } from '../format.ts';

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
  notes.push(...grantedVersusSettled(stats, scenarios));
  return notes;
}

/**
 * Why "granted" and "Settlements" differ: granted_applicants counts the
 * persons who applied and were granted (heads), settlements also the family
 * members who follow them. One note per scenario where both are recorded and
 * differ over the run (totals of the mean over months 1..last).
 */
export function grantedVersusSettled(stats: readonly StatRow[], scenarios: readonly { id: string; title: string }[]): string[] {
  const out: string[] = [];
  for (const sc of scenarios) {
    let granted = 0;
    let settled = 0;
    for (const r of stats) {
      if (r.scenario !== sc.id || r.zone !== 'all' || r.month < 1 || !Number.isFinite(r.mean)) continue;
      if (r.indicator === 'granted_applicants') granted += r.mean;
      else if (r.indicator === 'settlements') settled += r.mean;
    }
    if (granted > 0 && settled > granted * 1.0005) {
      out.push(
        `${sc.title}: ${formatCompact(granted)} applicants were granted hukou over the run ("granted" in the applicants chart counts them, the heads); ` +
          `with the family members who followed them, ${formatCompact(settled)} persons settled ("Settlements"), ${(settled / granted).toFixed(2)} per granted applicant.`,
      );
    }
  }
  return out;
}
