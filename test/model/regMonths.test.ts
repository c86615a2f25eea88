import { describe, expect, it } from 'vitest';
import { registration } from '../../sim/model/registration.ts';
import { REG_CAP, regMonthsOf, setRegMonths } from '../../sim/model/regMonths.ts';
import { NO_PERMIT, type World } from '../../sim/model/world.ts';
import { LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, OWNED, isLocal } from '../../sim/model/enums.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';
import { CHONGQING } from '../helpers.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';

const NO_DECLARATIONS = { owned: 0, market_rental: 0, urban_village: 0, public_rental: 0, dormitory: 0, rural_home: 0 };
/** A tiny Chongqing world in which only market rentals declare, with chance `rental` a month. */
const world = (rental: number): World => tinyWorld(chongqingWith({ city: { registration: { declare_rate_month: { ...NO_DECLARATIONS, market_rental: rental } } } }));

describe('registered months by the registration clock: the old counter\'s arithmetic on hand-made persons', () => {
  it('a declaration counts its own month; a read before the month\'s registration step sees last month\'s count; a move keeps the count unchanged until declared again, which counts that month', () => {
    const w = world(1);
    const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
    const p = x.persons[0]!;
    expect(regMonthsOf(w, p)).toBe(0);
    registration(w, 1); // declared (chance 1) and counted
    expect(w.persons.cols.registered[p]).toBe(1);
    expect(regMonthsOf(w, p)).toBe(1);
    registration(w, 2);
    registration(w, 3);
    expect(regMonthsOf(w, p)).toBe(3);
    // Moving (before month 4's registration step) deregisters: 3 is kept as it was.
    w.moveIn(x.h, w.newDwelling(0, OWNED, 1)); // owners never declare here
    expect(w.persons.cols.registered[p]).toBe(0);
    expect(regMonthsOf(w, p)).toBe(3);
    registration(w, 4);
    registration(w, 5);
    expect(regMonthsOf(w, p)).toBe(3);
    // Back in a rental: declared again in month 6, which counts.
    w.moveIn(x.h, w.newDwelling(0, MARKET_RENTAL, 1));
    expect(regMonthsOf(w, p)).toBe(3);
    registration(w, 6);
    expect(regMonthsOf(w, p)).toBe(4);
    registration(w, 7);
    expect(regMonthsOf(w, p)).toBe(5);
  });

  it('a registered household that loses its dwelling keeps its count and gets no permit; a member who joins a housed household accrues again and is granted the permit in the month the count reaches permit_months', () => {
    const w = world(0);
    const pm = w.levers.permitMonths;
    const pc = w.persons.cols;
    const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }, { ageYears: 28, hukou: NONLOCAL_RURAL }] });
    const [a, b] = x.persons as [number, number];
    for (const p of [a, b]) pc.registered[p] = 1;
    setRegMonths(w, a, pm - 3);
    setRegMonths(w, b, pm - 3);
    registration(w, 1);
    expect(regMonthsOf(w, a)).toBe(pm - 2);
    // The dwelling is demolished: unhoused, still registered, the count stays.
    w.removeDwelling(x.d);
    expect(regMonthsOf(w, a)).toBe(pm - 2);
    for (let m = 2; m <= 5; m++) registration(w, m);
    expect(regMonthsOf(w, a)).toBe(pm - 2);
    expect(regMonthsOf(w, b)).toBe(pm - 2);
    // b joins a housed household, still registered (as a person's flag is kept by attachPerson): it accrues from month 6.
    const y = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 50, hukou: LOCAL_URBAN }] });
    w.detachPerson(b);
    w.attachPerson(b, y.h);
    expect(regMonthsOf(w, b)).toBe(pm - 2);
    registration(w, 6);
    expect(regMonthsOf(w, b)).toBe(pm - 1);
    expect(pc.permitSince[b]).toBe(NO_PERMIT);
    registration(w, 7);
    expect(regMonthsOf(w, b)).toBe(pm);
    expect(pc.permitSince[b]).toBe(7);
    // a, still unhoused, has neither more months nor a permit.
    expect(regMonthsOf(w, a)).toBe(pm - 2);
    expect(pc.permitSince[a]).toBe(NO_PERMIT);
    // b leaves again for an unhoused household: its count stops where it is.
    const z = w.newHousehold(0, 7, true);
    w.detachPerson(b);
    w.attachPerson(b, z);
    registration(w, 8);
    expect(regMonthsOf(w, b)).toBe(pm);
  });

  it('the count stops at the i16 cap 32767, accruing, frozen and accruing again', () => {
    const w = world(0);
    const pc = w.persons.cols;
    const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: LOCAL_URBAN }] });
    const p = x.persons[0]!;
    pc.registered[p] = 1;
    setRegMonths(w, p, REG_CAP - 2);
    registration(w, 1);
    expect(regMonthsOf(w, p)).toBe(REG_CAP - 1);
    registration(w, 2);
    expect(regMonthsOf(w, p)).toBe(REG_CAP);
    registration(w, 3);
    registration(w, 4);
    expect(regMonthsOf(w, p)).toBe(REG_CAP);
    w.moveOut(x.h);
    registration(w, 5);
    expect(regMonthsOf(w, p)).toBe(REG_CAP);
    const y = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 50, hukou: LOCAL_URBAN }] });
    w.detachPerson(p);
    w.attachPerson(p, y.h);
    registration(w, 6);
    registration(w, 7);
    expect(regMonthsOf(w, p)).toBe(REG_CAP);
  });

  it('a registered child with enough months gets the permit in the registration step of the month it turns 192 months, not before', () => {
    const w = world(0);
    const pm = w.levers.permitMonths;
    const pc = w.persons.cols;
    const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 40, hukou: LOCAL_URBAN }, { ageYears: 15, hukou: NONLOCAL_RURAL }] });
    const c = x.persons[1]!;
    pc.ageM[c] = 192 - 4;
    pc.registered[c] = 1;
    setRegMonths(w, c, pm + 10);
    for (let m = 1; m <= 6; m++) {
      pc.ageM[c]!++; // the demography step, which runs before registration
      registration(w, m);
      expect(pc.permitSince[c], `month ${m}`).toBe(m < 4 ? NO_PERMIT : 4);
    }
  });

  it('permit_months lowered mid-run grants in that very month those it now entitles; raised, it delays the grant to the month the count reaches the new value', () => {
    const w = world(0);
    const pm = w.levers.permitMonths;
    expect(pm).toBeGreaterThanOrEqual(6);
    const pc = w.persons.cols;
    const x = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }, { ageYears: 30, hukou: NONLOCAL_RURAL }] });
    const [a, b] = x.persons as [number, number];
    for (const p of [a, b]) pc.registered[p] = 1;
    setRegMonths(w, a, 0);
    setRegMonths(w, b, 0);
    registration(w, 1);
    registration(w, 2); // both at 2 months
    // a lever change before month 3: 3 months now suffice.
    w.levers.permitMonths = 3;
    registration(w, 3);
    expect(pc.permitSince[a]).toBe(3);
    expect(pc.permitSince[b]).toBe(3);
    // Another person, registered from 0 in month 4; permit_months raised to 8 in month 6.
    const y = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
    const q = y.persons[0]!;
    pc.registered[q] = 1;
    setRegMonths(w, q, 0);
    for (let m = 4; m <= 14; m++) {
      if (m === 6) w.levers.permitMonths = 8;
      registration(w, m);
      // counts 1 in month 4, so 8 in month 11 (3 would have been month 6).
      expect(pc.permitSince[q], `month ${m}`).toBe(m < 11 ? NO_PERMIT : 11);
    }
  });
});

describe('registered months by the registration clock: the old monthly counter on a whole run', () => {
  it('at every step of 36 months (Chongqing, tiny sample, permit_months changed twice) every person\'s count equals the old counter and the permits granted are those of the old pass', () => {
    const sc = loadScenarioFile(CHONGQING).scenario;
    let ref = new Int32Array(0);
    let permitBefore = new Int16Array(0);
    let compared = 0, countWrong = 0, permitWrong = 0, grants = 0, atCap = 0, frozenReads = 0;
    runReplication(sc, {
      replication: 0,
      seed: 3,
      sample: 2e-4,
      months: 36,
      onStart: (w) => {
        ref = new Int32Array(1 << 20);
        const pc = w.persons.cols;
        // A few registered persons near the cap.
        let k = 0;
        for (let p = 0; p < w.persons.size && k < 20; p++) {
          if (w.persons.live[p] && pc.registered[p] === 1) {
            setRegMonths(w, p, REG_CAP - (k % 4));
            k++;
          }
        }
        for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p]) ref[p] = regMonthsOf(w, p);
        // The old counter of a new person is 0.
        const made = w.newPerson.bind(w);
        w.newPerson = (...args: Parameters<World['newPerson']>) => {
          const p = made(...args);
          ref[p] = 0;
          permitBefore[p] = NO_PERMIT;
          return p;
        };
        permitBefore = new Int16Array(1 << 20);
        permitBefore.set(pc.permitSince.subarray(0, w.persons.size));
      },
      onStep: (w, m, step) => {
        const pc = w.persons.cols;
        const dwelling = w.households.cols.dwelling;
        if (step === 'policy_dates' || step === 'demography') {
          // Lever changes between months, as a dated policy makes them.
          if (m === 12) w.levers.permitMonths = 2;
          if (m === 24) w.levers.permitMonths = 30;
        }
        if (step === 'registration') {
          // The old pass: +1 below the cap for every live registered person in a housed household, then the permit test.
          for (let p = 0; p < w.persons.size; p++) {
            if (!w.persons.live[p]) continue;
            const registered = pc.registered[p] === 1;
            const housed = dwelling[pc.hh[p]!]! >= 0;
            if (registered && housed && ref[p]! < REG_CAP) ref[p]!++;
            const grant = registered && housed && permitBefore[p] === NO_PERMIT && !isLocal(pc.hukou[p]!) && pc.ageM[p]! >= 192 && ref[p]! >= w.levers.permitMonths;
            const granted = permitBefore[p] === NO_PERMIT && pc.permitSince[p] === m;
            if (grant !== granted || (!granted && pc.permitSince[p] !== permitBefore[p])) permitWrong++;
            if (granted) grants++;
          }
          permitBefore.set(pc.permitSince.subarray(0, w.persons.size));
        }
        for (let p = 0; p < w.persons.size; p++) {
          if (!w.persons.live[p]) continue;
          compared++;
          const c = regMonthsOf(w, p);
          if (c !== ref[p]) countWrong++;
          if (c === REG_CAP) atCap++;
          if (pc.registered[p] === 1 && dwelling[pc.hh[p]!]! < 0) frozenReads++;
        }
      },
    });
    expect(countWrong).toBe(0);
    expect(permitWrong).toBe(0);
    // The run tested what it claims: permits granted, counts at the cap, registered persons without a dwelling.
    expect(compared).toBeGreaterThan(100_000);
    expect(grants).toBeGreaterThan(20);
    expect(atCap).toBeGreaterThan(0);
    expect(frozenReads).toBeGreaterThan(0);
  });
});
