/** CSV cells of the outputs (indicators.csv, comparison.csv, differences.csv, results.csv, summary.csv). Browser-safe. */
import { formatNumber } from '../engine/format.ts';

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A sweep parameter's value as a CSV cell: numbers in the outputs' fixed format, text quoted when needed. */
export function fmtParam(v: number | string | boolean): string {
  return typeof v === 'number' ? formatNumber(v) : typeof v === 'boolean' ? String(v) : csvField(v);
}
