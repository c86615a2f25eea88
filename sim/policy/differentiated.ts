/**
 * Differentiated settlement by zone (差别化落户), MODEL.md §6.2.
 *
 * Real-world source: seed 000 (Chongqing case): the core zone
 * (都市功能核心区) asks 5 years of work or business (务工经商) and a legal,
 * stable residence; the expansion zone (拓展区) 3 years; the new development
 * zone (城市发展新区) 2 years; the north-east and south-east ecological zones
 * aim to reduce population. No quota. The 2015 implementing opinion
 * (重庆市政府关于进一步推进户籍制度改革的实施意见) is a variant: core and
 * expansion 5 years (3 for strategic emerging industries), new development
 * zone 2 years or no time limit with a ≥1-year labour contract, county towns
 * of the north-east and south-east 3 years (calibration.md).
 *
 * Rule: each month (or once a year in `month_of_year`), a person aged 18+
 * without local urban hukou (local rural hukou included: most of Chongqing's
 * converts) who lives in an urban dwelling of an open zone, meets the zone's
 * residence condition and has worked the zone's years in the city (the
 * `worked` column), applies with `apply_rate` (independently, drawn by geometric skipping over the round's
 * eligible persons: one draw per applicant, sim/engine/skip.ts); every applicant is granted
 * (the family follows via `grantHukou`) if it decides to: local hukou must
 * be worth more to the household than it costs (sim/model/hukouValue.ts;
 * rural land rights kept `land_retention_years`, Chongqing 2010: 3). Optional routes of the 2015 text:
 * fewer years for workers of named sectors in named zones (strategic emerging
 * industries = tech_finance), and in named zones a formal job (proxy for a
 * labour contract of a year or more) with no time limit. A zone whose stance
 * is `reduce` is closed and marked in `w.levers.zoneStance` (2) so that
 * arrivals avoid it. Where households choose to live, the rule enters as a
 * settlement prospect by zone and tenure (differentiatedProspect, through
 * location.ts's addLocationTerm). Stream "differentiated".
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source, zoneId } from '../model/params.ts';
import { grantHukou } from '../model/settlement.ts';
import { wantsHukou } from '../model/hukouValue.ts';
import type { World } from '../model/world.ts';
import * as enumsM from '../model/enums.ts';
import { ensureWorkHistory } from './workHistory.ts';
import * as skipM from '../engine/skip.ts';
import * as workSpellsM from '../model/workSpells.ts';
import { addLocationTerm, prospectOfYears, type ChooserClass } from '../model/location.ts';
// Hot module (the monthly round): imported bindings copied into module constants (docs/ARCHITECTURE.md).
const { workedOf } = workSpellsM;
const { UNDRAWN, skipTrial } = skipM;
const { LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, NONLOCAL_URBAN, NO_JOB, OWNED, PUBLIC_RENTAL, RURAL_HOME, SECTORS, isRental } = enumsM;

export const RESIDENCE = ['owned', 'registered_rental', 'public_rental', 'any'] as const;
export const STANCES = ['open', 'closed', 'reduce'] as const;

const ZoneRule = z.strictObject({
  years_work: num(0, 50, { ui: { max: 15, step: 1 }, label: 'Years of work required', unit: 'years', step: 0.5, lever: true, label_zh: '务工经商年限要求', doc: "Years of work or business in the city needed to settle in this zone (Chongqing's 2010 reform: core 5, expansion 3, new development zone 2; the ecological zones reduce population).", doc_zh: '在该功能区落户所需的务工经商年限（重庆 2010 年改革：核心区 5 年、拓展区 3 年、城市发展新区 2 年；两个生态区人口减载）。' }).default(0),
  residence: z
    .enum(RESIDENCE)
    .default('registered_rental')
    .describe('owned: an owned home; registered_rental: owned, or a rental registered in the housing registry (合法稳定住所); public_rental: owned or public rental; any: any urban dwelling')
    .meta({
      label: 'Residence condition',
      label_zh: '住所条件',
      choices: {
        any: { label: 'any dwelling', label_zh: '任意住所' },
        owned: { label: 'owned home', label_zh: '自有住房' },
        registered_rental: { label: 'owned or registered rental', label_zh: '自有或登记租赁住房' },
        public_rental: { label: 'owned or public rental', label_zh: '自有或公租房' },
      },
    }),
  stance: z
    .enum(STANCES)
    .default('open')
    .describe('open: the rule applies; closed: no settlement; reduce: closed, and arrivals avoid the zone')
    .meta({ label: 'Zone stance', label_zh: '分区取向', choices: { open: { label: 'open', label_zh: '开放' }, closed: { label: 'closed', label_zh: '关闭' }, reduce: { label: 'reduce population', label_zh: '人口减载' } } }),
});
export type ZoneRuleParams = z.infer<typeof ZoneRule>;

export const DifferentiatedSchema = z.strictObject({
  zones: z.record(zoneId(), ZoneRule).describe('rule per zone id of the city; zones not listed follow `other_zones`'),
  other_zones: ZoneRule.prefault({ stance: 'closed' }).meta({ label: 'zones not listed', label_zh: '未列出的功能区' }),
  include_local_rural: z.boolean().default(true).describe('local rural hukou (same municipality) may convert to urban hukou').meta({ label: 'Local rural hukou may apply', label_zh: '本市农村户籍可申请' }),
  include_nonlocal: z.boolean().default(true).describe('residents with hukou elsewhere may settle').meta({ label: 'Non-local hukou may apply', label_zh: '外地户籍可申请' }),
  apply_rate: share({ ui: { max: 0.2, step: 0.005 }, label: 'Share of eligible persons who apply in a round', label_zh: '符合条件者申请比例' }).default(0.03),
  month_of_year: num(0, 12, { label: 'Month of the settlement round (0 = every month)', label_zh: '落户办理月份（0 = 每月）' }).default(0).describe('0 = every month; 1..12 = a yearly round in that month'),
  strategic: z
    .strictObject({
      years_work: num(0, 50, { ui: { max: 15, step: 1 }, label_zh: '务工经商年限要求', doc: 'Years of work in the city that settlement asks of workers of the strategic emerging industries in the named zones (Chongqing 2015: 3 instead of 5).', doc_zh: '在所列功能区从事战略性新兴产业的务工人员落户所需的务工年限（重庆 2015 年：3 年，其他为 5 年）。' }).default(3),
      sectors: z.array(z.enum(SECTORS)).min(1).default(['tech_finance']),
      zones: z.array(zoneId()).default([]).describe('zone ids where the shorter period applies'),
    })
    .optional()
    .describe('2015 variant: fewer years for workers of strategic emerging industries').meta({ label: 'strategic industries', label_zh: '战略性新兴产业' }),
  contract_zones: z.array(zoneId()).default([]).describe('2015 variant: zone ids where a formal job (≥1-year labour contract) suffices with no time limit'),
  land_retention_years: num(0, 100, { label: 'Years converts keep their land rights', label_zh: '转户后保留土地权益年限', unit: 'years', step: 1, lever: true, doc: 'Years a rural convert keeps homestead and contract-land rights (Chongqing 2010 reform: 3 [V], calibration.md); land given up later costs less in the decision to apply', doc_zh: '农村转户居民保留宅基地和承包地权益的年限（重庆 2010 年改革：3 年 [V]）；越晚放弃土地，申请落户的成本越低' }).default(0).describe('Chongqing 2010: homestead and contract land kept 3 years (calibration.md); 100 = kept'),
  source,
});
export type DifferentiatedParams = z.infer<typeof DifferentiatedSchema>;

/** What the rule needs to know about a person (hand-made in tests). */
export interface DifferentiatedFacts {
  ageYears: number;
  hukou: number;
  workedMonths: number;
  /** Tenure of the dwelling (enums TENURE), -1 none. */
  tenure: number;
  /** Registered in the housing registry at the current dwelling. */
  registered: boolean;
  /** Current sector (enums SECTORS index) or NO_JOB. */
  sector: number;
  formal: boolean;
}

/** The rule of a zone id (or `other_zones`). */
export function zoneRule(P: DifferentiatedParams, zoneId: string): ZoneRuleParams {
  return Object.prototype.hasOwnProperty.call(P.zones, zoneId) ? P.zones[zoneId]! : P.other_zones;
}

/** Whether a dwelling tenure meets a residence condition. Rural homes never do: settlement is in town. */
export function residenceOk(cond: (typeof RESIDENCE)[number], tenure: number, registered: boolean): boolean {
  if (tenure < 0 || tenure === RURAL_HOME) return false;
  switch (cond) {
    case 'owned':
      return tenure === OWNED;
    case 'registered_rental':
      return tenure === OWNED || (isRental(tenure) && registered);
    case 'public_rental':
      return tenure === OWNED || tenure === PUBLIC_RENTAL;
    default:
      return true;
  }
}

/** Whether a person living in zone `zoneId` may settle there (hand-checkable rule). */
export function differentiatedEligible(P: DifferentiatedParams, zoneId: string, x: DifferentiatedFacts): boolean {
  return eligibleIn(P, compileZone(P, zoneId), x);
}

/** A zone's rule with its lists looked up once (the monthly round tests every adult against it). */
interface CompiledZone {
  rule: ZoneRuleParams;
  /** The zone is one of the strategic zones, and by sector whether the sector is a strategic one. */
  strategic: boolean;
  strategicSector: Uint8Array;
  /** The zone is one of the contract zones. */
  contract: boolean;
}

function compileZone(P: DifferentiatedParams, zoneId: string): CompiledZone {
  const S = P.strategic;
  const strategicSector = new Uint8Array(SECTORS.length);
  if (S) SECTORS.forEach((sec, i) => (strategicSector[i] = S.sectors.includes(sec) ? 1 : 0));
  return { rule: zoneRule(P, zoneId), strategic: !!S && S.zones.includes(zoneId), strategicSector, contract: P.contract_zones.includes(zoneId) };
}

/** differentiatedEligible against a compiled zone: the same tests in the same order. */
function eligibleIn(P: DifferentiatedParams, c: CompiledZone, x: DifferentiatedFacts): boolean {
  const r = c.rule;
  if (r.stance !== 'open') return false;
  if (x.ageYears < 18) return false;
  if (x.hukou === LOCAL_URBAN) return false;
  if (x.hukou === LOCAL_RURAL && !P.include_local_rural) return false;
  if ((x.hukou === NONLOCAL_URBAN || x.hukou === NONLOCAL_RURAL) && !P.include_nonlocal) return false;
  if (!residenceOk(r.residence, x.tenure, x.registered)) return false;
  if (x.workedMonths >= r.years_work * 12) return true;
  const S = P.strategic;
  if (S && x.sector !== NO_JOB && c.strategic && c.strategicSector[x.sector] === 1 && x.workedMonths >= S.years_work * 12) return true;
  if (x.sector !== NO_JOB && x.formal && c.contract) return true;
  return false;
}

/**
 * The settlement prospect living in a zone and tenure gives a chooser class (location.ts): 0 where
 * the class may not settle (zone not open, local urban hukou, a group the rule leaves out, a tenure
 * that fails the residence condition: a rental counts for registered_rental, the household can
 * register it), else exp(−years / prospect horizon) for the zone's years of work (the 2015
 * variant's shorter routes when the class's job qualifies: contract zones 0 years for a job).
 */
export function differentiatedProspect(w: World, P: DifferentiatedParams, zoneId: string, tenure: number, c: ChooserClass): number {
  const r = zoneRule(P, zoneId);
  if (r.stance !== 'open') return 0;
  if (c.hukouGroup === 0) return 0;
  if (c.hukouGroup === 1 && !P.include_local_rural) return 0;
  if (c.hukouGroup === 2 && !P.include_nonlocal) return 0;
  if (!residenceOk(r.residence, tenure, true)) return 0;
  let years = r.years_work;
  if (c.jobZone >= 0 && P.contract_zones.includes(zoneId)) years = 0;
  return prospectOfYears(w, years);
}

const X: DifferentiatedFacts = { ageYears: 0, hukou: 0, workedMonths: 0, tenure: -1, registered: false, sector: NO_JOB, formal: false };

function differentiatedRule(w: World, P: DifferentiatedParams, zones: readonly CompiledZone[], open: Uint8Array, month: number): void {
  if (P.month_of_year !== 0 && w.calendar(month) !== P.month_of_year) return;
  const s = w.streams.get('differentiated');
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const n = w.persons.size;
  // Columns held in locals (grants add no rows).
  const live = w.persons.live, hukou = pc.hukou, ageM = pc.ageM, hh = pc.hh, worked = pc.worked, registered = pc.registered;
  const sector = pc.sector, formal = pc.formal, hZone = hc.zone, hTenure = hc.dwTenure;
  const steps = w.labourSteps;
  const applyRate = P.apply_rate;
  // The run of apply trials: failures left before the next success (UNDRAWN before the first trial).
  const left = new Float64Array([UNDRAWN]);
  const next = () => s.next();
  for (let p = 0; p < n; p++) {
    if (!live[p] || hukou[p] === LOCAL_URBAN || ageM[p]! < 18 * 12) continue;
    const h = hh[p]!;
    const z = hZone[h]!;
    if (!open[z]) continue;
    X.ageYears = Math.floor(ageM[p]! / 12);
    X.hukou = hukou[p]!;
    X.workedMonths = workedOf(worked, sector, steps, p);
    X.tenure = hTenure[h]!;
    X.registered = registered[p] === 1;
    X.sector = sector[p]!;
    X.formal = formal[p] === 1;
    if (!eligibleIn(P, zones[z]!, X)) continue;
    // Considers applying with apply_rate: one trial of the round's run, by geometric skipping (sim/engine/skip.ts).
    if (!skipTrial(left, 0, applyRate, next)) continue;
    if (!wantsHukou(w, p, month, P.land_retention_years, 0, 1)) continue; // the household decision (hukouValue.ts)
    w.flows.applicants++;
    grantHukou(w, p, month);
  }
}

export const differentiatedPolicy = definePolicy({
  name: 'differentiated',
  title: 'Differentiated settlement by zone',
  title_zh: '差别化落户',
  source: 'seed 000 (Chongqing: 5 / 3 / 2 years by functional zone; ecological zones reduce); 2015 implementing opinion (calibration.md)',
  source_zh: '《超大城市治理案例》（重庆：按功能区分别为 5/3/2 年；生态区人口减载）；2015 年实施意见（calibration.md）',
  schema: DifferentiatedSchema,
  install(w, P) {
    const zoneIds = w.city.zones.map((z) => z.id);
    const named = [...Object.keys(P.zones), ...(P.strategic?.zones ?? []), ...P.contract_zones];
    for (const id of named) {
      if (!zoneIds.includes(id)) throw new Error(`policies.differentiated: unknown zone id "${id}" (the city's zones are ${zoneIds.join(', ')})`);
    }
    const open = new Uint8Array(w.nz);
    zoneIds.forEach((id, z) => {
      const stance = zoneRule(P, id).stance;
      open[z] = stance === 'open' ? 1 : 0;
      w.levers.zoneStance[z] = stance === 'open' ? 1 : stance === 'reduce' ? 2 : 0;
    });
    w.levers.settlementOpen = true;
    w.levers.uncappedSettlement = true;
    ensureWorkHistory(w);
    addLocationTerm(w, { kind: 'settlement', value: (w, zone, tenure, c) => differentiatedProspect(w, P, zoneIds[zone]!, tenure, c) });
    const zones = zoneIds.map((id) => compileZone(P, id));
    w.settlementRules.push((w, month) => differentiatedRule(w, P, zones, open, month));
  },
});
