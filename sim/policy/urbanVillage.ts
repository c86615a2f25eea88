/**
 * Urban-village redevelopment (城中村改造, Shenzhen). Source:
 * calibration.md "Housing, income, migrants": Shenzhen's urban villages hold
 * about 4.9 M rental units (62.6% of the rental stock) on about 320 km²; the
 * 2019 plan (深圳市城中村（旧村）综合整治总体规划 2019–2025) keeps 99 km²
 * renovation-only (综合整治, no demolition) [V].
 *
 * Rule, each month in the named zones (all zones when none are named): a
 * share m = 1 − (1 − share_year)^(1/12) of the zone's demolishable
 * urban-village stock is demolished, where demolishable = stock − the
 * renovation-only part (renovation_only_share × the zone's urban-village
 * stock at install). Whole units are carried (no rounding loss); vacant
 * units go first, then occupied ones, whose households are displaced and
 * search again (location.ts). The land is taken from the villages' growth
 * capacity (market.ts reduceUrbanVillageLand). Each demolished unit is
 * replaced by replacement_ratio units of replacement_tenure, started now and
 * completed after the construction lag (market.ts). Stream: none (the
 * choice of units is deterministic).
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source, zoneId } from '../model/params.ts';
import type { World } from '../model/world.ts';
import { MARKET_RENTAL, NT, OWNED, URBAN_VILLAGE } from '../model/enums.ts';
import { marketOf, reduceUrbanVillageLand, removeStock, startConstruction } from '../model/market.ts';

export const UrbanVillageSchema = z.strictObject({
  zones: z.array(zoneId()).default([]).describe('zones whose urban villages are redeveloped (ids); empty = every zone'),
  share_year: share({ ui: { max: 0.2, step: 0.005 }, 
    label: 'Share of demolishable urban-village stock redeveloped a year',
    label_zh: '每年拆除重建的城中村比例',
    unit: 'share/year',
    lever: true,
    doc: 'Urban-village rooms outside the renovation-only area demolished a year (拆除重建); their tenants must find other homes (calibration.md: Shenzhen 4.9 M village rentals)',
    doc_zh: '综合整治区以外的城中村每年拆除重建的比例；租户须另觅住处（calibration.md：深圳城中村约 490 万套租赁住房）',
  }).default(0.05),
  renovation_only_share: share({
    label: 'Share kept renovation-only (no demolition)',
    label_zh: '综合整治（不拆除）比例',
    lever: true,
    doc: "Share of the urban villages kept renovation-only, never demolished: Shenzhen's 2019 plan keeps 99 of about 320 km² (calibration.md)",
    doc_zh: '只做综合整治、不拆除的城中村比例：深圳 2019 年规划在约 320 平方公里中保留 99 平方公里（calibration.md）',
  }).default(0),
  replacement_ratio: num(0, 10, { label: 'New dwellings per demolished unit', label_zh: '每拆除一套新建套数', step: 0.1 }).default(0.5),
  replacement_tenure: z
    .enum(['owned', 'market_rental'])
    .default('owned')
    .meta({ label: 'Tenure of the new dwellings', label_zh: '新建住房的权属', choices: { owned: { label: 'owned homes', label_zh: '自有住房' }, market_rental: { label: 'market rentals', label_zh: '市场租赁住房' } } }),
  source,
});
export type UrbanVillageParams = z.infer<typeof UrbanVillageSchema>;

/** Monthly demolition chance from a yearly share. */
export const monthlyShare = (yearly: number): number => 1 - Math.pow(1 - yearly, 1 / 12);

/** Units of zone z that may be demolished now: stock above the protected (renovation-only) stock. */
export function demolishable(stock: number, protectedUnits: number): number {
  return Math.max(0, stock - protectedUnits);
}

export class UrbanVillageState {
  readonly carry: Float64Array;
  readonly protectedUnits: Float64Array;
  readonly zones: Uint8Array;
  constructor(w: World, p: UrbanVillageParams) {
    this.carry = new Float64Array(w.nz);
    this.protectedUnits = new Float64Array(w.nz);
    this.zones = new Uint8Array(w.nz).fill(p.zones.length === 0 ? 1 : 0);
    for (const id of p.zones) {
      const i = w.city.zones.findIndex((z) => z.id === id);
      if (i < 0) throw new Error(`urban_village: no zone "${id}" (zones: ${w.city.zones.map((z) => z.id).join(', ')})`);
      this.zones[i] = 1;
    }
    for (let z = 0; z < w.nz; z++) this.protectedUnits[z] = w.stock[z * NT + URBAN_VILLAGE]! * p.renovation_only_share;
  }
}

/**
 * Demolishes a month's share of the named zones' urban villages (rule in the file comment); with
 * `replace`, starts the replacement dwellings. Returns units demolished. Used by relief's clearance too.
 */
export function redevelop(w: World, st: { carry: Float64Array; protectedUnits: Float64Array; zones: Uint8Array }, shareYear: number, replaceRatio: number, replaceTenure: number): number {
  const m = monthlyShare(shareYear);
  if (m <= 0) return 0;
  const market = marketOf(w);
  let total = 0;
  for (let z = 0; z < w.nz; z++) {
    if (!st.zones[z]) continue;
    st.carry[z]! += demolishable(w.stock[z * NT + URBAN_VILLAGE]!, st.protectedUnits[z]!) * m;
    const n = Math.floor(st.carry[z]! + 1e-9);
    if (n <= 0) continue;
    st.carry[z]! -= n;
    const done = removeStock(w, z, URBAN_VILLAGE, n, false);
    reduceUrbanVillageLand(w, z, done);
    const rebuilt = Math.floor(done * replaceRatio + 1e-9);
    if (rebuilt > 0) startConstruction(w, market, z, replaceTenure, rebuilt);
    total += done;
  }
  return total;
}

export const urbanVillagePolicy = definePolicy({
  name: 'urban_village',
  title: 'Urban-village redevelopment',
  title_zh: '城中村改造',
  source: 'Shenzhen urban villages: 4.9 M rental units on about 320 km²; the 2019 plan keeps 99 km² renovation-only (calibration.md)',
  source_zh: '深圳城中村：约 320 平方公里上 490 万套出租屋；2019 年规划保留 99 平方公里只综合整治（calibration.md）',
  schema: UrbanVillageSchema,
  install(w, p) {
    const st = new UrbanVillageState(w, p);
    const tenure = p.replacement_tenure === 'owned' ? OWNED : MARKET_RENTAL;
    w.schedule.insertAfter('housing', { name: 'urban_village', monthOfYear: 0, run: (w) => void redevelop(w, st, p.share_year, p.replacement_ratio, tenure) });
  },
});
