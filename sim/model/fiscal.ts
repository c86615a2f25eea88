/**
 * Fiscal (MODEL.md §3.8). Each new urban citizen of the month carries the
 * public cost per citizen (grown with the cost index), split between
 * government, employers and the person by the cost shares (all government
 * unless the cost-sharing policy sets them). The three parts always add up
 * to the cost. Public rental financing and land-ticket payments are booked
 * by their policies.
 */
import type { World } from './world.ts';

export function fiscalStep(w: World, _month: number): void {
  const cost = w.flows.settlements * w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex;
  const [g, e] = w.levers.costShares;
  const gov = cost * g;
  const emp = cost * e;
  w.flows.costGov += gov;
  w.flows.costEmployers += emp;
  w.flows.costPersons += cost - gov - emp;
}
