/**
 * The census (MODEL.md §3.11): one pass over persons, one over households,
 * counting what the city pulse and the indicators need. It only reads the
 * world. The pulse step (pulse.ts) takes it at the end of each month;
 * observation records the indicators from it.
 */
import type { World } from '../world.ts';
import * as worldM from '../world.ts';
import * as enumsM from '../enums.ts';
import * as giniM from './gini.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { LOCAL_RURAL, LOCAL_URBAN, NO_JOB, NT, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE, isRental } = enumsM;
const { GINI_BINS, GINI_KEY_SHIFT, giniBin, giniKeyTable, giniKeyLo } = giniM;
// The person pass counts with the codes' arithmetic: local hukou 0 and 1 (local urban 0), no job −1, no permit the least i16.
if (LOCAL_URBAN !== 0 || LOCAL_RURAL !== 1 || NO_JOB !== -1 || NO_PERMIT !== -32768) throw new Error('census: hukou, job or permit codes changed');

/** What one pass over persons and one over households count (agents, nominal yuan), for the pulse and the indicators. */
export interface Census {
  /** The month it was taken in (w.month). */
  month: number;
  residents: number;
  hukou: number;
  localUrban: number;
  rural: number;
  uv: number;
  prh: number;
  mgKids: number;
  mgKidsPlaced: number;
  employed: number;
  /** Employed persons in formal (insured) work. */
  formalN: number;
  lf: number;
  registered: number;
  permits: number;
  wageSum: number;
  /** Wages of employed persons in formal jobs (start-month yuan, like wageSum). */
  formalWageSum: number;
  nonHukou: number;
  /** Gini histograms (count, income sum by bin): [local hukou, non-hukou]. */
  gc: Float64Array[];
  gs: Float64Array[];
  zonePop: Float64Array;
  /** Local-hukou residents by the zone where their hukou is registered (户籍人口 by zone). */
  hukouZone: Float64Array;
  leftBehind: number;
  renters: number;
  burdened: number;
  prhRent: number;
  prhInc: number;
  rentSum: Float64Array;
  rentInc: Float64Array;
  incSum: Float64Array;
  hhN: Float64Array;
  rentOcc: Float64Array;
  rentN: Float64Array;
  rentZT: Float64Array;
  incZT: Float64Array;
}

/** Scratch of the census (reused month after month): employed persons' rows (of the plain passes: allocated when first
 * needed), hukou-by-zone counts in four interleaved lanes, the loops' sums. */
let employedRows = new Int32Array(0);
let zoneLanes = new Int32Array(4 * 64);
const sums = new Float64Array(17);
/** The word-wide wage pass's Gini bins: count and sum of bin o (local hukou first, then non-hukou) at 2o and 2o + 1. */
const giniPairs = new Float64Array(4 * GINI_BINS);
/** Which passes the last census took: 'counts' (the word-wide pass, with the Gini bins and hukou by zone kept by World),
 * 'words' (the word-wide pass counting everything) or 'plain' (the plain passes). Tests read it; the model never does. */
let lastPath: 'counts' | 'words' | 'plain' = 'plain';
export const lastCensusPath = (): 'counts' | 'words' | 'plain' => lastPath;
/** Where the last census's wage sums and number in formal work came from: 'counts' (World's exact integer sums,
 * censusCounts.ts wageSums: the pass read no wage) or 'pass'. Tests read it; the model never does. */
let lastWagePath: 'counts' | 'pass' = 'pass';
export const lastCensusWagePath = (): 'counts' | 'pass' => lastWagePath;
/** The same for the household pass: 'counts' (households and members by zone, members by tenure kept by World), 'words', 'plain'. */
let lastHouseholdPath: 'counts' | 'words' | 'plain' = 'plain';
export const lastCensusHouseholdPath = (): 'counts' | 'words' | 'plain' => lastHouseholdPath;

// Each pass is a function of its own taking its columns as arguments, and sums into `sums`: a month calls
// each once, and V8 compiles each loop on its own (in one function, the code after a loop that was compiled
// before it had run deoptimised every month, and the next loop ran unoptimised until compiled again).

/** The person pass: counts without branches (a removed row's columns are stale: every term is masked by its live flag);
 * employed persons' rows are listed in `rows` for the wage pass. Local hukou is 0 or 1 (hk − 2 < 0), local urban 0; a
 * permit is any permitSince other than NO_PERMIT (the least i16); hukou by zone goes to four lanes by row so that
 * consecutive increments of one zone do not wait for each other, non-local persons (hukouZone −1) to the lanes of slot 0
 * with nothing added. Returns the number of employed persons. */
function personPass(
  n: number, plive: Uint8Array, hukouOf: Uint8Array, permitSince: Int16Array, ageM: Int16Array, school: Uint8Array,
  regd: Uint8Array, active: Uint8Array, sector: Int8Array, regZone: Int8Array, rows: Int32Array, lanes: Int32Array, from: number, span: number,
): number {
  let residents = 0, hukou = 0, localUrban = 0, permits = 0, mgKids = 0, mgKidsPlaced = 0, registered = 0, lf = 0;
  let ne = 0;
  for (let p = 0; p < n; p++) {
    const L = plive[p]!;
    const hk = hukouOf[p]!;
    const loc = L & ((hk - 2) >>> 31);
    residents += L;
    hukou += loc;
    localUrban += L & ((hk - 1) >>> 31);
    lanes[((regZone[p]! + 1) << 2) | (p & 3)]! += loc;
    const non = L ^ loc;
    permits += non & (-(permitSince[p]! - NO_PERMIT) >>> 31);
    const a = ageM[p]! - from;
    const kid = non & (((a | (span - 1 - a)) >>> 31) ^ 1);
    mgKids += kid;
    mgKidsPlaced += kid & school[p]!;
    registered += L & regd[p]!;
    const act = L & active[p]!;
    lf += act;
    rows[ne] = p;
    ne += act & ((sector[p]! >> 31) + 1);
  }
  const o = sums;
  o[0] = residents;
  o[1] = hukou;
  o[2] = localUrban;
  o[3] = permits;
  o[4] = mgKids;
  o[5] = mgKidsPlaced;
  o[6] = registered;
  o[7] = lf;
  return ne;
}

// The word-wide person pass (docs/performance.md, eighth session) reads the byte columns four rows at a time
// through Uint32Array views of their buffers (i16 columns two at a time), little-endian: byte i of word q is row
// 4q + i. Flags are 0/1 bytes; a count sums them in four byte lanes, folded before a lane can pass 255.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const M1 = 0x01010101, M7F = 0x7f7f7f7f, MFE = 0xfefefefe;
/** Rows of the word-wide pass are listed with a tag above the row: formal work (bit 29). (A tag of the Gini group, bit 30, was
 * dropped when the bins came to be kept by events: the pass ran ~0.9× without it in isolation; the bins' fallback reads hukou.) */
const TAG_FORMAL = 1 << 29, ROW_MASK = TAG_FORMAL - 1;
/** Words summed before the byte lanes are folded (each adds at most 1 to a lane). */
const FOLD = 255;

/** A Uint32Array over the same bytes as column a (whole words only), or null when a's bytes do not start on a word. */
function words(a: Uint8Array | Int8Array | Int16Array): Uint32Array | null {
  if (a.byteOffset % 4 !== 0) return null;
  return new Uint32Array(a.buffer, a.byteOffset, (a.length * a.BYTES_PER_ELEMENT) >>> 2);
}
/** Sum of the four byte lanes of x (each at most 255). */
const foldBytes = (x: number): number => {
  const y = (x & 0x00ff00ff) + ((x >>> 8) & 0x00ff00ff);
  return (y & 0xffff) + (y >>> 16);
};

/** Words of a chunk: the person pass lists a chunk's employed rows (at most 4 × CHUNK, 16 KiB: they stay in the first-level
 * cache) and the wage pass takes them before the next chunk, so the list is never written out to memory and read back. */
const CHUNK = 32 * FOLD;
/** A chunk's employed rows (and the tail's). */
const chunkRows = new Int32Array(4 * CHUNK + 4);

/**
 * The person pass four rows a word (the same counts as personPass; the n & 3 rows of the tail one at a time), with the
 * wage pass over each chunk's employed rows (wageChunk) in row order. A byte's "is zero" is ~(((x & 0x7f…) + 0x7f…) | x)
 * in its bit 7 (no carry crosses a byte), so local hukou (hk < 2) is (hk & 0xfe) = 0 and local urban hk = 0; employed is
 * active with a sector ≥ 0 (the sector byte's bit 7 clear). Words without a non-local live row skip the permit, age and
 * school columns; hukou by zone adds 4 at once to a word whose four rows are live, local and of one zone (lanes by word,
 * q & 3), else row by row (lanes by byte). Employed rows are listed with the tag formal (bit 29)
 * (bit 0 of the formal byte); the return is their number, and sums[16] is nonzero when some formal byte has another bit
 * set (then measure counts again with the plain passes, which read the formal column). With `list` false (World's exact wage
 * sums stand for the wage pass: censusCounts.ts wageSums) no row is listed and no wage read: the employed are counted in
 * byte lanes (sums[8…10] are left 0 for measure to fill).
 */
function personWagePass(
  n: number, live32: Uint32Array, hk32: Uint32Array, permit32: Uint32Array, age32: Uint32Array, school32: Uint32Array,
  regd32: Uint32Array, active32: Uint32Array, sector32: Uint32Array, zone32: Uint32Array, formal32: Uint32Array,
  plive: Uint8Array, hukouOf: Uint8Array, permitSince: Int16Array, ageM: Int16Array, school: Uint8Array,
  regd: Uint8Array, active: Uint8Array, sector: Int8Array, regZone: Int8Array, formalOf: Uint8Array,
  rows: Int32Array, lanes: Int32Array | null, from: number, span: number,
  wageOf: Float32Array, wageBits: Uint32Array, keys: Int16Array, keyLo: number, bins: Float64Array | null, list: boolean,
): number {
  let residents = 0, hukou = 0, localUrban = 0, registered = 0, lf = 0;
  let permits = 0, mgKids = 0, mgKidsPlaced = 0, odd = 0, employed = 0;
  sums[8] = 0;
  sums[9] = 0;
  sums[10] = 0;
  const nw = n >>> 2;
  for (let c0 = 0; c0 < nw; c0 += CHUNK) {
    const c1 = c0 + CHUNK < nw ? c0 + CHUNK : nw;
    let ne = 0;
    for (let q0 = c0; q0 < c1; q0 += FOLD) {
      const q1 = q0 + FOLD < c1 ? q0 + FOLD : c1;
      let sL = 0, sLoc = 0, sUrb = 0, sReg = 0, sAct = 0, sEmp = 0;
      for (let q = q0; q < q1; q++) {
        const L = live32[q]!;
        const hw = hk32[q]!;
        const hx = hw & MFE;
        const loc = L & (~(((hx & M7F) + M7F) | hx) >>> 7);
        sL += L;
        sLoc += loc;
        sUrb += L & (~(((hw & M7F) + M7F) | hw) >>> 7);
        sReg += L & regd32[q]!;
        const act = L & active32[q]!;
        sAct += act;
        const non = L ^ loc;
        if (non !== 0) {
          const pa = permit32[2 * q]!, pb = permit32[2 * q + 1]!, ga = age32[2 * q]!, gb = age32[2 * q + 1]!, sc = school32[q]!;
          let nb = non & 1;
          permits += nb & (-(((pa & 0xffff) ^ 0x8000)) >>> 31);
          let a = ((ga << 16) >> 16) - from;
          let kid = nb & (((a | (span - 1 - a)) >>> 31) ^ 1);
          mgKids += kid;
          mgKidsPlaced += kid & sc;
          nb = (non >>> 8) & 1;
          permits += nb & (-((pa >>> 16) ^ 0x8000) >>> 31);
          a = (ga >> 16) - from;
          kid = nb & (((a | (span - 1 - a)) >>> 31) ^ 1);
          mgKids += kid;
          mgKidsPlaced += kid & (sc >>> 8);
          nb = (non >>> 16) & 1;
          permits += nb & (-(((pb & 0xffff) ^ 0x8000)) >>> 31);
          a = ((gb << 16) >> 16) - from;
          kid = nb & (((a | (span - 1 - a)) >>> 31) ^ 1);
          mgKids += kid;
          mgKidsPlaced += kid & (sc >>> 16);
          nb = non >>> 24;
          permits += nb & (-((pb >>> 16) ^ 0x8000) >>> 31);
          a = (gb >> 16) - from;
          kid = nb & (((a | (span - 1 - a)) >>> 31) ^ 1);
          mgKids += kid;
          mgKidsPlaced += kid & (sc >>> 24);
        }
        if (lanes !== null && loc !== 0) {
          const zw = zone32[q]!;
          if (loc === M1 && ((zw ^ (zw >>> 8)) & 0xffffff) === 0) lanes[((((zw << 24) >> 24) + 1) << 2) | (q & 3)]! += 4;
          else {
            lanes[((((zw << 24) >> 24) + 1) << 2) | 0]! += loc & 1;
            lanes[((((zw << 16) >> 24) + 1) << 2) | 1]! += (loc >>> 8) & 1;
            lanes[((((zw << 8) >> 24) + 1) << 2) | 2]! += (loc >>> 16) & 1;
            lanes[(((zw >> 24) + 1) << 2) | 3]! += loc >>> 24;
          }
        }
        const emp = act & ~(sector32[q]! >>> 7);
        sEmp += emp;
        if (list && emp !== 0) {
          const fw = formal32[q]!;
          odd |= fw & MFE;
          const p = q << 2;
          rows[ne] = p | ((fw & 1) << 29);
          ne += emp & 1;
          rows[ne] = (p + 1) | (((fw >>> 8) & 1) << 29);
          ne += (emp >>> 8) & 1;
          rows[ne] = (p + 2) | (((fw >>> 16) & 1) << 29);
          ne += (emp >>> 16) & 1;
          rows[ne] = (p + 3) | (((fw >>> 24) & 1) << 29);
          ne += emp >>> 24;
        }
      }
      residents += foldBytes(sL);
      hukou += foldBytes(sLoc);
      localUrban += foldBytes(sUrb);
      registered += foldBytes(sReg);
      lf += foldBytes(sAct);
      employed += foldBytes(sEmp);
    }
    if (list) wageChunk(ne, rows, wageOf, wageBits, hukouOf, keys, keyLo, bins);
  }
  // The tail: the plain pass's terms, row by row.
  let ne = 0;
  for (let p = nw << 2; p < n; p++) {
    const L = plive[p]!;
    const hk = hukouOf[p]!;
    const loc = L & ((hk - 2) >>> 31);
    residents += L;
    hukou += loc;
    localUrban += L & ((hk - 1) >>> 31);
    if (lanes !== null) lanes[((regZone[p]! + 1) << 2) | (p & 3)]! += loc;
    const non = L ^ loc;
    permits += non & (-(permitSince[p]! - NO_PERMIT) >>> 31);
    const a = ageM[p]! - from;
    const kid = non & (((a | (span - 1 - a)) >>> 31) ^ 1);
    mgKids += kid;
    mgKidsPlaced += kid & school[p]!;
    registered += L & regd[p]!;
    const act = L & active[p]!;
    lf += act;
    const fo = formalOf[p]!;
    odd |= fo & 0xfe;
    rows[ne] = p | ((fo & 1) << 29);
    ne += act & ((sector[p]! >> 31) + 1);
  }
  if (list) wageChunk(ne, rows, wageOf, wageBits, hukouOf, keys, keyLo, bins);
  employed += ne;
  const o = sums;
  o[0] = residents;
  o[1] = hukou;
  o[2] = localUrban;
  o[3] = permits;
  o[4] = mgKids;
  o[5] = mgKidsPlaced;
  o[6] = registered;
  o[7] = lf;
  o[16] = odd;
  return employed;
}

/**
 * The wage pass over one chunk's rows listed by personWagePass, going on from sums[8…10] (so that the sums get the same
 * additions in the same order as one pass over all rows): formal work from the rows' tags, the Gini group from hukou
 * (as wagePass; with bins null, World keeps the bins: the sums only). A bin's count and sum are neighbours in `bins` (count at 2o, sum at 2o + 1: one cache line, ~10% faster
 * than two arrays); measure copies them out. Each bin's sum gets the same additions in the same order.
 */
function wageChunk(
  ne: number, rows: Int32Array, wageOf: Float32Array, wageBits: Uint32Array, hukouOf: Uint8Array, keys: Int16Array, keyLo: number,
  bins: Float64Array | null,
): void {
  let formalN = sums[8]!, wageSum = sums[9]!, formalWageSum = sums[10]!;
  if (bins === null) {
    // The bins are kept by events (World.censusCounts): the sums only.
    for (let i = 0; i < ne; i++) {
      const r = rows[i]!;
      const fo = (r >>> 29) & 1;
      formalN += fo;
      const wage = wageOf[r & ROW_MASK]!;
      wageSum += wage;
      formalWageSum += fo * wage;
    }
    sums[8] = formalN;
    sums[9] = wageSum;
    sums[10] = formalWageSum;
    return;
  }
  const nk = keys.length;
  for (let i = 0; i < ne; i++) {
    const r = rows[i]!;
    const p = r & ROW_MASK;
    const fo = (r >>> 29) & 1;
    formalN += fo;
    const wage = wageOf[p]!;
    wageSum += wage;
    formalWageSum += fo * wage;
    const key = (wageBits[p]! >>> GINI_KEY_SHIFT) - keyLo;
    let b = key >= 0 && key < nk ? keys[key]! : -1;
    if (b < 0) b = giniBin(wage);
    const o = ((((hukouOf[p]! - 2) >>> 31) ^ 1) * GINI_BINS + b) << 1;
    bins[o]!++;
    bins[o + 1]! += wage;
  }
  sums[8] = formalN;
  sums[9] = wageSum;
  sums[10] = formalWageSum;
}

/** Employed persons in row order: formal work, the wage sum and the Gini bins (gcc, gss: local hukou in the first
 * GINI_BINS, non-hukou in the next). wageBits: the float32 bits of the wages for the Gini bin table, null if wages are
 * stored otherwise. */
function wagePass(
  ne: number, rows: Int32Array, formalOf: Uint8Array, wageOf: Float32Array | Float64Array, wageBits: Uint32Array | null,
  hukouOf: Uint8Array, keys: Int16Array, keyLo: number, gcc: Float64Array, gss: Float64Array,
): void {
  let formalN = 0, wageSum = 0, formalWageSum = 0;
  const nk = keys.length;
  for (let i = 0; i < ne; i++) {
    const p = rows[i]!;
    const fo = formalOf[p]!;
    formalN += fo;
    const wage = wageOf[p]!;
    wageSum += wage;
    formalWageSum += fo * wage; // branch-free: fo is 0 or 1
    let b = -1;
    if (wageBits !== null) {
      const key = (wageBits[p]! >>> GINI_KEY_SHIFT) - keyLo;
      if (key >= 0 && key < nk) b = keys[key]!;
    }
    if (b < 0) b = giniBin(wage);
    const o = (((hukouOf[p]! - 2) >>> 31) ^ 1) * GINI_BINS + b;
    gcc[o]!++;
    gss[o]! += wage;
  }
  sums[8] = formalN;
  sums[9] = wageSum;
  sums[10] = formalWageSum;
}

/** Bit t + 1 set for each rental tenure t (rental tenures pay rent; bit 0, the unhoused, clear). */
let RENTAL_BITS = 0;
for (let t = 0; t < NT; t++) if (isRental(t)) RENTAL_BITS |= 1 << (t + 1);
if (NT > 30) throw new Error('census: too many tenures for the rental bits');
/** Scratch of the household pass: the renting households' rows; persons by tenure + 1 (lane 0 the unhoused). */
let renterRows = new Int32Array(1024);
const personsByTenure = new Float64Array(NT + 1);

/**
 * Households in two loops (into the zone arrays, personsByTenure and sums[11…]). The first, over every row (householdRows
 * or householdWords): left-behind children, zone population, income, households, persons by tenure (no branch on the
 * tenure: consecutive households' tenures differ ~30% of the time in Chongqing, and the branches mispredicted) and the
 * rows of renting households, listed without a branch. The second (renterPass), over the renters in row order: rents,
 * their incomes, the burden. Every floating-point sum gets the same terms in the same order as in one loop (the renters'
 * sums see only renters, in row order); rentOcc is rentSum's sums, copied by measure. The first loop returns the number
 * of renters and puts the left-behind children in sums[11].
 */
function householdRows(
  nh: number, hlive: Uint8Array, hZone: Uint8Array | Int8Array | Int16Array, hSize: Uint8Array | Int8Array | Int16Array | Int32Array,
  hLeftBehind: Uint8Array | Int8Array | Int16Array | Int32Array, hWages: Float64Array | Float32Array, hTenure: Int8Array, wageIndex: number,
  zonePop: Float64Array, incSum: Float64Array, hhN: Float64Array, list: Int32Array, kinds: Float64Array,
): number {
  let leftBehind = 0, nr = 0;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h]) continue;
    leftBehind += hLeftBehind[h]!;
    const z = hZone[h]!;
    const size = hSize[h]!;
    zonePop[z]! += size;
    // w.incomeOf(h), inlined.
    incSum[z]! += hWages[h]! * wageIndex;
    hhN[z]!++;
    // The dwelling's tenure from the household's copy (−1 unhoused).
    const t = hTenure[h]!;
    kinds[t + 1]! += size;
    list[nr] = h;
    nr += (RENTAL_BITS >>> (t + 1)) & 1;
  }
  sums[11] = leftBehind;
  return nr;
}

/**
 * householdRows four households a word (byte columns through Uint32Array views): a word whose four households are live
 * and of one zone adds its sizes, its four households and its four incomes (in row order, through one local sum, the
 * same additions) to its zone at once, and counts left-behind children and the persons of rural homes, urban villages
 * and public rentals (a byte equal to the tenure: "is zero" of tenure ^ code) in registers; other words, and the tail,
 * go household by household.
 */
function householdWords(
  nh: number, live32: Uint32Array, zone32: Uint32Array, size32: Uint32Array, lb32: Uint32Array, tenure32: Uint32Array,
  hlive: Uint8Array, hZone: Int8Array, hSize: Uint8Array, hLeftBehind: Uint8Array, hWages: Float64Array | Float32Array, hTenure: Int8Array,
  wageIndex: number, zonePop: Float64Array, incSum: Float64Array, hhN: Float64Array, list: Int32Array, kinds: Float64Array,
): number {
  let leftBehind = 0, nr = 0, rural = 0, uv = 0, prh = 0;
  const RU = RURAL_HOME * M1, UV = URBAN_VILLAGE * M1, PR = PUBLIC_RENTAL * M1;
  // The zone of the last whole word and its sums (stored when the zone changes and before any household by household).
  let zc = -1, zPop = 0, zInc = 0, zN = 0;
  const nw = nh >>> 2;
  for (let q = 0; q < nw; q++) {
    const L = live32[q]!;
    const zw = zone32[q]!;
    const tw = tenure32[q]!;
    const h0 = q << 2;
    if (L === M1 && ((zw ^ (zw >>> 8)) & 0xffffff) === 0) {
      const z = (zw << 24) >> 24;
      if (z !== zc) {
        if (zc >= 0) {
          zonePop[zc] = zPop;
          incSum[zc] = zInc;
          hhN[zc] = zN;
        }
        zc = z;
        zPop = zonePop[z]!;
        zInc = incSum[z]!;
        zN = hhN[z]!;
      }
      const sw = size32[q]!;
      leftBehind += foldBytes(lb32[q]!);
      zPop += foldBytes(sw);
      zInc += hWages[h0]! * wageIndex;
      zInc += hWages[h0 + 1]! * wageIndex;
      zInc += hWages[h0 + 2]! * wageIndex;
      zInc += hWages[h0 + 3]! * wageIndex;
      zN += 4;
      let x = tw ^ RU;
      rural += foldBytes(sw & ((~(((x & M7F) + M7F) | x) >>> 7) & M1) * 0xff);
      x = tw ^ UV;
      uv += foldBytes(sw & ((~(((x & M7F) + M7F) | x) >>> 7) & M1) * 0xff);
      x = tw ^ PR;
      prh += foldBytes(sw & ((~(((x & M7F) + M7F) | x) >>> 7) & M1) * 0xff);
      list[nr] = h0;
      nr += (RENTAL_BITS >>> (((tw << 24) >> 24) + 1)) & 1;
      list[nr] = h0 + 1;
      nr += (RENTAL_BITS >>> (((tw << 16) >> 24) + 1)) & 1;
      list[nr] = h0 + 2;
      nr += (RENTAL_BITS >>> (((tw << 8) >> 24) + 1)) & 1;
      list[nr] = h0 + 3;
      nr += (RENTAL_BITS >>> ((tw >> 24) + 1)) & 1;
      continue;
    }
    if (zc >= 0) {
      zonePop[zc] = zPop;
      incSum[zc] = zInc;
      hhN[zc] = zN;
      zc = -1;
    }
    for (let h = h0; h < h0 + 4; h++) {
      if (!hlive[h]) continue;
      leftBehind += hLeftBehind[h]!;
      const z = hZone[h]!;
      const size = hSize[h]!;
      zonePop[z]! += size;
      incSum[z]! += hWages[h]! * wageIndex;
      hhN[z]!++;
      const t = hTenure[h]!;
      kinds[t + 1]! += size;
      list[nr] = h;
      nr += (RENTAL_BITS >>> (t + 1)) & 1;
    }
  }
  if (zc >= 0) {
    zonePop[zc] = zPop;
    incSum[zc] = zInc;
    hhN[zc] = zN;
  }
  for (let h = nw << 2; h < nh; h++) {
    if (!hlive[h]) continue;
    leftBehind += hLeftBehind[h]!;
    const z = hZone[h]!;
    const size = hSize[h]!;
    zonePop[z]! += size;
    incSum[z]! += hWages[h]! * wageIndex;
    hhN[z]!++;
    const t = hTenure[h]!;
    kinds[t + 1]! += size;
    list[nr] = h;
    nr += (RENTAL_BITS >>> (t + 1)) & 1;
  }
  kinds[RURAL_HOME + 1]! += rural;
  kinds[URBAN_VILLAGE + 1]! += uv;
  kinds[PUBLIC_RENTAL + 1]! += prh;
  sums[11] = leftBehind;
  return nr;
}

/**
 * householdWords where World keeps the households and their members by zone and the housed members by tenure
 * (censusCounts.ts): left-behind children, incomes by zone (a run of whole words of one zone in a local sum, stored when
 * the zone changes and before any household goes one by one: the same additions in the same order) and the renting
 * households' rows.
 */
function householdIncomes(
  nh: number, live32: Uint32Array, zone32: Uint32Array, lb32: Uint32Array, tenure32: Uint32Array,
  hlive: Uint8Array, hZone: Int8Array, hLeftBehind: Uint8Array, hWages: Float64Array | Float32Array, hTenure: Int8Array,
  wageIndex: number, incSum: Float64Array, list: Int32Array,
): number {
  let leftBehind = 0, nr = 0;
  let zc = -1, zInc = 0;
  const nw = nh >>> 2;
  for (let q = 0; q < nw; q++) {
    const L = live32[q]!;
    const zw = zone32[q]!;
    const tw = tenure32[q]!;
    const h0 = q << 2;
    if (L === M1 && ((zw ^ (zw >>> 8)) & 0xffffff) === 0) {
      const z = (zw << 24) >> 24;
      if (z !== zc) {
        if (zc >= 0) incSum[zc] = zInc;
        zc = z;
        zInc = incSum[z]!;
      }
      leftBehind += foldBytes(lb32[q]!);
      zInc += hWages[h0]! * wageIndex;
      zInc += hWages[h0 + 1]! * wageIndex;
      zInc += hWages[h0 + 2]! * wageIndex;
      zInc += hWages[h0 + 3]! * wageIndex;
      list[nr] = h0;
      nr += (RENTAL_BITS >>> (((tw << 24) >> 24) + 1)) & 1;
      list[nr] = h0 + 1;
      nr += (RENTAL_BITS >>> (((tw << 16) >> 24) + 1)) & 1;
      list[nr] = h0 + 2;
      nr += (RENTAL_BITS >>> (((tw << 8) >> 24) + 1)) & 1;
      list[nr] = h0 + 3;
      nr += (RENTAL_BITS >>> ((tw >> 24) + 1)) & 1;
      continue;
    }
    if (zc >= 0) {
      incSum[zc] = zInc;
      zc = -1;
    }
    for (let h = h0; h < h0 + 4; h++) {
      if (!hlive[h]) continue;
      leftBehind += hLeftBehind[h]!;
      incSum[hZone[h]!]! += hWages[h]! * wageIndex;
      list[nr] = h;
      nr += (RENTAL_BITS >>> (hTenure[h]! + 1)) & 1;
    }
  }
  if (zc >= 0) incSum[zc] = zInc;
  for (let h = nw << 2; h < nh; h++) {
    if (!hlive[h]) continue;
    leftBehind += hLeftBehind[h]!;
    incSum[hZone[h]!]! += hWages[h]! * wageIndex;
    list[nr] = h;
    nr += (RENTAL_BITS >>> (hTenure[h]! + 1)) & 1;
  }
  sums[11] = leftBehind;
  return nr;
}

/** The renters (rows in list) in row order: rents, incomes, burden (into the zone arrays and sums[12…]). A zone's rent,
 * income and renter sums are kept in locals while consecutive renters are of one zone (93% of renters in Chongqing) and
 * stored when the zone changes: the same additions in the same order as adding into the arrays. */
function renterPass(
  nr: number, list: Int32Array, hZone: Uint8Array | Int8Array | Int16Array, hSavings: Float32Array | Float64Array, hWages: Float64Array | Float32Array,
  hTenure: Int8Array, hFactor: Float32Array | Float64Array, rentLevel: Float64Array, wageIndex: number, limit: number,
  rentSum: Float64Array, rentInc: Float64Array, rentN: Float64Array, rentZT: Float64Array, incZT: Float64Array,
): void {
  let burdened = 0, prhRent = 0, prhInc = 0;
  let zc = -1, rs = 0, ri = 0, rn = 0;
  for (let i = 0; i < nr; i++) {
    const h = list[i]!;
    const z = hZone[h]!;
    const t = hTenure[h]!;
    const income = hWages[h]! * wageIndex;
    // w.rentOfHousehold(h), inlined, with the dwelling's factor from the household's copy (its zone is the household's).
    const rent = rentLevel[z * NT + t]! * hFactor[h]!;
    if (z !== zc) {
      if (zc >= 0) {
        rentSum[zc] = rs;
        rentInc[zc] = ri;
        rentN[zc] = rn;
      }
      zc = z;
      rs = rentSum[z]!;
      ri = rentInc[z]!;
      rn = rentN[z]!;
    }
    rs += rent;
    ri += income;
    rn++;
    rentZT[z * NT + t]! += rent;
    incZT[z * NT + t]! += income;
    if (rent > limit * Math.max(income, hSavings[h]! / 24, 1)) burdened++;
    if (t === PUBLIC_RENTAL) {
      prhRent += rent;
      prhInc += income;
    }
  }
  if (zc >= 0) {
    rentSum[zc] = rs;
    rentInc[zc] = ri;
    rentN[zc] = rn;
  }
  const o = sums;
  o[12] = nr;
  o[13] = burdened;
  o[14] = prhRent;
  o[15] = prhInc;
}

export function measure(w: World): Census {
  const nz = w.nz;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const S = w.city.services;
  const from = S.school_age_from * 12;
  const span = (S.school_age_to + 1) * 12 - from;
  const zonePop = new Float64Array(nz);
  const hukouZone = new Float64Array(nz);
  const gcc = new Float64Array(2 * GINI_BINS), gss = new Float64Array(2 * GINI_BINS);
  const gc = [gcc.subarray(0, GINI_BINS), gcc.subarray(GINI_BINS)];
  const gs = [gss.subarray(0, GINI_BINS), gss.subarray(GINI_BINS)];
  const n = w.persons.size;
  if (zoneLanes.length < 4 * (nz + 1)) zoneLanes = new Int32Array(4 * (nz + 1));
  const lanes = zoneLanes;
  lanes.fill(0, 0, 4 * (nz + 1));
  const plive = w.persons.live;
  const live32 = LITTLE_ENDIAN && n < TAG_FORMAL ? words(plive) : null;
  const hk32 = live32 && words(pc.hukou), permit32 = live32 && words(pc.permitSince), age32 = live32 && words(pc.ageM);
  const school32 = live32 && words(pc.school), regd32 = live32 && words(pc.registered), active32 = live32 && words(pc.active);
  const sector32 = live32 && words(pc.sector), zone32 = live32 && words(pc.hukouZone), formal32 = live32 && words(pc.formal);
  const wide = live32 !== null && hk32 !== null && permit32 !== null && age32 !== null && school32 !== null && regd32 !== null &&
    active32 !== null && sector32 !== null && zone32 !== null && formal32 !== null;
  const wageOf = pc.wage;
  const wageBits = wageOf instanceof Float32Array ? new Uint32Array(wageOf.buffer, wageOf.byteOffset, wageOf.length) : null;
  let employed = -1;
  const cc = w.censusCounts;
  if (wide && wageBits !== null && cc.binned()) {
    // The Gini bins and hukou by zone from the counts World keeps (censusCounts.ts), where they agree with the pass's
    // employed and local-hukou counts; else (a column written around World's methods) the full pass below. The wage
    // sums and the number in formal work too, where the row-order sums would be exact (wageSums): then the pass lists
    // no employed rows and reads no wage.
    const exact = cc.wageSums();
    employed = personWagePass(n, live32, hk32, permit32, age32, school32, regd32, active32, sector32, zone32, formal32,
      plive, pc.hukou, pc.permitSince, pc.ageM, pc.school, pc.registered, pc.active, pc.sector, pc.hukouZone, pc.formal, chunkRows, null, from, span,
      wageOf as Float32Array, wageBits, giniKeyTable(), giniKeyLo(), null, !exact);
    lastWagePath = exact ? 'counts' : 'pass';
    if (exact) {
      sums[8] = cc.formalJobs;
      sums[9] = cc.wageSum;
      sums[10] = cc.formalWageSum;
    }
    let local = 0;
    for (let z = 0; z <= nz; z++) local += cc.local[z]!;
    if (sums[16] === 0 && employed === cc.jobs && sums[1] === local) {
      const bins = cc.flushedBins();
      for (let o = 0; o < 2 * GINI_BINS; o++) {
        gcc[o] = bins[2 * o]!;
        gss[o] = bins[2 * o + 1]!;
      }
      for (let z = 0; z < nz; z++) lanes[(z + 1) << 2] = cc.local[z + 1]!;
      lastPath = 'counts';
    } else employed = -1;
  }
  if (employed < 0 && wide && wageBits !== null) {
    const bins = giniPairs;
    bins.fill(0);
    employed = personWagePass(n, live32, hk32, permit32, age32, school32, regd32, active32, sector32, zone32, formal32,
      plive, pc.hukou, pc.permitSince, pc.ageM, pc.school, pc.registered, pc.active, pc.sector, pc.hukouZone, pc.formal, chunkRows, lanes, from, span,
      wageOf as Float32Array, wageBits, giniKeyTable(), giniKeyLo(), bins, true);
    lastWagePath = 'pass';
    if (sums[16] === 0) {
      for (let o = 0; o < 2 * GINI_BINS; o++) {
        gcc[o] = bins[2 * o]!;
        gss[o] = bins[2 * o + 1]!;
      }
      lastPath = 'words';
    } else {
      employed = -1; // a formal byte other than 0/1: count again with the plain passes, which read the column
      lanes.fill(0, 0, 4 * (nz + 1));
    }
  }
  if (employed < 0) {
    if (employedRows.length < n) employedRows = new Int32Array(n);
    const rows = employedRows;
    employed = personPass(n, plive, pc.hukou, pc.permitSince, pc.ageM, pc.school, pc.registered, pc.active, pc.sector, pc.hukouZone, rows, lanes, from, span);
    wagePass(employed, rows, pc.formal, wageOf, wageBits, pc.hukou, giniKeyTable(), giniKeyLo(), gcc, gss);
    lastPath = 'plain';
    lastWagePath = 'pass';
  }
  const residents = sums[0]!, hukou = sums[1]!, localUrban = sums[2]!, permits = sums[3]!, mgKids = sums[4]!, mgKidsPlaced = sums[5]!, registered = sums[6]!, lf = sums[7]!;
  for (let z = 0; z < nz; z++) {
    const o = (z + 1) << 2;
    hukouZone[z] = lanes[o]! + lanes[o + 1]! + lanes[o + 2]! + lanes[o + 3]!;
  }
  const formalN = sums[8]!, wageSum = sums[9]!, formalWageSum = sums[10]!;
  const nonHukou = residents - hukou;
  const rentSum = new Float64Array(nz), rentInc = new Float64Array(nz), incSum = new Float64Array(nz), hhN = new Float64Array(nz);
  const rentOcc = new Float64Array(nz), rentN = new Float64Array(nz);
  // Rent and income of renting households by zone × tenure (for rent_to_income_<tenure>).
  const rentZT = new Float64Array(nz * NT), incZT = new Float64Array(nz * NT);
  const nh = w.households.size;
  if (renterRows.length < nh) renterRows = new Int32Array(nh);
  const hlive = w.households.live, kinds = personsByTenure;
  kinds.fill(0);
  const hlive32 = LITTLE_ENDIAN ? words(hlive) : null;
  const hzone32 = hlive32 && words(hc.zone), size32 = hlive32 && words(hc.size), lb32 = hlive32 && words(hc.leftBehind), tenure32 = hlive32 && words(hc.dwTenure);
  const hwide = hlive32 !== null && hzone32 !== null && size32 !== null && lb32 !== null && tenure32 !== null;
  // Households and members by zone and members by tenure from the counts World keeps (censusCounts.ts), where the members
  // add up to the residents the person pass counted and the households to the table's live rows.
  let members = 0, households = 0;
  for (let z = 0; z < nz; z++) {
    members += cc.members[z]!;
    households += cc.households[z]!;
  }
  let nr: number;
  if (hwide && members === residents && households === w.households.count) {
    nr = householdIncomes(nh, hlive32, hzone32, lb32, tenure32, hlive, hc.zone, hc.leftBehind, hc.wages, hc.dwTenure, w.wageIndex, incSum, renterRows);
    zonePop.set(cc.members);
    hhN.set(cc.households);
    for (let t = 0; t < NT; t++) kinds[t + 1] = cc.tenure[t]!;
    lastHouseholdPath = 'counts';
  } else if (hwide) {
    nr = householdWords(nh, hlive32, hzone32, size32, lb32, tenure32, hlive, hc.zone, hc.size, hc.leftBehind, hc.wages, hc.dwTenure, w.wageIndex, zonePop, incSum, hhN, renterRows, kinds);
    lastHouseholdPath = 'words';
  } else {
    nr = householdRows(nh, hlive, hc.zone, hc.size, hc.leftBehind, hc.wages, hc.dwTenure, w.wageIndex, zonePop, incSum, hhN, renterRows, kinds);
    lastHouseholdPath = 'plain';
  }
  renterPass(nr, renterRows, hc.zone, hc.savings, hc.wages, hc.dwTenure, hc.dwFactor, w.rentLevel, w.wageIndex, w.city.housing.burden_limit,
    rentSum, rentInc, rentN, rentZT, incZT);
  rentOcc.set(rentSum);
  const leftBehind = sums[11]!, renters = sums[12]!, burdened = sums[13]!, prhRent = sums[14]!, prhInc = sums[15]!;
  const rural = personsByTenure[RURAL_HOME + 1]!, uv = personsByTenure[URBAN_VILLAGE + 1]!, prh = personsByTenure[PUBLIC_RENTAL + 1]!;
  return { month: w.month, residents, hukou, localUrban, rural, uv, prh, mgKids, mgKidsPlaced, employed, formalN, lf, registered, permits, wageSum, formalWageSum, nonHukou, gc, gs, zonePop, hukouZone, leftBehind, renters, burdened, prhRent, prhInc, rentSum, rentInc, incSum, hhN, rentOcc, rentN, rentZT, incZT };
}
