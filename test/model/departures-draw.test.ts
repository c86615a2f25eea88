/**
 * The month's departure draws (sim/model/departures.ts): each live migrant
 * household, in row order, takes one draw r from stream "departures" and
 * leaves when r < its hazard. The step skips rows 4 at a time through word
 * views of the live and migrant flags, and computes a hazard only when r is
 * below a bound of it made from the household's own columns, and whether the
 * head is unemployed from the labour tally's bitmap of job seekers (an
 * unemployed head below a bound with its own months unemployed). Checked on two
 * copies of one hand-made world: the step on the first against the plain
 * rule on the second (every live migrant household's hazard computed term by
 * term from MODEL.md's formula, compared with the same draws), household by
 * household.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { balanceStart } from '../../sim/model/balance.ts';
import { updateMigrationTerms } from '../../sim/model/migration.ts';
import { departures } from '../../sim/model/departures.ts';
import { LOCAL_URBAN } from '../../sim/model/enums.ts';
import { plainHazard } from './departures-plain.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

const OVERRIDE = { city: { departures: { base_hazard_month: 0.05, unemployment_cap_months: 6.5 } } };

/** A world with the hazard's terms spread over its migrant households, the same for the same call. */
function world(): World {
  const l = scenarioWith('scenarios/cities/tianjin-2020.yaml', OVERRIDE);
  const w = createWorld(l.scenario.city, { sample: 0.002, seed: 5, replication: 0, start: l.scenario.start });
  balanceStart(w);
  updateMigrationTerms(w, false);
  const hc = w.households.cols;
  const pc = w.persons.cols;
  let i = 0;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h] || !hc.migrant[h]) continue;
    const head = hc.head[h]!;
    if (head < 0) continue;
    i++;
    // A removed migrant row: its flags say migrant, its live flag does not.
    if (i % 19 === 0) {
      w.removeHouseholdWithMembers(h);
      continue;
    }
    if (i % 3 === 0) {
      // Through World's methods, which keep the labour tally's job seekers (the step reads them).
      w.setActive(head, 1);
      if (pc.sector[head]! >= 0) w.leaveJob(head);
      pc.unemp[head] = (i * 7) % 40;
    }
    hc.unplaced[h] = i % 11;
    if (i % 13 === 0) pc.hukou[head] = LOCAL_URBAN;
    if (i % 5 === 0) hc.burden[h] = 1 + (i % 4);
    if (i % 17 === 0 && hc.dwelling[h]! >= 0) w.moveOut(h);
  }
  return w;
}

describe('departures: the draws of the step', () => {
  it('make the same migrant households leave as the hazard of every household compared with the same draws', () => {
    const a = world();
    const b = world();
    const n = a.households.size;
    const hc = b.households.cols;
    // The world has groups of 4 rows without a live migrant (skipped by words) and groups with one.
    let empty = 0, mixed = 0;
    for (let g = 0; g + 4 <= n; g += 4) {
      let k = 0;
      for (let h = g; h < g + 4; h++) if (b.households.live[h] && hc.migrant[h]) k++;
      if (k === 0) empty++;
      else if (k < 4) mixed++;
    }
    expect(empty).toBeGreaterThan(20);
    expect(mixed).toBeGreaterThan(20);
    expect(n % 4).not.toBe(0); // rows past the last whole word too
    // The plain rule on b: one draw per live migrant household in row order.
    const s = b.streams.get('departures');
    const expected: number[] = [];
    let migrants = 0, removed = 0, close = 0;
    for (let h = 0; h < n; h++) {
      if (!b.households.live[h]) {
        if (hc.migrant[h]) removed++;
        continue;
      }
      if (!hc.migrant[h]) continue;
      migrants++;
      const r = s.next();
      const hz = plainHazard(b, h, true);
      if (r < hz) expected.push(h);
      else if (r < 2 * hz) close++;
    }
    expect(removed).toBeGreaterThan(10);
    // Enough households leave, and enough draws fall just above their hazard, for a loose bound to show.
    expect(expected.length).toBeGreaterThan(40);
    expect(close).toBeGreaterThan(40);
    // The step on a (out-migration removes residents only).
    const before = Uint8Array.from(a.households.live);
    departures(a, 1);
    const left: number[] = [];
    for (let h = 0; h < n; h++) if (before[h] && a.households.cols.migrant[h] && !a.households.live[h]) left.push(h);
    expect(migrants).toBeGreaterThan(400);
    expect(left).toEqual(expected);
  });
});
