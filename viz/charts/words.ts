/**
 * The charts' own words in English and 中文: captions, notes, legend keys,
 * axis titles, tooltips and fallback titles. A chart reads them with
 * `wordsOf(meta)` (ChartMeta.lang, default English), so the report and the
 * chart files (English) draw exactly what they drew before, and the
 * explorer in 中文 draws no English text apart from indicator codes and
 * names from the input files. Numbers and units go through viz/format.ts
 * with the same locale (万/亿 in 中文).
 */
import type { ChartMeta } from '../types.ts';
import type { Locale } from '../format.ts';
import { humanize } from '../format.ts';

export interface ChartWords {
  locale: Locale;
  sources: (list: string) => string;
  noData: string;
  none: string;
  cityWide: string;
  /** "Lines: mean of 20 runs …" / "Lines: a single run (no band)." */
  bandNote: (n: number, what: 'lines' | 'areas' | 'bars') => string;
  eachPanel: string;
  /** An indicator's title when the chart makes it up ("Hukou share"). */
  indicatorTitle: (meta: ChartMeta, name: string) => string;
  meaning: (meta: ChartMeta, name: string, english: string) => string;
  byZone: (title: string) => string;
  byZoneAt: (title: string, month: string) => string;
  perYear: (unit: string) => string;
  // stacked hukou
  hukouTitle: string;
  hukouSubtitle: string;
  localHukou: string;
  nonHukou: string;
  areasNote: (n: number) => string;
  hukouTip: (scenario: string, from: string, to: string) => string;
  nonHukouTip: (scenario: string, from: string, to: string) => string;
  hukouPointTip: (scenario: string, month: string, total: string, hukou: string, share: string, non: string) => string;
  // settlement rounds
  applicants: string;
  grantedHukou: string;
  cutoffTitle: string;
  grantsTitle: string;
  cutoffSubtitle: (granted: boolean) => string;
  grantsSubtitle: (granted: boolean) => string;
  yearlyBarsNote: (cutoff: boolean) => string;
  cutoffAxis: (unit: string) => string;
  appliedTip: (scenario: string, year: number, v: string) => string;
  allGranted: string;
  allGrantedSubtitle: string;
  allGrantedTip: string;
  headsNote: string;
  grantedTip: (scenario: string, year: number, v: string, pct: string | null) => string;
  cutoffTip: (scenario: string, year: number, v: string, band: string) => string;
  band: (lo: string, hi: string, n?: number) => string;
  // cost by payer
  payer: (indicator: string, english: string) => string;
  costTitle: (cumulative: boolean) => string;
  costSubtitle: string;
  costNote: (yearly: boolean) => string;
  wholeRun: string;
  // migration
  migrationTitle: string;
  migrationSubtitle: string;
  arrivals: string;
  departures: string;
  migrationNote: string;
  arrivedTip: (scenario: string, year: number, v: string) => string;
  leftTip: (scenario: string, year: number, v: string) => string;
  netTip: (scenario: string, year: number, v: string) => string;
  // rent by zone
  rentNote: (n: number) => string;
  // population pyramid
  pyramidTitle: (month: string | null) => string;
  pyramidSubtitle: string;
  pyramidNote: string;
  perAgeBand: (unit: string) => string;
  men: string;
  women: string;
  pyramidTip: (scenario: string, male: boolean, band: string, hukou: boolean, v: string) => string;
  // sweeps
  effectTitle: (parameter: string) => string;
  sweepRuns: (title: string, n: number) => string;
  tornadoTitle: (indicator: string) => string;
  risesWith: string;
  fallsWith: string;
  sweepNote: (seeds: number, others: boolean, monthLabel: string, month: number, flows: boolean) => string;
  tornadoNote: (indicator: string, monthLabel: string, flow: boolean) => string;
}

const EN: ChartWords = {
  locale: 'en',
  sources: (list) => `Sources: ${list}`,
  noData: 'No data',
  none: 'none in this scenario',
  cityWide: 'City-wide',
  bandNote: (n, what) => {
    const w = what === 'lines' ? 'Lines' : what === 'areas' ? 'Areas' : 'Bars';
    return n > 1 ? `${w}: mean of ${n} runs (seeds or replications); shaded bands: 5–95% range across runs.` : `${w}: a single run (no band).`;
  },
  eachPanel: ' Each panel has its own scale.',
  indicatorTitle: (_m, name) => humanize(name),
  meaning: (_m, _n, english) => english,
  byZone: (title) => `${title} by zone`,
  byZoneAt: (title, month) => `${title} by zone, ${month}`,
  perYear: (unit) => `${unit} per year`,
  hukouTitle: 'Residents by hukou status',
  hukouSubtitle: 'Local-hukou residents (dark) and non-hukou residents = residents − hukou_residents (light)',
  localHukou: 'local hukou',
  nonHukou: 'non-hukou',
  areasNote: (n) => (n > 1 ? `Areas: mean of ${n} replications.` : 'Areas: a single run.'),
  hukouTip: (s, a, b) => `${s} — local-hukou residents: ${a} → ${b}`,
  nonHukouTip: (s, a, b) => `${s} — non-hukou residents: ${a} → ${b}`,
  hukouPointTip: (s, m, total, hukou, share, non) => `${s} — ${m}: residents ${total}, local hukou ${hukou} (${share}), non-hukou ${non}`,
  applicants: 'applicants',
  grantedHukou: 'granted hukou',
  cutoffTitle: 'Settlement applicants and points cut-off score',
  grantsTitle: 'Settlement applicants and grants per year',
  cutoffSubtitle: (g) => `Per calendar year: applicants${g ? ' and grants' : ''} (bars, left axis); lowest score granted (line, right axis)`,
  grantsSubtitle: (g) => `Persons applying for local hukou${g ? ' (pale) and persons granted it (dark)' : ''}, per calendar year`,
  yearlyBarsNote: (c) => `Bars: yearly totals of the mean over runs (whole calendar years only)${c ? '; line: cut-off of the last round in each year (mean)' : ''}.`,
  cutoffAxis: (unit) => `cut-off score (${unit})`,
  appliedTip: (s, y, v) => `${s} — ${y}: ${v} applied`,
  allGranted: 'applicants, every one granted',
  allGrantedSubtitle: 'Persons applying for local hukou per calendar year: every applicant was granted it (the rule has no quota)',
  allGrantedTip: ', every one granted',
  headsNote: 'Applicants and grants count the persons who apply (heads). The family members who follow a granted applicant get hukou too: they are counted in Settlements, which is therefore larger.',
  grantedTip: (s, y, v, pct) => `${s} — ${y}: ${v} granted hukou${pct !== null ? ` (${pct}% of applicants)` : ''}`,
  cutoffTip: (s, y, v, band) => `${s} — ${y}: cut-off ${v}${band}`,
  band: (lo, hi, n) => ` (5–95%: ${lo} to ${hi}${n !== undefined ? `, n = ${n}` : ''})`,
  payer: (_i, english) => english,
  costTitle: (c) => `Citizenisation cost by payer${c ? ', cumulative' : ', per year'}`,
  costSubtitle: 'Cost of making migrants local citizens, split between government, employers and the new citizens',
  costNote: (y) => `Bars: sums of the mean over runs${y ? ' per whole calendar year' : ' over the whole run'}; darkest = government, lightest = persons.`,
  wholeRun: 'whole run',
  migrationTitle: 'Arrivals and departures per year',
  migrationSubtitle: 'Migrants arriving (up, solid) and leaving for the hinterland (down, pale); ◆ = net migration',
  arrivals: 'arrivals',
  departures: 'departures',
  migrationNote: 'Bars: yearly totals of the mean over runs (whole calendar years only).',
  arrivedTip: (s, y, v) => `${s} — ${y}: ${v} arrived`,
  leftTip: (s, y, v) => `${s} — ${y}: ${v} left`,
  netTip: (s, y, v) => `${s} — ${y}: net ${v}`,
  rentNote: (n) => (n > 1 ? `Bars: mean of ${n} replications; whiskers: 5–95% range across replications.` : 'Bars: a single run.'),
  pyramidTitle: (m) => `Population pyramid by hukou status${m ? `, ${m}` : ''}`,
  pyramidSubtitle: 'Residents by five-year age band: men left, women right; local hukou (dark) inside, non-hukou (light) outside',
  pyramidNote: 'Bars: persons in real-world numbers (agents scaled by the sample), mean over replications where several.',
  perAgeBand: (unit) => `${unit} per age band`,
  men: 'men',
  women: 'women',
  pyramidTip: (s, male, band, hukou, v) => `${s} — ${male ? 'men' : 'women'} ${band}: ${hukou ? 'local hukou' : 'non-hukou'} ${v}`,
  effectTitle: (p) => `Effect of ${p}`,
  sweepRuns: (t, n) => `${t} — ${n} runs`,
  tornadoTitle: (i) => `Sensitivity of ${i}`,
  risesWith: 'rises with the parameter',
  fallsWith: 'falls with the parameter',
  sweepNote: (seeds, others, ml, m, flows) =>
    `Lines: mean over runs; bands: 5–95% across ${seeds} seed${seeds === 1 ? '' : 's'}${others ? ' and the other parameters’ values' : ''}, at ${ml} (month ${m}).${flows ? ' Flows are totals since the previous reported month.' : ''}`,
  tornadoNote: (i, ml, flow) =>
    `Bars: mean of ${i} over runs with the parameter at its lowest value (or lowest eighth of runs) to its mean at its highest, at ${ml}; largest effect first. Dashed line: mean over all runs.${flow ? ' A flow: total since the previous reported month.' : ''}`,
};

const PAYERS_ZH: Record<string, string> = { fiscal_cost_gov: '政府', fiscal_cost_employers: '企业', fiscal_cost_persons: '个人' };

const ZH: ChartWords = {
  locale: 'zh',
  sources: (list) => `来源：${list}`,
  noData: '无数据',
  none: '本情景中没有',
  cityWide: '全市',
  bandNote: (n, what) => {
    const w = what === 'lines' ? '线' : what === 'areas' ? '面积' : '柱';
    return n > 1 ? `${w}：${n} 次运行（随机种子或重复）的均值；阴影带：各次运行的 5–95% 区间。` : `${w}：单次运行（无区间带）。`;
  },
  eachPanel: '各小图纵轴刻度不同。',
  indicatorTitle: (m, name) => m.indicators.find((d) => d.name === name)?.title_zh ?? name,
  meaning: (m, name, english) => m.indicators.find((d) => d.name === name)?.meaning_zh ?? english,
  byZone: (title) => `各功能区${title}`,
  byZoneAt: (title, month) => `各功能区${title}（${month}）`,
  perYear: (unit) => `${unit}/年`,
  hukouTitle: '按户籍状况划分的常住人口',
  hukouSubtitle: '本地户籍常住人口（深色）与非户籍常住人口 = 常住人口 − 户籍人口（浅色）',
  localHukou: '本地户籍',
  nonHukou: '非户籍',
  areasNote: (n) => (n > 1 ? `面积：${n} 次重复的均值。` : '面积：单次运行。'),
  hukouTip: (s, a, b) => `${s} — 本地户籍常住人口：${a} → ${b}`,
  nonHukouTip: (s, a, b) => `${s} — 非户籍常住人口：${a} → ${b}`,
  hukouPointTip: (s, m, total, hukou, share, non) => `${s} — ${m}：常住人口 ${total}，本地户籍 ${hukou}（${share}），非户籍 ${non}`,
  applicants: '申请人',
  grantedHukou: '获批落户',
  cutoffTitle: '落户申请人数与积分分数线',
  grantsTitle: '每年落户申请与批准人数',
  cutoffSubtitle: (g) => `按自然年：申请人数${g ? '与获批人数' : ''}（柱，左轴）；获批最低分（线，右轴）`,
  grantsSubtitle: (g) => `申请本地户籍的人数${g ? '（浅色）与获批人数（深色）' : ''}，按自然年`,
  yearlyBarsNote: (c) => `柱：各次运行均值的年度合计（仅完整自然年）${c ? '；线：每年最后一轮的分数线（均值）' : ''}。`,
  cutoffAxis: (unit) => `分数线（${unit}）`,
  appliedTip: (s, y, v) => `${s} — ${y} 年：${v}申请`,
  allGranted: '申请人（全部获批）',
  allGrantedSubtitle: '每年申请本地户籍的人数：申请人全部获批（该规则无指标限制）',
  allGrantedTip: '，全部获批',
  headsNote: '申请与获批人数按申请人本人计。获批申请人的随迁家属同样获得户籍，计入落户人数，因此落户人数更大。',
  grantedTip: (s, y, v, pct) => `${s} — ${y} 年：${v}获批落户${pct !== null ? `（占申请人 ${pct}%）` : ''}`,
  cutoffTip: (s, y, v, band) => `${s} — ${y} 年：分数线 ${v}${band}`,
  band: (lo, hi, n) => `（5–95%：${lo} 至 ${hi}${n !== undefined ? `，n = ${n}` : ''}）`,
  payer: (indicator, english) => PAYERS_ZH[indicator] ?? english,
  costTitle: (c) => `市民化成本分担${c ? '（累计）' : '（每年）'}`,
  costSubtitle: '农业转移人口市民化的成本，由政府、企业和新市民个人分担',
  costNote: (y) => `柱：各次运行均值之和${y ? '（按完整自然年）' : '（全期）'}；最深 = 政府，最浅 = 个人。`,
  wholeRun: '全期',
  migrationTitle: '每年迁入与迁出人口',
  migrationSubtitle: '迁入的流动人口（向上，实色）与返回原籍的流动人口（向下，浅色）；◆ = 净迁移',
  arrivals: '迁入',
  departures: '迁出',
  migrationNote: '柱：各次运行均值的年度合计（仅完整自然年）。',
  arrivedTip: (s, y, v) => `${s} — ${y} 年：迁入 ${v}`,
  leftTip: (s, y, v) => `${s} — ${y} 年：迁出 ${v}`,
  netTip: (s, y, v) => `${s} — ${y} 年：净迁移 ${v}`,
  rentNote: (n) => (n > 1 ? `柱：${n} 次重复的均值；须线：各次重复的 5–95% 区间。` : '柱：单次运行。'),
  pyramidTitle: (m) => `按户籍状况划分的人口金字塔${m ? `（${m}）` : ''}`,
  pyramidSubtitle: '按五岁年龄组的常住人口：左为男性，右为女性；内侧深色为本地户籍，外侧浅色为非户籍',
  pyramidNote: '柱：按现实人数计（智能体按抽样比例放大），多次重复时取均值。',
  perAgeBand: (unit) => `每个年龄组的${unit}`,
  men: '男',
  women: '女',
  pyramidTip: (s, male, band, hukou, v) => `${s} — ${male ? '男性' : '女性'} ${band} 岁：${hukou ? '本地户籍' : '非户籍'} ${v}`,
  effectTitle: (p) => `${p}的影响`,
  sweepRuns: (t, n) => `${t} — ${n} 次运行`,
  tornadoTitle: (i) => `${i}对各参数的敏感性`,
  risesWith: '随参数上升',
  fallsWith: '随参数下降',
  sweepNote: (seeds, others, ml, m, flows) =>
    `线：各次运行的均值；阴影带：${seeds} 个随机种子${others ? '及其他参数取值' : ''}之间的 5–95% 区间，取 ${ml}（第 ${m} 月）的值。${flows ? '流量为自上一个报告月以来的合计。' : ''}`,
  tornadoNote: (i, ml, flow) =>
    `柱：参数取最低值（或最低八分之一的运行）到取最高值时，${i}的均值，取 ${ml} 的值；效应最大的在上。虚线：全部运行的均值。${flow ? '流量为自上一个报告月以来的合计。' : ''}`,
};

/** The words of a chart drawn with `meta` (English unless `meta.lang` is 'zh'). */
export function wordsOf(meta: Pick<ChartMeta, 'lang'>): ChartWords {
  return meta.lang === 'zh' ? ZH : EN;
}
