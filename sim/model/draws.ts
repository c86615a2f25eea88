/**
 * Draws shared by the starting population (init.ts) and the monthly steps
 * (arrivals, demography, labour): education, sector, wage of a new job and
 * whether it is formal. Each takes the caller's stream.
 */
import type { Stream } from '../engine/random.ts';
import type { World } from './world.ts';
import { EDUCATION, NS, SECTORS } from './enums.ts';

/** Draws an adult education level from shares (in EDUCATION order). */
export function drawEducation(s: Stream, shares: Record<string, number>): number {
  let r = s.next();
  for (let i = 0; i < EDUCATION.length; i++) {
    r -= shares[EDUCATION[i]!]!;
    if (r < 0) return i;
  }
  return EDUCATION.length - 1;
}

/** Wage of a new job in start-month yuan: mean × education × zone factor × the tightness index of new hires × lognormal noise (mean 1). */
export function drawWage(w: World, s: Stream, edu: number, zone: number): number {
  const L = w.city.labour;
  const sd = L.wage_sd_log;
  const mult = L.wage_by_education[EDUCATION[edu]!]!;
  return L.mean_wage_yuan_month * mult * w.city.zones[zone]!.wage_factor * w.mig.wageTight * Math.exp(sd * s.normal() - (sd * sd) / 2);
}

/** Draws a sector index from the city's sector shares. */
export function drawSector(w: World, s: Stream): number {
  let r = s.next();
  const sh = w.city.labour.sector_shares as Record<string, number>;
  for (let i = 0; i < NS; i++) {
    r -= sh[SECTORS[i]!]!;
    if (r < 0) return i;
  }
  return NS - 1;
}

/** Chance a job taken by a person with this education is formal. */
export function formalChance(w: World, edu: number): number {
  return w.city.labour.formal_share_by_education[edu]!;
}
