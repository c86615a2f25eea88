/**
 * Registration (MODEL.md §3.5). Each month an unregistered household is
 * entered in the housing registry with a chance set by its tenure (owners and
 * employers declare more often than landlords), raised by housing-based
 * management (policy housing-registration: landlord declaration, grid
 * workers, building chiefs) where the dwelling is coded. Registered months
 * accrue (by the registration clock, regMonths.ts: no pass over the persons);
 * a non-hukou person aged 16+ with enough registered months gets a
 * residence permit (居住证). Moving resets registration: the new address must
 * be declared. Stream "registration".
 */
import type { World } from './world.ts';
import * as worldM from './world.ts';
import * as enumsM from './enums.ts';
import * as skipM from '../engine/skip.ts';
import * as regM from './regMonths.ts';
import * as byteWordsM from '../engine/byteWords.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { NT, TENURE, isLocal } = enumsM;
const { UNDRAWN, geometricSkip } = skipM;
const { REG_CAP, RING } = regM;
const { LITTLE_ENDIAN, byteWords, nonZeroBytes } = byteWordsM;

export function registration(w: World, month: number): void {
  // This step's month counts for every person registered in a housed household, those declared below included.
  w.registry.clock++;
  declarations(w);
  permits(w, month);
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
 * a dwelling makes no trial (its registered members' months do not grow: regMonths.ts). A declared
 * member starts accruing with this month counted (regBase = clock − 1 − count), and is tested for a
 * permit in this step if non-local without one.
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
  const registered = pc.registered, nextOf = pc.next, hTenure = hc.dwTenure, coded = w.dwellings.cols.coded, regBase = pc.regBase, hukou = pc.hukou, permitSince = pc.permitSince;
  const clock = w.registry.clock, pending = w.registry.pending;
  // Where no dwelling is coded (no housing-registration policy), every household is of the uncoded class of its tenure,
  // and its dwelling's row (a random read) is not needed.
  const anyCoded = codedAnywhere(coded, w.dwellings.size);
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    const d = hDwelling[h]!;
    const head = hHead[h]!;
    if (head < 0 || d < 0) continue;
    if (registered[head]) continue;
    // One trial of the class's run (skipTrial, inlined).
    const k = 2 * hTenure[h]! + (anyCoded && coded[d] ? 1 : 0);
    let l = left[k]!;
    if (l < 0) l = geometricSkip(s.next(), classRate[k]!);
    if (l > 0) {
      left[k] = l - 1;
      continue;
    }
    left[k] = UNDRAWN;
    for (let p = head; p >= 0; p = nextOf[p]!) {
      // A member already registered (init registers persons one by one) is accruing already.
      if (registered[p]) continue;
      // regBase held the count: now the clock at which it was 0, this month counted.
      registered[p] = 1;
      regBase[p] = clock - 1 - regBase[p]!;
      if (permitSince[p] === NO_PERMIT && !isLocal(hukou[p]!)) pending.push(p);
    }
  }
}

/** A Uint32Array view of the dwellings' coded bytes (sim/engine/byteWords.ts), kept between calls. */
let codedWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

/**
 * Whether any of the first n rows of the dwellings' coded column (removed rows too) is not 0: four rows a word, stopping at
 * the first (byte order does not matter for "the word is not 0"), the rows past the words one by one.
 */
export function codedAnywhere(coded: Uint8Array, n: number): boolean {
  const cw = (codedWords = byteWords(coded, codedWords));
  const nw = Math.min(n >> 2, cw.length);
  for (let q = 0; q < nw; q++) if (cw[q] !== 0) return true;
  for (let d = nw << 2; d < n; d++) if (coded[d] !== 0) return true;
  return false;
}

/**
 * Residence permits (no draws). Tests the persons pending and those due at this step (regMonths.ts),
 * or, when permit_months differs from the one the ring was made for (the first step, a lever
 * change), every person. A tested person is granted a permit if non-local without one, aged 192
 * months or more, registered in a housed household, with at least permit_months registered months;
 * one who is accruing but not yet entitled goes in the ring at its due step. Grants draw nothing
 * and read no other person's permit, so the order of the tests does not matter.
 */
function permits(w: World, month: number): void {
  const R = w.registry;
  const pm = w.levers.permitMonths;
  const slot = R.ring[R.clock % RING]!;
  if (pm !== R.scheduledFor) {
    R.scheduledFor = pm;
    for (const l of R.ring) l.clear();
    R.pending.clear();
    if (registrationPaths.plain) testEveryonePlain(w, month, pm);
    else testEveryone(w, month, pm);
    return;
  }
  const pending = R.pending;
  for (let i = 0; i < pending.n; i++) test(w, pending.a[i]!, month, pm);
  pending.clear();
  for (let i = 0; i < slot.n; i++) test(w, slot.a[i]!, month, pm);
  slot.clear();
}

/** For tests: `plain` makes the step test every person by the plain pass (testEveryonePlain) where it would take testEveryone. No output changes. */
export const registrationPaths = { plain: false };

/** The plain pass testEveryone replaces (the reference): every live & registered row without a permit, in index order. */
function testEveryonePlain(w: World, month: number, pm: number): void {
  const n = w.persons.size;
  const pc = w.persons.cols;
  const live = w.persons.live, registered = pc.registered, permitSince = pc.permitSince;
  // The cheap tests first (live, registered, no permit); test() repeats them.
  for (let p = 0; p < n; p++) if ((live[p]! & registered[p]!) !== 0 && permitSince[p] === NO_PERMIT) test(w, p, month, pm);
}

/** Uint32Array views of the persons' live, registered and hukou bytes (sim/engine/byteWords.ts), kept between calls. */
let liveWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0), registeredWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0), hukouWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
/** Bits 1–7 of every byte: a hukou byte with one of them set is ≥ 2, not local (enums.ts isLocal: ≤ LOCAL_RURAL = 1). */
const NOT_LOCAL_BITS = 0xfefefefe | 0;

/**
 * Tests, in index order, every person that test() can grant or schedule: live & registered (a byte
 * test), not local, without a permit. Most registered persons hold local hukou (test() returns at
 * once for them), so whole words are tested four rows at a time on little-endian hosts (live &
 * registered bytes not 0, hukou byte ≥ 2) and only the rows passing both read permitSince; the rows
 * past the words, and all rows elsewhere, one by one. The persons tested are those of the plain pass
 * that hold non-local hukou, in the same order; test() returns at once for the others, writing
 * nothing (test/model/registration-permits.test.ts).
 */
function testEveryone(w: World, month: number, pm: number): void {
  const n = w.persons.size;
  const pc = w.persons.cols;
  const live = w.persons.live, registered = pc.registered, permitSince = pc.permitSince, hukou = pc.hukou;
  const lw = (liveWords = byteWords(live, liveWords)), rw = (registeredWords = byteWords(registered, registeredWords)), hw = (hukouWords = byteWords(hukou, hukouWords));
  const nw = LITTLE_ENDIAN ? Math.min(n >> 2, lw.length, rw.length, hw.length) : 0;
  // By chunks of words, each a call of a small function: a pass run once a world would otherwise run
  // in the code V8 compiles on stack replacement (docs/performance.md, "Eighth session: the first months").
  for (let q0 = 0; q0 < nw; q0 += TEST_CHUNK) testWords(w, lw, rw, hw, permitSince, q0, Math.min(nw, q0 + TEST_CHUNK), month, pm);
  for (let p = nw << 2; p < n; p++) if ((live[p]! & registered[p]!) !== 0 && permitSince[p] === NO_PERMIT && !isLocal(hukou[p]!)) test(w, p, month, pm);
}

/** Words a call of testWords takes. */
const TEST_CHUNK = 4096;

/** testEveryone's words q0..q1−1 (rows 4q0..4q1−1), in order. */
function testWords(w: World, lw: Uint32Array<ArrayBufferLike>, rw: Uint32Array<ArrayBufferLike>, hw: Uint32Array<ArrayBufferLike>, permitSince: Int16Array, q0: number, q1: number, month: number, pm: number): void {
  for (let q = q0; q < q1; q++) {
    let x = nonZeroBytes(lw[q]! & rw[q]!) & nonZeroBytes(hw[q]! & NOT_LOCAL_BITS);
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const p = (q << 2) + ((31 - Math.clz32(low)) >> 3);
      if (permitSince[p] === NO_PERMIT) test(w, p, month, pm);
    }
  }
}

/** Tests person p (possibly a row since removed or reused) for a permit at this step; see permits. */
function test(w: World, p: number, month: number, pm: number): void {
  const pc = w.persons.cols;
  if (!w.persons.live[p] || pc.registered[p] !== 1 || pc.permitSince[p] !== NO_PERMIT || isLocal(pc.hukou[p]!)) return;
  const h = pc.hh[p]!;
  if (h < 0 || w.households.cols.dwelling[h]! < 0) return;
  const R = w.registry;
  const clock = R.clock;
  const base = pc.regBase[p]!;
  const age = pc.ageM[p]!;
  if (age >= 192 && Math.min(REG_CAP, clock - base) >= pm) {
    pc.permitSince[p] = month;
    return;
  }
  // Never entitled: the count stops at the cap.
  if (pm > REG_CAP) return;
  // The first step at which the count reaches permit_months and the age 192 months, months passing.
  const due = Math.min(clock + RING - 1, Math.max(clock + 1, base + Math.ceil(pm), clock + 192 - age));
  R.ring[due % RING]!.push(p);
}

