/**
 * Fixed, locale-free number and calendar formatting for charts and reports.
 * Everything here is built on `toPrecision`, which ECMAScript specifies
 * exactly, so the same value gives the same text in Node and every browser.
 *
 * @example formatCompact(1234567)        // "1.23M"
 * @example formatValue(3.2e9, 'yuan')     // "¥3.2bn"
 * @example formatValue(0.4567, 'share')   // "45.7%"
 * @example monthLabel('2010-07', 7)       // "2011-02"
 *
 * Every function that writes a number or a unit takes a locale last
 * (default 'en'): in 'zh' large numbers read in 万 and 亿 with thousands
 * separators and units are Chinese words.
 *
 * @example formatCompact(31e6, 3, 'zh')             // "3,100万"
 * @example formatWithUnit(31e6, 'persons', 3, 'zh') // "3,100万人"
 * @example formatValue(4.09e11, 'yuan', 3, 'zh')    // "¥4,090亿"
 */
import type { IndicatorDef } from './types.ts';

type Unit = IndicatorDef['unit'];

/** The languages numbers and units are written in. */
export type Locale = 'en' | 'zh';

/** `x` rounded to `digits` significant digits, written without exponent or trailing zeros. */
export function formatSignificant(x: number, digits = 3): string {
  if (Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const r = Number(x.toPrecision(digits));
  if (r === 0) return '0';
  const s = Math.abs(r) >= 1e21 || Math.abs(r) < 1e-6 ? r.toExponential() : String(r);
  return s.replace('-', '−');
}

const SUFFIXES: [number, string][] = [
  [1e9, 'bn'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Chinese scales: 万 (10⁴), 亿 (10⁸), 万亿 (10¹²). */
const SUFFIXES_ZH: [number, string][] = [
  [1e12, '万亿'],
  [1e8, '亿'],
  [1e4, '万'],
];

/** `s` (digits, "." and a leading "−") with thousands separators in its integer part: "3100" → "3,100". */
function grouped(s: string): string {
  const m = /^(−?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

/** Compact count: 950 → "950", 30000 → "30k", 1.2e6 → "1.2M", 3.4e9 → "3.4bn"; in 'zh': 3.1e7 → "3,100万", 4.09e11 → "4,090亿". */
export function formatCompact(x: number, digits = 3, locale: Locale = 'en'): string {
  if (!Number.isFinite(x)) return formatSignificant(x, digits);
  if (locale === 'zh') {
    const rounded = Number(x.toPrecision(digits));
    const a = Math.abs(rounded);
    for (const [scale, suffix] of SUFFIXES_ZH) {
      if (a >= scale) return grouped(formatSignificant(Number((rounded / scale).toPrecision(digits)), digits)) + suffix;
    }
    return grouped(formatSignificant(rounded, digits));
  }
  const rounded = Number(x.toPrecision(digits));
  const a = Math.abs(rounded);
  for (const [scale, suffix] of SUFFIXES) {
    if (a >= scale) {
      const v = Number((rounded / scale).toPrecision(digits));
      return formatSignificant(v, digits) + suffix;
    }
  }
  return formatSignificant(rounded, digits);
}

/** Unit words in Chinese (axes and values). */
const UNIT_ZH: Record<Unit, string> = {
  persons: '人',
  children: '名儿童',
  share: '比例（%）',
  ratio: '比值',
  points: '分',
  yuan: '元（¥）',
  'yuan/month': '元/月（¥）',
  mu: '亩',
  days: '天',
  problems: '件',
  'persons/km2': '人/平方公里',
  jobs: '个岗位',
  households: '户',
  score: '分',
};

/** Unit words shown on axes: every label contains the indicator's unit. */
export function unitLabel(unit: Unit, locale: Locale = 'en'): string {
  if (locale === 'zh') return UNIT_ZH[unit] ?? unit;
  switch (unit) {
    case 'share':
      return 'share (%)';
    case 'yuan':
      return 'yuan (¥)';
    case 'yuan/month':
      return 'yuan/month (¥)';
    case 'persons/km2':
      return 'persons/km2 (per km²)';
    default:
      return unit;
  }
}

/** Tick-style value: "45%", "¥1.2bn", "1.2M", "0.35" (zh: "¥12亿", "120万"). */
export function formatValue(x: number, unit: Unit, digits = 3, locale: Locale = 'en'): string {
  switch (unit) {
    case 'share':
      return formatSignificant(x * 100, digits) + '%';
    case 'yuan':
    case 'yuan/month':
      return (x < 0 ? '−¥' : '¥') + formatCompact(Math.abs(x), digits, locale);
    case 'ratio':
    case 'points':
    case 'score':
    case 'days':
      return formatSignificant(x, digits);
    default:
      return formatCompact(x, digits, locale);
  }
}

/** Chinese unit words written after a value ("3,100万人", "¥1,200/月"). */
const AFTER_ZH: Partial<Record<Unit, string>> = {
  persons: '人',
  children: '名儿童',
  points: '分',
  score: '分',
  'yuan/month': '/月',
  mu: '亩',
  days: '天',
  problems: '件',
  'persons/km2': '人/平方公里',
  jobs: '个岗位',
  households: '户',
};

/** Value with its unit for tooltips and tables: "1.23M persons", "¥3.2bn", "45.7%" (zh: "123万人", "¥32亿"). */
export function formatWithUnit(x: number, unit: Unit, digits = 3, locale: Locale = 'en'): string {
  const v = formatValue(x, unit, digits, locale);
  if (locale === 'zh') return v + (AFTER_ZH[unit] ?? '');
  switch (unit) {
    case 'share':
    case 'yuan':
    case 'ratio':
      return v;
    case 'yuan/month':
      return v + '/month';
    case 'persons/km2':
      return v + ' persons/km²';
    default:
      return `${v} ${unit}`;
  }
}

/** Signed difference: shares in percentage points ("+2.3 pp", zh "+2.3 个百分点"), others as values ("−¥1.2bn"). */
export function formatDifference(x: number, unit: Unit, digits = 3, locale: Locale = 'en'): string {
  if (!Number.isFinite(x)) return '–';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  const a = Math.abs(x);
  if (unit === 'share') return `${sign}${formatSignificant(a * 100, digits)}${locale === 'zh' ? ' 个百分点' : ' pp'}`;
  return sign + formatWithUnit(a, unit, digits, locale);
}

/** Parsed "YYYY-MM": calendar year and 0-based month of month 0. */
export interface Calendar {
  year: number;
  month0: number;
}

/** Parse "2010-07"; throws on anything else. */
export function parseStartMonth(startMonth: string): Calendar {
  const m = /^(\d{4})-(\d{2})$/.exec(startMonth);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`startMonth must be "YYYY-MM", got "${startMonth}"`);
  return { year: Number(m[1]), month0: Number(m[2]) - 1 };
}

/** Calendar year in which simulation month `m` falls. */
export function calendarYear(startMonth: string, m: number): number {
  const c = parseStartMonth(startMonth);
  return c.year + Math.floor((c.month0 + m) / 12);
}

/** Simulation month `m` as a decimal year at the start of that month (2010-07 → 2010.5). */
export function decimalYear(startMonth: string, m: number): number {
  const c = parseStartMonth(startMonth);
  return c.year + (c.month0 + m) / 12;
}

/** Simulation month `m` as "YYYY-MM". */
export function monthLabel(startMonth: string, m: number): string {
  const c = parseStartMonth(startMonth);
  const k = c.month0 + m;
  const y = c.year + Math.floor(k / 12);
  const mm = ((k % 12) + 12) % 12 + 1;
  return `${y}-${String(mm).padStart(2, '0')}`;
}

/** "hukou_share" → "Hukou share". */
export function humanize(name: string): string {
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
