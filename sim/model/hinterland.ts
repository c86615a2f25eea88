/**
 * The state of the hinterland and of the migration decision (migration.ts):
 * segments' working-age adults by education, origin incomes, the propensity,
 * the labour-market terms the decision reads, and the settlement-prospect
 * counts. Kept apart from migration.ts so that world.ts can hold it without
 * an import circle.
 */
import type { SegmentParams } from './params.ts';
import { EDUCATION } from './enums.ts';

export const NE = EDUCATION.length;

/** The hinterland and the labour-market state the migration decision reads. */
export class MigrationState {
  readonly nseg: number;
  /** Working-age adults by segment × education, in agents (real persons × sample). */
  readonly pop: Float64Array;
  /** Origin income (junior education) of each segment, nominal yuan a month. */
  readonly income: Float64Array;
  /** 0 = own rural areas (local rural hukou), 1 = other provinces (non-local hukou). */
  readonly kind: Uint8Array;
  /** Destination income of residents' out-migration (junior), nominal yuan a month. */
  destIncome: number;
  /** Movers per segment adult a month at an income ratio of 1 (NaN until derived). */
  propensity = NaN;
  /** Job seekers and vacancies counted by the labour step this month (agents), the finding rate, tightness. */
  seekers = 0;
  vacancies = 0;
  findRate = NaN;
  /** Tightness (vacancies / job seekers) at the start, the reference of the wage response. */
  tightness0 = NaN;
  /** Matching efficiency e of M = e·√(U·V): the scenario's, or derived at the start (balance.ts). */
  matching = NaN;
  /** What the balanced start derived (real persons a month), for reports and tests. */
  balance: null | { persons: number; naturalIncrease: number; returns: number; outMigrants: number; sentBack: number; propensity: number; matchingEfficiency: number } = null;
  /** Monthly growth factor of desired jobs at constant wages (given, or derived at the start: balance.ts). */
  jobGrowthMonth = 1;
  /** Labour force counted by the labour step last month and the month before (agents; 0 = not yet). */
  labourForce = 0;
  labourForcePrev = 0;
  /** Wage level of new hires relative to the wage index (moves with tightness). */
  wageTight = 1;
  /** Settlements of non-hukou workers by education over the last 12 months (ring of month × education). */
  readonly settledRing: Float64Array;
  /** Non-hukou workers by education, counted by the labour step. */
  readonly nonHukouWorkers: Float64Array;
  /** Settlement prospect by education (0..1), set each month by the arrivals step. */
  readonly prospect: Float64Array;
  /** Expected value of the city V_e for a mover of education e (this month). */
  readonly value: Float64Array;
  /** Monthly out-migration chance of a local household by the head's education. */
  readonly outChance: Float64Array;
  /** Residents who left for other places this month (persons, agents), and returners by segment. */
  outMigrants = 0;
  readonly returned: Float64Array;
  constructor(
    readonly segments: readonly SegmentParams[],
    sample: number,
    destIncome: number,
  ) {
    this.nseg = segments.length;
    this.pop = new Float64Array(this.nseg * NE);
    this.income = new Float64Array(this.nseg);
    this.kind = new Uint8Array(this.nseg);
    segments.forEach((sg, s) => {
      this.income[s] = sg.income_yuan_month;
      this.kind[s] = sg.hukou === 'local_rural' ? 0 : 1;
      for (let e = 0; e < NE; e++) this.pop[s * NE + e] = sg.population * sample * (sg.education as Record<string, number>)[EDUCATION[e]!]!;
    });
    this.destIncome = destIncome;
    this.settledRing = new Float64Array(12 * NE);
    this.nonHukouWorkers = new Float64Array(NE);
    this.prospect = new Float64Array(NE);
    this.value = new Float64Array(NE);
    this.outChance = new Float64Array(NE);
    this.returned = new Float64Array(this.nseg);
  }

  /** The segment a household whose head holds hukou h returns to: own rural for local rural, else other provinces (else the first). */
  segmentFor(hukou: number): number {
    const want = hukou === 1 ? 0 : 1;
    for (let s = 0; s < this.nseg; s++) if (this.kind[s] === want) return s;
    return 0;
  }

  /** Working-age adults of a segment (agents). */
  segmentPopulation(s: number): number {
    let n = 0;
    for (let e = 0; e < NE; e++) n += this.pop[s * NE + e]!;
    return n;
  }
}

