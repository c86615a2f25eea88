/**
 * Key findings in words, generated from the headline differences and their
 * intervals (sim/run/stats.ts `differences`), one sentence per compared
 * scenario and city-wide headline indicator:
 *
 *   "B raises the urban hukou rate by 3.1 pp [+2.8 pp, +3.4 pp] by 2020-01
 *    against A; the 95% interval excludes zero."
 *
 * The verb comes from the sign of the mean difference; whether the interval
 * excludes zero from its bounds (and a one-seed run says it has none). Where
 * the "what differs" table (whatDiffers.ts) has a parameter that drives the
 * indicator, the sentence names it; for a few mechanisms whose direction is
 * known (cost sharing moves cost off the government; a faster platform cuts
 * response times) it says why the sign is what it is, only when the sign
 * agrees with that mechanism.
 */
import type { Difference } from '../../sim/run/stats.ts';
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { formatDifference, monthLabel } from '../format.ts';
import type { WhatDiffersRow } from './whatDiffers.ts';

/** One finding: the sentence and the facts it states (tests read these). */
export interface Finding {
  scenario: string;
  indicator: string;
  /** +1 raises, −1 lowers, 0 no change in the mean. */
  sign: number;
  /** The 95% interval lies wholly on one side of zero. */
  excludesZero: boolean;
  text: string;
}

/** A mechanism: the parameter paths that move an indicator, and (optionally) the direction a given policy difference pushes it, with why. */
interface Driver {
  indicators: RegExp;
  paths: readonly string[];
  /** When `policy` is in force in the compared scenario and not in the baseline, the indicator moves with `sign`, because … */
  known?: readonly { policy: string; sign: number; because: string }[];
}

const DRIVERS: readonly Driver[] = [
  {
    indicators: /^fiscal_cost_/,
    paths: ['policies.cost_sharing', 'policies.public_rental', 'policies.land_tickets', 'policies.differentiated', 'policies.points'],
    known: [
      { policy: 'cost_sharing', sign: -1, because: 'cost sharing, in force there only, moves part of each settled person\'s cost from the government to employers and the persons themselves' },
    ],
  },
  {
    indicators: /^(fiscal_(service_cost|service_cost_gov|tax_revenue|revenue|spending|net|revenue_ytd|spending_ytd|net_ytd|balance|debt|new_citizens)|land_ticket_revenue)$/,
    paths: ['city.fiscal', 'policies.cost_sharing', 'policies.land_tickets', 'policies.public_rental', 'policies.differentiated', 'policies.points', 'policies.conditions', 'policies.routes'],
  },
  {
    indicators: /^(settlements|granted_applicants|settlement_applicants|hukou_residents|hukou_share|urban_hukou_rate|urbanisation_gap|cutoff_score|permit_holders)$/,
    paths: ['policies.points', 'policies.differentiated', 'policies.conditions', 'policies.routes', 'policies.housing_registration', 'policies.land_tickets', 'policies.none'],
  },
  {
    indicators: /^(mean_response_days|complaint_backlog|satisfaction|problems_|complaint_)/,
    paths: ['policies.grid_governance', 'city.governance'],
  },
  {
    indicators: /^(rent|price|mean_rent|vacancy|public_rental_|urban_village_share|dwellings_|households_displaced|moves)/,
    paths: ['policies.public_rental', 'policies.urban_village', 'policies.relief', 'city.housing'],
  },
  {
    indicators: /^(residents|zone_population|zone_density|zone_jobs|arrivals|departures)$/,
    paths: ['policies.relief', 'policies.differentiated', 'policies.public_rental', 'policies.urban_village', 'city.migration', 'city.arrivals'],
  },
  { indicators: /^(migrant_school_access|left_behind_children)$/, paths: ['policies.school_points', 'city.services'] },
  { indicators: /^registry_coverage$/, paths: ['policies.housing_registration', 'city.registration'] },
];

/** Words for indicators whose names do not read as English. */
const WORDS: Record<string, string> = {
  fiscal_cost_gov: "the government's cost",
  fiscal_cost_employers: "employers' cost",
  fiscal_cost_persons: "the settled persons' own cost",
  fiscal_cost_total: 'the total cost',
  fiscal_balance: 'the fiscal balance',
  fiscal_net: "the month's fiscal net",
  fiscal_net_ytd: "the year's fiscal net so far",
  fiscal_debt: 'the public debt',
  mean_response_days: 'the mean response time',
  zone_population: 'the zone population',
};

/** "the urban hukou rate" from the indicator's name. */
function indicatorWords(def: IndicatorDef): string {
  return WORDS[def.name] ?? `the ${def.name.replace(/_/g, ' ')}`;
}

const lastSegment = (path: string) => path.replace(/\[([^\]]+)\]/g, '.$1').split('.').slice(-2).join(' ');

/** What of `whatDiffers` bears on `indicator` between the baseline (column 0) and scenario column `col`: short phrases, at most three. */
export function relevantDifferences(indicator: string, rows: readonly WhatDiffersRow[], col: number): string[] {
  const driver = DRIVERS.find((d) => d.indicators.test(indicator));
  if (!driver) return [];
  const out: string[] = [];
  const policyRows = new Set<string>();
  for (const r of rows) {
    if (!driver.paths.some((p) => r.path === p || r.path.startsWith(`${p}.`) || r.path.startsWith(`${p}[`))) continue;
    const a = r.values[0]!;
    const b = r.values[col]!;
    if (a === b) continue;
    const policy = /^policies\.([A-Za-z0-9_]+)$/.exec(r.path)?.[1];
    if (policy) {
      policyRows.add(policy);
      out.push(`${policy.replace(/_/g, ' ')} ${b === 'in force' ? 'is in force here only' : 'is in force in the baseline only'}`);
      continue;
    }
    // A policy's own parameters are summed up by its in-force row.
    const owner = /^policies\.([A-Za-z0-9_]+)/.exec(r.path)?.[1];
    if (owner && policyRows.has(owner)) continue;
    out.push(`${lastSegment(r.path)} ${a} → ${b}`);
  }
  return out.length > 3 ? [...out.slice(0, 3), `${out.length - 3} more in "What differs"`] : out;
}

/** Sentences for every compared scenario and every city-wide headline indicator, in scenario then headline order. */
export function keyFindings(
  diffs: readonly Difference[],
  headline: readonly string[],
  scenarios: readonly { id: string; title: string }[],
  startMonth: string,
  whatDiffers: readonly WhatDiffersRow[] = [],
  intervalWords = '95% interval',
): Finding[] {
  const out: Finding[] = [];
  const base = scenarios[0];
  if (!base) return out;
  scenarios.slice(1).forEach((sc, k) => {
    for (const name of headline) {
      const def = INDICATORS.find((d) => d.name === name);
      const d = diffs.find((x) => x.scenario === sc.id && x.indicator === name && x.zone === 'all');
      if (!def || !d || !Number.isFinite(d.difference)) continue;
      out.push(finding(d, def, sc.title, base.title, startMonth, relevantDifferences(name, whatDiffers, k + 1), whatDiffers, k + 1, intervalWords));
    }
  });
  return out;
}

function finding(
  d: Difference,
  def: IndicatorDef,
  title: string,
  baseTitle: string,
  startMonth: string,
  why: readonly string[],
  rows: readonly WhatDiffersRow[],
  col: number,
  intervalWords: string,
): Finding {
  const sign = d.difference > 0 ? 1 : d.difference < 0 ? -1 : 0;
  const hasInterval = Number.isFinite(d.lo) && Number.isFinite(d.hi) && d.n > 1;
  const excludesZero = hasInterval && (d.lo > 0 || d.hi < 0);
  const what = d.measure === 'total' ? `${indicatorWords(def)} in total over ${monthLabel(startMonth, d.fromMonth)} to ${monthLabel(startMonth, d.toMonth)}` : indicatorWords(def);
  const when = d.measure === 'total' ? '' : ` by ${monthLabel(startMonth, d.toMonth)}`;
  const size = formatDifference(Math.abs(d.difference), def.unit).replace(/^[+±]/, '');
  const interval = hasInterval ? ` [${formatDifference(d.lo, def.unit)}, ${formatDifference(d.hi, def.unit)}]` : '';
  const verb = sign > 0 ? `raises ${what} by ${size}` : sign < 0 ? `lowers ${what} by ${size}` : `leaves ${what} unchanged`;
  const verdict = !hasInterval
    ? 'one seed only, so there is no interval'
    : excludesZero
      ? `the ${intervalWords} excludes zero`
      : `the ${intervalWords} includes zero, so this run cannot tell it from no effect`;
  let text = `${title} ${verb}${interval}${when} against ${baseTitle}; ${verdict}.`;
  const known = DRIVERS.find((x) => x.indicators.test(def.name))?.known ?? [];
  const reason = known.find((m) => m.sign === sign && inForceOnlyIn(rows, m.policy, col));
  if (reason && excludesZero) text += ` It ${sign < 0 ? 'falls' : 'rises'} because ${reason.because}.`;
  else if (why.length > 0) text += ` What differs that bears on it: ${why.join('; ')}.`;
  return { scenario: d.scenario, indicator: def.name, sign, excludesZero, text };
}

function inForceOnlyIn(rows: readonly WhatDiffersRow[], policy: string, col: number): boolean {
  const r = rows.find((x) => x.path === `policies.${policy}`);
  return r !== undefined && r.values[col] === 'in force' && r.values[0] === 'not in force';
}
