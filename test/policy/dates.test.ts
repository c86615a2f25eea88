/**
 * Dates on policies (sim/policy/dates.ts): a rule is in force from its
 * `from` month to the month before its `until`, and a scenario can switch
 * rules mid-run.
 */
import { describe, expect, it } from 'vitest';
import { activeMonths, monthIndex } from '../../sim/policy/dates.ts';
import { chongqingWith, runSmall } from './helpers.ts';
import { LOCAL_RURAL, NONLOCAL_RURAL, NONLOCAL_URBAN } from '../../sim/model/enums.ts';
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
