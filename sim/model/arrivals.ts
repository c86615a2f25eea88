/**
 * Arrivals (MODEL.md §3.3). Each month migrant households come from the
 * hinterland. The expected number of arriving persons a year is
 *   base_rate_year × residents at the start × (A / A0)^elasticity × policy factor,
 * where A, the city's attractiveness relative to the origin, is
 *   (expected wage × job-finding chance − expected rent + service value
 *    + settlement value × 10 × yearly settlement rate) / origin income,
 * and A0 is its value in the first month. Households are one worker alone or
 * a couple with children (some children stay behind). Attributes are drawn
 * from the hinterland profile. Stream "arrivals".
 */
import type { World } from './world.ts';
import type { CityPulse } from './pulse.ts';
import * as initM from './init.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { drawEducation } = initM;
const { LOCAL_RURAL, MARKET_RENTAL, NONLOCAL_RURAL, NONLOCAL_URBAN, NS, NT, NO_JOB, URBAN_VILLAGE } = enumsM;

export function attractiveness(w: World, pulse: CityPulse): number {
  const A = w.city.arrivals;
  const u = pulse.labourForce > 0 ? 1 - pulse.employed / pulse.labourForce : 0;
  let rent = 0;
  let stock = 0;
  for (let z = 0; z < w.nz; z++) {
    for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) {
      rent += w.rentLevel[z * NT + t]! * w.stock[z * NT + t]!;
      stock += w.stock[z * NT + t]!;
    }
  }
  const meanRent = stock > 0 ? rent / stock : 0;
  const settleRate = pulse.nonHukou > 0 ? pulse.settledLastYear / pulse.nonHukou : 0;
  const value =
    pulse.meanWage * (1 - u) -
    0.5 * meanRent +
    A.service_value_yuan_month * w.wageIndex * pulse.migrantSchoolAccess +
    A.settlement_value_yuan_month * w.wageIndex * Math.min(1, settleRate * 10);
  return Math.max(0.05, value / w.originIncome);
}

export function arrivals(w: World, month: number): void {
  const pulse = w.pulse;
  const s = w.streams.get('arrivals');
  const A = w.city.arrivals;
  const a = attractiveness(w, pulse);
  if (Number.isNaN(w.attract0)) w.attract0 = a;
  const perYear = A.base_rate_year * w.initialResidents * Math.pow(a / w.attract0, A.elasticity) * w.levers.arrivalFactor;
  const personsPerHousehold = A.single_share + (1 - A.single_share) * (2 + A.children_per_family * A.bring_children_share);
  const households = s.poisson((perYear / 12 / personsPerHousehold) * 1);
  // Zone of first search: where jobs are, except zones whose stance is "reduce".
  const zw = new Float64Array(w.nz);
  for (let z = 0; z < w.nz; z++) {
    let j = 0;
    for (let sc = 0; sc < NS; sc++) j += w.jobs[z * NS + sc]!;
    zw[z] = w.levers.zoneStance[z] === 2 ? j * 0.2 : j;
  }
  const pc = w.persons.cols;
  const from = w.city.services.school_age_from;
  const to = w.city.services.school_age_to;
  let persons = 0;
  for (let i = 0; i < households; i++) {
    const zone = s.pick(zw);
    const hukou = s.next() < A.local_rural_share ? LOCAL_RURAL : s.next() < A.nonlocal_urban_share ? NONLOCAL_URBAN : NONLOCAL_RURAL;
    const h = w.newHousehold(zone, month, true);
    const hc = w.households.cols;
    const adultAge = () => Math.round(Math.min(60, Math.max(16, A.age_mean + A.age_sd * s.normal())) * 12);
    const ageHead = adultAge();
    const head = w.newPerson(h, ageHead, s.int(2), drawEducation(s, A.education), hukou, zone);
    pc.active[head] = 1;
    pc.sector[head] = NO_JOB;
    persons++;
    if (s.next() >= A.single_share) {
      const spouse = w.newPerson(h, Math.max(16 * 12, ageHead + Math.round(s.normal() * 24)), 1 - pc.sex[head]!, drawEducation(s, A.education), hukou, zone);
      pc.active[spouse] = s.next() < 0.8 ? 1 : 0;
      persons++;
      const kids = s.poisson(A.children_per_family);
      for (let k = 0; k < kids; k++) {
        const ageK = s.int(15 * 12);
        if (s.next() < A.bring_children_share) {
          w.newPerson(h, ageK, s.int(2), 0, hukou, zone);
          persons++;
        } else if (ageK >= from * 12 && ageK < (to + 1) * 12) hc.leftBehind[h]!++;
      }
    }
    hc.savings[h] = w.originIncome * A.savings_months * (0.5 + s.next());
    hc.landMu[h] = hukou === NONLOCAL_URBAN ? 0 : A.land_mu_per_household;
  }
  w.flows.arrivals += persons;
}
