/**
 * The demography step (sim/model/demography.ts) as it was before its tables by age (dueAges.ts):
 * the rows aged one by one (ageing.ts `ageRowsScalar`), and a due person handled with the walk over
 * the milestones and the chain of age tests. With World.newPerson's due age undone (every person made
 * with demogDue 0, "not set", as before), it is the rule the step is compared with, bit for bit
 * (test/model/demography-tables.test.ts).
 */
import type { World } from '../../sim/model/world.ts';
import { applyDemographyEvents } from '../../sim/model/demography.ts';
import { IndexList } from '../../sim/engine/scratch.ts';
import * as ageingM from '../../sim/model/ageing.ts';
import * as drawsM from '../../sim/model/draws.ts';
import * as enumsM from '../../sim/model/enums.ts';
import * as lifeEventsM from '../../sim/model/lifeEvents.ts';
import * as lifetimesM from '../../sim/model/lifetimes.ts';
const { ageRowsScalar } = ageingM;
const { drawEducation } = drawsM;
const { isLocal } = enumsM;
const { noteLifeEvent, EVENT_SCHOOL_AGE } = lifeEventsM;
const { LEAVING_FROM, LEAVING_TO, NEVER, milestones, nextLeavingLook } = lifetimesM;

const deaths = new IndexList();
const mothers = new IndexList();
const leavers = new IndexList();
/** Rows are aged in blocks of BLOCK (even: a block starts a word of ageing.ts's views); the due rows of a block are listed, then handled in row order. */
const BLOCK = 2048;
const dueRows = new Int32Array(BLOCK);

export function plainDemography(w: World, month: number): void {
  deaths.clear();
  mothers.clear();
  leavers.clear();
  const pc = w.persons.cols;
  const n = w.persons.size;
  const live = w.persons.live;
  const ageM = pc.ageM, inCity = pc.inCity, due = pc.demogDue;
  const ms = milestones(w.city.services.school_age_from * 12);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    const k = ageRowsScalar(live, ageM, inCity, due, from, to, dueRows, 0);
    if (k > 0) handleDue(w, k, ms);
  }
  applyDemographyEvents(w, month, deaths, mothers, leavers);
}

/** The due persons dueRows[0..k) in row order: deaths, milestones, births and looks at leaving home are listed or done, and the next due age set. */
function handleDue(w: World, k: number, ms: Int32Array): void {
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
  const schoolAge = w.city.services.school_age_from * 12;
  const nms = ms.length;
  for (let i = 0; i < k; i++) {
    const p = dueRows[i]!;
    const age = ageM[p]!;
    // Deaths and births at the presampled ages (lifetimes.ts).
    if (age >= deathAge[p]!) {
      deaths.push(p);
      continue;
    }
    // Whether this month is due for something besides a look (or the column was not set): then a
    // look kept in the column has been forgotten, and the person looks now with the monthly chance.
    let other = age !== due[p];
    if (age === 216) {
      const local = isLocal(pc.hukou[p]!);
      // The labour-force tally counts non-hukou members by education (labourTally.ts).
      w.labourOut(p);
      pc.edu[p] = drawEducation(s, local ? eduHukou : eduNonhukou);
      w.labourIn(p);
    } else if (age === 192) {
      w.setActive(p, s.next() < partRate ? 1 : 0);
    } else if (age === 720 && active[p]) {
      w.setActive(p, 0);
      w.leaveJob(p);
    } else if (age === schoolAge) noteLifeEvent(w, hh[p]!, EVENT_SCHOOL_AGE);
    let next = NEVER;
    for (let j = 0; j < nms; j++) {
      const m = ms[j]!;
      if (m === age) other = true;
      else if (m > age) {
        next = m;
        break;
      }
    }
    if (age === nextBirth[p]) {
      mothers.push(p);
      nextBirth[p] = life.birthAge(lifeStream, age + 1);
      other = true;
    }
    // Leaving home, by thinning: the look kept in the column is now, or (forgotten) the next look is drawn
    // from this month on; in a look a candidate leaves, and the next look is drawn.
    if (age >= LEAVING_FROM && age < LEAVING_TO) {
      let look = other ? nextLeavingLook(ls.next(), age - 1, splitChance) : age;
      if (look === age) {
        const h = hh[p]!;
        if (hSize[h]! >= 3 && hHead[h] !== p) leavers.push(p);
        look = nextLeavingLook(ls.next(), age, splitChance);
      }
      if (look < next) next = look;
    }
    const d = deathAge[p]!, b = nextBirth[p]!;
    if (d < next) next = d;
    if (b < next) next = b;
    due[p] = next;
  }
}
