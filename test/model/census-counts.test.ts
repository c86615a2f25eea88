/**
 * World.censusCounts (sim/model/censusCounts.ts): the employed persons' Gini bins and their number, and the
 * local-hukou persons by hukou zone, kept by World's methods (takeJob, leaveJob, setHukou, newPerson, removePerson,
 * removeHouseholdWithMembers, newHousehold, detachPerson, attachPerson, moveIn, moveOut, removeDwelling), which the census
 * reads instead of binning wages and counting hukou zones in its pass; and the households and their members by zone and
 * the housed members by tenure, which it reads instead of counting them in its household pass.
 * Checked here, bit for bit, against the plain recount of test/model/observe/censusRecount.ts: on scrambled worlds
 * whose counts were recounted (every tail length); on a world changed by thousands of those methods in random order
 * with wages at the bins' edges and at both ends of the range binned by events (a bin's sum is exact in any order, so
 * it must be the row-order sum); with wages outside that range (whose sums depend on the order: the census counts
 * the bins again); and after columns written past World's methods (the census sees its counts disagree and counts
 * everything again).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { CensusCounts, SAFE_WAGE_HI, SAFE_WAGE_LO, censusCountsDiffer, recountCensusCounts } from '../../sim/model/censusCounts.ts';
import { LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, NONLOCAL_URBAN, NO_JOB, NS, NT } from '../../sim/model/enums.ts';
import { GINI_BINS, giniBin } from '../../sim/model/observe/gini.ts';
import { lastCensusWagePath } from '../../sim/model/observe/census.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import type { World } from '../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';
import { expectSame, recountCounts, scrambled } from './observe/censusRecount.ts';

const l = scenarioWith(CHONGQING);
const world = (seed = 5): World => createWorld(l.scenario.city, { sample: 0.001, seed, replication: 0, start: l.scenario.start });

/** The first difference between World's counts and a recount from the columns, or null. */
function stale(w: World): string | null {
  return censusCountsDiffer(w.censusCounts, recountCensusCounts(new CensusCounts(w.nz, NT), w));
}

/** Live persons for which ok holds. */
function persons(w: World, ok: (p: number) => boolean): number[] {
  const out: number[] = [];
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && ok(p)) out.push(p);
  return out;
}

describe('census counts kept by events', () => {
  it('stand for the pass on scrambled worlds whose counts were recounted, for every tail length', () => {
    const w = scrambled(21, 0.0005, true);
    const size = w.persons.size, hsize = w.households.size;
    [size, size - 1, size - 2, size - 3, 7, 4, 3, 1, 0].forEach((n, i) => {
      w.persons.size = n;
      w.households.size = i < 4 ? hsize - ((i + 1) % 4) : [6, 5, 4, 1, 0][i - 4]!;
      recountCounts(w);
      // (The households' sizes are scrambled too: their members no longer add up to the residents, so the household pass counts them.)
      const c = expectSame(w, 'counts', 'words');
      if (n === size) {
        // Both Gini groups, hukou in every zone, and local hukou without a zone (not counted in any zone).
        expect(c.gc[0]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        expect(c.gc[1]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        expect(c.hukouZone.every((v) => v > 0)).toBe(true);
        expect(w.censusCounts.local[0]).toBeGreaterThan(0);
        expect(c.gc[0]![0]! + c.gc[1]![0]!).toBeGreaterThan(0); // the first bin (from 32) and the last (to 2^20 − 1/16)
        expect(c.gc[0]![GINI_BINS - 1]! + c.gc[1]![GINI_BINS - 1]!).toBeGreaterThan(0);
      }
    });
    for (const seed of [22, 23]) expectSame(scrambled(seed, 0.0005, true), 'counts', 'words');
  });

  it("follow thousands of jobs taken and left, hukou granted and set, births, deaths and departures, in random order", () => {
    const w = world();
    expect(stale(w)).toBeNull();
    expectSame(w, 'counts');
    const pc = w.persons.cols;
    let x = 77;
    const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    // Wages at both ends of the binned range, at a bin boundary and on both sides of it, and many in a few bins with
    // every low bit (their sums would depend on the order if they were not exact).
    const edge = Math.exp(Math.log(50) + (120 * Math.log(1e4)) / GINI_BINS);
    const wages = [SAFE_WAGE_LO, SAFE_WAGE_HI - 1 / 16, 51, 51.2, edge, Math.fround(edge) - 1 / 4096, Math.fround(edge) + 1 / 4096, 488_000, 600_000];
    expect(giniBin(Math.fround(edge) - 1 / 4096)).not.toBe(giniBin(Math.fround(edge) + 1 / 4096));
    const wage = () => (next() < 0.3 ? pick(wages) : next() < 0.5 ? 3000 + next() * 140 : 800 + next() * 30000);
    const hc = w.households.cols;
    const counts = { hire: 0, fire: 0, formalised: 0, settle: 0, setHukou: 0, birth: 0, death: 0, departure: 0, moved: 0, moveIn: 0, moveOut: 0, demolished: 0, newHome: 0, joins: 0 };
    for (let i = 0; i < 8000; i++) {
      const r = next();
      const p = Math.floor(next() * w.persons.size);
      if (!w.persons.live[p]) continue;
      const h = pc.hh[p]!;
      if (r < 0.06) {
        // A move into a vacant dwelling of some zone and tenure (from a dwelling, or from none).
        const k = Math.floor(next() * w.vacantN.length);
        if (w.vacantN[k] === 0) continue;
        w.moveIn(h, w.vacant[k]![0]!);
        counts.moveIn++;
      } else if (r < 0.08) {
        if (hc.dwelling[h]! < 0) continue;
        if (next() < 0.5) {
          w.moveOut(h);
          counts.moveOut++;
        } else {
          w.removeDwelling(hc.dwelling[h]!);
          counts.demolished++;
        }
      } else if (r < 0.12) {
        // A member leaves for a household of its own (unhoused, searching in some zone) or joins another.
        if (hc.size[h]! < 2) continue;
        const q = Math.floor(next() * w.persons.size);
        const to = next() < 0.5 || !w.persons.live[q] ? w.newHousehold(Math.floor(next() * w.nz), 1, false) : pc.hh[q]!;
        if (to === h) continue;
        w.detachPerson(p);
        w.attachPerson(p, to);
        if (to >= 0 && hc.head[to] === p) counts.newHome++;
        else counts.joins++;
      } else if (r < 0.3) {
        if (pc.sector[p] !== NO_JOB) continue;
        pc.active[p] = 1; // (a job holder is in the labour force, as checked mode requires)
        w.takeJob(p, Math.floor(next() * w.nz), Math.floor(next() * NS), wage(), next() < 0.5);
        counts.hire++;
      } else if (r < 0.45) {
        if (pc.sector[p] === NO_JOB) continue;
        w.leaveJob(p);
        counts.fire++;
      } else if (r < 0.5) {
        // An informal job moved to a formal contract (labour's formalisation lever).
        if (pc.sector[p] === NO_JOB || pc.formal[p] === 1) continue;
        w.formalise(p);
        counts.formalised++;
      } else if (r < 0.6) {
        if (pc.hukou[p] === LOCAL_URBAN) continue;
        if (pc.hukou[p]! >= 2 && pc.sector[p] !== NO_JOB) counts.moved++;
        grantHukou(w, p, 1);
        counts.settle++;
      } else if (r < 0.7) {
        const hk = pick([LOCAL_URBAN, LOCAL_RURAL, NONLOCAL_URBAN, NONLOCAL_RURAL]);
        if (pc.sector[p] !== NO_JOB && hk < 2 !== pc.hukou[p]! < 2) counts.moved++; // an employed person changes Gini group
        w.setHukou(p, hk, Math.floor(next() * w.nz));
        counts.setHukou++;
      } else if (r < 0.82) {
        w.newPerson(pc.hh[p]!, 0, 0, 0, pick([LOCAL_URBAN, LOCAL_RURAL, NONLOCAL_RURAL]), pick([-1, Math.floor(next() * w.nz)]));
        counts.birth++;
      } else if (r < 0.95) {
        const h = w.removePerson(p);
        if (w.households.cols.size[h] === 0) w.removeHousehold(h);
        counts.death++;
      } else {
        w.removeHouseholdWithMembers(pc.hh[p]!);
        counts.departure++;
      }
      if (i % 1000 === 999) expect(stale(w)).toBeNull();
    }
    for (const [k, n] of Object.entries(counts)) expect([k, n > 50]).toEqual([k, true]);
    expect(w.censusCounts.unsafe).toBe(0);
    expect(stale(w)).toBeNull();
    const c = expectSame(w, 'counts');
    // The wage sums and the number in formal work came from World's integer sums (the pass read no wage).
    expect(lastCensusWagePath()).toBe('counts');
    expect(c.formalN).toBeGreaterThan(0);
    expect(c.formalWageSum).toBeLessThan(c.wageSum);
    for (const k of ['rural', 'uv', 'prh', 'leftBehind', 'renters'] as const) expect([k, c[k] > 0]).toEqual([k, true]);
    // Every length of the household pass's tail: new households (of one member) added one at a time.
    const tails = new Set<number>();
    for (let i = 0; i < 5000 && tails.size < 4; i++) {
      const size = w.households.size;
      const h = w.newHousehold(i % w.nz, 1, true); // (removed rows are reused first)
      w.newPerson(h, 300, 0, 0, NONLOCAL_RURAL, -1);
      if (w.households.size === size) continue;
      tails.add(w.households.size & 3);
      expectSame(w, 'counts');
      expect(lastCensusWagePath()).toBe('counts');
    }
    expect(tails.size).toBe(4);
  });

  it('leave the bins to the pass while a wage outside the range binned by events is held (such sums depend on the order)', () => {
    const w = world(6);
    const tiny = Math.fround(3e-15);
    // In this order (rows from the last) the additions give another sum than in row order.
    expect(tiny + tiny + 50).not.toBe(50 + tiny + tiny);
    const idle = persons(w, (p) => w.persons.cols.sector[p] === NO_JOB && w.persons.cols.hukou[p]! >= 2);
    const rows = [idle[0]!, idle[1]!, idle[2]!];
    const held = [tiny, tiny, 50];
    for (let i = 2; i >= 0; i--) {
      w.persons.cols.active[rows[i]!] = 1;
      w.takeJob(rows[i]!, 0, 0, held[i]!, false);
    }
    expect(w.censusCounts.unsafe).toBe(2);
    expect(stale(w)).toBeNull();
    expectSame(w, 'words', 'counts');
    w.leaveJob(rows[0]!);
    w.leaveJob(rows[1]!);
    expectSame(w, 'counts');
    w.takeJob(rows[0]!, 0, 0, 2e6, false);
    expectSame(w, 'words', 'counts');
    w.leaveJob(rows[0]!);
    expect(w.censusCounts.unsafe).toBe(0);
    expectSame(w, 'counts');
  });

  it("are not used once a column was written past World's methods (the census counts everything again)", () => {
    const w = world(7);
    const pc = w.persons.cols;
    // A non-local employed person made local by hand: the pass's local hukou no longer agrees with the counts.
    const p = persons(w, (q) => pc.hukou[q]! >= 2 && pc.sector[q] !== NO_JOB)[0]!;
    pc.hukou[p] = LOCAL_URBAN;
    pc.hukouZone[p] = 0;
    expect(stale(w)).not.toBeNull();
    expectSame(w, 'words', 'counts');
    recountCounts(w);
    expectSame(w, 'counts');
    // A job given by hand: the pass's employed no longer agree with the counts.
    const q = persons(w, (r) => pc.active[r] === 1 && pc.sector[r] === NO_JOB)[0]!;
    pc.sector[q] = 0;
    pc.wage[q] = 4000;
    expectSame(w, 'words', 'counts');
    recountCounts(w);
    expectSame(w, 'counts');
    // A local person without a job removed by hand (still a member of its household): the residents no longer agree with
    // the local hukou counted, nor with the households' members.
    const r = persons(w, (t) => pc.hukou[t]! < 2 && pc.sector[t] === NO_JOB)[0]!;
    w.persons.remove(r);
    expectSame(w, 'words', 'words');
    // (A household column written by hand is not seen by the census's check, which reads the households' totals only;
    // checked mode's recount sees it.)
    recountCounts(w);
    const hc = w.households.cols;
    hc.zone[pc.hh[r]!] = (hc.zone[pc.hh[r]!]! + 1) % w.nz;
    expect(stale(w)).toMatch(/^households of zone \d+: \d+ counted, \d+ recounted$/);
  });
  it('give the wage sums only where the row-order sums are exact: below 2^(k + 30), k the least exponent of a wage held', () => {
    // On their own: 2^15 + 1 wages just below 2^20 and some of 32 + 2^-18 (exponent 5, the finest step a binned wage has) pass 2^35.
    const cc = new CensusCounts(3, NT);
    const big = SAFE_WAGE_HI - 1 / 16, fine = Math.fround(32 + 2 ** -18);
    expect(fine).toBe(32 + 2 ** -18);
    const n = 2 ** 15 + 1;
    for (let i = 0; i < n; i++) cc.job(big, i & 1, 1, i % 3 === 0 ? 1 : 0);
    expect(cc.wageSums()).toBe(true); // every wage of exponent 19: below 2^49
    expect(cc.wageSum).toBe(n * big);
    expect(cc.formalWageSum).toBe(Math.ceil(n / 3) * big);
    for (let i = 0; i < 3; i++) cc.job(fine, 0, 1, 0);
    expect(cc.wageSums()).toBe(false); // past 2^35 with wages of exponent 5: the sums in row order may round,
    // and here they do: the big wages first, then the fine ones, give another float than the exact sum's.
    let rowOrder = 0;
    for (let i = 0; i < n; i++) rowOrder += big;
    for (let i = 0; i < 3; i++) rowOrder += fine;
    const [hi, lo] = cc.limbs();
    expect(rowOrder).not.toBe(2 * hi! + lo! / 2 ** 18);
    for (let i = 0; i < 3; i++) cc.job(fine, 0, -1, 0);
    expect(cc.wageSums()).toBe(true);
    expect(cc.wageSum).toBe(n * big);
    // Below the bound with the fine wage: exact, and the same float in any order.
    const small = new CensusCounts(3, NT);
    const ws = [fine, 3000.5, 12345.678, big, SAFE_WAGE_LO, 51.2].map(Math.fround);
    for (let i = 0; i < 3000; i++) small.job(ws[i % ws.length]!, i & 1, 1, i % 5 === 0 ? 1 : 0);
    for (let i = 0; i < 3000; i += 7) small.job(ws[i % ws.length]!, i & 1, -1, i % 5 === 0 ? 1 : 0);
    let sum = 0, formal = 0, nf = 0;
    for (let i = 2999; i >= 0; i--) {
      if (i % 7 === 0) continue;
      sum += ws[i % ws.length]!;
      if (i % 5 === 0) formal += ws[i % ws.length]!, nf++;
    }
    expect(small.wageSums()).toBe(true);
    expect(small.wageSum).toBe(sum);
    expect(small.formalWageSum).toBe(formal);
    expect(small.formalJobs).toBe(nf);
    // A wage outside the binned range: no sums (the census takes its pass).
    small.job(20, 0, 1, 0);
    expect(small.wageSums()).toBe(false);
  });

  it('leave the wage sums to the pass on a world whose wages pass the bound (and give them again once under it)', () => {
    const w = createWorld(l.scenario.city, { sample: 0.003, seed: 8, replication: 0, start: l.scenario.start });
    const pc = w.persons.cols;
    const jobs = persons(w, (p) => pc.sector[p] !== NO_JOB);
    expect(jobs.length).toBeGreaterThan(2 ** 15);
    const big = SAFE_WAGE_HI - 1 / 16, fine = 32 + 2 ** -18;
    for (const p of jobs) {
      const zone = pc.jobZone[p]!, sector = pc.sector[p]!, formal = pc.formal[p] === 1;
      w.leaveJob(p);
      w.takeJob(p, zone, sector, big, formal);
    }
    expectSame(w, 'counts');
    expect(lastCensusWagePath()).toBe('counts');
    // Jobs of the finest wage in the last rows with a job: the row-order sum rounds (differently from the exact sum), so the
    // census takes its pass.
    const last = jobs.slice(-4);
    const was = last.map((p) => [pc.jobZone[p]!, pc.sector[p]!] as const);
    for (const p of last) {
      w.leaveJob(p);
      w.takeJob(p, 0, 0, fine, false);
    }
    expect(stale(w)).toBeNull();
    const c = expectSame(w, 'counts');
    expect(lastCensusWagePath()).toBe('pass');
    const [hi, lo] = w.censusCounts.limbs();
    expect(c.wageSum).not.toBe(2 * hi! + lo! / 2 ** 18);
    last.forEach((p, i) => {
      w.leaveJob(p);
      w.takeJob(p, was[i]![0], was[i]![1], big, false);
    });
    expectSame(w, 'counts');
    expect(lastCensusWagePath()).toBe('counts');
  });
});
