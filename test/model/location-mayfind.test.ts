/**
 * The location choice's first test (LocationModel.mayFind, sim/model/location.ts): a household for
 * which it is false fails every draw of choose, whatever the draws, so skipping choose (and the
 * household's class) changes which draws are made but not the chance of finding a dwelling. Checked
 * on a small world with households whose budgets run from nothing to ample: false must mean that
 * choose returns -1 for every one of many streams and many draws; true must come with a vacant
 * alternative that passes choose's tests on its lowest factor, and for ample budgets choose finds.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { ensureMonth, locationOf } from '../../sim/model/location.ts';
import { DORMITORY, LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, NT, OWNED, SECTORS, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

describe('location: mayFind is false only when choose cannot find on any draw', () => {
  it('false → choose fails for 200 streams of 60 draws; true for ample budgets, where choose finds', () => {
    const w = tinyWorld(chongqingWith({ city: { location: { max_draws: 60 } } }), 2e-5, 4);
    for (let z = 0; z < w.nz; z++) for (const t of [OWNED, MARKET_RENTAL, URBAN_VILLAGE]) for (let i = 0; i < 20; i++) w.newDwelling(z, t, 0.6 + 0.05 * i);
    const m = locationOf(w);
    ensureMonth(w, m, 1);
    const rent = w.rentLevel[MARKET_RENTAL]!;
    const hc = w.households.cols;
    let no = 0, yes = 0;
    for (let i = 0; i < 60; i++) {
      // Wages from none to 30 × a standard rent; savings from none to several standard prices.
      const wage = i % 3 === 0 ? undefined : rent * 0.02 * 1.15 ** i;
      const { h } = addHousehold(w, { zone: i % w.nz, tenure: -1, savings: w.priceLevel[OWNED]! * 1e-5 * 1.25 ** i, members: [{ ageYears: 30 + (i % 20), hukou: i % 2 ? NONLOCAL_RURAL : LOCAL_URBAN, wage }] });
      const income = w.incomeOf(h);
      const budget = Math.max(income, hc.savings[h]! / 24);
      const ci = m.classOf(h, budget);
      const may = m.mayFind(h, income, budget, hc.savings[h]!, -1);
      if (!may) {
        no++;
        for (let r = 0; r < 200; r++) expect(m.choose(makeStream(9, r, 'mayfind'), h, ci, income, budget, hc.savings[h]!, -1)).toBe(-1);
      } else {
        yes++;
        if (income > 20 * rent) {
          let found = 0;
          for (let r = 0; r < 20; r++) if (m.choose(makeStream(9, r, 'mayfind'), h, ci, income, budget, hc.savings[h]!, -1) >= 0) found++;
          expect(found).toBeGreaterThan(0);
        }
      }
    }
    // Both answers occur in the spread.
    expect(no).toBeGreaterThan(5);
    expect(yes).toBeGreaterThan(5);
  });

  it('an alternative excluded (the household\'s own) or without vacancies does not count', () => {
    const w = tinyWorld(chongqingWith(), 2e-5, 4);
    for (let z = 0; z < w.nz; z++) for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) for (let i = 0; i < 5; i++) w.newDwelling(z, t, 1);
    const m = locationOf(w);
    ensureMonth(w, m, 1);
    const { h } = addHousehold(w, { zone: 0, tenure: -1, savings: 0, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: w.rentLevel[MARKET_RENTAL]! * 100 }] });
    const income = w.incomeOf(h);
    expect(m.mayFind(h, income, income, 0, -1)).toBe(true);
    // Leave one vacant rental alternative (zone 0's market rentals); everything else has no vacancy.
    const saved = Float64Array.from(w.vacantN);
    for (let k = 0; k < m.na; k++) if (k !== MARKET_RENTAL) w.vacantN[k] = 0;
    expect(w.vacantN[MARKET_RENTAL]).toBeGreaterThan(0);
    expect(m.mayFind(h, income, income, 0, -1)).toBe(true);
    expect(m.mayFind(h, income, income, 0, MARKET_RENTAL)).toBe(false);
    w.vacantN.set(saved);
  });

  it('a dormitory counts only for a one-member household whose head works in manufacturing or construction', () => {
    const w = tinyWorld(chongqingWith(), 2e-5, 4);
    for (let z = 0; z < w.nz; z++) for (let i = 0; i < 5; i++) w.newDwelling(z, DORMITORY, 1);
    const m = locationOf(w);
    ensureMonth(w, m, 1);
    const hc = w.households.cols;
    const wage = w.rentLevel[DORMITORY]! * 100;
    // Only the dormitories have vacancies (the rows were filled with them vacant).
    const saved = Float64Array.from(w.vacantN);
    for (let k = 0; k < m.na; k++) if (k % NT !== DORMITORY) w.vacantN[k] = 0;
    let yes = 0;
    for (let s = 0; s < SECTORS.length; s++) {
      for (const size of [1, 2]) {
        const { h, persons } = addHousehold(w, { zone: 0, tenure: -1, savings: 0, members: Array.from({ length: size }, () => ({ ageYears: 30, hukou: NONLOCAL_RURAL })) });
        w.persons.cols.active[persons[0]!] = 1;
        w.takeJob(persons[0]!, 0, s, wage, true);
        const income = w.incomeOf(h);
        const ci = m.classOf(h, income);
        // The rule: one member, the head in manufacturing or construction.
        const ok = size === 1 && (SECTORS[s] === 'manufacturing' || SECTORS[s] === 'construction');
        expect(m.mayFind(h, income, income, 0, -1)).toBe(ok);
        let found = 0;
        for (let r = 0; r < 20; r++) if (m.choose(makeStream(9, r, 'mayfind-dorm'), h, ci, income, income, 0, -1) >= 0) found++;
        if (ok) {
          yes++;
          expect(found).toBeGreaterThan(0);
        } else expect(found).toBe(0);
        expect(hc.size[h]).toBe(size);
      }
    }
    expect(yes).toBe(2);
    w.vacantN.set(saved);
  });
});
