/**
 * Points-ranked school entry (积分入学, Xiaolan; sim/policy/schoolPoints.ts):
 * the score on hand-made parents against the rule's arithmetic, and on a
 * hand-made world the allocation it makes: local children first, then the
 * queue's new applicants by descending score within the zone's places (and
 * within the year's places when set), the others after; in a small run,
 * admissions never exceed the year's places, scaled with a carried remainder.
 */
import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { SchoolPointsSchema, parentScore, schoolPointsLedger, schoolPointsPolicy, schoolScore, type ParentFacts } from '../../sim/policy/schoolPoints.ts';
import { World, NO_PERMIT } from '../../sim/model/world.ts';
import { allocateSchoolPlaces } from '../../sim/model/services.ts';
import { EDUCATION, LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, OWNED } from '../../sim/model/enums.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { scenarioFileWith, runSmall } from './helpers.ts';

const P = SchoolPointsSchema.parse({ source: 'test' });
const edu = (name: (typeof EDUCATION)[number]) => EDUCATION.indexOf(name);
const facts = (x: Partial<ParentFacts>): ParentFacts => ({ edu: edu('junior'), insuredMonths: 0, inCityMonths: 0, formalJob: false, ownedHome: false, ...x });

describe('school_points: the score of hand-made parents', () => {
  it('adds education, whole years of insurance and residence (each capped), a formal job and an owned home', () => {
    // bachelor 20 + insurance 5 × ⌊61/12⌋ = 25 + residence min(20, 2 × ⌊130/12⌋ = 20) + formal 10 + owned 10 = 85
    expect(schoolScore(P, facts({ edu: edu('bachelor'), insuredMonths: 61, inCityMonths: 130, formalJob: true, ownedHome: true }))).toBe(85);
    // junior 0 + insurance ⌊11/12⌋ = 0 + residence 2 × ⌊35/12⌋ = 4
    expect(schoolScore(P, facts({ insuredMonths: 11, inCityMonths: 35 }))).toBe(4);
    // caps: insurance min(50, 5 × 20) = 50, residence min(20, 2 × 30) = 20; senior 5
    expect(schoolScore(P, facts({ edu: edu('senior'), insuredMonths: 240, inCityMonths: 360 }))).toBe(75);
  });
  it('uses the scenario weights: a level not listed scores 0', () => {
    const Q = SchoolPointsSchema.parse({ source: 'test', education: { master: 7 }, insurance_per_year: 1, insurance_cap: 3, residence_per_year: 0, formal_job: 2, owned_home: 0 });
    expect(schoolScore(Q, facts({ edu: edu('master'), insuredMonths: 12 * 9, formalJob: true, ownedHome: true }))).toBe(7 + 3 + 2);
    expect(schoolScore(Q, facts({ edu: edu('doctorate') }))).toBe(0);
  });
});

// ---- hand-made worlds -------------------------------------------------------------

const CITY = loadScenarioFile('scenarios/cities/guangzhou-2020.yaml').scenario.city;

interface Parent {
  edu: number;
  insured: number;
  permit?: boolean;
  hukou?: number;
  owned?: boolean;
}

/** A world with only these families (a parent and one child of 8 in zone 0) and `places` school places in zone 0. */
function families(parents: Parent[], places: number): { w: World; kids: number[]; heads: number[] } {
  const w = new World(CITY, 1, 1, 0, { persons: 64, households: 64, dwellings: 64 });
  w.schedule.add({ name: 'services', monthOfYear: CITY.services.enrolment_month, run: () => {} }); // the policy adds its step before it
  const kids: number[] = [];
  const heads: number[] = [];
  for (const m of parents) {
    const h = w.newHousehold(0, -24, true);
    const hk = m.hukou ?? NONLOCAL_RURAL;
    const p = w.newPerson(h, 35 * 12, 0, m.edu, hk, 0);
    const pc = w.persons.cols;
    pc.insured[p] = m.insured;
    pc.inCity[p] = m.insured;
    pc.active[p] = 1;
    pc.permitSince[p] = m.permit === false ? NO_PERMIT : -12;
    w.takeJob(p, 0, 3, 4000, true);
    w.moveIn(h, w.newDwelling(0, m.owned ? OWNED : MARKET_RENTAL, 1));
    kids.push(w.newPerson(h, 8 * 12, 1, 0, hk, 0));
    heads.push(p);
  }
  w.schoolPlaces.fill(0);
  w.schoolPlaces[0] = places;
  return { w, kids, heads };
}

// Scores (defaults): insurance 5 a year (cap 50) + residence 2 a year (cap 20) + formal 10, plus education.
const PARENTS: Parent[] = [
  { edu: edu('junior'), insured: 12 }, // 0 + 5 + 2 + 10 = 17
  { edu: edu('bachelor'), insured: 72 }, // 20 + 30 + 12 + 10 = 72
  { edu: edu('senior'), insured: 36 }, // 5 + 15 + 6 + 10 = 36
  { edu: edu('master'), insured: 120 }, // 30 + 50 + 20 + 10 = 110
  { edu: edu('college'), insured: 24, permit: false }, // 10 + 10 + 4 + 10 = 34, no permit
  { edu: edu('primary'), insured: 0, hukou: LOCAL_URBAN }, // local hukou
];
const EXPECTED = [17, 72, 36, 110, 34];
const placed = (w: World, kids: number[]) => kids.map((k) => w.persons.cols.school[k]!);

describe('school_points: places go to the queue by rank (hand-made world)', () => {
  it("each child's score is its parent's, from the columns", () => {
    const { w, heads } = families(PARENTS, 0);
    installPolicy(w, schoolPointsPolicy, P);
    EXPECTED.forEach((s, i) => expect(parentScore(w, P, heads[i]!)).toBe(s));
  });

  it('the local child first, then the highest scores: 3 places go to local, 110 and 72', () => {
    const { w, kids } = families(PARENTS, 3);
    installPolicy(w, schoolPointsPolicy, P);
    allocateSchoolPlaces(w, w.streams.get('services'), false);
    expect(placed(w, kids)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(schoolPointsLedger(w)!.granted).toBe(2);
  });

  it('every seed gives the same places: the rank, not the draw, decides', () => {
    for (const seed of [1, 2, 3, 4]) {
      for (const places of [1, 2, 3, 4, 5, 6]) {
        const { w, kids } = families(PARENTS, places);
        installPolicy(w, schoolPointsPolicy, P);
        allocateSchoolPlaces(w, w.streams.get(`services-${seed}`), false);
        // Order of admission: local, 110, 72, 36, 34, 17 (all in the queue without require_permit).
        const order = [5, 3, 1, 2, 4, 0];
        const want = kids.map((_, i) => (order.indexOf(i) < places ? 1 : 0));
        expect(placed(w, kids), `seed ${seed}, ${places} places`).toEqual(want);
      }
    }
  });

  it('without the policy the same world fills the places from a random start, not by score', () => {
    let differs = false;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { w, kids } = families(PARENTS, 3);
      allocateSchoolPlaces(w, w.streams.get(`services-${seed}`), false);
      expect(placed(w, kids)[5]).toBe(1); // hukou priority holds either way
      if (placed(w, kids).join() !== '0,1,0,1,0,1') differs = true;
    }
    expect(differs).toBe(true);
  });

  it('with require_permit the child of a parent without a permit waits behind the queue', () => {
    const Q = SchoolPointsSchema.parse({ source: 'test', require_permit: true });
    const { w, kids } = families(PARENTS, 5);
    installPolicy(w, schoolPointsPolicy, Q);
    allocateSchoolPlaces(w, w.streams.get('services'), false);
    // Queue: 110, 72, 36, 17 (4 places after the local child); the permit-less 34 gets none.
    expect(placed(w, kids)).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it("the year's places bound new admissions even when the zone has places left", () => {
    const { w, kids } = families(PARENTS, 6);
    installPolicy(w, schoolPointsPolicy, P);
    schoolPointsLedger(w)!.allowed = 2;
    allocateSchoolPlaces(w, w.streams.get('services'), false);
    // Local, then the top 2 of the queue; the others are not in the queue's places (no other group here).
    expect(placed(w, kids)).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('a child who already holds a place keeps it before new applicants of higher score', () => {
    const { w, kids } = families(PARENTS, 2);
    installPolicy(w, schoolPointsPolicy, P);
    w.persons.cols.school[kids[0]!] = 1; // the 17-point family's child is already enrolled
    allocateSchoolPlaces(w, w.streams.get('services'), false);
    expect(placed(w, kids)).toEqual([1, 0, 0, 0, 0, 1]);
  });
});

describe('school_points in a small run', () => {
  it("admissions each year are within the year's places, scaled to the sample with the remainder carried", () => {
    const sc = scenarioFileWith('scenarios/cities/guangzhou-2020.yaml', { policies: { school_points: { places_per_year: 30000, source: 'test' } } });
    const sample = 0.0007;
    let years = 0;
    let allowedSum = 0;
    runSmall(sc, {
      seed: 2,
      months: 26,
      sample,
      onStep: (w, m, step) => {
        if (step !== 'services' || w.calendar(m) !== w.city.services.enrolment_month) return;
        const l = schoolPointsLedger(w)!;
        years++;
        allowedSum += l.allowed;
        expect(l.granted).toBeLessThanOrEqual(l.allowed);
        expect(l.granted).toBeGreaterThan(0);
        expect(allowedSum).toBe(Math.floor(years * 30000 * sample + 1e-9));
      },
    });
    expect(years).toBe(2);
  });
});
