/**
 * Fiscal (MODEL.md §7.8): the city's yearly flows and stocks, booked each
 * month from counts the model already keeps (the pulse of the end of last
 * month and the month's flows); no pass over persons.
 *
 * Flows of the month (nominal yuan; `c` = the cost index, grown at
 * `cost_growth_year`; `F` = `city.fiscal`):
 *
 * - one-off settlement cost = settlements × F.public_cost_per_citizen_yuan × c,
 *   split by the cost shares [government, employers, persons] (all government
 *   unless the cost-sharing policy sets them); the parts add up to the cost;
 * - recurring service cost = (hukou residents × F.service_hukou_yuan_year
 *   + non-hukou residents × F.service_nonhukou_yuan_year + non-hukou
 *   children with a school place × F.school_place_yuan_year) × c / 12.
 *   Its citizenisation part, new citizens × max(0, hukou − non-hukou cost)
 *   × c / 12, is split by the cost shares too (employers: their social
 *   insurance; persons: their own contributions); the government pays the rest;
 * - tax revenue = (formal wage bill × F.tax_rate_formal_wages + informal
 *   wage bill × F.tax_rate_informal_wages), the wage bills of the pulse;
 * - what policies book: revenue (the city's share of land-ticket proceeds),
 *   spending (public rental grants), borrowing (public rental loans).
 *
 * Government revenue = taxes + policy revenue; government spending = the
 * government's parts of the one-off and the recurring cost + policy spending;
 * net = revenue − spending. Stocks: the fiscal balance (net summed since the
 * start), the debt (borrowing summed since the start; repayment not
 * modelled), year-to-date revenue, spending and net (reset each January), and
 * the new citizens: persons settled during the run, N ← N × (1 − deaths /
 * residents) + settlements, at most the hukou residents (an aggregate: new
 * citizens are not followed one by one).
 *
 * Employers' contributions raise the cost of formal jobs: the step keeps the
 * employers' parts (one-off and recurring) over the last 12 months, and
 * τ = that sum / (12 × the formal wage bill of the pulse) is what they pay on
 * top of a formal wage; labour.ts multiplies the chance a new hire is formal
 * by (1 + τ)^(−ε), ε = `labour.formal_cost_elasticity` (`formalFactor`). No
 * employers' share: τ = 0, factor 1.
 */
import type { World } from './world.ts';

interface FiscalState {
  /** Employers' contributions of the last 12 months (ring), their sum, the next slot. */
  ring: Float64Array;
  sum: number;
  next: number;
  /** (1 + τ)^(−ε) for next month's hires. */
  factor: number;
  tau: number;
  /** Stocks (nominal yuan; persons for newCitizens), agents' scale. */
  newCitizens: number;
  balance: number;
  debt: number;
  revenueYtd: number;
  spendingYtd: number;
  netYtd: number;
  /** The month's government revenue, spending and net (flows). */
  revenue: number;
  spending: number;
  net: number;
}

/** The fiscal books of a world: flows of the last month booked and the stocks after it. */
export type FiscalBooks = Readonly<Pick<FiscalState, 'newCitizens' | 'balance' | 'debt' | 'revenueYtd' | 'spendingYtd' | 'netYtd' | 'revenue' | 'spending' | 'net'>>;

const STATES = new WeakMap<World, FiscalState>();

function stateOf(w: World): FiscalState {
  let st = STATES.get(w);
  if (!st) {
    st = { ring: new Float64Array(12), sum: 0, next: 0, factor: 1, tau: 0, newCitizens: 0, balance: 0, debt: 0, revenueYtd: 0, spendingYtd: 0, netYtd: 0, revenue: 0, spending: 0, net: 0 };
    STATES.set(w, st);
  }
  return st;
}

const NO_BOOKS: FiscalBooks = { newCitizens: 0, balance: 0, debt: 0, revenueYtd: 0, spendingYtd: 0, netYtd: 0, revenue: 0, spending: 0, net: 0 };

/** The books after the last fiscal step (all 0 before the first). */
export function fiscalBooks(w: World): FiscalBooks {
  return STATES.get(w) ?? NO_BOOKS;
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

/** The yearly recurring cost a new citizen adds over a non-hukou resident (start-month yuan): what the cost shares split. */
export const citizenisationYear = (F: World['city']['fiscal']): number => Math.max(0, F.service_hukou_yuan_year - F.service_nonhukou_yuan_year);

export function fiscalStep(w: World, month: number): void {
  const F = w.city.fiscal;
  const f = w.flows;
  const pulse = w.pulse;
  const ci = w.costIndex;
  const [g, e, p] = w.levers.costShares;
  const st = stateOf(w);

  // One-off settlement cost.
  const cost = f.settlements * F.public_cost_per_citizen_yuan * ci;
  const gov = cost * g;
  const emp = cost * e;
  f.costGov += gov;
  f.costEmployers += emp;
  f.costPersons += cost - gov - emp;

  // New citizens: survivors of last month plus this month's settlements, at most the hukou residents.
  const hukou = pulse.residents - pulse.nonHukou;
  const died = pulse.residents > 0 ? Math.min(1, f.deaths / pulse.residents) : 0;
  st.newCitizens = Math.min(st.newCitizens * (1 - died) + f.settlements, hukou + f.settlements);

  // Recurring service cost; its citizenisation part is shared.
  const service = ((hukou * F.service_hukou_yuan_year + pulse.nonHukou * F.service_nonhukou_yuan_year + pulse.placedNonHukou * F.school_place_yuan_year) * ci) / 12;
  const shared = (st.newCitizens * citizenisationYear(F) * ci) / 12;
  const sEmp = shared * e;
  const sPers = shared * p;
  f.serviceCost += service;
  f.serviceEmployers += sEmp;
  f.servicePersons += sPers;
  f.serviceGov += service - sEmp - sPers;

  // Taxes on the wage bills of the pulse.
  f.taxRevenue += pulse.formalWageBill * F.tax_rate_formal_wages + (pulse.wageBill - pulse.formalWageBill) * F.tax_rate_informal_wages;

  // The government's books.
  if (w.calendar(month) === 1) st.revenueYtd = st.spendingYtd = st.netYtd = 0;
  st.revenue = f.taxRevenue + f.policyRevenue;
  st.spending = f.costGov + f.serviceGov + f.policySpending;
  st.net = st.revenue - st.spending;
  st.revenueYtd += st.revenue;
  st.spendingYtd += st.spending;
  st.netYtd += st.net;
  st.balance += st.net;
  st.debt += f.policyBorrowing;

  // Employers' contributions of the last 12 months → the cost rate of formal jobs.
  const empAll = emp + sEmp;
  if (!(empAll > 0) && st.sum === 0) return; // never any employers' contributions: factor stays 1
  st.sum += empAll - st.ring[st.next]!;
  st.ring[st.next] = empAll;
  st.next = (st.next + 1) % 12;
  if (st.sum < 1e-6) st.sum = 0;
  const bill = pulse.formalWageBill;
  st.tau = bill > 0 ? st.sum / (12 * bill) : 0;
  st.factor = formalFactorOf(st.tau, w.city.labour.formal_cost_elasticity);
}
