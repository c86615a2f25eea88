/**
 * The shipped zone boundaries (scenarios/geo/): one file per shipped city,
 * exactly one feature per zone of the city file with the same ids, small,
 * wound as d3-geo expects (a wrongly wound ring covers the rest of the
 * globe), and of about the area the city file declares, except the zones
 * documented as approximations in scenarios/geo/README.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { geoArea } from 'd3';
import { geoForCity, zoneFeatures, zoneIdsOf, type ZoneTopology } from '../../viz/charts/geo.ts';

const EARTH_KM = 6371.0088;
const cities = readdirSync('scenarios/cities').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

interface CityZones {
  name: string;
  zones: { id: string; area_km2: number }[];
}
const cityOf = (c: string) => (parse(readFileSync(`scenarios/cities/${c}.yaml`, 'utf8')) as { city: CityZones }).city;
const geoOf = (c: string) => JSON.parse(readFileSync(`scenarios/geo/${c}.topo.json`, 'utf8')) as ZoneTopology;

/** Zones drawn from whole districts although the city file's zone is not a union of districts (see scenarios/geo/README.md). */
const APPROXIMATED: Record<string, readonly string[]> = { 'chongqing-2010': ['core', 'expansion'] };

describe('zone boundaries', () => {
  it('ships one boundary file per shipped city and nothing else', () => {
    const geos = readdirSync('scenarios/geo').filter((f) => f.endsWith('.topo.json')).map((f) => f.replace(/\.topo\.json$/, '')).sort();
    expect(geos).toEqual(cities);
    expect(cities.length).toBe(8);
  });

  for (const c of cities) {
    describe(c, () => {
      const city = cityOf(c);
      const topo = geoOf(c);
      const features = zoneFeatures(topo);

      it('has exactly one feature per zone of the city file, with matching ids, in file order', () => {
        expect(zoneIdsOf(topo)).toEqual(city.zones.map((z) => z.id));
        expect(features.map((f) => f.id)).toEqual(city.zones.map((z) => z.id));
        expect(new Set(features.map((f) => f.id)).size).toBe(features.length);
      });

      it('names its city and the districts of each zone, each district in one zone only', () => {
        expect(topo.megasim?.name).toBe(city.name);
        expect(topo.megasim?.city).toBe(c);
        const districts = features.flatMap((f) => f.properties.districts ?? []);
        for (const f of features) expect(f.properties.districts?.length).toBeGreaterThan(0);
        expect(new Set(districts).size).toBe(districts.length);
      });

      it('is small (< 100 KB)', () => {
        expect(statSync(`scenarios/geo/${c}.topo.json`).size).toBeLessThan(100 * 1024);
      });

      it("draws each zone with about the city file's area (documented approximations aside)", () => {
        for (const f of features) {
          const km2 = geoArea(f) * EARTH_KM * EARTH_KM;
          const declared = city.zones.find((z) => z.id === f.id)!.area_km2;
          const ratio = km2 / declared;
          if (APPROXIMATED[c]?.includes(f.id)) {
            // The drawn zone differs from the declared one, but is still a zone of the city and not the globe.
            expect(ratio, `${c}/${f.id}: ${km2.toFixed(0)} km² drawn, ${declared} declared`).toBeGreaterThan(0.1);
            expect(ratio).toBeLessThan(10);
          } else {
            expect(ratio, `${c}/${f.id}: ${km2.toFixed(0)} km² drawn, ${declared} declared`).toBeGreaterThan(0.75);
            expect(ratio, `${c}/${f.id}: ${km2.toFixed(0)} km² drawn, ${declared} declared`).toBeLessThan(1.35);
          }
        }
      });

      it('is the file geoForCity picks for the city', () => {
        const all = Object.fromEntries(cities.map((k) => [k, geoOf(k)]));
        expect(geoForCity(all, city.name, city.zones.map((z) => z.id))).toBe(all[c]);
        expect(geoForCity(all, city.name, [...city.zones.map((z) => z.id), 'extra'])).toBeNull();
        expect(geoForCity(all, `${city.name} (edited)`, city.zones.map((z) => z.id))).toBeNull();
      });
    });
  }

  it('the drawn Chongqing core holds the six districts that make up the 2013 core and is larger than the plan core', () => {
    const f = zoneFeatures(geoOf('chongqing-2010')).find((z) => z.id === 'core')!;
    expect([...(f.properties.districts ?? [])].sort()).toEqual(['九龙坡区', '南岸区', '大渡口区', '沙坪坝区', '江北区', '渝中区'].sort());
    expect(geoArea(f) * EARTH_KM * EARTH_KM).toBeGreaterThan(294);
  });
});
