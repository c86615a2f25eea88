/**
 * Observation (MODEL.md §3.11): records the indicators of MODEL.md §5 in
 * real-world units (agents / sample), from the census the pulse step took at
 * the end of the month (census.ts, pulse.ts) and the month's flows. It only
 * reads: nothing it computes reaches the model.
 */
import type { World } from '../world.ts';
import * as enumsM from '../enums.ts';
import { INDICATORS, POLICY_REPORTED } from './indicators.ts';
import { giniFromBins } from './gini.ts';
import { lastCensus } from './pulse.ts';
import type { Census } from './census.ts';
import { recordHousing } from './housingIndicators.ts';
import { fiscalBooks, formalCostRate } from '../fiscal.ts';
const { DORMITORY, MARKET_RENTAL, NS, NT, OWNED, PUBLIC_RENTAL, TENURE, URBAN_VILLAGE } = enumsM;

/** Receives one indicator value; zone -1 is the whole city. */
export type Record = (indicator: string, zone: number, value: number) => void;

/** Indicators that policies report (0 in worlds without the policy), in catalogue order. */
const POLICY_STOCKS = INDICATORS.filter((d) => POLICY_REPORTED.has(d.name) && d.kind === 'stock');
const POLICY_FLOWS = INDICATORS.filter((d) => POLICY_REPORTED.has(d.name) && d.kind === 'flow');

/** Rental tenures reported separately in rent_to_income_<tenure>. */
const RENT_TENURES = [MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY] as const;

/** Records the month's indicators from the census of the pulse step (the last step of the month; see pulse.ts). */
export function observe(w: World, record: Record): void {
  recordIndicators(w, lastCensus(w), record);
}

/** Records the indicators from a census of w's current state. */
export function recordIndicators(w: World, c: Census, record: Record): void {
  const nz = w.nz;
  const { residents, hukou, localUrban, rural, uv, prh, mgKids, mgKidsPlaced, employed, formalN, lf, registered, permits, wageSum, nonHukou, gc, gs, zonePop, hukouZone, leftBehind, renters, burdened, prhRent, prhInc, rentSum, rentInc, incSum, hhN, rentOcc, rentN, rentZT, incZT } = c;
  const st = w.govState;
  const real = (x: number) => x / w.sample;
  const f = w.flows;
  const R = record;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const resUrban = ratio(residents - rural, residents);
  const hukUrban = ratio(localUrban, hukou);
  R('residents', -1, real(residents));
  R('hukou_residents', -1, real(hukou));
  R('hukou_share', -1, ratio(hukou, residents));
  R('urban_hukou_rate', -1, hukUrban);
  R('resident_urban_rate', -1, resUrban);
  R('urbanisation_gap', -1, resUrban - hukUrban);
  R('arrivals', -1, real(f.arrivals));
  R('departures', -1, real(f.departures));
  R('out_migrants', -1, real(w.mig.outMigrants));
  R('births', -1, real(f.births));
  R('deaths', -1, real(f.deaths));
  R('settlement_applicants', -1, real(f.applicants));
  R('granted_applicants', -1, real(f.settledApplicants));
  R('settlements', -1, real(f.settlements));
  for (let z = 0; z < nz; z++) R('settlements', z, real(f.settlementsByZone[z]!));
  if (!Number.isNaN(f.cutoff)) R('cutoff_score', -1, f.cutoff);
  R('permit_holders', -1, real(permits));
  let rs = 0, ri = 0, ps = 0, pi = 0, mr = 0, mn = 0;
  for (let z = 0; z < nz; z++) {
    const price = w.priceLevel[z * NT + OWNED]!;
    const annualInc = hhN[z]! > 0 ? (incSum[z]! / hhN[z]!) * 12 : 0;
    R('rent_to_income', z, ratio(rentSum[z]!, rentInc[z]!));
    R('price_to_income', z, ratio(price, annualInc));
    R('mean_rent', z, ratio(rentOcc[z]!, rentN[z]!));
    rs += rentSum[z]!;
    ri += rentInc[z]!;
    ps += price * hhN[z]!;
    pi += annualInc * hhN[z]!;
    mr += rentOcc[z]!;
    mn += rentN[z]!;
  }
  R('rent_to_income', -1, ratio(rs, ri));
  for (const t of RENT_TENURES) {
    const name = `rent_to_income_${TENURE[t]}`;
    let r = 0, i = 0;
    for (let z = 0; z < nz; z++) {
      R(name, z, ratio(rentZT[z * NT + t]!, incZT[z * NT + t]!));
      r += rentZT[z * NT + t]!;
      i += incZT[z * NT + t]!;
    }
    R(name, -1, ratio(r, i));
  }
  R('price_to_income', -1, ratio(ps, pi));
  R('mean_rent', -1, ratio(mr, mn));
  recordHousing(w, R);
  R('urban_village_share', -1, ratio(uv, residents));
  R('public_rental_occupants', -1, real(prh));
  for (const d of POLICY_STOCKS) {
    const count = w.stocks.get(d.name);
    R(d.name, -1, real(count ? count(w) : 0));
  }
  R('public_rental_rent_burden', -1, ratio(prhRent, prhInc));
  R('migrant_school_access', -1, mgKids > 0 ? mgKidsPlaced / mgKids : NaN);
  R('left_behind_children', -1, real(leftBehind));
  R('unemployment_rate', -1, ratio(lf - employed, lf));
  R('formal_share', -1, ratio(formalN, employed));
  R('formal_cost_rate', -1, formalCostRate(w));
  let jobsAll = 0, vacant = 0;
  for (let k = 0; k < w.jobs.length; k++) {
    jobsAll += w.jobs[k]!;
    vacant += Math.max(0, Math.floor(w.jobs[k]!) - w.filled[k]!);
  }
  R('job_vacancies', -1, real(vacant));
  R('job_vacancy_rate', -1, ratio(vacant, jobsAll));
  R('registry_coverage', -1, ratio(registered, residents));
  R('problems_raised', -1, real(st.raised));
  R('problems_detected', -1, real(st.detected));
  R('problems_resolved', -1, real(st.resolved));
  R('complaint_backlog', -1, real(st.backlog));
  R('mean_response_days', -1, st.responseDays);
  R('problems_abandoned', -1, real(st.abandoned));
  R('problems_closed_unresolved', -1, real(st.closedUnresolved));
  R('complaint_utilisation', -1, st.utilisation);
  R('satisfaction', -1, st.satisfaction);
  R('fiscal_cost_gov', -1, real(f.costGov));
  R('fiscal_cost_employers', -1, real(f.costEmployers));
  R('fiscal_cost_persons', -1, real(f.costPersons));
  R('fiscal_cost_total', -1, real(f.costGov + f.costEmployers + f.costPersons));
  const books = fiscalBooks(w);
  R('fiscal_service_cost', -1, real(f.serviceCost));
  R('fiscal_service_cost_gov', -1, real(f.serviceGov));
  R('fiscal_tax_revenue', -1, real(f.taxRevenue));
  R('fiscal_revenue', -1, real(books.revenue));
  R('fiscal_spending', -1, real(books.spending));
  R('fiscal_net', -1, real(books.net));
  R('fiscal_revenue_ytd', -1, real(books.revenueYtd));
  R('fiscal_spending_ytd', -1, real(books.spendingYtd));
  R('fiscal_net_ytd', -1, real(books.netYtd));
  R('fiscal_balance', -1, real(books.balance));
  R('fiscal_debt', -1, real(books.debt));
  R('fiscal_new_citizens', -1, real(books.newCitizens));
  for (const d of POLICY_FLOWS) R(d.name, -1, real(f.value(d.name)));
  for (let z = 0; z < nz; z++) {
    R('zone_population', z, real(zonePop[z]!));
    R('zone_density', z, real(zonePop[z]!) / w.city.zones[z]!.area_km2);
    let j = 0;
    for (let sc = 0; sc < NS; sc++) j += w.jobs[z * NS + sc]!;
    R('zone_jobs', z, real(j));
    R('zone_hukou_share', z, ratio(hukouZone[z]!, zonePop[z]!));
  }
  R('income_gini_hukou', -1, giniFromBins(gc[0]!, gs[0]!));
  R('income_gini_nonhukou', -1, giniFromBins(gc[1]!, gs[1]!));
}
