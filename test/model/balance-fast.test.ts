/**
 * The balanced start's cheaper passes (sim/model/balance.ts; docs/performance.md, "Tenth session:
 * month 1 of labour and registration") against the plain ones, bit for bit:
 * - tallyPersons, one pass over the persons, gives expectedNaturalIncrease's float, the children
 *   expectedSendBack counts, and lists the rows drawStartSpells draws for, in index order;
 * - expectationAgain, from the terms expectationKept kept, gives expectedLeavers' four floats after
 *   the unemployed's spells change;
 * - balanceStart gives every result of the plain balanced start (test/model/balance-plain.ts): the
 *   propensity, matching efficiency, job growth, tightness, finding rate, the published balance, the
 *   spells drawn, and leaves the spells' stream at the same draw.
 * On worlds scrambled by hand: households removed, jobs left, unemployment spells past the cap,
 * persons at 191 and 719 months, school places and hukou spread over the school-age children, a
 * person older than the death table.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/model/build.ts';
import { balanceStart, expectedNaturalIncrease, expectedSendBack, tallyPersons } from '../../sim/model/balance.ts';
import { LeaverTerms, expectationAgain, expectationKept, expectedLeavers } from '../../sim/model/departures.ts';
import { updateMigrationTerms } from '../../sim/model/migration.ts';
import { LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, NONLOCAL_URBAN } from '../../sim/model/enums.ts';
import { IndexList } from '../../sim/engine/scratch.ts';
import type { World } from '../../sim/model/world.ts';
import { CHONGQING, scenarioWith } from '../helpers.ts';
import { plainBalanceStart } from './balance-plain.ts';

const TIANJIN = 'scenarios/cities/tianjin-2020.yaml';

function world(file: string, sample: number): World {
  const l = scenarioWith(file);
  return createWorld(l.scenario.city, { sample, seed: 3, replication: 0, start: l.scenario.start });
}

/** A scrambled index: spreads the cases without following the rows' order or a multiple of four. */
const mix = (i: number, k: number): number => ((i * 2654435761) >>> 9) % k;

function scramble(w: World): void {
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const hukous = [LOCAL_URBAN, LOCAL_RURAL, NONLOCAL_URBAN, NONLOCAL_RURAL];
  for (let h = 0; h < w.households.size; h += 37) if (w.households.live[h]) w.removeHouseholdWithMembers(h);
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    const head = hc.head[h]!;
    // A share of the heads lose their job (more unemployed heads, migrant or not).
    if (head >= 0 && pc.active[head] && pc.sector[head]! >= 0 && mix(h, 4) === 0) w.leaveJob(head);
  }
  let old = -1;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const r = mix(p, 23);
    if (r === 0) pc.ageM[p] = 191;
    else if (r === 1 && pc.active[p]) pc.ageM[p] = 719;
    const a = pc.ageM[p]!;
    if (a >= 72 && a < 216) {
      pc.school[p] = mix(p + 1, 3) === 0 ? 1 : 0;
      pc.hukou[p] = hukous[mix(p + 2, 4)]!;
    }
    if (pc.active[p] && pc.sector[p]! < 0) pc.unemp[p] = mix(p + 3, 60);
    if (old < 0 && !pc.active[p] && a > 900) old = p;
  }
  // Older than the table of death chances by month (131 years): the year's chance, as before.
  if (old >= 0) pc.ageM[old] = 131 * 12 + 40;
}

for (const [name, file, sample] of [['Tianjin', TIANJIN, 0.002], ['Chongqing', CHONGQING, 0.001]] as const) {
  describe(`the balanced start's passes, ${name}`, () => {
    it('tallyPersons gives the natural increase, the send-back children and the unemployed rows of the plain passes', () => {
      const w = world(file, sample);
      scramble(w);
      const rows = new IndexList();
      const t = tallyPersons(w, rows);
      expect(Object.is(t[0], expectedNaturalIncrease(w))).toBe(true);
      expect(t[1]! * w.city.services.leave_behind_chance).toBe(expectedSendBack(w));
      expect(t[1]).toBeGreaterThan(10);
      const pc = w.persons.cols;
      const plain: number[] = [];
      let lf = 0;
      for (let p = 0; p < w.persons.size; p++) {
        if (!w.persons.live[p] || !pc.active[p]) continue;
        lf++;
        if (pc.sector[p]! < 0) plain.push(p);
      }
      expect(Array.from(rows.a.subarray(0, rows.n))).toEqual(plain);
      expect([t[2], t[3]]).toEqual([lf, plain.length]);
      expect(t[4]).toBeGreaterThan(0); // persons at 191 months
      expect(t[5]).toBeGreaterThan(0); // workers at 719 months
    });

    it('expectationAgain gives expectedLeavers after the unemployed\'s spells change, to the last bit', () => {
      const w = world(file, sample);
      scramble(w);
      updateMigrationTerms(w, false);
      const kept = new LeaverTerms();
      const first = expectationKept(w, kept);
      expect(first).toEqual(expectedLeavers(w));
      expect(kept.nRedo).toBeGreaterThan(5);
      const pc = w.persons.cols;
      for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && pc.active[p] && pc.sector[p]! < 0) pc.unemp[p] = mix(p + 5, 40);
      const plain = expectedLeavers(w);
      // The spells moved the expectation (so the kept terms alone would not give it).
      expect(plain.returns).not.toBe(first.returns);
      const again = expectationAgain(w, kept);
      for (const k of ['returns', 'out', 'active', 'unemployed'] as const) expect(Object.is(again[k], plain[k])).toBe(true);
    });

    it('balanceStart gives every result of the plain balanced start, bit for bit', () => {
      const a = world(file, sample);
      const b = world(file, sample);
      scramble(a);
      scramble(b);
      balanceStart(a);
      plainBalanceStart(b);
      const ma = a.mig, mb = b.mig;
      for (const k of ['propensity', 'matching', 'jobGrowthMonth', 'tightness0', 'findRate'] as const) expect([k, Object.is(ma[k], mb[k])]).toEqual([k, true]);
      expect(ma.balance).toEqual(mb.balance);
      for (const [k, v] of Object.entries(ma.balance!)) expect([k, Object.is(v, (mb.balance as unknown as Record<string, number>)[k])]).toEqual([k, true]);
      expect(Array.from(a.persons.cols.unemp.subarray(0, a.persons.size))).toEqual(Array.from(b.persons.cols.unemp.subarray(0, b.persons.size)));
      expect(a.streams.get('migration-init').next()).toBe(b.streams.get('migration-init').next());
      expect(ma.propensity).toBeGreaterThan(0);
    });
  });
}
