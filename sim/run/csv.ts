/** CSV cells of the outputs (indicators.csv, comparison.csv, differences.csv, results.csv, summary.csv). Browser-safe. */
import { formatNumber } from '../engine/format.ts';

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(s: string): string {
  // A text cell starting with = + - @ (or a tab or CR) is read by spreadsheets as a formula: prefix a quote (OWASP, "CSV injection").
  // Ids (scenario, zone, indicator) start with a letter or digit, so no shipped output changes.
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** A sweep parameter's value as a CSV cell: numbers in the outputs' fixed format, text quoted when needed. */
export function fmtParam(v: number | string | boolean): string {
  return typeof v === 'number' ? formatNumber(v) : typeof v === 'boolean' ? String(v) : csvField(v);
}
