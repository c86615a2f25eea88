/**
 * Counts the census (observe/census.ts) reads instead of counting them in its pass over persons, kept by
 * World's methods as jobs are taken and left, persons come and go and hukou is granted (docs/performance.md,
 * "Tenth session: the census"):
 *
 * - the Gini bins of the employed persons' wages (count and wage sum by bin, local hukou and non-local), and
 *   the number of employed persons. A bin's wage sum is exact whatever the order of additions and
 *   subtractions, so it is the same float as the census's sum in row order: every float32 wage w in
 *   [2^5, 2^20) that falls in a bin of giniBin lies, with all the bin's wages, in [2^k, 2^(k+2)) for the k of
 *   the bin's lower end (a bin spans a factor 1.023; bin 0 holds [32, 51.2), the last [488k, 2^20)), so each
 *   is a multiple of 2^(k−23) below 2^(k+2), and any sum of fewer than 2^28 of them, hence every running
 *   total, is a float64 exactly. A wage outside [2^5, 2^20) (or not a number) is counted in `unsafe` and
 *   not binned; while any such wage is held, the census counts the bins with its pass;
 * - the wage sums of the employed and of those in formal work, and the number in formal work: kept exactly, as
 *   integers (wageSums below), and used only when the census's float sums in row order are exact too, so that they
 *   are the same floats (docs/performance.md, "Eleventh session: registration, settlement and the census");
 * - live local-hukou persons by the zone their hukou is registered in (hukouZone + 1; slot 0 holds local
 *   hukou without a zone);
 * - live households and their members by the household's zone, and the members of housed households by
 *   their dwelling's tenure.
 *
 * The census uses them only when they agree with what its passes count anyway (the employed, the local
 * hukou, the residents) or the tables' live counts (the households), and checked mode compares them with a
 * recount after every step (`recountCensusCounts`).
 */
import * as giniM from './observe/gini.ts';
// Imported bindings are read through their module cell on every use; hot code copies what it imports.
const { GINI_BINS, GINI_KEY_SHIFT, giniBin, giniKeyTable, giniKeyLo } = giniM;

/** Wages in [SAFE_WAGE_LO, SAFE_WAGE_HI) are binned by events (their bins' sums are exact in any order). */
export const SAFE_WAGE_LO = 32;
export const SAFE_WAGE_HI = 2 ** 20;
/** Employed persons below which every bin's sum is exact (each bin holds fewer than 2^28 wages). */
export const MAX_BINNED_JOBS = 2 ** 28;

const keys = giniKeyTable();
const keyLo = giniKeyLo();
const NK = keys.length;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The Gini bin of a float32 wage, as the census finds it (the key table, else giniBin). */
function binOf(wage: number): number {
  f32[0] = wage;
  const key = (u32[0]! >>> GINI_KEY_SHIFT) - keyLo;
  const b = key >= 0 && key < NK ? keys[key]! : -1;
  return b < 0 ? giniBin(f32[0]!) : b;
}

/** Jobs taken and left logged before they are binned (a bin's sum is exact in any order, so the log may wait). */
const LOG = 4096;
/** Binned wages (≥ 2^5) are multiples of 2^-18: wage × 2^18 is an integer below 2^38, split at 2^19 into two limbs. */
const UNIT = 2 ** 18, LIMB = 2 ** 19;
/** Float exponents of the binned wages: 5 (from SAFE_WAGE_LO) to 19 (below SAFE_WAGE_HI). */
const EXP_LO = 5, NEXP = 15;
if (SAFE_WAGE_LO !== 2 ** EXP_LO || SAFE_WAGE_HI !== 2 ** (EXP_LO + NEXP)) throw new Error('censusCounts: the binned range changed');

export class CensusCounts {
  /** Employed persons: jobs taken less jobs left. */
  jobs = 0;
  /** Of them, those whose wage lies outside [SAFE_WAGE_LO, SAFE_WAGE_HI) (not binned). */
  unsafe = 0;
  /**
   * Gini bins of the binned wages: count of bin o at 2o, wage sum at 2o + 1 (o: local hukou 0…GINI_BINS−1, non-local next),
   * without the jobs still in the log: read them through `flushedBins()`.
   */
  private readonly bins = new Float64Array(4 * GINI_BINS);
  /** Jobs taken (code g + 1) and left (−(g + 1)) not yet binned, with their wages: binning them at once, not at each
   * event, keeps the key table and the bins out of the labour step's cache (~200 ns a job taken when binned there). */
  private readonly logWage = new Float32Array(LOG);
  private readonly logCode = new Int8Array(LOG);
  private logN = 0;
  /** Employed persons in formal work (formal = 1). */
  formalJobs = 0;
  /**
   * The binned wages × 2^18 (integers), all and in formal work, each as two limbs (the high part, wage × 2^18 over 2^19
   * rounded down, and the rest: each sum of fewer than 2^28 of them is an integer below 2^47, exact in any order), and
   * the binned wages by float exponent (5…19). Read through `wageSums()`.
   */
  private wageHi = 0;
  private wageLo = 0;
  private formalHi = 0;
  private formalLo = 0;
  private readonly byExponent = new Float64Array(NEXP);
  /** Set by wageSums(): the employed persons' wage sum, and that of those in formal work. */
  wageSum = 0;
  formalWageSum = 0;
  /** Live local-hukou persons by hukouZone + 1. */
  readonly local: Float64Array;
  /** Live households by zone (of residence; of search when unhoused). */
  readonly households: Float64Array;
  /** Members of the live households by the household's zone. */
  readonly members: Float64Array;
  /** Members of the housed households by their dwelling's tenure. */
  readonly tenure: Float64Array;

  constructor(nz: number, nt: number) {
    this.local = new Float64Array(nz + 1);
    this.households = new Float64Array(nz);
    this.members = new Float64Array(nz);
    this.tenure = new Float64Array(nt);
  }

  /** Adds (sign 1) or takes away (sign −1) the float32 wage of an employed person of Gini group g (1 non-local), in formal work (formal 1) or not (0). */
  job(wage: number, g: number, sign: number, formal: number): void {
    this.jobs += sign;
    this.formalJobs += sign * formal;
    if (!(wage >= SAFE_WAGE_LO && wage < SAFE_WAGE_HI)) {
      this.unsafe += sign;
      return;
    }
    // The integer sums at once (a few operations on this object's fields, no table), the bins later (flush).
    f32[0] = wage;
    const x = f32[0]! * UNIT;
    const hi = Math.floor(x / LIMB);
    const lo = x - hi * LIMB;
    this.wageHi += sign * hi;
    this.wageLo += sign * lo;
    this.formalHi += sign * formal * hi;
    this.formalLo += sign * formal * lo;
    this.byExponent[(u32[0]! >>> 23) - 127 - EXP_LO]! += sign;
    const n = this.logN;
    this.logWage[n] = wage;
    this.logCode[n] = sign * (g + 1);
    this.logN = n + 1;
    if (n + 1 === LOG) this.flush();
  }

  /** An employed person's float32 wage moves into formal work (sign 1) or out of it (−1), the job going on. */
  formal(wage: number, sign: number): void {
    this.formalJobs += sign;
    if (!(wage >= SAFE_WAGE_LO && wage < SAFE_WAGE_HI)) return;
    f32[0] = wage;
    const x = f32[0]! * UNIT;
    const hi = Math.floor(x / LIMB);
    this.formalHi += sign * hi;
    this.formalLo += sign * (x - hi * LIMB);
  }

  /** Bins the logged jobs. */
  private flush(): void {
    const bins = this.bins, lw = this.logWage, lc = this.logCode;
    for (let i = 0; i < this.logN; i++) {
      const wage = lw[i]!, code = lc[i]!;
      const sign = code > 0 ? 1 : -1;
      const o = ((code * sign - 1) * GINI_BINS + binOf(wage)) << 1;
      bins[o]! += sign;
      bins[o + 1]! += sign * wage;
    }
    this.logN = 0;
  }

  /**
   * Whether the census's wage sums in row order are known to be the integer sums kept here; if so, sets wageSum and
   * formalWageSum to them. They are when every job's wage is binned (binned()) and the sum of all, T, is below 2^(k+30),
   * k the least float exponent of any wage held: every wage is then a multiple of u = 2^(k−23), and every sum of some of
   * them (each partial sum of the census's, in row order) a multiple of u below 2^53·u, which a float64 holds exactly,
   * so the row-order sums have no rounding. T = 2·hi + lo / 2^18 as floats: both terms are exact and their sum is exact
   * when T is below 2^53·u, and at least 2^53·u (a float) when it is not, so the test on the float is the test on T.
   */
  wageSums(): boolean {
    if (!this.binned()) return false;
    let k = 0;
    while (k < NEXP && this.byExponent[k] === 0) k++;
    const total = 2 * this.wageHi + this.wageLo / UNIT;
    if (!(total < 2 ** (EXP_LO + k + 30))) return false;
    this.wageSum = total;
    this.formalWageSum = 2 * this.formalHi + this.formalLo / UNIT;
    return true;
  }

  /** The integer wage sums' limbs (all, formal) and the binned wages by exponent (for comparisons). */
  limbs(): number[] {
    return [this.wageHi, this.wageLo, this.formalHi, this.formalLo, ...this.byExponent];
  }

  /** The Gini bins (count of bin o at 2o, wage sum at 2o + 1), every logged job binned. */
  flushedBins(): Float64Array {
    if (this.logN > 0) this.flush();
    return this.bins;
  }

  /** Empties every count (for a recount). */
  clear(): void {
    this.jobs = 0;
    this.unsafe = 0;
    this.formalJobs = 0;
    this.logN = 0;
    this.wageHi = this.wageLo = this.formalHi = this.formalLo = 0;
    this.byExponent.fill(0);
    this.bins.fill(0);
    this.local.fill(0);
    this.households.fill(0);
    this.members.fill(0);
    this.tenure.fill(0);
  }

  /** A live person of hukou code `hukou` (local below 2) registered in zone `zone` comes (sign 1) or goes (−1). */
  person(hukou: number, zone: number, sign: number): void {
    if (hukou < 2) this.local[zone + 1]! += sign;
  }

  /** Whether the bins may stand for the census's pass: no unsafe wage held, and few enough jobs. */
  binned(): boolean {
    return this.unsafe === 0 && this.jobs < MAX_BINNED_JOBS;
  }
}

/** The columns a recount reads. */
export interface CountedColumns {
  persons: { size: number; live: Uint8Array; cols: { hukou: Uint8Array; hukouZone: Int8Array; sector: Int8Array; wage: Float32Array; formal: Uint8Array } };
  households: { size: number; live: Uint8Array; cols: { zone: Int8Array; size: Uint8Array; dwelling: Int32Array; dwTenure: Int8Array } };
}

/** Recounts `c` from the columns (the definitions above): checked mode compares a recount with World's counts, and tests
 * that write columns past World's methods recount World's. Returns c. */
export function recountCensusCounts(c: CensusCounts, w: CountedColumns): CensusCounts {
  c.clear();
  const { live, cols: { hukou, hukouZone, sector, wage, formal } } = w.persons;
  for (let p = 0; p < w.persons.size; p++) {
    if (!live[p]) continue;
    c.person(hukou[p]!, hukouZone[p]!, 1);
    if (sector[p]! < 0) continue;
    // A formal byte other than 0 and 1 (never written by World) is counted as an unsafe wage: the census then takes its pass, which reads the byte.
    const fo = formal[p]!;
    if (fo > 1) c.unsafe++;
    c.job(wage[p]!, hukou[p]! < 2 ? 0 : 1, 1, fo & 1);
  }
  const hl = w.households.live, hc = w.households.cols;
  for (let h = 0; h < w.households.size; h++) {
    if (!hl[h]) continue;
    c.households[hc.zone[h]!]!++;
    c.members[hc.zone[h]!]! += hc.size[h]!;
    if (hc.dwelling[h]! >= 0) c.tenure[hc.dwTenure[h]!]! += hc.size[h]!;
  }
  return c;
}

/** The first difference between two CensusCounts (every field bit for bit), or null. */
export function censusCountsDiffer(a: CensusCounts, b: CensusCounts): string | null {
  if (a.jobs !== b.jobs) return `${a.jobs} employed counted, ${b.jobs} recounted`;
  if (a.unsafe !== b.unsafe) return `${a.unsafe} wages outside [${SAFE_WAGE_LO}, ${SAFE_WAGE_HI}) (or formal bytes other than 0 and 1) counted, ${b.unsafe} recounted`;
  if (a.formalJobs !== b.formalJobs) return `${a.formalJobs} in formal work counted, ${b.formalJobs} recounted`;
  const ab = a.flushedBins(), bb = b.flushedBins();
  const aw = a.limbs(), bw = b.limbs();
  for (let i = 0; i < aw.length; i++) if (aw[i] !== bw[i]) return `wage sums (limbs and counts by exponent) ${aw.join(' ')} counted, ${bw.join(' ')} recounted`;
  for (let i = 0; i < ab.length; i++) {
    if (!Object.is(ab[i], bb[i])) {
      const o = i >> 1, g = o >= GINI_BINS ? 'non-local' : 'local';
      return `Gini bin ${o % GINI_BINS} (${g}) ${i & 1 ? 'wage sum' : 'count'}: ${ab[i]} counted, ${bb[i]} recounted`;
    }
  }
  for (let z = 0; z < a.local.length; z++) {
    if (a.local[z] !== b.local[z]) return `local hukou of zone ${z - 1}: ${a.local[z]} counted, ${b.local[z]} recounted`;
  }
  for (let z = 0; z < a.households.length; z++) {
    if (a.households[z] !== b.households[z]) return `households of zone ${z}: ${a.households[z]} counted, ${b.households[z]} recounted`;
    if (a.members[z] !== b.members[z]) return `household members of zone ${z}: ${a.members[z]} counted, ${b.members[z]} recounted`;
  }
  for (let t = 0; t < a.tenure.length; t++) {
    if (a.tenure[t] !== b.tenure[t]) return `members of housed households of tenure ${t}: ${a.tenure[t]} counted, ${b.tenure[t]} recounted`;
  }
  return null;
}
