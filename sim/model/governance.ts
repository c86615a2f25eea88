/**
 * Governance (MODEL.md §7.9): a complaint queue, kept aggregate.
 *
 * Raised. Households raise problems at a monthly rate (Poisson) that is the
 * city's base rate at the start, moved by conditions since:
 *   rate = problems_per_household_month × density factor
 *          × (1 + uv_weight × Δ urban-village share of households
 *               + unregistered_weight × Δ unregistered share of residents
 *               + burden_weight × Δ share of renters over the burden limit),
 * Δ = now − at the start (floored so the factor stays ≥ 0.1); the density
 * factor is Σ_z H_z (H_z / H_z,start)^density_elasticity / Σ_z H_z over the
 * zones' occupied dwellings H_z (crowding a zone raises its problems).
 *
 * Known. A share is reported by residents (hotline); the rest must be found
 * by grid workers, whose detection capacity is
 *   workers × detect_per_worker_month × platform × (0.5 + 0.5 × registry coverage)
 * (better where residents are registered); undetected problems fade at 10% a
 * month. Known problems wait first-in-first-out by month raised.
 *
 * Served. Each month up to C = floor(workers × resolve_per_worker_month ×
 * platform) problems are dispatched, oldest first. A share misroute_share /
 * coordination of them reaches the wrong department and goes back to the
 * queue with its age (吹哨报到 brings the right department: fewer return);
 * of the rest a share unresolved_share is closed without being resolved; the
 * others are resolved. Then each waiting problem is abandoned by its
 * resident with chance abandon_rate_month (binomial by month slot). The
 * effective capacity is C × (1 − misroute share); when the known inflow of
 * the last 12 months exceeds 12 months of effective capacity, utilisation
 * ≥ 1 and the backlog grows (without bound if no one abandoned): the report
 * says so.
 *
 * Response time by Little's law: W = 30 × L / λ days of waiting, L the
 * mean backlog over the month ((start + end) / 2), λ the known inflow of the
 * month, plus the handling time handling_days / platform of a dispatched
 * problem. Satisfaction moves 10% a month (memory) toward
 *   0.2 + 0.3 × resolved / (resolved + closed unresolved + abandoned)
 *   + 0.2 × 30 / (30 + W) + 0.2 × migrant school access
 *   + 0.1 × (1 − share of renters over the burden limit).
 * Workers are per 1,000 residents, so capacity scales with the sample.
 * Stream "governance".
 */
import type { World } from './world.ts';
import * as enumsM from './enums.ts';
const { NT, URBAN_VILLAGE } = enumsM;

import * as govM from './govState.ts';
import type { GovState } from './govState.ts';
const { QUEUE } = govM;

/** Occupied dwellings by zone (stock − vacant) and the urban-village share of them. */
function occupancy(w: World, out: Float64Array): number {
  let all = 0, uv = 0;
  for (let z = 0; z < w.nz; z++) {
    let occ = 0;
    for (let t = 0; t < NT; t++) {
      const k = z * NT + t;
      const o = w.stock[k]! - w.vacantN[k]!;
      occ += o;
      if (t === URBAN_VILLAGE) uv += o;
    }
    out[z] = occ;
    all += occ;
  }
  return all > 0 ? uv / all : 0;
}

const occNow = { a: new Float64Array(64) };

/** The factor on the base rate of problems raised, from the conditions now against those at the start. */
export function raiseFactor(w: World, st: GovState): number {
  const G = w.levers.governance ?? w.city.governance;
  if (occNow.a.length < w.nz) occNow.a = new Float64Array(w.nz);
  const occ = occNow.a;
  const uv = occupancy(w, occ);
  const unregistered = 1 - w.pulse.registryCoverage;
  const burden = w.pulse.burdenShare;
  if (!st.start) st.start = { occupied: occ.slice(0, w.nz), uv, unregistered, burden };
  const s0 = st.start;
  let num = 0, den = 0;
  for (let z = 0; z < w.nz; z++) {
    const h = occ[z]!;
    den += h;
    num += s0.occupied[z]! > 0 ? h * Math.pow(h / s0.occupied[z]!, G.density_elasticity) : h;
  }
  const density = den > 0 ? num / den : 1;
  const shift = 1 + G.uv_weight * (uv - s0.uv) + G.unregistered_weight * (unregistered - s0.unregistered) + G.burden_weight * (burden - s0.burden);
  return density * Math.max(0.1, shift);
}

export function governance(w: World, month: number): void {
  const s = w.streams.get('governance');
  const G = w.levers.governance ?? w.city.governance; // grid_governance may replace the city's block
  const st = w.govState;
  let backlog0 = 0;
  for (let i = 0; i < QUEUE; i++) backlog0 += st.known[i]!;
  st.raiseFactor = raiseFactor(w, st);
  const raised = s.poisson(w.households.count * G.problems_per_household_month * st.raiseFactor);
  const slot0 = month % QUEUE;
  const reported = Math.round(raised * G.complaint_share);
  st.known[slot0]! += reported;
  st.hidden += raised - reported;
  const workers = (G.grid_workers_per_1000 * w.pulse.residents) / 1000;
  const detectCap = workers * G.detect_per_worker_month * G.platform * (0.5 + 0.5 * w.pulse.registryCoverage);
  const detected = Math.min(st.hidden, Math.floor(detectCap));
  st.hidden -= detected;
  st.known[slot0]! += detected;
  st.hidden = Math.round(st.hidden * 0.9);
  const inflow = reported + detected;
  // Dispatch oldest first, up to capacity.
  const capacity = Math.floor(workers * G.resolve_per_worker_month * G.platform);
  const misroute = Math.min(1, G.misroute_share / G.coordination);
  let cap = capacity;
  let resolved = 0, closed = 0, misrouted = 0;
  for (let a = Math.min(QUEUE - 1, month); a >= 0 && cap > 0; a--) {
    const slot = (month - a) % QUEUE;
    const take = Math.min(cap, st.known[slot]!);
    if (take <= 0) continue;
    cap -= take;
    const back = s.binomial(take, misroute); // back in the queue, keeping their age
    const done = take - back;
    const unres = s.binomial(done, G.unresolved_share);
    st.known[slot]! -= done;
    misrouted += back;
    closed += unres;
    resolved += done - unres;
  }
  // Residents give up on problems still waiting.
  let abandoned = 0;
  let backlog = 0;
  for (let i = 0; i < QUEUE; i++) {
    const k = st.known[i]!;
    if (k <= 0) continue;
    const gone = G.abandon_rate_month > 0 ? s.binomial(k, G.abandon_rate_month) : 0;
    st.known[i] = k - gone;
    abandoned += gone;
    backlog += k - gone;
  }
  st.backlog = backlog; // known (reported or detected) and not yet resolved or closed; undetected problems are not complaints
  // Little's law: waiting time = mean number waiting / arrival rate; plus the handling of a dispatched problem.
  const L = (backlog0 + backlog) / 2;
  const handling = G.handling_days / G.platform;
  st.responseDays = inflow > 0 ? (30 * L) / inflow + handling : backlog > 0 ? NaN : handling;
  st.inflow = inflow;
  st.capacity = capacity;
  st.inflow12[month % 12] = inflow;
  st.capacity12[month % 12] = capacity * (1 - misroute);
  let in12 = 0, cap12 = 0;
  for (let i = 0; i < 12; i++) {
    in12 += st.inflow12[i]!;
    cap12 += st.capacity12[i]!;
  }
  st.utilisation = cap12 > 0 ? in12 / cap12 : in12 > 0 ? Infinity : 0;
  st.detected = detected;
  st.raised = raised;
  st.resolved = resolved;
  st.misrouted = misrouted;
  st.closedUnresolved = closed;
  st.abandoned = abandoned;
  const ended = resolved + closed + abandoned;
  const resolution = ended > 0 ? resolved / ended : 1;
  const wait = Number.isFinite(st.responseDays) ? st.responseDays : 30 * QUEUE;
  const target = 0.2 + 0.3 * resolution + (0.2 * 30) / (30 + wait) + 0.2 * w.pulse.migrantSchoolAccess + 0.1 * (1 - w.pulse.burdenShare);
  st.satisfaction += 0.1 * (target - st.satisfaction);
  // Problems older than the ring are closed unresolved (10 years waiting); the next month reuses this slot.
  const oldest = (month + 1) % QUEUE;
  st.closedUnresolved += st.known[oldest]!;
  st.backlog -= st.known[oldest]!;
  st.known[oldest] = 0;
}
