/**
 * The pulse step, the last monthly step: takes the census of the state the
 * month left (census.ts) and sets the city pulse (w.pulse) that the next
 * month's processes read. Observation then records the indicators from the
 * same census, so the passes over the tables run once a month. createWorld
 * runs it once before the policies are installed and the runner again
 * after (the pulse month 1 reads). A policy step must not be inserted after
 * it. Stream: none.
 */
import type { World } from '../world.ts';
import { measure, type Census } from './census.ts';

const censuses = new WeakMap<World, Census>();

/** The pulse step: measures w and sets w.pulse. */
export function pulseStep(w: World, _month?: number): void {
  const c = measure(w);
  censuses.set(w, c);
  let settledYear = 0;
  for (let i = 0; i < 12; i++) settledYear += w.settleHistory[i]!;
  const { residents, employed, lf, wageSum, formalWageSum, mgKids, mgKidsPlaced, nonHukou, registered, renters, burdened } = c;
  w.pulse = {
    residents,
    employed,
    labourForce: lf,
    meanWage: employed > 0 ? (wageSum / employed) * w.wageIndex : 0,
    migrantSchoolAccess: mgKids > 0 ? mgKidsPlaced / mgKids : 1,
    settledLastYear: settledYear,
    nonHukou,
    registryCoverage: residents > 0 ? registered / residents : 0,
    burdenShare: renters > 0 ? burdened / renters : 0,
    wageBill: wageSum * w.wageIndex,
    formalWageBill: formalWageSum * w.wageIndex,
    placedNonHukou: mgKidsPlaced,
  };
}

/** The census the last pulse step took of w (observation reads it). */
export function lastCensus(w: World): Census {
  const c = censuses.get(w);
  if (!c || c.month !== w.month) throw new Error(`observation: no census of month ${w.month} (the pulse step must be the month's last step)`);
  return c;
}
