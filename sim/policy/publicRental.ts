/**
 * Public rental housing (公租房, Chongqing). Source: seed 000
 * (000_4ade54e485d7dad9.txt, "向城市外来人口开放公租房"): since 2010 open to
 * residents with and without local hukou on the same low threshold; housing
 * security financed 30% by central and city budgets, 70% by loans. Rent about
 * 60% of comparable market rent, eligibility over 18 with no or a very small
 * home, first lottery 2 Mar 2011, 112,900 units completed by end-Nov 2012
 * (Xinhua 14 Feb 2011 and reports cited in calibration.md [V]).
 *
 * Rule, each month after the housing market:
 * 1. Building. For each named zone, units_per_year × share × sample / 12
 *    units are added to a carried remainder and its whole part is built
 *    (no rounding loss), as public rental dwellings of size factor
 *    unit_m2 / zone dwelling_m2. Each unit costs cost_yuan_m2 × unit_m2 ×
 *    cost index, booked grant_share to the flow public_rental_grants and the
 *    rest to public_rental_loans (flows the policy declares); the fiscal
 *    books count the grants as government spending and the loans as debt.
 * 2. Applications. A household that is eligible and not yet waiting joins
 *    the waiting list (the policy's household column prhWait) with chance
 *    apply_rate_month;
 *    waiting households that are no longer eligible leave it.
 * 3. Lottery. Among the waiting eligible households, winners are drawn
 *    uniformly without replacement, as many as there are vacant public
 *    rental units; each winner takes the vacant unit in the zone nearest its
 *    head's job zone (else its own zone) in travel minutes (city.travel),
 *    lowest zone index on ties, if the
 *    rent is within the city's max_rent_share of its budget; a winner who
 *    cannot afford it stays on the list.
 * Eligible: head aged ≥ min_age, local hukou unless open_to_nonhukou,
 * monthly household income ≤ the single or family limit (start-month yuan,
 * indexed with wages), living in one of residence_zones (Chongqing: adults
 * living in the urban core; empty = anywhere), and no or a very small home
 * of its own (not an owner unless its floor area per person is under
 * small_home_m2_per_person, not in a rural home, not already in public
 * rental). Rent is rent_share × the market rent of the zone for the unit's
 * rental). Rent is rent_share × the market rent of the zone for the unit's
 * size (the lever publicRentShare; market.ts applies it). Location choice
 * counts living in a residence zone as a term for eligible classes
 * (location.ts, weight public_rental_weight). Reports the stock
 * public_rental_waitlist (households waiting). Checked mode: grants and
 * loans are never negative.
 * Stream "public_rental".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source, zoneId } from '../model/params.ts';
import type { World } from '../model/world.ts';
import { IndexList } from '../engine/scratch.ts';
import { defineColumns } from '../model/columns.ts';
import { addLocationTerm, locationOf } from '../model/location.ts';
import { MARKET_RENTAL, NT, OWNED, PUBLIC_RENTAL, RURAL_HOME, isLocal } from '../model/enums.ts';

export const PublicRentalSchema = z.strictObject({
  units_per_year: num(0, 1e7, { ui: { max: 500000, step: 1000 }, label: 'Public rental units built a year', label_zh: '每年新建公租房套数', unit: 'units/year', step: 1000, lever: true, doc: 'Public rental (公租房) units completed a year (Chongqing: 112,900 units completed by end-November 2012).', doc_zh: '每年建成的公租房套数（重庆：至 2012 年 11 月底建成 11.29 万套）。' }).default(60000),
  build_years: num(0, 50, { ui: { max: 20, step: 1 }, label: 'Years of building (0 = whole run)', label_zh: '建设年限', unit: 'years', step: 1 }).default(0),
  zones: z
    .array(z.strictObject({ id: zoneId(), share: share({ label: 'Share of new units in this zone', label_zh: '比例' }) }))
    .min(1)
    .describe('zones where units are built, with the share of each (shares add up to 1)')
    .refine((a) => Math.abs(a.reduce((s, x) => s + x.share, 0) - 1) <= 0.005, { message: 'zone shares must add up to 1' }),
  unit_m2: num(10, 200, { label: 'Floor area of a unit', label_zh: '户均面积', unit: 'm²', step: 5 }).default(50),
  rent_share: share({ label: 'Rent / comparable market rent', label_zh: '租金占市场租金比例', lever: true, doc: 'Rent of a public rental unit as a share of comparable market rent (Chongqing: about 60%).', doc_zh: '公租房租金占同类市场租金的比例（重庆约 60%）。' }).default(0.6),
  open_to_nonhukou: z.boolean().default(true).describe('non-hukou residents may apply on the same threshold (Chongqing since 2010)').meta({ label: 'Open to non-hukou residents', label_zh: '向非户籍常住人口开放' }),
  min_age: num(16, 70, { ui: { min: 16, max: 70, step: 1 }, label: 'Minimum age of the applicant', label_zh: '最低年龄', unit: 'years', step: 1 }).default(18),
  income_limit_single_yuan_month: num(0, 1e6, { ui: { max: 20000, step: 100 }, label: 'Income limit, single person', label_zh: '单身人士月收入上限', unit: 'yuan/month', step: 100, lever: true, doc: 'Highest monthly income of a single applicant for public rental housing (start-month yuan, indexed with wages).', doc_zh: '单身申请人申请公租房的月收入上限（起始月元值，随工资指数调整）。' }).default(2000),
  income_limit_family_yuan_month: num(0, 1e6, { ui: { max: 20000, step: 100 }, label: 'Income limit, family', label_zh: '家庭月收入上限', unit: 'yuan/month', step: 100, lever: true, doc: 'Highest monthly income of a family applying for public rental housing.', doc_zh: '家庭申请公租房的月收入上限。' }).default(3000),
  residence_zones: z
    .array(zoneId())
    .default([])
    .describe('zones a household must live in to apply (Chongqing: the urban core, 主城区); empty = anywhere'),
  small_home_m2_per_person: num(0, 100, { ui: { max: 30, step: 1 }, label: 'Owners with less floor space per person may apply', label_zh: '人均住房面积低于此值的业主可申请', unit: 'm²/person', step: 1 })
    .default(0)
    .describe('"no or a very small home": owners whose dwelling has less floor area per person than this are eligible; 0 = no owner is'),
  apply_rate_month: share({ label: 'Monthly chance an eligible household applies', label_zh: '符合条件家庭每月申请概率' }).default(0.05),
  cost_yuan_m2: num(0, 1e6, { ui: { max: 10000, step: 100 }, label: 'Construction cost', label_zh: '建安成本', unit: 'yuan/m²', step: 100 }).default(3000),
  grant_share: share({ label: 'Share financed by grants (rest: loans)', label_zh: '财政投入占比（其余为融资贷款）', lever: true, doc: 'Share of construction financed by central and city budgets; the rest by loans (Chongqing: 30% grants, 70% loans).', doc_zh: '由中央和市级财政投入的建设资金比例，其余为融资贷款（重庆：30% 财政、70% 贷款）。' }).default(0.3),
  source,
});
export type PublicRentalParams = z.infer<typeof PublicRentalSchema>;

/** The policy's household column: 1 while on the waiting list. */
export const PRH_COLUMNS = defineColumns('households', { prhWait: 'u8' });
/** The flows the policy books (yuan of construction financed). */
const FLOWS = ['public_rental_grants', 'public_rental_loans'] as const;

/** Households on the waiting list (the stock public_rental_waitlist). */
export function waitingHouseholds(w: World): number {
  const live = w.households.live, wait = PRH_COLUMNS.of(w).prhWait;
  const nh = w.households.size;
  let n = 0;
  for (let h = 0; h < nh; h++) if (live[h] && wait[h]) n++;
  return n;
}

/** What eligibility looks at for one household. */
export interface PrhApplicant {
  headAgeYears: number;
  headLocal: boolean;
  members: number;
  /** Nominal monthly household income. */
  income: number;
  /** Tenure of the current dwelling, -1 when unhoused. */
  tenure: number;
  /** Whether the household lives in one of residence_zones (true when the list is empty). */
  inResidenceZone: boolean;
  /** Floor area per person of the current dwelling (m²). */
  m2PerPerson: number;
}

/** Whether a household may apply for public rental housing (the rule in the file comment). */
export function prhEligible(p: PublicRentalParams, x: PrhApplicant, wageIndex: number): boolean {
  if (x.headAgeYears < p.min_age) return false;
  if (!p.open_to_nonhukou && !x.headLocal) return false;
  const limit = (x.members <= 1 ? p.income_limit_single_yuan_month : p.income_limit_family_yuan_month) * wageIndex;
  if (x.income > limit) return false;
  if (!x.inResidenceZone) return false;
  if (x.tenure === OWNED) return x.m2PerPerson < p.small_home_m2_per_person;
  return x.tenure !== RURAL_HOME && x.tenure !== PUBLIC_RENTAL;
}

/** One reused record (no allocation per household in the monthly pass). */
const scratch: PrhApplicant = { headAgeYears: 0, headLocal: false, members: 0, income: 0, tenure: -1, inResidenceZone: true, m2PerPerson: 0 };

/** Per zone: 1 if living there meets residence_zones (every zone when the list is empty). */
export function residenceZoneMask(w: World, p: PublicRentalParams): Uint8Array {
  const mask = new Uint8Array(w.nz).fill(p.residence_zones.length === 0 ? 1 : 0);
  for (const id of p.residence_zones) {
    const i = w.city.zones.findIndex((z) => z.id === id);
    if (i < 0) throw new Error(`public_rental: no zone "${id}" in residence_zones (zones: ${w.city.zones.map((z) => z.id).join(', ')})`);
    mask[i] = 1;
  }
  return mask;
}

const MASKS = new WeakMap<World, Uint8Array>();

/** Whether household h is eligible now. */
export function householdEligible(w: World, p: PublicRentalParams, h: number): boolean {
  const head = w.households.cols.head[h]!;
  if (head < 0) return false;
  const pc = w.persons.cols;
  scratch.headAgeYears = pc.ageM[head]! / 12;
  scratch.headLocal = isLocal(pc.hukou[head]!);
  scratch.members = w.households.cols.size[h]!;
  scratch.income = w.incomeOf(h);
  scratch.tenure = w.tenureOf(h);
  let mask = MASKS.get(w);
  if (!mask) MASKS.set(w, (mask = residenceZoneMask(w, p)));
  const hc = w.households.cols;
  scratch.inResidenceZone = hc.zone[h]! >= 0 && mask[hc.zone[h]!] === 1;
  scratch.m2PerPerson = (hc.dwFactor[h]! * w.city.zones[Math.max(0, hc.zone[h]!)]!.dwelling_m2) / Math.max(1, hc.size[h]!);
  return prhEligible(p, scratch, w.wageIndex);
}

/** Per-world state of the policy: carried building remainders and the lottery list. */
export class PrhState {
  readonly carry: Float64Array;
  readonly list = new IndexList();
  constructor(nz: number) {
    this.carry = new Float64Array(nz);
  }
}

/** Zone indices of the policy's named zones (an unknown zone id is an error naming the city's zones). */
export function prhZoneIndices(w: World, p: PublicRentalParams): number[] {
  return p.zones.map((zp) => {
    const i = w.city.zones.findIndex((z) => z.id === zp.id);
    if (i < 0) throw new Error(`public_rental: no zone "${zp.id}" in the city (zones: ${w.city.zones.map((z) => z.id).join(', ')})`);
    return i;
  });
}

/** Builds this month's units (with carried remainders) and books their financing. Returns units built. */
export function buildUnits(w: World, p: PublicRentalParams, st: PrhState, zoneIdx: number[], month: number): number {
  if (p.build_years > 0 && month > p.build_years * 12) return 0;
  let built = 0;
  for (let i = 0; i < p.zones.length; i++) {
    const z = zoneIdx[i]!;
    st.carry[z]! += (p.units_per_year * p.zones[i]!.share * w.sample) / 12;
    const n = Math.floor(st.carry[z]! + 1e-9);
    st.carry[z]! -= n;
    const factor = p.unit_m2 / w.city.zones[z]!.dwelling_m2;
    for (let k = 0; k < n; k++) w.newDwelling(z, PUBLIC_RENTAL, factor);
    built += n;
  }
  const cost = built * p.cost_yuan_m2 * p.unit_m2 * w.costIndex;
  const grants = cost * p.grant_share;
  w.flows.add(w.flows.declare(FLOWS[0]), grants);
  w.flows.add(w.flows.declare(FLOWS[1]), cost - grants);
  // In the fiscal books (fiscal.ts): grants are government spending, loans borrowing (the debt).
  w.flows.policySpending += grants;
  w.flows.policyBorrowing += cost - grants;
  return built;
}

/** Updates the waiting list: eligible households apply with the monthly chance; ineligible ones leave. */
export function updateWaitlist(w: World, p: PublicRentalParams): void {
  const s = w.streams.get('public_rental');
  const hc = PRH_COLUMNS.of(w);
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    if (!householdEligible(w, p, h)) hc.prhWait[h] = 0;
    else if (!hc.prhWait[h] && s.next() < p.apply_rate_month) hc.prhWait[h] = 1;
  }
}

/**
 * The monthly lottery: draws winners among waiting eligible households, at
 * most as many as vacant public rental units, and moves them in. Returns the
 * number of households that moved in.
 */
export function prhLottery(w: World, p: PublicRentalParams, list: IndexList = new IndexList()): number {
  const s = w.streams.get('public_rental');
  const hc = w.households.cols;
  const wait = PRH_COLUMNS.of(w).prhWait;
  const pc = w.persons.cols;
  let vacant = 0;
  for (let z = 0; z < w.nz; z++) vacant += w.vacantN[z * NT + PUBLIC_RENTAL]!;
  let moved = 0;
  if (vacant === 0) return moved;
  list.clear();
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h] || !wait[h]) continue;
    if (!householdEligible(w, p, h)) {
      wait[h] = 0;
      continue;
    }
    list.push(h);
  }
  const maxShare = w.city.housing.max_rent_share;
  const draws = Math.min(vacant, list.n);
  for (let i = 0; i < draws; i++) {
    // Partial Fisher–Yates: the i-th winner is drawn from the not yet drawn.
    const j = i + s.int(list.n - i);
    const h = list.a[j]!;
    list.a[j] = list.a[i]!;
    list.a[i] = h;
    const head = hc.head[h]!;
    const jobZone = pc.jobZone[head]!;
    const from = jobZone >= 0 ? jobZone : hc.zone[h]!;
    let best = -1;
    const minutes = locationOf(w).minutes;
    for (let z = 0; z < w.nz; z++) {
      if (w.vacantN[z * NT + PUBLIC_RENTAL]! <= 0) continue;
      if (best < 0 || minutes[from * w.nz + z]! < minutes[from * w.nz + best]!) best = z;
    }
    if (best < 0) break;
    const k = best * NT + PUBLIC_RENTAL;
    const d = w.vacant[k]![w.vacantN[k]! - 1]!;
    const budget = Math.max(w.incomeOf(h), hc.savings[h]! / 24);
    if (w.rentOf(d) > maxShare * budget) continue; // cannot afford it: declines, stays on the list
    w.moveIn(h, d);
    wait[h] = 0;
    moved++;
  }
  return moved;
}

export const publicRentalPolicy = definePolicy({
  name: 'public_rental',
  title: 'Public rental housing',
  title_zh: '公租房',
  source: 'Chongqing public rental housing open to non-hukou residents since 2010, financed 30% grants / 70% loans (seed 000_4ade54e485d7dad9.txt); rent ~60% of market, first lottery Mar 2011 (Xinhua 14 Feb 2011)',
  source_zh: '重庆公租房自 2010 年起向非户籍常住人口开放，30% 财政拨款、70% 贷款融资（《超大城市治理案例》）；租金约为市场的 60%，2011 年 3 月首次摇号（新华社 2011 年 2 月 14 日）',
  schema: PublicRentalSchema,
  columns: [PRH_COLUMNS],
  flows: FLOWS,
  stocks: { public_rental_waitlist: waitingHouseholds },
  install(w, p) {
    const zoneIdx = prhZoneIndices(w, p);
    w.levers.publicRentShare = p.rent_share;
    for (let z = 0; z < w.nz; z++) w.rentLevel[z * NT + PUBLIC_RENTAL] = w.rentLevel[z * NT + MARKET_RENTAL]! * p.rent_share;
    const st = new PrhState(w.nz);
    // Location utility: living in a residence zone makes an eligible class eligible (an owner only with a small home).
    const mask = residenceZoneMask(w, p);
    MASKS.set(w, mask);
    addLocationTerm(w, {
      kind: 'public_rental',
      value: (w, zone, tenure, c) => {
        if (!mask[zone] || tenure === OWNED) return 0;
        if (!p.open_to_nonhukou && c.hukouGroup === 2) return 0;
        const limit = (c.single ? p.income_limit_single_yuan_month : p.income_limit_family_yuan_month) * w.wageIndex;
        return c.income <= limit ? 1 : 0;
      },
    });
    w.schedule.insertAfter('housing', {
      name: 'public_rental',
      monthOfYear: 0,
      run: (w, month) => {
        buildUnits(w, p, st, zoneIdx, month);
        updateWaitlist(w, p);
        prhLottery(w, p, st.list);
      },
    });
  },
  invariants: () => [
    {
      name: 'budgets balance',
      applied: 0,
      check(w) {
        const g = w.flows.value(FLOWS[0]), l = w.flows.value(FLOWS[1]);
        return g < 0 || l < 0 ? `public rental financing: grants ${g}, loans ${l} (negative)` : null;
      },
    },
  ],
});
