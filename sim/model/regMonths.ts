/**
 * Registered months without a monthly pass (MODEL.md §3.5, docs/performance.md "Eighth session").
 *
 * A person's registered months are the registration steps in which the person was registered at
 * the address of a housed household, capped at the i16 maximum (32767): each registration step adds
 * one to every such person (those declared in that step included), and nothing else changes the
 * count (a move keeps it; a registered person whose household has no dwelling keeps it unchanged).
 * Rather than add one to every registered person every month, the column `regBase` holds:
 *   - while the person is *accruing* (registered, in a household with a dwelling): the registration
 *     clock value at which the count would have been 0, so the count is min(32767, clock − regBase);
 *   - otherwise: the count itself.
 * The registration clock (`w.registry.clock`) counts the registration steps run; the step adds one
 * at its start, so a read in a step before registration's in a month sees last month's count and
 * one after it this month's. A person passes from one state to the other only where World's methods
 * or the declarations change `registered`, the household or its dwelling: declarations (registered),
 * moveOut (unhoused; moveIn then deregisters), detachPerson and attachPerson; each converts the
 * column (freeze/thaw below). Every reader computes the count with regMonthsOf.
 *
 * The residence permit (a non-local person aged 16+ with no permit, registered in a housed household,
 * whose count reaches permit_months) is granted by the registration step to the persons it tests:
 * those newly registered or newly accruing (`pending`, pushed by declarations and attachPerson), and
 * those due this step (`ring`): a tested person not yet entitled is put in the ring at the first
 * step at which, if nothing changes but the months, the person would be (the later of the count
 * reaching permit_months and the 192nd month of age), or at most RING − 1 steps on. Nothing can bring
 * entitlement earlier than that step without passing through pending: ages and counts grow by one a
 * month at most, hukou only ever becomes local and permits are never withdrawn; a change of
 * permit_months (a lever) makes the step test every person again. So the permits are those of the
 * old monthly pass, in the same months.
 */
import { IndexList } from '../engine/scratch.ts';

/** The count's cap (the i16 maximum; the old counter stopped there). */
export const REG_CAP = 32767;
/** Steps ahead the ring reaches (a person due later is tested again RING − 1 steps on). */
export const RING = 512;

/** The registration clock and the persons to test for a permit (one per world). */
export class Registry {
  /** Registration steps run so far (the step adds one at its start). */
  clock = 0;
  /** Persons to test at the next registration step. */
  readonly pending = new IndexList(256);
  /** Persons to test at registration step c: ring[c % RING]. */
  readonly ring: IndexList[] = Array.from({ length: RING }, () => new IndexList(16));
  /** permit_months the ring was made for; NaN: none yet (the next step tests every person). */
  scheduledFor = NaN;
}

/** What these functions read and write of a World (structural: world.ts imports this file, not the other way). */
export interface RegWorld {
  readonly persons: { readonly cols: { readonly hh: Int32Array; readonly registered: Uint8Array; readonly regBase: Int16Array } };
  readonly households: { readonly cols: { readonly dwelling: Int32Array } };
  readonly registry: Registry;
}

/** Person p's registered months now. */
export function regMonthsOf(w: RegWorld, p: number): number {
  const pc = w.persons.cols;
  const h = pc.hh[p]!;
  const base = pc.regBase[p]!;
  return pc.registered[p] === 1 && h >= 0 && w.households.cols.dwelling[h]! >= 0 ? Math.min(REG_CAP, w.registry.clock - base) : base;
}

/**
 * Sets person p's registered months to `months` (0…32767) given its current registration and
 * household (init's starting values, hand-made persons in tests), and has the next registration
 * step test every person for a permit again.
 */
export function setRegMonths(w: RegWorld, p: number, months: number): void {
  const pc = w.persons.cols;
  const h = pc.hh[p]!;
  pc.regBase[p] = pc.registered[p] === 1 && h >= 0 && w.households.cols.dwelling[h]! >= 0 ? w.registry.clock - months : months;
  w.registry.scheduledFor = NaN;
}

/** Person p, registered, stops accruing (its household loses its dwelling, or p leaves a housed household): regBase becomes the count. */
export function freezeRegMonths(w: RegWorld, p: number): void {
  const base = w.persons.cols.regBase;
  base[p] = Math.min(REG_CAP, w.registry.clock - base[p]!);
}

/** Person p, registered, starts accruing (joins a housed household): regBase becomes the clock minus the count; p is tested at the next step. */
export function thawRegMonths(w: RegWorld, p: number): void {
  const base = w.persons.cols.regBase;
  base[p] = w.registry.clock - base[p]!;
  w.registry.pending.push(p);
}
