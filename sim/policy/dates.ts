/**
 * Dates on policies (MODEL.md §6, "When a rule is in force"). Every entry of a
 * scenario's `policies:` block may carry `from` and `until` months
 * ("YYYY-MM"): the rule is in force in the simulated months whose calendar
 * month is ≥ `from` and < `until`. A policy may also be given as a list of
 * such entries (phases), so that one rule can follow another mid-run
 * (Chongqing's 2010 rule until 2015, the 2015 opinion after).
 *
 * How: an entry whose `from` falls after the first simulated month is
 * installed at the start of that month (step "policy_dates", the first of the
 * month), so that it meets the world as it then is; an entry in force from the
 * start is installed before month 1 as before (outputs of undated scenarios
 * are unchanged). At `until` the entry's settlement rules, settle listeners,
 * schedule steps and school ranking stop acting, every field of the policy
 * levers it set at install is put back to the value it had before, and so is
 * what it set outside the levers: its location-choice terms are removed, the
 * land-ticket payment and persons' share it published to the apply decision
 * and the school queue it set are put back (state a policy keeps for itself
 * stays, but its rules no longer act on it). Month m of a
 * run is the calendar month start + m (month 0 is the start, observed only).
 */
import { z } from 'zod';
import type { World } from '../model/world.ts';
import type { PolicyModule } from './types.ts';
import { locationTermsOf } from '../model/location.ts';
import { publishedTerms, restorePublishedTerms } from '../model/hukouValue.ts';

export const YEAR_MONTH = /^(19|20|21)\d\d-(0[1-9]|1[0-2])$/;
const month = () => z.string().regex(YEAR_MONTH, 'a month as YYYY-MM');

/** The fields every policy entry accepts besides its own parameters. */
export const DATE_FIELDS = {
  from: month().optional().describe('first calendar month the rule is in force (YYYY-MM); omitted = from the start'),
  until: month().optional().describe('first calendar month the rule is no longer in force (YYYY-MM); omitted = to the end'),
};

export interface DatedEntry {
  from?: string;
  until?: string;
}

/** Months from `start` to `ym` (both "YYYY-MM"): the simulated month whose calendar month is `ym`. */
export function monthIndex(start: string, ym: string): number {
  return (Number(ym.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(ym.slice(5, 7)) - Number(start.slice(5, 7));
}

/** The simulated months [from, until) in which an entry is in force (from ≥ 1; until = Infinity for none). */
export function activeMonths(start: string, e: DatedEntry): { from: number; until: number } {
  const from = e.from === undefined ? 1 : Math.max(1, monthIndex(start, e.from));
  const until = e.until === undefined ? Infinity : monthIndex(start, e.until);
  return { from, until };
}

/** Splits an entry into its dates and the policy's own parameters. */
export function splitDates(entry: Record<string, unknown>): { dates: DatedEntry; params: Record<string, unknown> } {
  const { from, until, ...params } = entry;
  return { dates: { from: from as string | undefined, until: until as string | undefined }, params };
}

type PolicyState = World['levers'];
type Snapshot = Map<string, unknown>;

/** Copies of the policy state's fields (typed arrays copied; other values by reference). */
function snapshot(s: PolicyState): Snapshot {
  const out: Snapshot = new Map();
  for (const [k, v] of Object.entries(s)) {
    out.set(k, ArrayBuffer.isView(v) ? (v as Float64Array).slice() : Array.isArray(v) ? v.slice() : v);
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as Float64Array, y = b as Float64Array;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  return Object.is(a, b);
};

/** Puts snapshot values back into the policy state (typed arrays in place). */
function restore(s: PolicyState, keys: readonly string[], snap: Snapshot): void {
  const o = s as unknown as Record<string, unknown>;
  for (const k of keys) {
    const v = snap.get(k);
    if (ArrayBuffer.isView(v)) (o[k] as Float64Array).set(v as Float64Array);
    else o[k] = Array.isArray(v) ? v.slice() : v;
  }
}

interface Pending {
  from: number;
  until: number;
  rank: number;
  module: PolicyModule;
  params: unknown;
}

/** What an entry installed, to be switched off at `until`. */
interface Installed {
  until: number;
  changed: string[];
  before: Snapshot;
  /** Puts back what the entry set outside the levers (location terms, terms of the apply decision, the school queue). */
  undo: () => void;
}

/**
 * Installs one entry now, wrapping what it adds so that it stops at `until`.
 * `rank` is the policy's place in the registry: its settlement rules and
 * listeners go after those of policies ranked before it, whenever installed.
 */
function installNow(w: World, e: Pending, ranks: WeakMap<object, number>, live: Installed[], add: AddPolicy): void {
  const before = snapshot(w.levers);
  const rules0 = new Set(w.settlementRules);
  const listeners0 = new Set(w.settleListeners);
  const steps0 = new Set(w.schedule.steps);
  const rank0 = w.schoolRank;
  const queue0 = w.schoolQueue;
  const nTerms0 = locationTermsOf(w)?.length ?? 0;
  const published0 = publishedTerms(w);
  add(w, e.module, e.params);
  const until = e.until;
  const bounded = Number.isFinite(until);
  // Settlement rules and listeners: keep registry order, and stop at `until`.
  const place = <T extends object>(list: T[], old: Set<T>, wrap: (f: T) => T): void => {
    const added = list.filter((f) => !old.has(f));
    const kept = list.filter((f) => old.has(f));
    for (const f0 of added) {
      const f = bounded ? wrap(f0) : f0;
      ranks.set(f, e.rank);
      let i = kept.length;
      while (i > 0 && (ranks.get(kept[i - 1]!) ?? -1) > e.rank) i--;
      kept.splice(i, 0, f);
    }
    list.length = 0;
    list.push(...kept);
  };
  place(w.settlementRules, rules0, (f) => (w2, m) => {
    if (m < until) f(w2, m);
  });
  place(w.settleListeners, listeners0, (f) => (w2, p, m, prev) => {
    if (m < until) f(w2, p, m, prev);
  });
  if (!bounded) return;
  for (const s of w.schedule.steps) {
    if (steps0.has(s)) continue;
    const run = s.run;
    s.run = (w2, m) => {
      if (m < until) run(w2, m);
    };
  }
  if (w.schoolRank !== rank0) {
    const r = w.schoolRank!;
    w.schoolRank = (w2, c, p) => (w2.month < until ? r(w2, c, p) : rank0 ? rank0(w2, c, p) : -1);
  }
  const after = snapshot(w.levers);
  const changed = [...after.keys()].filter((k) => !same(before.get(k), after.get(k)));
  // Outside the levers: the location terms it added, what it published to the apply decision, its school queue.
  const addedTerms = (locationTermsOf(w) ?? []).slice(nTerms0);
  const published1 = publishedTerms(w);
  const publishedChanged = published1.ticket !== published0.ticket || published1.personsShare !== published0.personsShare;
  const queue1 = w.schoolQueue;
  const undo = (): void => {
    const list = locationTermsOf(w);
    if (list) for (const t of addedTerms) {
      const i = list.indexOf(t);
      if (i >= 0) list.splice(i, 1);
    }
    if (publishedChanged) restorePublishedTerms(w, published0);
    if (queue1 !== queue0 && w.schoolQueue === queue1) w.schoolQueue = queue0;
  };
  live.push({ until, changed, before, undo });
}

/**
 * Installs the scenario's policies: entries in force from the start now, in
 * registry order; later entries at the start of their month (step
 * "policy_dates", added only when some entry has a date after the start).
 */
/** How the registry installs one policy entry (its columns, flows, install and invariants). */
export type AddPolicy = (w: World, p: PolicyModule, params: unknown) => void;

export function installDated(w: World, start: string, list: readonly PolicyModule[], config: Record<string, unknown>, add: AddPolicy): void {
  const pending: Pending[] = [];
  list.forEach((module, rank) => {
    const v = config[module.name];
    if (v === undefined) return;
    for (const entry of Array.isArray(v) ? v : [v]) {
      const { dates, params } = splitDates(entry as Record<string, unknown>);
      const { from, until } = activeMonths(start, dates);
      pending.push({ from, until, rank, module, params });
    }
  });
  const ranks = new WeakMap<object, number>();
  const live: Installed[] = [];
  const later: Pending[] = [];
  for (const e of pending) {
    if (e.until <= e.from) continue; // never in force within the run
    if (e.from <= 1) installNow(w, e, ranks, live, add);
    else later.push(e);
  }
  if (later.length === 0 && live.length === 0) return;
  // Stable: by month, then registry order, then scenario order of phases.
  later.sort((a, b) => a.from - b.from || a.rank - b.rank);
  w.schedule.steps.unshift({
    name: 'policy_dates',
    monthOfYear: 0,
    run: (w2, m) => {
      // Ends first (newest first), so that a rule starting the month another ends meets the state without it.
      for (let i = live.length - 1; i >= 0; i--) {
        const e = live[i]!;
        if (e.until !== m) continue;
        restore(w2.levers, e.changed, e.before);
        e.undo();
      }
      for (const e of later) if (e.from === m) installNow(w2, e, ranks, live, add);
    },
  });
}
