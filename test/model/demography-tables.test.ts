/**
 * The demography step reads what it does at an age from tables by age
 * (sim/model/dueAges.ts), and World.newPerson sets a new person's due age, so
 * that the next pass leaves alone those it has nothing to do for. Checked
 * against the rule (test/model/demography-plain.ts: the step as it was, with
 * the walk over the milestones, every person made "not set"): (1) the tables
 * against the walk and the chain of age tests at every age, for school ages
 * that fall on other milestones, between months and outside the table; (2)
 * whole worlds run month by month with the full schedule, one with the step
 * and the due ages set when persons are made, one with the plain step and
 * every person made with demogDue 0, give the same bytes in every column and
 * the same streams, also after their persons' ages, deaths and births are
 * scrambled onto the milestones, the leaving-home ages' edges and the next
 * months.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { createWorld } from '../../sim/model/build.ts';
import { DueAges, EDUCATION, ENTRY, EXIT, MILESTONE, SCHOOL, WINDOW } from '../../sim/model/dueAges.ts';
import { FEMALE } from '../../sim/model/enums.ts';
import { LEAVING_FROM, LEAVING_TO, LeavingLooks, NEVER, milestones, nextLeavingLook } from '../../sim/model/lifetimes.ts';
import type { World } from '../../sim/model/world.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import { chongqingWith } from '../policy/helpers.ts';
import { plainDemography } from './demography-plain.ts';

describe('tables by age', () => {
  it('next milestone, milestone, the chain of age tests and the leaving-home ages at every age, as the walk over the milestones gives', () => {
    for (const schoolAge of [36, 72, 75.6, 120, 192, 216, 264, 720, 800]) {
      const T = new DueAges(schoolAge);
      const ms = milestones(schoolAge);
      const wrong: string[] = [];
      for (let age = -3; age < T.size + 30; age++) {
        // The rule (demography-plain.ts): the walk, then the chain of tests in its order.
        let next = NEVER, isMs = false;
        for (const m of ms) {
          if (m === age) isMs = true;
          else if (m > age) {
            next = m;
            break;
          }
        }
        const act = age === 216 ? EDUCATION : age === 192 ? ENTRY : age === 720 ? EXIT : age === schoolAge ? SCHOOL : 0;
        const inside = age >= 0 && age < T.size;
        const tNext = inside ? T.next[age]! : age < 0 ? T.nextBelow : NEVER;
        const f = inside ? T.flags[age]! : 0;
        // The first flag of the chain in the step's order (education, entry, exit, school age) is the rule's;
        // the school-age flag is there too (a non-worker of 60 gets the school-age event when that is 60 too).
        const first = f & EDUCATION || f & ENTRY || f & EXIT || f & SCHOOL;
        const school = age === schoolAge ? SCHOOL : 0;
        const window = age >= LEAVING_FROM && age < LEAVING_TO ? WINDOW : 0;
        if (tNext !== Math.trunc(next) || ((f & MILESTONE) !== 0) !== isMs || (f & WINDOW) !== window || first !== act || (f & SCHOOL) !== school) {
          wrong.push(`age ${age}: next ${tNext}, flags ${f}`);
        }
      }
      expect(wrong, `school age ${schoolAge}`).toEqual([]);
    }
  });

  it('a new person is due at once only with a death, a birth or a milestone next month, or in the leaving-home ages (0, not set)', () => {
    const T = new DueAges(72);
    expect(T.first(71, NEVER, NEVER)).toBe(72); // school age next month
    expect(T.first(72, NEVER, NEVER)).toBe(192);
    expect(T.first(100, 101, NEVER)).toBe(101);
    expect(T.first(300, 900, 301)).toBe(0); // 22–34 next month: the pass draws the look
    expect(T.first(LEAVING_FROM - 2, NEVER, NEVER)).toBe(LEAVING_FROM - 1 + 1);
    expect(T.first(LEAVING_TO - 1, 1000, NEVER)).toBe(720);
    expect(T.first(800, 900, NEVER)).toBe(900);
    expect(T.first(800, NEVER, NEVER)).toBe(NEVER);
    expect(T.first(-5, NEVER, NEVER)).toBe(0);
  });
});

/** The doubles next to x, `steps` each way (x itself included). */
function around(x: number, steps: number): number[] {
  const f = new Float64Array(1), b = new BigInt64Array(f.buffer);
  f[0] = x;
  const bits = b[0]!;
  const out: number[] = [];
  for (let i = -steps; i <= steps; i++) {
    b[0] = bits + BigInt(i);
    out.push(f[0]!);
  }
  return out;
}

describe('looks at leaving home', () => {
  it('LeavingLooks gives nextLeavingLook exactly: random uniforms and those next to every age\'s bound and to the formula\'s steps', () => {
    const s = makeStream(11, 0, 'looks-bound');
    let checked = 0, never = 0;
    const wrong: string[] = [];
    for (const chance of [0.04 / 12, 0.6 / 12, 0.5, 0.999, 1e-9, 1e-300, 0, 1, 1.5, -0.1]) {
      const lk = new LeavingLooks(chance);
      const L = Math.log1p(-chance);
      for (let age = LEAVING_FROM - 3; age <= LEAVING_TO + 1; age++) {
        const us = [0, 0.5, 1 - 2 ** -53];
        for (let i = 0; i < 200; i++) us.push(s.next());
        // Next to the bound's q (u = 1 − Q_k) and next to the steps of ⌊log(q) / L⌋ at k − 2 .. k (q = exp(j·L)).
        const k = LEAVING_TO - age;
        if (chance > 0 && chance < 1) {
          us.push(...around(1 - Math.exp((k - 1) * L) * (1 - 1e-9), 3));
          for (const j of [k - 2, k - 1, k]) if (j >= 0) us.push(...around(1 - Math.exp(j * L), 40));
        }
        for (const u of us) {
          if (!(u >= 0 && u < 1)) continue;
          const want = nextLeavingLook(u, age, chance), got = lk.next(u, age);
          checked++;
          if (want === NEVER) never++;
          if (got !== want) wrong.push(`chance ${chance}, age ${age}, u ${u}: ${got} against ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
    expect(never).toBeGreaterThan(checked / 4);
    expect(never).toBeLessThan(checked);
  });
});

/** A world of Chongqing at this sample with its policies, as a run makes it. */
function world(sample: number, seed: number): World {
  const sc = chongqingWith();
  const w = createWorld(sc.city, { sample, seed, replication: 0, start: sc.start });
  installPolicies(w, sc.policies as Record<string, unknown>);
  return w;
}

/** The same world under the rule: the plain step, and every person made with demogDue 0 (as World.newPerson did). */
function asRule(w: World): void {
  w.persons.cols.demogDue.fill(0);
  const make = w.newPerson.bind(w);
  w.newPerson = (...a: Parameters<World['newPerson']>) => {
    const p = make(...a);
    w.persons.cols.demogDue[p] = 0;
    return p;
  };
  w.schedule.steps[w.schedule.indexOf('demography')]!.run = plainDemography;
}

/** Ages, deaths and births moved onto the milestones, the leaving-home ages' edges and the next months, the same in both worlds. */
function scramble(w: World, seed: number, setDue: boolean): void {
  const s = makeStream(seed, 0, 'scramble');
  const pc = w.persons.cols;
  const school = w.city.services.school_age_from * 12;
  const edges = [school, 192, 216, LEAVING_FROM, LEAVING_TO, 720].flatMap((m) => [m - 2, m - 1, m, m + 1]);
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p] || s.next() < 0.4) continue;
    const age = s.next() < 0.7 ? edges[s.int(edges.length)]! : s.int(1000);
    pc.ageM[p] = age;
    if (pc.deathAge[p]! <= age || s.next() < 0.1) pc.deathAge[p] = age + 1 + s.int(4);
    if (pc.sex[p] === FEMALE && s.next() < 0.3) pc.nextBirth[p] = age + 1 + s.int(3);
    if (pc.nextBirth[p]! <= age) pc.nextBirth[p] = NEVER;
    // Written after the person was made: the due age as newPerson would set it now, or "not set".
    pc.demogDue[p] = setDue ? w.dueAges.first(age, pc.deathAge[p]!, pc.nextBirth[p]!) : 0;
  }
}

function sameBytes(a: World, b: World, when: string): void {
  for (const [ta, tb] of [[a.persons, b.persons], [a.households, b.households], [a.dwellings, b.dwellings]] as const) {
    expect(Buffer.from(ta.live.buffer).equals(Buffer.from(tb.live.buffer)), `${ta.name} live, ${when}`).toBe(true);
    const ca = ta.cols as unknown as Record<string, ArrayLike<number> & { buffer: ArrayBuffer }>;
    const cb = tb.cols as unknown as Record<string, ArrayLike<number> & { buffer: ArrayBuffer }>;
    for (const k of Object.keys(ca)) {
      if (k === 'demogDue') continue;
      expect(Buffer.from(ca[k]!.buffer).equals(Buffer.from(cb[k]!.buffer)), `${ta.name}.${k}, ${when}`).toBe(true);
    }
  }
  // The due ages: the rule's wherever it has set one; where it has not (made since its last pass), newPerson's or not set.
  const da = a.persons.cols.demogDue, db = b.persons.cols.demogDue;
  let set = 0;
  for (let p = 0; p < a.persons.size; p++) {
    if (!a.persons.live[p]) continue;
    if (db[p] !== 0) {
      set++;
      expect(da[p], `demogDue of ${p}, ${when}`).toBe(db[p]);
    }
  }
  expect(set).toBeGreaterThan(a.persons.count / 2);
  expect([a.flows.deaths, a.flows.births, a.persons.count]).toEqual([b.flows.deaths, b.flows.births, b.persons.count]);
}

function runBoth(sample: number, seed: number, months: number, scrambled: boolean): { deaths: number; births: number } {
  const a = world(sample, seed);
  const b = world(sample, seed);
  asRule(b);
  if (scrambled) {
    scramble(a, seed, true);
    scramble(b, seed, false);
  }
  let deaths = 0, births = 0;
  for (let m = 1; m <= months; m++) {
    for (const w of [a, b]) {
      w.month = m;
      w.flows.reset();
      w.schedule.runMonth(w, m, w.calendar(m));
    }
    sameBytes(a, b, `month ${m}`);
    deaths += a.flows.deaths;
    births += a.flows.births;
  }
  for (const name of ['demography', 'leaving-home', 'lifetimes', 'separations', 'arrivals']) expect(a.streams.get(name).next(), name).toBe(b.streams.get(name).next());
  return { deaths, births };
}

describe('the step against the rule, whole worlds', () => {
  it('Chongqing at 3e-4, 13 months with the full schedule: the same bytes month by month', { timeout: 120_000 }, () => {
    const r = runBoth(3e-4, 3, 13, false);
    expect(r.deaths).toBeGreaterThan(50);
    expect(r.births).toBeGreaterThan(50);
  });

  it('scrambled ages, deaths and births (milestones, the leaving-home ages, next month): the same bytes month by month', { timeout: 120_000 }, () => {
    const r = runBoth(3e-4, 8, 6, true);
    expect(r.deaths).toBeGreaterThan(500);
    expect(r.births).toBeGreaterThan(100);
  });
});
