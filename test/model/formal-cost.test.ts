/**
 * Employers' contributions make formal jobs dearer (sim/model/fiscal.ts, labour.ts): τ = the
 * employers' part of the last 12 months / 12 months of the formal wage bill, and a new hire is
 * formal with the education's share × (1 + τ)^(−ε).
 */
import { describe, expect, it } from 'vitest';
import { citizenisationYear, fiscalStep, formalCostRate, formalFactor, formalFactorOf } from '../../sim/model/fiscal.ts';
import { pulseStep } from '../../sim/model/observe/pulse.ts';
import { labourMarket } from '../../sim/model/labour.ts';
import { NO_JOB } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { chongqingWith, tinyWorld } from '../policy/helpers.ts';

function formalBill(w: World): number {
  const pc = w.persons.cols;
  let bill = 0;
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.sector[p] !== NO_JOB && pc.formal[p]) bill += pc.wage[p]! * w.wageIndex;
  return bill;
}

/** Hukou and non-hukou residents cost the same a year: new citizens add no recurring cost, only the one-off one. */
const FLAT = { city: { fiscal: { service_hukou_yuan_year: 1000, service_nonhukou_yuan_year: 1000 } } };

describe("employers' contributions raise the cost of formal jobs", () => {
  it('τ is the 12-month sum of the employers\' part over 12 months of the formal wage bill; the factor (1 + τ)^(−0.5); gone 12 months after the last settlement', () => {
    const w = tinyWorld(chongqingWith(FLAT), 1e-4);
    expect(citizenisationYear(w.city.fiscal)).toBe(0);
    expect(formalFactor(w)).toBe(1);
    // The bill τ is taken over is the pulse's (the census of the state, unchanged since).
    expect(w.pulse.formalWageBill).toBeCloseTo(formalBill(w), 3);
    w.levers.costShares = [0.3, 0.4, 0.3];
    w.flows.settlements = 10;
    fiscalStep(w, 1);
    const emp = 10 * w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex * 0.4;
    const tau = emp / (12 * formalBill(w));
    expect(formalCostRate(w)).toBeCloseTo(tau, 12);
    expect(formalFactor(w)).toBeCloseTo((1 + tau) ** -0.5, 12);
    expect(formalFactorOf(0, 0.5)).toBe(1);
    // Eleven more months without settlements keep the contribution in the window; the twelfth drops it.
    w.flows.settlements = 0;
    for (let m = 2; m <= 12; m++) fiscalStep(w, m);
    expect(formalCostRate(w)).toBeGreaterThan(0);
    fiscalStep(w, 13);
    expect(formalCostRate(w)).toBe(0);
    expect(formalFactor(w)).toBe(1);
  });

  it("the employers' share of new citizens' recurring cost keeps τ up after the one-off part has left the window", () => {
    const w = tinyWorld(chongqingWith(), 1e-4);
    const cy = citizenisationYear(w.city.fiscal);
    expect(cy).toBeGreaterThan(0);
    w.levers.costShares = [0.3, 0.4, 0.3];
    w.flows.settlements = 10;
    fiscalStep(w, 1);
    w.flows.settlements = 0;
    // No deaths are booked: the 10 new citizens stay, each month the employers pay 0.4 × 10 × cy × c / 12.
    for (let m = 2; m <= 13; m++) fiscalStep(w, m);
    const monthly = (0.4 * 10 * cy * w.costIndex) / 12;
    expect(formalCostRate(w)).toBeCloseTo((12 * monthly) / (12 * w.pulse.formalWageBill), 12);
  });

  it('without an employers\' share nothing changes: the factor stays 1', () => {
    const w = tinyWorld(chongqingWith(), 1e-4);
    w.flows.settlements = 1000;
    fiscalStep(w, 1);
    expect(formalFactor(w)).toBe(1);
    expect(formalCostRate(w)).toBe(0);
  });

  it('the same seekers are hired on the same draws; with τ = 1 a formal hire is one that would be formal anyway, and formal hires fall to about 1/√2 of them', () => {
    const hires = (tau: number) => {
      const w = tinyWorld(chongqingWith(FLAT), 3e-3);
      const pc = w.persons.cols;
      // A third of the employed lose their job: a large pool of seekers meets the vacancies.
      for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.sector[p] !== NO_JOB && p % 3 === 0) w.leaveJob(p);
      pulseStep(w); // τ is taken over the pulse's formal wage bill
      if (tau > 0) {
        w.levers.costShares = [0, 1, 0];
        // Settlements so that the employers' part is τ × 12 × the formal wage bill.
        w.flows.settlements = (tau * 12 * formalBill(w)) / (w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex);
        fiscalStep(w, 1);
        expect(formalCostRate(w)).toBeCloseTo(tau, 9);
      }
      const before = Uint8Array.from(pc.sector.subarray(0, w.persons.size), (s) => (s === NO_JOB ? 1 : 0));
      labourMarket(w, 1);
      const hired: number[] = [], formal: number[] = [];
      for (let p = 0; p < w.persons.size; p++) {
        if (before[p] && pc.sector[p] !== NO_JOB) {
          hired.push(p);
          if (pc.formal[p]) formal.push(p);
        }
      }
      return { hired, formal };
    };
    const base = hires(0);
    const dear = hires(1);
    expect(dear.hired).toEqual(base.hired);
    expect(base.hired.length).toBeGreaterThan(300);
    const baseSet = new Set(base.formal);
    expect(dear.formal.every((p) => baseSet.has(p))).toBe(true);
    const ratio = dear.formal.length / base.formal.length;
    // Binomial: each formal hire stays formal with 1/√2 = 0.707; 4 standard errors.
    const se = Math.sqrt((0.707 * 0.293) / base.formal.length);
    expect(Math.abs(ratio - Math.SQRT1_2)).toBeLessThan(4 * se);
  });
});
