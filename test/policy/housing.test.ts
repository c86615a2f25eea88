import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import {
  PRH_COLUMNS,
  PublicRentalSchema,
  PrhState,
  buildUnits,
  householdEligible,
  prhEligible,
  prhLottery,
  prhZoneIndices,
  publicRentalPolicy,
} from '../../sim/policy/publicRental.ts';
import { LOCAL_RURAL, LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE, DORMITORY } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, runSmall, SEEDS, tinyWorld } from './helpers.ts';

const ZONES = [
  { id: 'core', share: 0.4 },
  { id: 'expansion', share: 0.6 },
];
const params = (o: Record<string, unknown> = {}) => PublicRentalSchema.parse({ zones: ZONES, source: 'test', ...o });

describe('public_rental: eligibility (Chongqing 2010 rule)', () => {
  const p = params(); // over 18, open to non-hukou, 2,000 yuan single / 3,000 family, no home of one's own
  const x = { headAgeYears: 30, headLocal: false, members: 1, income: 1800, tenure: URBAN_VILLAGE, inResidenceZone: true, m2PerPerson: 20 };
  it('a non-hukou single renter under the limit is eligible; over it is not', () => {
    expect(prhEligible(p, x, 1)).toBe(true);
    expect(prhEligible(p, { ...x, income: 2000.01 }, 1)).toBe(false);
    expect(prhEligible(p, { ...x, income: 2800, members: 3 }, 1)).toBe(true);
    expect(prhEligible(p, { ...x, income: 3000.01, members: 3 }, 1)).toBe(false);
  });
  it('the limit follows the wage index', () => {
    expect(prhEligible(p, { ...x, income: 2150 }, 1.1)).toBe(true); // limit 2,200
    expect(prhEligible(p, { ...x, income: 2250 }, 1.1)).toBe(false);
  });
  it('under 18, owners, rural homes and public-rental tenants are not eligible; the unhoused and dormitory dwellers are', () => {
    expect(prhEligible(p, { ...x, headAgeYears: 17.9 }, 1)).toBe(false);
    expect(prhEligible(p, { ...x, tenure: OWNED }, 1)).toBe(false);
    expect(prhEligible(p, { ...x, tenure: RURAL_HOME }, 1)).toBe(false);
    expect(prhEligible(p, { ...x, tenure: PUBLIC_RENTAL }, 1)).toBe(false);
    expect(prhEligible(p, { ...x, tenure: -1 }, 1)).toBe(true);
    expect(prhEligible(p, { ...x, tenure: DORMITORY }, 1)).toBe(true);
  });
  it('with residence zones (Chongqing: living in the urban core), only residents of those zones are eligible', () => {
    const r = params({ residence_zones: ['core', 'expansion'] });
    expect(prhEligible(r, x, 1)).toBe(true);
    expect(prhEligible(r, { ...x, inResidenceZone: false }, 1)).toBe(false);
  });
  it('"no or a very small home": an owner under small_home_m2_per_person is eligible, one at or over it is not', () => {
    const r = params({ small_home_m2_per_person: 13 });
    expect(prhEligible(r, { ...x, tenure: OWNED, m2PerPerson: 12.9 }, 1)).toBe(true);
    expect(prhEligible(r, { ...x, tenure: OWNED, m2PerPerson: 13 }, 1)).toBe(false);
  });
  it('restricted to hukou, only local heads are eligible', () => {
    const r = params({ open_to_nonhukou: false });
    expect(prhEligible(r, x, 1)).toBe(false);
    expect(prhEligible(r, { ...x, headLocal: true }, 1)).toBe(true);
  });
  it('shares of zones must add up to 1', () => {
    expect(() => params({ zones: [{ id: 'core', share: 0.5 }] })).toThrow(/add up to 1/);
  });
});

/** A tiny world with the policy installed, `vacant` extra vacant public rental units in zone 0, and hand-made waiting households. */
function lotteryWorld(seed: number, vacantUnits: number) {
  const sc = chongqingWith();
  const w = tinyWorld(sc, 1e-5, seed);
  const p = params();
  installPolicy(w, publicRentalPolicy, p);
  for (let i = 0; i < vacantUnits; i++) w.newDwelling(0, PUBLIC_RENTAL, 0.6);
  const worker = (wage: number, hukou = NONLOCAL_RURAL, ageYears = 30) => ({ ageYears, hukou, wage });
  const eligible = [
    addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [worker(1500)], savings: 50000 }),
    addHousehold(w, { zone: 1, tenure: MARKET_RENTAL, members: [worker(1400), worker(1200)], savings: 50000 }),
    addHousehold(w, { zone: 0, tenure: -1, members: [worker(1900, LOCAL_RURAL)], savings: 50000 }),
    addHousehold(w, { zone: 2, tenure: DORMITORY, members: [worker(1000)], savings: 50000 }),
  ].map((x) => x.h);
  const ineligible = [
    addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [worker(2600)], savings: 50000 }), // over the single limit
    addHousehold(w, { zone: 0, tenure: OWNED, members: [worker(1000)], savings: 50000 }), // owns a home
    addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [worker(1000, NONLOCAL_RURAL, 17)], savings: 50000 }), // head under 18
    addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [worker(2000), worker(1500)], savings: 50000 }), // family over 3,000
    addHousehold(w, { zone: 0, tenure: RURAL_HOME, members: [worker(800, LOCAL_RURAL)], savings: 50000 }), // rural home
  ].map((x) => x.h);
  for (const h of [...eligible, ...ineligible]) PRH_COLUMNS.of(w).prhWait[h] = 1;
  return { w, p, eligible, ineligible };
}

const vacantPrh = (w: World) => {
  let v = 0;
  for (let z = 0; z < w.nz; z++) v += w.vacantN[z * NT + PUBLIC_RENTAL]!;
  return v;
};

describe('public_rental: the lottery', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`allocates only to eligible households and never more than the vacant units (seed ${seed}, 2 units)`, () => {
      const { w, p, eligible, ineligible } = lotteryWorld(seed, 2);
      const v0 = vacantPrh(w);
      const waitingEligible = eligible.length; // hand-made only: the city's own households are not waiting
      expect(eligible.every((h) => householdEligible(w, p, h))).toBe(true);
      expect(ineligible.some((h) => householdEligible(w, p, h))).toBe(false);
      const moved = prhLottery(w, p);
      expect(moved).toBe(Math.min(v0, waitingEligible));
      expect(vacantPrh(w)).toBe(v0 - moved);
      const inPrh = (h: number) => w.tenureOf(h) === PUBLIC_RENTAL;
      expect(eligible.filter(inPrh).length).toBe(moved);
      expect(ineligible.filter(inPrh).length).toBe(0);
      // Ineligible households leave the list; losers stay on it.
      for (const h of ineligible) expect(PRH_COLUMNS.of(w).prhWait[h]).toBe(0);
      for (const h of eligible) expect(PRH_COLUMNS.of(w).prhWait[h]).toBe(inPrh(h) ? 0 : 1);
    });
  }
  it('with more units than eligible applicants every eligible household is housed and the rest stay vacant', () => {
    const { w, p, eligible } = lotteryWorld(9, 10);
    const v0 = vacantPrh(w);
    expect(prhLottery(w, p)).toBe(eligible.length);
    expect(vacantPrh(w)).toBe(v0 - eligible.length);
  });
  it('a winner who cannot afford the rent declines and stays on the list', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc, 1e-5, 4);
    const p = params();
    installPolicy(w, publicRentalPolicy, p);
    for (let z = 0; z < w.nz; z++) while (w.vacantN[z * NT + PUBLIC_RENTAL]! > 0) w.moveIn(w.newHousehold(z, 0, false), w.vacant[z * NT + PUBLIC_RENTAL]![0]!);
    w.newDwelling(0, PUBLIC_RENTAL, 1);
    const poor = addHousehold(w, { zone: 0, tenure: -1, members: [{ ageYears: 40, hukou: NONLOCAL_RURAL }], savings: 0 });
    PRH_COLUMNS.of(w).prhWait[poor.h] = 1;
    expect(prhLottery(w, p)).toBe(0);
    expect(PRH_COLUMNS.of(w).prhWait[poor.h]).toBe(1);
    expect(vacantPrh(w)).toBe(1);
  });
});

describe('public_rental: building and financing', () => {
  for (const sample of [0.0007, 0.001, 0.0033]) {
    it(`builds units_per_year × share × sample a year per zone, without losing the remainder (sample ${sample})`, () => {
      const sc = chongqingWith();
      const w = tinyWorld(sc, 1e-5);
      (w as { sample: number }).sample = sample; // only the building scale depends on it here
      const p = params({ units_per_year: 60000, unit_m2: 50, cost_yuan_m2: 3000, grant_share: 0.3 });
      const st = new PrhState(w.nz);
      const zi = prhZoneIndices(w, p);
      const stock0 = zi.map((z) => w.stock[z * NT + PUBLIC_RENTAL]!);
      let grants = 0;
      let loans = 0;
      let built = 0;
      for (let m = 1; m <= 36; m++) {
        w.flows.reset();
        built += buildUnits(w, p, st, zi, m);
        grants += w.flows.value('public_rental_grants');
        loans += w.flows.value('public_rental_loans');
        if (m % 12 === 0) {
          zi.forEach((z, i) => {
            const want = 60000 * ZONES[i]!.share * sample * (m / 12);
            const got = w.stock[z * NT + PUBLIC_RENTAL]! - stock0[i]!;
            expect(got).toBeLessThanOrEqual(want + 1e-6);
            expect(got).toBeGreaterThan(want - 1);
          });
        }
      }
      // Cost index is 1 here (no labour step): each unit costs 50 m² × 3,000 yuan, 30% grants, 70% loans.
      expect(grants + loans).toBeCloseTo(built * 50 * 3000, 6);
      expect(grants / (grants + loans)).toBeCloseTo(0.3, 12);
    });
  }
  it('stops after build_years', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc, 1e-5);
    const p = params({ units_per_year: 1e7, build_years: 1 });
    const st = new PrhState(w.nz);
    const zi = prhZoneIndices(w, p);
    expect(buildUnits(w, p, st, zi, 12)).toBeGreaterThan(0);
    expect(buildUnits(w, p, st, zi, 13)).toBe(0);
  });
  it('an unknown zone is an error naming the zones', () => {
    const w = tinyWorld(chongqingWith());
    expect(() => installPolicy(w, publicRentalPolicy, params({ zones: [{ id: 'centre', share: 1 }] }))).toThrow(/no zone "centre".*core, expansion/);
  });
});

describe('public_rental lowers the rent burden of its occupants (small runs, each seed)', () => {
  const sc = chongqingWith({ policies: { public_rental: { zones: ZONES, source: 'test: Chongqing 2010 defaults' } } });
  for (const seed of SEEDS) {
    it(`seed ${seed}: lottery winners pay less of their income than they paid before, and less than market renters of similar income`, () => {
      let before: Float64Array = new Float64Array(0);
      let tenureBefore: Int8Array = new Int8Array(0);
      let rentBefore = 0, rentAfter = 0, incWinners = 0, winners = 0;
      let prhRent = 0, prhInc = 0, mktRent = 0, mktInc = 0;
      const months = 18;
      runSmall(sc, {
        seed,
        months,
        sample: 0.0005,
        onStep: (w, m, step) => {
          const hc = w.households.cols;
          if (step === 'housing') {
            before = new Float64Array(w.households.size);
            tenureBefore = new Int8Array(w.households.size).fill(-1);
            for (let h = 0; h < w.households.size; h++) {
              if (!w.households.live[h] || hc.dwelling[h]! < 0) continue;
              before[h] = w.rentOf(hc.dwelling[h]!);
              tenureBefore[h] = w.tenureOf(h);
            }
          }
          if (step === 'public_rental') {
            for (let h = 0; h < before.length; h++) {
              if (!w.households.live[h] || w.tenureOf(h) !== PUBLIC_RENTAL) continue;
              const t0 = tenureBefore[h]!;
              if (t0 !== MARKET_RENTAL && t0 !== URBAN_VILLAGE) continue; // renters who won this month
              const inc = w.incomeOf(h);
              if (inc <= 0) continue;
              rentBefore += before[h]!;
              rentAfter += w.rentOf(hc.dwelling[h]!);
              incWinners += inc;
              winners++;
            }
          }
          if (m === months && step === 'departures') {
            const limit = 3000 * w.wageIndex;
            for (let h = 0; h < w.households.size; h++) {
              if (!w.households.live[h] || hc.dwelling[h]! < 0) continue;
              const inc = w.incomeOf(h);
              if (inc <= 0 || inc > limit) continue;
              const t = w.tenureOf(h);
              const rent = w.rentOf(hc.dwelling[h]!);
              if (t === PUBLIC_RENTAL) (prhRent += rent), (prhInc += inc);
              else if (t === MARKET_RENTAL || t === URBAN_VILLAGE) (mktRent += rent), (mktInc += inc);
            }
          }
        },
      });
      expect(winners).toBeGreaterThan(5);
      expect(rentAfter / incWinners).toBeLessThan(rentBefore / incWinners);
      expect(prhInc).toBeGreaterThan(0);
      expect(prhRent / prhInc).toBeLessThan(mktRent / mktInc);
    });
  }
});

describe('public_rental install', () => {
  it('sets the rent-share lever and declares its column, flows and waiting-list stock', () => {
    const w = tinyWorld(chongqingWith());
    installPolicy(w, publicRentalPolicy, params({ rent_share: 0.6, open_to_nonhukou: false }));
    expect(w.levers.publicRentShare).toBe(0.6);
    expect(Array.from(w.stocks.keys())).toEqual(['public_rental_waitlist']);
    expect(w.rentLevel[0 * NT + PUBLIC_RENTAL]).toBeCloseTo(0.6 * w.rentLevel[0 * NT + MARKET_RENTAL]!, 9);
    expect(w.schedule.names().indexOf('public_rental')).toBe(w.schedule.names().indexOf('housing') + 1);
    void LOCAL_URBAN;
  });
});
