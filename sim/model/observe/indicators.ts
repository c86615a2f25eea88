/**
 * The indicators of MODEL.md section 5, defined once: name, unit, one-line
 * meaning, whether it is recorded by zone and whether it is yearly. The same
 * definitions feed indicators.csv, summary.json, the charts and the explorer.
 *
 * Units: `persons` are real-world persons (agents / sample); `share` is 0..1;
 * `yuan` is yuan of the month's prices; `ratio` is dimensionless.
 */

export type Unit =
  | 'persons'
  | 'children'
  | 'share'
  | 'ratio'
  | 'points'
  | 'yuan'
  | 'yuan/month'
  | 'mu'
  | 'days'
  | 'problems'
  | 'persons/km2'
  | 'jobs'
  | 'households'
  | 'score';

export interface IndicatorDef {
  name: string;
  unit: Unit;
  meaning: string;
  /** Also recorded per zone (zone column = zone id); the city value has zone "all". */
  byZone?: boolean;
  /** Recorded once a year (in the month of the event); other months are absent. */
  yearly?: boolean;
  /** How values of a period add up: 'flow' values are counts within the month, 'stock' values are levels. */
  kind: 'stock' | 'flow';
  /** Headline indicators are shown first in reports and the explorer. */
  headline?: boolean;
}

export const INDICATORS: readonly IndicatorDef[] = [
  { name: 'residents', unit: 'persons', kind: 'stock', byZone: false, headline: true, meaning: 'resident population (常住人口)' },
  { name: 'hukou_residents', unit: 'persons', kind: 'stock', headline: true, meaning: 'residents holding local hukou' },
  { name: 'hukou_share', unit: 'share', kind: 'stock', headline: true, meaning: 'hukou_residents / residents (倒挂 when far below 0.5)' },
  { name: 'urban_hukou_rate', unit: 'share', kind: 'stock', headline: true, meaning: 'local urban-hukou persons / all local-hukou residents (户籍人口城镇化率)' },
  { name: 'resident_urban_rate', unit: 'share', kind: 'stock', meaning: 'residents living in urban dwellings / residents (常住人口城镇化率)' },
  { name: 'urbanisation_gap', unit: 'share', kind: 'stock', headline: true, meaning: 'resident_urban_rate − urban_hukou_rate' },
  { name: 'arrivals', unit: 'persons', kind: 'flow', meaning: 'migrant persons arriving this month' },
  { name: 'departures', unit: 'persons', kind: 'flow', meaning: 'persons leaving the city this month: migrants returning to the hinterland and residents leaving for other places' },
  { name: 'out_migrants', unit: 'persons', kind: 'flow', meaning: 'of the departures, residents (not from the hinterland) leaving for other places this month (out-migration)' },
  { name: 'births', unit: 'persons', kind: 'flow', meaning: 'persons born this month' },
  { name: 'deaths', unit: 'persons', kind: 'flow', meaning: 'persons who died this month' },
  { name: 'settlement_applicants', unit: 'persons', kind: 'flow', yearly: false, meaning: 'persons who applied for local hukou in this month\'s settlement round' },
  { name: 'granted_applicants', unit: 'persons', kind: 'flow', meaning: 'applicants granted local hukou this month (their family members who follow are counted in settlements)' },
  { name: 'settlements', unit: 'persons', kind: 'flow', byZone: true, headline: true, meaning: 'persons granted local hukou this month (with their zone of residence)' },
  { name: 'cutoff_score', unit: 'points', kind: 'stock', yearly: true, meaning: 'lowest points score granted in a points round' },
  { name: 'permit_holders', unit: 'persons', kind: 'stock', meaning: 'non-hukou residents holding a residence permit (居住证)' },
  { name: 'rent_to_income', unit: 'ratio', kind: 'stock', byZone: true, headline: true, meaning: 'mean monthly rent / monthly household income of renting households' },
  ...(['market_rental', 'urban_village', 'public_rental', 'dormitory'] as const).map(
    (t): IndicatorDef => ({ name: `rent_to_income_${t}`, unit: 'ratio', kind: 'stock', byZone: true, meaning: `rent / monthly household income of households renting ${t.replace('_', ' ')} dwellings (ratio of sums)` }),
  ),
  { name: 'price_to_income', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'price of a mean owned dwelling / annual household income' },
  { name: 'mean_rent', unit: 'yuan/month', kind: 'stock', byZone: true, meaning: 'mean rent of occupied rental dwellings' },
  ...(['owned', 'market_rental', 'urban_village', 'public_rental', 'dormitory'] as const).map(
    (t): IndicatorDef => ({ name: `vacancy_${t}`, unit: 'share', kind: 'stock', byZone: true, meaning: `vacant ${t.replace('_', ' ')} dwellings / all ${t.replace('_', ' ')} dwellings` }),
  ),
  { name: 'moves', unit: 'households', kind: 'flow', meaning: 'households that moved from one dwelling to another this month (first placements of arrivals not counted)' },
  { name: 'rent_index', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'rent level of market and urban-village rentals / its level at the start (stock-weighted)' },
  { name: 'price_index', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'price level of owned dwellings / its level at the start (stock-weighted)' },
  { name: 'dwellings_demolished', unit: 'households', kind: 'flow', meaning: 'dwellings demolished, redeveloped, cleared or withdrawn this month' },
  { name: 'households_displaced', unit: 'households', kind: 'flow', meaning: 'households whose dwelling was demolished or cleared this month' },
  { name: 'urban_village_share', unit: 'share', kind: 'stock', meaning: 'residents living in urban-village rentals / residents' },
  { name: 'public_rental_occupants', unit: 'persons', kind: 'stock', meaning: 'residents living in public rental housing' },
  { name: 'public_rental_waitlist', unit: 'households', kind: 'stock', meaning: 'eligible households waiting for public rental housing' },
  { name: 'public_rental_rent_burden', unit: 'ratio', kind: 'stock', meaning: 'mean rent / income of public-rental occupants' },
  { name: 'migrant_school_access', unit: 'share', kind: 'stock', headline: true, meaning: 'non-hukou school-age children with a school place in the city / all non-hukou school-age children of residents' },
  { name: 'left_behind_children', unit: 'children', kind: 'stock', meaning: 'school-age children of residents living in the origin' },
  { name: 'unemployment_rate', unit: 'share', kind: 'stock', meaning: 'unemployed / labour force (ages 16–59 seeking work)' },
  { name: 'job_vacancies', unit: 'jobs', kind: 'stock', meaning: 'unfilled jobs at the end of the month (jobs − filled jobs over zones × sectors)' },
  { name: 'job_vacancy_rate', unit: 'share', kind: 'stock', meaning: 'job_vacancies / jobs' },
  { name: 'registry_coverage', unit: 'share', kind: 'stock', headline: true, meaning: 'residents registered in the housing registry / residents' },
  { name: 'problems_raised', unit: 'problems', kind: 'flow', meaning: 'problems raised by households this month' },
  { name: 'problems_detected', unit: 'problems', kind: 'flow', meaning: 'problems found by grid workers (not reported by residents) this month' },
  { name: 'problems_resolved', unit: 'problems', kind: 'flow', meaning: 'problems resolved this month' },
  { name: 'complaint_backlog', unit: 'problems', kind: 'stock', meaning: 'known problems (reported or detected) waiting: not yet resolved, closed or abandoned' },
  { name: 'mean_response_days', unit: 'days', kind: 'stock', meaning: "days from a problem becoming known to its resolution: the queue's wait by Little's law (mean backlog / known inflow) plus handling" },
  { name: 'problems_abandoned', unit: 'problems', kind: 'flow', meaning: 'known problems whose residents gave up waiting this month' },
  { name: 'problems_closed_unresolved', unit: 'problems', kind: 'flow', meaning: 'problems dispatched and closed without being resolved this month' },
  { name: 'complaint_utilisation', unit: 'ratio', kind: 'stock', meaning: 'known inflow / effective dispatch capacity over the last 12 months; 1 or more: the backlog grows' },
  { name: 'satisfaction', unit: 'share', kind: 'stock', meaning: 'mean resident satisfaction, 0..1' },
  { name: 'fiscal_cost_gov', unit: 'yuan', kind: 'flow', headline: true, meaning: 'citizenisation cost paid by government this month' },
  { name: 'fiscal_cost_employers', unit: 'yuan', kind: 'flow', meaning: 'citizenisation cost paid by employers this month' },
  { name: 'fiscal_cost_persons', unit: 'yuan', kind: 'flow', meaning: 'citizenisation cost paid by the new citizens themselves this month' },
  { name: 'fiscal_cost_total', unit: 'yuan', kind: 'flow', meaning: 'citizenisation cost of this month\'s new citizens, all payers' },
  { name: 'public_rental_grants', unit: 'yuan', kind: 'flow', meaning: 'public rental housing construction financed by grants this month' },
  { name: 'public_rental_loans', unit: 'yuan', kind: 'flow', meaning: 'public rental housing construction financed by loans this month' },
  { name: 'land_tickets_mu', unit: 'mu', kind: 'flow', meaning: 'homestead land reclaimed and sold as land tickets this month' },
  { name: 'land_ticket_payments', unit: 'yuan', kind: 'flow', meaning: 'land-ticket compensation paid to settling rural households this month' },
  { name: 'zone_population', unit: 'persons', kind: 'stock', byZone: true, meaning: 'residents living in the zone' },
  { name: 'zone_density', unit: 'persons/km2', kind: 'stock', byZone: true, meaning: 'residents per km² of zone land' },
  { name: 'zone_jobs', unit: 'jobs', kind: 'stock', byZone: true, meaning: 'jobs (filled and vacant) located in the zone' },
  { name: 'income_gini_hukou', unit: 'ratio', kind: 'stock', meaning: 'Gini coefficient of personal wage income among employed local-hukou residents' },
  { name: 'income_gini_nonhukou', unit: 'ratio', kind: 'stock', meaning: 'Gini coefficient of personal wage income among employed non-hukou residents' },
];

export const INDICATOR_BY_NAME: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.name, d]));

/** Indicator name → its index in INDICATORS (the index recorded rows carry). */
export const INDICATOR_INDEX: ReadonlyMap<string, number> = new Map(INDICATORS.map((d, i) => [d.name, i]));

/**
 * Indicators reported by the policy that declares them (PolicyModule.flows or .stocks), 0 in a
 * world without it. Observation records the policy flows together, after the fiscal costs, and
 * the policy stocks after public_rental_occupants, each in catalogue order. (Kept out of
 * IndicatorDef so that summary.json's definitions stay as they were.)
 */
export const POLICY_REPORTED: ReadonlySet<string> = new Set(['public_rental_waitlist', 'public_rental_grants', 'public_rental_loans', 'land_tickets_mu', 'land_ticket_payments']);
