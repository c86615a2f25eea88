/**
 * What a report needs to explain itself, computed from the scenarios as run
 * and the results: the "what differs" table, the key findings, the per-zone
 * table and the sources (documents with titles, every `source:` of the
 * scenario files written readably). Used by compare.ts and run.ts beside it.
 */
import type { Scenario } from '../../sim/scenario/schema.ts';
import type { Difference, StatRow } from '../../sim/run/stats.ts';
import type { ReportSources, WhatDiffersRow, ZoneTable } from '../reportSections.ts';
import { whatDiffers } from './whatDiffers.ts';
import { keyFindings } from './findings.ts';
import { zoneTable } from './zoneTable.ts';
import { COMPILATION, SOURCE_DOCUMENTS, citedDocuments, readableSource } from './sources.ts';

export interface Explanation {
  whatDiffers: WhatDiffersRow[];
  findings: string[];
  zoneTable: ZoneTable | null;
  sources: ReportSources;
}

/** Every `source` text in a document with its path, in document order. */
export function sourceTexts(doc: unknown, prefix = '', out: { where: string; text: string }[] = []): { where: string; text: string }[] {
  if (Array.isArray(doc)) doc.forEach((x, i) => sourceTexts(x, `${prefix}[${typeof (x as { id?: unknown })?.id === 'string' ? (x as { id: string }).id : i}]`, out));
  else if (typeof doc === 'object' && doc !== null) {
    for (const [k, v] of Object.entries(doc)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (k === 'source' && typeof v === 'string') out.push({ where: path, text: v });
      else sourceTexts(v, path, out);
    }
  }
  return out;
}

/** The Sources section's data: documents cited anywhere in `texts`, and the distinct texts (first place each appears), written readably. */
export function reportSources(texts: readonly { where: string; text: string }[]): ReportSources {
  const ids: string[] = [];
  for (const t of texts) for (const id of citedDocuments(t.text)) if (!ids.includes(id)) ids.push(id);
  const seen = new Set<string>();
  const cited: { where: string; text: string }[] = [];
  for (const t of texts) {
    if (seen.has(t.text)) continue;
    seen.add(t.text);
    cited.push({ where: t.where, text: readableSource(t.text) });
  }
  const documents = SOURCE_DOCUMENTS.filter((d) => ids.includes(d.id)).map((d) => ({ id: d.id, title: d.title, about: d.about }));
  return { documents, cited, compilation: COMPILATION };
}

/** The explanation of a comparison (or, with one scenario and no differences, of a run). */
export function explain(
  scenarios: readonly Scenario[],
  stats: readonly StatRow[],
  diffs: readonly Difference[],
  headline: readonly string[],
  extraSources: readonly { where: string; text: string }[] = [],
  intervalWords = '95% interval',
): Explanation {
  const rows = scenarios.length > 1 ? whatDiffers(scenarios) : [];
  const infos = scenarios.map((s) => ({ id: s.id, title: s.title }));
  const findings = keyFindings(diffs, headline, infos, scenarios[0]!.start, rows, intervalWords).map((f) => f.text);
  const zones: { id: string; name: string }[] = [];
  for (const sc of scenarios) for (const z of sc.city.zones) if (!zones.some((x) => x.id === z.id)) zones.push({ id: z.id, name: z.name });
  const table = zoneTable(stats, diffs, infos, zones, headline);
  const texts = [...extraSources, ...scenarios.flatMap((sc) => sourceTexts(sc, sc.id))];
  return { whatDiffers: rows, findings, zoneTable: table, sources: reportSources(texts) };
}
