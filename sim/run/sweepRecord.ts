/**
 * What a sweep output folder records about its sweep (sweep.json), shared by
 * the sweep runner (sweep.ts), the merge (merge.ts), the summary
 * (sweepSummary.ts) and the sweep charts (viz/publish/sweep.ts): a file of
 * its own so that none of these imports another only for its types.
 */
import type { ParamValue, SweepFile } from '../scenario/sweepFile.ts';

/** A parameter value of a design point (defined with the sweep file, sim/scenario/sweepFile.ts). */
export type { ParamValue };

/** What sweep.json holds (read back by merge, --resume and the charts). */
export interface SweepRecord {
  megasim_version: string;
  hash: string;
  id: string;
  title: string;
  /** The sweep file as validated. */
  sweep: SweepFile;
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
