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
  /**
   * The explorer's slider: a range (and step) that fits the values shipped
   * scenarios use, inside the schema's bounds (`min`, `max`, which still
   * decide what is valid and what the number box accepts).
   */
  ui?: { min?: number; max?: number; step?: number };
  /** Words for the choices of an enum field (value → label), shown by the explorer instead of the value. */
  choices?: Record<string, { label: string; label_zh: string }>;
  doc?: string;
  doc_zh?: string;
  lever?: boolean;
}

/** The lever units of the schemas' meta `unit`, in Chinese (the explorer shows them; English shows the unit as declared). */
export const UNITS_ZH: Record<string, string> = {
  years: '年',
  months: '个月',
  persons: '人',
  'persons/year': '人/年',
  share: '比例',
  'share/year': '比例/年',
  'share of cap': '占上限比例',
  'yuan/month': '元/月',
  'yuan/year': '元/年',
  'yuan/mu': '元/亩',
  'yuan/m²': '元/m²',
  yuan: '元',
  mu: '亩',
  'm²': 'm²',
  'units/year': '套/年',
  'workers/1000 residents': '人/千人',
  'households/month': '户/月',
  'chiefs/building': '人/栋',
  points: '分',
  households: '户',
  workers: '人',
  'workers/1000': '人/千人',
  'yuan/mu/year': '元/亩/年',
  'problems/month': '件/月',
  problems: '件',
  'm²/person': 'm²/人',
  factor: '倍',
  ratio: '比值',
  'children/year': '名/年',
  children: '名',
  jobs: '个',
  days: '天',
  'persons/km2': '人/平方公里',
};

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
  urban_share: share({ label: 'Urban share of residents', label_zh: '城镇人口比例' }),
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
  buildable_share: share({ label: 'Share of the zone\'s land open to housing', label_zh: '可用于住房的土地比例' }).default(0.3).describe('share of area_km2 that is residential land, after protected land (ecological red lines, farmland, water); megasim default 0.3 [U]'),
  floor_area_ratio: num(0.1, 20).default(2.5).describe('floor area / residential land at full build-out (plot ratio 容积率); megasim default 2.5 [U]'),
  urban_village_headroom: num(1, 5).default(1.3).describe('largest urban-village stock the zone\'s village land can hold / the stock at the start (extra floors, 加建); megasim default 1.3 [U]'),
  population_cap: count(1e8, { ui: { max: 2e7, step: 50000 }, label: 'Population cap of the zone', label_zh: '区域人口上限', unit: 'persons', step: 50000, lever: true, doc: 'A planning target or cap on the zone\'s residents, e.g. Chongqing\'s core at most 3.1 M by 2020 (seed 000); used by the relief policy', doc_zh: '规划对该区域常住人口的目标或上限，如重庆都市功能核心区 2020 年不超过 310 万人（《超大城市治理案例》）' }).optional().describe('policy target or cap on residents (real persons)'),
  source,
});
export type ZoneParams = z.infer<typeof ZoneSchema>;

const educationShares = shares(EDUCATION);

// ---- The migration and labour-demand blocks (MODEL.md, migration and labour submodels): the hinterland
// segments, the decision's terms, residents' out-migration, the balanced start; plain numbers with
// bounds, so the calibration tooling can fit them.

export const SEGMENT_HUKOU = ['local_rural', 'nonlocal'] as const;


  export const SegmentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lowercase id (letters, digits, _ or -)'),
  name: z.string().min(1).max(200),
  hukou: z.enum(SEGMENT_HUKOU).describe('hukou of the migrants from this segment: local_rural (the municipality\'s own rural areas) or nonlocal (other provinces)'),
  population: num(0, 2e9).describe('working-age adults (16–59) in the segment at the start who could move (real persons)'),
  population_growth_year: num(-0.2, 0.2).default(0).describe('yearly change of the segment\'s working-age population by its own demography (ageing, cohorts), before migration'),
  income_yuan_month: num(1, 1e6).describe('income per worker at the origin at the start, yuan a month (for education "junior")'),
  income_growth_year: num(-0.5, 1).describe('nominal growth of origin income a year'),
  education: shares(EDUCATION).describe('education of the segment\'s working-age adults'),
  nonlocal_urban_share: share().default(0.15).describe('share of the segment\'s migrants with urban hukou (nonlocal segments only)'),
  age_mean: num(16, 60).default(30).describe('mean age of the segment\'s movers'),
  age_sd: num(1, 20).default(8),
  moving_cost_yuan_month: num(0, 1e5).default(300).describe('cost of moving and of living away from home (distance, family, hukou barriers), in start-month yuan a month, growing with city wages'),
  source,
});

  export const MigrationSchema = z.strictObject({
  segments: z.array(SegmentSchema).min(1).max(16),
  elasticity: num(0, 10, { label: 'Migration elasticity to the income ratio', label_zh: '迁移对收入比的弹性', step: 0.1 }).default(1.5).describe('movers ∝ (expected city value / (origin income + moving cost))^elasticity'),
  propensity_month: num(0, 1).optional().describe('movers a month per segment adult at an income ratio of 1; absent: derived in month 1 so that the start is in balance with the pre-start trend'),
  pre_start_growth_year: num(-0.2, 0.3, { ui: { min: -0.05, max: 0.1, step: 0.0001 }, label: 'Residents\' growth a year before the start', label_zh: '起始前常住人口年增长率', step: 0.001 }).describe('residents\' mean yearly growth over the decade before the start (census to census); the derived propensity makes month 1 continue it'),
  origin_education_premium_share: share().default(0.5).describe('share of the city\'s education wage premium that also holds at the origin'),
  housing_cost_share: share().default(0.5).describe('share of the mean market / urban-village rent a newcomer expects to pay (shared rooms, dormitories)'),
  settlement_rate_year_start: share().default(0).describe('yearly settlements per worker without local urban hukou before the start: the prospect\'s window counts the pre-start months at this rate'),
  prospect_scale: num(0, 100).default(10).describe('settlement prospect = min(1, scale × yearly settlement rate of non-hukou workers of the same education)'),
  nonlocal_months_in_city_mean: num(1, 600).default(60).describe('mean months in the city of non-local residents at the start (exponential); decides how many every years-based rule finds eligible'),
  spouse_active_share: share().default(0.8).describe('chance an arriving spouse joins the labour force'),
  reduce_zone_weight: share().default(0.2).describe('weight of a zone whose policy stance is "reduce" as a first search zone, relative to its jobs'),
  out_migration: z.strictObject({
    rate_month: share().describe('monthly chance a local-hukou household with a working-age head leaves for other places, at a destination/city income ratio of 1'),
    elasticity: num(0, 10).default(1.5),
    destination_income_yuan_month: num(1, 1e6).describe('income at the destinations residents leave for (coastal cities), start-month yuan a month, for education "junior"'),
    destination_income_growth_year: num(-0.5, 1),
    max_head_age: num(20, 60).default(45).describe('households whose head is older do not leave'),
    source,
  }),
  source,
});

  export const LabourDemandSchema = z.strictObject({
  adjust_month: share().default(0.1).describe('share of the gap between desired and existing jobs closed each month (vacancies posted or withdrawn)'),
  wage_elasticity: num(0, 5).default(0.4).describe('elasticity of desired jobs to the wage level (labour demand)'),
  wage_tightness_response: num(0, 1).default(0.01).describe('monthly wage growth of new hires per unit of ln(tightness / tightness at the start), tightness = vacancies / job seekers'),
  tightness_log_clamp: num(0, 20).default(2).describe('bound on |ln(tightness / tightness at the start)| in the wage response (a month of extreme tightness moves the wage at most this × the response) [megasim default]'),
  vacancy_share_start: share().default(0.05).describe('vacant jobs / jobs at the start in each zone × sector'),
  home_zone_job_share: share().default(0.7).describe('share of starting workers employed in their home zone'),
  other_zone_search_share: share().default(0.3).describe('chance a job seeker searches zones other than home first'),
  labour_force_weight: share()
    .optional()
    .describe(
      'λ: desired jobs grow each month by g^(1 − λ) × (labour force last month / the month before)^λ, g the job_growth_year or the balanced start\'s derived growth (jobs follow people: output grows with the workers the city draws); absent: 1 when job_growth_year is absent, else 0',
    ),
  source,
});

export type SegmentParams = z.infer<typeof SegmentSchema>;
export type MigrationParams = z.infer<typeof MigrationSchema>;
export type LabourDemandParams = z.infer<typeof LabourDemandSchema>;

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
      life_event_months: num(1, 60).default(12).describe('months after a life event (birth, child reaching school age, job in another zone, member leaving) during which it raises the moving hazard'),
      birth_move_factor: num(1, 50).default(2).describe('reconsideration multiplier after the birth of a child (Clark & Huang 2003: household growth raises mobility; size megasim default [U])'),
      school_age_move_factor: num(1, 50).default(1.5).describe('reconsideration multiplier after a child reaches school age (6) (megasim default [U])'),
      job_elsewhere_move_factor: num(1, 50).default(2).describe('reconsideration multiplier after a member takes a job in another zone (Clark & Huang 2003: job change raises mobility; size megasim default [U])'),
      member_left_move_factor: num(1, 50).default(1.5).describe('reconsideration multiplier after a member leaves to form a household of its own (household shrinking; megasim default [U])'),
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
      reference_mortgage_rate_year: num(0, 0.5).optional().describe('mortgage rate at which the starting prices were formed; the risk premium of the user cost is calibrated at it; omitted = city.housing.mortgage_rate_year (the start is on the asset-market curve; set it to study a rate that differs from the starting one)'),
      expected_appreciation_year: num(-0.5, 1).optional().describe('expected nominal price growth in the user cost; omitted = the wage growth'),
      supply_elasticity: num(0, 20).default(0.3).describe('elasticity of the stock developers want to the price (or rent) relative to its income trend'),
      stock_adjust_month: share().default(0.08).describe('monthly share of the gap between the wanted stock and the stock plus pipeline that is started'),
      construction_lag_months: num(0, 120).default(18),
      conversion_month: share().default(0.1).describe('monthly share of the excess-vacancy difference between owned and market-rental stock that owners convert (letting vacant flats, selling let ones)'),
      urban_village_response: num(0, 5).default(1).describe('monthly urban-village stock change per unit vacancy gap (extra floors added or rooms withdrawn)'),
      dormitory_adjust_month: share().default(0.15).describe('monthly share of the gap between dormitory stock and its manufacturing + construction job target that closes'),
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
    participation_rate: share({ label: 'Labour-force participation of ages 16–59', label_zh: '16–59 岁劳动参与率' }),
    unemployment_rate_start: share().default(0.04),
    mean_wage_yuan_month: num(1, 1e6),
    wage_by_education: z.strictObject(Object.fromEntries(EDUCATION.map((e) => [e, num(0.1, 20)])) as Record<(typeof EDUCATION)[number], ReturnType<typeof num>>),
    wage_sd_log: num(0, 2).default(0.5),
    wage_growth_year: num(-0.5, 1, { ui: { min: -0.1, max: 0.2, step: 0.005 }, label: 'Nominal wage growth a year', unit: 'share/year', step: 0.005, label_zh: '名义工资年增长率' }),
    job_growth_year: num(-0.5, 1, { ui: { min: -0.1, max: 0.2, step: 0.005 }, label: 'Job growth a year', unit: 'share/year', step: 0.005, label_zh: '就业岗位年增长率' }).optional().describe('growth a year of desired jobs at constant wages (output growth less productivity growth); absent: the labour force\'s growth under the balanced start\'s flows (the jobs continue the pre-start trend)'),
    separation_rate_month: share().default(0.012),
    matching_efficiency: num(0, 5).optional().describe('e of the matching function M = e·√(U·V); absent: derived at the start so that the starting unemployment rate is the steady state (the balanced start)'),
    sector_shares: shares(SECTORS),
    formal_share_by_education: z.array(share()).length(EDUCATION.length).describe('chance a job is formal (social insurance paid), by education level'),
    formal_cost_elasticity: num(0, 5).default(0.5).describe('how the chance a new hire is formal falls with what employers pay on top of formal wages: × (1 + τ)^(−ε), τ = employers\' contributions to new citizens (cost sharing) over the last 12 months / formal wage bill; 0.5: of the order of Kugler & Kugler (2009, Colombia: 10% more payroll tax, 4–5% less formal employment) [U]'),
    demand: LabourDemandSchema,
    source,
  }),
  housing: z.strictObject({
    max_rent_share: share({ label: 'Highest rent / income a household accepts', label_zh: '家庭可接受的最高租金收入比' }).default(0.5),
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
    permit_months: num(0, 120, { ui: { max: 60, step: 1 }, label: 'Registered months for a residence permit', unit: 'months', step: 1, label_zh: '办理居住证所需登记月数' }).default(6),
    source,
  }),
  arrivals: z.strictObject({
    base_rate_year: share({ label: 'Arrivals a year / residents', step: 0.001, label_zh: '年迁入人口 / 常住人口' }).optional().describe('if given: migrant persons arriving a year as a share of residents in month 1, which sets the propensity of city.migration (instead of the balanced start)'),
    service_value_yuan_month: num(0, 1e5).default(300),
    settlement_value_yuan_month: num(0, 1e5).default(800).describe('value of a settlement prospect of 1 (see migration.prospect_scale), start-month yuan a month'),
    single_share: share().default(0.45).describe('share of arriving households that are one worker alone'),
    children_per_family: num(0, 5).default(1.2),
    bring_children_share: share().default(0.4).describe('share of migrant children brought to the city (the rest stay behind)'),
    land_mu_per_household: num(0, 100).default(2),
    savings_months: num(0, 120).default(6).describe('savings an arriving household brings, in months of its segment\'s origin income'),
    savings_spread: share().default(0.5).describe('an arriving household\'s savings are savings_months × origin income × U(1 − spread, 1 + spread) [megasim default]'),
    source,
  }),
  migration: MigrationSchema,
  departures: z.strictObject({
    base_hazard_month: share().default(0.006),
    unemployment_weight: num(0, 5).default(0.25).describe('added log-hazard per month of unemployment (up to 12)'),
    burden_weight: num(0, 10).default(2).describe('added log-hazard per unit of rent/income above the burden limit'),
    school_weight: num(0, 5).default(0.6).describe('added log-hazard per child without a school place'),
    no_prospect_weight: num(0, 5).default(0.3).describe('added log-hazard × (1 − the head\'s own settlement prospect, by education)'),
    unemployment_cap_months: num(1, 255).default(12).describe('months of unemployment beyond which the hazard stops rising'),
    savings_budget_months: num(1, 240).default(24).describe('households without wages budget their savings over this many months'),
    unhoused_weight: num(0, 10).default(2),
    hukou_factor: share().default(0.1).describe('hazard multiplier for households whose head holds local hukou'),
    owner_factor: share().default(0.2).describe('hazard multiplier for owners'),
    source,
  }),
  governance: z.strictObject({
    problems_per_household_month: num(0, 5).default(0.2),
    complaint_share: share().default(0.35).describe('share of problems residents report themselves (hotline)'),
    grid_workers_per_1000: num(0, 50, { ui: { max: 5, step: 0.05 }, label: 'Grid workers per 1,000 residents', label_zh: '每千居民网格员', unit: 'workers/1000', step: 0.1, lever: true, doc: 'Staff who patrol a grid, find problems and dispatch them (网格员); seeds 000, 001, 004', doc_zh: '每千名常住人口配备的网格员：巡查网格、发现问题并派单处置（《超大城市治理案例》、《成都超大城市治理访谈》、《“城市治理现代化”》）' }).default(0.5),
    detect_per_worker_month: num(0, 1000).default(40),
    resolve_per_worker_month: num(0, 1000).default(100).describe('problems one grid worker gets resolved a month (with the departments it dispatches to)'),
    handling_days: num(0, 365).default(10).describe('days from dispatch to resolution of one problem, after its wait in the queue; divided by the platform factor'),
    coordination: num(0.1, 5).default(1).describe('coordination with departments (街乡吹哨、部门报到): divides the share of dispatches misrouted'),
    platform: num(0.1, 5).default(1).describe('digital platform (一网统管): multiplies detection and dispatch capacity, divides handling days'),
    misroute_share: share().default(0.1).describe('share of dispatched problems sent to the wrong department at coordination 1; they go back to the queue (megasim default [U])'),
    unresolved_share: share().default(0.1).describe('share of correctly dispatched problems closed without being resolved (megasim default [U])'),
    abandon_rate_month: share().default(0.02).describe('monthly chance a resident gives up on a problem still waiting (megasim default [U])'),
    uv_weight: num(0, 20).default(1).describe('problems raised: relative change per unit change of the urban-village share of households since the start'),
    unregistered_weight: num(0, 20).default(0.5).describe('problems raised: relative change per unit change of the unregistered share of residents since the start'),
    burden_weight: num(0, 20).default(0.5).describe('problems raised: relative change per unit change of the share of renters over the burden limit since the start'),
    density_elasticity: num(0, 3).default(0.5).describe('problems raised in a zone ∝ (households / households at the start)^this'),
    source,
  }),
  hukou_value: z
    .strictObject({
      school_yuan_month: num(0, 1e5, { ui: { max: 5000, step: 50 }, label: 'Value of hukou schooling for a child without a place', label_zh: '无学位子女的户籍入学价值', unit: 'yuan/month', step: 50, lever: true, doc: 'What a month of public schooling with hukou is worth to a family for a child without a place or left behind; enters the decision to apply for hukou (megasim default [U])', doc_zh: '无学位或留守子女获得户籍后一个月公办教育对家庭的价值；计入是否申请落户的决策（megasim 默认值 [U]）' }).default(800).describe('a month of public schooling for a school-age child who has no place in the city or is left behind (private-school fees and separation avoided)'),
      school_placed_yuan_month: num(0, 1e5).default(150).describe('for a child who already has a place: the entrance exams (中考/高考) open only to hukou'),
      insurance_yuan_month: num(0, 1e5).default(250).describe('per adult: local medical insurance, pension and social assistance of hukou holders'),
      housing_yuan_month: num(0, 1e5).default(200).describe('per renting household: eligibility to buy (purchase limits) and for hukou-only housing schemes'),
      land_income_yuan_mu_year: num(0, 1e6, { ui: { max: 10000, step: 100 }, label: 'Yearly value of a mu of rural land rights', label_zh: '每亩农村土地权益年值', unit: 'yuan/mu/year', step: 100, lever: true, doc: 'Yearly income of a mu of contract land and homestead that a rural convert gives up after any retention period; the cost side of the decision to apply (megasim default [U])', doc_zh: '农村转户者在保留期后放弃的每亩承包地和宅基地年收益；申请落户决策的成本项（megasim 默认值 [U]）' }).default(1000).describe('contract-land rent and homestead use value lost when rural hukou is given up, after any retention period'),
      paperwork_yuan: num(0, 1e6).default(2000).describe('fees, documents and time of an application'),
      horizon_years: num(1, 60).default(20).describe('years over which a household counts the value'),
      discount_rate_year: num(0, 0.5).default(0.05),
      taste_sd_yuan: num(0, 1e7).default(30000).describe('spread of personal reasons for and against (logistic scale), fixed per person'),
      chance_weight_gamma: num(0.2, 1).default(0.61).describe('how an applicant weighs an uncertain chance p of a grant: w(p) = p^γ / (p^γ + (1 − p)^γ)^(1/γ); 1 = at face value; 0.61 is Tversky & Kahneman (1992) for gains, small chances overweighted'),
      source: source.default('megasim defaults [U]: values of hukou access, land income and paperwork are placeholders to be calibrated; Tombe & Zhu (AER 2019) put hukou-related costs at about a factor of 3 of migrant real income (calibration.md)'),
    })
    .prefault({})
    .describe('what local hukou is worth to a household and what it costs, for the apply decision (sim/model/hukouValue.ts)'),
  fiscal: z.strictObject({
    public_cost_per_citizen_yuan: num(0, 1e7).describe('one-off public cost of settling one new urban citizen (infrastructure, services, insurance, housing), booked in the month of the grant'),
    cost_growth_year: num(-0.5, 1).default(0.03).describe('yearly growth of the cost index that every public cost below is multiplied by'),
    service_hukou_yuan_year: num(0, 1e6, { ui: { max: 20000, step: 50 }, label: 'Yearly public service cost per hukou resident', label_zh: '户籍人口人均年公共服务支出', unit: 'yuan/year', step: 50, lever: true, doc: 'Recurring basic public services a local-hukou resident receives a year: education of hukou children, health, social security and employment subsidies, housing security (start-month yuan, times the cost index).', doc_zh: '本地户籍常住人口每人每年享受的基本公共服务支出：户籍子女教育、医疗卫生、社会保障和就业补贴、住房保障（起始月价格，乘以成本指数）。' }).default(2150).describe('recurring basic public services per local-hukou resident a year (education of hukou children, health, social security and employment, housing security)'),
    service_nonhukou_yuan_year: num(0, 1e6).default(700).describe('recurring public services per non-hukou resident a year (public health, public safety, administration every resident uses)'),
    school_place_yuan_year: num(0, 1e6, { ui: { max: 40000, step: 100 }, label: 'Yearly public cost of a school place for a migrant child', label_zh: '随迁子女公办学位年生均支出', unit: 'yuan/year', step: 100, lever: true, doc: 'Public spending per pupil a year for each non-hukou school-age child holding a school place in the city (hukou children are in the hukou cost).', doc_zh: '在本市有学位的每名非户籍学龄儿童每年的生均公共财政教育支出（户籍子女计入户籍人口支出）。' }).default(3500).describe('public spending per pupil a year for each non-hukou school-age child holding a place in the city'),
    tax_rate_formal_wages: share({ label: 'Local tax revenue per yuan of formal wages', label_zh: '正规就业工资的地方税收率', lever: true, doc: 'Local tax revenue the city collects per yuan of wages paid in formal (insured) jobs: an effective rate over all the taxes that follow formal employment.', doc_zh: '每一元正规（参保）就业工资对应的地方税收：正规就业带来的各项税收的有效税率。' }).default(0.18).describe('local tax revenue per yuan of formal wages (an effective rate over the taxes that follow employment)'),
    tax_rate_informal_wages: share().default(0.09).describe('local tax revenue per yuan of informal wages'),
    source,
  }),
});
export type CityParams = z.infer<typeof CitySchema>;
