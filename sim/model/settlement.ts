/**
 * Settlement (MODEL.md §3.6): the hook that settlement policies fill. The
 * step runs each installed rule in scenario order. A rule grants hukou with
 * `grantHukou`, which converts the applicant and the members who follow
 * them (spouse and children under 18 in the same household) to local urban
 * hukou registered in the household's zone, counts them, and tells the
 * listeners (cost sharing, land tickets).
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { LOCAL_URBAN } = enumsM;

export function settlementStep(w: World, month: number): void {
  for (const rule of w.settlementRules) rule(w, month);
  // Remember settlements of the last 12 months for the settlement prospect.
  w.settleHistory[month % 12] = w.flows.settlements;
}

/** Whether person p may still be granted urban hukou (not already local urban). */
export const canSettle = (w: World, p: number): boolean => w.persons.cols.hukou[p] !== LOCAL_URBAN;

/** Grants local urban hukou to applicant p and the family members who follow. Returns persons converted. */
export function grantHukou(w: World, p: number, month: number): number {
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const h = pc.hh[p]!;
  const zone = hc.zone[h]!;
  let n = 0;
  let spouse = false; // the first other adult in member order follows as the spouse
  for (let q = hc.head[h]!; q >= 0; q = pc.next[q]!) {
    if (pc.hukou[q] === LOCAL_URBAN) continue;
    let follows = q === p || pc.ageM[q]! < 216;
    if (!follows && !spouse) follows = spouse = true;
    if (!follows) continue;
    const prev = pc.hukou[q]!;
    // The labour-force tally counts non-hukou members (labourTally.ts).
    w.labourOut(q);
    pc.hukou[q] = LOCAL_URBAN;
    w.labourIn(q);
    pc.hukouZone[q] = zone;
    n++;
    for (const l of w.settleListeners) l(w, q, month, prev);
  }
  w.flows.settlements += n;
  w.flows.settledApplicants += 1;
  w.flows.settlementsByZone[zone]! += n;
  return n;
}
