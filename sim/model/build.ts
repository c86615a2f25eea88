/**
 * Builds a world from the city parameters: the tables sized for the sample,
 * the starting population (init.ts), and the monthly schedule of MODEL.md §3
 * in its fixed order. Policies are installed afterwards (sim/policy) and may
 * add steps or set the policy state.
 */
import { World } from './world.ts';
import type { CityParams } from './params.ts';
import { initialiseCity, zoneResidents } from './init.ts';
import { demography } from './demography.ts';
import { labourMarket } from './labour.ts';
import { arrivals } from './arrivals.ts';
import { housingMarket } from './housing.ts';
import { registration } from './registration.ts';
import { settlementStep } from './settlement.ts';
import { schoolEnrolment } from './services.ts';
import { fiscalStep } from './fiscal.ts';
import { governance } from './governance.ts';
import { departures } from './departures.ts';
import { pulseStep } from './observe/pulse.ts';
import { initialiseMigration } from './migration.ts';

export interface WorldOptions {
  sample: number;
  seed: number | string;
  replication: number;
  /** Start month "YYYY-MM". */
  start: string;
}

/** Agents a city will start with at this sample (persons, households, dwellings), for sizing and memory estimates. */
export function startingAgents(city: CityParams, sample: number): { persons: number; households: number; dwellings: number } {
  const persons = zoneResidents(city).reduce((a, b) => a + b, 0) * sample;
  const households = persons / city.household_size;
  return { persons, households, dwellings: households * 1.1 };
}

/** The tables' starting capacities for a number of starting agents: headroom of 15% persons, 25% households, 20% dwellings, plus 64 rows. */
export function tableCapacities(a: { persons: number; households: number; dwellings: number }): { persons: number; households: number; dwellings: number } {
  return {
    persons: Math.ceil(a.persons * 1.15) + 64,
    households: Math.ceil(a.households * 1.25) + 64,
    dwellings: Math.ceil(a.dwellings * 1.2) + 64,
  };
}

export function createWorld(city: CityParams, opt: WorldOptions): World {
  const w = new World(city, opt.sample, opt.seed, opt.replication, tableCapacities(startingAgents(city, opt.sample)));
  w.startCal = Number(opt.start.slice(5, 7));
  w.start = opt.start;
  initialiseCity(w);
  initialiseMigration(w);
  pulseStep(w);
  w.initialResidents = w.persons.count;
  const sch = w.schedule;
  sch.add({ name: 'demography', monthOfYear: 0, run: demography });
  sch.add({ name: 'labour', monthOfYear: 0, run: labourMarket });
  sch.add({ name: 'arrivals', monthOfYear: 0, run: arrivals });
  sch.add({ name: 'housing', monthOfYear: 0, run: housingMarket });
  sch.add({ name: 'registration', monthOfYear: 0, run: registration });
  sch.add({ name: 'settlement', monthOfYear: 0, run: settlementStep });
  sch.add({ name: 'services', monthOfYear: city.services.enrolment_month, run: schoolEnrolment });
  sch.add({ name: 'fiscal', monthOfYear: 0, run: fiscalStep });
  sch.add({ name: 'governance', monthOfYear: 0, run: governance });
  sch.add({ name: 'departures', monthOfYear: 0, run: departures });
  // The last step: the census of the month's state and the pulse the next month reads (observation records from the same census).
  sch.add({ name: 'pulse', monthOfYear: 0, run: pulseStep });
  return w;
}
