/**
 * Labour market (MODEL.md §3.2). Wages grow at the scenario's yearly rate.
 * Labour demand: the wage of new hires moves with tightness θ = V/U (job
 * seekers U: the unemployed and those separated this month; vacancies V, with
 * the jobs those separations free, of last month) relative to the tightness of month 1,
 *   wageTight ← wageTight × exp(r × clamp(ln(θ/θ1), −c, c)), c = tightness_log_clamp,
 * and jobs in each zone × sector grow with output and fall with that wage,
 *   jobs ← jobs × (1 + job_growth)^(1/12) × (wageTight_new / wageTight_old)^(−η),
 * except that sectors a negative list bans in a zone do not grow; unfilled
 * vacancies beyond the normal share are withdrawn at the adjustment rate.
 * Jobs above the stock are shed; employed persons separate at a monthly rate;
 * the job seekers find vacancies through a Cobb–Douglas matching function
 * M = e·√(U·V), each with chance M/U, choosing their home zone
 * first, then zones by vacancies, and sectors by vacancies. A hire is formal
 * with the education's formal share × fiscal.ts's `formalFactor` (employers'
 * contributions make formal jobs dearer). Formal jobs accrue months of social
 * insurance. Newcomers search for the rest of their arrival month
 * (searchOnArrival, called by arrivals.ts). The step publishes U, V and the finding
 * rate for the migration decision, and counts non-hukou workers by education
 * for the settlement prospect. Stream "labour".
 */
import type { World } from './world.ts';
import type { Stream } from '../engine/random.ts';
import * as enumsM from './enums.ts';
import * as drawsM from './draws.ts';
import * as lifeEventsM from './lifeEvents.ts';
import * as hinterlandM from './hinterland.ts';
import { IndexList } from '../engine/scratch.ts';
import { balanceStart } from './balance.ts';
import { formalFactor } from './fiscal.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NS, NO_JOB } = enumsM;
const { drawWage, formalChance } = drawsM;
const { noteLifeEvent, EVENT_JOB_ELSEWHERE } = lifeEventsM;
const { NE } = hinterlandM;

/**
 * For tests: `pass` makes every month take the pass over the labour force (listLabourForce and
 * workMonth, the reference that months without shedding or points chase skip); `fastMonths` counts
 * the months that took labourMonth instead. Neither changes an output.
 */
export const labourPaths = { pass: false, fastMonths: 0 };

const vacByZone = new Float64Array(256);
const seekers = new IndexList();
let labourRows = new Int32Array(1024);
/** Non-hukou workers by education in four lanes. */
const eduLanes = new Int32Array(4 * NE);

// The step is split into small functions, each with one loop: V8 compiles a function's loop on
// stack replacement while the code after it has never run, and reaching that code deoptimised the
// one big function every month (docs/performance.md, "Seventh session").

export function labourMarket(w: World, month: number): void {
  balanceStart(w);
  const L = w.city.labour;
  const g = Math.pow(1 + L.wage_growth_year, 1 / 12);
  w.wageIndex *= g;
  w.costIndex *= Math.pow(1 + w.city.fiscal.cost_growth_year, 1 / 12);
  adjustDemand(w);
  const pc = w.persons.cols;
  const n = w.persons.size;
  // Informal workers whose points reach this move to formal work (a points policy sets it; NaN = off).
  const formalAt = w.levers.formalAtPoints;
  // Jobs above the stock are shed only in cells over their stock; filled counts only fall in the pass,
  // so when no cell is over at its start, none is during it and the pass skips the test.
  const shed = anyOver(w.filled, w.jobs, w.nz * NS);
  seekers.clear();
  let lf: number;
  const live = w.persons.live;
  const nonHukou = w.mig.nonHukouWorkers;
  if (!shed && formalAt !== formalAt && month > w.jobEnds.done && !labourPaths.pass) {
    // No shedding and no points chase: the month's job ends come from their due-month lists
    // (jobEnds.ts), and the labour force and its job seekers from the tally kept by events (labourTally.ts).
    lf = labourMonth(w, month);
    nonHukou.set(w.labour.nonHukou);
    labourPaths.fastMonths++;
  } else {
    // The pass over the labour force in index order (shedding depends on it).
    const n4 = n + 4;
    if (labourRows.length < n4) labourRows = new Int32Array(n4);
    // The labour force's rows, listed without a branch (live & active), with the non-hukou workers by education.
    lf = listLabourForce(live, pc.active, pc.edu, pc.hukou, labourRows, eduLanes, n);
    workMonth(w, month, labourRows, lf, shed, formalAt);
    // The pass ended every job due by this month: their entries are read.
    w.jobEnds.finish(month);
    for (let e = 0; e < NE; e++) nonHukou[e] = eduLanes[e << 2]! + eduLanes[(e << 2) | 1]! + eduLanes[(e << 2) | 2]! + eduLanes[(e << 2) | 3]!;
  }
  const mig = w.mig;
  const V = vacanciesByZone(w, vacByZone);
  // Job seekers of the matching function: all who search this month, the unemployed and those just separated.
  const S = seekers.n;
  mig.seekers = S;
  mig.vacancies = V;
  mig.labourForcePrev = mig.labourForce;
  mig.labourForce = lf;
  if (S === 0 || V === 0) {
    mig.findRate = V === 0 ? 0 : 1;
    return;
  }
  const find = Math.min(1, (mig.matching * Math.sqrt(S * V)) / S);
  mig.findRate = find;
  match(w, w.streams.get('labour'), find, V, formalAt);
}

/** Wages of new hires move with last month's tightness; demand follows output and the wage. */
function adjustDemand(w: World): void {
  const L = w.city.labour;
  const mig = w.mig;
  const Dm = L.demand;
  const oldTight = mig.wageTight;
  if (mig.seekers > 0 && mig.vacancies > 0 && mig.tightness0 > 0) {
    const lt = Math.log(mig.vacancies / mig.seekers / mig.tightness0);
    mig.wageTight = oldTight * Math.exp(Dm.wage_tightness_response * Math.max(-Dm.tightness_log_clamp, Math.min(Dm.tightness_log_clamp, lt)));
  }
  // Desired jobs follow the labour force (weight λ) and the given or derived growth (1 − λ).
  const lfw = Dm.labour_force_weight ?? (L.job_growth_year === undefined ? 1 : 0);
  let gBase = mig.jobGrowthMonth;
  if (lfw > 0 && mig.labourForcePrev > 0) gBase = Math.pow(gBase, 1 - lfw) * Math.pow(mig.labourForce / mig.labourForcePrev, lfw);
  const jg = gBase * Math.pow(mig.wageTight / oldTight, -Dm.wage_elasticity);
  const normalVacancy = Dm.vacancy_share_start, withdraw = Dm.adjust_month;
  for (let k = 0; k < w.nz * NS; k++) {
    if (!(jg > 1 && w.banned[k])) w.jobs[k]! *= jg;
    const excess = w.jobs[k]! - w.filled[k]! - normalVacancy * w.jobs[k]!;
    if (excess > 0) w.jobs[k]! -= withdraw * excess;
  }
}

/**
 * Lists the rows of the labour force (live & active) in index order, without a branch, and counts
 * its non-hukou members (hukou ≠ 0: not local urban, may still settle) by education in four lanes
 * by row (no wait between increments of one education; a removed row's stale columns are masked).
 * Returns the size of the labour force.
 */
function listLabourForce(live: Uint8Array, active: Uint8Array, edu: Uint8Array, hukou: Uint8Array, rows: Int32Array, lanes: Int32Array, n: number): number {
  lanes.fill(0);
  let lf = 0;
  for (let p = 0; p < n; p++) {
    const m = live[p]! & active[p]!;
    rows[lf] = p;
    lanes[(edu[p]! << 2) | (p & 3)]! += m & (-hukou[p]! >>> 31);
    lf += m;
  }
  return lf;
}

/** The jobs ended this month (rows and their months unemployed before, in pairs), restored after the pass. */
const ended = new IndexList();

/**
 * The month of the labour force without a pass over it (no shedding, no points chase): the jobs due
 * to end by this month (their due-month lists, jobEnds.ts) end, then the job seekers — the
 * unemployed members of the labour force, now with those just separated — are listed in index order
 * from the tally's bitmap (labourTally.ts), the unemployed counting a month more (those just
 * separated do not: their months unemployed are put back). The same outcome as listLabourForce and
 * workMonth: without shedding, the order in which jobs end does not matter (each only frees its own
 * cell and moves its own household's wage sum). Returns the size of the labour force.
 */
function labourMonth(w: World, month: number): number {
  const pc = w.persons.cols;
  const unemp = pc.unemp;
  ended.clear();
  endDueJobs(w, month, w.persons.live, pc.sector, pc.jobEnd, unemp, ended);
  listSeekers(w.labour.seek, (w.persons.size + 31) >>> 5, unemp);
  const e = ended.a;
  for (let i = 0; i < ended.n; i += 2) unemp[e[i]!] = e[i + 1]!;
  // The month is counted for every job that goes on (workSpells.ts): hires from here on count from the next step.
  w.labourSteps++;
  return w.labour.size;
}

/** Ends the jobs filed under the months not yet read up to this one whose holders still hold them, due by now. */
function endDueJobs(w: World, month: number, live: Uint8Array, sector: Int8Array, jobEnd: Int16Array, unemp: Uint8Array, out: IndexList): void {
  const je = w.jobEnds;
  for (let k = je.done + 1; k <= month; k++) {
    const a = je.rows(k), c = je.count(k);
    for (let i = 0; i < c; i++) {
      const p = a[i]!;
      if (live[p] !== 1 || sector[p] === NO_JOB || jobEnd[p]! > month) continue;
      out.push(p);
      out.push(unemp[p]!);
      w.leaveJob(p);
    }
  }
  je.finish(month);
}

/**
 * The job seekers in index order from the bitmap of the labour force's members without a job (the
 * first nw words): each counts a month more unemployed (capped at 255).
 */
function listSeekers(seek: Uint32Array, nw: number, unemp: Uint8Array): void {
  const m = nw < seek.length ? nw : seek.length;
  for (let q = 0; q < m; q++) {
    let b = seek[q]! | 0;
    while (b !== 0) {
      const low = b & -b;
      const p = (q << 5) | (31 - Math.clz32(low));
      if (unemp[p]! < 255) unemp[p]!++;
      seekers.push(p);
      b ^= low;
    }
  }
}

/** Whether any zone × sector has more filled jobs than its stock. */
function anyOver(filled: Int32Array, jobs: Float64Array, nk: number): boolean {
  for (let k = 0; k < nk; k++) if (filled[k]! > jobs[k]!) return true;
  return false;
}

/**
 * The month of the labour force, in index order: the unemployed count a month more; jobs above the
 * stock are shed (`shed`: some cell is over) and a job ends by separation in its presampled month
 * (lifetimes.ts), both making a job seeker; the employed count a month worked and, in formal work,
 * insured (by the spells of workSpells.ts: the step only advances w.labourSteps); informal workers at
 * the points bar move to formal work.
 */
function workMonth(w: World, month: number, rows: Int32Array, lf: number, shed: boolean, formalAt: number): void {
  const pc = w.persons.cols;
  const chase = formalAt === formalAt;
  // Columns held in locals (no rows are added in this step).
  const sector = pc.sector, unemp = pc.unemp, jobZone = pc.jobZone;
  const formal = pc.formal, insured = pc.insured, points = pc.points, jobEnd = pc.jobEnd;
  // The steps counted once this pass ends: an insured spell begun now counts from the next month (workSpells.ts).
  const stepsAfter = w.labourSteps + 1;
  const filled = w.filled, jobs = w.jobs;
  for (let i = 0; i < lf; i++) {
    const p = rows[i]!;
    const sec = sector[p]!;
    if (sec === NO_JOB) {
      if (unemp[p]! < 255) unemp[p]!++;
      seekers.push(p);
      continue;
    }
    if (jobEnd[p]! <= month || (shed && filled[jobZone[p]! * NS + sec]! > jobs[jobZone[p]! * NS + sec]!)) {
      w.leaveJob(p);
      seekers.push(p);
      continue;
    }
    // This month counts as worked and, in formal work, insured: the spells do it (workSpells.ts).
    if (chase && formal[p] === 0 && points[p]! > 0 && points[p]! >= formalAt) {
      // Close to the points bar: keep social insurance going (move to a formal job contract), insured from the next month.
      w.formalise(p);
      insured[p]! -= stepsAfter;
    }
  }
  // The month is counted for every job that goes on (workSpells.ts): hires from here on count from the next step.
  w.labourSteps = stepsAfter;
}

/** Vacancies by zone into `vac`; returns their total. */
function vacanciesByZone(w: World, vac: Float64Array): number {
  const jobs = w.jobs, filled = w.filled;
  let V = 0;
  for (let z = 0; z < w.nz; z++) {
    let v = 0;
    for (let sc = 0; sc < NS; sc++) v += Math.max(0, Math.floor(jobs[z * NS + sc]!) - filled[z * NS + sc]!);
    vac[z] = v;
    V += v;
  }
  return V;
}

/**
 * The job seekers find vacancies, each with chance `find`: the home zone first, then zones by
 * vacancies, and sectors by vacancies (points chasers only where working scores).
 */
function match(w: World, s: Stream, find: number, V: number, formalAt: number): void {
  const Dm = w.city.labour.demand;
  const otherZone = Dm.other_zone_search_share;
  const chase = formalAt === formalAt;
  // Employers' contributions to new citizens make formal hires dearer (fiscal.ts; 1 without them).
  const ff = formalFactor(w);
  // Zones where a points rule scores working (null: none, or no points bar to chase yet).
  const jobZonesOut = chase ? w.levers.pointsJobZones : null;
  let vacOut = 0;
  if (jobZonesOut !== null) for (let z = 0; z < w.nz; z++) if (jobZonesOut[z] === 1) vacOut += vacByZone[z]!;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const points = pc.points, hhOf = pc.hh, eduOf = pc.edu, homeZone = hc.zone;
  const jobs = w.jobs, filled = w.filled, nz = w.nz;
  const list = seekers.a, S = seekers.n;
  for (let i = 0; i < S; i++) {
    const p = list[i]!;
    if (s.next() >= find || V <= 0) continue;
    const h = hhOf[p]!;
    const home = homeZone[h]!;
    let z = home;
    if (jobZonesOut !== null && points[p]! > 0 && points[p]! >= formalAt) {
      // Close to the points bar: look for work only where working scores (outside the core).
      if (vacOut <= 0) continue;
      if (jobZonesOut[home] !== 1 || vacByZone[home]! <= 0 || s.next() < otherZone) {
        let r = s.next() * vacOut;
        for (z = 0; z < nz - 1; z++) {
          if (jobZonesOut[z] !== 1) continue;
          r -= vacByZone[z]!;
          if (r < 0) break;
        }
        if (jobZonesOut[z] !== 1 || vacByZone[z]! <= 0) continue;
      }
    } else if (vacByZone[home]! <= 0 || s.next() < otherZone) {
      z = zoneByVacancies(vacByZone, nz, s.next() * V);
      if (vacByZone[z]! <= 0) continue;
    }
    const sec = sectorByVacancies(w, z, s.next() * vacByZone[z]!);
    if (Math.floor(jobs[z * NS + sec]!) - filled[z * NS + sec]! <= 0) continue;
    const edu = eduOf[p]!;
    w.takeJob(p, z, sec, drawWage(w, s, edu, z), s.next() < formalChance(w, edu) * ff);
    // A job in another zone than the household's: a life event that raises its moving hazard.
    if (z !== home) noteLifeEvent(w, h, EVENT_JOB_ELSEWHERE);
    vacByZone[z]!--;
    V--;
    if (jobZonesOut !== null && jobZonesOut[z] === 1) vacOut--;
  }
}

/** The zone where the draw r ∈ [0, total vacancies) falls, zones weighted by their vacancies. */
function zoneByVacancies(vac: Float64Array, nz: number, r: number): number {
  let z = 0;
  for (; z < nz - 1; z++) {
    r -= vac[z]!;
    if (r < 0) break;
  }
  return z;
}

/** The sector of zone z where the draw r ∈ [0, the zone's vacancies) falls, sectors weighted by their vacancies. */
function sectorByVacancies(w: World, z: number, r: number): number {
  let sec = 0;
  for (; sec < NS - 1; sec++) {
    r -= Math.max(0, Math.floor(w.jobs[z * NS + sec]!) - w.filled[z * NS + sec]!);
    if (r < 0) break;
  }
  return sec;
}

const vacNew = new Float64Array(256);

/**
 * Newcomers search in their arrival month (MODEL.md §3.2; arrivals.ts calls this after the
 * month's labour market): arriving on a uniform day of the month, a newcomer searches for the
 * rest of it, so finds a job with chance 1 − √(1 − f) at the month's finding rate f, among the
 * vacancies the month's matching left, by zone and sector as the other job seekers do.
 * Stream "arrival-search".
 */
export function searchOnArrival(w: World, newcomers: IndexList): void {
  const f = w.mig.findRate;
  if (!(f > 0) || newcomers.n === 0) return;
  const s = w.streams.get('arrival-search');
  const chance = 1 - Math.sqrt(Math.max(0, 1 - f));
  let V = 0;
  for (let z = 0; z < w.nz; z++) {
    let v = 0;
    for (let sc = 0; sc < NS; sc++) v += Math.max(0, Math.floor(w.jobs[z * NS + sc]!) - w.filled[z * NS + sc]!);
    vacNew[z] = v;
    V += v;
  }
  const otherZone = w.city.labour.demand.other_zone_search_share;
  const ff = formalFactor(w);
  const pc = w.persons.cols;
  const hc = w.households.cols;
  for (let i = 0; i < newcomers.n && V > 0; i++) {
    const p = newcomers.a[i]!;
    if (s.next() >= chance) continue;
    let z = hc.zone[pc.hh[p]!]!;
    if (vacNew[z]! <= 0 || s.next() < otherZone) {
      z = zoneByVacancies(vacNew, w.nz, s.next() * V);
      if (vacNew[z]! <= 0) continue;
    }
    const sec = sectorByVacancies(w, z, s.next() * vacNew[z]!);
    if (Math.floor(w.jobs[z * NS + sec]!) - w.filled[z * NS + sec]! <= 0) continue;
    const edu = pc.edu[p]!;
    w.takeJob(p, z, sec, drawWage(w, s, edu, z), s.next() < formalChance(w, edu) * ff);
    vacNew[z]!--;
    V--;
  }
}
