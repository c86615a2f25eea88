/**
 * Registration's declarations read a household's dwelling row (its coded flag, a random read) only where some dwelling is
 * coded (codedAnywhere, sim/model/registration.ts). Checked against the plain declarations written out here (the old
 * loop, reading the coded flag of every candidate's dwelling): on worlds without a coded dwelling and with a few (one in
 * the rows past the last whole word), the same persons are registered with the same counts and the stream is left at
 * the same draw.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { codedAnywhere, registration } from '../../sim/model/registration.ts';
import { NT, TENURE } from '../../sim/model/enums.ts';
import { NO_PERMIT, type World } from '../../sim/model/world.ts';
import { UNDRAWN, geometricSkip } from '../../sim/engine/skip.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';

/** The declarations as before codedAnywhere: every candidate household's class from its dwelling's coded flag. */
function plainDeclarations(w: World): void {
  const s = w.streams.get('registration');
  const base = w.city.registration.declare_rate_month as Record<string, number>;
  const rate = new Float64Array(2 * NT), left = new Float64Array(2 * NT).fill(UNDRAWN);
  for (let t = 0; t < NT; t++) {
    rate[2 * t] = base[TENURE[t]!]!;
    rate[2 * t + 1] = Math.min(1, base[TENURE[t]!]! + w.levers.registrationBoost[t]!);
  }
  const hc = w.households.cols, pc = w.persons.cols, clock = w.registry.clock;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    const d = hc.dwelling[h]!, head = hc.head[h]!;
    if (head < 0 || d < 0 || pc.registered[head]) continue;
    const k = 2 * hc.dwTenure[h]! + (w.dwellings.cols.coded[d] ? 1 : 0);
    let l = left[k]!;
    if (l < 0) l = geometricSkip(s.next(), rate[k]!);
    if (l > 0) {
      left[k] = l - 1;
      continue;
    }
    left[k] = UNDRAWN;
    for (let p = head; p >= 0; p = pc.next[p]!) {
      if (pc.registered[p]) continue;
      pc.registered[p] = 1;
      pc.regBase[p] = clock - 1 - pc.regBase[p]!;
      if (pc.permitSince[p] === NO_PERMIT && pc.hukou[p]! >= 2) w.registry.pending.push(p);
    }
  }
}

const l = scenarioWith(CHONGQING);
const world = (): World => createWorld(l.scenario.city, { sample: 0.001, seed: 9, replication: 0, start: l.scenario.start });

describe('declarations without reading uncoded dwellings', () => {
  it('codedAnywhere finds a coded row at any position, in words and past them, and none in removed-free zeros', () => {
    for (let n = 0; n <= 11; n++) {
      const a = new Uint8Array(n);
      expect(codedAnywhere(a, n)).toBe(false);
      for (let i = 0; i < n; i++) {
        a.fill(0);
        a[i] = 1;
        expect([n, i, codedAnywhere(a, n)]).toEqual([n, i, true]);
        expect([n, i, codedAnywhere(a, i)]).toEqual([n, i, false]); // rows at or past n are not looked at
      }
    }
    // A column that does not start its buffer: read row by row.
    const buf = new Uint8Array(13);
    const view = buf.subarray(1);
    buf[0] = 1;
    expect(codedAnywhere(view, 12)).toBe(false);
    view[10] = 1;
    expect(codedAnywhere(view, 12)).toBe(true);
  });

  for (const coded of ['none', 'a few'] as const) {
    it(`give the plain declarations' registrations and draws on a world with ${coded} coded dwellings`, () => {
      const a = world(), b = world();
      for (const w of [a, b]) {
        // Coded rentals declare more often (a boost), so coded and uncoded classes differ.
        w.levers.registrationBoost.fill(0.3);
        if (coded === 'a few') {
          const dc = w.dwellings.cols, n = w.dwellings.size;
          for (let d = 0; d < n; d += 97) dc.coded[d] = 1;
          dc.coded[n - 1] = 1; // (n is not a multiple of 4 here: a row past the last whole word)
        }
        // Some households move (deregistered: the new address must be declared).
        for (let h = 0, k = 0; h < w.households.size && k < 200; h += 5) {
          const kk = h % w.vacantN.length;
          if (!w.households.live[h] || w.vacantN[kk] === 0) continue;
          w.moveIn(h, w.vacant[kk]![0]!);
          k++;
        }
      }
      expect(a.dwellings.size & 3).not.toBe(0);
      expect(codedAnywhere(a.dwellings.cols.coded, a.dwellings.size)).toBe(coded === 'a few');
      let declared = 0;
      for (let m = 1; m <= 3; m++) {
        const before = a.persons.cols.registered.reduce((x, y) => x + y, 0);
        registration(a, m);
        b.registry.clock++;
        plainDeclarations(b);
        declared += a.persons.cols.registered.reduce((x, y) => x + y, 0) - before;
        expect(Array.from(a.persons.cols.registered)).toEqual(Array.from(b.persons.cols.registered));
        expect(Array.from(a.persons.cols.regBase)).toEqual(Array.from(b.persons.cols.regBase));
        expect(a.streams.get('registration').next()).toBe(b.streams.get('registration').next());
      }
      expect(declared).toBeGreaterThan(100);
    });
  }
});
