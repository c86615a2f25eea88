/**
 * What a sweep output folder records about its sweep (sweep.json), shared by
 * the sweep runner (sweep.ts), the merge (merge.ts), the summary
 * (sweepSummary.ts) and the sweep charts (viz/publish/sweep.ts), and how a
 * parameter value is written in CSV files. A file of its own so that none of
 * these imports another only for its types.
 */
import { formatNumber } from '../engine/format.ts';
import { csvField } from './simulate.ts';

/** A parameter value of a design point. */
export type ParamValue = number | string | boolean;

/** A parameter value as written in results.csv and summary.csv. */
export const fmtParam = (v: ParamValue): string => (typeof v === 'number' ? formatNumber(v) : typeof v === 'boolean' ? String(v) : csvField(v));

/** What sweep.json holds (read back by merge, --resume and the charts). */
export interface SweepRecord {
  megasim_version: string;
  hash: string;
  id: string;
  title: string;
  /** The sweep file as validated (the reader's SweepFile), kept as written. */
  sweep: Record<string, unknown>;
  scenario: { id: string; title: string; sha256: string; resolved: Record<string, unknown> };
  parameters: { path: string; label: string }[];
  points: ParamValue[][];
  seeds: number[];
  months: number;
  sample: number;
  report_months: number[];
  indicators: string[];
  runs: number;
  header: string;
}
