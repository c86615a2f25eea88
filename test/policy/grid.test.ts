import { describe, expect, it } from 'vitest';
import { installPolicy } from '../../sim/policy/registry.ts';
import { GridGovernanceSchema, gridGovernancePolicy, gridWorkers } from '../../sim/policy/gridGovernance.ts';
import { governance, raiseFactor } from '../../sim/model/governance.ts';
import { chongqingWith, meanOver, runSmall, series, SEEDS, tinyWorld } from './helpers.ts';

const params = (o: Record<string, unknown> = {}) => GridGovernanceSchema.parse({ source: 'test', ...o });

describe('grid_governance: one governance step on a tiny world, computed by hand', () => {
  const K0 = 400; // known problems raised in month 0, still open
  const H0 = 100; // problems not yet detected
  const coverage = 0.6;
  // No misrouting, no closing unresolved, no abandonment: the step is deterministic given the raised draw.
  const step = (o: Record<string, unknown>, city: Record<string, unknown> = {}) => {
    const sc = chongqingWith({ city: { governance: { problems_per_household_month: 0.5, misroute_share: 0, unresolved_share: 0, abandon_rate_month: 0, ...city } } });
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
    const cap = Math.floor(workers * 30 * 1.2); // workers × resolve × platform
    const resolved = Math.min(cap, K0 + fresh); // oldest first; none misrouted or closed unresolved here
    const backlog = K0 + fresh - resolved; // known problems only
    // Little's law: wait = 30 × mean backlog over the month / known inflow; plus handling_days / platform.
    const days = (30 * ((K0 + backlog) / 2)) / fresh + G.handling_days / 1.2;
    const target = 0.2 + 0.3 * 1 + (0.2 * 30) / (30 + days) + 0.2 * w.pulse.migrantSchoolAccess + 0.1 * (1 - w.pulse.burdenShare);
    return { workers, resolved, backlog, days, satisfaction: 0.6 + 0.1 * (target - 0.6) };
  };

  const variants = [
    { name: '1 worker per grid', o: { workers_per_grid: 1 } },
    { name: '2 workers per grid', o: { workers_per_grid: 2 } },
  ];
  const results = variants.map((v) => {
    const { w, p, st } = step(v.o);
    return { ...v, w, p, st, want: hand(w, p, st.raised) };
  });

  for (const r of results) {
    it(`${r.name}: workers, resolved, backlog, response days (Little's law) and satisfaction follow the documented formulas`, () => {
      expect(r.want.workers).toBeCloseTo(gridWorkers(r.p, r.w.households.count), 9);
      expect(r.want.workers).toBeCloseTo((r.w.households.count / 100) * r.p.workers_per_grid, 9);
      expect(r.st.resolved).toBe(r.want.resolved);
      expect(r.st.backlog).toBe(r.want.backlog);
      expect(r.st.responseDays).toBeCloseTo(r.want.days, 9);
      expect(r.st.satisfaction).toBeCloseTo(r.want.satisfaction, 12);
    });
  }
  it('the raised problems are the same draw in both (same seed), so the comparison is fair', () => {
    expect(new Set(results.map((r) => r.st.raised)).size).toBe(1);
    expect(results[0]!.st.raised).toBeGreaterThan(0);
  });
  it('more workers per grid lower the backlog and response days and raise satisfaction', () => {
    const [base, workers] = results;
    expect(workers!.st.backlog).toBeLessThan(base!.st.backlog);
    expect(workers!.st.responseDays).toBeLessThan(base!.st.responseDays);
    expect(workers!.st.satisfaction).toBeGreaterThan(base!.st.satisfaction);
  });
  it('coordination acts on routing: with misroute_share / coordination = 1 every dispatch returns to the queue, at coordination 2 half of it', () => {
    const all = step({ workers_per_grid: 1, coordination: 0.5 }, { misroute_share: 0.5 });
    expect(all.st.resolved).toBe(0);
    expect(all.st.misrouted).toBe(Math.min(all.st.capacity, K0 + all.st.inflow));
    expect(all.st.backlog).toBe(K0 + all.st.inflow); // nothing left the queue
    const half = step({ workers_per_grid: 1, coordination: 2 }, { misroute_share: 1 });
    const dispatched = Math.min(half.st.capacity, K0 + half.st.inflow);
    expect(half.st.resolved + half.st.misrouted).toBe(dispatched);
    expect(half.st.misrouted / dispatched).toBeGreaterThan(0.35);
    expect(half.st.misrouted / dispatched).toBeLessThan(0.65);
  });
});

describe('the complaint queue over many months on a fixed world (Little\'s law, bounded and unbounded backlogs)', () => {
  // A tiny world whose conditions do not change; the governance step alone is run month after month.
  const run = (resolve: number, months: number, abandon = 0) => {
    const sc = chongqingWith({ city: { governance: { problems_per_household_month: 0.5, misroute_share: 0, unresolved_share: 0, abandon_rate_month: abandon } } });
    const w = tinyWorld(sc, 1e-4, 5);
    gridGovernancePolicy.install(w, params({ households_per_grid: 50, resolve_per_worker_month: resolve, complaint_share: 1 }));
    w.pulse.registryCoverage = 1;
    const backlog: number[] = [];
    let inflow = 0, cap = 0;
    for (let m = 1; m <= months; m++) {
      governance(w, m);
      backlog.push(w.govState.backlog);
      inflow += w.govState.inflow;
      cap += w.govState.capacity;
    }
    return { w, backlog, inflow: inflow / months, cap: cap / months };
  };
  it('capacity above inflow: the backlog stays at zero and the response time is the handling time', () => {
    const r = run(100, 60);
    expect(r.cap).toBeGreaterThan(r.inflow); // 50 households × 0.5 = 25 a month against 100
    expect(Math.max(...r.backlog)).toBe(0);
    expect(r.w.govState.responseDays).toBeCloseTo(r.w.levers.governance!.handling_days, 9);
    expect(r.w.govState.utilisation).toBeLessThan(1);
  });
  it('capacity below inflow, no one abandoning: the backlog grows by inflow − capacity a month, without bound, and utilisation says so', () => {
    const r = run(10, 60); // 10 a month against about 25
    expect(r.cap).toBeLessThan(r.inflow);
    const growth = (r.backlog[59]! - r.backlog[29]!) / 30;
    expect(growth).toBeGreaterThan(0.8 * (r.inflow - r.cap));
    expect(growth).toBeLessThan(1.2 * (r.inflow - r.cap));
    expect(r.w.govState.utilisation).toBeGreaterThan(1.5);
    // Little's law: the wait in months is the backlog over the inflow.
    const st = r.w.govState;
    const handling = r.w.levers.governance!.handling_days / r.w.levers.governance!.platform;
    expect(st.responseDays - handling).toBeCloseTo((30 * ((r.backlog[58]! + r.backlog[59]!) / 2)) / st.inflow, 9);
    // After 60 months of growth the wait is years: the backlog is more than 10 months of inflow.
    expect(st.responseDays).toBeGreaterThan(300);
  });
  it('capacity below inflow with abandonment a: the backlog levels off near (inflow − capacity) / a', () => {
    const a = 0.1;
    const r = run(10, 120, a);
    const level = (r.inflow - r.cap) / a;
    const late = r.backlog.slice(96).reduce((x, y) => x + y, 0) / 24;
    expect(late).toBeGreaterThan(0.7 * level);
    expect(late).toBeLessThan(1.3 * level);
  });
});

describe('problems raised follow conditions (raiseFactor)', () => {
  it('is 1 at the start, and a higher urban-village share, more unregistered residents or more crowding raise it by the documented weights', () => {
    const sc = chongqingWith();
    const w = tinyWorld(sc, 1e-4, 3);
    const st = w.govState;
    w.pulse.registryCoverage = 0.5;
    w.pulse.burdenShare = 0.2;
    expect(raiseFactor(w, st)).toBeCloseTo(1, 12);
    const G = w.city.governance;
    w.pulse.registryCoverage = 0.3; // unregistered +0.2
    w.pulse.burdenShare = 0.3; // burdened +0.1
    expect(raiseFactor(w, st)).toBeCloseTo(1 + G.unregistered_weight * 0.2 + G.burden_weight * 0.1, 9);
  });
});
describe('grid_governance install', () => {
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

describe('the report says when a complaint queue is overloaded (resultNotes)', () => {
  const row = (scenario: string, month: number, mean: number) => ({ scenario, month, indicator: 'complaint_utilisation', zone: 'all', mean, median: mean, q05: mean - 0.1, q95: mean + 0.1, n: 3 });
  it('notes a scenario whose utilisation in the last month is 1 or more, and not one below 1', async () => {
    const { resultNotes } = await import('../../viz/publish/notes.ts');
    const stats = [row('a', 119, 0.5), row('a', 120, 0.9), row('b', 119, 0.9), row('b', 120, 1.3)] as never[];
    const notes = resultNotes(stats, [{ id: 'a', title: 'Reform' }, { id: 'b', title: 'Baseline <grids>' }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('Baseline <grids>');
    expect(notes[0]).toContain('1.30');
  });
});
