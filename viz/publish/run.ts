/**
 * charts/*.svg and report.html of a single `megasim run` (statistics across
 * its replications; the pyramid of replication 0), then manifest.json again
 * with the digests of these files added. The run folder's data files are
 * written first by sim/run/runScenario.ts.
 */
import { basename, join } from 'node:path';
import type { Loaded } from '../../sim/scenario/load.ts';
import { sha256 } from '../../sim/engine/digest.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import type { Manifest, RunOutput, RunSettings } from '../../sim/run/runScenario.ts';
import { statRows } from '../../sim/run/stats.ts';
import { writeAtomic } from '../../sim/run/files.ts';
import { renderReport } from '../report.ts';
import type { PyramidInput } from '../types.ts';
import { chartMeta, renderCharts, scenarioInfo, svgFileText } from './charts.ts';
import { renderZoneMaps } from './maps.ts';
import { applicableTargets, reportRows, targetTable, type TargetTable } from './targets.ts';
import type { Target } from '../../sim/scenario/targets.ts';
import { explain } from './explain.ts';
import { readableSource } from './sources.ts';

/** Writes charts/, targets.csv, report.html and the manifest with their digests into the run folder `dir`; returns the targets table. */
export function writeRunCharts(dir: string, l: Loaded, st: RunSettings, out: RunOutput, manifest: Manifest, targetFiles: readonly string[] = []): TargetTable {
  const r = renderRunCharts(l, st, out, manifest, targetFiles);
  for (const [rel, text] of r.files) writeAtomic(join(dir, rel), text);
  writeAtomic(join(dir, 'manifest.json'), JSON.stringify(r.manifest, null, 2) + '\n');
  return r.table;
}

/** The chart files, targets.csv and report.html of a run (path → text, charts first), the manifest with their digests and the targets table; writes nothing (`verify` redraws them to compare). */
export function renderRunCharts(l: Loaded, st: RunSettings, out: RunOutput, manifest: Manifest, targetFiles: readonly string[] = [], recorded?: readonly Target[]): { files: Map<string, string>; manifest: Manifest; table: TargetTable } {
  const sc = l.scenario;
  const zoneIds = sc.city.zones.map((z) => z.id);
  const stats = statRows([{ id: sc.id, zoneIds, replications: out.results.map((r) => r.rows) }]);
  const sources = [
    `Model inputs: ${sc.city.name}, ${sc.city.census_year} census, and the sources cited in ${basename(manifest.scenario.file)}`,
    `megasim ${ENGINE_VERSION} simulation: random seed ${st.seed}, ${st.replications === 1 ? '1 replication' : `${st.replications} replications`}, sample ${st.sample}`,
  ];
  const meta = chartMeta([sc], sources);
  const infos = [scenarioInfo(sc)];
  const pyramids: PyramidInput = out.summary.pyramid ? { [sc.id]: out.summary.pyramid } : {};
  const charts = renderCharts(stats, infos, meta, pyramids);
  const files = new Map<string, string>();
  const chartDigests: Record<string, string> = {};
  for (const c of charts) {
    const text = svgFileText(c.svg);
    files.set(`charts/${c.name}.svg`, text);
    chartDigests[`charts/${c.name}.svg`] = sha256(text);
  }
  // The targets are recorded in the manifest, so that `verify` redraws the same report from the folder alone.
  const targets = recorded ?? applicableTargets(l.files, targetFiles).targets;
  const table = targetTable(targets, [{ scenario: sc, reps: out.results.map((r) => r.rows), months: st.months }]);
  const targetDigests: Record<string, string> = {};
  if (!table.rows.every((r) => r.rows.length === 0)) {
    files.set('targets.csv', table.csv);
    targetDigests['targets.csv'] = sha256(table.csv);
  }
  const withCharts: Manifest = { ...manifest, outputs: { ...manifest.outputs, ...targetDigests, ...chartDigests }, ...(targets.length > 0 ? { targets: [...targets] } : {}) };
  const why = explain([sc], stats, [], [], targets.map((t) => ({ where: `targets: ${t.indicator}${t.date ? ` ${t.date}` : ''}`, text: t.source })));
  const html = renderReport({
    title: sc.title,
    question: sc.question,
    scenarios: infos,
    meta,
    differences: [],
    charts: charts.map((c) => ({ name: c.name, svg: c.svg })),
    manifest: withCharts,
    command: manifest.command,
    targets: reportRows(table).map((r) => ({ ...r, source: readableSource(r.source) })),
    zoneTable: why.zoneTable,
    lastMonth: st.months,
    sources: why.sources,
    maps: renderZoneMaps(stats, infos, meta, sc),
  });
  files.set('report.html', html);
  const final: Manifest = { ...withCharts, outputs: { ...withCharts.outputs, 'report.html': sha256(html) } };
  return { files, manifest: final, table };
}
