/**
 * The departure hazard of MODEL.md §3.10 computed plainly, term by term with Math.exp, for the
 * departures tests to compare the step's tables and bounds with.
 */
import { LOCAL_URBAN, NT, OWNED, RURAL_HOME } from '../../sim/model/enums.ts';
import type { World } from '../../sim/model/world.ts';

/**
 * The hazard of migrant household h, not capped at 1. In a draw (`draw`) the burden term counts only
 * in a burden spell (burden > 0); the expectation takes the rent as it is.
 */
export function plainHazard(w: World, h: number, draw: boolean): number {
  const D = w.city.departures;
  const hc = w.households.cols;
  const pc = w.persons.cols;
  const head = hc.head[h]!;
  let x = 0;
  if (head >= 0 && pc.active[head] && pc.sector[head]! < 0) x += D.unemployment_weight * Math.min(D.unemployment_cap_months, pc.unemp[head]!);
  if (hc.dwelling[h]! >= 0) {
    if (!draw || hc.burden[h]! > 0) {
      const budget = Math.max(1, hc.wages[h]! * w.wageIndex, hc.savings[h]! / D.savings_budget_months);
      const t = hc.dwTenure[h]!;
      const rent = t === OWNED || t === RURAL_HOME ? 0 : w.rentLevel[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
      x += D.burden_weight * Math.min(1, Math.max(0, rent / budget - w.city.housing.burden_limit));
    }
  } else x += D.unhoused_weight;
  x += D.school_weight * hc.unplaced[h]!;
  const local = head >= 0 && pc.hukou[head] === LOCAL_URBAN;
  if (!local && head >= 0) x += D.no_prospect_weight * (1 - w.mig.prospect[pc.edu[head]!]!);
  let hz = D.base_hazard_month * Math.exp(x);
  if (local) hz *= D.hukou_factor;
  if (hc.dwTenure[h] === OWNED) hz *= D.owner_factor;
  return hz;
}
