/**
 * Demography (MODEL.md §3.1): ageing by one month, deaths from a Gompertz
 * schedule of annual mortality, births to women aged 15–49 at the total
 * fertility rate spread evenly over those 35 years (both at ages presampled
 * from those monthly chances: lifetimes.ts), education drawn on the 18th
 * birthday, labour-force entry at 16 and exit at 60, and young adults leaving
 * large households to form their own. Stream "demography".
 */
import type { World } from './world.ts';
import { IndexList } from '../engine/scratch.ts';
import * as drawsM from './draws.ts';
import * as enumsM from './enums.ts';
import * as lifeEventsM from './lifeEvents.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { drawEducation } = drawsM;
const { isLocal, RURAL_HOME } = enumsM;
const { noteLifeEvent, EVENT_BIRTH, EVENT_MEMBER_LEFT, EVENT_SCHOOL_AGE } = lifeEventsM;

const deaths = new IndexList();
const mothers = new IndexList();
const leavers = new IndexList();

export function demography(w: World, month: number): void {
  const s = w.streams.get('demography');
  const D = w.city.demography;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const splitChance = D.household_split_rate / 12;
  const partRate = w.city.labour.participation_rate;
  deaths.clear();
  mothers.clear();
  leavers.clear();
  const n = w.persons.size;
  const live = w.persons.live;
  // Columns held in locals: the loop adds no rows, so the arrays stay the same.
  const ageM = pc.ageM, inCity = pc.inCity, active = pc.active, hh = pc.hh, deathAge = pc.deathAge, nextBirth = pc.nextBirth;
  const life = w.life, lifeStream = w.lifeStream;
  const hSize = hc.size, hHead = hc.head;
  const eduHukou = w.city.education_adults.hukou, eduNonhukou = w.city.education_adults.nonhukou;
  const schoolAge = w.city.services.school_age_from * 12;
  for (let p = 0; p < n; p++) {
    if (!live[p]) continue;
    const age = ++ageM[p]!;
    inCity[p]! += (inCity[p]! - 32767) >>> 31; // + 1 below the i16 cap
    // Deaths and births at the presampled ages (lifetimes.ts).
    if (age >= deathAge[p]!) {
      deaths.push(p);
      continue;
    }
    if (age === 216) {
      const local = isLocal(pc.hukou[p]!);
      pc.edu[p] = drawEducation(s, local ? eduHukou : eduNonhukou);
    } else if (age === 192) {
      active[p] = s.next() < partRate ? 1 : 0;
    } else if (age === 720 && active[p]) {
      active[p] = 0;
      w.leaveJob(p);
    } else if (age === schoolAge) noteLifeEvent(w, hh[p]!, EVENT_SCHOOL_AGE);
    if (age === nextBirth[p]) {
      mothers.push(p);
      nextBirth[p] = life.birthAge(lifeStream, age + 1);
    }
    if (age >= 22 * 12 && age < 35 * 12) {
      const h = hh[p]!;
      if (hSize[h]! >= 3 && hHead[h] !== p && s.next() < splitChance) leavers.push(p);
    }
  }
  for (let i = 0; i < deaths.n; i++) {
    const h = w.removePerson(deaths.a[i]!);
    if (hc.size[h] === 0) w.removeHousehold(h);
  }
  w.flows.deaths += deaths.n;
  for (let i = 0; i < mothers.n; i++) {
    const m = mothers.a[i]!;
    if (!live[m]) continue;
    const h = pc.hh[m]!;
    const baby = w.newPerson(h, 0, s.int(2), 0, pc.hukou[m]!, pc.hukouZone[m]!);
    w.persons.cols.inCity[baby] = 0;
    noteLifeEvent(w, h, EVENT_BIRTH);
  }
  w.flows.births += mothers.n;
  // Young adults forming their own household: unhoused until the housing step finds them a dwelling.
  for (let i = 0; i < leavers.n; i++) {
    const p = leavers.a[i]!;
    if (!live[p]) continue;
    const old = pc.hh[p]!;
    if (hc.size[old]! < 2) continue;
    const h = w.newHousehold(hc.zone[old]!, month, hc.migrant[old] === 1);
    w.detachPerson(p);
    w.attachPerson(p, h);
    noteLifeEvent(w, old, EVENT_MEMBER_LEFT);
    // Half of the household's savings are not theirs: they take a tenth.
    const take = hc.savings[old]! * 0.1;
    hc.savings[old]! -= take;
    hc.savings[h] = take;
    // A household formed in a rural home gets a homestead of its own in the village (一户一宅): a new
    // rural home in the zone; the housing market is for urban dwellings.
    if (hc.dwTenure[old] === RURAL_HOME) w.moveIn(h, w.newDwelling(hc.zone[old]!, RURAL_HOME, 1));
  }
}
