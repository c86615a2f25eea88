/** Writes scenarios/targets.schema.json and scenarios/calibration.schema.json from their zod schemas (tsx sim/scenario/exportFileSchemas.ts). */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { TargetsFileSchema } from './targets.ts';
import { CalibrationSchema } from './calibration.ts';

const asJson = (schema: z.ZodType, title: string) => {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  js.title = title;
  return JSON.stringify(js, null, 2) + '\n';
};

export const targetsJsonSchema = (): string => asJson(TargetsFileSchema, 'megasim targets');
export const calibrationJsonSchema = (): string => asJson(CalibrationSchema, 'megasim calibration');

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../scenarios/targets.schema.json', import.meta.url), targetsJsonSchema());
  writeFileSync(new URL('../../scenarios/calibration.schema.json', import.meta.url), calibrationJsonSchema());
  console.log('wrote scenarios/targets.schema.json, scenarios/calibration.schema.json');
}
