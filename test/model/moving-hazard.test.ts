/**
 * The moving hazard drawn by thinning (sim/model/movingHazard.ts) against the
 * monthly draw it replaces, computed here by hand from MODEL.md's arithmetic:
 * a housed household of a market tenure reconsiders in a month with chance
 * move_rate (renter or owner) × burdened_move_factor when its rent is over
 * burden_limit × its budget × the factor of its life events while they last,
 * independently from month to month.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { nextLook, nextLookLog, NEVER_LOOKS } from '../../sim/model/movingHazard.ts';
import { housingMarket } from '../../sim/model/housing.ts';
import { EVENT_BIRTH, noteLifeEvent } from '../../sim/model/lifeEvents.ts';
import { MARKET_RENTAL, NONLOCAL_RURAL, NT, OWNED, PUBLIC_RENTAL } from '../../sim/model/enums.ts';
import { ensureMonth, locationOf } from '../../sim/model/location.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** |observed − expected| within 4.5 binomial standard errors. */
function near(hits: number, n: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(hits / n - p)).toBeLessThan(4.5 * se + 1e-12);
}

describe('the month of the next look', () => {
  const N = 200_000;
  it.each([0.003, 0.06, 0.5])('with bound %f: in month from + k with chance b(1 − b)^k, never before from', (b) => {
    const s = makeStream(3, 0, `look-${b}`);
    const at = Array.from({ length: N }, () => nextLook(s.next(), 7, b));
    expect(at.every((x) => x >= 7)).toBe(true);
    for (const k of [0, 1, 5]) near(at.filter((x) => x === 7 + k).length, N, b * Math.pow(1 - b, k));
  });

  it('bound 1 looks in its first month; bound 0 never', () => {
    expect(nextLook(0.999, 4, 1)).toBe(4);
    expect(nextLook(0.5, 4, 0)).toBe(NEVER_LOOKS);
  });

  it('with the bound\'s log1p given (the housing pass keeps it), the same month as nextLook, for every uniform and bound', () => {
    const s = makeStream(3, 0, 'look-log');
    const bounds = [0, -0.1, 1e-9, 0.0025, 0.005, 0.04, 0.3, 0.999999, 1, 1.7];
    let n = 0;
    for (const b of bounds) {
      const lg = Math.log1p(-b);
      for (const u of [0, 1e-17, 0.5, 1 - 2 ** -53]) expect(nextLookLog(u, 5, b, lg)).toBe(nextLook(u, 5, b));
      for (let i = 0; i < 20_000; i++) {
        const u = s.next();
        const from = 1 + (i % 40);
        expect(nextLookLog(u, from, b, lg)).toBe(nextLook(u, from, b));
        n++;
      }
    }
    expect(n).toBe(bounds.length * 20_000);
  });
});

describe('reconsidering by thinning in the housing pass', () => {
  it('each month, renters (burdened or not, with a life event or not) and owners reconsider with the monthly chance, independently of the month before', () => {
    const rRenter = 0.05, rOwner = 0.01, burdened = 3, birth = 2, months = 8;
    const w = tinyWorld(chongqingWith({ city: { location: { move_rate_renter_month: rRenter, move_rate_owner_month: rOwner, burdened_move_factor: burdened, birth_move_factor: birth, life_event_months: 4 } } }), 1e-5, 11);
    const m = locationOf(w);
    ensureMonth(w, m, 0);
    const rent = w.rentLevel[0 * NT + MARKET_RENTAL]!;
    expect(w.city.housing.burden_limit).toBeLessThan(0.5);
    // Four groups of 20 000: renters paying 5% of income (not burdened), renters paying all of it
    // (burdened), the first kind with a birth marked before month 3's pass (factor 2 for 4 passes), and
    // owners; and public renters, who never reconsider.
    const N = 20_000;
    const groups: number[][] = [[], [], [], [], []];
    const tenure = [MARKET_RENTAL, MARKET_RENTAL, MARKET_RENTAL, OWNED, PUBLIC_RENTAL];
    const wage = [20 * rent, rent, 20 * rent, 20 * rent, 20 * rent];
    for (let g = 0; g < groups.length; g++) {
      for (let i = 0; i < (g === 4 ? 2000 : N); i++) groups[g]!.push(addHousehold(w, { zone: 0, tenure: tenure[g]!, members: [{ ageYears: 35, hukou: NONLOCAL_RURAL, wage: wage[g]! }] }).h);
    }
    const group = new Map<number, number>();
    groups.forEach((hs, g) => hs.forEach((h) => group.set(h, g)));
    // Who reconsiders: the location choice's first test (can anything be found?) is called with the
    // household's own alternative to exclude. It says no, so that nobody moves and the groups stay as they are.
    const looked: Set<number>[] = [];
    m.mayFind = (h, _income, _budget, _savings, exclude) => {
      if (exclude >= 0 && group.has(h)) looked[w.month]!.add(h);
      return false;
    };
    for (let month = 1; month <= months; month++) {
      w.month = month;
      looked[month] = new Set();
      if (month === 3) for (const h of groups[2]!) noteLifeEvent(w, h, EVENT_BIRTH);
      housingMarket(w, month);
    }
    const count = (g: number, month: number) => groups[g]!.filter((h) => looked[month]!.has(h)).length;
    let both = 0;
    for (let month = 1; month <= months; month++) {
      near(count(0, month), N, rRenter);
      near(count(1, month), N, rRenter * burdened);
      near(count(2, month), N, month >= 3 && month <= 6 ? rRenter * birth : rRenter);
      near(count(3, month), N, rOwner);
      expect(count(4, month)).toBe(0);
      if (month > 1) both += groups[0]!.filter((h) => looked[month]!.has(h) && looked[month - 1]!.has(h)).length;
    }
    // Independence from month to month: reconsidering in two months running has chance r².
    near(both, N * (months - 1), rRenter * rRenter);
  });
});
