/**
 * Life events that raise a household's moving hazard (MODEL.md §3.4, housing):
 * residential mobility is driven by changes over the life course — a birth,
 * a child reaching school age, a job in another part of the city, a member
 * leaving to form a household of its own (Rossi 1955, "Why Families Move";
 * Clark & Onaka 1983; Clark & Huang 2003, "The life course and residential
 * mobility in British housing markets", Environment and Planning A 35(2);
 * SILO's household relocation model, Moeckel 2017, moves households after
 * household events). The processes that make an event (demography, the
 * labour market) mark it on the household; for `location.life_event_months`
 * months after it, the household reconsiders where it lives at its tenure's
 * moving rate times the event's factor (the product over the events marked).
 * A move clears the marks: the household has answered the event.
 *
 * The factors are megasim defaults [U]: the literature gives their direction
 * and order (a birth or a new job far away about doubles the chance of a
 * move in the year of the event), not values for Chinese cities.
 */
import type { World } from './world.ts';

/** Event bits of the households' `events` column. */
export const EVENT_BIRTH = 1;
export const EVENT_SCHOOL_AGE = 2;
export const EVENT_JOB_ELSEWHERE = 4;
export const EVENT_MEMBER_LEFT = 8;
/** Number of event-bit combinations. */
export const EVENT_COMBINATIONS = 16;

/** Marks a life event on household h: its moving hazard is raised for the next life_event_months months. */
export function noteLifeEvent(w: World, h: number, bit: number): void {
  const c = w.households.cols;
  c.events[h]! |= bit;
  c.eventLeft[h] = Math.min(255, Math.round(w.city.location.life_event_months));
  // The moving hazard's bound changes with the events: the next housing pass draws a new look (movingHazard.ts).
  c.moveAt[h] = 0;
}

/** Fills `out` (EVENT_COMBINATIONS entries) with the moving-hazard factor of each combination of event bits. */
export function eventFactors(w: World, out: Float64Array): Float64Array {
  const L = w.city.location;
  for (let b = 0; b < EVENT_COMBINATIONS; b++) {
    let f = 1;
    if (b & EVENT_BIRTH) f *= L.birth_move_factor;
    if (b & EVENT_SCHOOL_AGE) f *= L.school_age_move_factor;
    if (b & EVENT_JOB_ELSEWHERE) f *= L.job_elsewhere_move_factor;
    if (b & EVENT_MEMBER_LEFT) f *= L.member_left_move_factor;
    out[b] = f;
  }
  return out;
}
