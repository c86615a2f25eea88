/**
 * Settlement as a household decision (MODEL.md §7.6, "The apply decision").
 *
 * An eligible person applies when what local hukou is worth to their
 * household exceeds what it costs them, both as present values over
 * `city.hukou_value.horizon_years` at `discount_rate_year`:
 *
 *   value = 12 × A(T) × ( school_yuan_month × children without a place
 *                         (unplaced in the city or left behind)
 *                       + school_placed_yuan_month × children with a place
 *                       + insurance_yuan_month × adults who convert
 *                       + housing_yuan_month × [the household rents] )
 *   land  = land_income_yuan_mu_year × land mu × (A(T) − A(min(T, retention)))
 *           for rural hukou holders (given up after the rule's retention years;
 *           Chongqing 2010: 3 years [V]); 0 for urban hukou
 *   cost  = land − land-ticket compensation expected (land_tickets: take-up ×
 *           area × price × farmer share) + own contribution (cost_sharing:
 *           persons' share × (one-off public cost per citizen + A(T) × the
 *           yearly citizenisation part of the service cost, fiscal.ts) ×
 *           cost index × members converting)
 *   gain  = value − cost + taste, taste = taste_sd_yuan × logit(u), u fixed
 *           per person (personal reasons for or against)
 *
 * with A(n) = (1 − (1 + r)^−n) / r the annuity factor. A rule that grants
 * with certainty (conditions, differentiated, the routes) is applied for iff
 * gain > paperwork_yuan + the route's fees; under a quota or a pass mark the
 * person weighs the gain by their chance p of being granted (points.ts: from
 * last round's cut-off), as people weigh chances, small ones more than at
 * face value (Tversky & Kahneman 1992, cumulative prospect theory, gains:
 * w(p) = p^γ / (p^γ + (1 − p)^γ)^(1/γ), γ = `chance_weight_gamma` = 0.61;
 * w(0) = 0, w(1) = 1), so that with no chance they do not apply:
 *
 *   apply  ⇔  w(chance) × gain > paperwork_yuan + fees.
 *
 * Values are megasim defaults [U] (params.ts `hukou_value`). No draws: the
 * taste is a deterministic per-person number (salt from stream
 * "hukou_decision"), so the existing processes' draws are not shifted.
 * `householdValue` is also the "settlement prospect" a migrant weighs when
 * deciding to stay (shared with migration, #16).
 */
import type { World } from './world.ts';
import type { CityParams } from './params.ts';
import * as enumsM from './enums.ts';
import { personDraw, saltFrom } from '../engine/personDraw.ts';
import { citizenisationYear } from './fiscal.ts';
const { LOCAL_RURAL, LOCAL_URBAN, NONLOCAL_RURAL, isRental } = enumsM;

export type HukouValueParams = CityParams['hukou_value'];

/** What the decision needs to know about a household (hand-made in tests). */
export interface HouseholdFacts {
  /** School-age children without a place in the city, or left behind in the origin. */
  childrenUnplaced: number;
  /** School-age children with a place in the city (non-hukou). */
  childrenPlaced: number;
  /** Adults who would convert (the applicant and a spouse). */
  adults: number;
  renting: boolean;
  /** Whether the applicant holds rural hukou (local or non-local). */
  rural: boolean;
  /** Rural land rights held (mu). */
  landMu: number;
  /** Members who would convert (for the own contribution). */
  converting: number;
}

/** The terms a rule and the city's other policies set. */
export interface RuleTerms {
  /** Years a convert keeps their land rights (Chongqing 2010: 3); ≥ horizon = kept. */
  retentionYears: number;
  /** Expected land-ticket payment to the household, yuan (0 without land tickets). */
  landCompensation: number;
  /** Own contribution per converting member, yuan (cost_sharing's persons' share of the public cost). */
  ownContributionPerPerson: number;
  /** Fees of this route on top of the paperwork, yuan. */
  fees: number;
}

export const NO_TERMS: RuleTerms = { retentionYears: 0, landCompensation: 0, ownContributionPerPerson: 0, fees: 0 };

/** Present value of 1 a year for n years at rate r. */
export function annuity(n: number, r: number): number {
  if (n <= 0) return 0;
  return r > 0 ? (1 - Math.pow(1 + r, -n)) / r : n;
}

/** Present value of what local hukou gives the household. */
export function householdValue(V: HukouValueParams, x: HouseholdFacts): number {
  const monthly = V.school_yuan_month * x.childrenUnplaced + V.school_placed_yuan_month * x.childrenPlaced + V.insurance_yuan_month * x.adults + (x.renting ? V.housing_yuan_month : 0);
  return 12 * annuity(V.horizon_years, V.discount_rate_year) * monthly;
}

/** Present value of the land income given up (after the retention years), for rural hukou holders. */
export function landCost(V: HukouValueParams, x: HouseholdFacts, retentionYears: number): number {
  if (!x.rural || !(x.landMu > 0)) return 0;
  const T = V.horizon_years, r = V.discount_rate_year;
  return V.land_income_yuan_mu_year * x.landMu * (annuity(T, r) - annuity(Math.min(T, retentionYears), r));
}

/** The gain of being granted, before taste and paperwork: value − land + compensation − own contribution. */
export function grantGain(V: HukouValueParams, x: HouseholdFacts, t: RuleTerms): number {
  const comp = x.rural ? t.landCompensation : 0;
  return householdValue(V, x) - landCost(V, x, t.retentionYears) + comp - t.ownContributionPerPerson * x.converting;
}

/** The personal taste, yuan: taste_sd × logit(u) for the person's fixed uniform u. */
export function taste(V: HukouValueParams, u: number): number {
  const v = Math.min(1 - 1e-9, Math.max(1e-9, u));
  return V.taste_sd_yuan * Math.log(v / (1 - v));
}

/**
 * The decision weight of a chance p (Tversky & Kahneman 1992, gains): p^γ / (p^γ + (1 − p)^γ)^(1/γ).
 * 0 for p ≤ 0, 1 for p ≥ 1, p itself for γ = 1; above p for small p when γ < 1.
 */
export function chanceWeight(p: number, gamma: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return 1;
  if (gamma === 1) return p;
  const a = Math.pow(p, gamma);
  return a / Math.pow(a + Math.pow(1 - p, gamma), 1 / gamma);
}

/** The decision: apply iff w(chance) × (gain + taste) > paperwork + fees. */
export function decidesToApply(V: HukouValueParams, x: HouseholdFacts, t: RuleTerms, chance: number, u: number): boolean {
  if (!(chance > 0)) return false;
  return chanceWeight(chance, V.chance_weight_gamma) * (grantGain(V, x, t) + taste(V, u)) > V.paperwork_yuan + t.fees;
}

// ---- the world's side: facts from columns, terms other policies publish ----------------------

interface WorldTerms {
  salt: number;
  /** Land-ticket compensation expected by a household holding `mu` of land in month m (land_tickets). */
  ticket: null | ((mu: number, month: number) => number);
  /** Persons' share of the public cost per citizen (cost_sharing); 0 = none. */
  personsShare: number;
  /** Start-month yuan a converting member's share applies to: the one-off public cost + A(T) × the yearly citizenisation part of the service cost (fiscal.ts). */
  costPerCitizen: number;
}

const terms = new WeakMap<World, WorldTerms>();

function termsOf(w: World): WorldTerms {
  let t = terms.get(w);
  if (!t) {
    const F = w.city.fiscal, V = w.city.hukou_value;
    const costPerCitizen = F.public_cost_per_citizen_yuan + citizenisationYear(F) * annuity(V.horizon_years, V.discount_rate_year);
    t = { salt: saltFrom(w.streams.get('hukou_decision').next()), ticket: null, personsShare: 0, costPerCitizen };
    terms.set(w, t);
  }
  return t;
}

/** land_tickets publishes what a settling rural household expects from a ticket. */
export function setTicketCompensation(w: World, f: ((mu: number, month: number) => number) | null): void {
  termsOf(w).ticket = f;
}

/** cost_sharing publishes the persons' share of the public cost of a new citizen. */
export function setPersonsShare(w: World, share: number): void {
  termsOf(w).personsShare = share;
}

/** What other policies have published to the decision (land-ticket payment, persons' share), for dates.ts to put back at a rule's `until`. */
export interface PublishedTerms {
  ticket: WorldTerms['ticket'];
  personsShare: number;
}

export function publishedTerms(w: World): PublishedTerms {
  const t = terms.get(w);
  return { ticket: t ? t.ticket : null, personsShare: t ? t.personsShare : 0 };
}

export function restorePublishedTerms(w: World, p: PublishedTerms): void {
  const t = terms.get(w);
  if (!t) return;
  t.ticket = p.ticket;
  t.personsShare = p.personsShare;
}

const FACTS: HouseholdFacts = { childrenUnplaced: 0, childrenPlaced: 0, adults: 0, renting: false, rural: false, landMu: 0, converting: 0 };
const TERMS: RuleTerms = { retentionYears: 0, landCompensation: 0, ownContributionPerPerson: 0, fees: 0 };

/** A converting member's own contribution this month, yuan: persons' share × (one-off cost + A(T) × yearly citizenisation part) × cost index; 0 without cost sharing. */
export function ownContributionPerPerson(w: World): number {
  const t = termsOf(w);
  return t.personsShare * t.costPerCitizen * w.costIndex;
}

/** Fills the facts of applicant p's household (no allocation; the result is reused). */
export function householdFacts(w: World, p: number): HouseholdFacts {
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const S = w.city.services;
  const h = pc.hh[p]!;
  const from = S.school_age_from * 12, to = (S.school_age_to + 1) * 12;
  let placed = 0, converting = 0, adults = 1, spouse = false;
  for (let q = hc.head[h]!; q >= 0; q = pc.next[q]!) {
    if (pc.hukou[q] === LOCAL_URBAN) continue;
    const age = pc.ageM[q]!;
    if (q === p) converting++;
    else if (age < 216) {
      converting++;
      if (age >= from && age < to && pc.school[q]) placed++;
    } else if (!spouse) {
      spouse = true;
      adults++;
      converting++;
    }
  }
  const hk = pc.hukou[p]!;
  FACTS.childrenUnplaced = hc.unplaced[h]! + hc.leftBehind[h]!;
  FACTS.childrenPlaced = placed;
  FACTS.adults = adults;
  const t = w.tenureOf(h);
  FACTS.renting = t >= 0 && isRental(t);
  FACTS.rural = hk === LOCAL_RURAL || hk === NONLOCAL_RURAL;
  FACTS.landMu = FACTS.rural ? hc.landMu[h]! : 0;
  FACTS.converting = converting;
  return FACTS;
}

/** Fills the terms person p faces under a rule with these retention years and fees (the result is reused). */
function termsFor(w: World, p: number, x: HouseholdFacts, month: number, retentionYears: number, fees: number): RuleTerms {
  const t = termsOf(w);
  TERMS.retentionYears = retentionYears;
  // Only Chongqing's own rural land trades on its exchange: non-local rural households expect no ticket.
  TERMS.landCompensation = t.ticket && w.persons.cols.hukou[p] === LOCAL_RURAL ? t.ticket(x.landMu, month) : 0;
  TERMS.ownContributionPerPerson = ownContributionPerPerson(w);
  TERMS.fees = fees;
  return TERMS;
}

/** Whether person p, eligible under a rule with these retention years and fees, applies (chance: of being granted). */
export function wantsHukou(w: World, p: number, month: number, retentionYears: number, fees: number, chance: number): boolean {
  const x = householdFacts(w, p);
  return decidesToApply(w.city.hukou_value, x, termsFor(w, p, x, month, retentionYears, fees), chance, personDraw(termsOf(w).salt, p));
}

/**
 * What person p stands to gain, yuan (gain + taste): they apply iff w(chance) × stake > paperwork + fees
 * (decidesToApply), so a rule can find the chance at which they would (points.ts, the first round).
 */
export function decisionStake(w: World, p: number, month: number, retentionYears: number, fees: number): number {
  const V = w.city.hukou_value;
  const x = householdFacts(w, p);
  return grantGain(V, x, termsFor(w, p, x, month, retentionYears, fees)) + taste(V, personDraw(termsOf(w).salt, p));
}
