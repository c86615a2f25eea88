import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { GridGovernanceSchema, gridGovernancePolicy, gridWorkers } from '../../sim/policy/gridGovernance.ts';
import { governance } from '../../sim/model/governance.ts';
import { chongqingWith, meanOver, runSmall, series, SEEDS, tinyWorld } from './helpers.ts';

const params = (o: Record<string, unknown> = {}) => GridGovernanceSchema.parse({ source: 'test', ...o });

describe('grid_governance: one governance step on a tiny world, computed by hand', () => {
  const K0 = 400; // known problems raised in month 0, still open
  const H0 = 100; // problems not yet detected
  const coverage = 0.6;
  const step = (o: Record<string, unknown>) => {
    const sc = chongqingWith({ city: { governance: { problems_per_household_month: 0.5 } } });
    const w = tinyWorld(sc, 1e-4, 11);
    const p = params({ households_per_grid: 100, detect_per_worker_month: 30, resolve_per_worker_month: 30, platform: 1.2, complaint_share: 0.4, ...o });
    installPolicy(w, gridGovernancePolicy, p);
    w.pulse.registryCoverage = coverage;
    const st = w.govState;
    st.known[0] = K0;
    st.hidden = H0;
    governance(w, 1);
    return { w, p, st };
  };
  const hand = (w: ReturnType<typeof step>['w'], p: ReturnType<typeof params>, R: number) => {
    const G = w.levers.governance!;
    const workers = (G.grid_workers_per_1000 * w.pulse.residents) / 1000;
    const reported = Math.round(R * 0.4);
    const hidden1 = H0 + R - reported;
    const detected = Math.min(hidden1, Math.floor(workers * 30 * 1.2 * (0.5 + 0.5 * coverage)));
    const fresh = reported + detected;
    const cap = Math.floor(workers * 30 * p.coordination * 1.2);
    const takeOld = Math.min(cap, K0); // oldest first: raised in month 0, 45 days old at mid-month 1
    const takeNew = Math.min(cap - takeOld, fresh); // raised this month, 15 days
    const resolved = takeOld + takeNew;
    const backlog = K0 + fresh - resolved; // known problems only
    // Handling time: handling_days / (coordination × platform) / (1 − ρ), ρ = known / capacity, at most 0.95.
    const rho = Math.min(0.95, (K0 + fresh) / cap);
    const handling = G.handling_days / (p.coordination * 1.2) / (1 - rho);
    const days = (takeOld * 45 + takeNew * 15) / resolved + handling;
    const target = 0.3 + 0.4 * Math.min(1, resolved / R) + 0.2 * w.pulse.migrantSchoolAccess + 0.1 * (1 - w.pulse.burdenShare);
    return { workers, resolved, backlog, days, satisfaction: 0.6 + 0.1 * (target - 0.6) };
  };

  const variants = [
    { name: '1 worker per grid', o: { workers_per_grid: 1, coordination: 1 } },
    { name: '2 workers per grid', o: { workers_per_grid: 2, coordination: 1 } },
    { name: 'coordination 2', o: { workers_per_grid: 1, coordination: 2 } },
  ];
  const results = variants.map((v) => {
    const { w, p, st } = step(v.o);
    return { ...v, w, p, st, want: hand(w, p, st.raised) };
  });

  for (const r of results) {
    it(`${r.name}: workers, resolved, backlog, response days and satisfaction follow the documented formulas`, () => {
      expect(r.want.workers).toBeCloseTo(gridWorkers(r.p, r.w.households.count), 9);
      expect(r.want.workers).toBeCloseTo((r.w.households.count / 100) * r.p.workers_per_grid, 9);
      expect(r.st.resolved).toBe(r.want.resolved);
      expect(r.st.backlog).toBe(r.want.backlog);
      expect(r.st.responseDays).toBeCloseTo(r.want.days, 9);
      expect(r.st.satisfaction).toBeCloseTo(r.want.satisfaction, 12);
    });
  }
  it('the raised problems are the same draw in all three (same seed), so the comparison is fair', () => {
    expect(new Set(results.map((r) => r.st.raised)).size).toBe(1);
    expect(results[0]!.st.raised).toBeGreaterThan(0);
  });
  it('more workers per grid, or more coordination, lower the backlog and response days and raise satisfaction', () => {
    const [base, workers, coord] = results;
    for (const better of [workers!, coord!]) {
      expect(better.st.backlog).toBeLessThan(base!.st.backlog);
      expect(better.st.responseDays).toBeLessThan(base!.st.responseDays);
      expect(better.st.satisfaction).toBeGreaterThan(base!.st.satisfaction);
    }
  });
  it('without the policy the city block is used unchanged', () => {
    const w = tinyWorld(chongqingWith());
    expect(w.levers.governance).toBeNull();
    installPolicy(w, gridGovernancePolicy, params());
    expect(w.levers.governance!.problems_per_household_month).toBe(w.city.governance.problems_per_household_month);
    expect(w.levers.governance!.complaint_share).toBe(w.city.governance.complaint_share);
    expect(w.schedule.names().indexOf('grid_governance')).toBe(w.schedule.names().indexOf('governance') - 1);
  });
});

describe('grid_governance in small runs (each seed)', () => {
  const months = 18;
  const sample = 0.0005;
  const grid = (o: Record<string, unknown>) =>
    chongqingWith({ policies: { grid_governance: { households_per_grid: 1000, workers_per_grid: 1, resolve_per_worker_month: 60, source: 'test: a thin grid', ...o } } });
  const thin = grid({});
  const moreWorkers = grid({ workers_per_grid: 3 });
  const coordination = grid({ coordination: 3 });
  for (const seed of SEEDS) {
    it(`seed ${seed}: more workers per grid or a higher coordination factor lower backlog and response days and raise satisfaction`, () => {
      const [a, b, c] = [thin, moreWorkers, coordination].map((sc) => runSmall(sc, { seed, months, sample }));
      const backlog = (r: typeof a) => meanOver(series(r!, 'complaint_backlog'), months - 5, months);
      const days = (r: typeof a) => meanOver(series(r!, 'mean_response_days'), months - 5, months);
      const sat = (r: typeof a) => series(r!, 'satisfaction')[months]!;
      const detected = (r: typeof a) => meanOver(series(r!, 'problems_detected'), months - 5, months);
      expect(detected(b)).toBeGreaterThan(detected(a)); // more grid workers find more problems
      for (const better of [b, c]) {
        expect(backlog(better)).toBeLessThan(backlog(a));
        expect(days(better)).toBeLessThan(days(a));
        expect(sat(better)).toBeGreaterThan(sat(a));
      }
    });
  }
});
