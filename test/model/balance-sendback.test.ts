/**
 * The balanced start counts the school enrolment's yearly send-back (sim/model/balance.ts,
 * expectedSendBack; services.ts sends an unplaced non-local child to the origin with
 * leave_behind_chance once a year): a twelfth of it a month is among the persons the
 * month's arrivals must replace.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { balanceStart, expectedNaturalIncrease, expectedSendBack } from '../../sim/model/balance.ts';
import { expectedLeavers } from '../../sim/model/departures.ts';
import { isLocal } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const TIANJIN = 'scenarios/cities/tianjin-2020.yaml';

function world(override: Record<string, unknown> = {}): World {
  const l = scenarioWith(TIANJIN, override);
  return createWorld(l.scenario.city, { sample: 0.002, seed: 5, replication: 0, start: l.scenario.start });
}

/** School-age children of the state by hukou (local / non-local) and place. */
function children(w: World) {
  const S = w.city.services;
  const pc = w.persons.cols;
  const out = { nonlocalPlaced: [] as number[], nonlocalUnplaced: 0, localUnplaced: 0 };
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const a = pc.ageM[p]!;
    if (a < S.school_age_from * 12 || a >= (S.school_age_to + 1) * 12) continue;
    if (isLocal(pc.hukou[p]!)) out.localUnplaced += pc.school[p] ? 0 : 1;
    else if (pc.school[p]) out.nonlocalPlaced.push(p);
    else out.nonlocalUnplaced++;
  }
  return out;
}

describe('the balanced start counts the enrolment\'s yearly send-back', () => {
  it('expected send-back = non-local school-age children without a place × leave_behind_chance (locals are never sent back)', () => {
    const w = world();
    const c = children(w);
    expect(c.nonlocalUnplaced).toBeGreaterThan(0);
    expect(expectedSendBack(w)).toBeCloseTo(c.nonlocalUnplaced * w.city.services.leave_behind_chance, 9);
    // Taking a place away from three non-local children adds 3 × the chance.
    const before = expectedSendBack(w);
    for (const p of c.nonlocalPlaced.slice(0, 3)) w.persons.cols.school[p] = 0;
    expect(expectedSendBack(w) - before).toBeCloseTo(3 * w.city.services.leave_behind_chance, 9);
  });

  it('with leave_behind_chance 0 nothing is expected back', () => {
    expect(expectedSendBack(world({ city: { services: { leave_behind_chance: 0 } } }))).toBe(0);
  });

  it('the arrivals the start needs are trend − natural increase + returns + out-migrants + send-back / 12', () => {
    const w = world();
    const sendBack = expectedSendBack(w);
    const nat = expectedNaturalIncrease(w);
    const residents = w.persons.count;
    balanceStart(w);
    const b = w.mig.balance!;
    const left = expectedLeavers(w); // the spells balanceStart drew are in place
    expect(b.sentBack * w.sample).toBeCloseTo(sendBack / 12, 9);
    const g = (1 + w.city.migration.pre_start_growth_year) ** (1 / 12) - 1;
    expect(b.persons * w.sample).toBeCloseTo(g * residents - nat + left.returns + left.out + sendBack / 12, 6);
  });
});
