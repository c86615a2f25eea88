/**
 * Departures (MODEL.md §3.10). Each month a migrant household (one that came
 * from the hinterland) returns there with the hazard
 *   h = base × exp( unemployment_weight × min(cap, months the head is unemployed)
 *                 + burden_weight × min(1, max(0, rent/budget − burden limit))
 *                 + school_weight × children without a school place
 *                 + no_prospect_weight × (1 − the head's own settlement prospect)
 *                 + unhoused_weight × [no dwelling] )
 *     × hukou_factor if the head holds local hukou × owner_factor if it owns,
 * capped at 1; the prospect is that of the head's education (migration.ts),
 * and a head with local urban hukou has no "no prospect" term. All members
 * leave; the adults of working age refill the segment of the head's hukou.
 * A household that did not come from the hinterland and whose head holds
 * local hukou and is 16..max_head_age years old leaves for other places with
 * the out-migration chance c of the head's education (migration.ts), drawn
 * by thinning (monthly chance 1 − exp(−c) ≈ c; no draw per household). Streams
 * "departures" and "out-migration".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
import * as migrationM from './migration.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { LOCAL_RURAL, LOCAL_URBAN, NT, OWNED, RURAL_HOME } = enumsM;
const { NE } = migrationM;

const noProspect = new Float64Array(16);
/**
 * exp(x) by the hazard's discrete terms: [months unemployed, capped][unhoused][children without a place]
 * [prospect slot: the head's education, NE for none], NaN until first used in a scan (hazardTable).
 */
let expTable = new Float64Array(0);
/** Children without a school place the table covers (more are computed directly). */
const TABLE_UNPLACED = 8;

/** Uint32Array views of byte columns, by column (4 flags a word; see words()). */
let liveWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0), migrantWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
/** Row 4i + k of a byte column is byte k of word i of its Uint32Array view (k = 0 the lowest byte) on a little-endian host. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/**
 * A Uint32Array view of byte column a, 4 rows a word (word i holds rows 4i..4i+3), or an empty one when
 * a is not a whole buffer from offset 0 or the host is not little-endian (then every word is made from
 * the bytes, liveMigrantWord). `old` is returned when it already views a's buffer.
 */
function words(a: Uint8Array, old: Uint32Array<ArrayBufferLike>): Uint32Array<ArrayBufferLike> {
  if (old.buffer === a.buffer && old.length === a.length >> 2) return old;
  if (!LITTLE_ENDIAN || a.byteOffset !== 0 || a.buffer.byteLength < a.length) return new Uint32Array(0);
  return new Uint32Array(a.buffer, 0, a.length >> 2);
}

/**
 * Upper bounds of a migrant household's hazard from its own columns, by [class: 0 unhoused, 1 housed
 * without a burden spell, 2 housed with one][children without a place < TABLE_UNPLACED][owner 0/1]:
 * `boundAny` for any head, `boundEmployed` for a head who is not unemployed (no unemployment term).
 * Filled by setHazard.
 */
const boundAny = new Float64Array(3 * TABLE_UNPLACED * 2), boundEmployed = new Float64Array(3 * TABLE_UNPLACED * 2);
/**
 * The bound for an unemployed head with u = min(uTop, months unemployed) (the hazard's u): entry
 * i × uWidth + u for bound index i as above, the unemployment term that of u and the other terms at
 * their largest. Filled by setHazard.
 */
let boundUnemp = new Float64Array(0);
/** Entries a bound index takes in boundUnemp: u = 0..uTop (0..255 when uTop is not in 0..254: months unemployed are a u8). */
let uWidth = 0;
/** Relative margin of the bounds over the float hazard (sums in another order, exp's last bit). */
const BOUND_MARGIN = 1 + 1e-9;

/** Sets the hazard's parameters and tables (exp table, bounds) for a scan of this month. */
function setHazard(w: World): void {
  const D = w.city.departures;
  const m = w.mig;
  xUnemp = D.unemployment_weight; xUnhoused = D.unhoused_weight; xSchool = D.school_weight; xCap = D.unemployment_cap_months;
  for (let e = 0; e < NE; e++) noProspect[e] = D.no_prospect_weight * (1 - m.prospect[e]!);
  // exp(x) when x has only its discrete terms (no burden term): from a table filled as first needed.
  // An entry is exp(hazardX(...)) of the same terms, so the floats are those of a direct computation.
  uTop = Math.ceil(xCap);
  nSlots = NE + 1;
  const tableSize = (uTop + 1) * 2 * TABLE_UNPLACED * nSlots;
  if (expTable.length < tableSize) expTable = new Float64Array(tableSize);
  expTable.fill(NaN, 0, tableSize);
  // The bounds: each term at its largest (the burden term lies in [0, 1] × its weight, the unemployment
  // term in [0, cap] × its weight, the prospect term is one of noProspect or none), the hukou factor
  // only when it raises the hazard. NaN (never passed) when a parameter is NaN; Infinity (no skip)
  // unless the base and the factors are ≥ 0.
  const base = D.base_hazard_month, hf = D.hukou_factor, of = D.owner_factor;
  let pMax = 0;
  for (let e = 0; e < NE; e++) pMax = Math.max(pMax, noProspect[e]!);
  const uMax = Math.max(0, xUnemp * xCap);
  const valid = base >= 0 && hf >= 0 && of >= 0;
  // A NaN or negative uTop gives an index NaN or < 0 below, whose entry is undefined: never passed.
  uWidth = (uTop >= 0 && uTop < 255 ? uTop : 255) + 1;
  if (boundUnemp.length < 3 * TABLE_UNPLACED * 2 * uWidth) boundUnemp = new Float64Array(3 * TABLE_UNPLACED * 2 * uWidth);
  for (let cls = 0; cls < 3; cls++) {
    const term = cls === 0 ? xUnhoused : cls === 2 ? Math.max(0, D.burden_weight) : 0;
    for (let kids = 0; kids < TABLE_UNPLACED; kids++) {
      for (let own = 0; own < 2; own++) {
        const i = (cls * TABLE_UNPLACED + kids) * 2 + own;
        const f = base * Math.max(1, hf) * (own ? of : 1) * BOUND_MARGIN;
        const x = term + xSchool * kids + pMax;
        boundAny[i] = valid ? f * Math.exp(x + uMax) : Infinity;
        boundEmployed[i] = valid ? f * Math.exp(x) : Infinity;
        // u as hazardX takes it: no term for 0, else the weight × min(cap, u).
        for (let u = 0; u < uWidth; u++) boundUnemp[i * uWidth + u] = valid ? f * Math.exp(x + (u > 0 ? xUnemp * Math.min(xCap, u) : 0)) : Infinity;
      }
    }
  }
}

/**
 * The departure hazard of migrant household h (not capped at 1; setHazard first). In a draw the burden
 * term counts only in a burden spell (burden > 0; the housing step counts it); the expectation takes
 * the rent as it is.
 */
function hazardOf(w: World, h: number, draw: boolean): number {
  const D = w.city.departures;
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const head = hc.head[h]!;
  const d = hc.dwelling[h]!;
  // The terms of x: months unemployed (capped), burden or no dwelling, children without a place, no prospect.
  const u = head >= 0 && pc.active[head] && pc.sector[head]! < 0 ? Math.min(uTop, pc.unemp[head]!) : 0;
  let burdenTerm = 0;
  if (d >= 0 && (hc.burden[h]! > 0 || !draw)) {
    // Households without wages live on savings: their budget is savings spread over budget months.
    // w.incomeOf(h) and w.rentOfHousehold(h), inlined.
    const budget = Math.max(1, hc.wages[h]! * w.wageIndex, hc.savings[h]! / D.savings_budget_months);
    const t = hc.dwTenure[h]!;
    const rent = t < 0 || t === OWNED || t === RURAL_HOME ? 0 : w.rentLevel[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
    burdenTerm = D.burden_weight * Math.min(1, Math.max(0, rent / budget - w.city.housing.burden_limit));
  }
  const housed = d >= 0 ? 1 : 0;
  const kids = hc.unplaced[h]!;
  const local = head >= 0 && pc.hukou[head] === LOCAL_URBAN;
  const slot = !local && head >= 0 ? pc.edu[head]! : NE;
  let ex: number;
  if (burdenTerm === 0 && kids < TABLE_UNPLACED) {
    const i = ((u * 2 + housed) * TABLE_UNPLACED + kids) * nSlots + slot;
    ex = expTable[i]!;
    if (ex !== ex) ex = expTable[i] = Math.exp(hazardX(u, housed, 0, kids, slot));
  } else ex = Math.exp(hazardX(u, housed, burdenTerm, kids, slot));
  let hz = D.base_hazard_month * ex;
  if (local) hz *= D.hukou_factor;
  if (hc.dwTenure[h] === OWNED) hz *= D.owner_factor;
  return hz;
}

/**
 * The live migrant rows 4i..4i+3 as a word (the byte of row 4i + k, k = 0..3, at bits 8k..8k+7, 1 for a
 * live migrant, else 0), from bytes for the rows past the word views (and all rows when there are none).
 */
function liveMigrantWord(live: Uint8Array, migrant: Uint8Array, i: number, nh: number): number {
  let x = 0;
  for (let k = 0; k < 4; k++) {
    const h = (i << 2) + k;
    if (h < nh && live[h] && migrant[h]) x |= 1 << (k << 3);
  }
  return x;
}

/**
 * The month's departures: each live migrant household, in row order, takes one draw r from stream
 * "departures" and leaves when r < its hazard. The hazard is computed only when r is below a bound of
 * it from the household's own columns (boundAny), or, for a head who is not unemployed, below the
 * bound without the unemployment term (boundEmployed): the draws and the households leaving are those
 * of computing every hazard; for an unemployed head, only below the bound with the head's months
 * unemployed (boundUnemp). Whether the head is unemployed (live, active, sector NO_JOB: the hazard's
 * `active && sector < 0`, as sector is NO_JOB or a sector index) is read from the labour tally's bitmap
 * of job seekers (w.labour.seek, kept by World's methods: labourTally.ts), one bit a person, instead
 * of the head's row of two person columns (a cache miss each, the heads being rows far apart). Rows go 4 at a time: a word of `live & migrant` (Uint32Array views of the
 * two byte columns) has a nonzero byte exactly for the live migrant rows, taken lowest byte first (row
 * order on a little-endian host; otherwise, and past the views, the words are made from the bytes).
 * Then residents' out-migration by thinning.
 */
function drawDepartures(w: World): void {
  const s = w.streams.get('departures');
  const hc = w.households.cols;
  const nh = w.households.size;
  setHazard(w);
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hDwelling = hc.dwelling, burden = hc.burden;
  const unplaced = hc.unplaced, hTenure = hc.dwTenure, unemp = w.persons.cols.unemp;
  const bAny = boundAny, bEmployed = boundEmployed, bUnemp = boundUnemp, uW = uWidth, uT = uTop;
  // Row p's bit, p & 31 of word p >>> 5, is set when p is live, active and without a job. A removal below
  // changes only its own members' bits (and may replace the array when it grows), so the array as read
  // here answers for the heads still to come.
  const seek = w.labour.seek, nSeek = seek.length;
  const lw = (liveWords = words(hlive, liveWords)), mw = (migrantWords = words(migrant, migrantWords));
  // Words below nw are whole words of both views.
  const nw = Math.min(nh >> 2, lw.length, mw.length);
  const nwAll = (nh + 3) >> 2;
  let left = 0;
  for (let wi = 0; wi < nwAll; wi++) {
    let x = wi < nw ? lw[wi]! & mw[wi]! : liveMigrantWord(hlive, migrant, wi, nh);
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const h = (wi << 2) + ((31 - Math.clz32(low)) >> 3);
      const r = s.next();
      const kids = unplaced[h]!;
      if (kids < TABLE_UNPLACED) {
        // The bound's index without branches: class 0 unhoused, 1 housed, 2 housed in a burden spell; owner 0/1.
        const housed = ~hDwelling[h]! >>> 31;
        const cls = housed + (housed & (-burden[h]! >>> 31));
        const i = (cls * TABLE_UNPLACED + kids) * 2 + ((((hTenure[h]! ^ OWNED) & 0xff) - 1) >>> 31);
        if (r >= bAny[i]!) continue;
        if (r >= bEmployed[i]!) {
          // Skipped unless the head is unemployed. No head (−1): q = −1 >>> 5 is past the bitmap.
          const head = hHead[h]!;
          const q = head >>> 5;
          if (q >= nSeek || ((seek[q]! >>> (head & 31)) & 1) === 0) continue;
          // An unemployed head: the bound with the head's own months unemployed.
          if (r >= bUnemp[i * uW + Math.min(uT, unemp[head]!)]!) continue;
        }
      }
      if (r < hazardOf(w, h, true)) left += leave(w, h);
    }
  }
  const out = outMigration(w);
  w.flows.departures += left + out;
  w.mig.outMigrants += out;
}

/**
 * Residents' out-migration by thinning: Poisson(rows × c_max) candidate rows drawn uniformly, each kept
 * with c/c_max when it is a live, eligible household — each household then leaves with the monthly
 * chance 1 − exp(−c) ≈ c, without a draw for every household (stream "out-migration"). Returns the
 * persons who left.
 */
function outMigration(w: World): number {
  const so = w.streams.get('out-migration');
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hukou = pc.hukou, ageM = pc.ageM, edu = pc.edu;
  const outChance = w.mig.outChance;
  const outMin = 16 * 12, outMax = w.city.migration.out_migration.max_head_age * 12 + 11;
  let out = 0;
  let cMax = 0;
  for (let e = 0; e < NE; e++) cMax = Math.max(cMax, outChance[e]!);
  const rows = w.households.size;
  const candidates = cMax > 0 ? so.poisson(rows * cMax) : 0;
  for (let i = 0; i < candidates; i++) {
    const h = so.int(rows);
    const u = so.next();
    if (!hlive[h] || migrant[h]) continue;
    const head = hHead[h]!;
    if (head < 0 || hukou[head]! > LOCAL_RURAL) continue;
    const a = ageM[head]!;
    if (a < outMin || a > outMax) continue;
    if (u * cMax < outChance[edu[head]!]!) out += leave(w, h);
  }
  return out;
}

/** One pass over households without draws: the expected persons leaving (expectedLeavers). */
function expectation(w: World): { returns: number; out: number; active: number; unemployed: number } {
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const nh = w.households.size;
  setHazard(w);
  let expReturns = 0;
  let expOut = 0;
  let expActive = 0;
  let expUnemp = 0;
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hSize = hc.size;
  const hukou = pc.hukou, edu = pc.edu, ageM = pc.ageM;
  const outChance = w.mig.outChance;
  const outMin = 16 * 12, outMax = w.city.migration.out_migration.max_head_age * 12 + 11;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    if (!migrant[h]) {
      // Residents' out-migration (drawn by thinning in a draw; here only its expectation).
      const head = hHead[h]!;
      if (head < 0 || hukou[head]! > LOCAL_RURAL) continue;
      const a = ageM[head]!;
      if (a < outMin || a > outMax) continue;
      const c = outChance[edu[head]!]!;
      if (c <= 0) continue;
      expOut += c * hSize[h]!;
      expActive += c * activeMembers(w, h);
      continue;
    }
    const hz = hazardOf(w, h, false);
    expReturns += Math.min(1, hz) * hSize[h]!;
    expActive += Math.min(1, hz) * activeMembers(w, h);
    expUnemp += Math.min(1, hz) * unemployedMembers(w, h);
  }
  return { returns: expReturns, out: expOut, active: expActive, unemployed: expUnemp };
}

/**
 * The expectation's terms household by household, kept from one pass (expectationKept) for a second
 * in the same state but for the starting spells of the unemployed (expectationAgain; the balanced
 * start, balance.ts, draws them twice). Entry j is the j-th household the expectation counts, in row
 * order: `packed[j]` its size (bits 0–7), members in the labour force (bits 8–18), and for a migrant
 * household its unemployed members (bits 19–29) and 1 << 30, for a resident one the head's education
 * (bits 19–29: its out-migration chance c is outChance of it). `chance[i]` is the capped hazard
 * min(1, h) of the i-th migrant household (a float for those only: ~12 bytes a migrant household and
 * 4 a resident one). `redo` lists, as pairs (migrant index, household), the migrant households whose
 * head is unemployed: only their hazard reads the spells. `ok` is false when a count did not fit its
 * bits (then a second pass must be a whole expectation).
 */
export class LeaverTerms {
  chance = new Float64Array(0);
  packed = new Int32Array(0);
  n = 0;
  redo = new Int32Array(0);
  nRedo = 0;
  ok = true;
  nMigrant = 0;
  /** Drops the arrays (they hold one entry a counted household: free them once the second pass is done). */
  release(): void {
    this.chance = new Float64Array(0);
    this.packed = new Int32Array(0);
    this.redo = new Int32Array(0);
    this.n = this.nRedo = this.nMigrant = 0;
  }
}
const MIGRANT_ENTRY = 1 << 30;
const COUNT_MAX = 2047;

/** expectedLeavers' sums, as expectation returns them. */
export interface Leavers { returns: number; out: number; active: number; unemployed: number }

/**
 * expectation(w), the same sums of the same terms in the same order, that also keeps its terms in t
 * (LeaverTerms). Walks each household's members once (expectation walks a migrant household's twice,
 * for its workers and its unemployed: the same counts).
 */
export function expectationKept(w: World, t: LeaverTerms): Leavers {
  const nh = w.households.size;
  setHazard(w);
  if (t.packed.length < nh) t.packed = new Int32Array(nh);
  t.n = 0;
  t.nMigrant = 0;
  t.nRedo = 0;
  t.ok = true;
  keptSums.fill(0);
  // By chunks of rows, each a call of a small function: a pass run once a world would otherwise run
  // in the code V8 compiles on stack replacement (docs/performance.md, "Eighth session: the first months").
  for (let h0 = 0; h0 < nh; h0 += KEPT_CHUNK) keptChunk(w, t, h0, Math.min(nh, h0 + KEPT_CHUNK));
  const k = keptSums;
  return { returns: k[0]!, out: k[1]!, active: k[2]!, unemployed: k[3]! };
}

/** Households a call of keptChunk takes. */
const KEPT_CHUNK = 4096;
/** expectationKept's four sums between chunks (returns, out, active, unemployed). */
const keptSums = new Float64Array(4);

/** expectationKept over households h0..h1−1: adds to keptSums in row order and appends to t. */
function keptChunk(w: World, t: LeaverTerms, h0: number, h1: number): void {
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const packed = t.packed, sums = keptSums;
  let n = t.n;
  let nm = t.nMigrant;
  let expReturns = sums[0]!;
  let expOut = sums[1]!;
  let expActive = sums[2]!;
  let expUnemp = sums[3]!;
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hSize = hc.size;
  const hukou = pc.hukou, edu = pc.edu, ageM = pc.ageM, active = pc.active, sector = pc.sector, nextOf = pc.next;
  const outChance = w.mig.outChance;
  const outMin = 16 * 12, outMax = w.city.migration.out_migration.max_head_age * 12 + 11;
  for (let h = h0; h < h1; h++) {
    if (!hlive[h]) continue;
    const head = hHead[h]!;
    if (!migrant[h]) {
      if (head < 0 || hukou[head]! > LOCAL_RURAL) continue;
      const a = ageM[head]!;
      if (a < outMin || a > outMax) continue;
      const c = outChance[edu[head]!]!;
      if (c <= 0) continue;
      let na = 0;
      for (let p = head; p >= 0; p = nextOf[p]!) na += active[p]!;
      const size = hSize[h]!;
      expOut += c * size;
      expActive += c * na;
      if (na > COUNT_MAX) t.ok = false;
      packed[n++] = size | (na << 8) | (edu[head]! << 19);
      continue;
    }
    const hz = Math.min(1, hazardOf(w, h, false));
    let na = 0;
    let nu = 0;
    for (let p = head; p >= 0; p = nextOf[p]!) {
      const x = active[p]!;
      na += x;
      // nu++ when active (a Uint8 > 0: −x is negative) and without a job (sector < 0), without a branch.
      nu += (-x >>> 31) & (sector[p]! >>> 31);
    }
    const size = hSize[h]!;
    expReturns += hz * size;
    expActive += hz * na;
    expUnemp += hz * nu;
    if (na > COUNT_MAX || nu > COUNT_MAX) t.ok = false;
    if (head >= 0 && active[head] && sector[head]! < 0) {
      if (t.redo.length < 2 * t.nRedo + 2) {
        const r = new Int32Array(Math.max(1024, 2 * t.redo.length));
        r.set(t.redo);
        t.redo = r;
      }
      t.redo[2 * t.nRedo] = nm;
      t.redo[2 * t.nRedo + 1] = h;
      t.nRedo++;
    }
    if (t.chance.length === nm) {
      const c = new Float64Array(Math.max(1024, 2 * nm));
      c.set(t.chance);
      t.chance = c;
    }
    t.chance[nm++] = hz;
    packed[n++] = size | (na << 8) | (nu << 19) | MIGRANT_ENTRY;
  }
  t.n = n;
  t.nMigrant = nm;
  sums[0] = expReturns;
  sums[1] = expOut;
  sums[2] = expActive;
  sums[3] = expUnemp;
}

/**
 * expectation(w) from the terms t kept by expectationKept in a state that differs from w's only in the
 * months unemployed (`unemp`) of unemployed persons: the hazards of the households listed in t.redo
 * (those whose head is unemployed; no other hazard reads `unemp`, and no count does) are computed
 * again, then the same sums are taken over the kept terms in the same order, so every float is that
 * of expectation(w). Falls back to expectation(w) when t is not ok.
 */
export function expectationAgain(w: World, t: LeaverTerms): Leavers {
  if (!t.ok) return expectation(w);
  setHazard(w);
  const chance = t.chance, packed = t.packed, redo = t.redo;
  for (let i = 0; i < t.nRedo; i++) chance[redo[2 * i]!] = Math.min(1, hazardOf(w, redo[2 * i + 1]!, false));
  let expReturns = 0;
  let expOut = 0;
  let expActive = 0;
  let expUnemp = 0;
  const n = t.n;
  const outChance = w.mig.outChance;
  let i = 0;
  for (let j = 0; j < n; j++) {
    const k = packed[j]!;
    const size = k & 0xff;
    const na = (k >>> 8) & COUNT_MAX;
    if ((k & MIGRANT_ENTRY) === 0) {
      const c = outChance[(k >>> 19) & COUNT_MAX]!;
      expOut += c * size;
      expActive += c * na;
      continue;
    }
    const c = chance[i++]!;
    expReturns += c * size;
    expActive += c * na;
    expUnemp += c * ((k >>> 19) & COUNT_MAX);
  }
  return { returns: expReturns, out: expOut, active: expActive, unemployed: expUnemp };
}

/** Weights of the hazard's x for hazardX, set by setHazard from the scenario. */
let xUnemp = 0, xUnhoused = 0, xSchool = 0, xCap = 0;
/** The exp table's months of unemployment above 0 (ceil of the cap) and prospect slots (NE + 1), set by setHazard. */
let uTop = 0, nSlots = 0;

/**
 * x of the departure hazard from its terms (the file comment): u months unemployed (0 for none), housed
 * 0/1, the burden term (0 for none), children without a place, the prospect slot (NE for none). The sum
 * is added in the order of the terms, as the hazard always has been, so that its float is the same.
 */
function hazardX(u: number, housed: number, burdenTerm: number, kids: number, slot: number): number {
  let x = 0;
  if (u > 0) x += xUnemp * Math.min(xCap, u);
  if (housed) x += burdenTerm;
  else x += xUnhoused;
  x += xSchool * kids;
  if (slot < NE) x += noProspect[slot]!;
  return x;
}

/** Members of household h in the labour force without a job. */
function unemployedMembers(w: World, h: number): number {
  const pc = w.persons.cols;
  let n = 0;
  for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) if (pc.active[p] && pc.sector[p]! < 0) n++;
  return n;
}

/** Members of household h in the labour force. */
function activeMembers(w: World, h: number): number {
  const pc = w.persons.cols;
  let n = 0;
  for (let p = w.households.cols.head[h]!; p >= 0; p = pc.next[p]!) n += pc.active[p]!;
  return n;
}

/** Household h leaves the city: its working-age adults refill the segment of the head's hukou; returns persons removed. */
function leave(w: World, h: number): number {
  const pc = w.persons.cols;
  const m = w.mig;
  const head = w.households.cols.head[h]!;
  const sg = m.segmentFor(head >= 0 ? pc.hukou[head]! : 3);
  // Out-migrants with local urban hukou join no segment (they leave for other cities).
  const joins = w.households.cols.migrant[h] === 1 || (head >= 0 && pc.hukou[head] === LOCAL_RURAL);
  if (joins) {
    for (let p = head; p >= 0; p = pc.next[p]!) {
      const a = pc.ageM[p]!;
      if (a >= 192 && a < 720) {
        m.pop[sg * NE + pc.edu[p]!]!++;
        m.returned[sg]!++;
      }
    }
  }
  return w.removeHouseholdWithMembers(h);
}

export function departures(w: World, _month: number): void {
  w.mig.outMigrants = 0;
  w.mig.returned.fill(0);
  drawDepartures(w);
}

/** Expected persons leaving this month from the current state: returning migrants, out-migrating residents, the leavers in the labour force and the unemployed among them (returning migrants'; no draws). */
export function expectedLeavers(w: World): { returns: number; out: number; active: number; unemployed: number } {
  return expectation(w);
}
