/**
 * Location choice (MODEL.md §3.4, "Location choice"): where an arriving,
 * displaced or reconsidering household lives, as a multinomial logit over
 * zone × tenure alternatives, the way UrbanSim's and SILO's household
 * location models choose (McFadden 1978: an alternative that aggregates
 * many dwellings carries the log of their number as a size term, and
 * choosing among a sample of them gives consistent choice probabilities).
 *
 * For chooser class c (income band × hukou group × children × the head's job
 * zone) and alternative a = (zone z, tenure t) the systematic utility is
 *   V[c,a] = − cost_weight × (cost_a + commute_c,z) / income_c
 *            + access_weight × ln(access_z / mean access)
 *            + school_weight × [children] × ln(places per resident_z / city's)
 *            + quality_weight × ln(mean factor of the vacant dwellings of a)
 *            + tenure constant_t + calibrated constant_a
 *            + settlement_weight × prospect_a,c + public_rental_weight × eligible_a,c
 * where cost_a is the rent of a standard dwelling (owned: price × user cost /
 * 12), commute_c,z = value_of_time_share × wage per hour × hours commuted a
 * month (22 working days, two trips of travel minutes from z to the job's
 * zone; without a job the job-weighted mean trip from z), access_z =
 * Σ_j jobs_j exp(−minutes_zj / decay). The prospect and eligibility terms
 * come from the active policies through addLocationTerm (none of their
 * names appear here). The calibrated constants make the starting
 * households' predicted shares equal their observed shares (UrbanSim's
 * calibration of alternative constants, done once from the start state,
 * with the policy terms left out so that a policy's effect is not absorbed).
 *
 * The choice probability is P[c,a] ∝ vacant_a × exp(V[c,a]), cached per
 * class once a month (classes are computed when first needed). A chooser
 * draws a from it; if a is unavailable to the household (no vacancy left,
 * rent over max_rent_share of its budget, no down payment or a mortgage over
 * max_mortgage_share, a dormitory for a household that is not one worker of
 * a manufacturing or construction employer) it draws again, up to max_draws times: by the independence of
 * irrelevant alternatives this samples the logit restricted to the
 * household's available alternatives. Then a vacant dwelling of a is drawn
 * uniformly. A chooser that no alternative could take even at its lowest vacant factor would fail
 * every draw, so its callers skip the choice (mayFind): the same chance of finding, fewer draws. Public rental dwellings are allocated by the policy's lottery,
 * never chosen here. Stream "location".
 */
import type { World } from './world.ts';
import type { Stream } from '../engine/random.ts';
import * as enumsM from './enums.ts';
import { LITTLE_ENDIAN } from '../engine/byteWords.ts';
const { DORMITORY, LOCAL_URBAN, LOCAL_RURAL, MARKET_RENTAL, NS, NT, OWNED, SECTORS, URBAN_VILLAGE } = enumsM;
const MFG = SECTORS.indexOf('manufacturing');
const CONS = SECTORS.indexOf('construction');

/** Tenures a household chooses among (public rental comes by lottery, rural homes are not on the market). */
export const CHOICE_TENURES = [OWNED, MARKET_RENTAL, URBAN_VILLAGE, DORMITORY] as const;
/** Income bands: half-octaves of budget / reference income, band 0 below 1/16 × the reference. */
export const INCOME_BANDS = 18;
const BAND_MID = 9;
/** Hukou groups a policy term may tell apart: 0 local urban, 1 local rural, 2 other places. */
export const HUKOU_GROUPS = 3;

/** What a policy term sees of a chooser class. */
export interface ChooserClass {
  /** Representative monthly budget of the band (nominal yuan). */
  income: number;
  /** 0 local urban, 1 local rural, 2 nonlocal. */
  hukouGroup: number;
  children: boolean;
  single: boolean;
  /** Zone of the head's job, -1 none. */
  jobZone: number;
}

/** A policy's term in location utility. */
export interface LocationTerm {
  /** 'settlement': a prospect 0..1, weighted by settlement_weight; 'public_rental': eligibility 0..1, weighted by public_rental_weight. */
  kind: 'settlement' | 'public_rental';
  /** Value for a zone and tenure, for a class, at the start of the month. */
  value(w: World, zone: number, tenure: number, c: ChooserClass): number;
}

/**
 * One-way minutes for a trip of `km` straight-line kilometres: × 1.3 road detour, at 25 km/h for the
 * first 30 road km (urban traffic) and 50 km/h beyond (expressways) [U: megasim defaults].
 */
export function tripMinutes(km: number): number {
  const road = km * 1.3;
  const hours = road <= 30 ? road / 25 : 30 / 25 + (road - 30) / 50;
  return Math.round(hours * 60);
}

/** Longest own-zone commute: people in a large zone live near its job centres (megasim default [U]). */
export const MAX_WITHIN_MINUTES = 45;

/**
 * Travel minutes between zones modelled as concentric rings of their areas, listed from the centre
 * out: between two zones the difference of their mean radii ((2/3)(r2³ − r1³)/(r2² − r1²)) plus a
 * quarter of their own mean trips; within a zone the mean distance between two points of a disk of
 * the zone's area (128 r / 45π), at most MAX_WITHIN_MINUTES; kilometres to minutes by tripMinutes.
 */
export function ringMinutes(areas: readonly number[]): number[][] {
  const n = areas.length;
  const outer: number[] = [];
  let cum = 0;
  for (const a of areas) {
    cum += a;
    outer.push(Math.sqrt(cum / Math.PI));
  }
  const mid = outer.map((r2, i) => {
    const r1 = i === 0 ? 0 : outer[i - 1]!;
    return ((2 / 3) * (r2 ** 3 - r1 ** 3)) / (r2 ** 2 - r1 ** 2);
  });
  const within = areas.map((a) => (128 * Math.sqrt(a / Math.PI)) / (45 * Math.PI));
  const m: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      row.push(i === j ? Math.min(MAX_WITHIN_MINUTES, tripMinutes(within[i]!)) : tripMinutes(Math.abs(mid[i]! - mid[j]!) + 0.25 * (within[i]! + within[j]!)));
    }
    m.push(row);
  }
  return m;
}

/** The travel-minutes matrix of a city (nz × nz, row = from), from city.travel or the ring derivation. */
export function travelMatrix(w: World): Float64Array {
  const nz = w.nz;
  const out = new Float64Array(nz * nz);
  const T = w.city.travel;
  if (T) {
    const ids = w.city.zones.map((z) => z.id);
    for (let i = 0; i < nz; i++) {
      const row = T.minutes[ids[i]!];
      for (let j = 0; j < nz; j++) {
        const v = row?.[ids[j]!];
        if (v === undefined) throw new Error(`city.travel.minutes: no time from zone "${ids[i]}" to zone "${ids[j]}"`);
        out[i * nz + j] = v;
      }
    }
  } else {
    const m = ringMinutes(w.city.zones.map((z) => z.area_km2));
    for (let i = 0; i < nz; i++) for (let j = 0; j < nz; j++) out[i * nz + j] = m[i]![j]!;
  }
  return out;
}

/** Monthly cost of owning a standard dwelling, as a rent: price × user cost / 12 (market.ts keeps w.rentLevel[owned] at this). */
export class LocationModel {
  readonly nz: number;
  readonly na: number;
  readonly ncls: number;
  readonly minutes: Float64Array;
  /** Calibrated constants by alternative (zone × tenure). */
  readonly asc: Float64Array;
  readonly terms: LocationTerm[] = [];
  /** Per class: month its row was computed (-1 never), systematic utilities and cumulative choice weights. */
  readonly stamp: Int32Array;
  readonly V: Float64Array;
  readonly cum: Float64Array;
  /** Per class: GUIDE_BUCKETS starting points of the draw's search in its row (fillGuide). */
  readonly guide: Uint16Array;
  /** Per-month inputs by zone / alternative. */
  readonly access: Float64Array;
  readonly school: Float64Array;
  readonly quality: Float64Array;
  readonly expCommute: Float64Array;
  readonly zoneResidents: Float64Array;
  month = -1;
  refIncome = 1;
  /** The alternative (zone × tenure) of the dwelling the last successful choose returned: its vacancy list's. */
  chosenAlt = -1;
  private readonly cls: ChooserClass = { income: 0, hukouGroup: 0, children: false, single: false, jobZone: -1 };
  private calibrating = false;

  constructor(readonly w: World) {
    this.nz = w.nz;
    this.na = w.nz * NT;
    // Classes: income band × hukou group × children × single × (job zone + 1).
    this.ncls = INCOME_BANDS * HUKOU_GROUPS * 2 * 2 * (w.nz + 1);
    this.minutes = travelMatrix(w);
    this.asc = new Float64Array(this.na);
    this.stamp = new Int32Array(this.ncls).fill(-1);
    this.V = new Float64Array(this.ncls * this.na);
    this.cum = new Float64Array(this.ncls * this.na);
    this.guide = new Uint16Array(this.ncls * GUIDE_BUCKETS);
    this.access = new Float64Array(this.nz);
    this.school = new Float64Array(this.nz);
    this.quality = new Float64Array(this.na);
    this.expCommute = new Float64Array(this.nz);
    this.zoneResidents = new Float64Array(this.nz);
  }

  /** Income band of a monthly budget: bandOf(budget / refIncome), the plain formula's value (bandPlain). */
  band(budget: number): number {
    if (!(budget > 0)) return 0;
    return bandOf(budget / this.refIncome);
  }

  /** Income band of a monthly budget by its formula, ⌊2 log2(budget / refIncome)⌋ + BAND_MID clamped (band's reference). */
  bandPlain(budget: number): number {
    if (!(budget > 0)) return 0;
    const b = Math.floor(2 * Math.log2(budget / this.refIncome)) + BAND_MID;
    return b < 0 ? 0 : b >= INCOME_BANDS ? INCOME_BANDS - 1 : b;
  }

  /** Representative budget of a band (its geometric middle). */
  bandIncome(b: number): number {
    return this.refIncome * Math.pow(2, (b - BAND_MID + 0.5) / 2);
  }

  classIndex(band: number, hukouGroup: number, children: number, single: number, jobZone: number): number {
    return (((band * HUKOU_GROUPS + hukouGroup) * 2 + children) * 2 + single) * (this.nz + 1) + (jobZone + 1);
  }

  /**
   * Starts a month: zone inputs (job access, school places per resident, vacant-stock quality) from the
   * current state; cached class rows become stale. `zoneResidents` must have been filled by the caller.
   */
  beginMonth(month: number): void {
    const w = this.w;
    const nz = this.nz;
    this.month = month;
    w.tightenVacancyBounds();
    this.refIncome = w.city.labour.mean_wage_yuan_month * w.wageIndex;
    const L = w.city.location;
    const jobs = new Float64Array(nz);
    let allJobs = 0;
    for (let z = 0; z < nz; z++) {
      for (let s = 0; s < NS; s++) jobs[z]! += w.jobs[z * NS + s]!;
      allJobs += jobs[z]!;
    }
    let meanLogAccess = 0;
    let res = 0;
    for (let z = 0; z < nz; z++) {
      let a = 0, tm = 0;
      for (let j = 0; j < nz; j++) {
        const m = this.minutes[z * nz + j]!;
        a += jobs[j]! * Math.exp(-m / L.access_decay_minutes);
        tm += jobs[j]! * m;
      }
      this.access[z] = Math.log(Math.max(a, 1e-9));
      this.expCommute[z] = allJobs > 0 ? tm / allJobs : this.minutes[z * nz + z]!;
      meanLogAccess += this.access[z]! * this.zoneResidents[z]!;
      res += this.zoneResidents[z]!;
    }
    meanLogAccess = res > 0 ? meanLogAccess / res : 0;
    let places = 0;
    for (let z = 0; z < nz; z++) places += w.schoolPlaces[z]!;
    const cityRatio = res > 0 ? places / res : 0;
    for (let z = 0; z < nz; z++) {
      this.access[z]! -= meanLogAccess;
      const r = this.zoneResidents[z]! > 0 ? w.schoolPlaces[z]! / this.zoneResidents[z]! : cityRatio;
      this.school[z] = cityRatio > 0 && r > 0 ? Math.max(-3, Math.min(3, Math.log(r / cityRatio))) : 0;
    }
    // Mean quality of the vacant dwellings of each alternative (the quality on offer).
    const dc = w.dwellings.cols;
    for (let k = 0; k < this.na; k++) {
      const n = w.vacantN[k]!;
      if (n === 0) {
        this.quality[k] = 0;
        continue;
      }
      const list = w.vacant[k]!;
      // At most 32 dwellings, spread over the list: a deterministic estimate.
      const step = Math.max(1, Math.floor(n / 32));
      let s = 0, c = 0;
      for (let i = 0; i < n; i += step) {
        s += Math.log(dc.factor[list[i]!]!);
        c++;
      }
      this.quality[k] = s / c;
    }
  }

  /** The systematic utility of alternative a for the class, with or without the policy terms. */
  utility(c: ChooserClass, z: number, t: number, withTerms: boolean): number {
    const w = this.w;
    const L = w.city.location;
    // The sum in this order (floats: calibrate's rounds add the same terms to the same fixed part).
    let v = this.fixedUtility(c, z, t) + this.asc[z * NT + t]!;
    if (c.children) v += L.school_weight * this.school[z]!;
    if (withTerms) {
      for (const term of this.terms) {
        const x = term.value(w, z, t, c);
        v += (term.kind === 'settlement' ? L.settlement_weight : L.public_rental_weight) * x;
      }
    }
    return v;
  }

  /**
   * The part of utility() that calibration's rounds do not change: cost and commute, access, quality and
   * the tenure constant, summed left to right (utility adds the calibrated constant to this sum).
   */
  fixedUtility(c: ChooserClass, z: number, t: number): number {
    const w = this.w;
    const L = w.city.location;
    const k = z * NT + t;
    const income = Math.max(c.income, 1);
    const cost = w.rentLevel[k]!;
    const minutes = c.jobZone >= 0 ? this.minutes[c.jobZone * this.nz + z]! : this.expCommute[z]!;
    // Wage per hour = income / 176; hours commuted a month = 2 × 22 × minutes / 60.
    const commute = L.value_of_time_share * (income / 176) * ((44 * minutes) / 60);
    const tc = L.tenure_constants;
    const asc = t === OWNED ? tc.owned : t === MARKET_RENTAL ? tc.market_rental : t === URBAN_VILLAGE ? tc.urban_village : tc.dormitory;
    return -L.cost_weight * ((cost + commute) / income) + L.access_weight * this.access[z]! + L.quality_weight * this.quality[k]! + asc;
  }

  /** Fills class ci's row (utilities and cumulative weights) for this month if it is stale. */
  row(ci: number): number {
    const base = ci * this.na;
    if (this.stamp[ci] === this.month && !this.calibrating) return base;
    this.stamp[ci] = this.month;
    const c = this.describe(ci);
    const w = this.w;
    let max = -Infinity;
    for (let z = 0; z < this.nz; z++) {
      for (let t = 0; t < NT; t++) {
        const k = z * NT + t;
        const ok = (t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY) && (t !== DORMITORY || c.single);
        const v = ok ? this.utility(c, z, t, !this.calibrating) : -Infinity;
        this.V[base + k] = v;
        if (ok && (this.calibrating ? w.stock[k]! : w.vacantN[k]!) > 0 && v > max) max = v;
      }
    }
    let total = 0;
    for (let k = 0; k < this.na; k++) {
      const v = this.V[base + k]!;
      // Calibration sizes alternatives by their stock (vacancies are a fixed share of it at the start,
      // and a small sample leaves some alternatives without one).
      const n = this.calibrating ? w.stock[k]! : w.vacantN[k]!;
      if (n > 0 && v > -Infinity) total += n * Math.exp(v - max);
      this.cum[base + k] = total;
    }
    // The draws' guide (calibration's rows are never drawn from: its stamps are cleared after it).
    if (!this.calibrating) fillGuide(this.cum, base, this.na, this.guide, ci * GUIDE_BUCKETS);
    return base;
  }

  /** The class described by an index (one reused record). */
  describe(ci: number): ChooserClass {
    const nz1 = this.nz + 1;
    const c = this.cls;
    c.jobZone = (ci % nz1) - 1;
    let r = Math.floor(ci / nz1);
    c.single = r % 2 === 1;
    r = Math.floor(r / 2);
    c.children = r % 2 === 1;
    r = Math.floor(r / 2);
    c.hukouGroup = r % HUKOU_GROUPS;
    c.income = this.bandIncome(Math.floor(r / HUKOU_GROUPS));
    return c;
  }

  /**
   * Class index of household h now (budget = max(income, savings / 24)): the income band's classes
   * from the budget, and the rest of the class (hukou group, children, single, job zone) from the
   * household's `cls` column when it is known, else from the members (classPartOf), kept in `cls`.
   * World's methods clear `cls` whenever what it depends on changes (a member joins or leaves, the
   * head's hukou or a member's job changes); the one thing that changes by itself, a child turning 15,
   * is watched through one child's age (`clsKid`, the first found): the class part holds while that
   * child is under 180 months (no member gets younger, and any new member clears it); after, it is found
   * again. Checked mode tests that
   * every known class part is classPartOf's (sim/run/checked.ts).
   */
  classOf(h: number, budget: number): number {
    const hc = this.w.households.cols;
    let part = hc.cls[h]! - 1;
    if (part >= 0) {
      const kid = hc.clsKid[h]!;
      if (kid >= 0 && !(this.w.persons.cols.ageM[kid]! < 180)) part = -1;
    }
    if (part < 0) {
      part = classPartOf(this.w, h);
      hc.cls[h] = part + 1;
      hc.clsKid[h] = partKid;
    }
    return this.band(budget) * HUKOU_GROUPS * 4 * (this.nz + 1) + part;
  }

  /**
   * Calibrates the alternative constants so that the logit, applied to the housed households of the
   * start (without policy terms, alternatives sized by their stock), predicts their observed zone ×
   * tenure shares (iterative proportional
   * adjustment of the constants, ln(observed / predicted), 40 rounds).
   */
  calibrate(): void {
    const { counts, observed, used } = this.startClasses();
    const predicted = new Float64Array(this.na);
    const rounds = new CalibrationRounds(this, used);
    for (let round = 0; round < CALIBRATION_ROUNDS; round++) {
      rounds.predict(counts, predicted);
      // An alternative nobody lives in at the start counts half a household (a finite constant).
      for (let k = 0; k < this.na; k++) {
        if (predicted[k]! > 0) this.asc[k]! += Math.log(Math.max(0.5, observed[k]!) / predicted[k]!);
      }
    }
    this.stamp.fill(-1);
  }

  /**
   * The housed households of the market tenures now: households by class, by alternative, and the classes
   * present. Each household's class is classOf's (the head's hukou group and job zone, single, a child
   * under 15 among the members, the band of max(income, savings / 24)), read from the columns directly
   * and by chunks of households (startClassesChunk: a pass run once a world would otherwise run in the
   * code V8 compiles on stack replacement). The plain pass, classOf per household, is
   * test/model/location-plain.ts's startClassesPlain (compared in test/model/location-calibrate.test.ts).
   */
  startClasses(): { counts: Float64Array; observed: Float64Array; used: number[] } {
    const counts = new Float64Array(this.ncls);
    const observed = new Float64Array(this.na);
    const n = this.w.households.size;
    for (let h0 = 0; h0 < n; h0 += START_CHUNK) startClassesChunk(this, counts, observed, h0, Math.min(n, h0 + START_CHUNK));
    const used: number[] = [];
    for (let ci = 0; ci < this.ncls; ci++) if (counts[ci]! > 0) used.push(ci);
    return { counts, observed, used };
  }

  /** Households predicted in each alternative by the logit sized by stock, without policy terms (calibration's prediction). */
  predict(counts: Float64Array, used: number[], predicted: Float64Array): void {
    const was = this.calibrating;
    this.calibrating = true;
    predicted.fill(0);
    for (const ci of used) {
      const base = this.row(ci);
      const total = this.cum[base + this.na - 1]!;
      if (!(total > 0)) continue;
      let prev = 0;
      for (let k = 0; k < this.na; k++) {
        const c = this.cum[base + k]!;
        predicted[k]! += (counts[ci]! * (c - prev)) / total;
        prev = c;
      }
    }
    this.calibrating = was;
    if (!was) this.stamp.fill(-1);
  }

  /**
   * Whether a choice by household h (nominal income, budget, savings; `exclude` as for choose) can find a
   * dwelling at all: false when every alternative it could draw fails choose's tests on the lowest factor
   * of its vacant dwellings (no vacancy, excluded, a dormitory it may not take, rent over max_rent_share
   * of the budget, no down payment or a mortgage over max_mortgage_share). choose would then fail on
   * every draw whatever the draws, so its callers skip it, and the household's class, when this is false
   * (most unhoused households have neither wages nor the savings for any vacant dwelling, and fail so
   * every month). Reads only the alternatives' bounds (w.vacMinFactor), not the class's row.
   */
  mayFind(h: number, income: number, budget: number, savings: number, exclude: number): boolean {
    const w = this.w;
    const H = w.city.housing;
    const vacantN = w.vacantN, minFactor = w.vacMinFactor, priceLevel = w.priceLevel, rentLevel = w.rentLevel;
    const down = H.down_payment_share, maxMortgage = H.max_mortgage_share * income, maxRent = H.max_rent_share * budget;
    const rMonth = H.mortgage_rate_year / 12, nMonths = H.mortgage_years * 12;
    const annuityDiv = annuityDivisorOf(rMonth, nMonths);
    // Whether h may take a dormitory (dormOk below), read only when a dormitory passes the rent test: the
    // head's row is a cache miss, and most calls return on a flat first (-1 not read yet, 0 no, 1 yes).
    let dorm = -1;
    for (let k = 0; k < this.na; k++) {
      if (k === exclude || vacantN[k] === 0) continue;
      const t = k % NT;
      const fMin = minFactor[k]!;
      // The same tests, in the same arithmetic, as choose's on the lowest factor.
      if (t === OWNED) {
        const pMin = priceLevel[k]! * fMin;
        if (savings < pMin * down) continue;
        if (monthlyPayment(pMin * (1 - down), rMonth, nMonths, annuityDiv) > maxMortgage) continue;
        return true;
      }
      if (t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY) {
        if (rentLevel[k]! * fMin > maxRent) continue;
        if (t !== DORMITORY) return true;
        if (dorm < 0) dorm = mayTakeDormitory(w, h) ? 1 : 0;
        if (dorm === 1) return true;
      }
    }
    return false;
  }

  /**
   * Draws an available alternative for household h (class ci, budget, savings) and returns a vacant
   * dwelling of it, or -1 when no draw of max_draws was available. `exclude` is an alternative the
   * household does not want (its current one), or -1.
   */
  choose(s: Stream, h: number, ci: number, income: number, budget: number, savings: number, exclude: number): number {
    const w = this.w;
    const H = w.city.housing;
    const base = this.row(ci);
    const na = this.na;
    const total = this.cum[base + na - 1]!;
    if (!(total > 0)) return -1;
    const draws = w.city.location.max_draws;
    // Employer dormitories house one worker of a manufacturing or construction employer (mayTakeDormitory,
    // read when a draw first lands on a dormitory: -1 not read yet, 0 no, 1 yes).
    let dorm = -1;
    // The affordability tests below, first on the lowest factor of the alternative's vacant dwellings
    // (w.vacMinFactor, a lower bound): cost rises with the factor, and IEEE products and quotients are
    // monotone, so when the cheapest fails every dwelling of the alternative fails, and the dwelling is
    // not read (a cache miss at full scale); the dwelling's index is still drawn, so the draws are the
    // same. Otherwise the dwelling's own factor decides, as before.
    const cum = this.cum, vacantN = w.vacantN, minFactor = w.vacMinFactor, priceLevel = w.priceLevel, rentLevel = w.rentLevel;
    const down = H.down_payment_share, maxMortgage = H.max_mortgage_share * income, maxRent = H.max_rent_share * budget;
    // mortgageMonthly's annuity divisor, once per call instead of a Math.pow per owned draw (the same
    // floats: (loan × r) / divisor is mortgageMonthly's own expression).
    const rMonth = H.mortgage_rate_year / 12, nMonths = H.mortgage_years * 12;
    const annuityDiv = annuityDivisorOf(rMonth, nMonths);
    const guide = this.guide, g0 = ci * GUIDE_BUCKETS;
    for (let i = 0; i < draws; i++) {
      const u = s.next();
      const r = u * total;
      // The first cumulative weight above r (the alternative drawn), searched from its bucket's guide.
      const k = guidedSearch(cum, base, na, r, guide[g0 + Math.floor(u * GUIDE_BUCKETS)]!);
      if (k === exclude) continue;
      const n = vacantN[k]!;
      if (n === 0) continue;
      const t = k % NT;
      if (t === DORMITORY) {
        if (dorm < 0) dorm = mayTakeDormitory(w, h) ? 1 : 0;
        if (dorm === 0) continue;
      }
      const j = s.int(n);
      const fMin = minFactor[k]!;
      if (t === OWNED) {
        const pMin = priceLevel[k]! * fMin;
        if (savings < pMin * down) continue;
        if (monthlyPayment(pMin * (1 - down), rMonth, nMonths, annuityDiv) > maxMortgage) continue;
      } else if (rentLevel[k]! * fMin > maxRent) continue;
      // The factor from the list beside the vacancy list (the dwelling's own, not a dependent read of it).
      const factor = w.vacantF[k]![j]!;
      if (t === OWNED) {
        const price = priceLevel[k]! * factor;
        if (savings < price * down) continue;
        if (monthlyPayment(price * (1 - down), rMonth, nMonths, annuityDiv) > maxMortgage) continue;
      } else if (rentLevel[k]! * factor > maxRent) continue;
      this.chosenAlt = k;
      return w.vacant[k]![j]!;
    }
    return -1;
  }
}

// A float's bits, for bandOf: the high word of q holds its exponent and its mantissa's top 20 bits.
const bandF = new Float64Array(1);
const bandHi = new Int32Array(bandF.buffer, LITTLE_ENDIAN ? 4 : 0, 1);
/** The mantissa's top 20 bits of √2: q / 2^E ≥ √2 exactly when they are above this (and not equal). */
const SQRT2_M20 = Math.floor((Math.SQRT2 - 1) * 2 ** 20);

/**
 * ⌊2 log2 q⌋ + BAND_MID clamped to the bands, for q > 0 (band's formula), without Math.log2 for almost
 * every q: with q = 2^E × (1 + f), ⌊2 log2 q⌋ is 2E when 1 + f < √2 and 2E + 1 when 1 + f ≥ √2. When f's
 * top 20 bits are neither 0, all ones, nor √2's bits or the next, q is at least 2^−20 (relatively) away
 * from 2^E, 2^(E+½) and 2^(E+1), so 2 log2 q is at least 7 × 10^−7 away from an integer, and Math.log2,
 * accurate to an ulp or so (under 10^−12 for any q a float holds), floors to the same integer: the value is the formula's.
 * Otherwise (and for subnormal, infinite or NaN q) the formula itself.
 */
export function bandOf(q: number): number {
  bandF[0] = q;
  const hi = bandHi[0]!;
  const ex = (hi >>> 20) & 0x7ff;
  const m20 = hi & 0xfffff;
  let b: number;
  if (ex === 0 || ex === 0x7ff || m20 === 0 || m20 === 0xfffff || m20 === SQRT2_M20 || m20 === SQRT2_M20 + 1) {
    b = Math.floor(2 * Math.log2(q)) + BAND_MID;
  } else b = 2 * (ex - 1023) + (m20 > SQRT2_M20 ? 1 : 0) + BAND_MID;
  return b < 0 ? 0 : b >= INCOME_BANDS ? INCOME_BANDS - 1 : b;
}
// Both of bandOf's paths run at load (often enough for V8 to keep their type feedback), so that the
// compiler has seen the formula's: about one budget in 250 000 takes it, a warm-up world never does, and a
// first call to it in the middle of a pass would deoptimise the pass's compiled code.
for (let i = 0; i < 64; i++) for (const q of [1, Math.SQRT2, 0.75, 3, 1e-9, 1e9]) bandOf(q);

/** Households a call of startClassesChunk takes. */
const START_CHUNK = 4096;

/**
 * startClasses over households h0..h1−1: adds each housed household of a market tenure to counts (by
 * its class, classOf's index) and observed (by its alternative). A dormitory household whose class is
 * not single is left out (its class cannot choose the alternative). classOf's terms, inlined: a head
 * < 0 counts as local urban, without a job zone, not single, and without children.
 */
function startClassesChunk(m: LocationModel, counts: Float64Array, observed: Float64Array, h0: number, h1: number): void {
  const w = m.w;
  const hc = w.households.cols, pc = w.persons.cols;
  const live = w.households.live, dwelling = hc.dwelling, dwTenure = hc.dwTenure, hHead = hc.head, hSize = hc.size, zone = hc.zone;
  const wages = hc.wages, wageIndex = w.wageIndex, savings = hc.savings;
  const hukou = pc.hukou, jobZone = pc.jobZone, sector = pc.sector, next = pc.next, ageM = pc.ageM;
  const cls = hc.cls, clsKid = hc.clsKid;
  const ref = m.refIncome, nz1 = m.nz + 1;
  for (let h = h0; h < h1; h++) {
    if (!live[h]) continue;
    const t = dwTenure[h]!;
    if (dwelling[h]! < 0 || !(t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY)) continue;
    // w.incomeOf(h)'s product.
    const budget = Math.max(wages[h]! * wageIndex, savings[h]! / 24);
    const head = hHead[h]!;
    const size = hSize[h]!;
    let group = 0, jz = -1, single = 0, kids = 0, kid = -1;
    if (head >= 0) {
      const hk = hukou[head]!;
      group = hk === LOCAL_URBAN ? 0 : hk === LOCAL_RURAL ? 1 : 2;
      jz = jobZone[head]!;
      single = size === 1 && sector[head]! >= 0 ? 1 : 0;
      if (size > 1) {
        for (let p = next[head]!; p >= 0; p = next[p]!) {
          if (ageM[p]! < 180) {
            kids = 1;
            kid = p;
            break;
          }
        }
      }
    }
    // The class part (classPartOf's), kept for classOf as it would keep it (World's methods clear it).
    cls[h] = ((group * 2 + kids) * 2 + single) * nz1 + (jz + 1) + 1;
    clsKid[h] = kid;
    // A household whose class cannot choose its alternative (an unemployed single in a dormitory) says nothing about it.
    if (t === DORMITORY && single === 0) continue;
    // m.band(budget), m.classIndex(...).
    const band = budget > 0 ? bandOf(budget / ref) : 0;
    counts[(((band * HUKOU_GROUPS + group) * 2 + kids) * 2 + single) * nz1 + (jz + 1)]!++;
    observed[zone[h]! * NT + t]!++;
  }
}

/**
 * The location choice's class of household h without its income band (LocationModel.classIndex(0, ...)),
 * from the head's hukou, job zone and sector, the household's size and its members' ages; sets partKid
 * to the first member after the head under 180 months, or -1 (then the household has no children).
 */
export function classPartOf(w: World, h: number): number {
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const head = hc.head[h]!;
  const hk = head >= 0 ? pc.hukou[head]! : LOCAL_URBAN;
  const group = hk === LOCAL_URBAN ? 0 : hk === LOCAL_RURAL ? 1 : 2;
  const jobZone = head >= 0 ? pc.jobZone[head]! : -1;
  const size = hc.size[h]!;
  const single = size === 1 && head >= 0 && pc.sector[head]! >= 0 ? 1 : 0;
  // Children: a member under 15 (members are few; the head is first; the walk stops at the first child).
  let kid = -1;
  if (size > 1) {
    for (let p = pc.next[head]!; p >= 0; p = pc.next[p]!) {
      if (pc.ageM[p]! < 180) {
        kid = p;
        break;
      }
    }
  }
  partKid = kid;
  return (((group * 2 + (kid >= 0 ? 1 : 0)) * 2 + single) * (w.nz + 1)) + (jobZone + 1);
}

/** The child classPartOf found (its second result), -1 none. */
export let partKid = -1;

/** Rounds of calibrate's proportional adjustment of the constants. */
export const CALIBRATION_ROUNDS = 40;

/**
 * Calibration's prediction (LocationModel.predict: the logit sized by stock, without policy terms), with
 * what does not change between its rounds computed once: without the policy terms a class's row does not
 * depend on its hukou group, so classes that differ only in it share one row (691 classes, 255 rows at
 * Chongqing's start at sample 0.1), and each alternative's fixed part of the utility (fixedUtility) is
 * kept, to which a round adds the calibrated constant and the school term, as utility() does. Every
 * float is row()'s and predict()'s own, in their order: the constants come out bit for bit those of
 * startClasses + predict (test/model/location-calibrate.test.ts).
 */
class CalibrationRounds {
  readonly na: number;
  /** used classes in order; rowOf[i] the shared row of used[i]. */
  readonly used: number[];
  readonly rowOf: Int32Array;
  readonly nrows: number;
  /** Per row × alternative: fixedUtility, whether the class may choose it (ok), and the round's cumulative weights. */
  readonly fixed: Float64Array;
  readonly ok: Uint8Array;
  readonly kids: Uint8Array;
  readonly cum: Float64Array;
  readonly v: Float64Array;
  /** school_weight × school[z] (utility's school term) by alternative. */
  readonly schoolK: Float64Array;

  constructor(readonly m: LocationModel, used: number[]) {
    const na = m.na, nz1 = m.nz + 1;
    this.na = na;
    this.used = used;
    this.rowOf = new Int32Array(used.length);
    // The class without its hukou group: ((band × 2 + children) × 2 + single) × (nz + 1) + jobZone + 1.
    const rowOfKey = new Map<number, number>();
    const reps: number[] = [];
    for (let i = 0; i < used.length; i++) {
      const ci = used[i]!;
      const low = ci % (4 * nz1);
      const band = Math.floor(Math.floor(ci / (4 * nz1)) / HUKOU_GROUPS);
      const key = band * 4 * nz1 + low;
      let r = rowOfKey.get(key);
      if (r === undefined) {
        r = reps.length;
        rowOfKey.set(key, r);
        reps.push(ci);
      }
      this.rowOf[i] = r;
    }
    this.nrows = reps.length;
    this.fixed = new Float64Array(this.nrows * na);
    this.ok = new Uint8Array(this.nrows * na);
    this.kids = new Uint8Array(this.nrows);
    this.cum = new Float64Array(this.nrows * na);
    this.v = new Float64Array(na);
    this.schoolK = new Float64Array(na);
    const L = m.w.city.location;
    for (let k = 0; k < na; k++) this.schoolK[k] = L.school_weight * m.school[Math.floor(k / NT)]!;
    for (let r = 0; r < this.nrows; r++) {
      const c = m.describe(reps[r]!);
      this.kids[r] = c.children ? 1 : 0;
      for (let z = 0; z < m.nz; z++) {
        for (let t = 0; t < NT; t++) {
          const k = z * NT + t;
          // row()'s test of the alternatives a class may choose.
          const ok = (t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY) && (t !== DORMITORY || c.single);
          this.ok[r * na + k] = ok ? 1 : 0;
          this.fixed[r * na + k] = ok ? m.fixedUtility(c, z, t) : 0;
        }
      }
    }
  }

  /** predicted[k] = the households predicted in alternative k at the current constants (LocationModel.predict's sums). */
  predict(counts: Float64Array, predicted: Float64Array): void {
    const na = this.na, asc = this.m.asc, stock = this.m.w.stock;
    const fixed = this.fixed, ok = this.ok, cum = this.cum, v = this.v, schoolK = this.schoolK;
    // Each row as row() fills it while calibrating (utility without terms; weights by stock).
    for (let r = 0; r < this.nrows; r++) {
      const base = r * na;
      const kids = this.kids[r] === 1;
      let max = -Infinity;
      for (let k = 0; k < na; k++) {
        let x = -Infinity;
        if (ok[base + k] === 1) {
          x = fixed[base + k]! + asc[k]!;
          if (kids) x += schoolK[k]!;
          if (stock[k]! > 0 && x > max) max = x;
        }
        v[k] = x;
      }
      let total = 0;
      for (let k = 0; k < na; k++) {
        const x = v[k]!;
        const n = stock[k]!;
        if (n > 0 && x > -Infinity) total += n * Math.exp(x - max);
        cum[base + k] = total;
      }
    }
    predicted.fill(0);
    const used = this.used, rowOf = this.rowOf;
    for (let i = 0; i < used.length; i++) {
      const ci = used[i]!;
      const base = rowOf[i]! * na;
      const total = cum[base + na - 1]!;
      if (!(total > 0)) continue;
      let prev = 0;
      for (let k = 0; k < na; k++) {
        const c = cum[base + k]!;
        predicted[k]! += (counts[ci]! * (c - prev)) / total;
        prev = c;
      }
    }
  }
}

/**
 * Buckets of a class row's guide: the draw u ∈ [0, 1) falls in bucket b = ⌊u × GUIDE_BUCKETS⌋, and its
 * alternative is the first k with cum[k] > u × total (the binary search's answer), found by a short
 * walk from guide[b] (Chen & Asau 1974's guide table for inversion).
 */
export const GUIDE_BUCKETS = 64;

/**
 * Fills the guide of the row at `base` (na cumulative weights, the last the total): guide[g0 + b] is the
 * first k < na − 1 with cum[k] > (b / GUIDE_BUCKETS) × total, else na − 1. Exact, not approximate: b / B is
 * exact (B a power of two) and ≤ u, so (b / B) × total ≤ u × total = r (rounding is monotone), and every
 * k before the guide has cum[k] ≤ r: the walk from it ends where the binary search over the row does.
 */
export function fillGuide(cum: Float64Array, base: number, na: number, guide: Uint16Array, g0: number): void {
  const total = cum[base + na - 1]!;
  let k = 0;
  for (let b = 0; b < GUIDE_BUCKETS; b++) {
    const edge = (b / GUIDE_BUCKETS) * total;
    while (k < na - 1 && cum[base + k]! <= edge) k++;
    guide[g0 + b] = k;
  }
}

/**
 * The first k < na − 1 with cum[base + k] > r, else na − 1 (what a binary search over the row returns),
 * walking from `from`, a k with every cumulative weight before it ≤ r (the guide of r's bucket).
 */
export function guidedSearch(cum: Float64Array, base: number, na: number, r: number, from: number): number {
  let k = from;
  while (k < na - 1 && cum[base + k]! <= r) k++;
  return k;
}

/** Monthly payment of an annuity loan. */
export function mortgageMonthly(loan: number, rateYear: number, years: number): number {
  const r = rateYear / 12;
  const n = years * 12;
  return monthlyPayment(loan, r, n, annuityDivisor(r, n));
}

/** The divisor 1 − (1 + r)^−n of an annuity at monthly rate r over n months (unused when r is 0). */
function annuityDivisor(r: number, n: number): number {
  return r === 0 ? 1 : 1 - Math.pow(1 + r, -n);
}

// The last rate and term annuityDivisorOf was asked for, and its divisor: mayFind and choose ask for it
// on every call, almost always with the scenario's one rate and term (a Math.pow saved each time).
let lastAnnuityR = NaN, lastAnnuityN = NaN, lastAnnuityDiv = 1;

/** annuityDivisor(r, n), remembered for the last r and n asked for (the same float: Math.pow is a function of its arguments). */
function annuityDivisorOf(r: number, n: number): number {
  if (r !== lastAnnuityR || n !== lastAnnuityN) {
    lastAnnuityDiv = annuityDivisor(r, n);
    lastAnnuityR = r;
    lastAnnuityN = n;
  }
  return lastAnnuityDiv;
}

/** Whether household h may take an employer dormitory: one member, whose head works in manufacturing or construction. */
function mayTakeDormitory(w: World, h: number): boolean {
  const hc = w.households.cols;
  if (hc.size[h] !== 1) return false;
  const head = hc.head[h]!;
  const sector = head >= 0 ? w.persons.cols.sector[head]! : -1;
  return sector === MFG || sector === CONS;
}

/** Monthly payment of a loan at monthly rate r over n months, given annuityDivisor(r, n). */
function monthlyPayment(loan: number, r: number, n: number, divisor: number): number {
  return r === 0 ? loan / n : (loan * r) / divisor;
}

const MODELS = new WeakMap<World, LocationModel>();

/** The world's location model (made, and calibrated to the housed households, on first use). */
export function locationOf(w: World): LocationModel {
  let m = MODELS.get(w);
  if (!m) {
    m = new LocationModel(w);
    MODELS.set(w, m);
  }
  return m;
}

/** Adds a policy's term to the world's location utility (policies call this at install). */
export function addLocationTerm(w: World, term: LocationTerm): void {
  locationOf(w).terms.push(term);
}

/** The settlement prospect of a rule that asks `years` of work: exp(−years / horizon). */
export function prospectOfYears(w: World, years: number): number {
  return Math.exp(-years / w.city.location.prospect_horizon_years);
}

/**
 * Places household h (unhoused, e.g. a new arrival) by the location choice: returns the dwelling it
 * moved into or -1. For arrivals' code and tests; the housing step places the unhoused itself.
 */
export function placeHousehold(w: World, h: number, s: Stream = w.streams.get('location')): number {
  const m = locationOf(w);
  ensureMonth(w, m, w.month);
  const hc = w.households.cols;
  const income = w.incomeOf(h);
  const budget = Math.max(income, hc.savings[h]! / 24);
  if (!m.mayFind(h, income, budget, hc.savings[h]!, -1)) return -1;
  const d = m.choose(s, h, m.classOf(h, budget), income, budget, hc.savings[h]!, -1);
  if (d >= 0) moveInto(w, h, d);
  return d;
}

/** Starts month `month` in the location model if it has not been (the first month also calibrates the constants). */
export function ensureMonth(w: World, m: LocationModel, month: number): void {
  if (m.month === month) return;
  const first = m.month < 0;
  fillZoneResidents(w, m);
  m.beginMonth(month);
  if (first) m.calibrate();
}

/** Residents by zone from the households (for job access and school places per resident). */
export function fillZoneResidents(w: World, m: LocationModel): void {
  const res = m.zoneResidents;
  res.fill(0);
  const hc = w.households.cols;
  const live = w.households.live, zone = hc.zone, size = hc.size, n = w.households.size;
  for (let h = 0; h < n; h++) {
    const z = zone[h]!;
    if (z >= 0 && live[h]) res[z]! += size[h]!;
  }
}

/** Moves h into d, paying the down payment if d is owned. */
export function moveInto(w: World, h: number, d: number): void {
  const dc = w.dwellings.cols;
  if (dc.tenure[d] === OWNED) {
    const H = w.city.housing;
    w.households.cols.savings[h]! -= w.priceLevel[dc.zone[d]! * NT + OWNED]! * dc.factor[d]! * H.down_payment_share;
  }
  w.moveIn(h, d);
}

/** The policy terms of world w's location model, or null if it has none yet (dates.ts removes a rule's terms at its `until`). */
export function locationTermsOf(w: World): LocationTerm[] | null {
  return MODELS.get(w)?.terms ?? null;
}
