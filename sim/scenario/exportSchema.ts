/** Writes scenarios/schema.json from the zod schema (npm run schema). */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ScenarioSchema } from './schema.ts';

export function scenarioJsonSchema(): string {
  const js = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  js.title = 'megasim scenario';
  return JSON.stringify(js, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../scenarios/schema.json', import.meta.url), scenarioJsonSchema());
  console.log('wrote scenarios/schema.json');
}
