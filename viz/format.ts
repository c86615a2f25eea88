/**
 * Fixed, locale-free number and calendar formatting for charts and reports.
 * Everything here is built on `toPrecision`, which ECMAScript specifies
 * exactly, so the same value gives the same text in Node and every browser.
 *
 * @example formatCompact(1234567)        // "1.23M"
 * @example formatValue(3.2e9, 'yuan')     // "¥3.2bn"
 * @example formatValue(0.4567, 'share')   // "45.7%"
 * @example monthLabel('2010-07', 7)       // "2011-02"
 */
import type { IndicatorDef } from './types.ts';

type Unit = IndicatorDef['unit'];

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

/** Compact count: 950 → "950", 30000 → "30k", 1.2e6 → "1.2M", 3.4e9 → "3.4bn". */
export function formatCompact(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return formatSignificant(x, digits);
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

/** Unit words shown on axes: every label contains the indicator's unit. */
export function unitLabel(unit: Unit): string {
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

/** Tick-style value: "45%", "¥1.2bn", "1.2M", "0.35". */
export function formatValue(x: number, unit: Unit, digits = 3): string {
  switch (unit) {
    case 'share':
      return formatSignificant(x * 100, digits) + '%';
    case 'yuan':
    case 'yuan/month':
      return (x < 0 ? '−¥' : '¥') + formatCompact(Math.abs(x), digits);
    case 'ratio':
    case 'points':
    case 'score':
    case 'days':
      return formatSignificant(x, digits);
    default:
      return formatCompact(x, digits);
  }
}

/** Value with its unit for tooltips and tables: "1.23M persons", "¥3.2bn", "45.7%". */
export function formatWithUnit(x: number, unit: Unit, digits = 3): string {
  const v = formatValue(x, unit, digits);
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

/** Signed difference: shares in percentage points ("+2.3 pp"), others as values ("−¥1.2bn"). */
export function formatDifference(x: number, unit: Unit, digits = 3): string {
  if (!Number.isFinite(x)) return '–';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  const a = Math.abs(x);
  if (unit === 'share') return `${sign}${formatSignificant(a * 100, digits)} pp`;
  return sign + formatWithUnit(a, unit, digits);
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
