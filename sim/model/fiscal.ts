/**
 * Fiscal (MODEL.md §3.8). Each new urban citizen of the month carries the
 * public cost per citizen (grown with the cost index), split between
 * government, employers and the person by the cost shares (all government
 * unless the cost-sharing policy sets them). The three parts always add up
 * to the cost. Public rental financing and land-ticket payments are booked
 * by their policies.
 *
 * Employers' contributions raise the cost of formal jobs: the step keeps the
 * employers' part over the last 12 months, and τ = that sum / (12 × formal
 * workers × mean wage) is what they pay on top of a formal wage; labour.ts
 * multiplies the chance a new hire is formal by (1 + τ)^(−ε),
 * ε = `labour.formal_cost_elasticity` (`formalFactor`). No employers' share: τ = 0, factor 1.
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
const { NO_JOB } = enumsM;

interface FiscalState {
  /** Employers' contributions of the last 12 months (ring), their sum, the next slot. */
  ring: Float64Array;
  sum: number;
  next: number;
  /** (1 + τ)^(−ε) for next month's hires. */
  factor: number;
  tau: number;
}

const STATES = new WeakMap<World, FiscalState>();

function stateOf(w: World): FiscalState {
  let st = STATES.get(w);
  if (!st) {
    st = { ring: new Float64Array(12), sum: 0, next: 0, factor: 1, tau: 0 };
    STATES.set(w, st);
  }
  return st;
}

/** The factor on the chance a new hire is formal: (1 + τ)^(−ε); 1 without employers' contributions. */
export function formalFactor(w: World): number {
  return STATES.get(w)?.factor ?? 1;
}

/** τ: employers' contributions of the last 12 months over 12 months of the formal wage bill. */
export function formalCostRate(w: World): number {
  return STATES.get(w)?.tau ?? 0;
}

/** The factor for a cost rate τ and elasticity ε. */
export const formalFactorOf = (tau: number, elasticity: number): number => (tau > 0 ? Math.pow(1 + tau, -elasticity) : 1);

export function fiscalStep(w: World, _month: number): void {
  const cost = w.flows.settlements * w.city.fiscal.public_cost_per_citizen_yuan * w.costIndex;
  const [g, e] = w.levers.costShares;
  const gov = cost * g;
  const emp = cost * e;
  w.flows.costGov += gov;
  w.flows.costEmployers += emp;
  w.flows.costPersons += cost - gov - emp;
  const st = STATES.get(w);
  if (!(emp > 0) && (!st || st.sum === 0)) return; // never any employers' contributions: factor stays 1
  const s = st ?? stateOf(w);
  s.sum += emp - s.ring[s.next]!;
  s.ring[s.next] = emp;
  s.next = (s.next + 1) % 12;
  if (s.sum < 1e-6) s.sum = 0;
  // The formal wage bill of the month.
  const pc = w.persons.cols;
  let bill = 0;
  for (let p = 0; p < w.persons.size; p++) {
    if (w.persons.live[p] && pc.sector[p] !== NO_JOB && pc.formal[p]) bill += pc.wage[p]!;
  }
  bill *= w.wageIndex;
  s.tau = bill > 0 ? s.sum / (12 * bill) : 0;
  s.factor = formalFactorOf(s.tau, w.city.labour.formal_cost_elasticity);
}
