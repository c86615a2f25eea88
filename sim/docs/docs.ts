/**
 * Generates the reference tables of docs/MODEL.md from the code: indicators
 * (from sim/model/observe/indicators.ts), parameters (walking the zod schemas: type,
 * range, default, description) and the policy list with sources. `npm run docs`
 * rewrites the marked sections; a test checks the file is in step.
 */
import { z } from 'zod';
import { INDICATORS } from '../model/observe/indicators.ts';
import { CitySchema } from '../model/params.ts';
import { POLICY_LIST } from '../policy/registry.ts';
import { defOf, peel } from '../scenario/walk.ts';

interface Row {
  path: string;
  type: string;
  range: string;
  def: string;
  doc: string;
}

function describe(s: z.ZodType): string {
  const meta = (s.meta?.() ?? {}) as { label?: string; unit?: string; doc?: string };
  const parts = [s.description, meta.label && meta.label !== s.description ? meta.label : undefined, meta.doc].filter(Boolean);
  return parts.join('. ').replace(/\|/g, '\\|');
}

/** The wrappers the tables look through (a `.prefault()` block is one row, as it always was). */
const DOC_WRAPPERS: ReadonlySet<string> = new Set(['optional', 'default', 'nullable']);

/** Rows of the parameter table: one per field, with the description of its outermost described level and its innermost default (else the enclosing block's). */
function walk(s: z.ZodType, path: string, rows: Row[], def?: unknown): void {
  const p = peel(s, DOC_WRAPPERS);
  let here = '';
  for (const l of p.layers) if (!here) here = describe(l.schema);
  for (const l of p.layers) {
    if (l.def.type === 'default') def = typeof l.def.defaultValue === 'function' ? (l.def.defaultValue as () => unknown)() : l.def.defaultValue;
  }
  const inner = p.inner;
  const d = p.def;
  if (d.type === 'object') {
    for (const [k, v] of Object.entries(d.shape!)) walk(v, path ? `${path}.${k}` : k, rows, def && typeof def === 'object' ? (def as Record<string, unknown>)[k] : undefined);
    return;
  }
  let type = d.type;
  let range = '';
  if (d.type === 'number') {
    const n = inner as z.ZodNumber;
    range = `${n.minValue ?? '−∞'} … ${n.maxValue ?? '∞'}`;
    const meta = (inner.meta?.() ?? {}) as { unit?: string };
    if (meta.unit) type = `number (${meta.unit})`;
  } else if (d.type === 'enum') {
    range = Object.values(d.entries!).join(', ');
  } else if (d.type === 'array') {
    const el = defOf(d.element!)!;
    if (el.type === 'object' || el.type === 'pipe') return walk(d.element!, `${path}[]`, rows);
    type = `list of ${el.type}`;
  }
  rows.push({ path, type, range, def: def === undefined ? '' : JSON.stringify(def), doc: here });
}

function table(rows: Row[]): string {
  const head = '| parameter | type | range | default | meaning |\n|---|---|---|---|---|\n';
  return head + rows.map((r) => `| \`${r.path}\` | ${r.type} | ${r.range} | ${r.def} | ${r.doc} |`).join('\n') + '\n';
}

export function indicatorsSection(): string {
  return (
    '| name | unit | kind | by zone | meaning |\n|---|---|---|---|---|\n' +
    INDICATORS.map((d) => `| \`${d.name}\` | ${d.unit} | ${d.kind}${d.yearly ? ', yearly' : ''} | ${d.byZone ? 'yes' : ''} | ${d.meaning} |`).join('\n') +
    '\n'
  );
}

export function parametersSection(): string {
  const city: Row[] = [];
  walk(CitySchema, 'city', city);
  let out = '### City (`city:`)\n\n' + table(city);
  for (const p of POLICY_LIST) {
    const rows: Row[] = [];
    walk(p.schema as z.ZodType, `policies.${p.name}`, rows);
    out += `\n### Policy \`${p.name}\` — ${p.title} (${p.title_zh})\n\nSource: ${p.source}\n\n` + (rows.length ? table(rows) : 'No parameters.\n');
  }
  return out;
}

export function policiesSection(readDoc: (name: string) => string | null): string {
  return POLICY_LIST.map((p) => {
    const body = readDoc(p.name);
    return `### ${p.title} — \`${p.name}\` (${p.title_zh})\n\nSource: ${p.source}\n\n${body ?? 'See the parameter table in §10.'}\n`;
  }).join('\n');
}

/** Replaces the text between `<!-- BEGIN:name -->` and `<!-- END:name -->`. */
export function replaceSection(doc: string, name: string, body: string): string {
  const begin = `<!-- BEGIN:${name} -->`;
  const end = `<!-- END:${name} -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs: no section ${name}`);
  return doc.slice(0, i + begin.length) + '\n' + body + doc.slice(j);
}
