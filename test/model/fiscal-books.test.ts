/**
 * The fiscal books (sim/model/fiscal.ts, MODEL.md §7.8): yearly flows and stocks booked from
 * the pulse's counts. Hand-made worlds: the pulse is set by hand, so every sum is computed
 * here from the rule's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { citizenisationYear, fiscalBooks, fiscalStep } from '../../sim/model/fiscal.ts';
import { annuity, ownContributionPerPerson } from '../../sim/model/hukouValue.ts';
import { measure } from '../../sim/model/observe/census.ts';
import { installPolicy } from '../../sim/policy/registry.ts';
import { CostSharingSchema, costSharingPolicy } from '../../sim/policy/costSharing.ts';
import { LandTicketsSchema, landTicketsPolicy } from '../../sim/policy/landTickets.ts';
import { PrhState, PublicRentalSchema, buildUnits, prhZoneIndices } from '../../sim/policy/publicRental.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import { LOCAL_RURAL, NO_JOB, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, runSmall, series, tinyWorld } from '../policy/helpers.ts';

/** 100 residents of whom 40 without hukou, 5 of their children at school; wage bills 60,000 formal + 30,000 informal a month. */
function handMade(): World {
  const w = tinyWorld(chongqingWith());
  w.pulse = { ...w.pulse, residents: 100, nonHukou: 40, placedNonHukou: 5, wageBill: 90000, formalWageBill: 60000 };
  w.costIndex = 1;
  return w;
}

/** Runs the fiscal step alone in month m, the month's flows reset first (as the runner does). */
function month(w: World, m: number, set: (w: World) => void = () => {}): void {
  w.flows.reset();
  set(w);
  fiscalStep(w, m);
}

/** The first simulation month ≥ 1 that is a January. */
const firstJanuary = (w: World): number => {
  let m = 1;
  while (w.calendar(m) !== 1) m++;
  return m;
};

describe('fiscal books: recurring service cost, taxes and the year-to-date stocks', () => {
  it('a year of months: service cost = (60 × hukou + 40 × non-hukou + 5 × school place) a year; taxes = 12 × (60,000 × formal rate + 30,000 × informal rate)', () => {
    const w = handMade();
    const F = w.city.fiscal;
    const yearCost = 60 * F.service_hukou_yuan_year + 40 * F.service_nonhukou_yuan_year + 5 * F.school_place_yuan_year;
    const yearTax = 12 * (60000 * F.tax_rate_formal_wages + 30000 * F.tax_rate_informal_wages);
    expect(yearCost).toBeGreaterThan(0);
    expect(yearTax).toBeGreaterThan(0);
    const jan = firstJanuary(w);
    let cost = 0, tax = 0;
    for (let m = jan; m < jan + 12; m++) {
      month(w, m);
      expect(w.flows.serviceCost).toBeCloseTo(yearCost / 12, 9);
      expect(w.flows.serviceGov).toBeCloseTo(yearCost / 12, 9); // no cost sharing: all government
      cost += w.flows.serviceCost;
      tax += w.flows.taxRevenue;
    }
    expect(cost).toBeCloseTo(yearCost, 6);
    expect(tax).toBeCloseTo(yearTax, 6);
    // December: the year-to-date stocks are the year's totals, and the balance is their difference.
    expect(w.calendar(jan + 11)).toBe(12);
    const b = fiscalBooks(w);
    expect(b.revenueYtd).toBeCloseTo(yearTax, 6);
    expect(b.spendingYtd).toBeCloseTo(yearCost, 6);
    expect(b.netYtd).toBeCloseTo(yearTax - yearCost, 6);
    // Months before the first January count in the balance but not in this year's totals.
    month(w, jan + 12);
    expect(fiscalBooks(w).spendingYtd).toBeCloseTo(yearCost / 12, 9); // January again: reset, then one month
  });

  it('the balance sums every month\'s net since the start, and the cost index scales the costs', () => {
    const w = handMade();
    const F = w.city.fiscal;
    const perMonth = (60 * F.service_hukou_yuan_year + 40 * F.service_nonhukou_yuan_year + 5 * F.school_place_yuan_year) / 12;
    const tax = 60000 * F.tax_rate_formal_wages + 30000 * F.tax_rate_informal_wages;
    month(w, 1);
    w.costIndex = 1.25;
    month(w, 2);
    expect(w.flows.serviceCost).toBeCloseTo(1.25 * perMonth, 9);
    expect(fiscalBooks(w).balance).toBeCloseTo(2 * tax - 2.25 * perMonth, 6);
    expect(fiscalBooks(w).debt).toBe(0);
  });
});

describe('fiscal books: the cost shares act on the new citizens\' part of the recurring cost', () => {
  it('10 new citizens at shares 0.3/0.4/0.3: employers pay 0.4 × 10 × (hukou − non-hukou cost) / 12 a month, persons 0.3 ×, the government the rest', () => {
    const w = handMade();
    installPolicy(w, costSharingPolicy, CostSharingSchema.parse({ government: 0.3, employers: 0.4, persons: 0.3, source: 'test' }));
    const F = w.city.fiscal;
    const cy = citizenisationYear(F);
    expect(cy).toBe(F.service_hukou_yuan_year - F.service_nonhukou_yuan_year);
    month(w, 1, (w) => (w.flows.settlements = 10));
    expect(fiscalBooks(w).newCitizens).toBe(10);
    const f = w.flows;
    expect(f.serviceEmployers).toBeCloseTo((0.4 * 10 * cy) / 12, 9);
    expect(f.servicePersons).toBeCloseTo((0.3 * 10 * cy) / 12, 9);
    expect(f.serviceGov + f.serviceEmployers + f.servicePersons).toBeCloseTo(f.serviceCost, 9);
    // Government spending: its 30% of the one-off cost and its part of the recurring cost.
    expect(fiscalBooks(w).spending).toBeCloseTo(0.3 * 10 * F.public_cost_per_citizen_yuan + f.serviceGov, 6);
  });

  it('new citizens leave at the city\'s death rate and never exceed the hukou residents', () => {
    const w = handMade();
    month(w, 1, (w) => (w.flows.settlements = 10));
    month(w, 2, (w) => (w.flows.deaths = 2)); // 2 deaths among 100 residents
    expect(fiscalBooks(w).newCitizens).toBeCloseTo(10 * 0.98, 12);
    month(w, 3, (w) => (w.flows.settlements = 1000));
    expect(fiscalBooks(w).newCitizens).toBeCloseTo(9.8 + 1000, 9); // at most the pulse's 60 hukou residents + this month's 1000 grants
    month(w, 4);
    expect(fiscalBooks(w).newCitizens).toBe(60); // capped: the pulse counts 60 hukou residents
  });

  it("a converting member's own contribution is the persons' share of the one-off cost and of the recurring part over the horizon", () => {
    const w = handMade();
    expect(ownContributionPerPerson(w)).toBe(0); // no cost sharing: nothing
    installPolicy(w, costSharingPolicy, CostSharingSchema.parse({ government: 0.3, employers: 0.4, persons: 0.3, source: 'test' }));
    const F = w.city.fiscal, V = w.city.hukou_value;
    const A = (1 - Math.pow(1 + V.discount_rate_year, -V.horizon_years)) / V.discount_rate_year;
    expect(annuity(V.horizon_years, V.discount_rate_year)).toBeCloseTo(A, 12);
    w.costIndex = 1.1;
    expect(ownContributionPerPerson(w)).toBeCloseTo(0.3 * (F.public_cost_per_citizen_yuan + citizenisationYear(F) * A) * 1.1, 6);
  });
});

describe('fiscal books: land tickets and public rental housing', () => {
  it('a land-ticket sale of 0.375 mu at 200,000 yuan/mu: the farmer gets 85%, public revenue is 15% = 11,250 yuan', () => {
    const w = handMade();
    installPolicy(w, landTicketsPolicy, LandTicketsSchema.parse({ take_up: 1, area_mu_per_household: 0.375, price_yuan_mu: 200000, farmer_share: 0.85, city_share: 0.15, source: 'test' }));
    w.flows.reset();
    const { persons } = addHousehold(w, {
      zone: 1,
      tenure: URBAN_VILLAGE,
      members: [{ ageYears: 35, hukou: LOCAL_RURAL, wage: 2500 }],
      landMu: 2,
    });
    grantHukou(w, persons[0]!, 1);
    expect(w.flows.value('land_ticket_revenue')).toBeCloseTo(11250, 9);
    expect(w.flows.value('land_ticket_payments')).toBeCloseTo(63750, 9);
    expect(w.flows.policyRevenue).toBeCloseTo(11250, 9);
    const tax = 60000 * w.city.fiscal.tax_rate_formal_wages + 30000 * w.city.fiscal.tax_rate_informal_wages;
    fiscalStep(w, 1); // the month's flows kept: the ticket is in them
    expect(fiscalBooks(w).revenue).toBeCloseTo(tax + 11250, 6);
  });

  it('farmer_share + city_share over 1 is refused', () => {
    expect(() => LandTicketsSchema.parse({ farmer_share: 0.9, city_share: 0.2, source: 'test' })).toThrow(/at most 1, found 1\.1/);
  });

  it('public rental grants are government spending and its loans the debt', () => {
    const w = handMade();
    const p = PublicRentalSchema.parse({ zones: [{ id: 'core', share: 1 }], units_per_year: 12e5, source: 'test' });
    const st = new PrhState(w.nz);
    w.flows.reset();
    const built = buildUnits(w, p, st, prhZoneIndices(w, p), 1);
    expect(built).toBeGreaterThan(0);
    const cost = built * p.unit_m2 * p.cost_yuan_m2; // cost index 1
    expect(w.flows.policySpending).toBeCloseTo(0.3 * cost, 6);
    expect(w.flows.policyBorrowing).toBeCloseTo(0.7 * cost, 6);
    const before = w.flows.serviceGov;
    expect(before).toBe(0);
    fiscalStep(w, 1);
    expect(fiscalBooks(w).spending).toBeCloseTo(w.flows.serviceGov + 0.3 * cost, 6);
    expect(fiscalBooks(w).debt).toBeCloseTo(0.7 * cost, 6);
  });
});

describe('fiscal books: what the pulse counts', () => {
  it("the pulse's wage bills and school places are those of the persons table", () => {
    const w = tinyWorld(chongqingWith(), 1e-4);
    const pc = w.persons.cols;
    const S = w.city.services;
    let bill = 0, formal = 0, placed = 0;
    for (let p = 0; p < w.persons.size; p++) {
      if (!w.persons.live[p]) continue;
      if (pc.active[p] && pc.sector[p] !== NO_JOB) {
        bill += pc.wage[p]!;
        if (pc.formal[p]) formal += pc.wage[p]!;
      }
      const age = pc.ageM[p]!;
      if (pc.hukou[p]! > 1 && age >= S.school_age_from * 12 && age < (S.school_age_to + 1) * 12) placed += pc.school[p]!;
    }
    expect(formal).toBeGreaterThan(0);
    expect(w.pulse.wageBill).toBeCloseTo(bill * w.wageIndex, 3);
    expect(w.pulse.formalWageBill).toBeCloseTo(formal * w.wageIndex, 3);
    expect(w.pulse.placedNonHukou).toBe(placed);
    expect(measure(w).formalWageSum).toBeCloseTo(formal, 3);
  });
});

describe('fiscal books: the recorded indicators', () => {
  it('a small run: balance = the sum of the months\' net; net = revenue − spending; December year-to-date = the year\'s sum', () => {
    const r = runSmall(chongqingWith(), { seed: 2, months: 20, sample: 0.0005 });
    const net = series(r, 'fiscal_net');
    const rev = series(r, 'fiscal_revenue');
    const spend = series(r, 'fiscal_spending');
    const bal = series(r, 'fiscal_balance');
    const spendYtd = series(r, 'fiscal_spending_ytd');
    const service = series(r, 'fiscal_service_cost');
    const tax = series(r, 'fiscal_tax_revenue');
    let sum = 0;
    for (let m = 1; m <= 20; m++) {
      sum += net[m]!;
      expect(net[m]).toBeCloseTo(rev[m]! - spend[m]!, 0);
      expect(bal[m]).toBeCloseTo(sum, -1);
      expect(service[m]).toBeGreaterThan(0);
      expect(tax[m]).toBeGreaterThan(0);
    }
    // Chongqing starts in July 2010 (month 0): month 5 is December 2010, months 6..17 are 2011.
    let y2011 = 0;
    for (let m = 6; m <= 17; m++) y2011 += spend[m]!;
    expect(spendYtd[17]).toBeCloseTo(y2011, -1);
    expect(spendYtd[18]).toBeCloseTo(spend[18]!, -1);
  });
});
