/**
 * What every published output shares: chart metadata from scenarios, the
 * standard chart set as SVG text (drawn with d3 into jsdom), chart files,
 * the mean pyramid of several seeds and the report's headline rows. Chart
 * files are the serialised SVG with an XML declaration; the report embeds
 * the same SVG markup. Used by run.ts, compare.ts and sweep.ts beside it.
 */
import { join } from 'node:path';
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import type { Scenario } from '../../sim/scenario/schema.ts';
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { sha256 } from '../../sim/engine/digest.ts';
import type { Difference, StatRow } from '../../sim/run/stats.ts';
import { writeAtomic } from '../../sim/run/files.ts';
import { makeDocument } from '../dom.ts';
import { renderStandardCharts } from '../charts/standard.ts';
import { serializeSvg } from '../charts/serialize.ts';
import type { DiffRow } from '../report.ts';
import type { ChartMeta, PyramidInput, ScenarioInfo } from '../types.ts';
import { monthLabel } from '../format.ts';

/** A chart ready to write: its file stem and its SVG markup (no XML declaration). */
export interface ChartMarkup {
  name: string;
  svg: string;
}

/** Chart metadata: indicator definitions, calendar, zones of the first scenario (then any others), caption sources. */
export function chartMeta(scenarios: readonly Scenario[], sources: string[]): ChartMeta {
  const zones: ChartMeta['zones'] = [];
  for (const sc of scenarios) {
    for (const z of sc.city.zones) if (!zones.some((x) => x.id === z.id)) zones.push({ id: z.id, name: z.name, areaKm2: z.area_km2 });
  }
  return { indicators: INDICATORS, startMonth: scenarios[0]!.start, zones, sources };
}

/** How a scenario is shown in charts and the report (text is escaped by viz). */
export function scenarioInfo(sc: Scenario): ScenarioInfo {
  return { id: sc.id, title: sc.title, description: sc.description };
}

/** The standard chart set as SVG markup, in viz's reading order. */
export function renderCharts(stats: readonly StatRow[], scenarios: ScenarioInfo[], meta: ChartMeta, pyramids?: PyramidInput): ChartMarkup[] {
  const doc = makeDocument();
  return renderStandardCharts(doc, stats, scenarios, meta, pyramids).map((c) => ({ name: c.name, svg: serializeSvg(c.svg) }));
}

/** The text of a chart file: XML declaration, the SVG, a final newline. */
export function svgFileText(svg: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

export { meanPyramid } from '../charts/pyramid.ts';

/**
 * The report's headline rows: for each scenario after the first and each
 * headline indicator, the city-wide difference, or one row per zone for
 * indicators recorded by zone only. viz's DiffRow has no zone or measure, so
 * each row gets its own indicator key (e.g. "zone_population — core",
 * "settlements, cumulative") and a matching definition added to the report's
 * meta, whose meaning (the cell's hover text) names the months covered.
 */
export function headlineRows(diffs: readonly Difference[], headline: readonly string[], meta: ChartMeta): { rows: DiffRow[]; defs: IndicatorDef[] } {
  const rows: DiffRow[] = [];
  const defs: IndicatorDef[] = [];
  const scenarios = [...new Set(diffs.map((d) => d.scenario))];
  const zoneName = (id: string) => meta.zones.find((z) => z.id === id)?.name ?? id;
  for (const sc of scenarios) {
    for (const name of headline) {
      const def = INDICATORS.find((d) => d.name === name);
      if (!def) continue;
      const mine = diffs.filter((d) => d.scenario === sc && d.indicator === name);
      const city = mine.filter((d) => d.zone === 'all');
      for (const d of city.length > 0 ? city : mine) {
        const total = d.measure === 'total';
        const key = `${name}${d.zone === 'all' ? '' : ` — ${zoneName(d.zone)}`}${total ? ', cumulative' : ''}`;
        if (!defs.some((x) => x.name === key)) {
          const span = total ? `; summed over ${monthLabel(meta.startMonth, d.fromMonth)} to ${monthLabel(meta.startMonth, d.toMonth)}` : `; level at ${monthLabel(meta.startMonth, d.toMonth)}`;
          defs.push({ ...def, name: key, headline: false, meaning: def.meaning + span });
        }
        rows.push({ scenario: d.scenario, indicator: key, month: d.toMonth, diffMean: d.difference, lo: d.lo, hi: d.hi, significant: d.significant });
      }
    }
  }
  return { rows, defs };
}

/** Writes charts/<name>.svg for each chart and removes other .svg files left in charts/ by an earlier run. Returns path → sha256. */
export function writeChartFiles(dir: string, charts: readonly ChartMarkup[]): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const c of charts) {
    const text = svgFileText(c.svg);
    writeAtomic(join(dir, 'charts', `${c.name}.svg`), text);
    digests[`charts/${c.name}.svg`] = sha256(text);
  }
  const chartsDir = join(dir, 'charts');
  if (existsSync(chartsDir)) {
    const keep = new Set(charts.map((c) => `${c.name}.svg`));
    for (const f of readdirSync(chartsDir)) if (f.endsWith('.svg') && !keep.has(f)) unlinkSync(join(chartsDir, f));
  }
  return digests;
}
