/**
 * Reading a small YAML input file (targets, calibration) against a zod
 * schema, with problems that name file, line, column and path (the same
 * ScenarioProblem form as scenario files). Pure: the caller passes the text.
 * (Issue #12 brings one shared YAML reader; this goes through it once it lands.)
 */
import YAML, { LineCounter } from 'yaml';
import type { z } from 'zod';
import { LIMITS } from './schema.ts';
import { ScenarioError, describeValue, getAt, pathString, type ScenarioProblem } from './errors.ts';

export function parseYamlData<S extends z.ZodType>(name: string, text: string, schema: S): z.infer<S> {
  const lc = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    throw new ScenarioError([{ file: name, line: pos.line, col: pos.col, path: '', expected: 'valid YAML', found: e.message.split('\n')[0]! }]);
  }
  const data = doc.toJS({ maxAliasCount: LIMITS.yamlAliasesMax }) as unknown;
  const r = schema.safeParse(data);
  if (r.success) return r.data as z.infer<S>;
  const problems: ScenarioProblem[] = r.error.issues.slice(0, 8).map((issue) => {
    const path = issue.path as (string | number)[];
    let node: unknown = null;
    for (let len = path.length; len >= 0 && !node; len--) node = len === 0 ? doc.contents : doc.getIn(path.slice(0, len), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = range ? lc.linePos(range[0]) : { line: 0, col: 0 };
    let found = describeValue(getAt(data, path));
    let expected = issue.message;
    if (issue.code === 'unrecognized_keys') {
      found = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      expected = 'only the documented keys';
    } else if (issue.code === 'custom') {
      found = issue.message.replace(/^.*found /, '');
      expected = issue.message.replace(/, found .*$/, '');
    }
    return { file: name, line: pos.line, col: pos.col, path: pathString(path), expected, found };
  });
  throw new ScenarioError(problems);
}
