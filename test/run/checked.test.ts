/**
 * Checked mode (`megasim run --check`, sim/run/checked.ts): every shipped
 * scenario runs a few years at a small sample without a breach and with the
 * same bytes as an unchecked run; breaches planted by hand (a policy stub
 * over its quota, corrupted occupants, a leaked person, NaN, over-filled
 * schools, an unbalanced budget, a job's due month moved off its list) are
 * caught at the step that made them and named: invariant, month, step and
 * agent.
 */
import { monthIndex } from '../../sim/policy/dates.ts';
import { describe, expect, it } from 'vitest';
import { readdirSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { checkedReplication, runChecked, InvariantBreach, calendarLabel } from '../../sim/run/checked.ts';
import { quotaInvariant, type QuotaLedger } from '../../sim/model/invariants.ts';
import { runAll } from '../../sim/run/runScenario.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import { NONLOCAL_RURAL, NONLOCAL_URBAN, LOCAL_URBAN, NT, NO_JOB } from '../../sim/model/enums.ts';
import { NO_PERMIT, type World } from '../../sim/model/world.ts';
import { regMonthsOf } from '../../sim/model/regMonths.ts';
import { Schedule } from '../../sim/engine/schedule.ts';
import { main } from '../../sim/cli/main.ts';

const LONG = process.env.MEGASIM_LONG === '1';
const SAMPLE = 0.001;
/** Months each shipped scenario runs checked: every calendar month twice (two enrolments, two yearly rounds); five years with MEGASIM_LONG. */
const MONTHS = LONG ? 60 : 24;

const shipped = ['scenarios/cities', 'scenarios/policies']
  .filter((d) => existsSync(d))
  .flatMap((d) => readdirSync(d).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `${d}/${f}`))
  .sort();

describe('every shipped scenario in checked mode', () => {
  it('finds the shipped scenarios', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(8);
  });

  let quotaRounds = 0;
  it.each(shipped)(`%s: ${MONTHS} months checked without a breach`, (file) => {
    const l = loadScenarioFile(file);
    const { checker, result } = checkedReplication(l.scenario, { replication: 0, seed: 3, sample: SAMPLE, months: MONTHS });
    expect(result.rows.month[result.rows.month.length - 1]).toBe(MONTHS);
    // Every step of every month was checked (at least the ten standard steps a month), plus month 0.
    expect(checker.checks).toBeGreaterThanOrEqual(MONTHS * 9 + 1);
    quotaRounds += checker.quotaRounds;
  });

  it('checked the points quota from the scenario in at least one shipped scenario', () => {
    expect(quotaRounds).toBeGreaterThan(0);
  });
});

describe('checked mode changes nothing', () => {
  it('a checked run gives the same indicators.csv as an unchecked one', () => {
    const l = loadScenarioFile('scenarios/cities/wuhan-2020.yaml');
    const st = { seed: 5, replications: 2, sample: SAMPLE, months: 14 };
    const a = runChecked(l, st);
    const b = runAll(l, st);
    expect(a.digest).toBe(b.digest);
    expect(a.csv).toBe(b.csv);
  });
});

// ---- planted breaches -------------------------------------------------------------------

const SMALL = 'scenarios/cities/wuhan-2020.yaml';

/** Runs checked with a saboteur installed at the start; returns the breach (or fails the test if none). */
function breachOf(file: string, plant: (w: World) => void, months = 14, sample = 0.0005): InvariantBreach {
  const l = loadScenarioFile(file);
  try {
    checkedReplication(l.scenario, { replication: 0, seed: 9, sample, months, onStart: plant });
  } catch (e) {
    if (e instanceof InvariantBreach) return e;
    throw e;
  }
  throw new Error('checked mode found no breach');
}

/** Inserts a step named `name` after `after` that runs `f` once, in month `month`. */
function sabotage(w: World, after: string, month: number, f: (w: World) => void, name = 'saboteur'): void {
  w.schedule.insertAfter(after, { name, monthOfYear: 0, run: (w, m) => (m === month ? f(w) : undefined) });
}

/** Live rows of a table matching a test. */
function rows(n: number, live: Uint8Array, ok: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (live[i] && ok(i)) out.push(i);
  return out;
}

describe('checked mode catches planted breaches and names them', () => {
  it('a policy stub that grants hukou beyond its quota (quota ledger)', () => {
    const e = breachOf(SMALL, (w) => {
      const ledger: QuotaLedger = { policy: 'stub_points', allowed: 2, granted: 0 };
      w.invariants.push(quotaInvariant(ledger));
      w.settlementRules.push((w, m) => {
        if (m !== 3) return;
        const pc = w.persons.cols;
        const applicants = rows(w.persons.size, w.persons.live, (p) => (pc.hukou[p] === NONLOCAL_URBAN || pc.hukou[p] === NONLOCAL_RURAL) && pc.ageM[p]! >= 240);
        for (const p of applicants.slice(0, 5)) {
          if (pc.hukou[p] === LOCAL_URBAN) continue;
          grantHukou(w, p, m);
          ledger.granted++;
        }
      });
    });
    expect(e.invariant).toBe('quotas never exceeded');
    expect(e.month).toBe(3);
    expect(e.step).toBe('settlement');
    const granted = Number(/policy stub_points granted (\d+) in this round, its quota allows 2$/.exec(e.message)?.[1]);
    expect(granted).toBeGreaterThan(2);
    expect(e.message).toMatch(/ month 3 \(\d{4}-\d\d\), after the "settlement" step/);
  });

  it("a stub granting beyond the points policy's yearly quota (no ledger: checked from the scenario)", () => {
    const l = loadScenarioFile('scenarios/policies/beijing-points.yaml');
    const P = l.scenario.policies.points as { month_of_year: number };
    const e = breachOf(
      'scenarios/policies/beijing-points.yaml',
      (w) => {
        w.settlementRules.push((w, m) => {
          if (w.calendar(m) !== P.month_of_year) return;
          const pc = w.persons.cols;
          const extra = rows(w.persons.size, w.persons.live, (p) => pc.hukou[p] === NONLOCAL_RURAL && pc.ageM[p]! >= 240);
          for (const p of extra.slice(0, 20)) if (pc.hukou[p] !== LOCAL_URBAN) grantHukou(w, p, m);
        });
      },
      monthIndex(l.scenario.start, '2018-05') + 1,
      0.001,
    );
    expect(e.invariant).toBe('quotas never exceeded');
    expect(e.step).toBe('settlement');
    // The rule is in force from 2018-01 (its `from`), so its quota is checked from its first round, May 2018.
    const round = monthIndex(l.scenario.start, '2018-05');
    expect(e.month).toBe(round);
    expect(e.message).toMatch(/the points quota allows \d+ applicants \(agents\) in 1 round/);
  });

  it("an invariant a policy declares: public rental's financing booked negative (planted), caught under the policy's own name", () => {
    const e = breachOf(
      'scenarios/policies/chongqing-differentiated.yaml',
      (w) => {
        expect(w.invariants.map((i) => i.name)).toContain('budgets balance'); // declared by public_rental, installed by the registry
        sabotage(w, 'public_rental', 5, (w) => w.flows.add(w.flows.declare('public_rental_grants'), -1e9));
      },
      8,
    );
    expect(e.invariant).toBe('budgets balance');
    expect(e.month).toBe(5);
    expect(e.step).toBe('saboteur');
    expect(e.detail).toMatch(/^public rental financing: grants -\d+(\.\d+)?(e\+\d+)?, loans [\d.e+]+ \(negative\)$/);
  });

  it('checked mode runs no invariant of a policy that is not installed', () => {
    const l = loadScenarioFile(SMALL);
    const { checker } = checkedReplication(l.scenario, { replication: 0, seed: 9, sample: 0.0005, months: 2, onStart: (w) => expect(w.invariants).toEqual([]) });
    expect(checker.quotaRounds).toBe(0);
  });

  it('a hand-corrupted occupant: one household the occupant of two dwellings', () => {
    let planted = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 2, (w) => {
        const hc = w.households.cols;
        const dc = w.dwellings.cols;
        const housed = rows(w.households.size, w.households.live, (h) => hc.dwelling[h]! >= 0);
        const vacant = rows(w.dwellings.size, w.dwellings.live, (d) => dc.occupant[d] === -1);
        planted = vacant[0]!;
        dc.occupant[planted] = housed[0]!;
      }),
    );
    expect(e.invariant).toBe('no household in two dwellings');
    expect(e.step).toBe('saboteur');
    expect(e.month).toBe(2);
    expect(e.agent).toEqual({ table: 'dwellings', row: planted });
    expect(e.message).toContain(`[agent: dwellings row ${planted}]`);
  });

  it('a hand-corrupted dwelling reference: two households in one dwelling', () => {
    let second = -1;
    let dwelling = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'registration', 4, (w) => {
        const hc = w.households.cols;
        const housed = rows(w.households.size, w.households.live, (h) => hc.dwelling[h]! >= 0);
        dwelling = hc.dwelling[housed[0]!]!;
        second = housed[1]!;
        hc.dwelling[second] = dwelling;
      }),
    );
    expect(e.invariant).toBe('no dwelling with two households');
    expect(e.month).toBe(4);
    expect(e.agent).toEqual({ table: 'households', row: second });
    expect(e.detail).toContain(`both live in dwelling ${dwelling}`);
  });

  it('a person removed without being counted as a departure (population conservation)', () => {
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'arrivals', 5, (w) => {
        const hc = w.households.cols;
        const pc = w.persons.cols;
        const big = rows(w.persons.size, w.persons.live, (p) => hc.size[pc.hh[p]!]! >= 3);
        w.removePerson(big[0]!);
      }),
    );
    expect(e.invariant).toBe('population conservation');
    expect(e.month).toBe(5);
    expect(e.step).toBe('saboteur');
    expect(e.detail).toMatch(/^(\d+) persons, but the month started with \d+ \+ births \d+ \+ arrivals \d+ − deaths \d+ − departures \d+ = (\d+)$/);
    const [, now, expected] = /^(\d+) .* = (\d+)$/.exec(e.detail)!;
    expect(Number(expected) - Number(now)).toBe(1);
  });

  it('a NaN written into a column', () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        victim = rows(w.persons.size, w.persons.live, () => true)[7]!;
        w.persons.cols.wage[victim] = NaN;
      }),
    );
    expect(e.invariant).toBe('no NaN in any column');
    expect(e.agent).toEqual({ table: 'persons', row: victim });
    expect(e.detail).toBe(`person ${victim} has wage = NaN`);
  });

  it('school places over-filled', () => {
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 2, (w) => {
        const pc = w.persons.cols;
        for (const p of rows(w.persons.size, w.persons.live, () => true)) pc.school[p] = 1;
      }),
    );
    expect(e.invariant).toBe('school places never over-filled');
    expect(e.month).toBe(2);
    expect(e.detail).toMatch(/^\d+ children hold school places, but only \d+ were allocated at the last enrolment$/);
  });

  it('a budget that does not balance (a payment booked after the fiscal step)', () => {
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'fiscal', 6, (w) => {
        w.flows.costGov += 1000;
      }),
    );
    expect(e.invariant).toBe('budgets balance');
    expect(e.month).toBe(6);
    expect(e.step).toBe('saboteur');
    expect(e.detail).toMatch(/^government 1000 \+ employers 0 \+ persons 0 = 1000 yuan, but 0 new citizens cost 0 yuan$/);
  });

  it("a wage written past World's methods (the household's wages column no longer adds up)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 4, (w) => {
        const pc = w.persons.cols;
        victim = rows(w.persons.size, w.persons.live, (p) => pc.sector[p]! >= 0)[0]!;
        pc.wage[victim] = pc.wage[victim]! + 100;
      }),
    );
    expect(e.invariant).toBe("household wages are its members' wages");
    expect(e.month).toBe(4);
    expect(e.step).toBe('saboteur');
    expect(e.agent?.table).toBe('households');
    const m = /^household (\d+) holds wages ([\d.e+]+) but its members earn ([\d.e+]+)$/.exec(e.detail);
    expect(m).not.toBeNull();
    expect(Number(m![3]) - Number(m![2])).toBeCloseTo(100, 1);
    expect(victim).toBeGreaterThanOrEqual(0);
  });

  it("a dwelling moved into past World's methods (the household's copies of tenure and factor disagree)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 3, (w) => {
        const hc = w.households.cols;
        victim = rows(w.households.size, w.households.live, (h) => hc.dwelling[h]! >= 0)[0]!;
        hc.dwFactor[victim] = hc.dwFactor[victim]! * 2;
      }),
    );
    expect(e.invariant).toBe('housing agrees with its occupants');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'households', row: victim });
    expect(e.detail).toMatch(new RegExp(`^household ${victim} holds tenure \\d+ and factor [\\d.]+ for its dwelling \\d+, which has tenure \\d+ and factor [\\d.]+$`));
  });

  it("an age written past the ageing pass (a household's location class kept by events no longer its members')", () => {
    let victim = -1, nz = 0;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 3, (w) => {
        nz = w.nz;
        const hc = w.households.cols, pc = w.persons.cols;
        // A household whose class part is known, without children, with a member after the head: that member made a child.
        victim = rows(w.households.size, w.households.live, (h) => hc.cls[h]! > 0 && hc.clsKid[h] === -1 && hc.size[h]! > 1)[0]!;
        pc.ageM[pc.next[hc.head[victim]!]!] = 100;
      }),
    );
    expect(e.invariant).toBe('location classes kept');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'households', row: victim });
    const m = /^household (\d+) holds class part (\d+) but its members give (\d+)$/.exec(e.detail);
    expect(m).not.toBeNull();
    // The children bit of the class part, (× 2 single) × (nz + 1) (location.ts classPartOf), is what differs.
    expect(Number(m![3]) - Number(m![2])).toBe(2 * (nz + 1));
  });

  it("a household's watched child moved past World's methods (it watches a person of another household)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 3, (w) => {
        const hc = w.households.cols;
        const withKid = rows(w.households.size, w.households.live, (h) => hc.cls[h]! > 0 && hc.clsKid[h]! >= 0);
        victim = withKid[0]!;
        hc.clsKid[victim] = hc.clsKid[withKid[1]!]!;
      }),
    );
    expect(e.invariant).toBe('location classes kept');
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'households', row: victim });
    expect(e.detail).toMatch(new RegExp(`^household ${victim} watches the age of person \\d+, who is not its member$`));
  });

  it("a member's copy of the household's tenure written past World's methods", () => {
    let victim = -1;
    let household = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 3, (w) => {
        const hc = w.households.cols;
        household = rows(w.households.size, w.households.live, (h) => hc.dwelling[h]! >= 0 && hc.size[h]! >= 2)[0]!;
        victim = w.persons.cols.next[hc.head[household]!]!;
        w.persons.cols.dwTenure[victim] = (hc.dwTenure[household]! + 1) % NT;
      }),
    );
    expect(e.invariant).toBe('housing agrees with its occupants');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'persons', row: victim });
    expect(e.detail).toMatch(new RegExp(`^person ${victim} holds tenure \\d+ for the dwelling of household ${household}, which holds \\d+$`));
  });

  it("a vacancy list's lower bound of factors raised over one of its dwellings", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'housing', 3, (w) => {
        const dc = w.dwellings.cols;
        victim = rows(w.dwellings.size, w.dwellings.live, (d) => dc.occupant[d] === -1)[0]!;
        w.vacMinFactor[dc.zone[victim]! * NT + dc.tenure[victim]!] = dc.factor[victim]! * 1.5;
      }),
    );
    expect(e.invariant).toBe('housing agrees with its occupants');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.detail).toMatch(/^dwelling \d+ is vacant with factor [\d.]+ under its list's lower bound [\d.]+$/);
    expect(victim).toBeGreaterThanOrEqual(0);
  });

  it('a residence permit withdrawn from a person still entitled to it, after the registration step', () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'registration', 4, (w) => {
        const pc = w.persons.cols;
        const dwelling = w.households.cols.dwelling;
        victim = rows(w.persons.size, w.persons.live, (p) => pc.permitSince[p] !== NO_PERMIT && pc.registered[p] === 1 && pc.ageM[p]! >= 192 && dwelling[pc.hh[p]!]! >= 0 && regMonthsOf(w, p) >= w.levers.permitMonths)[0]!;
        pc.permitSince[victim] = NO_PERMIT;
      }),
    );
    expect(e.invariant).toBe('every registrant due a residence permit holds one');
    expect(e.month).toBe(4);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'persons', row: victim });
    expect(e.detail).toMatch(new RegExp(`^person ${victim}, non-local, aged \\d+ months, registered \\d+ months \\(permit_months \\d+\\) in a housed household, holds no permit$`));
  });

  it("registered months written past World's methods (a registered person's regBase after the clock: a negative count)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        const dwelling = w.households.cols.dwelling;
        victim = rows(w.persons.size, w.persons.live, (p) => pc.registered[p] === 1 && dwelling[pc.hh[p]!]! >= 0)[0]!;
        pc.regBase[victim] = w.registry.clock + 5;
      }),
    );
    expect(e.invariant).toBe('registered months within 0…32767');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.detail).toBe(`person ${victim} has -5 registered months`);
  });

  it("a job's due month written past World's methods (not filed under its month: the labour step would not end it)", () => {
    let victim = -1;
    let end = 0;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        victim = rows(w.persons.size, w.persons.live, (p) => pc.sector[p]! >= 0 && pc.jobEnd[p]! < 30000)[0]!;
        end = pc.jobEnd[victim]! + 7;
        pc.jobEnd[victim] = end;
      }),
    );
    expect(e.invariant).toBe('job ends filed by month');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'persons', row: victim });
    expect(e.detail).toBe(`person ${victim} holds a job due to end in month ${end} that is not filed under month ${end}`);
  });

  it("activity written past World's methods (a job seeker taken out of the labour force without the tally: the labour step would still list it)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        victim = rows(w.persons.size, w.persons.live, (p) => pc.active[p] === 1 && pc.sector[p] === NO_JOB)[0]!;
        pc.active[victim] = 0;
      }),
    );
    expect(e.invariant).toBe('labour force tallied');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    expect(e.agent).toEqual({ table: 'persons', row: victim });
    expect(e.detail).toBe(`person ${victim} (active 0, sector -1) is marked as seeking work`);
  });

  it('education written past World\'s methods (a non-hukou member of the labour force moved to another education without the tally)', () => {
    let edu = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        const victim = rows(w.persons.size, w.persons.live, (p) => pc.active[p] === 1 && pc.hukou[p] !== 0 && pc.edu[p]! > 0)[0]!;
        edu = pc.edu[victim]!;
        pc.edu[victim] = edu - 1;
      }),
    );
    expect(e.invariant).toBe('labour force tallied');
    expect(e.step).toBe('saboteur');
    expect(e.detail).toMatch(new RegExp(`^the tally counts \\d+ non-hukou members of education ${edu - 1}, the columns \\d+$`));
  });

  it("a hukou written past World's methods (the census's counts kept by events no longer agree with the persons)", () => {
    let victim = -1;
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        // Not a household's head: a head's hukou is part of its household's location class (kept by events too).
        victim = rows(w.persons.size, w.persons.live, (p) => pc.sector[p]! >= 0 && pc.hukou[p]! >= 2 && w.households.cols.head[pc.hh[p]!] !== p)[0]!;
        w.labourOut(victim); // (the labour force's tally kept right: only the census's counts are bypassed)
        pc.hukou[victim] = 0; // local urban, in the zone it names (its Gini group changes too)
        pc.hukouZone[victim] = 2;
        w.labourIn(victim);
      }),
    );
    expect(e.invariant).toBe('census counts agree with the tables');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    // The employed are the same; the first difference is the victim's bin of the local group, one short.
    const m = /^Gini bin (\d+) \(local\) count: (\d+) counted, (\d+) recounted$/.exec(e.detail);
    expect(m).not.toBeNull();
    expect(Number(m![3]) - Number(m![2])).toBe(1);
    expect(victim).toBeGreaterThanOrEqual(0);
  });

  it("formal work written past World's methods (the census's number in formal work and their wages no longer agree)", () => {
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'labour', 3, (w) => {
        const pc = w.persons.cols;
        const victim = rows(w.persons.size, w.persons.live, (p) => pc.sector[p]! >= 0 && pc.formal[p] === 0)[0]!;
        pc.formal[victim] = 1; // (not World.formalise)
      }),
    );
    expect(e.invariant).toBe('census counts agree with the tables');
    expect(e.month).toBe(3);
    expect(e.step).toBe('saboteur');
    const m = /^(\d+) in formal work counted, (\d+) recounted$/.exec(e.detail);
    expect(m).not.toBeNull();
    expect(Number(m![2]) - Number(m![1])).toBe(1);
  });

  it("a hukou zone written past World's methods (local hukou by zone no longer agrees)", () => {
    const e = breachOf(SMALL, (w) =>
      sabotage(w, 'demography', 2, (w) => {
        const pc = w.persons.cols;
        const p = rows(w.persons.size, w.persons.live, (q) => pc.hukou[q]! < 2 && pc.hukouZone[q] === 0)[0]!;
        pc.hukouZone[p] = 1;
      }),
    );
    expect(e.invariant).toBe('census counts agree with the tables');
    expect(e.month).toBe(2);
    expect(e.detail).toMatch(/^local hukou of zone 0: (\d+) counted, (\d+) recounted$/);
    const [, a, b] = /: (\d+) counted, (\d+) recounted$/.exec(e.detail)!;
    expect(Number(a) - Number(b)).toBe(1);
  });

  it('a correct state raises nothing (the saboteur alone, doing nothing)', () => {
    const l = loadScenarioFile(SMALL);
    const { checker } = checkedReplication(l.scenario, { replication: 0, seed: 9, sample: 0.0005, months: 6, onStart: (w) => sabotage(w, 'housing', 2, () => {}) });
    expect(checker.checks).toBeGreaterThan(6 * 10);
  });

  it('calendar labels', () => {
    expect(calendarLabel('2010-07', 0)).toBe('2010-07');
    expect(calendarLabel('2010-07', 6)).toBe('2011-01');
    expect(calendarLabel('2013-12', 13)).toBe('2015-01');
  });
});

describe('megasim run --check through the command', () => {
  it('exits 1 with the breach named, and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'megasim-checked-')), 'out');
    // Corrupt the state in month 2 of whatever world the command builds: the world's schedule runs this month.
    const original = Schedule.prototype.runMonth;
    Schedule.prototype.runMonth = function (this: Schedule<World>, w: World, m: number, cal: number, onStep?: (s: string) => void) {
      if (m === 2) {
        const pc = w.persons.cols;
        const p = rows(w.persons.size, w.persons.live, () => true)[3]!;
        w.schedule.steps.splice(1, 0, { name: 'saboteur', monthOfYear: 0, run: () => void (pc.points[p] = Infinity) });
      }
      original.call(this, w, m, cal, onStep);
    } as typeof original;
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    let code: number;
    try {
      process.exitCode = undefined;
      code = await main(['run', SMALL, '--sample', '0.0005', '--months', '3', '--check', '--out', dir]);
    } finally {
      Schedule.prototype.runMonth = original;
      process.stderr.write = write;
      process.exitCode = undefined;
    }
    expect(code).toBe(1);
    const text = err.join('');
    expect(text).toMatch(/invariant "no NaN in any column" broken in replication 0, month 2 \(\d{4}-\d\d\), after the "saboteur" step: person \d+ has points = Infinity \[agent: persons row \d+\]/);
    expect(text).not.toContain('    at ');
    expect(existsSync(dir)).toBe(false);
  });
});
