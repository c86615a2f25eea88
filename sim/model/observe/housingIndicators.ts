/**
 * Housing indicators (MODEL.md §9): vacancy by zone and tenure, moves,
 * demolitions and displaced households, and the rent and price indexes by
 * zone, read from the world's vacancy lists, stock and levels and the
 * market's starting levels (market.ts). Only reads.
 */
import type { World } from '../world.ts';
import * as enumsM from '../enums.ts';
import { marketOf } from '../market.ts';
const { DORMITORY, MARKET_RENTAL, NT, OWNED, PUBLIC_RENTAL, TENURE, URBAN_VILLAGE } = enumsM;

/** Tenures whose vacancy is reported (vacancy_<tenure>). */
const VACANCY_TENURES = [OWNED, MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY] as const;

/** Receives one indicator value; zone -1 is the whole city (observation.ts's Record). */
type Record = (indicator: string, zone: number, value: number) => void;

export function recordHousing(w: World, R: Record): void {
  const nz = w.nz;
  const real = (x: number) => x / w.sample;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  for (const t of VACANCY_TENURES) {
    const name = `vacancy_${TENURE[t]}`;
    let v = 0, n = 0;
    for (let z = 0; z < nz; z++) {
      const k = z * NT + t;
      R(name, z, ratio(w.vacantN[k]!, w.stock[k]!));
      v += w.vacantN[k]!;
      n += w.stock[k]!;
    }
    R(name, -1, ratio(v, n));
  }
  const f = w.flows;
  R('moves', -1, real(f.moves));
  R('dwellings_demolished', -1, real(f.demolished));
  R('households_displaced', -1, real(f.displaced));
  const mk = marketOf(w);
  let riS = 0, riN = 0, piS = 0, piN = 0;
  for (let z = 0; z < nz; z++) {
    let a = 0, b = 0;
    for (const t of [MARKET_RENTAL, URBAN_VILLAGE]) {
      const k = z * NT + t;
      if (!(mk.rent0[k]! > 0)) continue;
      a += (w.rentLevel[k]! / mk.rent0[k]!) * w.stock[k]!;
      b += w.stock[k]!;
    }
    R('rent_index', z, ratio(a, b));
    riS += a;
    riN += b;
    const k = z * NT + OWNED;
    const pi = mk.price0[k]! > 0 ? w.priceLevel[k]! / mk.price0[k]! : NaN;
    R('price_index', z, pi);
    if (pi === pi) {
      piS += pi * w.stock[k]!;
      piN += w.stock[k]!;
    }
  }
  R('rent_index', -1, ratio(riS, riN));
  R('price_index', -1, ratio(piS, piN));
}
