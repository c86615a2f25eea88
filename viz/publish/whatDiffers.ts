/**
 * "What differs": the parameters whose values differ between the scenarios of
 * a comparison, computed from their resolved, validated documents (extends
 * merged, schema defaults filled in), so the table shows what each run was
 * actually given and never an inherited description.
 *
 * A document is flattened to leaf paths: objects by key, lists of objects
 * with an `id` by that id (`city.zones[core].area_km2`), other lists of
 * objects by position, lists of plain values as one value. Words that
 * describe rather than set (titles, questions, descriptions, sources) and the
 * run settings a comparison sets for every member (seed, replications,
 * sample, horizon) are left out. A policy absent from a scenario is shown as
 * "not in force" once, with its parameters listed under the scenarios that
 * have it. Pure and deterministic: paths in first-seen order over the
 * scenarios in order.
 */

/** Keys that describe a scenario in words, never a parameter. */
const TEXT_KEYS = new Set(['id', 'title', 'title_zh', 'question', 'question_zh', 'description', 'description_zh', 'source', 'sources', 'note', 'notes']);
/** Top-level run settings: a comparison sets them for every member alike. */
const RUN_KEYS = new Set(['seed', 'replications', 'sample', 'horizon_months']);

/** One differing parameter: its path and its value in each scenario ("—" where the scenario does not set it). */
export interface WhatDiffersRow {
  path: string;
  values: string[];
}

/** A value as the table shows it: numbers (with thousands separators when `group`), lists in brackets, absent as "—". */
export function shownValue(v: unknown, group = false): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') return groupDigits(v, group);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map((x) => shownValue(x, group)).join(', ')}]`;
  return JSON.stringify(v);
}

/** 12000 → "12,000" (when `group`); 0.35 → "0.35"; from the shortest round-trip text, so the same in every engine. */
export function groupDigits(x: number, group = true): string {
  if (!Number.isFinite(x)) return String(x);
  const s = String(Math.abs(x));
  if (/e/i.test(s)) return (x < 0 ? '−' : '') + s;
  const [int, frac] = s.split('.');
  const grouped = group && int!.length > 3 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
  return (x < 0 ? '−' : '') + grouped + (frac ? `.${frac}` : '');
}

/** Whether a row's numbers are written with separators: when one of them has five or more integer digits (so years stay 2010, and 6,000 sits beside 12,000). */
const wantsGrouping = (vals: readonly unknown[]): boolean => vals.some((v) => (typeof v === 'number' && Math.abs(v) >= 10000) || (Array.isArray(v) && wantsGrouping(v)));

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf paths of one document → value, in document order. */
export function flatten(doc: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlain(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      if (TEXT_KEYS.has(k) || (prefix === '' && RUN_KEYS.has(k))) continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (Array.isArray(doc) && doc.some((x) => isPlain(x) || Array.isArray(x))) {
    doc.forEach((x, i) => {
      const key = isPlain(x) && (typeof x.id === 'string' || typeof x.id === 'number') ? String(x.id) : String(i);
      flatten(x, `${prefix}[${key}]`, out);
    });
  } else {
    out.set(prefix, doc);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The differing parameters of `docs` (the first is the baseline), with their
 * values in each. A policy a scenario does not have gets one row
 * `policies.<name>` reading "not in force" there and "in force" elsewhere,
 * and its parameters read "—" in that scenario.
 */
export function whatDiffers(docs: readonly unknown[]): WhatDiffersRow[] {
  const flat = docs.map((d) => flatten(d));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const f of flat) for (const p of f.keys()) if (!seen.has(p)) (seen.add(p), paths.push(p));
  const rows: WhatDiffersRow[] = [];
  const policyRows = new Set<string>();
  for (const p of paths) {
    const vals = flat.map((f) => f.get(p));
    if (vals.every((v) => same(v, vals[0]))) continue;
    const policy = /^policies\.([A-Za-z0-9_]+)/.exec(p)?.[1];
    if (policy && !policyRows.has(policy)) {
      const has = docs.map((d) => isPlain(d) && isPlain(d.policies) && d.policies[policy] !== undefined);
      if (has.some((h) => !h)) {
        policyRows.add(policy);
        rows.push({ path: `policies.${policy}`, values: has.map((h) => (h ? 'in force' : 'not in force')) });
      }
    }
    const group = wantsGrouping(vals);
    rows.push({ path: p, values: vals.map((v) => shownValue(v, group)) });
  }
  return rows;
}

/** The policies that are in force in some scenarios and not in others: name → which scenarios (by index) have it. */
export function policiesInForce(docs: readonly unknown[]): Map<string, boolean[]> {
  const names: string[] = [];
  for (const d of docs) if (isPlain(d) && isPlain(d.policies)) for (const k of Object.keys(d.policies)) if (!names.includes(k)) names.push(k);
  const out = new Map<string, boolean[]>();
  for (const n of names) out.set(n, docs.map((d) => isPlain(d) && isPlain(d.policies) && d.policies[n] !== undefined));
  return out;
}
