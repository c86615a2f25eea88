/**
 * Governance (MODEL.md §3.9), kept aggregate. Households raise problems at a
 * monthly rate (Poisson). A share is reported by residents (hotline); the
 * rest must be detected by grid workers, whose detection capacity is
 *   workers × detect_per_worker × platform × (0.5 + 0.5 × registry coverage);
 * undetected problems fade at 10% a month. Known problems wait in a
 * first-in-first-out queue by month raised and are resolved up to
 *   workers × resolve_per_worker × coordination × platform.
 * Response time is the mean age of problems resolved this month (30 days a
 * month, resolved mid-month) plus the handling time handling_days /
 * (coordination × platform) / (1 − ρ), where ρ = known problems / capacity
 * (at most 0.95), as in a single-server queue. Satisfaction moves 10% a month toward
 *   0.3 + 0.4 × resolved/raised (capped at 1) + 0.2 × migrant school access
 *   + 0.1 × (1 − share of renters over the burden limit).
 * Workers are per 1,000 residents, so capacity scales with the sample.
 * Stream "governance".
 */
import type { World } from './world.ts';
import * as govM from './govState.ts';
const { QUEUE } = govM;

export function governance(w: World, month: number): void {
  const s = w.streams.get('governance');
  const G = w.levers.governance ?? w.city.governance; // grid_governance may replace the city's block
  const st = w.govState;
  const raised = s.poisson(w.households.count * G.problems_per_household_month);
  const reported = Math.round(raised * G.complaint_share);
  st.known[month % QUEUE]! += reported;
  st.hidden += raised - reported;
  const workers = (G.grid_workers_per_1000 * w.pulse.residents) / 1000;
  const detectCap = workers * G.detect_per_worker_month * G.platform * (0.5 + 0.5 * w.pulse.registryCoverage);
  const detected = Math.min(st.hidden, Math.floor(detectCap));
  st.hidden -= detected;
  st.known[month % QUEUE]! += detected;
  st.hidden = Math.round(st.hidden * 0.9);
  const capacity = Math.floor(workers * G.resolve_per_worker_month * G.coordination * G.platform);
  let cap = capacity;
  let inflow = 0;
  for (let i = 0; i < QUEUE; i++) inflow += st.known[i]!;
  let resolved = 0;
  let ageSum = 0;
  for (let a = QUEUE - 1; a >= 0 && cap > 0; a--) {
    if (a > month) continue;
    const slot = (month - a) % QUEUE;
    const take = Math.min(cap, st.known[slot]!);
    if (take <= 0) continue;
    st.known[slot]! -= take;
    cap -= take;
    resolved += take;
    ageSum += take * (a * 30 + 15);
  }
  let backlog = 0;
  for (let i = 0; i < QUEUE; i++) backlog += st.known[i]!;
  st.backlog = backlog; // known (reported or detected) and not yet resolved; undetected problems are not complaints
  // Handling time grows with the load as in a single-server queue: handling / (1 − ρ), ρ = known / capacity (≤ 0.95).
  const rho = capacity > 0 ? Math.min(0.95, inflow / capacity) : 0.95;
  const handling = G.handling_days / (G.coordination * G.platform) / (1 - rho);
  st.responseDays = resolved > 0 ? ageSum / resolved + handling : NaN;
  st.detected = detected;
  st.raised = raised;
  st.resolved = resolved;
  const resolution = raised > 0 ? Math.min(1, resolved / raised) : 1;
  const target = 0.3 + 0.4 * resolution + 0.2 * w.pulse.migrantSchoolAccess + 0.1 * (1 - w.pulse.burdenShare);
  st.satisfaction += 0.1 * (target - st.satisfaction);
  // Clear the slot that the next month will reuse.
  st.known[(month + 1) % QUEUE] = 0;
}
