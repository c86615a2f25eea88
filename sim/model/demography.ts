/**
 * Demography (MODEL.md §3.1): ageing by one month, deaths from a Gompertz
 * schedule of annual mortality, births to women aged 15–49 at the total
 * fertility rate spread evenly over those 35 years (both at ages presampled
 * from those monthly chances: lifetimes.ts), education drawn on the 18th
 * birthday, labour-force entry at 16 and exit at 60, and young adults leaving
 * large households to form their own. Stream "demography"; leaving home
 * "leaving-home".
 *
 * The pass ages everyone, and does anything else only for the persons whose
 * `demogDue` column (an age in months) has come: the least of their age at
 * death, their next birth, the next milestone (school age, 16, 18, 22, 60) and,
 * at ages 22–34, their next look at leaving home. Looks come by thinning (as
 * the moving hazard's, movingHazard.ts): a look is drawn as a geometric
 * waiting time with the monthly chance of leaving, and in a look the person
 * leaves if they are a candidate then (a non-head member of a household of
 * 3+), so that a candidate leaves in each month with the monthly chance,
 * independently from month to month. A look is kept only while it is the
 * person's next due age: when another event comes first or in the same month,
 * the look is forgotten, and in that month the person looks with the monthly
 * chance and draws the next look from there (the waiting time has no memory).
 * World.newPerson sets the column when it makes a person (dueAges.ts): the
 * least of the death age, the next birth and the first milestone from the
 * next pass's age on, so that the next pass leaves alone those it would have
 * nothing to do for (in month 1, most of the starting population); for a
 * person whom the next pass finds in the leaving-home ages it sets 0, "not
 * set": the next pass handles the person as it would one whose look is
 * forgotten, and sets it, so that the looks are drawn in row order in a pass
 * as before. Whoever writes a person's ageM, deathAge or nextBirth after they
 * are made must set it to 0. What the handling does at an age (the next
 * milestone, the milestone's work, the leaving-home ages) is read from the
 * tables by age of dueAges.ts; the rule is test/model/demography-plain.ts.
 */
import type { World } from './world.ts';
import { IndexList } from '../engine/scratch.ts';
import * as ageingM from './ageing.ts';
import * as drawsM from './draws.ts';
import * as dueAgesM from './dueAges.ts';
import * as enumsM from './enums.ts';
import * as lifeEventsM from './lifeEvents.ts';
import * as lifetimesM from './lifetimes.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { ageRows, ageRowsScalar, ageViews } = ageingM;
const { drawEducation } = drawsM;
const { isLocal, RURAL_HOME } = enumsM;
const { noteLifeEvent, EVENT_BIRTH, EVENT_MEMBER_LEFT, EVENT_SCHOOL_AGE } = lifeEventsM;
const { LeavingLooks, NEVER } = lifetimesM;
const { EDUCATION, ENTRY, EXIT, MILESTONE, SCHOOL, WINDOW } = dueAgesM;
/** The flags of an age at which the step does something besides the due age (dueAges.ts). */
const ACTS = EDUCATION | ENTRY | EXIT | SCHOOL;

const deaths = new IndexList();
const mothers = new IndexList();
const leavers = new IndexList();
/** Rows are aged in blocks of BLOCK (even: a block starts a word of ageing.ts's views); the due rows of a block are listed, then handled in row order. */
const BLOCK = 2048;
const dueRows = new Int32Array(BLOCK);
/** The looks at leaving home for the city's monthly chance (made again when the chance is another). */
let looks = new LeavingLooks(0);

export function demography(w: World, month: number): void {
  deaths.clear();
  mothers.clear();
  leavers.clear();
  const pc = w.persons.cols;
  const n = w.persons.size;
  const live = w.persons.live;
  const ageM = pc.ageM, inCity = pc.inCity, due = pc.demogDue;
  // The ageing reads the columns two rows a word (ageing.ts), where the host allows.
  const v = ageViews(live, ageM, inCity, due);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    const k = v !== null ? ageRows(live, ageM, inCity, due, v, from, to, dueRows) : ageRowsScalar(live, ageM, inCity, due, from, to, dueRows, 0);
    if (k > 0) handleDue(w, k);
  }
  applyDemographyEvents(w, month, deaths, mothers, leavers);
}

/**
 * The due persons dueRows[0..k) in row order: deaths, milestones, births and looks at leaving home are listed or done, and the next due age set.
 * What the step does at an age, and the next milestone, are read from the world's tables by age (dueAges.ts); the rule, with the walk
 * over the milestones, is test/model/demography-plain.ts.
 */
function handleDue(w: World, k: number): void {
  const s = w.streams.get('demography');
  const ls = w.streams.get('leaving-home');
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const splitChance = w.city.demography.household_split_rate / 12;
  const partRate = w.city.labour.participation_rate;
  const ageM = pc.ageM, active = pc.active, hh = pc.hh, deathAge = pc.deathAge, nextBirth = pc.nextBirth, due = pc.demogDue;
  const life = w.life, lifeStream = w.lifeStream;
  const hSize = hc.size, hHead = hc.head;
  const eduHukou = w.city.education_adults.hukou, eduNonhukou = w.city.education_adults.nonhukou;
  const T = w.dueAges, tNext = T.next, tFlags = T.flags, tSize = T.size;
  if (looks.chance !== splitChance) looks = new LeavingLooks(splitChance);
  const lk = looks;
  for (let i = 0; i < k; i++) {
    const p = dueRows[i]!;
    const age = ageM[p]!;
    const d = deathAge[p]!;
    // Deaths and births at the presampled ages (lifetimes.ts).
    if (age >= d) {
      deaths.push(p);
      continue;
    }
    let next = NEVER;
    let f = 0;
    if (age >= 0 && age < tSize) {
      next = tNext[age]!;
      f = tFlags[age]!;
    } else if (age < 0) next = T.nextBelow;
    let b = nextBirth[p]!;
    if ((f & ACTS) !== 0 || age === b) {
      if ((f & EDUCATION) !== 0) {
        const local = isLocal(pc.hukou[p]!);
        // The labour-force tally counts non-hukou members by education (labourTally.ts).
        w.labourOut(p);
        pc.edu[p] = drawEducation(s, local ? eduHukou : eduNonhukou);
        w.labourIn(p);
      } else if ((f & ENTRY) !== 0) {
        w.setActive(p, s.next() < partRate ? 1 : 0);
      } else if ((f & EXIT) !== 0 && active[p]) {
        w.setActive(p, 0);
        w.leaveJob(p);
      } else if ((f & SCHOOL) !== 0) noteLifeEvent(w, hh[p]!, EVENT_SCHOOL_AGE);
      if (age === b) {
        mothers.push(p);
        b = nextBirth[p] = life.birthAge(lifeStream, age + 1);
        f |= MILESTONE;
      }
    }
    // Leaving home, by thinning: the look kept in the column is now, or (forgotten: another event this month, or the
    // column not set) the next look is drawn from this month on; in a look a candidate leaves, and the next look is drawn.
    if ((f & WINDOW) !== 0) {
      let look = (f & MILESTONE) !== 0 || age !== due[p] ? lk.next(ls.next(), age - 1) : age;
      if (look === age) {
        const h = hh[p]!;
        if (hSize[h]! >= 3 && hHead[h] !== p) leavers.push(p);
        look = lk.next(ls.next(), age);
      }
      if (look < next) next = look;
    }
    if (d < next) next = d;
    if (b < next) next = b;
    due[p] = next;
  }
}

/**
 * The month's deaths, births and households formed, in the order listed (exported for the plain
 * reference in test/model/demography-plain.ts, whose due handling differs but whose events are these).
 */
export function applyDemographyEvents(w: World, month: number, deaths: IndexList, mothers: IndexList, leavers: IndexList): void {
  const s = w.streams.get('demography');
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const live = w.persons.live;
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
