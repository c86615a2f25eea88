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
import * as skipM from '../engine/skip.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { NT, TENURE, isLocal } = enumsM;
const { UNDRAWN, geometricSkip } = skipM;

export function registration(w: World, month: number): void {
  declarations(w);
  registeredMonths(w, month);
}

/** The runs of declaration trials by rate class (tenure × coded), reused month to month. */
const left = new Float64Array(2 * enumsM.NT);
const classRate = new Float64Array(2 * enumsM.NT);

/**
 * Declarations, household by household. Each unregistered household in a dwelling declares with
 * the chance of its class, tenure × coded dwelling (coded dwellings get the policy's boost,
 * uncoded ones the base rate only), by geometric skipping within each class (sim/engine/skip.ts):
 * the same chance for each household, independently, as one draw per household, with one draw
 * per declaration (and one per class at its first household of the month). A household without
 * a dwelling makes no trial; its registered members do not count this month, so one month is
 * taken off their registered months here, and registeredMonths adds it back (net: unchanged),
 * which saves that pass reading every person's household and dwelling.
 */
function declarations(w: World): void {
  const s = w.streams.get('registration');
  const base = w.city.registration.declare_rate_month as Record<string, number>;
  for (let t = 0; t < NT; t++) {
    classRate[2 * t] = base[TENURE[t]!]!;
    classRate[2 * t + 1] = Math.min(1, base[TENURE[t]!]! + w.levers.registrationBoost[t]!);
  }
  left.fill(UNDRAWN);
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const nh = w.households.size;
  const hlive = w.households.live, hDwelling = hc.dwelling, hHead = hc.head;
  const registered = pc.registered, nextOf = pc.next, hTenure = hc.dwTenure, coded = w.dwellings.cols.coded, regMonths = pc.regMonths;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    const d = hDwelling[h]!;
    const head = hHead[h]!;
    if (head < 0) continue;
    if (d < 0) {
      for (let p = head; p >= 0; p = nextOf[p]!) if (registered[p]) regMonths[p]!--;
      continue;
    }
    if (registered[head]) continue;
    // One trial of the class's run (skipTrial, inlined).
    const k = 2 * hTenure[h]! + (coded[d] ? 1 : 0);
    let l = left[k]!;
    if (l < 0) l = geometricSkip(s.next(), classRate[k]!);
    if (l > 0) {
      left[k] = l - 1;
      continue;
    }
    left[k] = UNDRAWN;
    for (let p = head; p >= 0; p = nextOf[p]!) registered[p] = 1;
  }
}

/**
 * Registered months and permits of registered persons (no draws). Every live registered person
 * gets a month (up to the i16 cap); those without a dwelling had one taken off in declarations, so
 * their count is unchanged, and the permit test (rare: non-local, no permit yet) checks the
 * dwelling last. Two functions rather than one: V8 optimises each loop better alone.
 */
function registeredMonths(w: World, month: number): void {
  const pc = w.persons.cols;
  const hDwelling = w.households.cols.dwelling;
  const permitMonths = w.levers.permitMonths;
  const n = w.persons.size;
  const plive = w.persons.live, registered = pc.registered, hhOf = pc.hh, regMonths = pc.regMonths, permitSince = pc.permitSince, hukou = pc.hukou, ageM = pc.ageM;
  for (let p = 0; p < n; p++) {
    // One test for live and registered (a removed row's registered flag is stale, so it is masked).
    if ((plive[p]! & registered[p]!) === 0) continue;
    const months = regMonths[p]! + ((regMonths[p]! - 32767) >>> 31); // + 1 below the i16 cap
    regMonths[p] = months;
    if (permitSince[p] === NO_PERMIT && !isLocal(hukou[p]!) && ageM[p]! >= 192 && months >= permitMonths && hDwelling[hhOf[p]!]! >= 0) {
      permitSince[p] = month;
    }
  }
}
