/**
 * The city's parameters: the typed blocks a scenario's `city:` section holds.
 * Every block that carries real-world numbers has a required `source` string
 * (a citation; "[U]" marks a remembered, unconfirmed value). Lever metadata
 * (label, unit, range, step, doc) is attached with `.meta()` so the explorer
 * and the JSON Schema can build controls and completions from it.
 */
import { z } from 'zod';
import { EDUCATION, HUKOU, SECTORS, TENURE, ZONE_KINDS } from './enums.ts';

export interface LeverMeta {
  label: string;
  label_zh?: string;
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  doc?: string;
  doc_zh?: string;
  lever?: boolean;
}

/** A finite number in [min, max], with lever metadata. */
export function num(min: number, max: number, meta?: Partial<LeverMeta>) {
  const s = z.number().finite().min(min).max(max);
  return meta ? s.meta({ min, max, ...meta }) : s;
}
/** A share in [0, 1]. */
export const share = (meta?: Partial<LeverMeta>) => num(0, 1, { step: 0.01, unit: 'share', ...meta });
/** A non-negative count of real persons or things. */
export const count = (max = 1e9, meta?: Partial<LeverMeta>) => num(0, max, meta);
/** A reference to a zone by its id; checked against the city's zones when a scenario is loaded. */
export const zoneId = () => z.string().min(1).meta({ zoneRef: true });

export const source = z.string().min(3).describe('Citation for the real-world numbers in this block ([U] = unconfirmed)');

/** An object whose named shares must add up to 1 (within 0.005). */
export function shares<K extends string>(keys: readonly K[]) {
  const shape = Object.fromEntries(keys.map((k) => [k, share()])) as Record<K, ReturnType<typeof share>>;
  return z.strictObject(shape).superRefine((v, ctx) => {
    const total = Object.values(v as Record<string, number>).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 0.005) {
      ctx.addIssue({ code: 'custom', message: `shares must add up to 1, found ${Number(total.toFixed(4))}` });
    }
  });
}

export const ZoneSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lowercase id (letters, digits, _ or -)'),
  name: z.string().min(1).max(200),
  kind: z.enum(ZONE_KINDS),
  area_km2: num(0.01, 1e6),
  residents: count(1e8).describe('residents at the start (real persons); scaled to city.residents_total if given'),
  urban_share: share({ label: 'Urban share of residents' }),
  tenure_shares: shares(['owned', 'market_rental', 'urban_village', 'public_rental', 'dormitory'] as const).describe(
    'shares of urban households by tenure at the start',
  ),
  vacancy_rate: share().default(0.05),
  rent_yuan_month: num(1, 1e6).describe('market rent of a standard dwelling, yuan a month'),
  urban_village_rent_ratio: num(0.05, 1).default(0.5).describe('urban-village rent / market rent'),
  dormitory_rent_yuan_month: num(0, 1e5).default(150),
  price_yuan_m2: num(1, 1e6),
  dwelling_m2: num(10, 500).default(80),
  jobs_per_resident: num(0, 5).describe('jobs located in the zone per resident at the start'),
  wage_factor: num(0.1, 10).default(1).describe('zone wage level relative to the city mean'),
  school_places_per_child: num(0, 5).default(1).describe('school places / school-age children at the start'),
  buildable_share: share({ label: 'Share of the zone\'s land open to housing' }).default(0.3).describe('share of area_km2 that is residential land, after protected land (ecological red lines, farmland, water); megasim default 0.3 [U]'),
  floor_area_ratio: num(0.1, 20).default(2.5).describe('floor area / residential land at full build-out (plot ratio 容积率); megasim default 2.5 [U]'),
  urban_village_headroom: num(1, 5).default(1.3).describe('largest urban-village stock the zone\'s village land can hold / the stock at the start (extra floors, 加建); megasim default 1.3 [U]'),
  population_cap: count(1e8, { label: 'Population cap of the zone', label_zh: '区域人口上限', unit: 'persons', step: 50000, lever: true, doc: 'A planning target or cap on the zone\'s residents, e.g. Chongqing\'s core at most 3.1 M by 2020 (seed 000); used by the relief policy', doc_zh: '规划对该区域常住人口的目标或上限，如重庆都市功能核心区 2020 年不超过 310 万人（种子文件 000）' }).optional().describe('policy target or cap on residents (real persons)'),
  source,
});
export type ZoneParams = z.infer<typeof ZoneSchema>;

const educationShares = shares(EDUCATION);

export const CitySchema = z.strictObject({
  name: z.string().min(1).max(200),
  census_year: num(1950, 2100),
  residents_total: count(1e8).optional().describe('census residents; zone residents are scaled to add up to it'),
  household_size: num(1, 8).describe('mean persons per household'),
  age_shares: shares(['age_0_14', 'age_15_64', 'age_65_plus'] as const),
  hukou_shares: shares(HUKOU).describe('residents by hukou status at the start'),
  education_adults: z.strictObject({ hukou: educationShares, nonhukou: educationShares, source }),
  source,
  zones: z.array(ZoneSchema).min(1).max(64),
  travel: z
    .strictObject({
      minutes: z.record(zoneId(), z.record(zoneId(), num(0, 600))).describe('one-way travel minutes from each zone (outer key) to each zone (inner key), the own zone included'),
      source,
    })
    .optional()
    .describe('zone-to-zone travel times for commuting and job access (location.ts); omitted = derived from the zones as concentric rings (location.ts ringMinutes)'),
  location: z
    .strictObject({
      cost_weight: num(0, 100).default(4).describe('utility lost per unit of housing cost / household income (MNL scale)'),
      value_of_time_share: share().default(0.5).describe('value of commuting time as a share of the wage rate'),
      access_weight: num(0, 10).default(0.3).describe('utility per unit of log job access (jobs reachable, decaying with travel time)'),
      access_decay_minutes: num(1, 600).default(30),
      school_weight: num(0, 10).default(0.5).describe('utility per unit of log school places per resident relative to the city, for households with children'),
      quality_weight: num(0, 10).default(0.5).describe('utility per unit of log mean size-quality factor of the alternative\'s vacant dwellings'),
      tenure_constants: z
        .strictObject({ owned: num(-20, 20).default(0), market_rental: num(-20, 20).default(0), urban_village: num(-20, 20).default(0), dormitory: num(-20, 20).default(0) })
        .prefault({})
        .describe('alternative-specific constants by tenure, on top of the zone × tenure constants calibrated to the starting state'),
      settlement_weight: num(0, 20).default(1.5).describe('utility of a full settlement prospect (1) in the alternative, from the active policies'),
      public_rental_weight: num(0, 20).default(0.5).describe('utility of being eligible for public rental housing by living in the alternative\'s zone'),
      prospect_horizon_years: num(0.1, 50).default(5).describe('prospect of a rule asking y years of work = exp(−y / horizon)'),
      move_rate_renter_month: share().default(0.02).describe('monthly chance a renting household reconsiders where it lives'),
      move_rate_owner_month: share().default(0.003).describe('monthly chance an owner household reconsiders'),
      burdened_move_factor: num(1, 50).default(3).describe('reconsideration multiplier when rent is over the burden limit (life event)'),
      moving_cost: num(0, 20).default(0.5).describe('utility a move costs: a reconsidering household moves with chance 1/(1+exp(−(V_new − V_now − moving_cost)))'),
      max_draws: num(1, 64).default(12).describe('draws from the choice probabilities until an available, affordable alternative comes up'),
      source: source.default(
        'multinomial logit over zone × tenure alternatives with the log of vacancies as size term, as in UrbanSim\'s household location choice (McFadden 1978, sampling of alternatives) [V]; commuters value travel time at one-third to one-half of the wage rate (Meyer & Gómez-Ibáñez 1981, cited in Small 2012) [V]; cost, access, school, quality, settlement and public rental weights, moving rates and moving cost are megasim defaults (docs/MODEL.md) [U]',
      ),
    })
    .prefault({})
    .describe('location choice: multinomial logit over zone × tenure alternatives (location.ts)'),
  market: z
    .strictObject({
      target_vacancy: z
        .strictObject({ owned: share().default(0.05), market_rental: share().default(0.05), urban_village: share().default(0.05), dormitory: share().default(0.05) })
        .prefault({})
        .describe('natural vacancy rate by tenure: real rents stay constant at it'),
      rent_adjust_speed: num(0, 5).default(0.15).describe('monthly log change of rent per unit gap between natural and actual vacancy, on top of income growth'),
      max_change_month: share().default(0.015),
      price_adjust_month: share().default(0.08).describe('monthly share of the gap between the price and rent / user cost that closes'),
      depreciation_year: share().default(0.02).describe('depreciation and upkeep in the user cost'),
      reference_mortgage_rate_year: num(0, 0.5).default(0.06).describe('mortgage rate of the starting prices; the risk premium of the user cost is calibrated at it'),
      expected_appreciation_year: num(-0.5, 1).optional().describe('expected nominal price growth in the user cost; omitted = the wage growth'),
      supply_elasticity: num(0, 20).default(0.3).describe('elasticity of the stock developers want to the price (or rent) relative to its income trend'),
      stock_adjust_month: share().default(0.08).describe('monthly share of the gap between the wanted stock and the stock plus pipeline that is started'),
      construction_lag_months: num(0, 120).default(18),
      conversion_month: share().default(0.1).describe('monthly share of the excess-vacancy difference between owned and market-rental stock that owners convert (letting vacant flats, selling let ones)'),
      urban_village_response: num(0, 5).default(1).describe('monthly urban-village stock change per unit vacancy gap (extra floors added or rooms withdrawn)'),
      dormitory_adjust_month: share().default(0.05).describe('monthly share of the gap between dormitory stock and its manufacturing + construction job target that closes'),
      source: source.default(
        'rents move with the gap between natural and actual vacancy (Rosen & Smith 1983, AER 73(4)) [V]; one estimate of the natural rental vacancy is 6.5% (Real Estate Economics 18(3), 1990) [V], 5% used here to match the starting vacancy [U]; user cost of owning (Poterba 1984, QJE 99(4)) [V]; stock-flow construction (DiPasquale & Wheaton 1992) [V]; a 10% real price rise adds about 0.8% to the stock within a year (Mayer & Somerville 2000, JUE 48) [V], stock elasticity 0.3 over the longer run [U]; lags, conversion, urban-village and dormitory responses are megasim defaults [U]',
      ),
    })
    .prefault({})
    .describe('housing market: rents, prices and supply by zone × tenure (market.ts)'),
  demography: z
    .strictObject({
      fertility_rate: num(0, 10).describe('total fertility rate (children per woman)'),
      mortality_a: num(0, 0.1).describe('Gompertz annual mortality at age 0: m(x) = a·exp(b·x)'),
      mortality_b: num(0, 0.5),
      infant_mortality: num(0, 0.2).default(0.01),
      household_split_rate: share().default(0.04).describe('yearly chance a 22–34-year-old in a household of 3+ forms their own'),
      source,
    }),
  labour: z.strictObject({
    participation_rate: share({ label: 'Labour-force participation of ages 16–59' }),
    unemployment_rate_start: share().default(0.04),
    mean_wage_yuan_month: num(1, 1e6),
    wage_by_education: z.strictObject(Object.fromEntries(EDUCATION.map((e) => [e, num(0.1, 20)])) as Record<(typeof EDUCATION)[number], ReturnType<typeof num>>),
    wage_sd_log: num(0, 2).default(0.5),
    wage_growth_year: num(-0.5, 1, { label: 'Nominal wage growth a year', unit: 'share/year', step: 0.005 }),
    job_growth_year: num(-0.5, 1, { label: 'Job growth a year', unit: 'share/year', step: 0.005 }),
    separation_rate_month: share().default(0.012),
    matching_efficiency: num(0, 5).default(0.2),
    sector_shares: shares(SECTORS),
    formal_share_by_education: z.array(share()).length(EDUCATION.length).describe('chance a job is formal (social insurance paid), by education level'),
    source,
  }),
  housing: z.strictObject({
    max_rent_share: share({ label: 'Highest rent / income a household accepts' }).default(0.5),
    burden_limit: share().default(0.3).describe('rent / income above which a household counts the month as burdened'),
    down_payment_share: share().default(0.3),
    mortgage_rate_year: num(0, 0.5).default(0.06),
    mortgage_years: num(1, 40).default(20),
    max_mortgage_share: share().default(0.4),
    source,
  }),
  services: z.strictObject({
    enrolment_month: num(1, 12).default(9),
    school_age_from: num(3, 10).default(6),
    school_age_to: num(10, 18).default(14),
    hukou_priority: z.boolean().default(true).describe('local hukou children are placed first'),
    permit_priority: z.boolean().default(true).describe('then residence-permit holders, before other migrants'),
    leave_behind_chance: share().default(0.5).describe('chance a child without a place is sent back to the origin'),
    school_places_growth_year: num(-0.5, 1).default(0.01),
    source,
  }),
  registration: z.strictObject({
    declare_rate_month: z.strictObject({
      owned: share(),
      market_rental: share(),
      urban_village: share(),
      public_rental: share(),
      dormitory: share(),
      rural_home: share(),
    }).describe('monthly chance an unregistered resident is entered in the housing registry, by tenure (no special policy)'),
    permit_months: num(0, 120, { label: 'Registered months for a residence permit', unit: 'months', step: 1 }).default(6),
    source,
  }),
  arrivals: z.strictObject({
    base_rate_year: share({ label: 'Arrivals a year / residents', step: 0.001 }).describe('migrant persons arriving a year as a share of residents at the start, at the starting attractiveness'),
    elasticity: num(0, 10).default(1.5).describe('arrivals ∝ (attractiveness / starting attractiveness)^elasticity'),
    service_value_yuan_month: num(0, 1e5).default(300),
    settlement_value_yuan_month: num(0, 1e5).default(800).describe('value of a settlement prospect, times the yearly settlement rate ×10'),
    single_share: share().default(0.45).describe('share of arriving households that are one worker alone'),
    children_per_family: num(0, 5).default(1.2),
    bring_children_share: share().default(0.4).describe('share of migrant children brought to the city (the rest stay behind)'),
    local_rural_share: share().describe('share of arrivals with local rural hukou (same municipality)'),
    nonlocal_urban_share: share().default(0.15).describe('share of the nonlocal arrivals with urban hukou'),
    origin_income_yuan_month: num(1, 1e6).describe('income at the origin'),
    origin_income_growth_year: num(-0.5, 1).default(0.08),
    land_mu_per_household: num(0, 100).default(2),
    savings_months: num(0, 120).default(6).describe('savings an arriving household brings, in months of origin income'),
    education: educationShares,
    age_mean: num(16, 60).default(30),
    age_sd: num(1, 20).default(8),
    source,
  }),
  departures: z.strictObject({
    base_hazard_month: share().default(0.006),
    unemployment_weight: num(0, 5).default(0.25).describe('added log-hazard per month of unemployment (up to 12)'),
    burden_weight: num(0, 10).default(2).describe('added log-hazard per unit of rent/income above the burden limit'),
    school_weight: num(0, 5).default(0.6).describe('added log-hazard per child without a school place'),
    no_prospect_weight: num(0, 5).default(0.3).describe('added log-hazard when no settlement route is open to the household'),
    unhoused_weight: num(0, 10).default(2),
    hukou_factor: share().default(0.1).describe('hazard multiplier for households whose head holds local hukou'),
    owner_factor: share().default(0.2).describe('hazard multiplier for owners'),
    source,
  }),
  governance: z.strictObject({
    problems_per_household_month: num(0, 5).default(0.2),
    complaint_share: share().default(0.35).describe('share of problems residents report themselves (hotline)'),
    grid_workers_per_1000: num(0, 50, { label: 'Grid workers per 1,000 residents', label_zh: '每千居民网格员', unit: 'workers/1000', step: 0.1, lever: true, doc: 'Staff who patrol a grid, find problems and dispatch them (网格员); seeds 000, 001, 004', doc_zh: '每千名常住人口配备的网格员：巡查网格、发现问题并派单处置（种子文件 000、001、004）' }).default(0.5),
    detect_per_worker_month: num(0, 1000).default(40),
    resolve_per_worker_month: num(0, 1000).default(100).describe('problems one grid worker gets resolved a month (with the departments it dispatches to)'),
    handling_days: num(0, 365).default(10).describe('days from dispatch to resolution for one problem, before queueing; divided by coordination × platform'),
    coordination: num(0.1, 5).default(1),
    platform: num(0.1, 5).default(1),
    source,
  }),
  fiscal: z.strictObject({
    public_cost_per_citizen_yuan: num(0, 1e7).describe('public cost of one new urban citizen (infrastructure, services, insurance, housing)'),
    cost_growth_year: num(-0.5, 1).default(0.03),
    source,
  }),
});
export type CityParams = z.infer<typeof CitySchema>;
