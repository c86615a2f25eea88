/**
 * The levers: the model's own knobs that policies set when they are
 * installed (or month by month), read by the model's processes. Each has a
 * neutral default (no policy installed = the city as its parameters say).
 * A lever is a model quantity ("arrivals multiplier", "extra registration
 * chance"), never a policy's name or parameter block: the policy translates
 * its parameters into levers.
 */
import type { CityParams } from './params.ts';
import * as enumsM from './enums.ts';
const { NT } = enumsM;

export interface Levers {
  /** Whether any settlement route is open to non-hukou residents (for arrivals' prospect and departures). */
  settlementOpen: boolean;
  /** Whether some installed rule grants hukou without a quota (a quota policy's checked-mode bound then cannot be read from flows.settledApplicants). */
  uncappedSettlement: boolean;
  /** Per zone: 0 closed, 1 open, 2 reduce (population to be reduced; arrivals look there a fifth as often). */
  zoneStance: Uint8Array;
  /** Rent of public rental dwellings as a share of the zone's market rent (housing.ts re-applies it monthly); null = not set. */
  publicRentShare: number | null;
  /** Extra monthly registration chance by tenure, for coded dwellings. */
  registrationBoost: Float64Array;
  /** Months of registered residence that count for a permit. */
  permitMonths: number;
  /** Cost shares of government, employers and persons for each new citizen. */
  costShares: [number, number, number];
  /** Informal workers whose `points` reach this move to formal work (labour.ts); NaN = never. */
  formalAtPoints: number;
  /** Per zone, 1 where a points rule scores working there (outside the core): job seekers whose points reach `formalAtPoints` look for work only there (labour.ts); null = no such rule. */
  pointsJobZones: Uint8Array | null;
  /** Multiplier on arrivals; 1 = no restriction. */
  arrivalFactor: number;
  /** Multiplier on new construction by zone. */
  constructionFactor: Float64Array;
  /** Whether dwellings built during the run are coded in the housing registry (一户一码). */
  codeNewDwellings: boolean;
  /** Governance parameters replacing city.governance; null = the city's. */
  governance: CityParams['governance'] | null;
}

/** The neutral levers of a city with nz zones. */
export function newLevers(city: CityParams, nz: number): Levers {
  return {
    settlementOpen: false,
    uncappedSettlement: false,
    zoneStance: new Uint8Array(nz).fill(1),
    publicRentShare: null,
    registrationBoost: new Float64Array(NT),
    permitMonths: city.registration.permit_months,
    costShares: [1, 0, 0],
    formalAtPoints: NaN,
    pointsJobZones: null,
    arrivalFactor: 1,
    constructionFactor: new Float64Array(nz).fill(1),
    codeNewDwellings: false,
    governance: null,
  };
}
