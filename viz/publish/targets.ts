/**
 * The targets table of a run or a comparison: which targets apply (an
 * explicit targets file, or the targets files found for the scenario in
 * scenarios/targets/), the model against each (sim/run/targets.ts),
 * targets.csv, and the rows the report shows.
 */
import { join } from 'node:path';
import { sha256 } from '../../sim/engine/digest.ts';
import { writeAtomic } from '../../sim/run/files.ts';
import { evaluateTargets, targetsCsv, TARGETS_HEADER, type Rows, type TargetRow } from '../../sim/run/targets.ts';
import { loadTargetsFile, targetsFor, type LoadedTargets } from '../../sim/scenario/targetsFile.ts';
import type { Target } from '../../sim/scenario/targets.ts';
import type { Scenario } from '../../sim/scenario/schema.ts';
import type { ReportTargetRow } from '../report.ts';

/** The targets that apply: those of `explicit` files, else those found beside the scenario's files. */
export function applicableTargets(files: readonly string[], explicit: readonly string[] = []): { targets: Target[]; from: LoadedTargets[] } {
  const from = explicit.length > 0 ? explicit.map(loadTargetsFile) : targetsFor(files);
  return { targets: from.flatMap((t) => t.def.targets), from };
}

export interface TargetTable {
  rows: { scenario: string; rows: TargetRow[] }[];
  csv: string;
}

export function targetTable(targets: readonly Target[], members: readonly { scenario: Scenario; reps: readonly Rows[]; months: number }[]): TargetTable {
  const rows = members.map((m) => ({ scenario: m.scenario.id, rows: evaluateTargets(targets, m.scenario.start, m.scenario.city.zones.map((z) => z.id), m.reps, m.months) }));
  return { rows, csv: TARGETS_HEADER + rows.map((r) => targetsCsv(r.scenario, r.rows)).join('') };
}

export function reportRows(t: TargetTable): ReportTargetRow[] {
  return t.rows.flatMap((s) =>
    s.rows.map((r) => ({
      scenario: s.scenario,
      name: r.name,
      indicator: r.target.indicator,
      zone: r.target.zone,
      when: r.target.date ?? `${r.target.window![0]}..${r.target.window![1]}`,
      role: r.target.role ?? '',
      asks: r.asks,
      mean: r.mean,
      q05: r.q05,
      q95: r.q95,
      met: r.met,
      why: r.why,
      source: r.target.source,
    })),
  );
}

/** Writes targets.csv into `dir` when there are targets; returns its digest entry. */
export function writeTargetsCsv(dir: string, t: TargetTable): Record<string, string> {
  if (t.rows.every((r) => r.rows.length === 0)) return {};
  writeAtomic(join(dir, 'targets.csv'), t.csv);
  return { 'targets.csv': sha256(t.csv) };
}
