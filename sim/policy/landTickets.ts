/**
 * Land tickets (地票, Chongqing). Source: seed 000 (000_4ade54e485d7dad9.txt,
 * "建立市场化复垦激励机制，盘活农村资产资源"): farmers reclaim idle rural
 * construction land (homesteads) into farmland; the quota sells on the
 * exchange as a land ticket; one collective paid 53.57万 yuan per household
 * for four rights. Exchange opened Nov 2008; farmers are to receive 85% of
 * the proceeds; rural living area about 250 m² per household; about 200,000
 * yuan per mu on average (calibration.md: [V] except the price [U]).
 *
 * Rule. A settle listener: the first time a member of a household who held
 * local rural hukou (Chongqing's own rural hukou: only its land trades on the
 * Chongqing exchange) is granted urban hukou, the household is offered a land
 * ticket, once (the policy's household column landOffered). It takes it up with chance take_up,
 * unless it still lives in a rural home (its homestead is not idle). The area
 * reclaimed is min(area_mu_per_household, the household's landMu); the
 * ticket sells at price_yuan_mu × (1 + price_growth_year)^(month/12); the
 * household receives farmer_share of it into savings (which the housing
 * search can use for a down payment) and its landMu falls by the area.
 * Booked to the flows land_tickets_mu (mu), land_ticket_payments (yuan
 * paid to farmers) and land_ticket_revenue (city_share of the proceeds, the
 * public revenue the fiscal step books), which the policy declares. The expected payment,
 * take_up × min(area, landMu) × price × farmer_share, enters local rural
 * households' apply decision as a gain against the land rights they give
 * up (sim/model/hukouValue.ts). Stream "land_tickets".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source } from '../model/params.ts';
import type { World } from '../model/world.ts';
import { setTicketCompensation } from '../model/hukouValue.ts';
import { LOCAL_RURAL, RURAL_HOME } from '../model/enums.ts';
import { defineColumns } from '../model/columns.ts';

/** The policy's household column: 1 once the household has been offered a land ticket. */
export const LAND_COLUMNS = defineColumns('households', { landOffered: 'u8' });
/** The flows the policy books. */
const FLOWS = ['land_tickets_mu', 'land_ticket_payments', 'land_ticket_revenue'] as const;

/** Square metres in a mu (市亩). */
export const M2_PER_MU = 10000 / 15;

export const LandTicketsSchema = z.strictObject({
  take_up: share({ label: 'Share of settling rural households that sell a land ticket', label_zh: '地票参与率', lever: true, doc: 'Share of settling rural households that reclaim their idle homestead into farmland and sell the quota as a land ticket (地票).', doc_zh: '落户农户中将闲置宅基地复垦为耕地并作为地票出售的比例。' }).default(0.3),
  area_mu_per_household: num(0, 20, { ui: { max: 2, step: 0.025 }, label: 'Homestead land reclaimed per household', label_zh: '户均复垦宅基地面积', unit: 'mu', step: 0.05 }).default(
    Number((250 / M2_PER_MU).toFixed(3)),
  ),
  price_yuan_mu: num(0, 1e7, { ui: { max: 1e6, step: 5000 }, label: 'Land-ticket price', label_zh: '地票价格', unit: 'yuan/mu', step: 5000, lever: true, doc: 'Price of a land ticket on the Chongqing rural land exchange (opened November 2008), yuan per mu.', doc_zh: '重庆农村土地交易所（2008 年 11 月开业）的地票价格，元/亩。' }).default(200000),
  price_growth_year: num(-0.5, 1, { ui: { min: -0.2, max: 0.3, step: 0.01 }, label: 'Yearly change of the land-ticket price', label_zh: '地票价格年增长率', unit: 'share/year', step: 0.01 }).default(0),
  farmer_share: share({ label: "Farmer's share of the proceeds", label_zh: '农户所得比例', lever: true, doc: "Farmers' share of the land-ticket proceeds (Chongqing: 85%).", doc_zh: '地票收益中农户所得比例（重庆：85%）。' }).default(0.85),
  city_share: share({ label: "Public revenue's share of the proceeds", label_zh: '地票收益中公共收入比例', lever: true, doc: 'Share of the land-ticket proceeds booked as public revenue of the city (the rest of what farmers do not receive; with farmer_share at most 1).', doc_zh: '地票收益中计为本市公共收入的比例（农户所得以外的部分；与农户所得比例之和不超过 1）。' })
    .default(0.15)
    .describe('share of the proceeds booked as public revenue: what farmers do not receive (farmer_share + city_share ≤ 1)'),
  source,
}).superRefine((v, ctx) => {
  if (v.farmer_share + v.city_share > 1 + 1e-9) ctx.addIssue({ code: 'custom', message: `farmer_share + city_share must be at most 1, found ${Number((v.farmer_share + v.city_share).toFixed(4))}` });
});
export type LandTicketsParams = z.infer<typeof LandTicketsSchema>;

/** The land-ticket price per mu in a month. */
export const ticketPrice = (p: LandTicketsParams, month: number): number => p.price_yuan_mu * Math.pow(1 + p.price_growth_year, month / 12);

/**
 * Offers household h a land ticket (once); `draw` is a uniform number in
 * [0, 1) deciding take-up. Returns the payment to the household (0 if none).
 */
export function offerLandTicket(w: World, p: LandTicketsParams, h: number, month: number, draw: number): number {
  const hc = w.households.cols;
  const offered = LAND_COLUMNS.of(w).landOffered;
  if (offered[h]) return 0;
  offered[h] = 1;
  if (draw >= p.take_up || w.tenureOf(h) === RURAL_HOME) return 0;
  const area = Math.min(p.area_mu_per_household, hc.landMu[h]!);
  if (!(area > 0)) return 0;
  const proceeds = area * ticketPrice(p, month);
  const pay = proceeds * p.farmer_share;
  const revenue = proceeds * p.city_share;
  hc.landMu[h]! -= area;
  hc.savings[h]! += pay;
  w.flows.add(w.flows.declare(FLOWS[0]), area);
  w.flows.add(w.flows.declare(FLOWS[1]), pay);
  w.flows.add(w.flows.declare(FLOWS[2]), revenue);
  // The city's share is public revenue in the fiscal books (fiscal.ts).
  w.flows.policyRevenue += revenue;
  return pay;
}

export const landTicketsPolicy = definePolicy({
  name: 'land_tickets',
  title: 'Land tickets',
  title_zh: '地票',
  source: 'Chongqing land-ticket exchange (seed 000_4ade54e485d7dad9.txt); farmers 85% of proceeds, 250 m² rural living area per household [V]; ~200,000 yuan/mu [U]',
  source_zh: '重庆地票交易（《超大城市治理案例》）；农户得收益的 85%，户均农村居住面积 250 m² [V]；约 20 万元/亩 [U]',
  schema: LandTicketsSchema,
  columns: [LAND_COLUMNS],
  flows: FLOWS,
  install(w, p) {
    // The apply decision counts the expected ticket: take-up × area × price × farmer's share (hukouValue.ts).
    setTicketCompensation(w, (mu, month) => p.take_up * Math.min(p.area_mu_per_household, mu) * ticketPrice(p, month) * p.farmer_share);
    w.settleListeners.push((w, person, month, prev) => {
      if (prev !== LOCAL_RURAL) return;
      const h = w.persons.cols.hh[person]!;
      if (h < 0 || LAND_COLUMNS.of(w).landOffered[h]) return;
      offerLandTicket(w, p, h, month, w.streams.get('land_tickets').next());
    });
  },
});
