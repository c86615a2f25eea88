/**
 * The registration step's test of every person (its first step, and any step after a change of
 * permit_months) reads four rows a word and calls the permit test only for the live, registered,
 * non-local rows without a permit (sim/model/registration.ts, testEveryone). Checked against the
 * plain pass it replaces (every live & registered row without a permit, `registrationPaths.plain`)
 * on two worlds built alike and scrambled alike: the same permits granted, and the same persons
 * scheduled in the ring, slot by slot and in the same order.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { registration, registrationPaths } from '../../sim/model/registration.ts';
import { setRegMonths } from '../../sim/model/regMonths.ts';
import { LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, NONLOCAL_URBAN } from '../../sim/model/enums.ts';
import { NO_PERMIT, type World } from '../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';

function world(): World {
  const l = scenarioWith(CHONGQING);
  return createWorld(l.scenario.city, { sample: 0.001, seed: 11, replication: 0, start: l.scenario.start });
}

/** Registration, hukou, permits and registered months spread over the persons; some households removed. */
function scramble(w: World): void {
  const pc = w.persons.cols;
  const hukous = [LOCAL_URBAN, LOCAL_RURAL, NONLOCAL_URBAN, NONLOCAL_RURAL];
  for (let h = 0; h < w.households.size; h += 29) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    pc.hukou[p] = hukous[((p * 2654435761) >>> 7) % 4]!;
    pc.registered[p] = p % 5 === 0 ? 0 : 1;
    if (p % 3 === 0) pc.permitSince[p] = NO_PERMIT;
    else if (p % 11 === 0) pc.permitSince[p] = -5;
    setRegMonths(w, p, (p * 13) % 90);
  }
}

/** The step's results the full test writes: permits, and the ring's slots and pending list in order. */
function outcome(w: World) {
  const R = w.registry;
  return {
    permits: Array.from(w.persons.cols.permitSince.subarray(0, w.persons.size)),
    ring: R.ring.map((l) => Array.from(l.a.subarray(0, l.n))),
    pending: Array.from(R.pending.a.subarray(0, R.pending.n)),
  };
}

describe('registration: the full permit test four rows a word', () => {
  it('grants and schedules exactly what the plain pass over every registered row does', () => {
    const a = world();
    const b = world();
    scramble(a);
    scramble(b);
    // A size that is not a multiple of four: the last rows go one by one.
    expect(a.persons.size % 4).not.toBe(0);
    expect(Number.isNaN(a.registry.scheduledFor)).toBe(true);
    registration(a, 1);
    registrationPaths.plain = true;
    try {
      registration(b, 1);
    } finally {
      registrationPaths.plain = false;
    }
    const oa = outcome(a);
    const ob = outcome(b);
    // Both did something worth comparing: permits granted this month, persons scheduled.
    expect(oa.permits.filter((x) => x === 1).length).toBeGreaterThan(20);
    expect(oa.ring.reduce((n, l) => n + l.length, 0)).toBeGreaterThan(20);
    expect(oa).toEqual(ob);
  });
});
