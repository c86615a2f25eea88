import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { housingRegistrationPolicy, HousingRegistrationSchema, registrationChance, updateRegistrationBoost } from '../../sim/policy/housingRegistration.ts';
import { registration } from '../../sim/model/registration.ts';
import { NO_PERMIT } from '../../sim/model/world.ts';
import { MARKET_RENTAL, NONLOCAL_RURAL, OWNED, RURAL_HOME, URBAN_VILLAGE, DORMITORY, TENURE } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, meanOver, runSmall, scenarioFileWith, series, SEEDS, tinyWorld } from './helpers.ts';
import { regMonthsOf } from '../../sim/model/regMonths.ts';

const params = (o: Record<string, unknown> = {}) => HousingRegistrationSchema.parse({ source: 'test', ...o });
const NO_BASE = { city: { registration: { declare_rate_month: { owned: 0, market_rental: 0, urban_village: 0, public_rental: 0, dormitory: 0, rural_home: 0 } } } };

describe('housing_registration: the monthly registration chance', () => {
  const p = params({ declaration_rate_month: 0.2, grid_workers_per_1000: 1, visits_per_worker_month: 100, building_chiefs_per_building: 0.5, chief_report_rate_month: 0.2 });
  // 2.5 residents per household: a grid worker visit has chance 1/1000 × 2.5 × 100 = 0.25; a chief report 0.5 × 0.2 = 0.1.
  it('a rental combines base, landlord, grid worker and building chief', () => {
    expect(registrationChance(p, MARKET_RENTAL, 0.03, 1 / 2.5)).toBeCloseTo(1 - 0.97 * 0.8 * 0.75 * 0.9, 12);
    expect(registrationChance(p, DORMITORY, 0.1, 1 / 2.5)).toBeCloseTo(1 - 0.9 * 0.8 * 0.75 * 0.9, 12);
  });
  it('owners have no landlord declaration; rural homes no building chief', () => {
    expect(registrationChance(p, OWNED, 0.2, 1 / 2.5)).toBeCloseTo(1 - 0.8 * 0.75 * 0.9, 12);
    expect(registrationChance(p, RURAL_HOME, 0.2, 1 / 2.5)).toBeCloseTo(1 - 0.8 * 0.75, 12);
  });
  it('visits are capped at certainty', () => {
    expect(registrationChance(params({ grid_workers_per_1000: 50, visits_per_worker_month: 100 }), URBAN_VILLAGE, 0, 0.5)).toBe(1);
  });
  it('the boost written to the policy state is the chance minus the base rate', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc);
    updateRegistrationBoost(w, p);
    const base = sc.city.registration.declare_rate_month as Record<string, number>;
    const hhPerRes = w.households.count / w.persons.count;
    TENURE.forEach((t, i) => expect(w.levers.registrationBoost[i]! + base[t]!).toBeCloseTo(registrationChance(p, i, base[t]!, hhPerRes), 12));
  });
});

describe('housing_registration: a Shenzhen tenant whose lease is declared reaches the residence permit, an undeclared one does not', () => {
  const SHENZHEN = 'scenarios/policies/shenzhen-points-registration.yaml';
  const tenant = { ageYears: 28, hukou: NONLOCAL_RURAL, wage: 4000 };
  /** Shenzhen with no declaration outside the policy; the policy block is the scenario's, with overrides. */
  const setup = (o: Record<string, unknown>) => {
    const sc = scenarioFileWith(SHENZHEN, NO_BASE);
    const w = tinyWorld(sc);
    const p = HousingRegistrationSchema.parse({ ...(sc.policies as Record<string, unknown>).housing_registration as object, ...o });
    installPolicy(w, housingRegistrationPolicy, p);
    const declared = addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [tenant] });
    // A dwelling the registry does not know (never coded): its landlord cannot declare it.
    const hidden = addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [tenant] });
    w.dwellings.cols.coded[hidden.d] = 0;
    return { w, sc, declared: declared.persons[0]!, hidden: hidden.persons[0]! };
  };

  it("declared in month 1, the tenant holds a permit from the city's 12th month, not before; the uncoded one never", () => {
    const { w, sc, declared, hidden } = setup({ declaration_rate_month: 1, grid_workers_per_1000: 0, building_chiefs_per_building: 0 });
    const months = sc.city.registration.permit_months;
    expect(months).toBe(12);
    expect(w.levers.permitMonths).toBe(months);
    const pc = w.persons.cols;
    for (let m = 1; m <= 30; m++) {
      registration(w, m);
      if (m < months) expect(pc.permitSince[declared], `month ${m}`).toBe(NO_PERMIT);
    }
    expect(pc.permitSince[declared]).toBe(months);
    expect(regMonthsOf(w, declared)).toBe(30);
    expect(pc.permitSince[hidden]).toBe(NO_PERMIT);
    expect(regMonthsOf(w, hidden)).toBe(0);
  });

  it('with the scenario\'s own rates, the permit comes exactly permit_months − 1 months after the month the lease is declared', () => {
    for (const seed of [1, 2, 3, 4]) {
      const sc = scenarioFileWith(SHENZHEN, NO_BASE);
      const w = tinyWorld(sc, 1e-5, seed);
      const p = HousingRegistrationSchema.parse({ ...((sc.policies as Record<string, unknown>).housing_registration as object), permit_months: 6 });
      installPolicy(w, housingRegistrationPolicy, p);
      const t = addHousehold(w, { zone: 0, tenure: URBAN_VILLAGE, members: [tenant] }).persons[0]!;
      const pc = w.persons.cols;
      let declaredAt = -1;
      for (let m = 1; m <= 60; m++) {
        updateRegistrationBoost(w, p);
        registration(w, m);
        if (declaredAt < 0 && pc.registered[t]) declaredAt = m;
      }
      expect(declaredAt, `seed ${seed}`).toBeGreaterThan(0);
      expect(pc.permitSince[t]).toBe(declaredAt + 6 - 1);
    }
  });

  it('without declaration (and no grid workers or chiefs) even the coded tenant gets no permit', () => {
    const { w, declared } = setup({ declaration_rate_month: 0, grid_workers_per_1000: 0, building_chiefs_per_building: 0 });
    for (let m = 1; m <= 30; m++) registration(w, m);
    expect(w.persons.cols.permitSince[declared]).toBe(NO_PERMIT);
  });
});

describe('housing_registration: coding', () => {
  it('codes about coding_rate of existing dwellings and every dwelling built later', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc, 2e-4);
    installPolicy(w, housingRegistrationPolicy, params({ coding_rate: 0.5 }));
    let coded = 0;
    for (let d = 0; d < w.dwellings.size; d++) coded += w.dwellings.cols.coded[d]!;
    expect(coded / w.dwellings.count).toBeGreaterThan(0.45);
    expect(coded / w.dwellings.count).toBeLessThan(0.55);
    const d = w.newDwelling(1, MARKET_RENTAL, 1);
    expect(w.dwellings.cols.coded[d]).toBe(1);
  });
  it('keeps the city permit months when permit_months is omitted, and new dwellings uncoded when asked', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc);
    installPolicy(w, housingRegistrationPolicy, params({ code_new_dwellings: false }));
    expect(w.levers.permitMonths).toBe(sc.city.registration.permit_months);
    expect(w.dwellings.cols.coded[w.newDwelling(1, MARKET_RENTAL, 1)]).toBe(0);
  });
});

describe('housing_registration in small runs raises registry coverage and permit holders over points only (each seed)', () => {
  const months = 18;
  const cases = [
    { name: 'Shenzhen 2010, points vs points + registration', sample: 0.001, base: scenarioFileWith('scenarios/policies/shenzhen-points.yaml'), policy: scenarioFileWith('scenarios/policies/shenzhen-points-registration.yaml') },
    { name: 'Chongqing 2010 with and without the default block', sample: 0.0005, base: chongqingWith(), policy: chongqingWith({ policies: { housing_registration: { source: 'test: module defaults' } } }) },
  ];
  for (const c of cases) {
    for (const seed of SEEDS) {
      it(`${c.name}, seed ${seed}`, () => {
        expect((c.base.policies as Record<string, unknown>).housing_registration).toBeUndefined();
        const a = runSmall(c.base, { seed, months, sample: c.sample });
        const b = runSmall(c.policy, { seed, months, sample: c.sample });
        const cov = (r: typeof a) => meanOver(series(r, 'registry_coverage'), months - 5, months);
        const permits = (r: typeof a) => meanOver(series(r, 'permit_holders'), months - 5, months);
        expect(cov(b)).toBeGreaterThan(cov(a));
        expect(permits(b)).toBeGreaterThan(permits(a));
      });
    }
  }
});
