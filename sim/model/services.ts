/**
 * Services (MODEL.md §3.7). Each year in the enrolment month the school
 * places of every zone are allocated to the school-age children living
 * there, in priority order: local hukou first (if the city gives hukou
 * priority), then children of residence-permit holders (if it gives permit
 * priority, or of parents reaching a policy's services threshold), then the
 * rest; children who already hold a place keep it within their priority
 * group; within a group the order starts at a random child and wraps around
 * (the start is drawn for every group that has children). A policy may rank
 * one group's new applicants instead (w.schoolQueue: by descending score,
 * ties by row, at most its number of new places an enrolment; e.g. points
 * for school entry).
 * A child left without a place stays (counted as unplaced, which raises the
 * family's departure hazard) or, with `leave_behind_chance`, is sent back to
 * the origin and becomes a left-behind child. Left-behind children age out
 * of school age at 1/(school years) a year. Places grow at a yearly rate.
 * Stream "services".
 */
import type { SchoolQueue, World } from './world.ts';
import * as worldM from './world.ts';
import { IndexList } from '../engine/scratch.ts';
import type { Stream } from '../engine/random.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { NO_PERMIT } = worldM;
const { isLocal } = enumsM;

const groups = [new IndexList(), new IndexList(), new IndexList(), new IndexList(), new IndexList(), new IndexList()];

/** Priority group of a child (0 first): 2 × rank + (0 if already enrolled, else 1). */
export function schoolRank(w: World, child: number): number {
  const S = w.city.services;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  if (S.hukou_priority && isLocal(pc.hukou[child]!)) return 0;
  const parent = hc.head[pc.hh[child]!]!;
  if (w.schoolRank) {
    const r = w.schoolRank(w, child, parent); // negative: no opinion (a dated rule out of force)
    if (r >= 0) return r;
  }
  if (S.permit_priority && parent >= 0 && pc.permitSince[parent] !== NO_PERMIT) return 1;
  return 2;
}

/** The children of group g in admission order: descending queue score of their household head, ties by lower row. */
function rankQueue(w: World, q: SchoolQueue, g: IndexList): Int32Array {
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const score = new Float64Array(w.persons.size);
  const order = g.a.slice(0, g.n);
  for (let i = 0; i < g.n; i++) {
    const p = order[i]!;
    score[p] = q.score(w, p, hc.head[pc.hh[p]!]!);
  }
  return order.sort((a, b) => score[b]! - score[a]! || a - b);
}

export function schoolEnrolment(w: World, month: number): void {
  for (let z = 0; z < w.nz; z++) w.schoolPlaces[z]! *= 1 + w.city.services.school_places_growth_year;
  allocateSchoolPlaces(w, w.streams.get('services'), true);
  void month;
}

/** Allocates school places in priority order; with `sendBack`, unplaced migrant children may be sent to the origin. */
export function allocateSchoolPlaces(w: World, s: Stream, sendBack: boolean): void {
  const S = w.city.services;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const from = S.school_age_from * 12;
  const to = (S.school_age_to + 1) * 12;
  for (const g of groups) g.clear();
  const n = w.persons.size;
  for (let p = 0; p < n; p++) {
    if (!w.persons.live[p]) continue;
    const age = pc.ageM[p]!;
    if (age < from || age >= to) {
      pc.school[p] = 0;
      continue;
    }
    const r = schoolRank(w, p);
    groups[Math.min(2, r) * 2 + (pc.school[p] ? 0 : 1)]!.push(p);
  }
  const left = Float64Array.from(w.schoolPlaces, (x) => Math.floor(x));
  const nh = w.households.size;
  for (let h = 0; h < nh; h++) if (w.households.live[h]) hc.unplaced[h] = 0;
  const back = new IndexList();
  const queue = w.schoolQueue;
  const queued = queue ? Math.min(2, queue.rank) * 2 + 1 : -1;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    if (g.n === 0) continue;
    const start = s.int(g.n);
    const ranked = gi === queued ? rankQueue(w, queue!, g) : null;
    let admit = ranked ? Math.floor(queue!.newPlaces(w)) : Infinity;
    let admitted = 0;
    for (let i = 0; i < g.n; i++) {
      const p = ranked ? ranked[i]! : g.a[(start + i) % g.n]!;
      const z = hc.zone[pc.hh[p]!]!;
      if (left[z]! >= 1 && admit > 0) {
        if (ranked) {
          admit--;
          admitted++;
        }
        left[z]!--;
        pc.school[p] = 1;
      } else {
        pc.school[p] = 0;
        if (sendBack && !isLocal(pc.hukou[p]!) && s.next() < S.leave_behind_chance) back.push(p);
        else hc.unplaced[pc.hh[p]!]!++;
      }
    }
    if (ranked) queue!.admitted(w, admitted);
  }
  // Left-behind children age out.
  const years = S.school_age_to - S.school_age_from + 1;
  for (let h = 0; h < nh; h++) {
    if (!w.households.live[h] || hc.leftBehind[h] === 0) continue;
    hc.leftBehind[h] = hc.leftBehind[h]! - s.binomial(hc.leftBehind[h]!, 1 / years);
  }
  if (!sendBack) return;
  for (let i = 0; i < back.n; i++) {
    const p = back.a[i]!;
    const h = w.removePerson(p);
    if (hc.size[h] === 0) w.removeHousehold(h);
    else if (hc.leftBehind[h]! < 255) hc.leftBehind[h]!++;
    w.flows.departures++;
  }
}
