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
import * as worldM from './world.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { TENURE, isLocal } = enumsM;

export function registration(w: World, month: number): void {
  const s = w.streams.get('registration');
  const base = w.city.registration.declare_rate_month as Record<string, number>;
  const rate = TENURE.map((t, i) => Math.min(1, base[t]! + w.levers.registrationBoost[i]!));
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const dc = w.dwellings.cols;
  const permitMonths = w.levers.permitMonths;
  // Declaration rates by tenure: coded dwellings get the policy's boost, uncoded ones the base rate only.
  const baseRate = TENURE.map((t) => base[t]!);
  const nh = w.households.size;
  const hlive = w.households.live, hDwelling = hc.dwelling, hHead = hc.head;
  const registered = pc.registered, nextOf = pc.next, hTenure = hc.dwTenure, coded = dc.coded;
  // Declarations, household by household (the draws, in household order).
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    const d = hDwelling[h]!;
    const head = hHead[h]!;
    if (d < 0 || head < 0 || registered[head]) continue;
    const t = hTenure[h]!;
    const r = coded[d] ? rate[t]! : baseRate[t]!;
    if (s.next() < r) for (let p = head; p >= 0; p = nextOf[p]!) registered[p] = 1;
  }
  // Registered months and permits of registered persons living in a dwelling (no draws; person order
  // gives the same result as walking each household's members).
  const n = w.persons.size;
  const plive = w.persons.live, hhOf = pc.hh, regMonths = pc.regMonths, permitSince = pc.permitSince, hukou = pc.hukou, ageM = pc.ageM;
  for (let p = 0; p < n; p++) {
    // One test for live and registered (a removed row's registered flag is stale, so it is masked).
    if ((plive[p]! & registered[p]!) === 0 || hDwelling[hhOf[p]!]! < 0) continue;
    const months = regMonths[p]! + ((regMonths[p]! - 32767) >>> 31); // + 1 below the i16 cap
    regMonths[p] = months;
    if (permitSince[p] === NO_PERMIT && !isLocal(hukou[p]!) && ageM[p]! >= 192 && months >= permitMonths) {
      permitSince[p] = month;
    }
  }
}
