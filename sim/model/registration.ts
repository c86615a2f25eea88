/**
 * Registration (MODEL.md §3.5). Each month an unregistered household is
 * entered in the housing registry with a chance set by its tenure (owners and
 * employers declare more often than landlords), raised by housing-based
 * management (policy housing-registration: landlord declaration, grid
 * workers, building chiefs) where the dwelling is coded. Registered months
 * accrue; a non-hukou person aged 16+ with enough registered months gets a
 * residence permit (居住证). Moving resets registration: the new address must
 * be declared. Stream "registration".
 */
import type { World } from './world.ts';
import { NO_PERMIT } from './world.ts';
import { TENURE, isLocal } from './enums.ts';

export function registration(w: World, month: number): void {
  const s = w.streams.get('registration');
  const base = w.city.registration.declare_rate_month as Record<string, number>;
  const rate = TENURE.map((t, i) => Math.min(1, base[t]! + w.policy.registrationBoost[i]!));
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const dc = w.dwellings.cols;
  const permitMonths = w.policy.permitMonths;
  const nh = w.households.size;
  for (let h = 0; h < nh; h++) {
    if (!w.households.live[h]) continue;
    const d = hc.dwelling[h]!;
    const head = hc.head[h]!;
    if (d < 0 || head < 0) continue;
    if (!pc.registered[head]) {
      const t = dc.tenure[d]!;
      // Uncoded dwellings are declared at the base rate only.
      const r = dc.coded[d] ? rate[t]! : base[TENURE[t]!]!;
      if (s.next() < r) for (let p = head; p >= 0; p = pc.next[p]!) pc.registered[p] = 1;
    }
    for (let p = head; p >= 0; p = pc.next[p]!) {
      if (!pc.registered[p]) continue;
      if (pc.regMonths[p]! < 32767) pc.regMonths[p]!++;
      if (pc.permitSince[p] === NO_PERMIT && !isLocal(pc.hukou[p]!) && pc.ageM[p]! >= 192 && pc.regMonths[p]! >= permitMonths) {
        pc.permitSince[p] = month;
      }
    }
  }
}
