/**
 * The report's sections, in reading order, and which section each indicator
 * and each standard chart (viz/charts/standard.ts, by file stem) belongs to.
 * One place, so the report, the findings and any other page (the explorer)
 * group the same way. The zones section is also where zone maps go.
 */

export const SECTIONS = [
  { id: 'people', title: 'People', intro: 'Residents, arrivals and departures, births and deaths, jobs and incomes.' },
  { id: 'hukou', title: 'Hukou', intro: 'Who holds local hukou: applications, grants, cut-off scores, the hukou share and the urbanisation gap.' },
  { id: 'housing', title: 'Housing', intro: 'Rents, prices and vacancy by zone and tenure; moves, demolition and public rental housing.' },
  { id: 'services', title: 'Services', intro: 'School places for migrant children, left-behind children and registration.' },
  { id: 'money', title: 'Money', intro: 'Who pays for settling people (government, employers, the persons themselves), the recurring cost of public services, taxes and land tickets, and the fiscal balance they add up to.' },
  { id: 'governance', title: 'Governance', intro: 'Problems raised, detected and resolved; the complaint backlog, response times and satisfaction.' },
  { id: 'zones', title: 'Zones', intro: 'The city zone by zone: residents, settlements and rents in each zone.' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** Indicator name patterns → section (first match wins). */
const BY_INDICATOR: readonly [RegExp, SectionId][] = [
  [/^(problems_|complaint_|mean_response_days$|satisfaction$)/, 'governance'],
  [/^(fiscal_|public_rental_grants$|public_rental_loans$|land_ticket)/, 'money'],
  [/^(migrant_school_access$|left_behind_children$|registry_coverage$|school_)/, 'services'],
  [/^(hukou_|urban_hukou_rate$|urbanisation_gap$|resident_urban_rate$|settlement|granted_|cutoff_|permit_)/, 'hukou'],
  [/^(rent|price|mean_rent$|vacancy|moves$|dwellings_|households_displaced$|urban_village|public_rental)/, 'housing'],
  [/^zone_/, 'zones'],
];

/** The section of an indicator; people (residents, flows, labour, incomes) by default. */
export function indicatorSection(name: string): SectionId {
  for (const [re, s] of BY_INDICATOR) if (re.test(name)) return s;
  return 'people';
}

/** The section of a standard chart by its file stem ("ts-hukou_share", "cost-by-payer", …). */
export function chartSection(name: string): SectionId {
  if (name.startsWith('ts-')) return indicatorSection(name.slice(3));
  if (name.startsWith('zones-') || name.startsWith('map-')) return 'zones';
  if (name.startsWith('rent-to-income')) return 'housing';
  if (name === 'stacked-hukou' || name === 'cutoff-applicants') return 'hukou';
  if (name === 'cost-by-payer') return 'money';
  return 'people';
}
