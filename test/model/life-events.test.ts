/**
 * Life events raise the moving hazard (sim/model/lifeEvents.ts): the factor of
 * a combination of events is the product of theirs; demography marks a birth,
 * a child reaching school age and a member leaving; the marks last
 * life_event_months housing steps; and on a hand-made world a household with a
 * new child moves more than the same household without one, by about the birth
 * factor.
 */
import { describe, expect, it } from 'vitest';
import { housingMarket } from '../../sim/model/housing.ts';
import { demography } from '../../sim/model/demography.ts';
import { EVENT_BIRTH, EVENT_COMBINATIONS, EVENT_JOB_ELSEWHERE, EVENT_MEMBER_LEFT, EVENT_SCHOOL_AGE, eventFactors, noteLifeEvent } from '../../sim/model/lifeEvents.ts';
import { MARKET_RENTAL, NONLOCAL_RURAL } from '../../sim/model/enums.ts';
import { NEVER } from '../../sim/model/lifetimes.ts';
import { ensureMonth, locationOf } from '../../sim/model/location.ts';
import { addHousehold, chongqingWith, tinyWorld, type MemberSpec } from '../policy/helpers.ts';

const FACTORS = { birth_move_factor: 3, school_age_move_factor: 1.5, job_elsewhere_move_factor: 2.5, member_left_move_factor: 1.2 };

describe('life events and the moving hazard', () => {
  it('the factor of a combination of events is the product of the events\' factors', () => {
    const w = tinyWorld(chongqingWith({ city: { location: FACTORS } }), 1e-5, 1);
    const f = eventFactors(w, new Float64Array(EVENT_COMBINATIONS));
    expect(f[0]).toBe(1);
    expect(f[EVENT_BIRTH]).toBe(3);
    expect(f[EVENT_BIRTH | EVENT_JOB_ELSEWHERE]).toBeCloseTo(7.5, 12);
    expect(f[EVENT_SCHOOL_AGE | EVENT_MEMBER_LEFT]).toBeCloseTo(1.8, 12);
    expect(f[15]).toBeCloseTo(3 * 1.5 * 2.5 * 1.2, 12);
  });

  it('demography marks a birth and a child reaching school age; the marks last life_event_months housing steps', () => {
    const w = tinyWorld(chongqingWith({ city: { location: { life_event_months: 4, move_rate_renter_month: 0, move_rate_owner_month: 0 } } }), 1e-5, 1);
    const school = w.city.services.school_age_from * 12;
    const mother = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: 6000 }, { ageYears: 28, hukou: NONLOCAL_RURAL, wage: 5000 }] });
    const pc = w.persons.cols, hc = w.households.cols;
    const woman = mother.persons[1]!;
    pc.nextBirth[woman] = pc.ageM[woman]! + 1;
    pc.deathAge[woman] = NEVER;
    const child = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 35, hukou: NONLOCAL_RURAL, wage: 6000 }, { ageYears: 0, hukou: NONLOCAL_RURAL }] });
    pc.ageM[child.persons[1]!] = school - 1;
    const plain = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 40, hukou: NONLOCAL_RURAL, wage: 6000 }] });
    for (const x of [mother, child, plain]) for (const p of x.persons) pc.nextBirth[p] = p === woman ? pc.nextBirth[p]! : NEVER;
    // Ages and waiting times written after the persons were made: their due ages are set again by the next pass (demography.ts).
    for (const x of [mother, child, plain]) for (const p of x.persons) pc.demogDue[p] = 0;
    w.month = 1;
    demography(w, 1);
    expect(hc.size[mother.h]).toBe(3);
    expect(hc.events[mother.h]! & EVENT_BIRTH).toBe(EVENT_BIRTH);
    expect(hc.events[child.h]! & EVENT_SCHOOL_AGE).toBe(EVENT_SCHOOL_AGE);
    expect([hc.events[plain.h], hc.eventLeft[plain.h]]).toEqual([0, 0]);
    expect(hc.eventLeft[mother.h]).toBe(4);
    for (let m = 1; m <= 4; m++) {
      expect(hc.events[mother.h]).not.toBe(0);
      housingMarket(w, m);
      expect(hc.eventLeft[mother.h]).toBe(4 - m);
    }
    expect(hc.events[mother.h]).toBe(0);
    noteLifeEvent(w, plain.h, EVENT_JOB_ELSEWHERE);
    expect([hc.events[plain.h], hc.eventLeft[plain.h]]).toEqual([EVENT_JOB_ELSEWHERE, 4]);
  });

  it('a household with a new child moves more: birth_move_factor times as often as the same household whose child is not new', () => {
    const rate = 0.25;
    // No household splits this month (a member leaving is an event of its own).
    const w = tinyWorld(chongqingWith({ city: { location: { ...FACTORS, move_rate_renter_month: rate }, demography: { household_split_rate: 0 } } }), 1e-5, 7);
    // The location model calibrated on the tiny city as it is; then plenty of vacant market rentals in
    // every zone, and 3 × 2000 identical renting couples in the core: with a child of 2, with a child
    // born this month, and (the same couple) without children.
    ensureMonth(w, locationOf(w), 0);
    for (let z = 0; z < w.nz; z++) for (let i = 0; i < 2000; i++) w.newDwelling(z, MARKET_RENTAL, 1);
    const pc = w.persons.cols, hc = w.households.cols;
    const groups: number[][] = [[], [], []];
    for (let i = 0; i < 6000; i++) {
      const g = i % 3;
      const members: MemberSpec[] = [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: 6000 }, { ageYears: 28, hukou: NONLOCAL_RURAL, wage: 5000 }];
      if (g === 0) members.push({ ageYears: 2, hukou: NONLOCAL_RURAL });
      const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members });
      for (const p of x.persons) {
        pc.nextBirth[p] = NEVER;
        pc.deathAge[p] = NEVER;
      }
      if (g === 1) pc.nextBirth[x.persons[1]!] = pc.ageM[x.persons[1]!]! + 1;
      for (const p of x.persons) pc.demogDue[p] = 0; // set again by the next pass (demography.ts)
      groups[g]!.push(x.h);
    }
    const before = new Map<number, number>();
    for (const g of groups) for (const h of g) before.set(h, hc.dwelling[h]!);
    w.month = 1;
    demography(w, 1);
    for (const h of groups[1]!) expect([hc.events[h], hc.size[h]]).toEqual([EVENT_BIRTH, 3]);
    for (const h of [...groups[0]!, ...groups[2]!]) expect(hc.events[h]).toBe(0);
    housingMarket(w, 1);
    const [older, newborn, none] = groups.map((g) => g.filter((h) => hc.dwelling[h] !== before.get(h)).length) as [number, number, number];
    // Reconsidering: 0.25 of the couples whose child is 2 vs 0.75 of those with a newborn; the same class
    // (children), so the same binary logit decides who of them moves: about 3 times as many moves.
    expect(older).toBeGreaterThan(50);
    expect(newborn / older).toBeGreaterThan(2.2);
    expect(newborn / older).toBeLessThan(4);
    // Against the childless couple (another class: the school term changes what a move gains) still more.
    expect(newborn).toBeGreaterThan(1.3 * none);
  });
});
