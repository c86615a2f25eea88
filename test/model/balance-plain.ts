/**
 * The balanced start as it was before balance.ts took its persons in one pass and its second
 * expectation of leavers from the first's kept terms (docs/performance.md, "Tenth session: month 1
 * of labour and registration"): the plain reference test/model/balance-fast.test.ts compares
 * balanceStart with, bit for bit. Three passes over the persons (expectedNaturalIncrease,
 * expectedSendBack, the labour force), and each of the two passes draws the starting spells over
 * every row (drawStartSpells) and computes the whole expectation (expectedLeavers).
 */
import type { World } from '../../sim/model/world.ts';
import { expectedLeavers } from '../../sim/model/departures.ts';
import { NE, drawStartSpells, moverWeight, updateMigrationTerms } from '../../sim/model/migration.ts';
import { expectedNaturalIncrease, expectedSendBack, personsPerArrivingHousehold, startFlows, type StartTallies } from '../../sim/model/balance.ts';

/** Derives κ and e (see the file comment) once; later calls return at once. */
export function plainBalanceStart(w: World): void {
  const m = w.mig;
  if (!Number.isNaN(m.propensity)) return;
  const L = w.city.labour;
  updateMigrationTerms(w, false);
  const residents = w.persons.count;
  const pph = personsPerArrivingHousehold(w);
  const nat = expectedNaturalIncrease(w);
  const sentBack = expectedSendBack(w) / 12;
  let weight = 0;
  for (let s = 0; s < m.nseg; s++) for (let e = 0; e < NE; e++) weight += moverWeight(w, s, e);
  // The labour force, those reaching 16 who join it (as job seekers) and those reaching 60 who leave it this month.
  let lf = 0;
  let U = 0;
  let enter = 0;
  let exit = 0;
  let exitU = 0;
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const a = pc.ageM[p]!;
    if (a === 191) enter += L.participation_rate;
    if (!pc.active[p]) continue;
    lf++;
    if (pc.sector[p]! < 0) U++;
    if (a === 719) {
      exit++;
      if (pc.sector[p]! < 0) exitU++;
    }
  }
  const u0 = lf > 0 && U > 0 ? U / lf : Math.max(1e-3, L.unemployment_rate_start);
  const sepFlow = L.separation_rate_month * (lf - U);
  // The starting unemployed carry the spells of a stationary stock whose monthly exit chance is the finding
  // rate f the flows give; the leavers' hazard rises with the spell, so f is found in two passes: spells for
  // a first guess (separations alone), then for the f derived from them.
  let f = (L.separation_rate_month * (1 - u0)) / (u0 + L.separation_rate_month * (1 - u0));
  let persons = 0;
  let left!: ReturnType<typeof expectedLeavers>;
  const tl: StartTallies = { residents, nat, sentBack, weight, pph, lf, U, enter, exit, exitU, u0, sepFlow };
  for (let pass = 0; pass < 2; pass++) {
    drawStartSpells(w, f);
    left = expectedLeavers(w);
    ({ persons, f } = startFlows(w, tl, left));
  }
  m.findRate = m.tightness0 > 0 ? f : NaN;
  m.balance = { persons: persons / w.sample, naturalIncrease: nat / w.sample, returns: left.returns / w.sample, outMigrants: left.out / w.sample, sentBack: sentBack / w.sample, propensity: m.propensity, matchingEfficiency: m.matching };
}
