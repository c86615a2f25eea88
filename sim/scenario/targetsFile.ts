/** Reading targets files from disk (Node only): UTF-8, size limits, positioned problems. */
import { dirname, resolve } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { nodeReader } from './node.ts';
import { ScenarioError } from './errors.ts';
import { parseYamlData } from './yamlData.ts';
import { TargetsFileSchema, type TargetsFile } from './targets.ts';

export interface LoadedTargets {
  file: string;
  def: TargetsFile;
  /** The scenario file the targets are for (absolute), if named. */
  scenario: string | null;
}

export function loadTargetsFile(path: string): LoadedTargets {
  const full = resolve(path);
  const src = nodeReader.read(full);
  if (!src) throw new ScenarioError([{ file: path, line: 0, col: 0, path: '', expected: 'an existing targets file', found: 'no such file' }]);
  const def = parseYamlData(path, src.text, TargetsFileSchema);
  return { file: full, def, scenario: def.scenario ? resolve(dirname(full), def.scenario) : null };
}

/**
 * Targets files that apply to a loaded scenario: those in a `targets/` folder
 * beside the folder of any file of its `extends` chain whose `scenario` is one
 * of those files. In file-name order.
 */
export function targetsFor(files: readonly string[]): LoadedTargets[] {
  const chain = new Set(files.map((f) => resolve(f)));
  const dirs = [...new Set(files.map((f) => resolve(dirname(resolve(f)), '..', 'targets')))];
  const out: LoadedTargets[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((x) => /\.ya?ml$/.test(x)).sort()) {
      const t = loadTargetsFile(resolve(d, f));
      if (t.scenario && chain.has(t.scenario)) out.push(t);
    }
  }
  return out;
}
