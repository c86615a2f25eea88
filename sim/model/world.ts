/**
 * The state of one city in one replication: persons, households and
 * dwellings as column tables, zone and job aggregates as flat typed arrays,
 * and the month's flow counters. Every change of who lives where goes
 * through the methods here, so that membership lists, occupancy and vacancy
 * lists stay consistent (checked mode tests them).
 */
import { Table, type ColumnSpec } from '../engine/table.ts';
import { Schedule } from '../engine/schedule.ts';
import { Streams } from '../engine/random.ts';
import type { CityParams } from './params.ts';
import { newGovState, type GovState } from './govState.ts';
import { Flows } from './flows.ts';
import { newPulse, type CityPulse } from './pulse.ts';
import { newLevers, type Levers } from './levers.ts';
import * as enumsM from './enums.ts';
import * as lifetimesM from './lifetimes.ts';
import { Lifetimes } from './lifetimes.ts';
import { MigrationState, NE } from './hinterland.ts';
import { LabourTally } from './labourTally.ts';
import * as workSpellsM from './workSpells.ts';
import type { Stream } from '../engine/random.ts';
import { Registry, freezeRegMonths, thawRegMonths } from './regMonths.ts';
import { DueAges } from './dueAges.ts';
import { JobEnds } from './jobEnds.ts';
import { CensusCounts } from './censusCounts.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { FEMALE, NS, NT, NO_JOB, RURAL_HOME, isLocal } = enumsM;
const { NEVER } = lifetimesM;
const { MONTHS_CAP } = workSpellsM;

/** permitSince value for persons without a residence permit. */
export const NO_PERMIT = -32768;
/** Wages below this (and 0 or ≥ 1) keep household wage sums exact (World.exactWages). */
const WAGE_EXACT_MAX = 2097152;

export const PERSON_SPEC = {
  ageM: 'i16', // age in months
  sex: 'u8',
  edu: 'u8',
  hukou: 'u8',
  hukouZone: 'i8', // zone where local hukou is registered, -1 for none
  inCity: 'i16', // months lived in the city
  insured: 'i16', // months of social insurance paid in the city; in formal work less the labour steps done when it began (read through workSpells.ts)
  worked: 'i16', // months employed in the city (years of work for differentiated settlement); while employed less the labour steps done when the job began (read through workSpells.ts)
  sector: 'i8', // NO_JOB or sector index
  jobZone: 'i8',
  formal: 'u8',
  wage: 'f32', // monthly wage in start-month yuan (times world.wageIndex for nominal)
  permitSince: 'i16', // month the residence permit was granted (negative: before the start), NO_PERMIT none
  registered: 'u8', // entered in the housing registry at the current dwelling
  regBase: 'i16', // registered months (regMonths.ts): the registration clock at which the count was 0 while registered in a housed household (count = min(32767, clock − regBase)), else the count itself
  points: 'f32', // last points score (points policies; labour's formalisation lever reads it)
  hh: 'i32',
  next: 'i32', // next member of the household, -1 at the end
  dwTenure: 'i8', // tenure of the household's dwelling, -1 when unhoused or in no household (a copy of the household's dwTenure kept by World, so that passes over persons read it in person order)
  school: 'u8', // 1 when the child holds a school place in the city
  unemp: 'u8', // months unemployed, capped at 255
  active: 'u8', // 1 if in the labour force (ages 16–59 who work or seek work); changed through World.setActive (or between labourOut and labourIn, as hukou and edu): the labour tally counts it (labourTally.ts)
  deathAge: 'i16', // age in months at which the person dies (presampled, lifetimes.ts)
  nextBirth: 'i16', // age in months of the woman's next birth, NEVER for none (presampled)
  jobEnd: 'i16', // month the job ends by separation (presampled when taken)
  demogDue: 'i16', // age in months at which the demography step next has something to do for the person, set when made (dueAges.ts), 0 not set (demography.ts)
} as const satisfies ColumnSpec;

export const HOUSEHOLD_SPEC = {
  head: 'i32',
  size: 'u8',
  zone: 'i8', // zone of residence (of search when unhoused)
  dwelling: 'i32', // -1 when unhoused
  savings: 'f32',
  landMu: 'f32', // rural land held in the origin (homestead + contract land)
  arrival: 'i16', // month of arrival, negative for households present at the start
  leftBehind: 'u8', // school-age children living in the origin
  unplaced: 'u8', // children in the city without a school place after the last enrolment
  burden: 'u8', // consecutive months with rent over the burden limit
  events: 'u8', // life events raising the moving hazard (bits of lifeEvents.ts: birth, school age, job elsewhere, member left)
  eventLeft: 'u8', // months the marked events still raise the moving hazard, 0 none
  unhoused: 'u8', // consecutive months without a dwelling
  migrant: 'u8', // 1 if the household came from the hinterland (may return there)
  wages: 'f64', // sum of the members' wages (start-month yuan) in member order, kept by World's methods
  dwTenure: 'i8', // tenure of the household's dwelling, -1 when unhoused (a copy kept by moveIn/moveOut)
  dwFactor: 'f32', // size-quality factor of the household's dwelling, 0 when unhoused (a copy, as dwTenure)
  moveAt: 'i16', // month of the next look at the moving hazard, 0 not drawn yet (movingHazard.ts; moveIn resets it)
  cls: 'i32', // the location choice's class of the household without its income band, + 1; 0 not known (location.ts classOf: World's methods clear it when the head, a member, the head's hukou or a job changes)
  clsKid: 'i32', // a member under 180 months (15 years) when cls was found, -1 none: cls holds while that member is under 180 months
} as const satisfies ColumnSpec;

export const DWELLING_SPEC = {
  zone: 'i8',
  tenure: 'u8',
  factor: 'f32', // size and quality factor; rent = rentLevel[zone, tenure] × factor
  occupant: 'i32', // household index, -1 vacant
  coded: 'u8', // coded in the housing registry (一户一码)
  vacPos: 'i32', // position in its vacancy list, -1 when occupied
} as const satisfies ColumnSpec;

export type Persons = Table<typeof PERSON_SPEC>;
export type Households = Table<typeof HOUSEHOLD_SPEC>;
export type Dwellings = Table<typeof DWELLING_SPEC>;

/** A function run in the settlement step; policies add them. */
export type SettlementRule = (w: World, month: number) => void;
/** Called once for each person granted local hukou (after the grant), with the hukou status they held before. */
export type SettleListener = (w: World, person: number, month: number, prevHukou: number) => void;
/** School priority: lower rank is placed first; a policy may override (e.g. Shanghai's 120 points); negative = no opinion (the city's default applies). */
export type SchoolRank = (w: World, child: number, parent: number) => number;
/**
 * A ranked admission queue for school places (services.ts), set by a policy: the children of
 * priority group `rank` who do not yet hold a place are admitted in descending `score` (ties: lower
 * row first) instead of from a random start, and at most `newPlaces(w)` of them (agents) at an
 * enrolment; `admitted(w, n)` is told how many were.
 */
export interface SchoolQueue {
  rank: number;
  score(w: World, child: number, parent: number): number;
  newPlaces(w: World): number;
  admitted(w: World, n: number): void;
}
/**
 * An invariant a policy declares for checked mode (helpers in invariants.ts): it only reads the
 * world, and returns null when it holds, else the breach's detail. `applied` counts the checks that
 * tested something (e.g. settlement rounds whose quota was checked).
 */
export interface Invariant {
  /** The invariant's name as a breach reports it, e.g. "quotas never exceeded". */
  readonly name: string;
  check(w: World, month: number, step: string): string | null;
  applied: number;
}
/** A stock indicator a policy reports (e.g. a waiting list), counted at observation: it must only read the world. */
export type StockReport = (w: World) => number;

export class World {
  readonly nz: number;
  readonly persons: Persons;
  readonly households: Households;
  readonly dwellings: Dwellings;
  readonly schedule = new Schedule<World>();
  readonly streams: Streams;
  readonly flows: Flows;
  /** Waiting times of deaths, births and separations, and the streams they are drawn from. */
  readonly life: Lifetimes;
  readonly lifeStream: Stream;
  /** The demography step's tables by age and the due age of a new person (dueAges.ts). */
  readonly dueAges: DueAges;
  readonly separationStream: Stream;

  /** Jobs (filled + vacant) by zone × sector, and filled jobs. */
  readonly jobs: Float64Array;
  readonly filled: Int32Array;
  /** Sectors in which new jobs may not be created, by zone × sector (negative lists). */
  readonly banned: Uint8Array;
  /** Rent level (yuan a month for factor 1) and price (yuan per dwelling for factor 1) by zone × tenure. */
  readonly rentLevel: Float64Array;
  readonly priceLevel: Float64Array;
  /** Vacant dwellings by zone × tenure: lists of dwelling indices. */
  readonly vacant: Int32Array[];
  /** The factors of the dwellings of each vacancy list, position by position (the location choice tests them without reading the dwelling). */
  readonly vacantF: Float32Array[];
  readonly vacantN: Int32Array;
  /**
   * A lower bound of the factors of the vacant dwellings by zone × tenure (+Infinity when none has
   * been vacant): lowered when a dwelling becomes vacant, made exact again by tightenVacancyBounds.
   * The location choice rejects an unaffordable alternative from it without reading a dwelling.
   */
  readonly vacMinFactor: Float64Array;
  /** Dwellings (occupied + vacant) by zone × tenure. */
  readonly stock: Int32Array;
  /** School places by zone. */
  readonly schoolPlaces: Float64Array;
  /**
   * Members of the households that have a dwelling, by zone (agents): kept by moveIn, moveOut and the
   * member methods, so that the housing step need not count them in its pass (checked mode recounts).
   */
  readonly housedResidents: Float64Array;
  /**
   * The census's counts kept by the methods here (censusCounts.ts): the employed persons' Gini bins and
   * local-hukou persons by hukou zone. Checked mode recounts them after every step.
   */
  readonly censusCounts: CensusCounts;
  /** Index of wages and of public costs relative to the start. */
  wageIndex = 1;
  costIndex = 1;
  originIncome: number;
  /** The hinterland segments and the labour-market terms of the migration decision (migration.ts). */
  readonly mig: MigrationState;
  /** Settlements over the last 12 months (agents), for the settlement prospect. */
  readonly settleHistory = new Float64Array(12);
  month = 0;
  /** Labour steps whose pass has counted the month worked (labour.ts): the clock of the worked and insured spells (workSpells.ts). */
  labourSteps = 0;
  /** Jobs filed under the month their separation is due (jobEnds.ts): the labour step reads its month's list instead of passing over the labour force. */
  readonly jobEnds = new JobEnds();
  /** The labour force's size, non-hukou members by education and job seekers, kept by events (labourTally.ts). */
  readonly labour = new LabourTally(NE);
  /** Residents (agents) at the start. */
  initialResidents = 0;
  /** City aggregates of the end of last month (pulse.ts), read by this month's processes. */
  pulse: CityPulse = newPulse();

  readonly settlementRules: SettlementRule[] = [];
  readonly settleListeners: SettleListener[] = [];
  schoolRank: SchoolRank | null = null;
  /** A policy's ranked admission queue for one priority group (services.ts), or null. */
  schoolQueue: SchoolQueue | null = null;
  /** The model's knobs that policies set (levers.ts). */
  readonly levers: Levers;
  /** Names of the installed policies, in registry order. */
  readonly installed: string[] = [];
  /** Stock indicators reported by installed policies: indicator name → counter (observation calls it). */
  readonly stocks = new Map<string, StockReport>();
  /** Invariants installed policies declare, run by checked mode after every step (invariants.ts). */
  readonly invariants: Invariant[] = [];
  /** Governance state (aggregate): see governance.ts. */
  readonly govState: GovState = newGovState();
  /** The registration clock and the persons to test for a permit (regMonths.ts). */
  readonly registry = new Registry();

  constructor(
    readonly city: CityParams,
    readonly sample: number,
    seed: number | string,
    replication: number,
    capacity: { persons: number; households: number; dwellings: number },
  ) {
    this.nz = city.zones.length;
    this.streams = new Streams(seed, replication);
    const D = city.demography;
    this.life = new Lifetimes({ a: D.mortality_a, b: D.mortality_b, infant: D.infant_mortality }, D.fertility_rate / 35 / 12, city.labour.separation_rate_month);
    this.lifeStream = this.streams.get('lifetimes');
    this.dueAges = new DueAges(city.services.school_age_from * 12);
    this.separationStream = this.streams.get('separations');
    this.persons = new Table('persons', PERSON_SPEC, capacity.persons);
    this.households = new Table('households', HOUSEHOLD_SPEC, capacity.households);
    this.dwellings = new Table('dwellings', DWELLING_SPEC, capacity.dwellings);
    this.flows = new Flows(this.nz);
    this.jobs = new Float64Array(this.nz * NS);
    this.filled = new Int32Array(this.nz * NS);
    this.banned = new Uint8Array(this.nz * NS);
    this.rentLevel = new Float64Array(this.nz * NT);
    this.priceLevel = new Float64Array(this.nz * NT);
    this.vacant = Array.from({ length: this.nz * NT }, () => new Int32Array(64));
    this.vacantF = Array.from({ length: this.nz * NT }, () => new Float32Array(64));
    this.vacantN = new Int32Array(this.nz * NT);
    this.vacMinFactor = new Float64Array(this.nz * NT).fill(Infinity);
    this.stock = new Int32Array(this.nz * NT);
    this.schoolPlaces = new Float64Array(this.nz);
    this.housedResidents = new Float64Array(this.nz);
    this.censusCounts = new CensusCounts(this.nz, NT);
    this.mig = new MigrationState(city.migration.segments, sample, city.migration.out_migration.destination_income_yuan_month);
    this.originIncome = this.mig.income[0]!;
    this.levers = newLevers(city, this.nz);
  }

  /** Real-world persons for a number of agents. */
  real(agents: number): number {
    return agents / this.sample;
  }

  // ---- persons and households ------------------------------------------------

  newHousehold(zone: number, month: number, migrant: boolean): number {
    const h = this.households.add();
    const c = this.households.cols;
    c.head[h] = -1;
    c.zone[h] = zone;
    c.dwelling[h] = -1;
    c.dwTenure[h] = -1;
    c.arrival[h] = month;
    c.migrant[h] = migrant ? 1 : 0;
    this.censusCounts.households[zone]!++;
    c.events[h] = 0;
    c.eventLeft[h] = 0;
    c.cls[h] = 0;
    return h;
  }

  /** Adds a person to household h (appended to its member list) and returns the person's index. */
  newPerson(h: number, ageM: number, sex: number, edu: number, hukou: number, hukouZone: number): number {
    const p = this.persons.add();
    const c = this.persons.cols;
    c.ageM[p] = ageM;
    c.sex[p] = sex;
    c.edu[p] = edu;
    c.hukou[p] = hukou;
    c.hukouZone[p] = isLocal(hukou) ? hukouZone : -1;
    this.censusCounts.person(c.hukou[p]!, c.hukouZone[p]!, 1);
    c.sector[p] = NO_JOB;
    c.jobZone[p] = -1;
    c.permitSince[p] = NO_PERMIT;
    c.hh[p] = h;
    c.next[p] = -1;
    c.dwTenure[p] = this.households.cols.dwTenure[h]!;
    c.deathAge[p] = this.life.deathAge(this.lifeStream, ageM);
    c.nextBirth[p] = sex === FEMALE ? this.life.birthAge(this.lifeStream, ageM + 1) : NEVER;
    c.jobEnd[p] = NEVER;
    // The demography step's due age (dueAges.ts): a person who gives the next pass nothing to do is not handled by it.
    c.demogDue[p] = this.dueAges.first(ageM, c.deathAge[p]!, c.nextBirth[p]!);
    const hc = this.households.cols;
    if (hc.head[h] < 0) hc.head[h] = p;
    else {
      let q = hc.head[h]!;
      while (c.next[q]! >= 0) q = c.next[q]!;
      c.next[q] = p;
    }
    this.joined(h, 1);
    // The new member earns 0 (a new row is zero): an exact sum stays as it is (exactWages).
    if (!this.exactWages) this.sumWages(h);
    return p;
  }

  /** Household h gains (n > 0) or loses members: its size, and the counts of members kept by zone and by tenure. */
  private joined(h: number, n: number): void {
    const hc = this.households.cols;
    hc.size[h]! += n;
    // Its members changed: the location choice's class is found again (location.ts classOf).
    hc.cls[h] = 0;
    const z = hc.zone[h]!;
    this.censusCounts.members[z]! += n;
    if (hc.dwelling[h]! >= 0) {
      this.housedResidents[z]! += n;
      this.censusCounts.tenure[hc.dwTenure[h]!]! += n;
    }
  }

  /**
   * Recomputes household h's wages column: the members' wages summed in member
   * order, the same float a walk over the members gives at any later time, since
   * every change of a member or a wage calls this (or, while `exactWages`, moves the
   * sum by the change: the same float, see there). Households are read once a
   * month by several steps; members change for a few percent of them.
   */
  private sumWages(h: number): void {
    if (h < 0) return;
    const pc = this.persons.cols;
    const wage = pc.wage, next = pc.next;
    let s = 0;
    for (let p = this.households.cols.head[h]!; p >= 0; p = next[p]!) s += wage[p]!;
    this.households.cols.wages[h] = s;
  }

  /** Takes person p out of its household's member list (the household may become empty). */
  detachPerson(p: number): void {
    const c = this.persons.cols;
    const hc = this.households.cols;
    const h = c.hh[p]!;
    // Registered months stop accruing outside a housed household (regMonths.ts).
    if (c.registered[p] === 1 && hc.dwelling[h]! >= 0) freezeRegMonths(this, p);
    if (hc.head[h] === p) hc.head[h] = c.next[p]!;
    else {
      let q = hc.head[h]!;
      while (q >= 0 && c.next[q] !== p) q = c.next[q]!;
      if (q >= 0) c.next[q] = c.next[p]!;
    }
    this.joined(h, -1);
    c.next[p] = -1;
    c.hh[p] = -1;
    c.dwTenure[p] = -1;
    this.sumWages(h);
  }

  /** Moves person p into household h. */
  attachPerson(p: number, h: number): void {
    const c = this.persons.cols;
    const hc = this.households.cols;
    c.hh[p] = h;
    c.next[p] = -1;
    c.dwTenure[p] = hc.dwTenure[h]!;
    // A registered person joining a housed household accrues registered months again (regMonths.ts).
    if (c.registered[p] === 1 && hc.dwelling[h]! >= 0) thawRegMonths(this, p);
    if (hc.head[h] < 0) hc.head[h] = p;
    else {
      let q = hc.head[h]!;
      while (c.next[q]! >= 0) q = c.next[q]!;
      c.next[q] = p;
    }
    this.joined(h, 1);
    this.sumWages(h);
  }

  /** Removes person p (death or departure), releasing the job. Returns the household. */
  removePerson(p: number): number {
    this.releaseJob(p); // detachPerson below recomputes the household's wage sum
    this.labourOut(p);
    const c = this.persons.cols;
    const h = c.hh[p]!;
    this.detachPerson(p);
    this.censusCounts.person(c.hukou[p]!, c.hukouZone[p]!, -1);
    this.persons.remove(p);
    return h;
  }

  /** Removes an empty household, vacating its dwelling. */
  removeHousehold(h: number): void {
    if (this.households.cols.size[h]! > 0) throw new Error(`household ${h} still has members`);
    this.moveOut(h);
    this.censusCounts.households[this.households.cols.zone[h]!]!--;
    this.households.remove(h);
  }

  /** Removes a household and all its members (departure). Returns persons removed. */
  removeHouseholdWithMembers(h: number): number {
    const c = this.persons.cols;
    let n = 0;
    let p = this.households.cols.head[h]!;
    while (p >= 0) {
      const nx = c.next[p]!;
      this.releaseJob(p); // the household goes: no wage sum to keep
      this.labourOut(p);
      c.hh[p] = -1;
      c.next[p] = -1;
      c.dwTenure[p] = -1;
      this.censusCounts.person(c.hukou[p]!, c.hukouZone[p]!, -1);
      this.persons.remove(p);
      n++;
      p = nx;
    }
    this.households.cols.head[h] = -1;
    this.joined(h, -this.households.cols.size[h]!);
    this.households.cols.wages[h] = 0;
    this.removeHousehold(h);
    return n;
  }

  /** Household h's location-choice class is found again at its next choice (a member's hukou or job changed; h −1 none). */
  private clearClass(h: number): void {
    if (h >= 0) this.households.cols.cls[h] = 0;
  }

  /** Sets person p's hukou and the zone where a local hukou is registered (−1 for a non-local one), keeping the census's counts. */
  setHukou(p: number, hukou: number, zone: number): void {
    const c = this.persons.cols;
    const cc = this.censusCounts;
    const employed = c.sector[p] !== NO_JOB;
    cc.person(c.hukou[p]!, c.hukouZone[p]!, -1);
    const fo = c.formal[p] === 1 ? 1 : 0;
    if (employed) cc.job(c.wage[p]!, c.hukou[p]! < 2 ? 0 : 1, -1, fo);
    c.hukou[p] = hukou;
    c.hukouZone[p] = isLocal(hukou) ? zone : -1;
    this.clearClass(c.hh[p]!);
    cc.person(c.hukou[p]!, c.hukouZone[p]!, 1);
    if (employed) cc.job(c.wage[p]!, c.hukou[p]! < 2 ? 0 : 1, 1, fo);
  }

  // ---- jobs -------------------------------------------------------------------

  /** Months person p has worked in the city (workSpells.ts). */
  workedMonths(p: number): number {
    const c = this.persons.cols;
    return workSpellsM.workedOf(c.worked, c.sector, this.labourSteps, p);
  }

  /** Months of social insurance person p has paid in the city (workSpells.ts). */
  insuredMonths(p: number): number {
    const c = this.persons.cols;
    return workSpellsM.insuredOf(c.insured, c.formal, this.labourSteps, p);
  }

  /** Sets person p's months worked and insured (each 0..32767) as of now; running spells go on counting from them. */
  setWorkMonths(p: number, worked: number, insured: number): void {
    const c = this.persons.cols;
    c.worked[p] = c.sector[p] === NO_JOB ? worked : worked - this.labourSteps;
    c.insured[p] = c.formal[p] === 1 ? insured - this.labourSteps : insured;
  }

  takeJob(p: number, zone: number, sector: number, wage: number, formal: boolean): void {
    const c = this.persons.cols;
    // The worked (and, in formal work, insured) spell begins: the columns hold the counts less the steps done (workSpells.ts).
    c.worked[p]! -= this.labourSteps;
    if (formal) c.insured[p]! -= this.labourSteps;
    c.sector[p] = sector;
    this.labour.clear(p);
    c.jobZone[p] = zone;
    this.clearClass(c.hh[p]!);
    const old = c.wage[p]!;
    c.wage[p] = wage;
    c.formal[p] = formal ? 1 : 0;
    c.unemp[p] = 0;
    this.censusCounts.job(c.wage[p]!, c.hukou[p]! < 2 ? 0 : 1, 1, c.formal[p]!);
    const end = this.life.jobEnd(this.separationStream, this.month);
    c.jobEnd[p] = end;
    this.jobEnds.add(p, end);
    this.filled[zone * NS + sector]!++;
    this.moveWages(c.hh[p]!, old, c.wage[p]!);
  }

  /** Employed person p, in informal work, moves to a formal contract (the job goes on), keeping the census's counts. The caller starts the insured spell. */
  formalise(p: number): void {
    const c = this.persons.cols;
    if (c.formal[p] === 1) return;
    c.formal[p] = 1;
    this.censusCounts.formal(c.wage[p]!, 1);
  }

  leaveJob(p: number): void {
    const c = this.persons.cols;
    const old = c.wage[p]!;
    if (this.releaseJob(p)) this.moveWages(c.hh[p]!, old, 0);
  }

  /**
   * Whether every wage the world's methods have written is 0 or an f32 in [1, 2^21) (WAGE_EXACT_MAX).
   * Each such wage is a multiple of 2^-23, and a household's at most 255 of them sum to less than
   * 2^29: every sum of some of them is a multiple of 2^-23 below 2^52, which an f64 holds exactly.
   * So the members' sum in member order has no rounding, and moving it by one member's change of
   * wage (less the old, plus the new) gives the very same float, without the walk over the members.
   * Set false for good by the first wage outside (NaN, ≥ 2^21 or in (0, 1)): sums are walked again.
   */
  exactWages = true;

  /** Household h's wages column after one member's wage changed from `old` to `now` (both as stored, f32). */
  private moveWages(h: number, old: number, now: number): void {
    if (h < 0) return;
    if (this.exactWages && (now === 0 || (now >= 1 && now < WAGE_EXACT_MAX))) {
      const hw = this.households.cols.wages;
      hw[h] = hw[h]! - old + now;
    } else {
      this.exactWages = false;
      this.sumWages(h);
    }
  }

  /** Frees p's job without updating the household's wage sum (for a household being removed). Returns whether p had one. */
  private releaseJob(p: number): boolean {
    const c = this.persons.cols;
    const s = c.sector[p]!;
    if (s === NO_JOB) return false;
    // The spells end: back to plain counts (workSpells.ts).
    c.worked[p] = Math.min(MONTHS_CAP, c.worked[p]! + this.labourSteps);
    if (c.formal[p] === 1) c.insured[p] = Math.min(MONTHS_CAP, c.insured[p]! + this.labourSteps);
    this.filled[c.jobZone[p]! * NS + s]!--;
    this.censusCounts.job(c.wage[p]!, c.hukou[p]! < 2 ? 0 : 1, -1, c.formal[p] === 1 ? 1 : 0);
    c.sector[p] = NO_JOB;
    if (this.persons.live[p] === 1 && c.active[p] === 1) this.labour.set(p);
    c.jobZone[p] = -1;
    this.clearClass(c.hh[p]!);
    c.wage[p] = 0;
    c.formal[p] = 0;
    c.jobEnd[p] = NEVER;
    return true;
  }

  // ---- the labour force (labourTally.ts) ----------------------------------------

  /** Takes person p out of the labour-force tally; call before changing its live, active, hukou or edu, and labourIn after. */
  labourOut(p: number): void {
    const c = this.persons.cols;
    if (this.persons.live[p] === 1 && c.active[p] === 1) this.labour.leave(p, c.hukou[p]!, c.edu[p]!);
  }

  /** Puts person p back into the labour-force tally after a change of its live, active, hukou or edu. */
  labourIn(p: number): void {
    const c = this.persons.cols;
    if (this.persons.live[p] === 1 && c.active[p] === 1) this.labour.join(p, c.hukou[p]!, c.edu[p]!, c.sector[p] === NO_JOB);
  }

  /** Sets whether person p is in the labour force (1) or not (0), keeping the tally. */
  setActive(p: number, active: number): void {
    this.labourOut(p);
    this.persons.cols.active[p] = active;
    this.labourIn(p);
  }

  /** Counts the labour-force tally anew from the columns (after writing live, active, hukou or edu directly: init, tests). */
  recountLabour(): void {
    const c = this.persons.cols;
    this.labour.recount(this.persons.size, this.persons.live, c.active, c.hukou, c.edu, c.sector, NO_JOB);
  }

  // ---- dwellings ----------------------------------------------------------------

  newDwelling(zone: number, tenure: number, factor: number): number {
    const d = this.dwellings.add();
    const c = this.dwellings.cols;
    c.zone[d] = zone;
    c.tenure[d] = tenure;
    c.factor[d] = factor;
    c.occupant[d] = -1;
    c.vacPos[d] = -1;
    c.coded[d] = this.levers.codeNewDwellings ? 1 : 0;
    this.stock[zone * NT + tenure]!++;
    this.markVacant(d);
    return d;
  }

  private markVacant(d: number): void {
    const c = this.dwellings.cols;
    const k = c.zone[d]! * NT + c.tenure[d]!;
    let list = this.vacant[k]!;
    let fl = this.vacantF[k]!;
    const n = this.vacantN[k]!;
    if (n === list.length) {
      const l2 = new Int32Array(list.length * 2);
      l2.set(list);
      this.vacant[k] = list = l2;
      const f2 = new Float32Array(l2.length);
      f2.set(fl);
      this.vacantF[k] = fl = f2;
    }
    list[n] = d;
    const f = c.factor[d]!;
    fl[n] = f;
    c.vacPos[d] = n;
    this.vacantN[k] = n + 1;
    if (f < this.vacMinFactor[k]!) this.vacMinFactor[k] = f;
  }

  /** Makes vacMinFactor the exact minimum factor of each vacancy list (+Infinity for an empty list). */
  tightenVacancyBounds(): void {
    for (let k = 0; k < this.vacantN.length; k++) {
      const fl = this.vacantF[k]!;
      const n = this.vacantN[k]!;
      let m = Infinity;
      for (let i = 0; i < n; i++) {
        const f = fl[i]!;
        if (f < m) m = f;
      }
      this.vacMinFactor[k] = m;
    }
  }

  private unmarkVacant(d: number): void {
    const c = this.dwellings.cols;
    const k = c.zone[d]! * NT + c.tenure[d]!;
    const list = this.vacant[k]!;
    const pos = c.vacPos[d]!;
    const last = --this.vacantN[k]!;
    const moved = list[last]!;
    list[pos] = moved;
    const fl = this.vacantF[k]!;
    fl[pos] = fl[last]!;
    c.vacPos[moved] = pos;
    c.vacPos[d] = -1;
  }

  /**
   * Removes dwelling d (demolition, redevelopment, clearance or withdrawal from the market). Its
   * occupant, if any, becomes unhoused (and searches in the next housing step). Returns the displaced
   * household or -1.
   */
  removeDwelling(d: number): number {
    const dc = this.dwellings.cols;
    const h = dc.occupant[d]!;
    if (h >= 0) this.moveOut(h);
    this.unmarkVacant(d);
    this.stock[dc.zone[d]! * NT + dc.tenure[d]!]!--;
    this.dwellings.remove(d);
    return h;
  }

  /** Household h moves into vacant dwelling d (leaving its old one, if any). */
  moveIn(h: number, d: number): void {
    const dc = this.dwellings.cols;
    if (dc.occupant[d] !== -1) throw new Error(`dwelling ${d} is occupied`);
    this.moveOut(h);
    this.unmarkVacant(d);
    dc.occupant[d] = h;
    const hc = this.households.cols;
    hc.dwelling[h] = d;
    const cc = this.censusCounts, size = hc.size[h]!;
    cc.households[hc.zone[h]!]!--;
    cc.members[hc.zone[h]!]! -= size;
    hc.zone[h] = dc.zone[d]!;
    cc.households[hc.zone[h]!]!++;
    cc.members[hc.zone[h]!]! += size;
    cc.tenure[dc.tenure[d]!]! += size;
    this.housedResidents[hc.zone[h]!]! += size;
    // Copies of the dwelling's tenure and factor (dwellings never change either), so that the monthly
    // passes over households read them in household order instead of from dwellings scattered in memory.
    hc.dwTenure[h] = dc.tenure[d]!;
    hc.dwFactor[h] = dc.factor[d]!;
    hc.unhoused[h] = 0;
    // The moving hazard's bound depends on the tenure: the next housing pass draws a new look (movingHazard.ts).
    hc.moveAt[h] = 0;
    // A new address must be declared again.
    const pc = this.persons.cols;
    const t = dc.tenure[d]!;
    for (let p = hc.head[h]!; p >= 0; p = pc.next[p]!) {
      pc.registered[p] = 0;
      pc.dwTenure[p] = t;
    }
  }

  /** Household h leaves its dwelling, which becomes vacant. */
  moveOut(h: number): void {
    const hc = this.households.cols;
    const d = hc.dwelling[h]!;
    if (d < 0) return;
    this.housedResidents[hc.zone[h]!]! -= hc.size[h]!;
    this.censusCounts.tenure[hc.dwTenure[h]!]! -= hc.size[h]!;
    // Its registered members stop accruing registered months (regMonths.ts).
    const pc = this.persons.cols;
    for (let p = hc.head[h]!; p >= 0; p = pc.next[p]!) {
      if (pc.registered[p] === 1) freezeRegMonths(this, p);
      pc.dwTenure[p] = -1;
    }
    this.dwellings.cols.occupant[d] = -1;
    this.markVacant(d);
    hc.dwelling[h] = -1;
    hc.dwTenure[h] = -1;
    hc.dwFactor[h] = 0;
  }

  /** Tenure of household h's dwelling, or -1. */
  tenureOf(h: number): number {
    return this.households.cols.dwTenure[h]!;
  }

  /** Monthly rent (nominal yuan) household h pays for its dwelling: rentOf(its dwelling), from the household's copies; 0 when unhoused. */
  rentOfHousehold(h: number): number {
    const hc = this.households.cols;
    const t = hc.dwTenure[h]!;
    if (t < 0 || t === 0 || t === RURAL_HOME) return 0;
    return this.rentLevel[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
  }

  /** Monthly rent (nominal yuan) of dwelling d; 0 for owned and rural homes. */
  rentOf(d: number): number {
    const c = this.dwellings.cols;
    const t = c.tenure[d]!;
    if (t === 0 || t === RURAL_HOME) return 0;
    return this.rentLevel[c.zone[d]! * NT + t]! * c.factor[d]!;
  }

  /** Monthly nominal income of household h (sum of wages). */
  incomeOf(h: number): number {
    return this.households.cols.wages[h]! * this.wageIndex;
  }

  /** Calendar month (1..12) of the scenario's start month. */
  startCal = 1;
  /** The scenario's start month "YYYY-MM" (policies' `from` / `until` count from it). */
  start = '2000-01';

  /** Calendar month 1..12 of simulation month m (month 0 is the start month). */
  calendar(m: number): number {
    return ((this.startCal - 1 + m) % 12) + 1;
  }
}
