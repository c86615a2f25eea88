/**
 * The housing step's pass over households as one plain loop, row by row (sim/model/housing.ts's
 * housingPass before it took most rows four at a time through word views): for each live household in
 * row order, its choice (unhoused) or look (when due), then its life-event countdown, savings and
 * burden. For the housing tests to compare the step's pass with (runHousing(w, month, housingPassPlain)).
 */
import type { World } from '../../sim/model/world.ts';
import type { Stream } from '../../sim/engine/random.ts';
import type { LocationModel } from '../../sim/model/location.ts';
import { NT } from '../../sim/model/enums.ts';
import { look, passResult, placeUnhoused } from '../../sim/model/housing.ts';
import { UNDRAWN } from '../../sim/model/movingHazard.ts';

export function housingPassPlain(w: World, m: LocationModel, s: Stream, sl: Stream, month: number, rentK: Float64Array): void {
  const hc = w.households.cols;
  const H = w.city.housing;
  const noIncomeSpend = w.originIncome * 0.2;
  let moves = 0, unhoused = 0;
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    let t = hc.dwTenure[h]!;
    const income = hc.wages[h]! * w.wageIndex;
    let rent = 0;
    if (t < 0) {
      t = placeUnhoused(w, m, sl, h, income);
      if (t >= 0) rent = rentK[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
    } else {
      rent = rentK[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
      if (hc.moveAt[h]! <= month && look(w, m, s, sl, h, t, income, rent, month)) {
        moves++;
        t = hc.dwTenure[h]!;
        rent = rentK[hc.zone[h]! * NT + t]! * hc.dwFactor[h]!;
      }
    }
    if (hc.eventLeft[h]! > 0 && --hc.eventLeft[h]! === 0) {
      hc.events[h] = 0;
      hc.moveAt[h] = UNDRAWN;
    }
    if (t < 0) unhoused++;
    hc.savings[h] = Math.max(0, hc.savings[h]! + 0.25 * (income - rent) - (income === 0 ? noIncomeSpend : 0));
    if (rent > 0 && t >= 0 && rent > H.burden_limit * Math.max(income, hc.savings[h]! / 24, 1)) {
      if (hc.burden[h]! < 255) hc.burden[h]!++;
    } else hc.burden[h] = 0;
  }
  passResult.moves = moves;
  passResult.unhoused = unhoused;
}
