/**
 * Housing-based registration (以房管人, Shenzhen). Source: seed 000
 * (000_4ade54e485d7dad9.txt, "深圳：以房管人探索流动人口管理新模式"): dwellings
 * coded one code per dwelling since 2007 (一户一码, codes made as buildings
 * rise), landlords' self-declaration of tenants checked by the community
 * (出租屋诚信自主申报), one grid worker per grid (一格一员), 16.7万 building
 * chiefs (楼长); since Jan 2019 a lease registered on the city's platform is
 * proof of residence for the residence permit and hukou (calibration.md [V]).
 *
 * Rule. At install a share `coding_rate` of existing dwellings is coded and,
 * if `code_new_dwellings`, every dwelling built later is coded as built.
 * Each month, before the registration step, the chance that an unregistered
 * household in a coded dwelling of tenure t is entered in the registry is
 *   r_t = 1 − (1 − base_t)(1 − D·rental_t)(1 − V)(1 − C·building_t)
 * where base_t is the city's declaration rate, D the landlords' monthly
 * declaration rate (rentals only: market, urban village, public rental,
 * dormitory), V = min(1, grid_workers_per_1000 / 1000 × residents/households
 * × visits_per_worker_month) the chance a grid worker visits the household
 * this month, and C = min(1, building_chiefs_per_building ×
 * chief_report_rate_month) the chance a building chief reports it (every
 * tenure but rural homes). The boost written to w.levers.registrationBoost
 * is r_t − base_t (registration.ts adds it to base_t for coded dwellings).
 * Registered months (regMonths) count toward the residence permit after
 * `permit_months` (w.levers.permitMonths) and are the residence record the
 * points policies read. Stream: none (the registration step draws).
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source } from '../model/params.ts';
import type { World } from '../model/world.ts';
import { NT, RURAL_HOME, TENURE, isRental } from '../model/enums.ts';

export const HousingRegistrationSchema = z.strictObject({
  coding_rate: share({ label: 'Share of dwellings coded (一户一码)', label_zh: '房屋编码覆盖率', lever: true, doc: "Share of dwellings given a code in the housing registry (Shenzhen's one code per dwelling, 一户一码, since 2007).", doc_zh: '在房屋登记系统中赋码的住房比例（深圳自 2007 年起一户一码）。' }).default(1),
  code_new_dwellings: z.boolean().default(true).describe('dwellings built during the run are coded as built (房建设码)').meta({ label: 'New dwellings coded as built', label_zh: '新建房屋建成即赋码' }),
  declaration_rate_month: share({
    label: 'Landlord self-declaration, monthly chance',
    label_zh: '出租屋业主自主申报率（每月）',
    lever: true,
    doc: "Monthly chance a landlord declares an undeclared tenant of a coded rental (Shenzhen's landlord self-declaration, 出租屋诚信自主申报).",
    doc_zh: '出租屋业主每月申报尚未登记租户的概率（深圳出租屋诚信自主申报）。',
  }).default(0.2),
  grid_workers_per_1000: num(0, 50, { ui: { max: 10, step: 0.1 }, label: 'Grid workers per 1,000 residents', label_zh: '每千人网格员', unit: 'workers/1000 residents', step: 0.1, lever: true, doc: 'Grid workers per 1,000 residents who visit homes and register occupants (Shenzhen: one grid worker per grid, 一格一员).', doc_zh: '每千名常住人口配备的网格员，上门核查并登记住户（深圳一格一员）。' }).default(1),
  visits_per_worker_month: num(0, 2000, { ui: { max: 500, step: 10 }, label: 'Households a grid worker visits a month', label_zh: '网格员每月走访户数', unit: 'households/month', step: 10 }).default(100),
  building_chiefs_per_building: share({ label: 'Building chiefs per building', label_zh: '每栋楼长数', unit: 'chiefs/building', lever: true, doc: 'Building chiefs (楼长) per building who report new occupants (Shenzhen: 167,000 building chiefs).', doc_zh: '每栋楼的楼长人数，负责报告新住户（深圳共 16.7 万名楼长）。' }).default(0.5),
  chief_report_rate_month: share({ label: 'Monthly chance a building chief reports a new occupant', label_zh: '楼长每月报告新住户概率' }).default(0.2),
  permit_months: num(0, 120, { ui: { max: 60, step: 1 }, label: 'Registered months for a residence permit', label_zh: '办理居住证所需登记月数', unit: 'months', step: 1, lever: true })
    .optional()
    .describe("registered months required for a residence permit; omitted = the city's registration.permit_months"),
  source,
});
export type HousingRegistrationParams = z.infer<typeof HousingRegistrationSchema>;

/**
 * Monthly registration chance r_t for an unregistered household in a coded
 * dwelling of tenure t (formula in the file comment). `hhPerResident` is
 * households / residents of the city.
 */
export function registrationChance(p: HousingRegistrationParams, tenure: number, base: number, hhPerResident: number): number {
  const residentsPerHh = hhPerResident > 0 ? 1 / hhPerResident : 0;
  const D = isRental(tenure) ? p.declaration_rate_month : 0;
  const V = Math.min(1, (p.grid_workers_per_1000 / 1000) * residentsPerHh * p.visits_per_worker_month);
  const C = tenure === RURAL_HOME ? 0 : Math.min(1, p.building_chiefs_per_building * p.chief_report_rate_month);
  return 1 - (1 - base) * (1 - D) * (1 - V) * (1 - C);
}

/** Writes w.levers.registrationBoost for this month from the current households and residents. */
export function updateRegistrationBoost(w: World, p: HousingRegistrationParams): void {
  const base = w.city.registration.declare_rate_month as Record<string, number>;
  const residents = w.persons.count;
  const hhPerResident = residents > 0 ? w.households.count / residents : 0;
  for (let t = 0; t < NT; t++) {
    const b = base[TENURE[t]!]!;
    w.levers.registrationBoost[t] = registrationChance(p, t, b, hhPerResident) - b;
  }
}

export const housingRegistrationPolicy = definePolicy({
  name: 'housing_registration',
  title: 'Housing-based registration',
  title_zh: '以房管人',
  source: 'Shenzhen housing-based management of the floating population (seed 000_4ade54e485d7dad9.txt, 深圳：以房管人); lease registration as proof of residence since Jan 2019',
  source_zh: '深圳以房管人：流动人口的房屋管理（《超大城市治理案例》）；2019 年 1 月起租赁登记可作为居住证明',
  schema: HousingRegistrationSchema,
  install(w, p) {
    // Code existing dwellings (in index order, one draw each).
    const s = w.streams.get('housing_registration');
    const dc = w.dwellings.cols;
    for (let d = 0; d < w.dwellings.size; d++) {
      if (!w.dwellings.live[d]) continue;
      if (p.coding_rate >= 1 || s.next() < p.coding_rate) dc.coded[d] = 1;
    }
    w.levers.codeNewDwellings = p.code_new_dwellings;
    if (p.permit_months !== undefined) w.levers.permitMonths = p.permit_months;
    updateRegistrationBoost(w, p);
    w.schedule.insertBefore('registration', { name: 'housing_registration', monthOfYear: 0, run: (w) => updateRegistrationBoost(w, p) });
  },
});
