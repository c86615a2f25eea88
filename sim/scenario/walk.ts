/**
 * The one walker over zod's internals (`schema._zod.def`), shared by
 * everything that reads the input schemas as data: zone references
 * (schema.ts), "did you mean" keys (problems.ts), the parameter tables of
 * docs/MODEL.md (sim/docs/docs.ts), sweep parameter paths (sweepFile.ts) and
 * the explorer's levers (viz/explorer/levers.ts). Each caller decides what
 * to do with wrappers, defaults and metadata; this file only knows how zod
 * stores them. Pure; runs in the browser.
 */
import type { z } from 'zod';

/** The parts of a zod definition the walkers read. */
export interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  defaultValue?: unknown;
  options?: z.ZodType[];
}

/**
 * The branch of a union a value takes, for the unions the input schemas use:
 * a policy entry is one block or a list of dated phases (sim/policy/dates.ts),
 * so a list takes the array branch and anything else (or nothing) the other.
 */
export function unionBranch(def: ZodDef, value: unknown): z.ZodType | undefined {
  const isArr = Array.isArray(value);
  return def.options?.find((o) => (peelType(o) === 'array') === isArr);
}

const peelType = (s: z.ZodType): string => {
  let cur: z.ZodType | undefined = s;
  for (let i = 0; i < 32 && cur; i++) {
    const d = defOf(cur);
    if (!d) return 'unknown';
    if (WRAPPERS.has(d.type)) cur = d.innerType;
    else if (d.type === 'pipe') cur = d.in;
    else return d.type;
  }
  return 'unknown';
};

/** A schema's definition (undefined for something that is not a zod schema). */
export function defOf(s: unknown): ZodDef | undefined {
  return (s as { _zod?: { def?: ZodDef } } | null | undefined)?._zod?.def;
}

/** Wrappers that hold one schema (`innerType`); a `pipe` is read by its input side. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** One wrapper (or the inner schema itself) met while peeling, outermost first. */
export interface Layer {
  schema: z.ZodType;
  def: ZodDef;
  /** Its `.meta()` (with `.describe()` as `description`), if any. */
  meta: Record<string, unknown> | undefined;
}

/** A schema with its wrappers peeled off. */
export interface Peeled {
  /** The schema inside every wrapper. */
  inner: z.ZodType;
  def: ZodDef;
  /** Every level from the outermost wrapper to `inner` (inclusive). */
  layers: Layer[];
  /** The outermost `.default()` / `.prefault()`, if any. */
  hasDefault: boolean;
  defaultValue: unknown;
  /** An `.optional()` somewhere in the chain. */
  optional: boolean;
}

const metaOf = (s: z.ZodType): Record<string, unknown> | undefined => {
  const m = (s as { meta?: () => unknown }).meta;
  return typeof m === 'function' ? (m.call(s) as Record<string, unknown> | undefined) : undefined;
};

/**
 * Peels wrappers (and pipes, by their input) off `s`, at most 32 levels,
 * keeping what each level says. `through` narrows the wrappers looked
 * through (the docs tables stop at `.prefault()`, as they always have).
 */
export function peel(s: z.ZodType, through: ReadonlySet<string> = WRAPPERS): Peeled {
  const layers: Layer[] = [];
  let hasDefault = false;
  let defaultValue: unknown = undefined;
  let optional = false;
  let cur = s;
  for (let i = 0; i < 32; i++) {
    const def = defOf(cur);
    if (!def) break;
    layers.push({ schema: cur, def, meta: metaOf(cur) });
    if (def.type === 'default' || def.type === 'prefault') {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      }
    }
    if (def.type === 'optional') optional = true;
    if (through.has(def.type)) cur = def.innerType!;
    else if (def.type === 'pipe') cur = def.in!;
    else break;
  }
  return { inner: cur, def: defOf(cur) ?? { type: 'unknown' }, layers, hasDefault, defaultValue, optional };
}

/** The metadata of every level merged: inner levels first, outer wrappers override. */
export function mergedMeta(p: Peeled): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = p.layers.length - 1; i >= 0; i--) Object.assign(out, p.layers[i]!.meta ?? {});
  return out;
}

/** One step down a document path, seen from the schema. */
export type Step =
  | { kind: 'field'; key: string; schema: z.ZodType }
  | { kind: 'element'; schema: z.ZodType }
  | { kind: 'item'; index: number; schema: z.ZodType }
  | { kind: 'entry'; key: string; schema: z.ZodType; keySchema: z.ZodType };

/**
 * The schema one step below `s` (wrappers peeled): a field of an object, the
 * element of a list, an item of a tuple or the value of a record entry;
 * null when `s` has no such child.
 */
export function child(s: z.ZodType, seg: string | number): Step | null {
  const d = peel(s).def;
  if (d.type === 'object' && d.shape && typeof seg === 'string' && Object.hasOwn(d.shape, seg)) return { kind: 'field', key: seg, schema: d.shape[seg]! };
  if (d.type === 'array' && d.element) return { kind: 'element', schema: d.element };
  if (d.type === 'tuple' && d.items && typeof seg === 'number' && d.items[seg]) return { kind: 'item', index: seg, schema: d.items[seg]! };
  if (d.type === 'record' && d.valueType) return { kind: 'entry', key: String(seg), schema: d.valueType, keySchema: d.keyType! };
  return null;
}

/** The fields of an object schema (wrappers peeled), or null when it is not an object. */
export function fieldsOf(s: z.ZodType): Record<string, z.ZodType> | null {
  const d = peel(s).def;
  return d.type === 'object' && d.shape ? d.shape : null;
}
