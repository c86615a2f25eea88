/**
 * The indicators of MODEL.md section 5, defined once: name, unit, one-line
 * meaning, whether it is recorded by zone and whether it is yearly. The same
 * definitions feed indicators.csv, summary.json, the charts and the explorer.
 *
 * Units: `persons` are real-world persons (agents / sample); `share` is 0..1;
 * `yuan` is yuan of the month's prices; `ratio` is dimensionless.
 */

export type Unit =
  | 'persons'
  | 'children'
  | 'share'
  | 'ratio'
  | 'points'
  | 'yuan'
  | 'yuan/month'
  | 'mu'
  | 'days'
  | 'problems'
  | 'persons/km2'
  | 'jobs'
  | 'households'
  | 'score';

export interface IndicatorDef {
  name: string;
  unit: Unit;
  meaning: string;
  /** Also recorded per zone (zone column = zone id); the city value has zone "all". */
  byZone?: boolean;
  /** Recorded once a year (in the month of the event); other months are absent. */
  yearly?: boolean;
  /** How values of a period add up: 'flow' values are counts within the month, 'stock' values are levels. */
  kind: 'stock' | 'flow';
  /** Headline indicators are shown first in reports and the explorer. */
  headline?: boolean;
  /** Its title and meaning in Chinese (the explorer's and charts' 中文); not written to summary.json. */
  title_zh?: string;
  meaning_zh?: string;
}

/** Tenures in Chinese, for the per-tenure indicators. */
const TENURE_ZH: Record<string, string> = { owned: '自有住房', market_rental: '市场租赁住房', urban_village: '城中村出租屋', public_rental: '公租房', dormitory: '单位宿舍' };

export const INDICATORS: readonly IndicatorDef[] = [
  { name: 'residents', unit: 'persons', kind: 'stock', byZone: false, headline: true, meaning: 'resident population (常住人口)', title_zh: '常住人口', meaning_zh: '常住人口' },
  { name: 'hukou_residents', unit: 'persons', kind: 'stock', headline: true, meaning: 'residents holding local hukou', title_zh: '户籍常住人口', meaning_zh: '持有本地户籍的常住人口' },
  { name: 'hukou_share', unit: 'share', kind: 'stock', headline: true, meaning: 'hukou_residents / residents (倒挂 when far below 0.5)', title_zh: '户籍人口占常住人口比例', meaning_zh: '户籍常住人口 / 常住人口（远低于 0.5 即“倒挂”）' },
  { name: 'urban_hukou_rate', unit: 'share', kind: 'stock', headline: true, meaning: 'local urban-hukou persons / all local-hukou residents (户籍人口城镇化率)', title_zh: '户籍人口城镇化率', meaning_zh: '本地城镇户籍人口 / 全部本地户籍常住人口' },
  { name: 'resident_urban_rate', unit: 'share', kind: 'stock', meaning: 'residents living in urban dwellings / residents (常住人口城镇化率)', title_zh: '常住人口城镇化率', meaning_zh: '居住在城镇住房的常住人口 / 常住人口' },
  { name: 'urbanisation_gap', unit: 'share', kind: 'stock', headline: true, meaning: 'resident_urban_rate − urban_hukou_rate', title_zh: '两种城镇化率之差', meaning_zh: '常住人口城镇化率 − 户籍人口城镇化率' },
  { name: 'arrivals', unit: 'persons', kind: 'flow', meaning: 'migrant persons arriving this month', title_zh: '迁入人口', meaning_zh: '本月迁入的流动人口' },
  { name: 'departures', unit: 'persons', kind: 'flow', meaning: 'persons leaving the city this month: migrants returning to the hinterland and residents leaving for other places', title_zh: '迁出人口', meaning_zh: '本月离开本市的人口：返回原籍的流动人口与迁往他处的常住人口' },
  { name: 'out_migrants', unit: 'persons', kind: 'flow', meaning: 'of the departures, residents (not from the hinterland) leaving for other places this month (out-migration)', title_zh: '迁往他处人口', meaning_zh: '迁出人口中，本月迁往其他地方的常住人口（非返乡）' },
  { name: 'births', unit: 'persons', kind: 'flow', meaning: 'persons born this month', title_zh: '出生人口', meaning_zh: '本月出生人数' },
  { name: 'deaths', unit: 'persons', kind: 'flow', meaning: 'persons who died this month', title_zh: '死亡人口', meaning_zh: '本月死亡人数' },
  { name: 'settlement_applicants', unit: 'persons', kind: 'flow', yearly: false, meaning: 'persons who applied for local hukou in this month\'s settlement round', title_zh: '落户申请人数', meaning_zh: '本月落户办理中的申请人数' },
  { name: 'granted_applicants', unit: 'persons', kind: 'flow', meaning: 'applicants granted local hukou this month (their family members who follow are counted in settlements)', title_zh: '获批落户申请人', meaning_zh: '本月获批本地户籍的申请人（随迁家属计入落户人数）' },
  { name: 'settlements', unit: 'persons', kind: 'flow', byZone: true, headline: true, meaning: 'persons granted local hukou this month (with their zone of residence)', title_zh: '落户人数', meaning_zh: '本月获得本地户籍的人数（按居住功能区）' },
  { name: 'cutoff_score', unit: 'points', kind: 'stock', yearly: true, meaning: 'lowest points score granted in a points round', title_zh: '积分落户分数线', meaning_zh: '积分落户中获批的最低分' },
  { name: 'permit_holders', unit: 'persons', kind: 'stock', meaning: 'non-hukou residents holding a residence permit (居住证)', title_zh: '居住证持有人', meaning_zh: '持有居住证的非户籍常住人口' },
  { name: 'rent_to_income', unit: 'ratio', kind: 'stock', byZone: true, headline: true, meaning: 'mean monthly rent / monthly household income of renting households', title_zh: '租金收入比', meaning_zh: '租房家庭月租金 / 家庭月收入（平均）' },
  ...(['market_rental', 'urban_village', 'public_rental', 'dormitory'] as const).map(
    (t): IndicatorDef => ({ name: `rent_to_income_${t}`, unit: 'ratio', kind: 'stock', byZone: true, meaning: `rent / monthly household income of households renting ${t.replace('_', ' ')} dwellings (ratio of sums)`, title_zh: `租金收入比：${TENURE_ZH[t]}`, meaning_zh: `租住${TENURE_ZH[t]}家庭的租金 / 家庭月收入（总额之比）` }),
  ),
  { name: 'price_to_income', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'price of a mean owned dwelling / annual household income', title_zh: '房价收入比', meaning_zh: '平均自有住房价格 / 家庭年收入' },
  { name: 'mean_rent', unit: 'yuan/month', kind: 'stock', byZone: true, meaning: 'mean rent of occupied rental dwellings', title_zh: '平均租金', meaning_zh: '已出租住房的平均月租金' },
  ...(['owned', 'market_rental', 'urban_village', 'public_rental', 'dormitory'] as const).map(
    (t): IndicatorDef => ({ name: `vacancy_${t}`, unit: 'share', kind: 'stock', byZone: true, meaning: `vacant ${t.replace('_', ' ')} dwellings / all ${t.replace('_', ' ')} dwellings`, title_zh: `空置率：${TENURE_ZH[t]}`, meaning_zh: `空置的${TENURE_ZH[t]} / 全部${TENURE_ZH[t]}` }),
  ),
  { name: 'moves', unit: 'households', kind: 'flow', meaning: 'households that moved from one dwelling to another this month (first placements of arrivals not counted)', title_zh: '搬迁家庭', meaning_zh: '本月从一处住房迁到另一处的家庭（新迁入者的首次安置不计）' },
  { name: 'rent_index', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'rent level of market and urban-village rentals / its level at the start (stock-weighted)', title_zh: '租金指数', meaning_zh: '市场租赁和城中村租金水平 / 起始水平（按存量加权）' },
  { name: 'price_index', unit: 'ratio', kind: 'stock', byZone: true, meaning: 'price level of owned dwellings / its level at the start (stock-weighted)', title_zh: '房价指数', meaning_zh: '自有住房价格水平 / 起始水平（按存量加权）' },
  { name: 'dwellings_demolished', unit: 'households', kind: 'flow', meaning: 'dwellings demolished, redeveloped, cleared or withdrawn this month', title_zh: '拆除住房', meaning_zh: '本月拆除、改造、清退或退出的住房' },
  { name: 'households_displaced', unit: 'households', kind: 'flow', meaning: 'households whose dwelling was demolished or cleared this month', title_zh: '被迫搬迁家庭', meaning_zh: '本月住房被拆除或清退的家庭' },
  { name: 'urban_village_share', unit: 'share', kind: 'stock', meaning: 'residents living in urban-village rentals / residents', title_zh: '城中村居住比例', meaning_zh: '居住在城中村出租屋的常住人口 / 常住人口' },
  { name: 'public_rental_occupants', unit: 'persons', kind: 'stock', meaning: 'residents living in public rental housing', title_zh: '公租房住户', meaning_zh: '居住在公租房的常住人口' },
  { name: 'public_rental_waitlist', unit: 'households', kind: 'stock', meaning: 'eligible households waiting for public rental housing', title_zh: '公租房轮候家庭', meaning_zh: '符合条件、等待公租房的家庭' },
  { name: 'public_rental_rent_burden', unit: 'ratio', kind: 'stock', meaning: 'mean rent / income of public-rental occupants', title_zh: '公租房租金负担', meaning_zh: '公租房住户的租金 / 收入' },
  { name: 'migrant_school_access', unit: 'share', kind: 'stock', headline: true, meaning: 'non-hukou school-age children with a school place in the city / all non-hukou school-age children of residents', title_zh: '随迁子女入学率', meaning_zh: '在本市有学位的非户籍学龄儿童 / 全部非户籍学龄儿童' },
  { name: 'left_behind_children', unit: 'children', kind: 'stock', meaning: 'school-age children of residents living in the origin', title_zh: '留守儿童', meaning_zh: '留在原籍的常住人口学龄子女' },
  { name: 'unemployment_rate', unit: 'share', kind: 'stock', meaning: 'unemployed / labour force (ages 16–59 seeking work)', title_zh: '失业率', meaning_zh: '失业人数 / 劳动力' },
  { name: 'formal_share', unit: 'share', kind: 'stock', meaning: 'employed persons in formal (insured) work / employed persons', title_zh: '正规就业比例', meaning_zh: '正规（参保）就业人数 / 就业人数' },
  { name: 'formal_cost_rate', unit: 'share', kind: 'stock', meaning: "employers' contributions to new citizens over the last 12 months / the formal wage bill of 12 months: what a formal job costs on top of its wage (fiscal.ts)", title_zh: '正规就业附加成本率', meaning_zh: '近 12 个月企业为新市民分担的成本 / 12 个月正规工资总额' },
  { name: 'job_vacancies', unit: 'jobs', kind: 'stock', meaning: 'unfilled jobs at the end of the month (jobs − filled jobs over zones × sectors)', title_zh: '职位空缺', meaning_zh: '月末未填补的岗位数（各功能区×行业的岗位数 − 已填补岗位数）' },
  { name: 'job_vacancy_rate', unit: 'share', kind: 'stock', meaning: 'job_vacancies / jobs', title_zh: '职位空缺率', meaning_zh: '职位空缺 / 岗位总数' },
  { name: 'registry_coverage', unit: 'share', kind: 'stock', headline: true, meaning: 'residents registered in the housing registry / residents', title_zh: '住房登记覆盖率', meaning_zh: '已在住房登记系统登记的常住人口 / 常住人口' },
  { name: 'problems_raised', unit: 'problems', kind: 'flow', meaning: 'problems raised by households this month', title_zh: '居民反映问题', meaning_zh: '本月居民反映的问题' },
  { name: 'problems_detected', unit: 'problems', kind: 'flow', meaning: 'problems found by grid workers (not reported by residents) this month', title_zh: '网格发现问题', meaning_zh: '本月网格员发现（非居民反映）的问题' },
  { name: 'problems_resolved', unit: 'problems', kind: 'flow', meaning: 'problems resolved this month', title_zh: '已解决问题', meaning_zh: '本月解决的问题' },
  { name: 'complaint_backlog', unit: 'problems', kind: 'stock', meaning: 'known problems (reported or detected) waiting: not yet resolved, closed or abandoned', title_zh: '未解决问题积压', meaning_zh: '已知（居民反映或网格发现）而仍在等待的问题：尚未解决、办结或放弃' },
  { name: 'mean_response_days', unit: 'days', kind: 'stock', meaning: "days from a problem becoming known to its resolution: the queue's wait by Little's law (mean backlog / known inflow) plus handling", title_zh: '平均响应天数', meaning_zh: '问题从被知悉到解决的天数：按利特尔法则（平均积压 / 已知流入）计算的排队时间加处置时间' },
  { name: 'problems_abandoned', unit: 'problems', kind: 'flow', meaning: 'known problems whose residents gave up waiting this month', title_zh: '放弃的问题', meaning_zh: '本月居民放弃等待的已知问题' },
  { name: 'problems_closed_unresolved', unit: 'problems', kind: 'flow', meaning: 'problems dispatched and closed without being resolved this month', title_zh: '未解决即办结', meaning_zh: '本月已派单但未解决即办结的问题' },
  { name: 'complaint_utilisation', unit: 'ratio', kind: 'stock', meaning: 'known inflow / effective dispatch capacity over the last 12 months; 1 or more: the backlog grows', title_zh: '处置负荷率', meaning_zh: '近12个月已知问题流入 / 有效派单能力；大于等于1时积压持续增长' },
  { name: 'satisfaction', unit: 'share', kind: 'stock', meaning: 'mean resident satisfaction, 0..1', title_zh: '居民满意度', meaning_zh: '居民平均满意度（0–1）' },
  { name: 'fiscal_cost_gov', unit: 'yuan', kind: 'flow', headline: true, meaning: 'one-off citizenisation cost of this month\'s new citizens paid by government', title_zh: '政府承担的市民化成本', meaning_zh: '本月新市民的一次性市民化成本中由政府支付的部分' },
  { name: 'fiscal_cost_employers', unit: 'yuan', kind: 'flow', meaning: 'one-off citizenisation cost of this month\'s new citizens paid by employers', title_zh: '企业承担的市民化成本', meaning_zh: '本月新市民的一次性市民化成本中由企业支付的部分' },
  { name: 'fiscal_cost_persons', unit: 'yuan', kind: 'flow', meaning: 'one-off citizenisation cost of this month\'s new citizens paid by themselves', title_zh: '个人承担的市民化成本', meaning_zh: '本月新市民的一次性市民化成本中由本人支付的部分' },
  { name: 'fiscal_cost_total', unit: 'yuan', kind: 'flow', meaning: 'one-off citizenisation cost of this month\'s new citizens, all payers', title_zh: '市民化成本合计', meaning_zh: '本月新市民的一次性市民化成本，全部承担方合计' },
  { name: 'fiscal_service_cost', unit: 'yuan', kind: 'flow', meaning: 'recurring public service cost of the month, all payers: hukou residents, non-hukou residents and migrant children\'s school places, each at its yearly cost / 12 (fiscal.ts)', title_zh: '经常性公共服务支出', meaning_zh: '本月经常性公共服务支出（全部承担方）：户籍人口、非户籍人口和随迁子女学位，各按年成本 / 12' },
  { name: 'fiscal_service_cost_gov', unit: 'yuan', kind: 'flow', meaning: 'of the recurring public service cost of the month, the part government pays (all but the employers\' and persons\' shares of the new citizens\' part)', title_zh: '政府承担的经常性公共服务支出', meaning_zh: '本月经常性公共服务支出中由政府承担的部分（新市民部分中企业和个人分担的除外）' },
  { name: 'fiscal_tax_revenue', unit: 'yuan', kind: 'flow', meaning: 'local tax revenue of the month: effective rates × the formal and informal wage bills', title_zh: '地方税收收入', meaning_zh: '本月地方税收收入：有效税率 × 正规与非正规就业工资总额' },
  { name: 'fiscal_revenue', unit: 'yuan', kind: 'flow', meaning: 'government revenue of the month: taxes + the public share of land-ticket proceeds', title_zh: '政府收入', meaning_zh: '本月政府收入：税收 + 地票收益中的公共收入' },
  { name: 'fiscal_spending', unit: 'yuan', kind: 'flow', meaning: 'government spending of the month: its parts of the one-off and recurring costs + public rental grants', title_zh: '政府支出', meaning_zh: '本月政府支出：一次性与经常性成本中政府承担的部分 + 公租房财政投入' },
  { name: 'fiscal_net', unit: 'yuan', kind: 'flow', meaning: 'government revenue − spending of the month (negative: a deficit)', title_zh: '政府收支差额', meaning_zh: '本月政府收入 − 支出（负值为赤字）' },
  { name: 'fiscal_revenue_ytd', unit: 'yuan', kind: 'stock', meaning: 'government revenue from January of this calendar year to this month (December: the year\'s total)', title_zh: '年内累计政府收入', meaning_zh: '本年 1 月至本月的政府收入（12 月即全年合计）' },
  { name: 'fiscal_spending_ytd', unit: 'yuan', kind: 'stock', meaning: 'government spending from January of this calendar year to this month (December: the year\'s total)', title_zh: '年内累计政府支出', meaning_zh: '本年 1 月至本月的政府支出（12 月即全年合计）' },
  { name: 'fiscal_net_ytd', unit: 'yuan', kind: 'stock', meaning: 'government revenue − spending from January of this calendar year to this month (December: the year\'s balance)', title_zh: '年内累计收支差额', meaning_zh: '本年 1 月至本月的政府收入 − 支出（12 月即全年差额）' },
  { name: 'fiscal_balance', unit: 'yuan', kind: 'stock', headline: true, meaning: 'cumulative fiscal balance since the start: every month\'s revenue − spending summed (nominal yuan; negative: accumulated deficit)', title_zh: '累计财政收支差额', meaning_zh: '自起始以来逐月政府收入 − 支出之和（名义元；负值为累计赤字）' },
  { name: 'fiscal_debt', unit: 'yuan', kind: 'stock', meaning: 'borrowing since the start (public rental loans; repayment not modelled)', title_zh: '累计融资负债', meaning_zh: '自起始以来的融资借款（公租房贷款；不模拟偿还）' },
  { name: 'fiscal_new_citizens', unit: 'persons', kind: 'stock', meaning: 'persons granted hukou since the start still living (aggregate: settlements less deaths at the city\'s death rate); the cost shares split their part of the recurring cost', title_zh: '新市民存量', meaning_zh: '自起始以来获得户籍且仍在世的人数（按全市死亡率估算）；成本分担作用于其经常性成本' },
  { name: 'public_rental_grants', unit: 'yuan', kind: 'flow', meaning: 'public rental housing construction financed by grants this month', title_zh: '公租房财政投入', meaning_zh: '本月以财政拨款支付的公租房建设投入' },
  { name: 'public_rental_loans', unit: 'yuan', kind: 'flow', meaning: 'public rental housing construction financed by loans this month', title_zh: '公租房融资贷款', meaning_zh: '本月以贷款融资的公租房建设投入' },
  { name: 'land_tickets_mu', unit: 'mu', kind: 'flow', meaning: 'homestead land reclaimed and sold as land tickets this month', title_zh: '地票面积（亩）', meaning_zh: '本月复垦并作为地票交易的宅基地' },
  { name: 'land_ticket_payments', unit: 'yuan', kind: 'flow', meaning: 'land-ticket compensation paid to settling rural households this month', title_zh: '地票收益', meaning_zh: '本月支付给落户农户的地票补偿' },
  { name: 'land_ticket_revenue', unit: 'yuan', kind: 'flow', meaning: 'public share of this month\'s land-ticket proceeds (area × price × city share), government revenue', title_zh: '地票公共收入', meaning_zh: '本月地票收益中的公共收入（面积 × 价格 × 公共收入比例），计入政府收入' },
  { name: 'zone_population', unit: 'persons', kind: 'stock', byZone: true, meaning: 'residents living in the zone', title_zh: '各功能区常住人口', meaning_zh: '居住在该功能区的常住人口' },
  { name: 'zone_density', unit: 'persons/km2', kind: 'stock', byZone: true, meaning: 'residents per km² of zone land', title_zh: '功能区人口密度', meaning_zh: '每平方公里常住人口' },
  { name: 'zone_jobs', unit: 'jobs', kind: 'stock', byZone: true, meaning: 'jobs (filled and vacant) located in the zone', title_zh: '功能区就业岗位', meaning_zh: '位于该功能区的岗位（含空缺）' },
  { name: 'zone_hukou_share', unit: 'share', kind: 'stock', byZone: true, meaning: 'local-hukou residents registered in the zone (户籍人口) / residents living in the zone (常住人口); above 1 where registered persons live in other zones', title_zh: '功能区户籍人口占比', meaning_zh: '在该功能区登记户籍的本市户籍常住人口 / 该功能区常住人口（户籍登记在此而居住在他区者多时可大于 1）' },
  { name: 'income_gini_hukou', unit: 'ratio', kind: 'stock', meaning: 'Gini coefficient of personal wage income among employed local-hukou residents', title_zh: '户籍人口收入基尼系数', meaning_zh: '就业的本地户籍常住人口工资收入基尼系数' },
  { name: 'income_gini_nonhukou', unit: 'ratio', kind: 'stock', meaning: 'Gini coefficient of personal wage income among employed non-hukou residents', title_zh: '非户籍人口收入基尼系数', meaning_zh: '就业的非户籍常住人口工资收入基尼系数' },
];

export const INDICATOR_BY_NAME: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.name, d]));

/** Indicator name → its index in INDICATORS (the index recorded rows carry). */
export const INDICATOR_INDEX: ReadonlyMap<string, number> = new Map(INDICATORS.map((d, i) => [d.name, i]));

/**
 * Indicators reported by the policy that declares them (PolicyModule.flows or .stocks), 0 in a
 * world without it. Observation records the policy flows together, after the fiscal costs, and
 * the policy stocks after public_rental_occupants, each in catalogue order. (Kept out of
 * IndicatorDef so that summary.json's definitions stay as they were.)
 */
export const POLICY_REPORTED: ReadonlySet<string> = new Set(['public_rental_waitlist', 'public_rental_grants', 'public_rental_loans', 'land_tickets_mu', 'land_ticket_payments', 'land_ticket_revenue']);
