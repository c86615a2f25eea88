/**
 * The zone maps of a run or comparison report: the shipped boundaries
 * (scenarios/geo/*.topo.json, read once) matched to the scenario's city by
 * name and zone ids, and one map per layer whose indicator is recorded by
 * zone (viz/charts/map.ts), as SVG markup for report.html.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatRow } from '../../sim/run/stats.ts';
import { makeDocument } from '../dom.ts';
import { geoForCity, type ZoneTopology } from '../charts/geo.ts';
import { mapLayers, zoneMap } from '../charts/map.ts';
import { serializeSvg } from '../charts/serialize.ts';
import type { ReportMaps } from '../mapReport.ts';
import type { ChartMeta, ScenarioInfo } from '../types.ts';

/** The folder of the shipped boundaries (beside the code, so it works from any working directory). */
export const GEO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios/geo');

let cache: Record<string, ZoneTopology> | null = null;

/** Every shipped zone topology by file stem ("chongqing-2010"), read once. */
export function shippedGeos(dir = GEO_DIR): Record<string, ZoneTopology> {
  if (dir === GEO_DIR && cache) return cache;
  const out: Record<string, ZoneTopology> = {};
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.topo.json')) out[f.replace(/\.topo\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ZoneTopology;
    }
  }
  if (dir === GEO_DIR) cache = out;
  return out;
}

/** The maps of the report, or undefined when the city has no shipped boundaries for its zones or nothing is recorded by zone. */
export function renderZoneMaps(stats: readonly StatRow[], scenarios: ScenarioInfo[], meta: ChartMeta, scenario: { city: { name: string; zones: readonly { id: string }[] } }): ReportMaps | undefined {
  const geo = geoForCity(shippedGeos(), scenario.city.name, scenario.city.zones.map((z) => z.id));
  if (!geo) return undefined;
  const layers = mapLayers(stats);
  if (layers.length === 0) return undefined;
  let from = Infinity;
  let to = -Infinity;
  for (const r of stats) {
    if (r.zone === 'all') continue;
    if (r.month < from) from = r.month;
    if (r.month > to) to = r.month;
  }
  const doc = makeDocument();
  const maps = layers.map((layer) => ({ name: `map-${layer.key}`, svg: serializeSvg(zoneMap(doc, stats, { scenarios, meta, geo, layer, month: to })) }));
  return { maps, from, to, initial: to, startMonth: meta.startMonth };
}
