import { describe, expect, it } from 'vitest';
import { registration } from '../../sim/model/registration.ts';
import { NO_PERMIT } from '../../sim/model/world.ts';
import { regMonthsOf, setRegMonths } from '../../sim/model/regMonths.ts';
import { LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, OWNED } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

describe('registration: registered months and permits', () => {
  it('a registered person in a dwelling gains a month each month and a permit on reaching permit_months; one without a dwelling keeps both unchanged', () => {
    // No declarations (every rate 0), so that only the hand-set registrations count.
    const w = tinyWorld(chongqingWith({ city: { registration: { declare_rate_month: { owned: 0, market_rental: 0, urban_village: 0, public_rental: 0, dormitory: 0, rural_home: 0 } } } }));
    const pm = w.levers.permitMonths;
    const pc = w.persons.cols;
    const housed = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }, { ageYears: 30, hukou: LOCAL_URBAN }] });
    const unhoused = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }] });
    const [a, b] = housed.persons as [number, number];
    const u = unhoused.persons[0]!;
    // Registered at their addresses (the unhoused one from a dwelling it has left), a with permit_months − 2 months.
    for (const p of [a, b, u]) pc.registered[p] = 1;
    setRegMonths(w, a, pm - 2);
    setRegMonths(w, b, 32767); // at the i16 cap
    setRegMonths(w, u, pm + 5); // enough for a permit, but without a dwelling
    registration(w, 1);
    expect(regMonthsOf(w, a)).toBe(pm - 1);
    expect(pc.permitSince[a]).toBe(NO_PERMIT);
    registration(w, 2);
    expect(regMonthsOf(w, a)).toBe(pm);
    expect(pc.permitSince[a]).toBe(2);
    registration(w, 3);
    expect(regMonthsOf(w, a)).toBe(pm + 1);
    expect(pc.permitSince[a]).toBe(2); // granted once
    expect(regMonthsOf(w, b)).toBe(32767);
    expect(pc.permitSince[b]).toBe(NO_PERMIT); // local hukou: no permit
    expect(regMonthsOf(w, u)).toBe(pm + 5);
    expect(pc.permitSince[u]).toBe(NO_PERMIT);
    // Deregistered (the household moves: the new address must be declared), a gains nothing but keeps its months.
    w.moveIn(housed.h, w.newDwelling(0, MARKET_RENTAL, 1));
    registration(w, 4);
    expect(pc.registered[a]).toBe(0);
    expect(regMonthsOf(w, a)).toBe(pm + 1);
    expect(regMonthsOf(w, b)).toBe(32767);
    expect(regMonthsOf(w, u)).toBe(pm + 5);
  });
});

describe('registration: declarations by rate class (geometric skipping)', () => {
  it('each unregistered household declares with its class chance each month: owned 0.3, coded rental 0.1 + boost 0.4, uncoded rental 0.1 (within 4 SD)', () => {
    const rates = { owned: 0.3, market_rental: 0.1, urban_village: 0, public_rental: 0, dormitory: 0, rural_home: 0 };
    for (const seed of [1, 2]) {
      const w = tinyWorld(chongqingWith({ city: { registration: { declare_rate_month: rates } } }), 1e-5, seed);
      w.levers.registrationBoost[MARKET_RENTAL] = 0.4;
      w.levers.registrationBoost[OWNED] = 0.4; // uncoded owners get the base rate only
      const pc = w.persons.cols;
      const classes: { chance: number; heads: number[] }[] = [
        { chance: 0.3, heads: [] },
        { chance: 0.5, heads: [] },
        { chance: 0.1, heads: [] },
      ];
      for (let i = 0; i < 3000; i++) {
        for (const [c, tenure, coded] of [[0, OWNED, 0], [1, MARKET_RENTAL, 1], [2, MARKET_RENTAL, 0]] as const) {
          const x = addHousehold(w, { zone: 0, tenure, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL }, { ageYears: 5, hukou: NONLOCAL_RURAL }] });
          w.dwellings.cols.coded[x.d] = coded;
          classes[c]!.heads.push(x.persons[0]!);
        }
      }
      for (let m = 1; m <= 2; m++) {
        // Those not yet registered before this month.
        const before = classes.map((c) => c.heads.filter((p) => pc.registered[p] === 0));
        registration(w, m);
        classes.forEach((c, i) => {
          const at = before[i]!;
          const declared = at.filter((p) => pc.registered[p] === 1).length;
          const sd = Math.sqrt((c.chance * (1 - c.chance)) / at.length);
          expect(Math.abs(declared / at.length - c.chance), `seed ${seed} month ${m} class ${i}`).toBeLessThan(4 * sd);
          // The whole household is entered together.
          for (const p of at) expect(pc.registered[p + 1]).toBe(pc.registered[p]);
        });
      }
    }
  });
});
