/**
 * The demography step (sim/model/demography.ts) handles a person only in the
 * month their `demogDue` age comes, and draws looks at leaving home by
 * thinning. Checked here against the rule it replaces: (1) on a world with
 * nobody in the leaving-home ages, the same bytes as the pass that tests
 * every person every month (the old code, copied below); (2) on hand-made
 * households, candidates leave in each month with the monthly chance
 * household_split_rate / 12 (MODEL.md §7.1), others never; (3) deaths and
 * births per month are the monthly arithmetic; (4) the due age is never
 * after any event the person has ahead.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { IndexList } from '../../sim/engine/scratch.ts';
import { applyDemographyEvents, demography } from '../../sim/model/demography.ts';
import { drawEducation } from '../../sim/model/draws.ts';
import { FEMALE, isLocal, MARKET_RENTAL, NONLOCAL_RURAL } from '../../sim/model/enums.ts';
import { EVENT_SCHOOL_AGE, noteLifeEvent } from '../../sim/model/lifeEvents.ts';
import { LEAVING_FROM, LEAVING_TO, NEVER, milestones, nextLeavingLook } from '../../sim/model/lifetimes.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** |observed − expected| within 4.5 binomial standard errors. */
function near(hits: number, n: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(hits / n - p)).toBeLessThan(4.5 * se + 1e-12);
}

/** The demography step as it was before the due column: every person tested every month (the rule). */
function everyMonth(w: World, month: number): void {
  const s = w.streams.get('demography');
  const D = w.city.demography;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const splitChance = D.household_split_rate / 12;
  const deaths = new IndexList(), mothers = new IndexList(), leavers = new IndexList();
  const schoolAge = w.city.services.school_age_from * 12;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const age = ++pc.ageM[p]!;
    if (pc.inCity[p]! < 32767) pc.inCity[p]!++;
    if (age >= pc.deathAge[p]!) {
      deaths.push(p);
      continue;
    }
    if (age === 216) pc.edu[p] = drawEducation(s, isLocal(pc.hukou[p]!) ? w.city.education_adults.hukou : w.city.education_adults.nonhukou);
    else if (age === 192) pc.active[p] = s.next() < w.city.labour.participation_rate ? 1 : 0;
    else if (age === 720 && pc.active[p]) {
      pc.active[p] = 0;
      w.leaveJob(p);
    } else if (age === schoolAge) noteLifeEvent(w, pc.hh[p]!, EVENT_SCHOOL_AGE);
    if (age === pc.nextBirth[p]) {
      mothers.push(p);
      pc.nextBirth[p] = w.life.birthAge(w.lifeStream, age + 1);
    }
    if (age >= 22 * 12 && age < 35 * 12) {
      const h = pc.hh[p]!;
      if (hc.size[h]! >= 3 && hc.head[h] !== p && s.next() < splitChance) leavers.push(p);
    }
  }
  applyDemographyEvents(w, month, deaths, mothers, leavers);
}

/** The least milestone above age (NEVER for none). */
function nextMilestone(ms: Int32Array, age: number): number {
  for (const m of ms) if (m > age) return m;
  return NEVER;
}

const MONTHS = 24;

/** Chongqing at sample 1e-3 without the households that have anyone in or reaching the leaving-home ages within MONTHS. */
function worldWithoutYoungAdults(): World {
  const w = tinyWorld(chongqingWith(), 1e-3, 5);
  const pc = w.persons.cols, hc = w.households.cols;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    let young = false;
    for (let p = hc.head[h]!; p >= 0; p = pc.next[p]!) if (pc.ageM[p]! + MONTHS >= LEAVING_FROM && pc.ageM[p]! < LEAVING_TO) young = true;
    if (young) w.removeHouseholdWithMembers(h);
  }
  return w;
}

describe('the demography pass by due ages', () => {
  it('on a world with nobody in the leaving-home ages: the same persons, ages, deaths, births, education and labour force as testing everyone every month', { timeout: 60_000 }, () => {
    const a = worldWithoutYoungAdults(), b = worldWithoutYoungAdults();
    expect(a.persons.count).toBeGreaterThan(10_000);
    let deaths = 0, births = 0, milestones16 = 0;
    for (let m = 1; m <= MONTHS; m++) {
      a.month = b.month = m;
      for (let p = 0; p < b.persons.size; p++) if (b.persons.live[p] && b.persons.cols.ageM[p] === 191) milestones16++;
      demography(a, m);
      everyMonth(b, m);
      for (const k of ['ageM', 'inCity', 'edu', 'active', 'sex', 'hh', 'next', 'deathAge', 'nextBirth', 'sector'] as const) {
        expect(Buffer.from(a.persons.cols[k].buffer).equals(Buffer.from(b.persons.cols[k].buffer)), `${k} in month ${m}`).toBe(true);
      }
      expect(Buffer.from(a.persons.live).equals(Buffer.from(b.persons.live))).toBe(true);
      for (const k of ['size', 'head', 'events'] as const) expect(Buffer.from(a.households.cols[k].buffer).equals(Buffer.from(b.households.cols[k].buffer)), `${k} in month ${m}`).toBe(true);
      expect([a.flows.deaths, a.flows.births]).toEqual([b.flows.deaths, b.flows.births]);
      deaths = a.flows.deaths;
      births = a.flows.births;
    }
    // The comparison saw every kind of event.
    expect(deaths).toBeGreaterThan(100);
    expect(births).toBeGreaterThan(20);
    expect(milestones16).toBeGreaterThan(100);
  });

  it('after months in a whole world, every live person is due no later than their death, next birth, next milestone and the end of the ages they are in', { timeout: 60_000 }, () => {
    const w = tinyWorld(chongqingWith(), 1e-3, 6);
    const ms = milestones(w.city.services.school_age_from * 12);
    for (let m = 1; m <= 6; m++) {
      w.month = m;
      demography(w, m);
    }
    const pc = w.persons.cols;
    let checked = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      const due = pc.demogDue[p]!, age = pc.ageM[p]!;
      if (due === 0) {
        // Not set: made since the last pass, in the leaving-home ages at the next (World.newPerson, dueAges.ts).
        expect(age + 1 >= LEAVING_FROM && age + 1 < LEAVING_TO).toBe(true);
        continue;
      }
      checked++;
      expect(due).toBeGreaterThan(age);
      expect(due).toBeLessThanOrEqual(Math.min(pc.deathAge[p]!, pc.nextBirth[p]!, nextMilestone(ms, age)));
    }
    expect(checked).toBeGreaterThan(20_000);
  });
});

describe('leaving home by thinning', () => {
  it('the next look: age + k + 1 with chance b(1 − b)^k, never at 35 years or later', () => {
    const N = 200_000, b = 0.05;
    const s = makeStream(4, 0, 'looks');
    const at = Array.from({ length: N }, () => nextLeavingLook(s.next(), 300, b));
    expect(at.every((x) => x > 300 && (x < LEAVING_TO || x === NEVER))).toBe(true);
    for (const k of [0, 1, 7]) near(at.filter((x) => x === 301 + k).length, N, b * Math.pow(1 - b, k));
    near(at.filter((x) => x === NEVER).length, N, Math.pow(1 - b, LEAVING_TO - 301));
    expect(nextLeavingLook(0.5, 300, 0)).toBe(NEVER);
    expect(nextLeavingLook(0.999, 300, 1)).toBe(301);
  });

  it('each month a non-head member of a household of 3+ aged 22–34 leaves with chance rate / 12 (also in a month with a birth or the 22nd birthday); heads, members of smaller households and others never', { timeout: 60_000 }, () => {
    const rate = 0.6, b = rate / 12, months = 6;
    const w = tinyWorld(chongqingWith({ city: { demography: { household_split_rate: rate } } }), 1e-5, 9);
    // The tiny city's own persons are removed; hand-made households: a head of 45 with members of 25 and
    // 30 (a woman, with a birth in month 3), of 21 years 11 months (22 in month 1), of 34 years 11 months (35 in month 1);
    // couples of 45 and 25; single persons of 25.
    for (let h = 0; h < w.households.size; h++) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
    const N = 12_000;
    const big: { h: number; persons: number[] }[] = [], couples: number[][] = [], singles: number[] = [];
    for (let i = 0; i < N; i++) {
      big.push(addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [45, 25, 30, 22 - 1 / 12, 35 - 1 / 12].map((y) => ({ ageYears: y, hukou: NONLOCAL_RURAL })) }));
      if (i % 3 === 0) couples.push(addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [45, 25].map((y) => ({ ageYears: y, hukou: NONLOCAL_RURAL })) }).persons);
      if (i % 3 === 0) singles.push(addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 25, hukou: NONLOCAL_RURAL }] }).persons[0]!);
    }
    const pc = w.persons.cols, hc = w.households.cols;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      pc.deathAge[p] = NEVER;
      pc.nextBirth[p] = NEVER;
    }
    for (const x of big) pc.nextBirth[x.persons[2]!] = pc.ageM[x.persons[2]!]! + 3;
    // Waiting times written after the persons were made: their due ages are set again by the next pass.
    for (let p = 0; p < w.persons.size; p++) pc.demogDue[p] = 0;
    const home = new Map<number, number>();
    for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p]) home.set(p, pc.hh[p]!);
    // By member position in the big households: candidates at the start of each month and those who left in it.
    for (let m = 1; m <= months; m++) {
      w.month = m;
      w.flows.reset();
      const cand = [0, 0, 0, 0, 0];
      for (const x of big) {
        if (hc.size[x.h]! < 3) continue;
        x.persons.forEach((p, i) => {
          const age = pc.ageM[p]! + 1;
          if (pc.hh[p] === x.h && hc.head[x.h] !== p && age >= LEAVING_FROM && age < LEAVING_TO) cand[i]!++;
        });
      }
      const before = new Map<number, number>();
      for (const x of big) for (const p of x.persons) before.set(p, pc.hh[p]!);
      demography(w, m);
      const left = [0, 0, 0, 0, 0];
      for (const x of big) x.persons.forEach((p, i) => { if (pc.hh[p] !== before.get(p)) left[i]!++; });
      expect(left[0]).toBe(0); // the head
      expect(left[4]).toBe(0); // 35 from month 1
      expect(cand[1]).toBeGreaterThan(N / 2);
      for (const i of [1, 2, 3]) near(left[i]!, cand[i]!, b);
      if (m <= 3) expect(w.flows.births).toBe(m === 3 ? N : 0); // (later, the mothers' next births)
      for (const c of couples) for (const p of c) expect(pc.hh[p]).toBe(home.get(p));
      for (const p of singles) expect(pc.hh[p]).toBe(home.get(p));
    }
  });
});

describe('deaths and births by due ages', () => {
  it('per month: deaths are the sum of the monthly death chances of the ages reached, births the monthly chance times the women of 15–49', { timeout: 60_000 }, () => {
    const w = tinyWorld(chongqingWith(), 1e-5, 10);
    for (let h = 0; h < w.households.size; h++) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
    const D = w.city.demography;
    const q = (k: number): number => {
      const y = Math.min(110, Math.floor(k / 12));
      const annual = y === 0 ? D.infant_mortality : Math.min(1, D.mortality_a * Math.exp(D.mortality_b * (y + 0.5)));
      return 1 - Math.pow(1 - annual, 1 / 12);
    };
    const c = D.fertility_rate / 35 / 12;
    // 20 000 men of 80 and 20 000 couples of 30 (the women may give birth).
    for (let i = 0; i < 20_000; i++) {
      addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 80, hukou: NONLOCAL_RURAL }] });
      addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [30, 30].map((y) => ({ ageYears: y, hukou: NONLOCAL_RURAL })) });
    }
    const pc = w.persons.cols;
    for (let m = 1; m <= 6; m++) {
      w.month = m;
      let expDeaths = 0, women = 0, n = 0;
      for (let p = 0; p < w.persons.size; p++) {
        if (!w.persons.live[p]) continue;
        n++;
        expDeaths += q(pc.ageM[p]! + 1);
        const a = pc.ageM[p]! + 1;
        if (pc.sex[p] === FEMALE && a >= 180 && a < 600) women++;
      }
      w.flows.reset();
      demography(w, m);
      const se = Math.sqrt(expDeaths);
      expect(Math.abs(w.flows.deaths - expDeaths)).toBeLessThan(4.5 * se + 1);
      expect(expDeaths).toBeGreaterThan(50);
      expect(women).toBeGreaterThan(19_000);
      near(w.flows.births, women, c);
      expect(n).toBeGreaterThan(59_000);
    }
  });
});
