/**
 * The explorer's words in English and 中文: interface text, block titles,
 * enum choices, indicator and chart titles. Lever labels and explanations
 * have one home, the schema's meta (`label`, `label_zh`, `doc`, `doc_zh`,
 * declared with each policy's and the city's parameters), falling back to the
 * field name; an indicator's meaning falls back to its English definition in
 * sim/model/observe/indicators.ts.
 */
import type { Lever } from './levers.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

const UI = {
  en: {
    appTitle: 'megasim explorer',
    tagline: 'Move the policy levers of a Chinese megacity and watch it respond. The simulation runs in your browser.',
    language: 'Language',
    scenarioHeading: 'Scenario',
    city: 'City',
    mode: 'What to run',
    modeOne: 'One setting',
    modeAB: 'Setting A vs setting B (same seeds)',
    editing: 'Levers of',
    settingA: 'Setting A',
    settingB: 'Setting B',
    policyScenario: 'Policy scenario',
    asShipped: 'city file as shipped',
    runHeading: 'Run settings',
    seed: 'Seed',
    sample: 'Sample (agents per person)',
    sampleHelp: '0.003 = one agent for every 333 people. Larger is slower and smoother.',
    months: 'Months to simulate',
    replications: 'Replications',
    leversHeading: 'Levers',
    moreLevers: 'More parameters',
    cityAssumptions: 'City assumptions',
    about: 'What is this?',
    source: 'Source',
    noDoc: 'No description in the schema.',
    differsFromA: 'differs from A',
    changed: 'changed',
    reset: 'Reset levers',
    resetOne: 'Reset',
    run: 'Run',
    stop: 'Stop',
    idle: 'Press Run to simulate.',
    running: 'Running',
    month: 'month',
    done: 'Done',
    stopped: 'Stopped.',
    stale: 'Levers changed since this run: press Run again.',
    headlines: 'At the horizon',
    headlinesFlow: 'total over the run',
    headlinesFlowSoFar: 'total so far',
    atMonth: 'At month',
    play: 'Play',
    pause: 'Pause',
    stepBack: 'Previous month',
    stepForward: 'Next month',
    monthShown: 'Month shown',
    pickLabel: 'Plot any indicator',
    pickNone: '(none)',
    permalinkWhat: 'This link opens',
    difference: 'B − A',
    charts: 'Charts',
    reproduce: 'Reproduce and share',
    digest: 'Digest (SHA-256 of indicators.csv)',
    reproduceHelp: 'Download the scenario and run it with megasim: the digest is the same.',
    downloadScenario: 'Download scenario (YAML)',
    downloadResults: 'Download results (CSV)',
    permalink: 'Permalink',
    copy: 'Copy link',
    copied: 'Copied.',
    messages: 'Messages',
    dismiss: 'Dismiss',
    problemsFiles: 'Some shipped scenario files could not be loaded:',
    runFailed: 'The run failed:',
    invalidScenario: 'These lever values make an invalid scenario:',
    months_unit: 'months',
    yes: 'on',
    no: 'off',
    zone: 'zone',
    footer: 'megasim explorer. Runs offline; nothing is sent anywhere.',
  },
  zh: {
    appTitle: 'megasim 政策探索器',
    tagline: '调整超大城市的政策杠杆，观察城市的反应。模拟在您的浏览器中运行。',
    language: '语言',
    scenarioHeading: '情景',
    city: '城市',
    mode: '运行方式',
    modeOne: '单一设置',
    modeAB: '设置 A 与设置 B 对比（相同随机种子）',
    editing: '正在调整',
    settingA: '设置 A',
    settingB: '设置 B',
    policyScenario: '政策情景',
    asShipped: '城市文件原样',
    runHeading: '运行设置',
    seed: '随机种子',
    sample: '抽样比例（每人对应的智能体数）',
    sampleHelp: '0.003 即每 333 人对应一个智能体。比例越大，运行越慢、结果越平滑。',
    months: '模拟月数',
    replications: '重复次数',
    leversHeading: '政策杠杆',
    moreLevers: '更多参数',
    cityAssumptions: '城市假设',
    about: '这是什么？',
    source: '来源',
    noDoc: '模式中没有说明。',
    differsFromA: '与 A 不同',
    changed: '已修改',
    reset: '重置杠杆',
    resetOne: '重置',
    run: '运行',
    stop: '停止',
    idle: '按“运行”开始模拟。',
    running: '运行中',
    month: '月',
    done: '完成',
    stopped: '已停止。',
    stale: '运行后杠杆已修改：请再次按“运行”。',
    headlines: '期末结果',
    headlinesFlow: '全期合计',
    headlinesFlowSoFar: '截至当月合计',
    atMonth: '第',
    play: '播放',
    pause: '暂停',
    stepBack: '上一个月',
    stepForward: '下一个月',
    monthShown: '显示月份',
    pickLabel: '绘制任一指标',
    pickNone: '（无）',
    permalinkWhat: '此链接打开',
    difference: 'B − A',
    charts: '图表',
    reproduce: '复现与分享',
    digest: '摘要值（indicators.csv 的 SHA-256）',
    reproduceHelp: '下载情景文件并用 megasim 运行：摘要值相同。',
    downloadScenario: '下载情景（YAML）',
    downloadResults: '下载结果（CSV）',
    permalink: '永久链接',
    copy: '复制链接',
    copied: '已复制。',
    messages: '消息',
    dismiss: '关闭',
    problemsFiles: '部分情景文件无法加载：',
    runFailed: '运行失败：',
    invalidScenario: '这些杠杆取值使情景无效：',
    months_unit: '个月',
    yes: '开',
    no: '关',
    zone: '区',
    footer: 'megasim 政策探索器。离线运行，不发送任何数据。',
  },
} as const;

export type UiKey = keyof (typeof UI)['en'];

/** Interface text. */
export function t(lang: Lang, key: UiKey): string {
  return UI[lang][key];
}

/** Titles of the city's blocks. */
const BLOCKS: Record<string, { en: string; zh: string }> = {
  'city.demography': { en: 'Demography', zh: '人口' },
  'city.labour': { en: 'Labour market', zh: '劳动力市场' },
  'city.housing': { en: 'Housing', zh: '住房' },
  'city.services': { en: 'Schools and services', zh: '学校与公共服务' },
  'city.registration': { en: 'Registration', zh: '登记' },
  'city.arrivals': { en: 'Arrivals', zh: '迁入' },
  'city.departures': { en: 'Departures', zh: '迁出' },
  'city.governance': { en: 'Governance', zh: '基层治理' },
  'city.fiscal': { en: 'Public finance', zh: '财政' },
  'city.zones': { en: 'Zones', zh: '功能区' },
};

/** The explanation of a lever in `lang`: the schema's `doc_zh` / `doc` (or description), the lever's one home. */
export function leverDoc(lang: Lang, l: Pick<Lever, 'doc' | 'doc_zh'>): string | undefined {
  return lang === 'zh' ? l.doc_zh ?? l.doc : l.doc;
}

/** Choices of enum levers. */
const OPTIONS: Record<string, { en: string; zh: string }> = {
  any: { en: 'any dwelling', zh: '任意住所' },
  owned: { en: 'owned home', zh: '自有住房' },
  registered: { en: 'registered dwelling', zh: '已登记住所' },
  registered_rental: { en: 'owned or registered rental', zh: '自有或登记租赁住房' },
  public_rental: { en: 'owned or public rental', zh: '自有或公租房' },
  owned_or_public_rental: { en: 'owned or public rental', zh: '自有或公租房' },
  open: { en: 'open', zh: '开放' },
  closed: { en: 'closed', zh: '关闭' },
  reduce: { en: 'reduce population', zh: '人口减载' },
  none: { en: 'none', zh: '无' },
  other_zones: { en: 'zones not listed', zh: '未列出的功能区' },
  eligibility: { en: 'eligibility', zh: '申请条件' },
  residence: { en: 'residence', zh: '居住' },
  education: { en: 'education', zh: '学历' },
  insurance: { en: 'social insurance', zh: '社会保险' },
  housing: { en: 'housing', zh: '住房' },
  tax: { en: 'tax', zh: '纳税' },
  outside_core: { en: 'outside the core', zh: '核心区外' },
  penalty: { en: 'penalty', zh: '扣分' },
  insurance_base: { en: 'insured wage band', zh: '缴费基数档' },
  age: { en: 'age band', zh: '年龄档' },
  services_threshold: { en: 'school access', zh: '入学门槛' },
  hukou_route: { en: '居转户 route', zh: '居转户' },
  strategic: { en: 'strategic industries', zh: '战略性新兴产业' },
  declaration_rate_month: { en: 'declaration', zh: '申报' },
  primary: { en: 'primary', zh: '小学' },
  junior: { en: 'junior secondary', zh: '初中' },
  senior: { en: 'senior secondary', zh: '高中/中专' },
  college: { en: 'junior college', zh: '大专' },
  bachelor: { en: 'bachelor', zh: '本科' },
  master: { en: 'master', zh: '硕士' },
  doctorate: { en: 'doctorate', zh: '博士' },
};

/** Units of levers (from the schema's meta `unit`) in Chinese; English shows the meta text. */
const UNITS_ZH: Record<string, string> = {
  years: '年',
  months: '个月',
  persons: '人',
  'persons/year': '人/年',
  share: '比例',
  'share/year': '比例/年',
  'share of cap': '占上限比例',
  'yuan/month': '元/月',
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
};

/** A lever's unit in `lang`. */
export function unitLabel(lang: Lang, unit: string | undefined): string {
  if (!unit) return '';
  return lang === 'zh' ? UNITS_ZH[unit] ?? unit : unit;
}

/** "min_years_in_city" → "Min years in city". */
export function humanizeKey(s: string): string {
  const h = s.replace(/_/g, ' ');
  return h.charAt(0).toUpperCase() + h.slice(1);
}

/** Label of a lever in `lang` (without its zone). */
export function leverLabel(lang: Lang, l: Pick<Lever, 'field' | 'label' | 'label_zh' | 'item'> & { parents?: string[] }): string {
  let s: string;
  if (lang === 'zh') s = l.label_zh ?? l.label ?? humanizeKey(l.field);
  else s = l.label ?? humanizeKey(l.field);
  const within = [...(l.parents ?? []), ...(l.item !== undefined ? [l.item] : [])].map((x) => optionLabel(lang, x));
  if (within.length > 0) s = `${s} (${within.join(' › ')})`;
  return s;
}

/** Label of an enum choice (or an item id) in `lang`. */
export function optionLabel(lang: Lang, v: string): string {
  return OPTIONS[v]?.[lang] ?? v;
}

/** Title of a lever group: policy title from the registry, city block, or zone name. */
export function groupTitle(lang: Lang, group: string, policy: { title: string; title_zh: string } | null, zoneName?: string): string {
  if (policy) return lang === 'zh' ? policy.title_zh : policy.title;
  if (group.startsWith('city.zones.')) return `${BLOCKS['city.zones']![lang]}: ${zoneName ?? group.slice('city.zones.'.length)}`;
  return BLOCKS[group]?.[lang] ?? humanizeKey(group.replace(/^city\./, ''));
}

/** Indicator titles (chart titles) and meanings in Chinese; English titles are the charts' own. */
const INDICATORS_ZH: Record<string, { title: string; meaning?: string }> = {
  residents: { title: '常住人口', meaning: '常住人口' },
  hukou_residents: { title: '户籍常住人口', meaning: '持有本地户籍的常住人口' },
  hukou_share: { title: '户籍人口占常住人口比例', meaning: '户籍常住人口 / 常住人口（远低于 0.5 即“倒挂”）' },
  urban_hukou_rate: { title: '户籍人口城镇化率', meaning: '本地城镇户籍人口 / 全部本地户籍常住人口' },
  resident_urban_rate: { title: '常住人口城镇化率', meaning: '居住在城镇住房的常住人口 / 常住人口' },
  urbanisation_gap: { title: '两种城镇化率之差', meaning: '常住人口城镇化率 − 户籍人口城镇化率' },
  arrivals: { title: '迁入人口', meaning: '本月迁入的流动人口' },
  departures: { title: '迁出人口', meaning: '本月返回原籍的流动人口' },
  births: { title: '出生人口' },
  deaths: { title: '死亡人口' },
  settlement_applicants: { title: '落户申请人数', meaning: '本月落户办理中的申请人数' },
  settlements: { title: '落户人数', meaning: '本月获得本地户籍的人数（按居住功能区）' },
  cutoff_score: { title: '积分落户分数线', meaning: '积分落户中获批的最低分' },
  permit_holders: { title: '居住证持有人', meaning: '持有居住证的非户籍常住人口' },
  rent_to_income: { title: '租金收入比', meaning: '租房家庭月租金 / 家庭月收入（平均）' },
  price_to_income: { title: '房价收入比', meaning: '平均自有住房价格 / 家庭年收入' },
  mean_rent: { title: '平均租金', meaning: '已出租住房的平均月租金' },
  urban_village_share: { title: '城中村居住比例', meaning: '居住在城中村出租屋的常住人口 / 常住人口' },
  public_rental_occupants: { title: '公租房住户', meaning: '居住在公租房的常住人口' },
  public_rental_waitlist: { title: '公租房轮候家庭', meaning: '符合条件、等待公租房的家庭' },
  public_rental_rent_burden: { title: '公租房租金负担', meaning: '公租房住户的租金 / 收入' },
  migrant_school_access: { title: '随迁子女入学率', meaning: '在本市有学位的非户籍学龄儿童 / 全部非户籍学龄儿童' },
  left_behind_children: { title: '留守儿童', meaning: '留在原籍的常住人口学龄子女' },
  unemployment_rate: { title: '失业率', meaning: '失业人数 / 劳动力' },
  registry_coverage: { title: '住房登记覆盖率', meaning: '已在住房登记系统登记的常住人口 / 常住人口' },
  complaint_backlog: { title: '未解决问题积压', meaning: '已知（居民反映或网格发现）而仍在等待的问题：尚未解决、办结或放弃' },
  mean_response_days: { title: '平均响应天数', meaning: '问题从被知悉到解决的天数：按利特尔法则（平均积压 / 已知流入）计算的排队时间加处置时间' },
  problems_abandoned: { title: '放弃的问题', meaning: '本月居民放弃等待的已知问题' },
  problems_closed_unresolved: { title: '未解决即办结', meaning: '本月已派单但未解决即办结的问题' },
  complaint_utilisation: { title: '处置负荷率', meaning: '近12个月已知问题流入 / 有效派单能力；大于等于1时积压持续增长' },
  satisfaction: { title: '居民满意度', meaning: '居民平均满意度（0–1）' },
  fiscal_cost_gov: { title: '政府承担的市民化成本', meaning: '本月由政府支付的市民化成本' },
  fiscal_cost_employers: { title: '企业承担的市民化成本', meaning: '本月由企业支付的市民化成本' },
  fiscal_cost_persons: { title: '个人承担的市民化成本', meaning: '本月由新市民本人支付的市民化成本' },
  public_rental_grants: { title: '公租房财政投入' },
  public_rental_loans: { title: '公租房融资贷款' },
  land_tickets_mu: { title: '地票面积（亩）', meaning: '本月复垦并作为地票交易的宅基地' },
  land_ticket_payments: { title: '地票收益', meaning: '本月支付给落户农户的地票补偿' },
  zone_population: { title: '各功能区常住人口', meaning: '居住在该功能区的常住人口' },
  zone_density: { title: '功能区人口密度', meaning: '每平方公里常住人口' },
  zone_jobs: { title: '功能区就业岗位', meaning: '位于该功能区的岗位（含空缺）' },
  income_gini_hukou: { title: '户籍人口收入基尼系数' },
  income_gini_nonhukou: { title: '非户籍人口收入基尼系数' },
};

/** Title of an indicator in Chinese (undefined in English: the chart's own title is used). */
export function indicatorTitle(lang: Lang, name: string): string | undefined {
  return lang === 'zh' ? INDICATORS_ZH[name]?.title : undefined;
}

/** Indicator title for cards: Chinese from the table, English humanised. */
export function indicatorName(lang: Lang, name: string): string {
  return (lang === 'zh' ? INDICATORS_ZH[name]?.title : undefined) ?? humanizeKey(name);
}

/** Indicator meaning in `lang`, falling back to the English definition. */
export function indicatorMeaning(lang: Lang, name: string, english: string): string {
  return (lang === 'zh' ? INDICATORS_ZH[name]?.meaning : undefined) ?? english;
}

/** Chart titles in Chinese for the explorer's charts (English: the charts' own titles). */
export const CHART_TITLES_ZH: Record<string, string> = {
  'zones-zone_population': '各功能区常住人口',
  'stacked-hukou': '按户籍状况划分的常住人口',
  'cutoff-applicants': '落户申请人数与积分分数线',
  'cost-by-payer': '市民化成本分担（累计）',
  'arrivals-departures': '每年迁入与迁出人口',
  'rent-to-income-by-zone': '各功能区租金收入比',
  'rent-to-income-by-zone-market_rental': '各功能区租金收入比：市场租赁住房',
  'rent-to-income-by-zone-urban_village': '各功能区租金收入比：城中村出租屋',
  'rent-to-income-by-zone-public_rental': '各功能区租金收入比：公租房',
  'rent-to-income-by-zone-dormitory': '各功能区租金收入比：单位宿舍',
  /** cutoff-applicants when no points cut-off is recorded (the chart then shows applicants and grants). */
  'applicants-grants': '每年落户申请与批准人数',
};

/** A problem found in a URL or a typed value, ready to show. */
export interface Problem {
  code: 'clamped' | 'refused' | 'unknown-lever' | 'unknown-city' | 'unknown-scenario' | 'bad-value';
  key: string;
  raw?: string;
  value?: string;
  min?: number;
  max?: number;
}

/** The message of a problem in `lang`. Every part from the URL is shown as text, never as markup. */
export function problemText(lang: Lang, p: Problem): string {
  const range = p.min !== undefined && p.max !== undefined ? `${p.min} – ${p.max}` : '';
  if (lang === 'zh') {
    switch (p.code) {
      case 'clamped':
        return `链接中的 ${p.key} = “${p.raw}” 超出范围 ${range}，已调整为 ${p.value}。`;
      case 'refused':
        return `链接中的 ${p.key} = “${p.raw}” 不是有效取值（范围 ${range || '—'}），已忽略，使用默认值 ${p.value}。`;
      case 'unknown-lever':
        return `链接中的 ${p.key} 不是此情景的杠杆，已忽略。`;
      case 'unknown-city':
        return `链接中的城市 “${p.raw}” 不存在，已改用 ${p.value}。`;
      case 'unknown-scenario':
        return `链接中的情景 “${p.raw}” 不属于此城市，已改用 ${p.value}。`;
      default:
        return `链接中的 ${p.key} = “${p.raw}” 无效，已忽略。`;
    }
  }
  switch (p.code) {
    case 'clamped':
      return `${p.key} = "${p.raw}" in the link is outside ${range}; set to ${p.value}.`;
    case 'refused':
      return `${p.key} = "${p.raw}" in the link is not a valid value${range ? ` (range ${range})` : ''}; ignored, kept ${p.value}.`;
    case 'unknown-lever':
      return `${p.key} in the link is not a lever of this scenario; ignored.`;
    case 'unknown-city':
      return `The city "${p.raw}" in the link does not exist; showing ${p.value}.`;
    case 'unknown-scenario':
      return `The scenario "${p.raw}" in the link is not one of this city's; showing ${p.value}.`;
    default:
      return `${p.key} = "${p.raw}" in the link is not valid; ignored.`;
  }
}
