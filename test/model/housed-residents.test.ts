/**
 * World.housedResidents (sim/model/world.ts): the members of the households
 * that have a dwelling, by zone, kept by moveIn, moveOut and the member
 * methods, which the housing step hands to the location model instead of
 * counting them in its pass. Checked here against a recount of the
 * households: on hand-made households through moves in and out, births,
 * deaths, a member leaving to a household of its own, a demolished dwelling
 * and a household leaving with its members; and after every step of months of
 * a whole world (where the location model's zone residents after the housing
 * step must be the same recount).
 */
import { describe, expect, it } from 'vitest';
import { MARKET_RENTAL, NONLOCAL_RURAL, OWNED } from '../../sim/model/enums.ts';
import { locationOf } from '../../sim/model/location.ts';
import type { World } from '../../sim/model/world.ts';
import { addHousehold, chongqingWith, tinyWorld } from '../policy/helpers.ts';

/** Members of the live households with a dwelling, by zone, counted from the households. */
function recount(w: World): number[] {
  const hc = w.households.cols;
  const out = new Array<number>(w.nz).fill(0);
  for (let h = 0; h < w.households.size; h++) if (w.households.live[h] && hc.dwelling[h]! >= 0) out[hc.zone[h]!]! += hc.size[h]!;
  return out;
}

const kept = (w: World) => Array.from(w.housedResidents);

describe('housed residents by zone', () => {
  it('follow hand-made households through moves, births, deaths, leavers, demolition and departure', () => {
    const w = tinyWorld(chongqingWith({}), 1e-5, 3);
    expect(kept(w)).toEqual(recount(w));
    const before = kept(w);
    const a = addHousehold(w, { zone: 0, tenure: MARKET_RENTAL, members: [{ ageYears: 30, hukou: NONLOCAL_RURAL, wage: 6000 }, { ageYears: 28, hukou: NONLOCAL_RURAL }, { ageYears: 25, hukou: NONLOCAL_RURAL }] });
    const b = addHousehold(w, { zone: 1, tenure: -1, members: [{ ageYears: 40, hukou: NONLOCAL_RURAL, wage: 5000 }, { ageYears: 10, hukou: NONLOCAL_RURAL }] });
    // a is housed in zone 0 (3 members); b is not housed.
    expect(kept(w)[0]! - before[0]!).toBe(3);
    expect(kept(w)[1]).toBe(before[1]);
    expect(kept(w)).toEqual(recount(w));
    // A birth in a, a birth in unhoused b.
    w.newPerson(a.h, 0, 0, 0, NONLOCAL_RURAL, 0);
    w.newPerson(b.h, 0, 1, 0, NONLOCAL_RURAL, 1);
    expect(kept(w)[0]! - before[0]!).toBe(4);
    expect(kept(w)).toEqual(recount(w));
    // b moves into an owned dwelling of zone 2; then a moves to zone 1.
    const d2 = w.newDwelling(2, OWNED, 1);
    w.moveIn(b.h, d2);
    expect(kept(w)[2]! - before[2]!).toBe(3);
    const d1 = w.newDwelling(1, MARKET_RENTAL, 1);
    w.moveIn(a.h, d1);
    expect(kept(w)[0]).toBe(before[0]);
    expect(kept(w)[1]! - before[1]!).toBe(4);
    expect(kept(w)).toEqual(recount(w));
    // A member of a leaves to a household of its own (unhoused), then a death in b.
    const leaver = a.persons[2]!;
    const n = w.newHousehold(1, 0, true);
    w.detachPerson(leaver);
    w.attachPerson(leaver, n);
    expect(kept(w)[1]! - before[1]!).toBe(3);
    expect(kept(w)).toEqual(recount(w));
    w.removePerson(b.persons[1]!);
    expect(kept(w)[2]! - before[2]!).toBe(2);
    expect(kept(w)).toEqual(recount(w));
    // The leaver's household is housed, a's dwelling is demolished (a unhoused), b leaves with its members.
    w.moveIn(n, w.newDwelling(1, MARKET_RENTAL, 1));
    expect(kept(w)[1]! - before[1]!).toBe(4);
    w.removeDwelling(d1);
    expect(kept(w)[1]! - before[1]!).toBe(1);
    w.removeHouseholdWithMembers(b.h);
    expect(kept(w)[2]).toBe(before[2]);
    expect(kept(w)).toEqual(recount(w));
    // The empty household of a member who died alone.
    w.removePerson(leaver);
    w.removeHousehold(n);
    expect(kept(w)).toEqual(recount(w));
    expect(kept(w)[1]).toBe(before[1]);
  });

  it('agree with the recount after every step of a whole world, and the location model gets them after housing', () => {
    const w = tinyWorld(chongqingWith({}), 1e-3, 5);
    let steps = 0;
    for (let m = 1; m <= 6; m++) {
      w.month = m;
      w.flows.reset();
      w.schedule.runMonth(w, m, w.calendar(m), (step) => {
        expect(kept(w), `${step}, month ${m}`).toEqual(recount(w));
        if (step === 'housing') expect(Array.from(locationOf(w).zoneResidents)).toEqual(recount(w));
        steps++;
      });
    }
    expect(steps).toBeGreaterThan(6 * 8);
    expect(w.flows.moves + w.flows.deaths + w.flows.births).toBeGreaterThan(0);
  });
});
