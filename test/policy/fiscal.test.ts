import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { CostSharingSchema, costSharingPolicy } from '../../sim/policy/costSharing.ts';
import { LAND_COLUMNS, LandTicketsSchema, landTicketsPolicy, M2_PER_MU, ticketPrice } from '../../sim/policy/landTickets.ts';
import { fiscalStep } from '../../sim/model/fiscal.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { LOCAL_RURAL, LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL, NONLOCAL_URBAN, RURAL_HOME, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, runSmall, tinyWorld } from './helpers.ts';

describe('cost_sharing: validation', () => {
  it('the Chongqing shares 30/40/30 are valid and are the defaults', () => {
    const p = CostSharingSchema.parse({ source: 'seed 000' });
    expect([p.government, p.employers, p.persons]).toEqual([0.3, 0.4, 0.3]);
  });
  it('shares that do not add up to 1 are a validation error of the scenario, naming the path', () => {
    let err: unknown;
    try {
      chongqingWith({ policies: { cost_sharing: { government: 0.3, employers: 0.4, persons: 0.4, source: 'test' } } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/policies\.cost_sharing/);
    expect(msg).toMatch(/add up to 1, found 1\.1/);
  });
});

describe('cost_sharing: the three flows are the settlements × cost per citizen × cost index, in the policy proportions', () => {
  it('hand-made month: 7 new citizens at cost index 1.25', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc);
    installPolicy(w, costSharingPolicy, CostSharingSchema.parse({ government: 0.3, employers: 0.4, persons: 0.3, source: 'test' }));
    w.flows.reset();
    w.flows.settlements = 7;
    w.costIndex = 1.25;
    fiscalStep(w, 1);
    const cost = 7 * sc.city.fiscal.public_cost_per_citizen_yuan * 1.25;
    expect(w.flows.costGov).toBeCloseTo(0.3 * cost, 6);
    expect(w.flows.costEmployers).toBeCloseTo(0.4 * cost, 6);
    expect(w.flows.costPersons).toBeCloseTo(0.3 * cost, 6);
    expect(w.flows.costGov + w.flows.costEmployers + w.flows.costPersons).toBeCloseTo(cost, 6);
  });
  it('every month of a small run with monthly settlement', () => {
    const sc = chongqingWith({
      policies: {
        conditions: { month_of_year: 0, min_years_in_city: 1, residence: 'any', apply_rate: 0.05 },
        cost_sharing: { government: 0.2, employers: 0.5, persons: 0.3, source: 'test shares' },
      },
    });
    let months = 0;
    let settled = 0;
    runSmall(sc, {
      seed: 3,
      months: 4,
      sample: 0.0005,
      onStep: (w, _m, step) => {
        if (step !== 'fiscal') return;
        const f = w.flows;
        const cost = f.settlements * w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex;
        expect(f.costGov).toBeCloseTo(0.2 * cost, 4);
        expect(f.costEmployers).toBeCloseTo(0.5 * cost, 4);
        expect(f.costPersons).toBeCloseTo(0.3 * cost, 4);
        expect(w.costIndex).toBeGreaterThan(1); // the cost index has grown since the start
        months++;
        settled += f.settlements;
      },
    });
    expect(months).toBe(4);
    expect(settled).toBeGreaterThan(0);
  });
});

const ticket = (o: Record<string, unknown> = {}) =>
  LandTicketsSchema.parse({ take_up: 1, area_mu_per_household: 0.375, price_yuan_mu: 200000, farmer_share: 0.85, source: 'test', ...o });

describe('land_tickets: a settling rural household is paid once', () => {
  const setup = (o: Record<string, unknown> = {}) => {
    const sc = chongqingWith();
    const w = tinyWorld(sc);
    installPolicy(w, landTicketsPolicy, ticket(o));
    w.flows.reset();
    return w;
  };
  const family = (hukou: number, tenure = URBAN_VILLAGE) => ({
    zone: 1,
    tenure,
    members: [
      { ageYears: 35, hukou, wage: 2500 },
      { ageYears: 33, hukou, wage: 2000 },
      { ageYears: 8, hukou },
      { ageYears: 60, hukou }, // a grandparent who does not follow the applicant
    ],
    savings: 12000,
    landMu: 2,
  });

  it('gets exactly area × price × farmer share in savings, once, however many members settle', () => {
    const w = setup();
    const { h, persons } = addHousehold(w, family(LOCAL_RURAL));
    const pay = 0.375 * 200000 * 0.85;
    expect(grantHukou(w, persons[0]!, 1)).toBe(3); // applicant, spouse, child
    expect(w.households.cols.savings[h]).toBe(Math.fround(12000 + pay));
    expect(w.households.cols.landMu[h]).toBeCloseTo(2 - 0.375, 6);
    expect(w.flows.value('land_tickets_mu')).toBeCloseTo(0.375, 12);
    expect(w.flows.value('land_ticket_payments')).toBeCloseTo(pay, 9);
    // The grandparent settles later: no second payment.
    expect(grantHukou(w, persons[3]!, 5)).toBe(1);
    expect(w.households.cols.savings[h]).toBe(Math.fround(12000 + pay));
    expect(w.flows.value('land_ticket_payments')).toBeCloseTo(pay, 9);
    expect(w.persons.cols.hukou[persons[3]!]).toBe(LOCAL_URBAN);
  });

  it('non-rural and non-local households get nothing', () => {
    const w = setup();
    const a = addHousehold(w, family(NONLOCAL_RURAL)); // rural land in another province: not on Chongqing's exchange
    const b = addHousehold(w, { ...family(NONLOCAL_URBAN), landMu: 0 });
    grantHukou(w, a.persons[0]!, 1);
    grantHukou(w, b.persons[0]!, 1);
    expect(w.households.cols.savings[a.h]).toBe(12000);
    expect(w.households.cols.savings[b.h]).toBe(12000);
    expect(w.flows.value('land_tickets_mu')).toBe(0);
    expect(w.flows.value('land_ticket_payments')).toBe(0);
  });

  it('a household still in its rural home, or one that declines, is not paid and not offered again', () => {
    const w = setup({ take_up: 0 });
    const a = addHousehold(w, family(LOCAL_RURAL));
    grantHukou(w, a.persons[0]!, 1);
    expect(w.households.cols.savings[a.h]).toBe(12000);
    expect(LAND_COLUMNS.of(w).landOffered[a.h]).toBe(1);
    const w2 = setup();
    const b = addHousehold(w2, family(LOCAL_RURAL, RURAL_HOME));
    grantHukou(w2, b.persons[0]!, 1);
    expect(w2.households.cols.savings[b.h]).toBe(12000);
    expect(w2.flows.value('land_ticket_payments')).toBe(0);
  });

  it('the area is capped by the land the household holds', () => {
    const w = setup();
    const a = addHousehold(w, { ...family(LOCAL_RURAL, MARKET_RENTAL), landMu: 0.2 });
    grantHukou(w, a.persons[0]!, 1);
    expect(w.households.cols.savings[a.h]).toBe(Math.fround(12000 + 0.2 * 200000 * 0.85));
    expect(w.households.cols.landMu[a.h]).toBe(0);
  });

  it('the default area is 250 m² of rural living area in mu, and the price may grow', () => {
    const p = LandTicketsSchema.parse({ source: 'test' });
    expect(Math.abs(p.area_mu_per_household - 250 / M2_PER_MU)).toBeLessThan(0.0005);
    expect(p.farmer_share).toBe(0.85);
    expect(ticketPrice({ ...p, price_growth_year: 0.1 }, 24)).toBeCloseTo(p.price_yuan_mu * 1.21, 6);
  });

  it('take-up is about the set chance over many households', () => {
    const w = setup({ take_up: 0.3 });
    let paid = 0;
    const n = 600;
    for (let i = 0; i < n; i++) {
      const a = addHousehold(w, { zone: 1, tenure: URBAN_VILLAGE, members: [{ ageYears: 30, hukou: LOCAL_RURAL }], savings: 0, landMu: 1 });
      grantHukou(w, a.persons[0]!, 1);
      if (w.households.cols.savings[a.h]! > 0) paid++;
    }
    expect(paid / n).toBeGreaterThan(0.24);
    expect(paid / n).toBeLessThan(0.36);
  });
});

describe('land_tickets in a small run', () => {
  it('payments are the farmer share of area × price each month, and no household is paid twice', () => {
    const sc = chongqingWith({
      policies: {
        conditions: { month_of_year: 0, min_years_in_city: 1, residence: 'any', apply_rate: 0.05 },
        land_tickets: { take_up: 0.5, source: 'test' },
      },
    });
    const p = ticket({ take_up: 0.5, area_mu_per_household: LandTicketsSchema.parse({ source: 'xxx' }).area_mu_per_household });
    let mu = 0;
    const paidTimes = new Map<number, number>();
    let savings0: Float32Array = new Float32Array(0);
    runSmall(sc, {
      seed: 5,
      months: 4,
      sample: 0.0005,
      onStep: (w, m, step) => {
        if (step === 'registration') savings0 = w.households.cols.savings.slice(0, w.households.size);
        if (step !== 'settlement') return;
        expect(w.flows.value('land_ticket_payments')).toBeCloseTo(w.flows.value('land_tickets_mu') * ticketPrice(p, m) * 0.85, 3);
        mu += w.flows.value('land_tickets_mu');
        for (let h = 0; h < savings0.length; h++) {
          if (w.households.live[h] && w.households.cols.savings[h]! > savings0[h]!) paidTimes.set(h, (paidTimes.get(h) ?? 0) + 1);
        }
      },
    });
    expect(mu).toBeGreaterThan(0);
    expect([...paidTimes.values()].every((k) => k === 1)).toBe(true);
  });
});
