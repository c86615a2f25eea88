/** `npm run docs`: regenerates the marked sections of docs/MODEL.md and the JSON Schemas in scenarios/. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { indicatorsSection, parametersSection, policiesSection, replaceSection } from './docs.ts';
import { writeJsonSchemas } from './exportSchema.ts';

const root = new URL('../../', import.meta.url);

export function modelDoc(current: string): string {
  const readDoc = (name: string) => {
    const f = new URL(`docs/policies/${name}.md`, root);
    if (!existsSync(f)) return null;
    // Drop the file's own top heading; the section heading is generated.
    return readFileSync(f, 'utf8').replace(/^# .*\n+/, '').trim();
  };
  let doc = replaceSection(current, 'indicators', indicatorsSection());
  doc = replaceSection(doc, 'parameters', parametersSection());
  doc = replaceSection(doc, 'policies', policiesSection(readDoc));
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('docs/MODEL.md', root);
  writeFileSync(path, modelDoc(readFileSync(path, 'utf8')));
  const schemas = writeJsonSchemas();
  console.log(`wrote docs/MODEL.md, ${schemas.join(', ')}`);
}
