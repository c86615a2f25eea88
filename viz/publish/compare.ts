/**
 * A comparison folder as `megasim compare` writes it: the data first
 * (sim/run/compare.ts: member run folders, comparison.csv, differences.csv),
 * then the standard charts of the statistics across seeds (the pyramid is the
 * mean over seeds), report.html, and manifest.json last.
 */
import { dirname, join, resolve } from 'node:path';
import { sha256 } from '../../sim/engine/digest.ts';
import { ENGINE_VERSION } from '../../sim/version.ts';
import { writeAtomic } from '../../sim/run/files.ts';
import { compareManifest, sortKeys, writeCompareData, type CompareManifest, type ComparePlan, type CompareResult } from '../../sim/run/compare.ts';
import { seedList } from '../../sim/scenario/seeds.ts';
import type { Pyramid } from '../../sim/run/summary.ts';
import { renderReport } from '../report.ts';
import { resultNotes } from './notes.ts';
import { chartMeta, headlineRows, meanPyramid, renderCharts, scenarioInfo, writeChartFiles } from './charts.ts';
import { renderZoneMaps } from './maps.ts';
import { applicableTargets, reportRows, targetTable, writeTargetsCsv } from './targets.ts';
import { explain } from './explain.ts';
import { readableSource } from './sources.ts';

/** Writes the comparison folder; manifest.json last. Returns the manifest. */
export async function writeCompare(plan: ComparePlan, res: CompareResult, dir = plan.out): Promise<CompareManifest> {
  const seeds = seedList(plan.seeds);
  const outputs = await writeCompareData(plan, res, dir);

  const scenarios = plan.members.map((m) => m.loaded.scenario);
  const first = scenarios[0]!;
  const sources = [
    ...(plan.source ? [readableSource(plan.source)] : []),
    `Model inputs: ${first.city.name}, ${first.city.census_year} census, and the sources the scenario files cite (listed in report.html)`,
    `megasim ${ENGINE_VERSION} simulation: ${seeds.length === 1 ? `random seed ${plan.seeds.from}` : `${seeds.length} random seeds (${plan.seeds.from}–${plan.seeds.to})`} per scenario, sample ${plan.sample}`,
  ];
  const meta = { ...chartMeta(scenarios, sources), headline: plan.headline };
  const infos = scenarios.map(scenarioInfo);
  const pyramids: Record<string, Pyramid> = {};
  plan.members.forEach((m, i) => {
    const p = meanPyramid(res.payloads[i]!.map((x) => x.pyramid));
    if (p) pyramids[m.loaded.scenario.id] = p;
  });
  const charts = renderCharts(res.stats, infos, meta, pyramids);
  Object.assign(outputs, writeChartFiles(dir, charts));

  const explicit = plan.comparison?.comparison.targets ? [resolve(dirname(plan.comparison.file), plan.comparison.comparison.targets)] : [];
  const { targets } = applicableTargets(plan.members[0]!.loaded.files, explicit);
  const table = targetTable(
    targets,
    plan.members.map((m, i) => ({ scenario: m.loaded.scenario, reps: res.payloads[i]!.map((x) => x.rows), months: plan.months })),
  );
  Object.assign(outputs, writeTargetsCsv(dir, table));
  const manifest = compareManifest(plan, outputs);
  const { rows, defs } = headlineRows(res.diffs, plan.headline, meta);
  const why = explain(scenarios, res.stats, res.diffs, plan.headline, [
    ...(plan.source ? [{ where: `${plan.id} (comparison)`, text: plan.source }] : []),
    ...targets.map((t) => ({ where: `targets: ${t.indicator}${t.date ? ` ${t.date}` : ''}`, text: t.source })),
  ]);
  const html = renderReport({
    title: plan.title,
    question: plan.question,
    scenarios: infos,
    meta: { ...meta, indicators: [...meta.indicators, ...defs] },
    differences: rows,
    charts,
    manifest,
    command: plan.command,
    intervalLabel: `95% interval (paired by seed, t, n = ${seeds.length})`,
    notes: resultNotes(res.stats, scenarios),
    targets: reportRows(table).map((r) => ({ ...r, source: readableSource(r.source) })),
    findings: why.findings,
    whatDiffers: why.whatDiffers,
    zoneTable: why.zoneTable,
    lastMonth: plan.months,
    sources: why.sources,
    maps: renderZoneMaps(res.stats, infos, meta, first),
  });
  writeAtomic(join(dir, 'report.html'), html);
  manifest.outputs = sortKeys({ ...manifest.outputs, 'report.html': sha256(html) });
  writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
