/**
 * Dates on policies (sim/policy/dates.ts): a rule is in force from its
 * `from` month to the month before its `until`, and a scenario can switch
 * rules mid-run.
 */
import { describe, expect, it } from 'vitest';
import { activeMonths, monthIndex } from '../../sim/policy/dates.ts';
import { addHousehold, chongqingWith, runSmall, tinyWorld } from './helpers.ts';
import { LOCAL_RURAL, MARKET_RENTAL, NONLOCAL_RURAL, NONLOCAL_URBAN } from '../../sim/model/enums.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import { publishedTerms, wantsHukou } from '../../sim/model/hukouValue.ts';
import { locationTermsOf } from '../../sim/model/location.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';

describe('policy dates', () => {
  it('count months from the scenario start: month m is the calendar month start + m', () => {
    expect(monthIndex('2010-07', '2011-07')).toBe(12);
    expect(monthIndex('2013-12', '2018-01')).toBe(49);
    expect(monthIndex('2013-12', '2013-01')).toBe(-11);
    // A `from` before the start means from month 1; no `until` means to the end.
    expect(activeMonths('2013-12', { from: '2010-01' })).toEqual({ from: 1, until: Infinity });
    expect(activeMonths('2010-07', { until: '2015-01' })).toEqual({ from: 1, until: 54 });
  });

  it('a scenario that switches rules mid-run: the first rule grants only before the switch month, the second only from it', () => {
    // Phase 1: conditions for non-local residents only; phase 2: differentiated for local rural residents only.
    // A settle listener records, month by month, whom each grant converted (their hukou before).
    const sc = chongqingWith({
      policies: {
        conditions: { until: '2011-07', min_years_in_city: 0, residence: 'any', include_local_rural: false, apply_rate: 0.2, month_of_year: 0 },
        differentiated: {
          from: '2011-07',
          zones: {},
          other_zones: { years_work: 0, residence: 'any', stance: 'open' },
          include_local_rural: true,
          include_nonlocal: false,
          apply_rate: 0.2,
          month_of_year: 0,
          source: 'test: every zone open, no years of work',
        },
      },
    });
    const nonlocal: number[] = [];
    const rural: number[] = [];
    runSmall(sc, {
      seed: 1,
      months: 20,
      sample: 0.0005,
      onStart: (w) => {
        w.settleListeners.push((_w, _p, m, prev) => {
          if (prev === NONLOCAL_URBAN || prev === NONLOCAL_RURAL) nonlocal[m] = (nonlocal[m] ?? 0) + 1;
          if (prev === LOCAL_RURAL) rural[m] = (rural[m] ?? 0) + 1;
        });
      },
    });
    const SWITCH = 12; // 2011-07 from a 2010-07 start
    const sum = (a: number[], from: number, to: number) => a.slice(from, to + 1).reduce((s, x) => s + (x ?? 0), 0);
    expect(sum(nonlocal, 1, SWITCH - 1)).toBeGreaterThan(0);
    expect(sum(rural, 1, SWITCH - 1)).toBe(0);
    expect(sum(nonlocal, SWITCH, 20)).toBe(0);
    expect(rural[SWITCH] ?? 0).toBeGreaterThan(0); // the second rule grants in its first month
  });

  it('the shipped Chongqing 2010→2015 switch and Beijing points from 2018 validate with their dates', () => {
    const cq = loadScenarioFile('scenarios/policies/chongqing-2010-2015.yaml').scenario;
    const phases = (cq.policies as Record<string, unknown>).differentiated as { from?: string; until?: string }[];
    expect(phases.map((p) => [p.from, p.until])).toEqual([[undefined, '2015-01'], ['2015-01', undefined]]);
    const bj = loadScenarioFile('scenarios/policies/beijing-points.yaml').scenario;
    expect(((bj.policies as Record<string, unknown>).points as { from?: string }).from).toBe('2018-01');
  });
});

describe('at its `until` a rule puts back what it set outside the levers', () => {
  it("land tickets' expected payment, cost sharing's persons' share and the points' outside-core location term are gone from the until month", () => {
    // Chongqing starts 2010-07: until 2011-01 is month 6.
    const sc = chongqingWith({
      city: { hukou_value: { taste_sd_yuan: 0 } },
      policies: {
        land_tickets: { until: '2011-01', area_mu_per_household: 20, source: 'test' },
        cost_sharing: { until: '2011-01', government: 0.3, employers: 0.4, persons: 0.3, source: 'test' },
        points: { until: '2011-01', quota_persons_year: 1000, outside_core: { live: 6 }, source: 'test' },
      },
    }, ['differentiated', 'conditions']);
    const w = tinyWorld(sc);
    installPolicies(w, sc.policies as Record<string, unknown>);
    const { persons } = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, landMu: 10.8, members: [{ ageYears: 35, hukou: LOCAL_RURAL, wage: 3000 }, { ageYears: 33, hukou: LOCAL_RURAL }] });
    const p = persons[0]!;
    // In force: the ticket (0.3 × 10.8 mu × 200,000 × 0.85 = 550,800 yuan) outweighs the land given up; 30% of the cost is the persons'.
    expect(wantsHukou(w, p, 5, 0, 0, 1)).toBe(true);
    expect(publishedTerms(w).personsShare).toBeCloseTo(0.3, 12);
    expect(locationTermsOf(w)!.length).toBe(1);
    const step = w.schedule.steps.find((s) => s.name === 'policy_dates')!;
    step.run(w, 5); // not yet
    expect(locationTermsOf(w)!.length).toBe(1);
    step.run(w, 6);
    // Without the ticket the land (10.8 mu given up at once: 134,592 yuan) outweighs hukou (104,683 yuan): declines.
    expect(publishedTerms(w)).toEqual({ ticket: null, personsShare: 0 });
    expect(wantsHukou(w, p, 6, 0, 0, 1)).toBe(false);
    expect(locationTermsOf(w)!.length).toBe(0);
    expect(w.levers.costShares).toEqual(tinyWorld(sc).levers.costShares); // the lever is put back too
  });
});
