/**
 * The return hazard's exp(x) from its table (sim/model/departures.ts): the
 * scan looks exp(x) up by the hazard's discrete terms (months unemployed,
 * no dwelling, children without a place, the head's prospect) and computes
 * it only when a household has a burden term or many unplaced children.
 * The table must give the same floats as the formula computed directly, for
 * every combination of the terms, the unemployment cap and the fallbacks
 * included: checked on a hand-made spread of migrant households against
 * the plain arithmetic of MODEL.md's formula, to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { balanceStart } from '../../sim/model/balance.ts';
import { updateMigrationTerms } from '../../sim/model/migration.ts';
import { expectedLeavers } from '../../sim/model/departures.ts';
import { LOCAL_URBAN } from '../../sim/model/enums.ts';
import { plainHazard } from './departures-plain.ts';
import type { World } from '../../sim/model/world.ts';
import { scenarioWith } from '../helpers.ts';

function world(override: Record<string, unknown> = {}): World {
  const l = scenarioWith('scenarios/cities/tianjin-2020.yaml', override);
  const w = createWorld(l.scenario.city, { sample: 0.002, seed: 5, replication: 0, start: l.scenario.start });
  balanceStart(w);
  updateMigrationTerms(w, false);
  return w;
}

/** Expected returning persons by the formula, term by term, with Math.exp for every household. */
function plainReturns(w: World): number {
  const hc = w.households.cols;
  let sum = 0;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h] || !hc.migrant[h]) continue;
    sum += Math.min(1, plainHazard(w, h, false)) * hc.size[h]!;
  }
  return sum;
}

/** Spreads the hazard's terms over the migrant households: unemployment spells up to past the cap, unplaced children up to past the table, some without a dwelling, some heads with local hukou. */
function spread(w: World): number {
  const hc = w.households.cols;
  const pc = w.persons.cols;
  let i = 0;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h] || !hc.migrant[h]) continue;
    const head = hc.head[h]!;
    if (head < 0) continue;
    i++;
    if (i % 3 === 0) {
      pc.active[head] = 1;
      if (pc.sector[head]! >= 0) w.leaveJob(head);
      pc.unemp[head] = (i * 7) % 40;
    }
    hc.unplaced[h] = i % 11;
    if (i % 13 === 0) pc.hukou[head] = LOCAL_URBAN;
    if (i % 17 === 0 && hc.dwelling[h]! >= 0) w.moveOut(h);
  }
  return i;
}

describe('departures: exp(x) from the table of the hazard\'s discrete terms', () => {
  it('gives the expected returns of the formula computed directly, to the last bit', () => {
    const w = world();
    expect(spread(w)).toBeGreaterThan(200);
    expect(expectedLeavers(w).returns).toBe(plainReturns(w));
    // The prospect terms change month by month: the table is refilled for each scan.
    w.mig.prospect.fill(0.5);
    expect(expectedLeavers(w).returns).toBe(plainReturns(w));
  });

  it('covers a cap that is not a whole number of months and weights that differ from the defaults', () => {
    const w = world({ city: { departures: { unemployment_cap_months: 6.5, school_weight: 0.35, unhoused_weight: 1.3 } } });
    spread(w);
    const r = expectedLeavers(w).returns;
    expect(r).toBe(plainReturns(w));
    // A wrong cap would show: the same world with a cap of 7 expects more returns.
    w.city.departures.unemployment_cap_months = 7;
    expect(expectedLeavers(w).returns).toBeGreaterThan(r);
    expect(expectedLeavers(w).returns).toBe(plainReturns(w));
  });
});
