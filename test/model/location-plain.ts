/**
 * Plain references for the location model's fast paths (sim/model/location.ts), compared with them bit
 * for bit by test/model/location-calibrate.test.ts: calibrate() as it was written before its rounds
 * shared rows between classes and kept the fixed part of the utilities — every round fills every used
 * class's row by row() and predicts by predict().
 */
import type { LocationModel } from '../../sim/model/location.ts';

/** The alternative constants by 40 rounds of predict() over the start's classes (the old calibrate()). */
export function calibratePlain(m: LocationModel): void {
  const { counts, observed, used } = m.startClasses();
  const predicted = new Float64Array(m.na);
  for (let round = 0; round < 40; round++) {
    m.predict(counts, used, predicted);
    for (let k = 0; k < m.na; k++) {
      if (predicted[k]! > 0) m.asc[k]! += Math.log(Math.max(0.5, observed[k]!) / predicted[k]!);
    }
  }
  m.stamp.fill(-1);
}
