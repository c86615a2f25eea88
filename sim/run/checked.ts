/**
 * Checked mode (`megasim run --check`): after every step of every month the
 * model's invariants are verified, and the run stops at the first breach with
 * an InvariantBreach naming the replication, the month, the step (process)
 * and, where there is one, the agent (table and row). The checks draw no
 * random numbers and change no state, so a checked run writes the same bytes
 * as an unchecked one.
 *
 * Invariants (each one pass over the tables, no allocation per agent):
 * - tables: live counts agree with the live flags; no NaN or infinity in any
 *   float column of a live row, nor in the world's aggregates;
 * - households: every member list is well formed (each member live, pointing
 *   back to the household, no loop), its length is the household's size, and
 *   the sizes add up to the persons: no person lost, none in two households;
 * - population conservation: persons now = persons at the start of the month
 *   + births + arrivals − deaths − departures (w.flows);
 * - housing: a housed household's dwelling names it as occupant and a
 *   dwelling's occupant names it as its dwelling (so no dwelling holds two
 *   households and no household holds two dwellings); a household's copy of
 *   its dwelling's tenure is the dwelling's, and each member's copy is the
 *   household's; vacancy lists and stock counts agree with occupancy; the
 *   location choice's class part a household keeps (its `cls` column, kept
 *   by World's methods; location.ts classOf) is its members' wherever it is
 *   taken as known, and the child whose age it watches is its member;
 * - jobs: filled jobs by zone × sector equal the persons holding them;
 *   every employed person is in the labour force (active) and only the
 *   employed are in formal work, so every labour step counts every running
 *   worked and insured spell (sim/model/workSpells.ts); months worked and
 *   insured read through the spells lie in 0..32767; every job held is filed
 *   under the month its separation is due (sim/model/jobEnds.ts), so that the
 *   labour step, which reads that month's list instead of passing over the
 *   labour force, ends it then; the labour force's tally kept by events
 *   (sim/model/labourTally.ts: its size, non-hukou members by education and
 *   the bitmap of its members without a job, from which the labour step
 *   lists its job seekers) is the recount of the columns;
 * - census counts (sim/model/censusCounts.ts): the employed persons' Gini
 *   bins (count and wage sum, bit for bit), their number, the live
 *   local-hukou persons by hukou zone, the live households and their members
 *   by zone and the members of housed households by tenure, kept by World's
 *   methods, equal a recount from the columns;
 * - school places: after enrolment, enrolled children per zone ≤
 *   floor(places); at every step, enrolled children in total ≤ the places
 *   allocated at the last enrolment;
 * - registered months (sim/model/regMonths.ts): every live person's count is
 *   within 0…32767; from the registration step to the end of the month, no
 *   live person entitled to a residence permit (non-local, no permit, aged 192
 *   months or more, registered in a housed household, at least permit_months
 *   registered months) is without one (the permits tested only for the
 *   persons pending or due missed nobody);
 * - budget: once the fiscal step has run in a month, government + employers +
 *   persons = settlements × public cost per citizen × cost index, no part is
 *   negative, the recurring service cost's three parts add up to it and the
 *   cost shares add up to 1;
 * - the invariants the installed policies declare (w.invariants, e.g. a quota
 *   policy's "grants under the quota"; sim/model/invariants.ts), each
 *   reported under its own name. Checked mode knows no policy by name.
 */
import type { Loaded } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { World } from '../model/world.ts';
import type { Invariant } from '../model/invariants.ts';
import { NS, NT, NO_JOB, isLocal } from '../model/enums.ts';
import { NO_PERMIT } from '../model/world.ts';
import { classPartOf } from '../model/location.ts';
import { REG_CAP, regMonthsOf } from '../model/regMonths.ts';
import { insuredOf, workedOf } from '../model/workSpells.ts';
import { NEVER } from '../model/lifetimes.ts';
import { CensusCounts, censusCountsDiffer, recountCensusCounts } from '../model/censusCounts.ts';
import { runReplication, type ReplicationResult, type RunOptions } from './simulate.ts';
import { runAll, type RunOutput, type RunSettings } from './runScenario.ts';

/** Where a breach was found: a row of one of the world's tables. */
export interface AgentRef {
  table: 'persons' | 'households' | 'dwellings';
  row: number;
}

export class InvariantBreach extends Error {
  override readonly name = 'InvariantBreach';
  constructor(
    readonly invariant: string,
    readonly detail: string,
    readonly agent: AgentRef | null,
    readonly replication: number,
    readonly month: number,
    readonly calendar: string,
    readonly step: string,
  ) {
    super(
      `checked mode: invariant "${invariant}" broken in replication ${replication}, month ${month} (${calendar}), after the "${step}" step: ${detail}` +
        (agent ? ` [agent: ${agent.table} row ${agent.row}]` : ''),
    );
  }
}

/** Raised inside a check; turned into an InvariantBreach with the month and step. */
class Found {
  constructor(
    readonly invariant: string,
    readonly detail: string,
    readonly agent: AgentRef | null = null,
  ) {}
}

const fail = (invariant: string, detail: string, agent: AgentRef | null = null): never => {
  throw new Found(invariant, detail, agent);
};

const P = (row: number): AgentRef => ({ table: 'persons', row });
const H = (row: number): AgentRef => ({ table: 'households', row });
const D = (row: number): AgentRef => ({ table: 'dwellings', row });

/** "YYYY-MM" of simulation month m for a scenario starting at `start`. */
export function calendarLabel(start: string, m: number): string {
  const y = Number(start.slice(0, 4));
  const mo = Number(start.slice(5, 7)) - 1 + m;
  return `${y + Math.floor(mo / 12)}-${String((mo % 12) + 1).padStart(2, '0')}`;
}

/** Every float column of a table (the only ones that can hold NaN), column by column over live rows. */
function checkFloats(what: string, T: { spec: Record<string, string>; cols: object; live: Uint8Array; size: number }, ref: (row: number) => AgentRef): void {
  const live = T.live;
  const n = T.size;
  for (const k of Object.keys(T.spec)) {
    if (T.spec[k] !== 'f32' && T.spec[k] !== 'f64') continue;
    const col = (T.cols as Record<string, Float32Array | Float64Array>)[k]!;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      // v - v is 0 for finite numbers and NaN for NaN and ±Infinity.
      if (v - v !== 0 && live[i]) fail('no NaN in any column', `${what} ${i} has ${k} = ${v}`, ref(i));
    }
  }
}

/** The state checked mode keeps between steps. */
export class Checker {
  private monthStart = 0;
  /** Persons after the last checked step (observation between months changes nobody). */
  private lastCount = 0;
  private month = -1;
  private fiscalDone = false;
  private registrationDone = false;
  private placesAtEnrolment = 0;
  private invariants: readonly Invariant[] = [];
  private filledCount = new Int32Array(0);
  private enrolled = new Int32Array(0);
  private filed = new Uint8Array(0);
  private vacantSeen = new Int32Array(0);
  private stockCount = new Int32Array(0);
  private censusCounts: CensusCounts | null = null;
  /** Steps checked (for reports). */
  checks = 0;
  /** Times the policies' quota invariants tested something (e.g. settlement rounds whose quota was checked from the scenario). */
  get quotaRounds(): number {
    let n = 0;
    for (const inv of this.invariants) if (inv.name === 'quotas never exceeded') n += inv.applied;
    return n;
  }

  constructor(
    readonly sc: Scenario,
    readonly replication: number,
    readonly start: string,
  ) {}

  /** After the world is built and the policies installed (month 0). */
  onStart = (w: World): void => {
    this.filledCount = new Int32Array(w.nz * NS);
    this.enrolled = new Int32Array(w.nz);
    this.vacantSeen = new Int32Array(w.nz * NT);
    this.stockCount = new Int32Array(w.nz * NT);
    this.placesAtEnrolment = this.totalPlaces(w);
    this.invariants = w.invariants;
    this.month = 0;
    this.run(w, 0, 'start');
  };

  /** After each step of month m (runReplication's onStep). */
  onStep = (w: World, m: number, step: string): void => {
    if (m !== this.month) {
      // The population at the start of the month is the one the last step of the previous month left.
      this.month = m;
      this.monthStart = this.lastCount;
      this.fiscalDone = false;
      this.registrationDone = false;
    }
    if (step === 'fiscal') this.fiscalDone = true;
    if (step === 'registration') this.registrationDone = true;
    this.run(w, m, step);
  };

  private run(w: World, m: number, step: string): void {
    this.checks++;
    try {
      this.checkAll(w, m, step);
      this.lastCount = w.persons.count;
    } catch (e) {
      if (e instanceof Found) throw new InvariantBreach(e.invariant, e.detail, e.agent, this.replication, m, calendarLabel(this.start, m), step);
      throw e;
    }
  }

  private totalPlaces(w: World): number {
    let t = 0;
    for (let z = 0; z < w.nz; z++) t += Math.floor(w.schoolPlaces[z]!);
    return t;
  }

  checkAll(w: World, m: number, step: string): void {
    this.checkPersons(w);
    this.checkHouseholds(w);
    this.checkDwellings(w);
    this.checkAggregates(w);
    this.checkConservation(w, m);
    this.checkSchools(w, step);
    if (this.fiscalDone) this.checkBudget(w);
    this.checkRegistry(w);
    this.checkCensusCounts(w);
    this.checkDeclared(w, m, step);
  }

  /** The counts World keeps for the census (sim/model/censusCounts.ts) equal a recount from the columns. */
  private checkCensusCounts(w: World): void {
    if (this.censusCounts?.local.length !== w.nz + 1) this.censusCounts = new CensusCounts(w.nz, NT);
    const d = censusCountsDiffer(w.censusCounts, recountCensusCounts(this.censusCounts, w));
    if (d !== null) fail('census counts agree with the tables', d);
  }

  private checkPersons(w: World): void {
    const T = w.persons;
    const pc = T.cols;
    const hl = w.households.live;
    checkFloats('person', T, P);
    const filled = this.filledCount.fill(0);
    const enrolled = this.enrolled.fill(0);
    const pl = T.live;
    const n = T.size;
    const nh = w.households.size;
    const nz = w.nz;
    const hh = pc.hh;
    const sector = pc.sector;
    const jobZone = pc.jobZone;
    const active = pc.active, formal = pc.formal, worked = pc.worked, insured = pc.insured;
    const steps = w.labourSteps;
    const school = pc.school;
    const hzone = w.households.cols.zone;
    const jobEnd = pc.jobEnd;
    // Every job held is filed under its due month, so that the labour step ends it then (sim/model/jobEnds.ts).
    if (this.filed.length < n) this.filed = new Uint8Array(n);
    const filed = this.filed.fill(0);
    w.jobEnds.markFiled(pl, sector, jobEnd, filed);
    let live = 0;
    // The labour force's tally (sim/model/labourTally.ts), recounted.
    const tally = w.labour;
    const nonHukou = new Int32Array(tally.nonHukou.length);
    let lf = 0, seeking = 0;
    const hukou = pc.hukou, edu = pc.edu;
    for (let p = 0; p < n; p++) {
      if (!pl[p]) continue;
      live++;
      if (active[p] === 1) {
        lf++;
        if (hukou[p] !== 0) nonHukou[edu[p]!]!++;
        if (sector[p] === NO_JOB) seeking++;
      }
      if (tally.seeking(p) !== (active[p] === 1 && sector[p] === NO_JOB)) fail('labour force tallied', `person ${p} (active ${active[p]}, sector ${sector[p]}) is ${tally.seeking(p) ? '' : 'not '}marked as seeking work`, P(p));
      const h = hh[p]!;
      if (h < 0 || h >= nh || !hl[h]) fail('no person lost or made twice', `person ${p} belongs to household ${h}, which does not exist`, P(p));
      const s = sector[p]!;
      if (s !== NO_JOB) {
        const z = jobZone[p]!;
        if (s < 0 || s >= NS || z < 0 || z >= nz) fail('jobs agree with their holders', `person ${p} holds a job of sector ${s} in zone ${z}, which does not exist`, P(p));
        filled[z * NS + s]!++;
        if (!active[p]) fail('months worked and insured counted', `person ${p} holds a job but is not in the labour force`, P(p));
        if (jobEnd[p]! < NEVER && filed[p] !== 1) fail('job ends filed by month', `person ${p} holds a job due to end in month ${jobEnd[p]} that is not filed under month ${w.jobEnds.monthFor(jobEnd[p]!)}`, P(p));
      } else if (formal[p] !== 0) fail('months worked and insured counted', `person ${p} is in formal work without a job`, P(p));
      const wm = workedOf(worked, sector, steps, p), im = insuredOf(insured, formal, steps, p);
      if (wm < 0 || wm > 32767 || im < 0 || im > 32767) fail('months worked and insured counted', `person ${p} has ${wm} months worked and ${im} insured`, P(p));
      if (school[p]) enrolled[hzone[h]!]!++;
    }
    if (live !== T.count) fail('no person lost or made twice', `the persons table counts ${T.count} live rows but ${live} are marked live`);
    if (tally.size !== lf) fail('labour force tallied', `the tally counts ${tally.size} in the labour force, the columns ${lf}`);
    for (let e = 0; e < nonHukou.length; e++) if (tally.nonHukou[e] !== nonHukou[e]) fail('labour force tallied', `the tally counts ${tally.nonHukou[e]} non-hukou members of education ${e}, the columns ${nonHukou[e]}`);
    let bits = 0;
    for (let q = 0; q < tally.seek.length; q++) {
      let b = tally.seek[q]! | 0;
      for (; b !== 0; b &= b - 1) bits++;
    }
    if (bits !== seeking) fail('labour force tallied', `${bits} rows are marked as seeking work, ${seeking} live members of the labour force have no job`);
    for (let k = 0; k < filled.length; k++) {
      if (filled[k] !== w.filled[k]) {
        const z = Math.floor(k / NS);
        fail('jobs agree with their holders', `zone ${z} (${w.city.zones[z]!.id}) sector ${k % NS}: ${w.filled[k]} jobs counted as filled, ${filled[k]} persons hold one`);
      }
    }
  }

  private checkHouseholds(w: World): void {
    const T = w.households;
    const hc = T.cols;
    const pc = w.persons.cols;
    const pl = w.persons.live;
    checkFloats('household', T, H);
    const dc = w.dwellings.cols;
    const hl = T.live;
    const nh = T.size;
    const np = w.persons.size;
    const nd = w.dwellings.size;
    const dl = w.dwellings.live;
    const nz = w.nz;
    const head = hc.head;
    const hsize = hc.size;
    const hzone = hc.zone;
    const hdw = hc.dwelling;
    const next = pc.next;
    const hh = pc.hh;
    const wage = pc.wage;
    const hwages = hc.wages;
    const htenure = hc.dwTenure;
    const ptenure = pc.dwTenure;
    const hfactor = hc.dwFactor;
    const occupant = dc.occupant;
    const dzone = dc.zone;
    const hcls = hc.cls, hclsKid = hc.clsKid;
    let live = 0;
    let members = 0;
    const housed = new Float64Array(nz);
    for (let h = 0; h < nh; h++) {
      if (!hl[h]) continue;
      live++;
      const size = hsize[h]!;
      if (hdw[h]! >= 0 && hzone[h]! >= 0 && hzone[h]! < nz) housed[hzone[h]!]! += size;
      let n = 0;
      let wages = 0;
      for (let p = head[h]!; p >= 0; p = next[p]!) {
        wages += wage[p]!;
        if (p >= np || !pl[p]) fail('no person lost or made twice', `household ${h} lists person ${p}, who is not alive in the city`, H(h));
        if (hh[p] !== h) fail('no person lost or made twice', `household ${h} lists person ${p}, who belongs to household ${hh[p]} (a person in two households)`, P(p));
        if (++n > size) fail('no person lost or made twice', `household ${h} lists more members than its size ${size} (or its member list loops)`, H(h));
        if (ptenure[p] !== htenure[h]) fail('housing agrees with its occupants', `person ${p} holds tenure ${ptenure[p]} for the dwelling of household ${h}, which holds ${htenure[h]}`, P(p));
      }
      if (n !== size) fail('no person lost or made twice', `household ${h} has size ${size} but lists ${n} members`, H(h));
      if (size === 0) fail('no person lost or made twice', `household ${h} is live with no members`, H(h));
      members += n;
      if (wages !== hwages[h]) fail('household wages are its members\' wages', `household ${h} holds wages ${hwages[h]} but its members earn ${wages}`, H(h));
      const zone = hzone[h]!;
      if (zone < 0 || zone >= nz) fail('housing agrees with its occupants', `household ${h} is in zone ${zone}, which does not exist`, H(h));
      const d = hdw[h]!;
      if (d >= 0) {
        if (d >= nd || !dl[d]) fail('no household in two dwellings', `household ${h} lives in dwelling ${d}, which does not exist`, H(h));
        const occ = occupant[d]!;
        if (occ !== h) {
          const two = occ >= 0 && hl[occ] && hdw[occ] === d;
          fail(
            'no dwelling with two households',
            two ? `households ${occ} and ${h} both live in dwelling ${d}` : `household ${h} says it lives in dwelling ${d}, whose occupant is ${occ}`,
            H(h),
          );
        }
        if (dzone[d] !== zone) fail('housing agrees with its occupants', `household ${h} is in zone ${zone} but its dwelling ${d} is in zone ${dzone[d]}`, H(h));
        if (htenure[h] !== dc.tenure[d] || hfactor[h] !== dc.factor[d]) {
          fail('housing agrees with its occupants', `household ${h} holds tenure ${htenure[h]} and factor ${hfactor[h]} for its dwelling ${d}, which has tenure ${dc.tenure[d]} and factor ${dc.factor[d]}`, H(h));
        }
      } else if (htenure[h] !== -1) {
        fail('housing agrees with its occupants', `household ${h} has no dwelling but holds tenure ${htenure[h]} for one`, H(h));
      }
      // The location choice's class part kept by events (location.ts classOf), where it is taken as known.
      const cls = hcls[h]!, kid = hclsKid[h]!;
      if (cls > 0 && (kid < 0 || (kid < np && pc.ageM[kid]! < 180))) {
        if (kid >= 0 && (!pl[kid] || hh[kid] !== h)) fail('location classes kept', `household ${h} watches the age of person ${kid}, who is not its member`, H(h));
        const part = classPartOf(w, h);
        if (part !== cls - 1) fail('location classes kept', `household ${h} holds class part ${cls - 1} but its members give ${part}`, H(h));
      }
    }
    if (live !== T.count) fail('no person lost or made twice', `the households table counts ${T.count} live rows but ${live} are marked live`);
    for (let z = 0; z < nz; z++) {
      if (housed[z] !== w.housedResidents[z]) fail('housing agrees with its occupants', `zone ${z}: the housed households have ${housed[z]} members but the world counts ${w.housedResidents[z]}`);
    }
    if (members !== w.persons.count) fail('no person lost or made twice', `households list ${members} members but ${w.persons.count} persons are alive (a person outside every household)`);
  }

  private checkDwellings(w: World): void {
    const T = w.dwellings;
    const dc = T.cols;
    const hc = w.households.cols;
    const vac = this.vacantSeen.fill(0);
    const stock = this.stockCount.fill(0);
    checkFloats('dwelling', T, D);
    let live = 0;
    const dl = T.live;
    const nd = T.size;
    const nh = w.households.size;
    const hl = w.households.live;
    const nz = w.nz;
    const dzone = dc.zone;
    const tenure = dc.tenure;
    const occupant = dc.occupant;
    const vacPos = dc.vacPos;
    const hdw = hc.dwelling;
    for (let d = 0; d < nd; d++) {
      if (!dl[d]) continue;
      live++;
      const z = dzone[d]!;
      const t = tenure[d]!;
      if (z < 0 || z >= nz || t >= NT) fail('housing agrees with its occupants', `dwelling ${d} has zone ${z} and tenure ${t}, which do not exist`, D(d));
      const k = z * NT + t;
      stock[k]!++;
      const o = occupant[d]!;
      if (o >= 0) {
        if (o >= nh || !hl[o]) fail('no dwelling with two households', `dwelling ${d} is occupied by household ${o}, which does not exist`, D(d));
        if (hdw[o] !== d) {
          fail(
            'no household in two dwellings',
            hdw[o]! >= 0 ? `household ${o} is the occupant of dwellings ${d} and ${hdw[o]}` : `dwelling ${d} is occupied by household ${o}, which says it has no dwelling`,
            D(d),
          );
        }
        if (vacPos[d] !== -1) fail('housing agrees with its occupants', `dwelling ${d} is occupied but listed as vacant`, D(d));
      } else {
        const pos = vacPos[d]!;
        if (pos < 0 || pos >= w.vacantN[k]! || w.vacant[k]![pos] !== d) fail('housing agrees with its occupants', `dwelling ${d} is vacant but missing from its vacancy list`, D(d));
        else if (w.vacantF[k]![pos] !== dc.factor[d]) fail('housing agrees with its occupants', `dwelling ${d} has factor ${dc.factor[d]} but ${w.vacantF[k]![pos]} beside its vacancy list`, D(d));
        if (!(dc.factor[d]! >= w.vacMinFactor[k]!)) fail('housing agrees with its occupants', `dwelling ${d} is vacant with factor ${dc.factor[d]} under its list's lower bound ${w.vacMinFactor[k]}`, D(d));
        vac[k]!++;
      }
    }
    if (live !== T.count) fail('housing agrees with its occupants', `the dwellings table counts ${T.count} live rows but ${live} are marked live`);
    for (let k = 0; k < vac.length; k++) {
      if (vac[k] !== w.vacantN[k]) fail('housing agrees with its occupants', `zone ${Math.floor(k / NT)} tenure ${k % NT}: the vacancy list holds ${w.vacantN[k]} dwellings but ${vac[k]} are vacant`);
      if (stock[k] !== w.stock[k]) fail('housing agrees with its occupants', `zone ${Math.floor(k / NT)} tenure ${k % NT}: stock counts ${w.stock[k]} dwellings but ${stock[k]} exist`);
    }
  }

  private checkAggregates(w: World): void {
    const arrays: [string, ArrayLike<number>][] = [
      ['jobs', w.jobs],
      ['rentLevel', w.rentLevel],
      ['priceLevel', w.priceLevel],
      ['schoolPlaces', w.schoolPlaces],
      ['settleHistory', w.settleHistory],
      ['flows.settlementsByZone', w.flows.settlementsByZone],
    ];
    for (const [name, a] of arrays) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) fail('no NaN in any column', `${name}[${i}] = ${a[i]}`);
    const f = w.flows;
    const scalars: [string, number][] = [
      ['wageIndex', w.wageIndex],
      ['costIndex', w.costIndex],
      ['originIncome', w.originIncome],
      ['flows.arrivals', f.arrivals],
      ['flows.departures', f.departures],
      ['flows.births', f.births],
      ['flows.deaths', f.deaths],
      ['flows.applicants', f.applicants],
      ['flows.settlements', f.settlements],
      ['flows.costGov', f.costGov],
      ['flows.costEmployers', f.costEmployers],
      ['flows.costPersons', f.costPersons],
      ['govState.backlog', w.govState.backlog],
      ['govState.hidden', w.govState.hidden],
      ['govState.satisfaction', w.govState.satisfaction],
    ];
    for (const [name, v] of scalars) if (!Number.isFinite(v)) fail('no NaN in any column', `${name} = ${v}`);
    for (const [name, v] of scalars.slice(3, 10)) if (v < 0) fail('no NaN in any column', `${name} = ${v} is negative`);
    for (const [name, v] of f.declared()) if (!Number.isFinite(v)) fail('no NaN in any column', `flows.${name} = ${v}`);
  }

  private checkConservation(w: World, m: number): void {
    if (m === 0) return;
    const f = w.flows;
    const expected = this.monthStart + f.births + f.arrivals - f.deaths - f.departures;
    if (w.persons.count !== expected) {
      fail(
        'population conservation',
        `${w.persons.count} persons, but the month started with ${this.monthStart} + births ${f.births} + arrivals ${f.arrivals} − deaths ${f.deaths} − departures ${f.departures} = ${expected}`,
      );
    }
  }

  /** Registered months in range; after the month's registration step, every person due a permit holds one. */
  private checkRegistry(w: World): void {
    const pc = w.persons.cols;
    const pl = w.persons.live;
    const n = w.persons.size;
    const dwelling = w.households.cols.dwelling;
    const pm = w.levers.permitMonths;
    const after = this.registrationDone;
    for (let p = 0; p < n; p++) {
      if (!pl[p]) continue;
      const c = regMonthsOf(w, p);
      if (!(c >= 0 && c <= REG_CAP)) fail('registered months within 0…32767', `person ${p} has ${c} registered months`, P(p));
      if (after && pc.permitSince[p] === NO_PERMIT && pc.registered[p] === 1 && !isLocal(pc.hukou[p]!) && pc.ageM[p]! >= 192 && c >= pm && dwelling[pc.hh[p]!]! >= 0) {
        fail('every registrant due a residence permit holds one', `person ${p}, non-local, aged ${pc.ageM[p]} months, registered ${c} months (permit_months ${pm}) in a housed household, holds no permit`, P(p));
      }
    }
  }

  private checkSchools(w: World, step: string): void {
    let total = 0;
    for (let z = 0; z < w.nz; z++) total += this.enrolled[z]!;
    if (step === 'services' || step === 'start') {
      for (let z = 0; z < w.nz; z++) {
        const places = Math.floor(w.schoolPlaces[z]!);
        if (this.enrolled[z]! > places) {
          fail('school places never over-filled', `zone ${z} (${w.city.zones[z]!.id}) has ${this.enrolled[z]} children enrolled for ${places} places`, this.firstEnrolledIn(w, z));
        }
      }
      this.placesAtEnrolment = this.totalPlaces(w);
    } else if (total > this.placesAtEnrolment) {
      fail('school places never over-filled', `${total} children hold school places, but only ${this.placesAtEnrolment} were allocated at the last enrolment`);
    }
  }

  private firstEnrolledIn(w: World, z: number): AgentRef | null {
    const pc = w.persons.cols;
    let last = -1;
    for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.school[p] && w.households.cols.zone[pc.hh[p]!] === z) last = p;
    return last >= 0 ? P(last) : null;
  }

  private checkBudget(w: World): void {
    const f = w.flows;
    const cost = f.settlements * w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex;
    const paid = f.costGov + f.costEmployers + f.costPersons;
    const tol = 1e-6 * Math.max(1, Math.abs(cost));
    if (Math.abs(paid - cost) > tol) {
      fail(
        'budgets balance',
        `government ${f.costGov} + employers ${f.costEmployers} + persons ${f.costPersons} = ${paid} yuan, but ${f.settlements} new citizens cost ${cost} yuan`,
      );
    }
    for (const [who, v] of [['government', f.costGov], ['employers', f.costEmployers], ['persons', f.costPersons]] as const) {
      if (v < -tol) fail('budgets balance', `${who} pay ${v} yuan (negative)`);
    }
    const parts = f.serviceGov + f.serviceEmployers + f.servicePersons;
    if (Math.abs(parts - f.serviceCost) > 1e-6 * Math.max(1, Math.abs(f.serviceCost))) {
      fail('budgets balance', `recurring service cost: government ${f.serviceGov} + employers ${f.serviceEmployers} + persons ${f.servicePersons} = ${parts} yuan, but the cost is ${f.serviceCost} yuan`);
    }
    const [g, e, p] = w.levers.costShares;
    if (Math.abs(g + e + p - 1) > 1e-9 || g < 0 || e < 0 || p < 0) fail('budgets balance', `cost shares ${g}, ${e}, ${p} do not add up to 1`);
  }

  /** The invariants the installed policies declared (and any added to w.invariants), in order. */
  private checkDeclared(w: World, m: number, step: string): void {
    for (const inv of this.invariants) {
      const detail = inv.check(w, m, step);
      if (detail !== null) fail(inv.name, detail);
    }
  }
}

/** Runs one replication in checked mode. `onStart` runs after the policies are installed (tests plant breaches there). */
export function checkedReplication(sc: Scenario, opt: RunOptions, start = sc.start): { result: ReplicationResult; checker: Checker } {
  const checker = new Checker(sc, opt.replication, start);
  const result = runReplication(sc, {
    ...opt,
    onStart: (w) => {
      opt.onStart?.(w);
      checker.onStart(w);
    },
    onStep: (w, m, step) => {
      opt.onStep?.(w, m, step);
      checker.onStep(w, m, step);
    },
  });
  return { result, checker };
}

/** All replications in checked mode, in order; the same outputs as runAll. */
export function runChecked(l: Loaded, st: RunSettings, progress = false): RunOutput {
  return runAll(l, st, progress, (sc, opt) => checkedReplication(sc, opt).result, `${l.scenario.id} (checked)`);
}
