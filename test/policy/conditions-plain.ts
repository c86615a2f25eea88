/**
 * The conditions round as a plain pass over persons (sim/policy/conditions.ts before the round read
 * its persons four a word): every row in index order, its hukou, live flag and its household's tenure
 * (through hh, not the persons' copy), then the other conditions, one trial of the run for each
 * eligible person, the same draws. The reference of test/policy/conditions-round.test.ts.
 */
import type { z } from 'zod';
import type { World } from '../../sim/model/world.ts';
import { NO_PERMIT } from '../../sim/model/world.ts';
import { grantHukou } from '../../sim/model/settlement.ts';
import { wantsHukou } from '../../sim/model/hukouValue.ts';
import { insuredOf } from '../../sim/model/workSpells.ts';
import { UNDRAWN, geometricSkip } from '../../sim/engine/skip.ts';
import { LOCAL_RURAL, LOCAL_URBAN, NT } from '../../sim/model/enums.ts';
import { monthsFrom, residenceOk, type ConditionsSchema } from '../../sim/policy/conditions.ts';

export function conditionsRoundPlain(w: World, c: z.infer<typeof ConditionsSchema>, month: number): void {
  const s = w.streams.get('settlement');
  const pc = w.persons.cols;
  const live = w.persons.live;
  const hukou = pc.hukou, ageM = pc.ageM, inCity = pc.inCity, insured = pc.insured, formal = pc.formal, hh = pc.hh;
  const steps = w.labourSteps;
  const permitSince = pc.permitSince, registered = pc.registered, hTenure = w.households.cols.dwTenure;
  const minYears = c.min_years_in_city, minInsured = c.min_insured_years, needPermit = c.require_permit;
  const residence = c.residence, applyRate = c.apply_rate, noRural = !c.include_local_rural;
  const byTenure = new Uint8Array(NT);
  for (let t = 0; t < NT; t++) byTenure[t] = residenceOk(residence, t, true) ? 1 : 0;
  const needRegistered = residence === 'registered';
  const cityFrom = monthsFrom(minYears), insuredFrom = monthsFrom(minInsured);
  const n = w.persons.size;
  let left = UNDRAWN;
  for (let p = 0; p < n; p++) {
    const hk = hukou[p]!;
    if (hk === LOCAL_URBAN || (noRural && hk === LOCAL_RURAL)) continue;
    if (!live[p]) continue;
    const t = hTenure[hh[p]!]!;
    if (t < 0 || !byTenure[t]) continue;
    const age = ageM[p]!;
    if (age < 216) continue;
    if (inCity[p]! < cityFrom || insuredOf(insured, formal, steps, p) < insuredFrom) continue;
    if (needPermit && permitSince[p] === NO_PERMIT) continue;
    if (needRegistered && registered[p] !== 1) continue;
    if (left < 0) left = geometricSkip(s.next(), applyRate);
    if (left > 0) {
      left--;
      continue;
    }
    left = UNDRAWN;
    if (!wantsHukou(w, p, month, c.land_retention_years, 0, 1)) continue;
    w.flows.applicants++;
    grantHukou(w, p, month);
  }
}
