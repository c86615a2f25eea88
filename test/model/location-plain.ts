/**
 * Plain references for the location model's fast paths (sim/model/location.ts), compared with them bit
 * for bit by test/model/location-calibrate.test.ts: calibrate() as it was written before its rounds
 * shared rows between classes and kept the fixed part of the utilities — every round fills every used
 * class's row by row() and predicts by predict() — and startClasses() as it was written before it read
 * the columns by chunks of households: classOf() and describe() for each household.
 */
import type { LocationModel } from '../../sim/model/location.ts';
import { DORMITORY, MARKET_RENTAL, NT, OWNED, URBAN_VILLAGE } from '../../sim/model/enums.ts';

/** The housed households of the market tenures: by class (classOf), by alternative, and the classes present (the old startClasses()). */
export function startClassesPlain(m: LocationModel): { counts: Float64Array; observed: Float64Array; used: number[] } {
  const w = m.w;
  const hc = w.households.cols;
  const counts = new Float64Array(m.ncls);
  const observed = new Float64Array(m.na);
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    const d = hc.dwelling[h]!;
    const t = hc.dwTenure[h]!;
    if (d < 0 || !(t === OWNED || t === MARKET_RENTAL || t === URBAN_VILLAGE || t === DORMITORY)) continue;
    const budget = Math.max(hc.wages[h]! * w.wageIndex, hc.savings[h]! / 24);
    const ci = m.classOf(h, budget);
    if (t === DORMITORY && !m.describe(ci).single) continue;
    counts[ci]!++;
    observed[hc.zone[h]! * NT + t]!++;
  }
  const used: number[] = [];
  for (let ci = 0; ci < m.ncls; ci++) if (counts[ci]! > 0) used.push(ci);
  return { counts, observed, used };
}

/** The alternative constants by 40 rounds of predict() over the start's classes (the old calibrate()). */
export function calibratePlain(m: LocationModel): void {
  const { counts, observed, used } = startClassesPlain(m);
  const predicted = new Float64Array(m.na);
  for (let round = 0; round < 40; round++) {
    m.predict(counts, used, predicted);
    for (let k = 0; k < m.na; k++) {
      if (predicted[k]! > 0) m.asc[k]! += Math.log(Math.max(0.5, observed[k]!) / predicted[k]!);
    }
  }
  m.stamp.fill(-1);
}
