/**
 * Titles and descriptions of derived scenarios must not lie: a shipped
 * scenario that extends another and changes any parameter states its own
 * title and description, and no title, description or question it inherits
 * quotes a value its parent has and it changed (the "quota of 6,000" of
 * beijing-points-quota12000).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { flatten, whatDiffers } from '../../viz/publish/whatDiffers.ts';

const derived: { file: string; parent: string; own: Record<string, unknown> }[] = [];
for (const dir of ['scenarios/cities', 'scenarios/policies']) {
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.yaml')) continue;
    const file = `${dir}/${f}`;
    const own = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof own?.extends === 'string') derived.push({ file, parent: resolve(dirname(file), own.extends), own });
  }
}

/** The ways a number may be written in prose: 6000, 6,000, 6 000. */
const spellings = (x: number) => [String(x), x.toLocaleString('en-US'), x.toLocaleString('en-US').replace(/,/g, ' ')];

describe('derived scenarios state what they are', () => {
  it('there are derived scenarios to check', () => expect(derived.length).toBeGreaterThan(10));
  for (const d of derived) {
    it(d.file, () => {
      const child = loadScenarioFile(d.file).scenario;
      const parent = loadScenarioFile(d.parent).scenario;
      const rows = whatDiffers([parent, child]);
      if (rows.length === 0) return;
      expect(d.own.title, `${d.file} changes ${rows[0]!.path} but keeps its parent's title`).toBeTypeOf('string');
      if (parent.description) expect(d.own.description, `${d.file} changes ${rows[0]!.path} but keeps its parent's description`).toBeTypeOf('string');
      const inherited = (['title', 'description', 'question'] as const).filter((k) => d.own[k] === undefined).map((k) => String(child[k] ?? ''));
      const pf = flatten(parent);
      for (const r of rows) {
        const old = pf.get(r.path);
        if (typeof old !== 'number' || Math.abs(old) < 10) continue;
        for (const text of inherited) for (const s of spellings(old)) expect(text.includes(s), `${d.file}: inherited text quotes the parent's ${r.path} = ${s}: "${text}"`).toBe(false);
      }
    });
  }
});
