/**
 * The location choice's class of a household (sim/model/location.ts classOf): its part without the
 * income band is kept in the household's `cls` column, cleared by World's methods when a member joins or
 * leaves, the head's hukou or a member's job changes, and found again when the child it watches
 * (`clsKid`) turns 15. Checked against the class found from the members every time (plainClassOf, the
 * rule of MODEL.md §3.4: band × hukou group × children × single × the head's job zone): on a run of a
 * small world, household by household and month by month, and on hand-made households through each
 * event that changes a class.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { ensureMonth, locationOf, type LocationModel } from '../../sim/model/location.ts';
import { LOCAL_RURAL, LOCAL_URBAN, MARKET_RENTAL, NONLOCAL_RURAL } from '../../sim/model/enums.ts';
import { installPolicies } from '../../sim/policy/registry.ts';
import type { World } from '../../sim/model/world.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** The class of household h from its members now, as classOf found it before the class was kept. */
function plainClassOf(w: World, m: LocationModel, h: number, budget: number): number {
  const hc = w.households.cols, pc = w.persons.cols;
  const head = hc.head[h]!;
  const hk = head >= 0 ? pc.hukou[head]! : LOCAL_URBAN;
  const group = hk === LOCAL_URBAN ? 0 : hk === LOCAL_RURAL ? 1 : 2;
  const jobZone = head >= 0 ? pc.jobZone[head]! : -1;
  const single = hc.size[h] === 1 && head >= 0 && pc.sector[head]! >= 0 ? 1 : 0;
  let kids = 0;
  for (let p = head >= 0 ? pc.next[head]! : -1; p >= 0; p = pc.next[p]!) if (pc.ageM[p]! < 180) kids = 1;
  return m.classIndex(m.bandPlain(budget), group, kids, single, jobZone);
}

const budgetOf = (w: World, h: number) => Math.max(w.incomeOf(h), w.households.cols.savings[h]! / 24);

describe('location classes kept by events', () => {
  it('equal the class found from the members for every household, every month of a run', () => {
    const sc = loadScenarioFile('scenarios/cities/wuhan-2020.yaml').scenario;
    const w = createWorld(sc.city, { sample: 0.001, seed: 4, replication: 0, start: sc.start });
    installPolicies(w, sc.policies as Record<string, unknown>);
    const m = locationOf(w);
    let known = 0, checked = 0;
    for (let month = 1; month <= 14; month++) {
      w.month = month;
      w.flows.reset();
      w.schedule.runMonth(w, month, w.calendar(month), () => {});
      ensureMonth(w, m, month);
      const hc = w.households.cols;
      for (let h = 0; h < w.households.size; h++) {
        if (!w.households.live[h]) continue;
        if (hc.cls[h]! > 0) known++;
        const b = budgetOf(w, h);
        expect(m.classOf(h, b)).toBe(plainClassOf(w, m, h, b));
        checked++;
      }
    }
    // Most households' classes were known (kept from an earlier month) when asked.
    expect(known / checked).toBeGreaterThan(0.8);
  });

  it('follow each event that changes a class: a job, a hukou, a birth, a member leaving, a child turning 15', () => {
    const w = tinyWorld(chongqingWith({}), 1e-5, 1);
    const m = locationOf(w);
    ensureMonth(w, m, 1);
    const pc = w.persons.cols;
    const x = addHousehold(w, { zone: 1, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: 6000 }, { ageYears: 14.9, hukou: NONLOCAL_RURAL }] });
    const [head, child] = x.persons as [number, number];
    const same = () => {
      const b = budgetOf(w, x.h);
      const c = m.classOf(x.h, b);
      expect(c).toBe(plainClassOf(w, m, x.h, b));
      expect(m.classOf(x.h, b)).toBe(c); // asked again: the kept class
      return c;
    };
    const c0 = same();
    const d0 = m.describe(c0);
    expect([d0.hukouGroup, d0.children, d0.single, d0.jobZone]).toEqual([2, true, false, 1]);
    w.leaveJob(head);
    w.takeJob(head, 3, 2, 6000, true);
    expect(m.describe(same()).jobZone).toBe(3);
    w.setHukou(head, LOCAL_URBAN, 1);
    expect(m.describe(same()).hukouGroup).toBe(0);
    // The child turns 15 as the ageing pass ages it (no World method: the watched age says so).
    while (pc.ageM[child]! < 180) pc.ageM[child]!++;
    expect(m.describe(same()).children).toBe(false);
    const baby = w.newPerson(x.h, 0, 0, 0, LOCAL_URBAN, 1);
    expect(m.describe(same()).children).toBe(true);
    w.removePerson(baby);
    expect(m.describe(same()).children).toBe(false);
    w.removePerson(child);
    // One member with a job: single.
    expect(m.describe(same()).single).toBe(true);
    w.leaveJob(head);
    const d = m.describe(same());
    expect([d.single, d.jobZone]).toEqual([false, -1]);
  });
});
