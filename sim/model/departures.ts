/**
 * Departures (MODEL.md §3.10). Each month a migrant household (one that came
 * from the hinterland) returns there with the hazard
 *   h = base × exp( unemployment_weight × min(12, months the head is unemployed)
 *                 + burden_weight × min(1, max(0, rent/budget − burden limit))
 *                 + school_weight × children without a school place
 *                 + no_prospect_weight × [no settlement route open]
 *                 + unhoused_weight × [no dwelling] )
 *     × hukou_factor if the head holds local hukou × owner_factor if it owns,
 * capped at 1. All its members leave. Stream "departures".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { LOCAL_URBAN, OWNED } = enumsM;

export function departures(w: World, _month: number): void {
  const s = w.streams.get('departures');
  const D = w.city.departures;
  const limit = w.city.housing.burden_limit;
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const open = w.levers.settlementOpen;
  const nh = w.households.size;
  let left = 0;
  const hlive = w.households.live, migrant = hc.migrant, hHead = hc.head, hDwelling = hc.dwelling, burden = hc.burden;
  const unplaced = hc.unplaced, savings = hc.savings;
  const active = pc.active, sector = pc.sector, unemp = pc.unemp, hukou = pc.hukou, hTenure = hc.dwTenure;
  const base = D.base_hazard_month;
  // exp(x) of the last household: most households share a few values of x.
  let lastX = NaN;
  let lastExp = NaN;
  for (let h = 0; h < nh; h++) {
    if (!hlive[h] || !migrant[h]) continue;
    const head = hHead[h]!;
    const d = hDwelling[h]!;
    let x = 0;
    if (head >= 0 && active[head] && sector[head]! < 0) x += D.unemployment_weight * Math.min(12, unemp[head]!);
    if (d >= 0) {
      if (burden[h]! > 0) {
        // Households without wages live on savings: their budget is savings spread over two years.
        const budget = Math.max(1, w.incomeOf(h), savings[h]! / 24);
        x += D.burden_weight * Math.min(1, Math.max(0, w.rentOfHousehold(h) / budget - limit));
      }
    } else x += D.unhoused_weight;
    x += D.school_weight * unplaced[h]!;
    const local = head >= 0 && hukou[head] === LOCAL_URBAN;
    if (!open && !local) x += D.no_prospect_weight;
    if (x !== lastX) {
      lastX = x;
      lastExp = Math.exp(x);
    }
    let hz = base * lastExp;
    if (local) hz *= D.hukou_factor;
    if (hTenure[h] === OWNED) hz *= D.owner_factor;
    if (s.next() < hz) left += w.removeHouseholdWithMembers(h);
  }
  w.flows.departures += left;
}
