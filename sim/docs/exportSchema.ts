/**
 * JSON Schemas of the input files, generated from their zod schemas:
 * scenarios/schema.json (scenarios), scenarios/comparison.schema.json,
 * scenarios/sweep.schema.json and scenarios/backtest.schema.json. `npm run docs` writes them; a test checks
 * they are current. Editors use them through `$schema` or a
 * `# yaml-language-server: $schema=…` line, and `megasim validate` tells
 * the kinds of file apart by them (sim/scenario/kind.ts).
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ScenarioSchema } from '../scenario/schema.ts';
import { ComparisonSchema } from '../scenario/comparisonFile.ts';
import { SweepSchema } from '../scenario/sweepFile.ts';
import { BacktestFileSchema } from '../scenario/backtestFile.ts';
import { SCHEMA_FILES, type InputKind } from '../scenario/kind.ts';

function jsonSchema(schema: z.ZodType, title: string): string {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  js.title = title;
  return JSON.stringify(js, null, 2) + '\n';
}

export function scenarioJsonSchema(): string {
  return jsonSchema(ScenarioSchema, 'megasim scenario');
}

export function comparisonJsonSchema(): string {
  return jsonSchema(ComparisonSchema, 'megasim comparison file');
}

export function sweepJsonSchema(): string {
  return jsonSchema(SweepSchema, 'megasim sweep file');
}

export function backtestJsonSchema(): string {
  return jsonSchema(BacktestFileSchema, 'megasim backtest targets file');
}

/** Every shipped JSON Schema: file in scenarios/ → its text. */
export function jsonSchemas(): Record<string, string> {
  const text: Record<InputKind, () => string> = { scenario: scenarioJsonSchema, comparison: comparisonJsonSchema, sweep: sweepJsonSchema, backtest: backtestJsonSchema };
  return Object.fromEntries((Object.keys(text) as InputKind[]).map((k) => [SCHEMA_FILES[k], text[k]()]));
}

/** Writes the JSON Schemas into scenarios/. */
export function writeJsonSchemas(): string[] {
  const files = jsonSchemas();
  for (const [name, text] of Object.entries(files)) writeFileSync(new URL(`../../scenarios/${name}`, import.meta.url), text);
  return Object.keys(files).map((n) => `scenarios/${n}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`wrote ${writeJsonSchemas().join(', ')}`);
}
