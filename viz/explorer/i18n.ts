/**
 * The explorer's words in English and 中文: interface text, block titles,
 * enum choices, indicator and chart titles. Lever labels and explanations
 * have one home, the schema's meta (`label`, `label_zh`, `doc`, `doc_zh`,
 * declared with each policy's and the city's parameters), falling back to the
 * field name; an indicator's meaning falls back to its English definition in
 * sim/model/observe/indicators.ts.
 */
import type { Lever } from './levers.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { UNITS_ZH } from '../../sim/model/params.ts';

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
    downloadJson: 'Download results (JSON)',
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
    downloadJson: '下载结果（JSON）',
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
  'city.migration': { en: 'Migration', zh: '人口迁移' },
  'city.hukou_value': { en: 'Hukou value', zh: '户籍价值' },
};

/** The explanation of a lever in `lang`: the schema's `doc_zh` / `doc` (or description), the lever's one home. */
export function leverDoc(lang: Lang, l: Pick<Lever, 'doc' | 'doc_zh'>): string | undefined {
  // In 中文 a field the schema explains only in English says so, in Chinese (the English text is one language switch away).
  if (lang === 'zh') return l.doc_zh ?? (l.doc !== undefined ? '此参数在模式中只有英文说明，请切换到英文查看。' : undefined);
  return l.doc;
}

/**
 * Words of the model's own item names (education levels, sim/model/enums.ts)
 * where they name list items, record entries or choices. A policy's words
 * (its nested blocks, its enums' choices) are in its schema meta (`label`,
 * `label_zh`, `choices`), never here.
 */
const OPTIONS: Record<string, { en: string; zh: string }> = {
  none: { en: 'none', zh: '无' },
  primary: { en: 'primary', zh: '小学' },
  junior: { en: 'junior secondary', zh: '初中' },
  senior: { en: 'senior secondary', zh: '高中/中专' },
  college: { en: 'junior college', zh: '大专' },
  bachelor: { en: 'bachelor', zh: '本科' },
  master: { en: 'master', zh: '硕士' },
  doctorate: { en: 'doctorate', zh: '博士' },
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
export function leverLabel(lang: Lang, l: Pick<Lever, 'field' | 'label' | 'label_zh' | 'item'> & Partial<Pick<Lever, 'parents' | 'parentLabels'>>): string {
  let s: string;
  if (lang === 'zh') s = l.label_zh ?? l.label ?? humanizeKey(l.field);
  else s = l.label ?? humanizeKey(l.field);
  const blocks = (l.parents ?? []).map((p, i) => {
    const w = l.parentLabels?.[i];
    return (lang === 'zh' ? w?.label_zh ?? w?.label : w?.label) ?? optionLabel(lang, p);
  });
  const within = [...blocks, ...(l.item !== undefined ? [optionLabel(lang, l.item)] : [])];
  if (within.length > 0) s = `${s} (${within.join(' › ')})`;
  return s;
}

/** Label of an enum choice (or an item id) in `lang`: the field's meta `choices`, the model's words, else the value itself. */
export function optionLabel(lang: Lang, v: string, choices?: Record<string, { label: string; label_zh: string }>): string {
  const c = choices?.[v];
  if (c) return lang === 'zh' ? c.label_zh : c.label;
  return OPTIONS[v]?.[lang] ?? v;
}

/** Title of a lever group: policy title from the registry, city block, or zone name. */
export function groupTitle(lang: Lang, group: string, policy: { title: string; title_zh: string } | null, zoneName?: string): string {
  if (policy) return lang === 'zh' ? policy.title_zh : policy.title;
  if (group.startsWith('city.zones.')) return `${BLOCKS['city.zones']![lang]}: ${zoneName ?? group.slice('city.zones.'.length)}`;
  return BLOCKS[group]?.[lang] ?? humanizeKey(group.replace(/^city\./, ''));
}

/** Title of an indicator in Chinese, from its declaration (sim/model/observe/indicators.ts `title_zh`); undefined in English: the chart's own title is used. */
export function indicatorTitle(lang: Lang, name: string): string | undefined {
  return lang === 'zh' ? INDICATOR_BY_NAME.get(name)?.title_zh : undefined;
}

/** Indicator title for cards: its declared Chinese title, English humanised. */
export function indicatorName(lang: Lang, name: string): string {
  return indicatorTitle(lang, name) ?? humanizeKey(name);
}

/** Indicator meaning in `lang` (its declared `meaning_zh`), falling back to the English definition. */
export function indicatorMeaning(lang: Lang, name: string, english: string): string {
  return (lang === 'zh' ? INDICATOR_BY_NAME.get(name)?.meaning_zh : undefined) ?? english;
}

/** Chart titles in Chinese for the explorer's charts (English: the charts' own titles). */
export const CHART_TITLES_ZH: Record<string, string> = {
  'zones-zone_population': '各功能区常住人口',
  'stacked-hukou': '按户籍状况划分的常住人口',
  'cutoff-applicants': '落户申请人数与积分分数线',
  'cost-by-payer': '市民化成本分担（累计）',
  'arrivals-departures': '每年迁入与迁出人口',
  'rent-to-income-by-zone': '各功能区租金收入比',
  /** cutoff-applicants when no cut-off score is recorded (the chart then shows applicants and grants). */
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
