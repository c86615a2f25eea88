/**
 * Reading a small YAML input file (targets, calibration) against a zod
 * schema through the one YAML reader (yaml.ts: limits, positions) and the one
 * zod-issue translator (problems.ts): problems name file, line, column and path.
 */
import type { z } from 'zod';
import { parseMappingFile } from './yaml.ts';
import { validateAgainst } from './problems.ts';

export function parseYamlData<S extends z.ZodType>(name: string, text: string, schema: S): z.output<S> {
  const { source, data } = parseMappingFile({ name, text });
  return validateAgainst(schema, data, [source]);
}
