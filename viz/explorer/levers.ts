/**
 * Levers generated from the scenario schema: walks the zod schema of a
 * scenario together with a resolved scenario document and returns one lever
 * per number (slider), boolean (toggle) or enum (choice) that a student may
 * move. Nothing here is a hand-written list of levers: labels, ranges, steps,
 * units and explanations come from each field's `.meta()` / `.describe()`,
 * the block's `source:` from the document, and policy titles from the
 * registry.
 *
 * Which fields become levers:
 * - any field whose meta says `lever: true` (shown first, "main" levers);
 * - any field with a meta `label`;
 * - inside a policy block, every boolean and enum, and every number with a
 *   finite range (not inside lists of plain values).
 * A field appears only where the document has it, or where the schema gives
 * a default (so an absent optional block or field is not invented).
 *
 * Pure: no DOM, no Node; the page and the tests use the same code.
 */
import type { LeverMeta } from '../../sim/model/params.ts';
import type { z } from 'zod';
import { ScenarioSchema } from '../../sim/scenario/schema.ts';
import { POLICIES } from '../../sim/policy/registry.ts';
import { defOf, fieldsOf, mergedMeta, peel, unionBranch } from '../../sim/scenario/walk.ts';

export type LeverValue = number | boolean | string;
export type LeverKind = 'number' | 'boolean' | 'enum';

/** One control of the explorer. */
export interface Lever {
  /** Stable key used in the permalink: path with list items named by their `id` ("city.zones.core.urban_share"). */
  key: string;
  /** Path in the resolved scenario document (list items by index). */
  path: (string | number)[];
  kind: LeverKind;
  /** Key of the block the lever belongs to ("policies.differentiated", "city.labour", "city.zones.core"). */
  group: string;
  /** Field name (last key of the path). */
  field: string;
  /** Set when the lever is one zone's value (per-zone rule, zone list item). */
  zone?: { id: string; name: string };
  /** Item id when the lever sits in a list item or record entry that is not a zone ("bachelor"). */
  item?: string;
  /** Keys of the nested mappings between the block and the field ("insurance" in points.insurance.cap). */
  parents: string[];
  /** The schema's words for each of `parents` (the nested block's meta `label` / `label_zh`), where it has them. */
  parentLabels?: ({ label?: string; label_zh?: string } | undefined)[];
  /** Words for an enum's choices (meta `choices`). */
  choices?: Record<string, { label: string; label_zh: string }>;
  label?: string;
  label_zh?: string;
  unit?: string;
  /** The values the schema accepts (the number box and links are checked against them). */
  min: number;
  max: number;
  /** The slider's range: the field's `ui` meta (fitting the shipped values) within [min, max]; the schema bounds when it has none. */
  slider: { min: number; max: number };
  step: number;
  integer: boolean;
  /** Choices of an enum. */
  options?: string[];
  /** What the lever is, from meta `doc`, `doc_zh` or the field's description. */
  doc?: string;
  doc_zh?: string;
  /** The `source:` of the nearest enclosing block of the document. */
  source?: string;
  /** Marked `lever: true` in the schema: shown open, first. */
  main: boolean;
  /** The value in the scenario as shipped (or the schema default). */
  value: LeverValue;
}

/** Lever metadata as the schema declares it (sim/model/params.ts), plus zod's description. */
interface Meta extends Partial<LeverMeta> {
  description?: string;
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } }; meta?: () => Meta | undefined };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strips optional/default/prefault/nullable/readonly/catch/pipe wrappers (the scenario layer's one schema walker); merges their metadata, keeps the outermost default. */
function unwrap(s: AnySchema): { inner: AnySchema; meta: Meta; hasDefault: boolean; defaultValue: unknown; optional: boolean } {
  const p = peel(s);
  return { inner: p.inner as AnySchema, meta: mergedMeta(p) as Meta, hasDefault: p.hasDefault, defaultValue: p.defaultValue, optional: p.optional };
}

/** A step for a slider when the schema gives none. */
export function defaultStep(min: number, max: number, integer: boolean): number {
  const range = max - min;
  if (integer) return range > 1000 ? niceStep(range / 200) : 1;
  if (range <= 1) return 0.01;
  if (Number.isInteger(min) && Number.isInteger(max) && range <= 120) return 1;
  return niceStep(range / 200);
}

function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const f = x / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/** Decimal places of a step (0.005 → 3, 1e-5 → 5, 500 → 0). */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0 || Number.isInteger(step)) return 0;
  const s = step.toFixed(12).replace(/0+$/, '');
  return Math.max(0, s.length - s.indexOf('.') - 1);
}

interface Ctx {
  /** Key segments (ids for list items). */
  key: string[];
  path: (string | number)[];
  group: string;
  inPolicy: boolean;
  inPrimitiveList: boolean;
  zone?: { id: string; name: string };
  item?: string;
  /** Nested mapping keys below the block (see Lever.parents), and their schema words. */
  parents: string[];
  parentLabels: ({ label?: string; label_zh?: string } | undefined)[];
  /** The value walked is a list item or record entry (named by its zone or item, not by its key). */
  isItem: boolean;
  source?: string;
  zones: Map<string, string>;
}

function fieldLever(field: string, inner: AnySchema, meta: Meta, value: unknown, ctx: Ctx): Lever | null {
  const def = defOf(inner)!;
  const base = {
    key: ctx.key.join('.'),
    path: [...ctx.path],
    group: ctx.group,
    field,
    zone: ctx.zone,
    item: ctx.item,
    parents: ctx.parents,
    parentLabels: ctx.parentLabels,
    label: meta.label,
    label_zh: meta.label_zh,
    unit: meta.unit,
    doc: meta.doc ?? meta.description,
    doc_zh: meta.doc_zh,
    source: ctx.source,
    main: meta.lever === true,
  };
  const wanted = meta.lever === true || typeof meta.label === 'string';
  if (def.type === 'number') {
    const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
    const integer = n.isInt === true;
    const min = meta.min ?? n.minValue ?? -Infinity;
    const max = meta.max ?? n.maxValue ?? Infinity;
    if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return null;
    if (!wanted && !(ctx.inPolicy && !ctx.inPrimitiveList)) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    const ui = meta.ui ?? {};
    const slider = { min: Math.max(min, ui.min ?? min), max: Math.min(max, ui.max ?? max) };
    if (slider.max <= slider.min) {
      slider.min = min;
      slider.max = max;
    }
    const step = ui.step ?? meta.step ?? defaultStep(slider.min, slider.max, integer);
    return { ...base, kind: 'number', min, max, slider, step, integer, value };
  }
  if (def.type === 'boolean') {
    if (!wanted && !ctx.inPolicy) return null;
    if (typeof value !== 'boolean') return null;
    return { ...base, kind: 'boolean', min: 0, max: 1, slider: { min: 0, max: 1 }, step: 1, integer: true, value };
  }
  if (def.type === 'enum') {
    if (!wanted && !(ctx.inPolicy && !ctx.inPrimitiveList)) return null;
    const entries = def.entries as Record<string, string | number>;
    const options = Object.values(entries).filter((v): v is string => typeof v === 'string');
    if (typeof value !== 'string' || !options.includes(value)) return null;
    return { ...base, ...(meta.choices ? { choices: meta.choices } : {}), kind: 'enum', min: 0, max: options.length - 1, slider: { min: 0, max: options.length - 1 }, step: 1, integer: true, options, value };
  }
  return null;
}

function walk(schema: AnySchema, data: unknown, ctx: Ctx, out: Lever[], field: string): void {
  const u = unwrap(schema);
  let value = data;
  if (value === undefined) {
    if (!u.hasDefault) return;
    value = u.defaultValue;
  }
  const def = defOf(u.inner)!;
  if (def.type === 'union') {
    // A policy entry is one block or a list of dated phases (sim/policy/dates.ts): follow the option the value has.
    const pick = unionBranch(def, value) as AnySchema | undefined;
    if (pick) walk(pick, value, ctx, out, field);
    return;
  }
  if (def.type === 'object') {
    if (!isObj(value)) return;
    const shape = def.shape as Record<string, AnySchema>;
    const src = typeof value.source === 'string' ? value.source : ctx.source;
    const nested = !(ctx.path.length <= 2 || ctx.isItem);
    const parents = nested ? [...ctx.parents, field] : ctx.parents;
    const words = u.meta.label !== undefined || u.meta.label_zh !== undefined ? { label: u.meta.label, label_zh: u.meta.label_zh } : undefined;
    const parentLabels = nested ? [...ctx.parentLabels, words] : ctx.parentLabels;
    for (const k of Object.keys(shape)) {
      if (k === 'source') continue;
      const sub: Ctx = { ...ctx, key: [...ctx.key, k], path: [...ctx.path, k], source: src, parents, parentLabels, isItem: false };
      if (ctx.path.length === 1 && ctx.path[0] === 'policies') {
        sub.group = `policies.${k}`;
        sub.inPolicy = true;
      } else if (ctx.path.length === 1 && ctx.path[0] === 'city') {
        sub.group = `city.${k}`;
      }
      walk(shape[k]!, value[k], sub, out, k);
    }
    return;
  }
  if (def.type === 'record') {
    if (!isObj(value)) return;
    for (const k of Object.keys(value)) {
      const zoneName = ctx.zones.get(k);
      walk(def.valueType as AnySchema, value[k], {
        ...ctx,
        key: [...ctx.key, k],
        path: [...ctx.path, k],
        zone: zoneName !== undefined ? { id: k, name: zoneName } : ctx.zone,
        item: zoneName !== undefined ? ctx.item : k,
        isItem: true,
      }, out, field);
    }
    return;
  }
  if (def.type === 'array') {
    if (!Array.isArray(value)) return;
    const el = def.element as AnySchema;
    const elType = peel(el).def.type;
    if (elType !== 'object') return; // lists of plain values are edited in YAML, not with sliders
    value.forEach((item, i) => {
      const hasId = isObj(item) && typeof item.id === 'string';
      const id = hasId ? (item.id as string) : String(i);
      const isCityZone = ctx.path.length === 2 && ctx.path[0] === 'city' && ctx.path[1] === 'zones';
      const zoneName = isCityZone && isObj(item) && typeof item.name === 'string' ? item.name : ctx.zones.get(id);
      walk(el, item, {
        ...ctx,
        key: [...ctx.key, id],
        path: [...ctx.path, i],
        group: isCityZone ? `city.zones.${id}` : ctx.group,
        zone: zoneName !== undefined ? { id, name: zoneName } : ctx.zone,
        item: zoneName !== undefined ? ctx.item : hasId ? id : `#${i + 1}`,
        parents: zoneName !== undefined || ctx.path.length <= 2 ? ctx.parents : [...ctx.parents, field],
        parentLabels: zoneName !== undefined || ctx.path.length <= 2 ? ctx.parentLabels : [...ctx.parentLabels, listWords(u.meta)],
        isItem: true,
      }, out, field);
    });
    return;
  }
  const lever = fieldLever(field, u.inner, u.meta, value, ctx);
  if (lever) out.push(lever);
}

/** A list's schema words (its meta `label` / `label_zh`), if it has any. */
function listWords(meta: Meta): { label?: string; label_zh?: string } | undefined {
  return meta.label !== undefined || meta.label_zh !== undefined ? { label: meta.label, label_zh: meta.label_zh } : undefined;
}

/** The zones of a resolved document (id → name). */
function zonesOf(doc: Record<string, unknown>): Map<string, string> {
  const m = new Map<string, string>();
  const city = doc.city;
  if (isObj(city) && Array.isArray(city.zones)) {
    for (const z of city.zones) if (isObj(z) && typeof z.id === 'string') m.set(z.id, typeof z.name === 'string' ? z.name : z.id);
  }
  return m;
}

/**
 * The levers of a resolved scenario document (city and policy blocks; the
 * run settings seed, sample, months and replications are `runSettings()`).
 * Policy levers come first (in registry order), then the city's.
 */
export function leversFor(doc: Record<string, unknown>, schema: z.ZodType = ScenarioSchema): Lever[] {
  const shape = fieldsOf(schema) as Record<string, AnySchema>;
  const zones = zonesOf(doc);
  const out: Lever[] = [];
  const ctx = (k: string): Ctx => ({ key: [k], path: [k], group: k, inPolicy: false, inPrimitiveList: false, parents: [], parentLabels: [], isItem: false, zones });
  walk(shape.policies!, doc.policies, ctx('policies'), out, 'policies');
  walk(shape.city!, doc.city, ctx('city'), out, 'city');
  return out;
}

/** A run setting: seed, sample, months, replications (bounds from the schema, narrowed for a browser). */
export interface RunSetting {
  key: 'seed' | 'sample' | 'months' | 'replications';
  /** Field of the scenario document it sets. */
  field: 'seed' | 'sample' | 'horizon_months' | 'replications';
  min: number;
  max: number;
  step: number;
  integer: boolean;
}

/** Limits the explorer adds so that a run fits in a browser tab and takes seconds to minutes. */
export const EXPLORER_LIMITS = { sampleMax: 0.05, replicationsMax: 10, sampleDefault: 0.003 } as const;

/** The run settings, with bounds read from the scenario schema (and the explorer's limits). */
export function runSettings(schema: z.ZodType = ScenarioSchema): RunSetting[] {
  const shape = fieldsOf(schema) as Record<string, AnySchema>;
  const bounds = (f: string) => {
    const n = unwrap(shape[f]!).inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
    return { min: n.minValue ?? 0, max: n.maxValue ?? Number.MAX_SAFE_INTEGER, integer: n.isInt === true };
  };
  const seed = bounds('seed');
  const sample = bounds('sample');
  const months = bounds('horizon_months');
  const reps = bounds('replications');
  return [
    { key: 'seed', field: 'seed', ...seed, step: 1 },
    { key: 'sample', field: 'sample', ...sample, max: Math.min(sample.max, EXPLORER_LIMITS.sampleMax), step: 0.0005 },
    { key: 'months', field: 'horizon_months', ...months, step: 1 },
    { key: 'replications', field: 'replications', ...reps, max: Math.min(reps.max, EXPLORER_LIMITS.replicationsMax), step: 1 },
  ];
}

/** Outcome of reading a lever value typed by a person or found in a URL. */
export interface Checked {
  value: LeverValue | null;
  /** null: accepted as is; 'clamped': out of range, moved to the nearest bound; 'refused': not a value of this lever. */
  problem: null | 'clamped' | 'refused';
}

/** Reads `raw` as a value of a number lever: out-of-range numbers are clamped, non-numbers refused. */
export function checkNumber(raw: string, min: number, max: number, integer: boolean): Checked {
  const t = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: null, problem: 'refused' };
  let v = Number(t);
  if (!Number.isFinite(v)) return { value: null, problem: 'refused' };
  let problem: Checked['problem'] = null;
  if (integer && !Number.isInteger(v)) {
    v = Math.round(v);
    problem = 'clamped';
  }
  if (v < min) return { value: min, problem: 'clamped' };
  if (v > max) return { value: max, problem: 'clamped' };
  return { value: v === 0 ? 0 : v, problem };
}

/** Reads `raw` as a value of `lever` (number, boolean or enum). */
export function checkLeverValue(lever: Pick<Lever, 'kind' | 'min' | 'max' | 'integer' | 'options'>, raw: string): Checked {
  if (lever.kind === 'number') return checkNumber(raw, lever.min, lever.max, lever.integer);
  if (lever.kind === 'boolean') {
    const t = raw.trim().toLowerCase();
    if (t === '1' || t === 'true' || t === 'on' || t === 'yes') return { value: true, problem: null };
    if (t === '0' || t === 'false' || t === 'off' || t === 'no') return { value: false, problem: null };
    return { value: null, problem: 'refused' };
  }
  const options = lever.options ?? [];
  return options.includes(raw) ? { value: raw, problem: null } : { value: null, problem: 'refused' };
}

/** The text of a value in a URL: numbers in JavaScript's shortest round-trip form, booleans as 1/0. */
export function valueText(v: LeverValue): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** A number rounded to the decimals of `step` (so slider arithmetic gives 0.3, not 0.30000000000000004). */
export function roundToStep(v: number, step: number): number {
  const d = stepDecimals(step);
  const r = Number(v.toFixed(Math.min(20, d)));
  return r === 0 ? 0 : r;
}

/**
 * A copy of `doc` with the lever values set (deep copy: the shipped document
 * is never changed). Only values that differ from the shipped ones are
 * written, so an untouched scenario stays byte-for-byte what was shipped.
 */
export function applyLevers(doc: Record<string, unknown>, levers: readonly Lever[], values: ReadonlyMap<string, LeverValue>): Record<string, unknown> {
  const out = structuredClone(doc);
  for (const l of levers) {
    const v = values.get(l.key);
    if (v === undefined || v === l.value) continue;
    setAt(out, l.path, v);
  }
  return out;
}

/** Sets `value` at `path`, creating missing mappings on the way (for fields the schema defaults). */
export function setAt(doc: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cur: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const c = cur as Record<string | number, unknown>;
    if (c[k] === undefined || c[k] === null || typeof c[k] !== 'object') c[k] = {};
    cur = c[k];
  }
  (cur as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

/** Registry title of a policy block ("policies.points" → {title, title_zh, source}). */
export function policyInfo(group: string): { title: string; title_zh: string; source: string; source_zh?: string } | null {
  if (!group.startsWith('policies.')) return null;
  const p = POLICIES.get(group.slice('policies.'.length));
  return p ? { title: p.title, title_zh: p.title_zh, source: p.source, ...(p.source_zh !== undefined ? { source_zh: p.source_zh } : {}) } : null;
}
