/**
 * Arrivals (MODEL.md §3.3). Each month migrant households come from the
 * hinterland segments: the number of household heads from segment s with
 * education e is Poisson with mean κ × N_se × (V_e / (O_se + C_s))^β × the
 * policy's arrival factor (the decision terms are in migration.ts). A head
 * comes alone or as a couple with children (some children stay behind); the
 * spouse's education, the age and the hukou come from the segment's profile.
 * Movers' adults leave their segment. The propensity κ is set before month 1
 * (balance.ts).
 * Stream "arrivals".
 */
import type { World } from './world.ts';
import * as drawsM from './draws.ts';
import * as enumsM from './enums.ts';
import * as migrationM from './migration.ts';
import { IndexList } from '../engine/scratch.ts';
import { searchOnArrival } from './labour.ts';
// Imported bindings are read through their module cell on every use, and V8 does not fold them
// into optimised loops; module constants it does. Hot modules copy what they import (docs/performance.md).
const { drawEducation } = drawsM;
const { LOCAL_RURAL, NONLOCAL_RURAL, NONLOCAL_URBAN, NS, NO_JOB } = enumsM;
const { NE, moverWeight, updateMigrationTerms } = migrationM;

/** This month's arriving members of the labour force (they search once the month's arrivals are in). */
const newcomers = new IndexList();

export function arrivals(w: World, month: number): void {
  const s = w.streams.get('arrivals');
  const A = w.city.arrivals;
  const M = w.city.migration;
  const m = w.mig;
  m.settledRing.fill(0, (month % 12) * NE, (month % 12) * NE + NE);
  updateMigrationTerms(w, true);
  // Zone of first search: where jobs are, less in zones whose stance is "reduce".
  const zw = new Float64Array(w.nz);
  for (let z = 0; z < w.nz; z++) {
    let j = 0;
    for (let sc = 0; sc < NS; sc++) j += w.jobs[z * NS + sc]!;
    zw[z] = w.levers.zoneStance[z] === 2 ? j * M.reduce_zone_weight : j;
  }
  const pc = w.persons.cols;
  const from = w.city.services.school_age_from;
  const to = w.city.services.school_age_to;
  const kappa = m.propensity * w.levers.arrivalFactor;
  let persons = 0;
  newcomers.clear();
  for (let sg = 0; sg < m.nseg; sg++) {
    const seg = m.segments[sg]!;
    const edu = seg.education as Record<string, number>;
    const income = m.income[sg]!;
    for (let e = 0; e < NE; e++) {
      const heads = s.poisson(kappa * moverWeight(w, sg, e));
      for (let i = 0; i < heads; i++) {
        const zone = s.pick(zw);
        const hukou = m.kind[sg] === 0 ? LOCAL_RURAL : s.next() < seg.nonlocal_urban_share ? NONLOCAL_URBAN : NONLOCAL_RURAL;
        const h = w.newHousehold(zone, month, true);
        const hc = w.households.cols;
        const ageHead = Math.round(Math.min(60, Math.max(16, seg.age_mean + seg.age_sd * s.normal())) * 12);
        const head = w.newPerson(h, ageHead, s.int(2), e, hukou, zone);
        pc.sector[head] = NO_JOB;
        w.setActive(head, 1);
        newcomers.push(head);
        m.pop[sg * NE + e] = Math.max(0, m.pop[sg * NE + e]! - 1);
        persons++;
        if (s.next() >= A.single_share) {
          const eSp = drawEducation(s, edu);
          const spouse = w.newPerson(h, Math.max(16 * 12, ageHead + Math.round(s.normal() * 24)), 1 - pc.sex[head]!, eSp, hukou, zone);
          w.setActive(spouse, s.next() < M.spouse_active_share ? 1 : 0);
          if (pc.active[spouse]) newcomers.push(spouse);
          m.pop[sg * NE + eSp] = Math.max(0, m.pop[sg * NE + eSp]! - 1);
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
        hc.savings[h] = income * A.savings_months * (1 - A.savings_spread + 2 * A.savings_spread * s.next());
        hc.landMu[h] = hukou === NONLOCAL_URBAN ? 0 : A.land_mu_per_household;
      }
    }
  }
  w.flows.arrivals += persons;
  // Newcomers search for the rest of their arrival month (labour.ts).
  searchOnArrival(w, newcomers);
}
