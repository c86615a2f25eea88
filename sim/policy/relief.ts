/**
 * Population cap and relief of non-capital functions (疏解非首都功能, Beijing).
 * Source: seed 000 (000_4ade54e485d7dad9.txt, "北京：像绣花一样打理城市"): the
 * first negative list of new industries in the country (新增产业的禁止和限制目录)
 * controls the increment; the special action 疏解整治促提升 relieves the stock
 * of non-capital functions. The resident-population cap is the Beijing master
 * plan's (北京城市总体规划 2016–2035: about 23 M residents from 2020 [U]).
 *
 * Rule.
 * - Negative list: sectors in banned_sectors may not create new jobs in the
 *   core zones (w.banned; the labour market skips their growth).
 * - Relocation, each month: each job of a banned sector in a core zone is
 *   relocated with chance m = 1 − (1 − relocation_share_year)^(1/12). A
 *   relocated job leaves the city with chance leave_city_share (its worker
 *   loses the job); otherwise it moves to a destination zone drawn in
 *   proportion to the zones' jobs (zones where the sector is banned are
 *   excluded), and its worker follows it with chance workers_follow (same
 *   sector, wage and formality, new job zone; the worker may then move home
 *   through the housing search, which weighs commuting) or else loses the job,
 *   which stays as a vacancy in the destination. A share m of the vacant jobs
 *   of the sector moves the same way (in expectation, not drawn).
 * - Cap: with a population_cap (real persons) the arrivals multiplier
 *   w.levers.arrivalFactor is min(1, max(0, (cap − residents) / (cap_band ×
 *   cap))): full arrivals below (1 − cap_band) × cap, none at the cap.
 * - Core: new construction in core zones is multiplied by
 *   core_construction_factor (w.levers.constructionFactor; 0 stops it), and,
 *   with reduce_core_arrivals, the core zones' stance is "reduce"
 *   (w.levers.zoneStance = 2: arrivals look there a fifth as often).
 * - Clearance of illegal structures (疏解整治促提升): each month a share
 *   1 − (1 − clearance_share_year)^(1/12) of the core zones' urban-village
 *   stock is removed (whole units carried; vacant first, then occupied,
 *   whose households are displaced), with no replacement, and the land no
 *   longer holds village rooms (urbanVillage.ts redevelop).
 * Stream "relief".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { count, num, share, source, zoneId } from '../model/params.ts';
import type { World } from '../model/world.ts';
import { NO_JOB, NS, SECTORS } from '../model/enums.ts';
import { redevelop } from './urbanVillage.ts';

export const ReliefSchema = z.strictObject({
  core_zones: z.array(zoneId()).optional().describe('zones that are relieved (ids); omitted = every zone of kind "core"'),
  banned_sectors: z.array(z.enum(SECTORS)).default(['manufacturing', 'wholesale_logistics']).describe('sectors on the negative list of new industries in the core zones'),
  relocation_share_year: share({ label: 'Share of listed jobs relocated out of the core a year', label_zh: '存量疏解比例（每年）', unit: 'share/year', lever: true, doc: "Share of the jobs of listed sectors moved out of the core each year (Beijing's relief of non-capital functions, 疏解整治促提升).", doc_zh: '每年从核心区疏解出去的目录内行业岗位比例（北京疏解整治促提升）。' }).default(0.05),
  destination_zones: z.array(zoneId()).optional().describe('zones receiving relocated jobs (ids); omitted = every zone not relieved'),
  leave_city_share: share({ label: 'Share of relocated jobs that leave the city', label_zh: '疏解至市外比例' }).default(0.3),
  workers_follow: share({ label: 'Share of workers who follow their relocated job', label_zh: '随岗位迁移的职工比例' }).default(0.7),
  population_cap: count(1e8, { label: 'Resident population cap', label_zh: '常住人口上限', unit: 'persons', step: 100000, lever: true, doc: 'Resident population cap: arrivals slow down near it and stop at it (Beijing master plan 2016–2035: about 23 million). 0 = no cap.', doc_zh: '常住人口上限：接近上限时迁入放缓，达到上限时停止（北京城市总体规划 2016–2035：约 2300 万）。0 表示不设上限。' }).default(0).describe('0 = no cap'),
  cap_band: num(0.001, 1, { label: 'Band below the cap where arrivals slow down', label_zh: '接近上限的缓冲带', unit: 'share of cap', step: 0.01 }).default(0.05),
  core_construction_factor: share({ label: 'New construction in the core (1 = unchanged, 0 = none)', label_zh: '核心区新建住房系数', lever: true, doc: 'New housing construction in the core zones, relative to normal (1 = unchanged, 0 = none).', doc_zh: '核心区新建住房相对于正常水平的系数（1 = 不变，0 = 不再新建）。' }).default(0),
  clearance_share_year: share({
    label: "Share of the core's urban-village stock cleared a year",
    label_zh: '核心区违法建设（城中村）年拆除比例',
    unit: 'share/year',
    lever: true,
    doc: "Clearance of illegal structures in the core zones (拆除违法建设, part of 疏解整治促提升): urban-village rooms removed a year, not replaced; their tenants must move or leave",
    doc_zh: '核心区拆除违法建设（疏解整治促提升的一部分）：每年拆除的城中村房间比例，不再重建；租户须搬迁或离开',
  })
    .default(0)
    .describe('clearance of illegal structures (拆除违法建设, 疏解整治促提升): urban-village dwellings of the core zones removed a year, without replacement'),
  reduce_core_arrivals: z.boolean().default(true).describe('core zones take the "reduce" stance: arrivals look for homes there a fifth as often').meta({ label: 'Core zones discourage arrivals', label_zh: '核心区减少迁入' }),
  source,
});
export type ReliefParams = z.infer<typeof ReliefSchema>;

/** Zone indices for a list of ids (unknown ids are an error naming the city's zones). */
function zoneIndices(w: World, ids: string[], what: string): number[] {
  return ids.map((id) => {
    const i = w.city.zones.findIndex((z) => z.id === id);
    if (i < 0) throw new Error(`relief: no zone "${id}" in ${what} (zones: ${w.city.zones.map((z) => z.id).join(', ')})`);
    return i;
  });
}

/** Arrivals multiplier under a population cap (formula in the file comment). */
export function capArrivalFactor(residentsReal: number, cap: number, band: number): number {
  if (!(cap > 0)) return 1;
  return Math.min(1, Math.max(0, (cap - residentsReal) / (band * cap)));
}

export class ReliefState {
  readonly isCore: Uint8Array;
  readonly isDest: Uint8Array;
  readonly bannedSector: Uint8Array;
  /** Destination weights by sector × zone, and a view per sector (made once). */
  readonly weights: Float64Array;
  readonly views: Float64Array[];
  readonly totals: Float64Array;
  constructor(w: World, p: ReliefParams) {
    this.isCore = new Uint8Array(w.nz);
    this.isDest = new Uint8Array(w.nz);
    this.bannedSector = new Uint8Array(NS);
    this.weights = new Float64Array(NS * w.nz);
    this.views = Array.from({ length: NS }, (_, sec) => this.weights.subarray(sec * w.nz, (sec + 1) * w.nz));
    this.totals = new Float64Array(NS);
    const core = p.core_zones ? zoneIndices(w, p.core_zones, 'core_zones') : w.city.zones.flatMap((z, i) => (z.kind === 'core' ? [i] : []));
    for (const z of core) this.isCore[z] = 1;
    if (p.destination_zones) for (const z of zoneIndices(w, p.destination_zones, 'destination_zones')) this.isDest[z] = 1;
    else for (let z = 0; z < w.nz; z++) this.isDest[z] = this.isCore[z] ? 0 : 1;
    for (const s of p.banned_sectors) this.bannedSector[SECTORS.indexOf(s)] = 1;
  }
}

/** Relocates a month's share of the listed jobs out of the core zones (rule in the file comment). */
export function relocateJobs(w: World, p: ReliefParams, st: ReliefState): void {
  const m = 1 - Math.pow(1 - p.relocation_share_year, 1 / 12);
  if (m <= 0) return;
  const s = w.streams.get('relief');
  const pc = w.persons.cols;
  const nz = w.nz;
  // Destination weights (start of the month): all jobs of the zone, unless the sector is banned there.
  for (let sec = 0; sec < NS; sec++) {
    let total = 0;
    for (let z = 0; z < nz; z++) {
      let j = 0;
      if (st.bannedSector[sec] && st.isDest[z] && !st.isCore[z] && !w.banned[z * NS + sec]) for (let k = 0; k < NS; k++) j += w.jobs[z * NS + k]!;
      st.weights[sec * nz + z] = j;
      total += j;
    }
    st.totals[sec] = total;
  }
  // Vacant jobs move in expectation.
  for (let sec = 0; sec < NS; sec++) {
    if (!st.bannedSector[sec]) continue;
    const total = st.totals[sec]!;
    for (let z = 0; z < nz; z++) {
      if (!st.isCore[z]) continue;
      const k = z * NS + sec;
      const vac = Math.max(0, w.jobs[k]! - w.filled[k]!) * m;
      w.jobs[k]! -= vac;
      if (total <= 0) continue;
      const stay = vac * (1 - p.leave_city_share);
      for (let d = 0; d < nz; d++) w.jobs[d * NS + sec]! += (stay * st.weights[sec * nz + d]!) / total;
    }
  }
  // Filled jobs move, with their workers or without them.
  const n = w.persons.size;
  for (let q = 0; q < n; q++) {
    if (!w.persons.live[q]) continue;
    const sec = pc.sector[q]!;
    if (sec === NO_JOB || !st.bannedSector[sec]) continue;
    const z = pc.jobZone[q]!;
    if (!st.isCore[z] || s.next() >= m) continue;
    w.jobs[z * NS + sec]! -= 1;
    const wage = pc.wage[q]!;
    const formal = pc.formal[q] === 1;
    w.leaveJob(q);
    if (s.next() < p.leave_city_share || st.totals[sec]! <= 0) continue;
    const dest = s.pick(st.views[sec]!);
    w.jobs[dest * NS + sec]! += 1;
    if (s.next() < p.workers_follow) w.takeJob(q, dest, sec, wage, formal);
  }
}

export const reliefPolicy = definePolicy({
  name: 'relief',
  title: 'Population cap and relief of non-capital functions',
  title_zh: '人口调控与疏解非首都功能',
  source: 'Beijing negative list of new industries and relief of non-capital functions (seed 000_4ade54e485d7dad9.txt); population cap of the Beijing master plan 2016–2035 [U]',
  source_zh: '北京新增产业禁止和限制目录与非首都功能疏解（《超大城市治理案例》）；北京城市总体规划（2016–2035）人口上限 [U]',
  schema: ReliefSchema,
  install(w, p) {
    const st = new ReliefState(w, p);
    for (let z = 0; z < w.nz; z++) {
      if (!st.isCore[z]) continue;
      for (let sec = 0; sec < NS; sec++) if (st.bannedSector[sec]) w.banned[z * NS + sec] = 1;
      w.levers.constructionFactor[z] = p.core_construction_factor;
      if (p.reduce_core_arrivals) w.levers.zoneStance[z] = 2;
    }
    w.levers.arrivalFactor = capArrivalFactor(w.real(w.persons.count), p.population_cap, p.cap_band);
    if (p.clearance_share_year > 0) {
      const clear = { carry: new Float64Array(w.nz), protectedUnits: new Float64Array(w.nz), zones: st.isCore };
      w.schedule.insertAfter('housing', { name: 'relief_clearance', monthOfYear: 0, run: (w) => void redevelop(w, clear, p.clearance_share_year, 0, 0) });
    }
    w.schedule.insertAfter('demography', {
      name: 'relief',
      monthOfYear: 0,
      run: (w) => {
        relocateJobs(w, p, st);
        w.levers.arrivalFactor = capArrivalFactor(w.real(w.pulse.residents), p.population_cap, p.cap_band);
      },
    });
  },
});
