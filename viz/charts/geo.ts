/**
 * Zone boundaries (scenarios/geo/<city>.topo.json, built by
 * scripts/geo/build.ts): the TopoJSON of a city's zones, its zones as
 * GeoJSON features, and which boundary file fits a scenario. Pure functions,
 * the same in Node and the browser.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** A zone topology as shipped: one object `zones`, one geometry per zone (id = zone id), and the `megasim` member naming its city. */
export type ZoneTopology = Topology & { megasim?: { city: string; name: string; source: string; note?: string } };

/** A zone's boundary; `id` is the zone id, `properties.districts` the districts merged into it. */
export type ZoneFeature = Feature<Polygon | MultiPolygon, { districts?: string[] }> & { id: string };

/** The zones of a topology as GeoJSON features, in the topology's order. */
export function zoneFeatures(topology: ZoneTopology): ZoneFeature[] {
  const object = topology.objects.zones as GeometryCollection | undefined;
  if (!object) return [];
  const fc = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon, { districts?: string[] }>;
  return fc.features.map((f) => ({ ...f, id: String(f.id) }));
}

/** Zone ids of a topology, in order. */
export function zoneIdsOf(topology: ZoneTopology): string[] {
  const object = topology.objects.zones as GeometryCollection | undefined;
  return object ? object.geometries.map((g) => String(g.id)) : [];
}

/**
 * The boundaries for a city: the first file (by name) whose `megasim.name`
 * is the city's name and whose zones are exactly the city's zone ids (as a
 * set). Null when none fits (e.g. a user's own city or changed zones).
 */
export function geoForCity(geos: Readonly<Record<string, ZoneTopology>>, cityName: string, zoneIds: readonly string[]): ZoneTopology | null {
  const want = [...zoneIds].sort().join('\n');
  for (const key of Object.keys(geos).sort()) {
    const g = geos[key]!;
    if (g.megasim?.name !== cityName) continue;
    if ([...zoneIdsOf(g)].sort().join('\n') === want) return g;
  }
  return null;
}
